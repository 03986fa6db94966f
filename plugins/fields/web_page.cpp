#include "web_page.hpp"

#include <algorithm>
#include <optional>

#include "gongwen/dates.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/text.hpp"
#include "line_text.hpp"

namespace gongwen::fields {
namespace {

/// Page facts and furniture, known by how the line starts. 发布日期 and the other metadata labels
/// are not here: the metadata block is read, not thrown away.
constexpr std::string_view kChromeStarts[] = {
    "当前位置", "您当前的位置", "您的位置", "你的位置", "你当前的位置", "所在位置", "字号：", "字号:", "字体：", "字体:", "【字体",
    "【字号", "[字体", "[字号", "来源：", "来源:", "信息来源", "文章来源", "稿件来源", "浏览次数", "浏览：", "浏览:", "阅读次数",
    "阅读数", "点击数", "点击次数", "点击：", "访问量", "访问次数", "分享到", "分享：", "分享:", "发布时间", "日期：", "日期:",
    "时间：", "作者：", "作者:", "责任编辑", "编辑：", "编辑:", "文档附件", "附件下载", "相关附件", "文件下载", "下载文件",
    "扫一扫", "扫描二维码", "手机扫", "微信扫", "本文链接", "本文关键词", "上一篇", "下一篇", "主办单位", "主办：", "主办:",
    "承办单位", "承办：", "承办:", "协办单位", "技术支持", "运维单位", "网站维护", "联系我们", "网站地图", "建议使用",
    "版权所有", "Copyright", "copyright", "COPYRIGHT", "©"};

/// Footer marks that may sit anywhere in the line.
constexpr std::string_view kChromeParts[] = {"ICP备", "公网安备", "网安备", "网站标识码", "版权所有", "Copyright", "©", "扫一扫在手机"};

/// The site's name in its banner: `河南省人民政府门户网站`, `中国外资网`.
constexpr std::string_view kSiteNameEnds[] = {"门户网站", "网站", "政府网", "信息网", "公开网", "外资网", "服务网"};

/// Headers of the lists of other articles a page shows under the document.
constexpr std::string_view kListHeaders[] = {"相关文章", "相关链接", "相关阅读", "相关文件", "相关新闻", "相关政策", "相关解读",
                                             "政策解读", "相关信息", "推荐阅读", "热点推荐", "延伸阅读", "相关稿件", "相关报道",
                                             "猜你喜欢", "热门文章", "最新文章", "相关政策文件", "相关推荐", "相关专题"};

/// What a tool bar is made of: `【打印本页】【关闭窗口】`, `打印 | 关闭`, `字号：大 中 小`.
constexpr std::string_view kToolTokens[] = {"打印本页", "打印此页", "关闭窗口", "关闭本页", "返回顶部", "我要纠错", "加入收藏",
                                            "收藏本页", "纠错", "保存", "下载", "打印", "关闭", "收藏",
                                            "分享", "返回", "字号", "字体", "大", "中", "小", "【", "】", "[", "]", "|", "｜",
                                            "：", ":", "（", "）", "(", ")", " ", "\u3000", "\t", "·", "/"};

/// Labels of metadata fields beyond those read as pairs (domain notes §1.3 and what provincial
/// sites print): with an empty value the line is a bare label, not a 主送 line.
constexpr std::string_view kBareLabels[] = {
    "主送机关", "主送单位", "抄送机关", "公开方式", "公开范围", "公开属性", "公开形式", "信息时效期", "时效性", "时效", "有效期",
    "统一登记号", "登记号", "统一编号", "所属机构", "发文日期", "公开责任部门", "责任部门", "信息分类", "分类", "主题词",
    "关键词", "体裁分类", "组配分类", "服务对象", "发文单位", "发布单位", "公文种类", "文种", "信息来源", "来源", "实施日期",
    "施行日期", "生效日期", "废止日期", "失效日期", "效力状态", "状态", "层级", "类型", "名称", "文件编号", "编号",
    "发布时间", "公开日期", "备注", "索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "文号", "发布日期",
    "所属主题", "发布机构", "签署日期", "登记日期", "生成日期", "有效性"};

bool is_breadcrumb(std::string_view line) {
    const bool arrows = contains(line, ">") || contains(line, "＞") || contains(line, "»") || contains(line, "›") ||
                        contains(line, "→") || contains(line, "/");
    return arrows && char_count(line) <= 80 && (starts_with(line, "首页") || starts_with(line, "网站首页") || contains(line, "位置"));
}

/// `首页 | 机构概况 | 政务公开 | 办事服务`: a menu, several short items between bars.
bool is_menu(std::string_view line) {
    // `| 序号 | 项目 |`: a Markdown table row, not a menu.
    if (starts_with(line, "|") || ends_with(line, "|") || starts_with(line, "｜") || ends_with(line, "｜")) return false;
    std::size_t bars = 0, longest = 0, current = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        const char32_t cp = gongwen::next_code_point(line, pos);
        if (cp == U'|' || cp == U'｜') {
            ++bars;
            longest = std::max(longest, current);
            current = 0;
        } else if (cp != U' ' && cp != U'\u3000') {
            ++current;
        }
    }
    return bars >= 3 && std::max(longest, current) <= 10;
}

/// `首页 政务公开 政务服务 互动交流`: a menu set apart by spaces only (read from the raw line:
/// cleaning drops the spaces between Han words).
bool is_spaced_menu(std::string_view raw) {
    const std::string line = gongwen::trim(raw);
    if (!starts_with(line, "首页") && !starts_with(line, "网站首页")) return false;
    std::size_t parts = 0, current = 0, longest = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        const char32_t cp = gongwen::next_code_point(line, pos);
        if (cp == U' ' || cp == U'\u3000' || cp == U'\t') {
            if (current > 0) ++parts;
            longest = std::max(longest, current);
            current = 0;
        } else {
            ++current;
        }
    }
    if (current > 0) ++parts;
    return parts >= 4 && std::max(longest, current) <= 8;
}

