// Head elements that OCR text needs read differently from a text layer: the red 发文机关标志 that
// the ocr plugin reads apart from the body (Page::masthead), and a title that OCR joined to the
// 主送 line under it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen::fields {

/// The organ name(s) a masthead prints, `文件` taken off and OCR debris at either end (a rule
/// read as `一` or `|`, quotes) dropped; the spaces between joint issuers are kept
/// (`云溪市教育局 云溪市财政局`). Nothing when no name is left or it is too long to be one.
std::optional<std::string> masthead_name(std::string_view masthead);

/// False when a name holds a digit or a bracket: what stands before 关于 in a title is then a doc
/// number OCR garbled past recognition (`湘应急办字【〔2020]42号关于…`), not its issuer.
bool organ_names(const std::vector<std::string>& names);

/// A paragraph of OCR text that holds the title's (last) words, then the 主送 line
/// (`…的通知各区县人民政府，市政府各部门：`), then perhaps the first words of the body when OCR
/// joined those too: {title, the 主送 list without its colon, what follows}. The title ends with
/// the first 文种 after which come names of bodies (each ending like 人民政府, 部门, 局, 单位, 中心
/// …) separated by ，；, up to the colon — or up to the `;`, `；` or `，` OCR made of the colon, or
/// the paragraph's end. Nothing when the paragraph is not so made.
struct GluedHead {
    std::string title, recipients, rest;
};
std::optional<GluedHead> split_title_from_recipients(std::string_view paragraph);

/// A paragraph of OCR text that starts with the 主送 list, closed by its colon or what OCR made of
/// it, and goes on with the body: {the list without its colon, the body}.
std::optional<std::pair<std::string, std::string>> recipients_before_body(std::string_view paragraph);

}  // namespace gongwen::fields
