// A saved web page (a PDF printed from a browser, a .txt save, a copy of the page) holds the
// document inside the site's chrome: navigation and breadcrumbs above it, page facts (来源, 浏览次数,
// 字号) and tool bars (打印, 分享, 关闭) around it, lists of related articles with their dates and a
// footer (主办单位, ICP/公安备案, 网站标识码) below it. None of that is a field of the document:
// its dates are not the 成文日期 and its names are not the issuer. This module tells those lines
// apart so that the fields reader reads the document proper only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::fields {

/// One flag per line: true where the line is the site's, not the document's. `raw` are the lines
/// as extracted, `cleaned` the same without spaces between Han characters; `names_an_organ` says
/// whether a text is the name of an organ (a signature glued to its date is the document's).
std::vector<bool> site_chrome(const std::vector<std::string>& raw, const std::vector<std::string>& cleaned,
                              const std::function<bool(std::string_view)>& names_an_organ);

/// A web page's title line with the doc number in front (`浙政发〔2004〕4号浙江省人民政府关于…`,
/// `〔2020〕12号 南京市…`, `农办计〔2016〕92号《农业部办公厅关于…的批复》`) or the site's status
/// (`[有效]`, `（已废止）`): the title alone. Other titles are returned as they are.
std::string title_without_number(std::string_view title);

/// A metadata label whose value the page left empty (`主送机关：`, `公开方式：`): the whole line
/// is a short label and its colon.
bool is_bare_label(std::string_view cleaned);

}  // namespace gongwen::fields