bool is_tool_bar(std::string_view line) {
    std::string_view rest = line;
    bool took_word = false;
    while (!rest.empty()) {
        bool matched = false;
        for (auto token : kToolTokens) {
            if (starts_with(rest, token)) {
                rest.remove_prefix(token.size());
                matched = true;
                took_word = took_word || gongwen::is_han(gongwen::to_u32(token).front());
                break;
            }
        }
        if (!matched) return false;
    }
    return took_word;
}

bool is_list_header(std::string_view line) {
    for (std::string_view colon : {"：", ":"}) {
        if (ends_with(line, colon)) line.remove_suffix(colon.size());
    }
    for (auto header : kListHeaders) {
        if (line == header) return true;
    }
    return false;
}

bool is_chrome_line(std::string_view line) {
    for (auto start : kChromeStarts) {
        if (starts_with(line, start)) return true;
    }
    for (auto part : kChromeParts) {
        if (contains(line, part)) return true;
    }
    if (char_count(line) <= 20) {
        for (auto end : kSiteNameEnds) {
            if (ends_with(line, end)) return true;
        }
    }
    return is_breadcrumb(line) || is_menu(line) || is_tool_bar(line) || is_list_header(line);
}

/// A date to the day (`2021-03-05`, `2021年3月5日`), not a year or a period (`（2021—2025年）`).
bool names_a_day(std::string_view text) {
    return contains(text, "日") || std::count_if(text.begin(), text.end(), [](char c) { return c == '-' || c == '/' || c == '.'; }) >= 2;
}

/// A date written the way a page lists its articles (2021-03-05, 2021/03/05, 2021.03.05), not
/// the way a document is signed (2021年3月5日).
bool is_numeric_date(std::string_view text) { return !contains(text, "年") && !contains(text, "月"); }

/// The line is a date alone (spaces, brackets and a time of day around it allowed).
std::optional<DateMention> only_date(std::string_view line) {
    if (line.size() > 64) return std::nullopt;   // asked of every line: a long one is no bare date
    const auto dates = gongwen::find_dates(line, std::nullopt);
    if (dates.size() != 1 || !dates.front().date) return std::nullopt;
    const auto& m = dates.front();
    auto filler = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c == ' ' || c == '\t' || c == ':' || (c >= '0' && c <= '9') || c == '[' || c == ']' || c == '(' || c == ')'; });
    };
    if (!filler(line.substr(0, m.begin)) || !filler(line.substr(m.end))) return std::nullopt;
    return m;
}

/// `关于…的通知 2021-03-05`, `· 安徽省人民政府关于…的通报 (2014-01-20)`: an entry of an article list.
/// A signature glued to its date (`上海市人民政府办公厅 2021年3月2日`) is the document's.
bool is_listed_article(std::string_view raw, const std::function<bool(std::string_view)>& names_an_organ) {
    const std::string line = gongwen::trim(raw);
    if (contains(line, "。") || contains(line, "：") || contains(line, ":") || char_count(line) > 90) return false;
    const auto dates = gongwen::find_dates(line, std::nullopt);
    if (dates.empty() || !dates.back().date || !names_a_day(dates.back().text)) return false;
    const auto& m = dates.back();
    std::string after = gongwen::trim(line.substr(m.end));
    for (std::string_view close : {"）", ")", "]", "】"}) {
        if (starts_with(after, close)) after = gongwen::trim(after.substr(close.size()));
    }
    if (!after.empty()) return false;
    std::string before = gongwen::trim(line.substr(0, m.begin));
    bool set_apart = !before.empty() && (line[m.begin - 1] == ' ' || line[m.begin - 1] == '\t' || ends_with(before, "(") ||
                                        ends_with(before, "（") || ends_with(before, "[") || ends_with(before, "【"));
    for (std::string_view open : {"（", "(", "[", "【"}) {
        if (ends_with(before, open)) before = gongwen::trim(before.substr(0, before.size() - open.size()));
    }
    for (std::string_view bullet : {"·", "•", "-", "*", "◆", "■", "●", ">"}) {
        if (starts_with(before, bullet)) before = gongwen::trim(before.substr(bullet.size()));
    }
    if (before.empty() || names_an_organ(gongwen::remove_spaces_between_han(before))) return false;
    const auto han = gongwen::to_u32(before);
    if (std::count_if(han.begin(), han.end(), [](char32_t c) { return gongwen::is_han(c); }) < 4) return false;
    return set_apart || is_numeric_date(m.text);
}

/// An article's title as a page lists it: `…关于…的通知`, `…的实施意见`.
bool reads_as_title(std::string_view line) {
    static constexpr std::string_view kTypes[] = {"通知", "意见", "决定", "通报", "报告", "请示", "批复", "函", "纪要", "公告",
                                                  "通告", "决议", "办法", "方案", "规定", "细则", "规划", "计划", "解读"};
    if (contains(line, "。") || char_count(line) > 80) return false;
    return contains(line, "关于") || std::any_of(std::begin(kTypes), std::end(kTypes), [&](std::string_view t) { return ends_with(line, t); });
}

/// `（此件主动公开）` is the 附注 under a signature date; anywhere else it is the page's label.
bool is_publicity_note(std::string_view line) {
    return (starts_with(line, "（") || starts_with(line, "(")) && (ends_with(line, "）") || ends_with(line, ")")) && contains(line, "此件") &&
           char_count(line) <= 16;
}

}  // namespace

bool is_bare_label(std::string_view line) {
    for (std::string_view colon : {"：", ":"}) {
        if (!ends_with(line, colon)) continue;
        std::string label;
        const std::string_view name = line.substr(0, line.size() - colon.size());
        for (std::size_t pos = 0; pos < name.size();) {
            const std::size_t at = pos;
            const char32_t cp = gongwen::next_code_point(name, pos);
            if (cp != U' ' && cp != U'\u3000' && cp != U'\t') label += name.substr(at, pos - at);
        }
        if (std::find(std::begin(kBareLabels), std::end(kBareLabels), label) != std::end(kBareLabels)) return true;
        // Labels of other sites by their form: a field's name (…日期, …文号, …分类), or the organ
        // a field names (发文机构, 联合发文单位). `省直各单位：`, `各有关机关：` are 主送 lines.
        if (label.empty() || char_count(label) > 8 || starts_with(label, "各")) return false;
        static constexpr std::string_view kFieldEnds[] = {"日期", "时间", "字号", "文号", "分类", "方式", "范围", "编号", "状态",
                                                          "类别", "种类", "名称", "标题", "时效", "有效性", "层级", "类型", "主题"};
        // Not 主送/抄送: `抄送：` over its list is the 版记's.
        static constexpr std::string_view kOrganFieldStarts[] = {"发文", "发布", "成文", "所属", "制发", "公开", "联合", "责任",
                                                                 "信息", "来源"};
        for (auto end : kFieldEnds) {
            if (ends_with(label, end)) return true;
        }
        for (auto start : kOrganFieldStarts) {
            if (starts_with(label, start)) return true;
        }
        return false;
    }
    return false;
}

/// A menu printed one item a line (a side column beside the article: 政策文件 / 市政府文件 / 部门文件
/// / 政策解读 …): four or more short lines in a row above the document's first sentence, none a
/// sentence, a date, a label or the name of an organ. A 公文's head never stacks four such lines
/// (份号 and 密级 carry digits and ★, the masthead is one line, title lines are long).
void mark_menu_runs(const std::vector<std::string>& cleaned, const std::function<bool(std::string_view)>& names_an_organ,
                    std::vector<bool>& chrome) {
    constexpr std::size_t kMinItems = 4, kMaxItemChars = 10;
    const auto is_item = [&](const std::string& line) {
        if (line.empty() || char_count(line) > kMaxItemChars || names_an_organ(line)) return false;
        for (std::size_t pos = 0; pos < line.size();) {
            const char32_t cp = gongwen::next_code_point(line, pos);
            if (!gongwen::is_han(cp)) return false;   // digits, punctuation, colons, brackets, ★
        }
        return true;
    };
    std::size_t run_start = 0, run_length = 0;
    for (std::size_t i = 0; i <= cleaned.size(); ++i) {
        const bool item = i < cleaned.size() && !contains(cleaned[i], "。") && is_item(cleaned[i]);
        if (item) {
            if (run_length++ == 0) run_start = i;
            continue;
        }
        if (i < cleaned.size() && cleaned[i].empty() && run_length > 0) continue;   // blank lines inside a menu
        if (run_length >= kMinItems) std::fill(chrome.begin() + static_cast<std::ptrdiff_t>(run_start), chrome.begin() + static_cast<std::ptrdiff_t>(i), true);
        run_length = 0;
        if (i < cleaned.size() && contains(cleaned[i], "。")) break;   // the document has begun
    }
}

std::vector<bool> site_chrome(const std::vector<std::string>& raw, const std::vector<std::string>& cleaned,
                              const std::function<bool(std::string_view)>& names_an_organ) {
    const std::size_t n = cleaned.size();
    std::vector<bool> chrome(n, false);
    std::optional<std::size_t> last_top_furniture;   // the last breadcrumb or menu above the document
    bool document_begun = false;                      // a sentence or a date of the document was seen
    std::optional<std::size_t> previous;              // the last non-empty line
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& line = cleaned[i];
        if (line.empty()) continue;
        const auto date_alone = only_date(line);
        const bool numeric_date_alone = date_alone && is_numeric_date(date_alone->text);
        if (document_begun && (is_list_header(line) || starts_with(line, "上一篇") || starts_with(line, "下一篇"))) {
            // What follows the document's end and a list of other articles is the page's.
            std::fill(chrome.begin() + static_cast<std::ptrdiff_t>(i), chrome.end(), true);
            break;
        }
        if (is_chrome_line(line) || is_spaced_menu(raw[i]) || is_listed_article(raw[i], names_an_organ) || is_bare_label(line)) {
            chrome[i] = true;
            // A tool bar (`字号：大 中 小 | 打印 | 关闭`) may sit under the title: only the site's
            // menus and breadcrumbs mark the top of the page.
            const bool menu = is_spaced_menu(raw[i]) || (is_menu(line) && !is_tool_bar(line) && !contains(line, "打印") && !contains(line, "字号"));
            if (!document_begun && i < 20 && (is_breadcrumb(line) || menu)) {
                last_top_furniture = i;
            }
        } else if (is_publicity_note(line)) {
            // A note under the 成文日期 (within a few lines: a 联系人 note may come between).
            bool under_date = false;
            for (std::size_t j = i, seen = 0; j-- > 0 && seen < 4;) {
                if (cleaned[j].empty()) continue;
                ++seen;
                if (!chrome[j] && !gongwen::find_dates(cleaned[j], std::nullopt).empty()) under_date = true;
            }
            chrome[i] = !under_date;
        } else if (numeric_date_alone && previous && !contains(cleaned[*previous], "。") && !names_an_organ(cleaned[*previous]) &&
                   !gongwen::parse_date(cleaned[*previous]) && !ends_with(cleaned[*previous], "：") && !ends_with(cleaned[*previous], ":")) {
            // `2019-02-14` under a title line: the date a page lists an article (or itself) by.
            chrome[i] = true;
        } else if (date_alone && document_begun && previous && reads_as_title(cleaned[*previous]) && !names_an_organ(cleaned[*previous])) {
            // Past the document's text, a date under a title is that article's in a list.
            chrome[i] = true;
        } else if (contains(line, "。") || gongwen::parse_date(line)) {
            document_begun = true;
        }
        previous = i;
    }
    mark_menu_runs(cleaned, names_an_organ, chrome);
    // The site's name and banner stand above its menu and breadcrumbs.
    if (last_top_furniture) std::fill(chrome.begin(), chrome.begin() + static_cast<std::ptrdiff_t>(*last_top_furniture), true);
    return chrome;
}

/// Where a number without its 机关代字 (`〔2020〕12号`, `[2020]12号`) ends at the start of `text`, or 0.
std::size_t bare_number_end(std::string_view text) {
    static constexpr std::u32string_view kOpen = U"〔［[（(【﹝", kClose = U"〕］]）)】﹞";
    std::size_t pos = 0;
    auto next = [&] { return pos < text.size() ? gongwen::next_code_point(text, pos) : U'\0'; };
    auto skip_spaces = [&] {
        for (std::size_t at = pos; at < text.size(); at = pos) {
            const char32_t cp = gongwen::next_code_point(text, pos);
            if (cp != U' ' && cp != U'\u3000') {
                pos = at;
                return;
            }
        }
    };
    if (kOpen.find(next()) == std::u32string_view::npos) return 0;
    skip_spaces();
    int digits = 0;
    for (std::size_t at = pos; digits < 4; at = pos, ++digits) {
        const char32_t cp = next();
        if (cp < U'0' || cp > U'9') {
            pos = at;
            break;
        }
    }
    if (digits != 4) return 0;
    skip_spaces();
    if (kClose.find(next()) == std::u32string_view::npos) return 0;
    skip_spaces();
    std::size_t at = pos;
    if (next() != U'第') pos = at;
    int serial = 0;
    for (at = pos;; at = pos, ++serial) {
        const char32_t cp = next();
        if (cp < U'0' || cp > U'9') {
            pos = at;
            break;
        }
    }
    skip_spaces();
    if (serial == 0 || next() != U'号') return 0;
    return pos;
}

/// The status a site writes before a title: `[有效]`, `（已废止）`, `【失效】`.
std::string without_status(std::string title) {
    static constexpr std::string_view kOpen[] = {"[", "［", "【", "（", "("}, kClose[] = {"]", "］", "】", "）", ")"};
    static constexpr std::string_view kStatus[] = {"有效", "已废止", "废止", "失效", "已失效", "已修改", "已修订", "部分失效", "现行有效"};
    for (std::size_t b = 0; b < std::size(kOpen); ++b) {
        if (!starts_with(title, kOpen[b])) continue;
        for (auto status : kStatus) {
            const std::string_view rest = std::string_view(title).substr(kOpen[b].size());
            if (!starts_with(rest, status)) continue;
            for (auto close : kClose) {
                if (starts_with(rest.substr(status.size()), close)) return gongwen::trim(rest.substr(status.size() + close.size()));
            }
        }
    }
    return title;
}

std::string title_without_number(std::string_view title) {
    const std::string trimmed = without_status(gongwen::trim(title));
    const auto numbers = gongwen::find_doc_numbers(trimmed);
    std::size_t number_end = bare_number_end(trimmed);
    if (number_end == 0 && !numbers.empty() && numbers.front().begin == 0) number_end = numbers.front().end;
    if (number_end == 0) return trimmed;
    std::string rest = gongwen::trim(std::string_view(trimmed).substr(number_end));
    if (rest.empty()) return trimmed;
    // `农办计〔2016〕92号《农业部办公厅关于…的批复》`: the page quotes the title it names.
    if (starts_with(rest, "《") && ends_with(rest, "》") && rest.find("《", 3) == std::string::npos) {
        rest = gongwen::trim(rest.substr(3, rest.size() - 6));
    }
    return rest;
}

}  // namespace gongwen::fields
