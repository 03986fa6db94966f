// The fields enricher: the elements of a 公文 that GB/T 9704-2012 defines (issuer, title, 文种,
// recipients, signature date, 版记, attachments, urgency, secrecy, 附注), a web page's metadata
// block, and the dates and deadlines in the body. Runs after `docnumber`, whose doc number it uses
// to find the head of the document.
//
// The document is read as GB/T 9704 lays it out: a head (份号, 密级, 紧急程度, 发文机关标志,
// 发文字号, 标题, 主送机关), the body, then the signature block (署名, 成文日期, 附注), 附件说明,
// and the 版记 (抄送, 印发机关和印发日期). Web pages put the title before the doc number and may
// add a metadata block; both orders are accepted. A saved page's own lines (menus, page facts,
// related articles, footer: web_page.hpp) are passed over, and its metadata only fills or
// confirms what the document says.
//
// Rules that vary by region are data read once in configure(): the 机关代字 table fills the issuer
// of a document that names none (a 批转 notice whose signature is the forwarded report's authors'),
// and extra date forms join the built-in deadline normalizer (see rule_files.hpp).
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "line_text.hpp"
#include "masthead_issuer.hpp"
#include "rule_files.hpp"
#include "web_page.hpp"

namespace {

using gongwen::Document;
using gongwen::Paragraph;
using gongwen::Provenance;

using gongwen::fields::char_count;
using gongwen::fields::contains;
using gongwen::fields::ends_with;
using gongwen::fields::starts_with;

/// Space a web page leaves around a name that gongwen::trim keeps: NBSP, en/em spaces (U+2000–
/// U+200B), the ideographic space, BOM. `  上海市人民政府办公厅` (two U+2003) is a signature.
bool is_wide_space(char32_t c) { return c == U'\u00a0' || (c >= U'\u2000' && c <= U'\u200b') || c == U'\u3000' || c == U'\ufeff'; }

/// What gongwen::trim removes.
bool is_trimmed_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0' || c == U'\n' || c == U'\r'; }

/// `text` without the code points `strip` says at either end. `text` must be valid UTF-8.
template <typename Predicate>
std::string_view strip_ends(std::string_view text, Predicate strip) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t next = begin;
        if (!strip(gongwen::next_code_point(text, next))) break;
        begin = next;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t pos = start;
        if (!strip(gongwen::next_code_point(text, pos))) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

/// The text without spaces between Han characters and without surrounding space of any width.
std::string clean(std::string_view text) {
    // remove_spaces_between_han gives valid UTF-8 (bad bytes become U+FFFD), so the ends can be
    // cut in place: trim, then the wide spaces, then trim again.
    const std::string joined = gongwen::remove_spaces_between_han(text);
    std::string out(strip_ends(strip_ends(strip_ends(joined, is_trimmed_space), is_wide_space), is_trimmed_space));
    // A Markdown heading mark (`# 上海市交通委员会…`, pages saved as .md) is not part of the text.
    const std::size_t hashes = out.find_first_not_of('#');
    if (hashes != 0 && hashes != std::string::npos && out[hashes] == ' ') out = gongwen::trim(out.substr(hashes));
    return out;
}

/// Splits on any of `separators` (UTF-8 strings), never inside （）() or 《》, trimming parts.
std::vector<std::string> split_list(std::string_view text, std::initializer_list<std::string_view> separators) {
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < text.size();) {
        bool separated = false;
        if (depth == 0) {
            for (auto sep : separators) {
                if (text.substr(i, sep.size()) == sep) {
                    if (auto part = clean(current); !part.empty()) parts.push_back(part);
                    current.clear();
                    i += sep.size();
                    separated = true;
                    break;
                }
            }
        }
        if (separated) continue;
        std::size_t next = i;
        const char32_t cp = gongwen::next_code_point(text, next);
        if (cp == U'（' || cp == U'(' || cp == U'《') ++depth;
        if ((cp == U'）' || cp == U')' || cp == U'》') && depth > 0) --depth;
        current.append(text.substr(i, next - i));
        i = next;
    }
    if (auto part = clean(current); !part.empty()) parts.push_back(part);
    return parts;
}

std::string strip_trailing(std::string text, std::initializer_list<std::string_view> endings) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        text = gongwen::trim(text);
        for (auto ending : endings) {
            if (ends_with(text, ending)) {
                text.resize(text.size() - ending.size());
                stripped = true;
            }
        }
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Line kinds of the head.

bool is_urgency(std::string_view line) {
    for (std::string_view u : {"特急", "加急", "特提", "平急"}) {
        if (line == u) return true;
    }
    return false;
}

bool is_secrecy(std::string_view line) {
    return (starts_with(line, "绝密") || starts_with(line, "机密") || starts_with(line, "秘密")) && char_count(line) <= 12;
}

bool is_copy_number(std::string_view line) {
    return line.size() == 6 && std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// 发文机关标志: `江苏省人民政府办公厅文件`.
/// The number of a 纪要 or 简报 under its 标志: `第5期`, `第十二期`, `〔2024〕5号`, `（2024）第5号`.
bool is_issue_number(std::string_view line) {
    const std::u32string text = gongwen::to_u32(line);
    if (text.empty() || text.size() > 14) return false;
    const bool numbered = text.back() == U'期' || text.back() == U'号';
    if (!numbered) return false;
    static constexpr std::u32string_view kAllowed = U"第〔〕（）()[]［］0123456789０１２３４５６７８９一二三四五六七八九十百零〇期号";
    return std::all_of(text.begin(), text.end(), [](char32_t c) { return kAllowed.find(c) != std::u32string_view::npos; });
}

bool is_masthead(std::string_view line) { return ends_with(line, "文件") && char_count(line) <= 30 && !contains(line, "关于"); }

/// The whole line is one doc number (possibly with 签发人 after it).
bool is_doc_number_line(std::string_view line) {
    const auto numbers = gongwen::find_doc_numbers(line);
    if (numbers.empty()) return false;
    const std::string rest = clean(std::string(line.substr(0, numbers.front().begin)) + std::string(line.substr(numbers.front().end)));
    return rest.empty() || starts_with(rest, "签发人");
}

/// A 主送 line: ends with a colon and is a list of agencies, not a sentence.
bool is_recipients_line(std::string_view line) {
    return (ends_with(line, "：") || ends_with(line, ":")) && !contains(line, "。") && char_count(line) <= 200 &&
           !starts_with(line, "附件");
}

const std::array<std::string_view, 23> kMetadataLabels = {"信息索引号", "索引号", "主题分类", "发文机关", "发文单位", "发文机构",
                                                          "成文日期", "标题", "发文字号", "文号", "发布日期", "所属主题", "发布机构",
                                                          "签署日期", "登记日期", "生成日期", "有效性", "信息分类", "发文日期",
                                                          "公开方式", "公开范围", "统一登记号", "主送机关"};

/// The labels as code points, decoded once: they are tried at every character of the head.
const std::array<std::u32string, kMetadataLabels.size()>& metadata_labels_u32() {
    static const auto labels = [] {
        std::array<std::u32string, kMetadataLabels.size()> out;
        for (std::size_t i = 0; i < kMetadataLabels.size(); ++i) out[i] = gongwen::to_u32(kMetadataLabels[i]);
        return out;
    }();
    return labels;
}

/// Whether a label can start at `pos`: its first character, after any spaces, begins some label.
/// Most characters do not, and are passed over without trying each label.
bool may_start_metadata_label(std::string_view line, std::size_t pos) {
    while (pos < line.size()) {
        const char32_t cp = gongwen::next_code_point(line, pos);
        if (cp == U' ' || cp == U'\u3000') continue;
        for (const auto& label : metadata_labels_u32()) {
            if (label.front() == cp) return true;
        }
        return false;
    }
    return false;
}

/// A web metadata label at `pos` (spaces inside allowed: `索  引  号`) followed by a colon, or —
/// `bare_cell` — by a tab or spaces and a value: many sites print the block as a table whose label
/// cells have no colon (`成文日期\t2023-02-08`, `文　　号 杭政办〔2023〕2号`).
std::optional<std::pair<std::string, std::size_t>> metadata_label_at(std::string_view line, std::size_t pos, bool bare_cell = false) {
    if (!may_start_metadata_label(line, pos)) return std::nullopt;
    for (std::size_t l = 0; l < kMetadataLabels.size(); ++l) {
        const std::string_view label = kMetadataLabels[l];
        std::size_t i = pos, matched = 0;
        const std::u32string& want = metadata_labels_u32()[l];
        while (i < line.size() && matched < want.size()) {
            std::size_t next = i;
            const char32_t cp = gongwen::next_code_point(line, next);
            if (cp == U' ' || cp == U'\u3000') {
                i = next;
                continue;
            }
            if (cp != want[matched]) break;
            ++matched;
            i = next;
        }
        if (matched != want.size()) continue;
        const std::size_t label_end = i;
        while (i < line.size() && (line[i] == ' ')) ++i;
        if (line.substr(i, 3) == "：") return std::make_pair(std::string(label), i + 3);
        if (line.substr(i, 1) == ":") return std::make_pair(std::string(label), i + 1);
        if (bare_cell) {
            std::size_t value = label_end;
            while (value < line.size()) {
                if (line[value] == ' ' || line[value] == '\t') ++value;
                else if (line.substr(value, 3) == "\u3000") value += 3;
                else break;
            }
            if (value > label_end && value < line.size()) return std::make_pair(std::string(label), value);
        }
    }
    return std::nullopt;
}

/// Whether `pos` starts a table cell of a metadata line: the line's start or after a tab or a
/// run of spaces (a cell boundary as browsers and text saves print one).
bool starts_cell(std::string_view line, std::size_t pos) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (pos <= i) return true;
    return line[pos - 1] == '\t' || line[pos - 1] == ' ' || (pos >= 3 && line.substr(pos - 3, 3) == "\u3000");
}

/// Whether `text` (a paragraph, spaces between Han dropped) begins with a metadata label word.
bool starts_with_label_word(std::string_view text) {
    const std::string cleaned = gongwen::trim(text);
    return std::any_of(kMetadataLabels.begin(), kMetadataLabels.end(), [&](std::string_view label) { return cleaned.starts_with(label); });
}

/// Every `label：value` pair of a metadata line (several per line on web pages).
std::vector<std::pair<std::string, std::string>> metadata_pairs(std::string_view line) {
    struct Found {
        std::string label;
        std::size_t start, value_start;
    };
    std::vector<Found> found;
    // A label without a colon counts only as a cell of a line that starts with a label: body text
    // that happens to hold a label word is not metadata.
    bool line_starts_with_label = false;
    for (std::size_t pos = 0; pos < line.size();) {
        const bool bare_cell = starts_cell(line, pos) && (found.empty() ? pos == 0 || gongwen::trim(line.substr(0, pos)).empty()
                                                                         : line_starts_with_label);
        if (auto label = metadata_label_at(line, pos, bare_cell)) {
            if (found.empty() && gongwen::trim(line.substr(0, pos)).empty()) line_starts_with_label = true;
            found.push_back({label->first, pos, label->second});
            pos = label->second;
            continue;
        }
        gongwen::next_code_point(line, pos);
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::size_t end = i + 1 < found.size() ? found[i + 1].start : line.size();
        pairs.emplace_back(found[i].label, gongwen::trim(line.substr(found[i].value_start, end - found[i].value_start)));
    }
    return pairs;
}

// ---------------------------------------------------------------------------------------------
// 文种 from the title.

std::optional<std::string> doc_type_of(std::string title) {
    // Trailing qualifiers are not part of the type: （试行）, （暂行）, （2021—2025年）.
    while (ends_with(title, "）") || ends_with(title, ")")) {
        const auto wide = title.rfind("（"), narrow = title.rfind('(');
        const auto open = wide == std::string::npos ? narrow : narrow == std::string::npos ? wide : std::max(wide, narrow);
        if (open == std::string::npos || open == 0) break;
        title = gongwen::trim(title.substr(0, open));
    }
    struct Type {
        std::string_view suffix, type;
    };
    // Longest first, so that 会议纪要 is 纪要 and 复函 is 函 without 函 matching 公函 wrongly.
    static const Type kTypes[] = {
        {"实施意见", "意见"}, {"指导意见", "意见"}, {"若干意见", "意见"}, {"会议纪要", "纪要"}, {"命令", "命令"},
        {"决议", "决议"},     {"决定", "决定"},     {"公报", "公报"},     {"公告", "公告"},     {"通告", "通告"},
        {"意见", "意见"},     {"通知", "通知"},     {"通报", "通报"},     {"报告", "报告"},     {"请示", "请示"},
        {"批复", "批复"},     {"议案", "议案"},     {"复函", "函"},       {"函", "函"},         {"纪要", "纪要"},
        {"令", "命令"}};
    for (const auto& [suffix, type] : kTypes) {
        if (ends_with(title, suffix)) return std::string(type);
    }
    return std::nullopt;
}

/// The issuer a title names: `国务院办公厅关于…的通知` → 国务院办公厅; a forwarding notice
/// (`国务院办公厅转发国家地震局关于…`) is issued by the one who forwards.
std::optional<std::string> issuer_in_title(std::string_view title) {
    auto at = title.find("关于");
    for (std::string_view verb : {"转发", "批转", "印发"}) {
        if (const auto v = title.find(verb); v != std::string_view::npos && v < at) at = v;
    }
    if (at == std::string_view::npos || at == 0) return std::nullopt;
    return std::string(title.substr(0, at));
}

/// 发文机关标志 of a 令: `中华人民共和国国务院令` → 国务院.
std::optional<std::string> order_issuer(std::string_view line) {
    if (!ends_with(line, "令") || char_count(line) > 24 || contains(line, "关于") || contains(line, "第")) return std::nullopt;
    std::string_view name = line.substr(0, line.size() - std::string_view("令").size());
    if (starts_with(name, "中华人民共和国") && name.size() > std::string_view("中华人民共和国").size()) {
        name.remove_prefix(std::string_view("中华人民共和国").size());
    }
    if (name.empty()) return std::nullopt;
    return std::string(name);
}


/// Ends like the name of an organ (人民政府, 办公厅, 委员会, 军区, 社会科学司 …): a signature line
/// that does not is an attachment title, a person or a slogan, not the 发文机关署名.
bool looks_like_agency(std::string_view name) {
    static constexpr std::string_view kEndings[] = {"府", "厅", "局", "委", "会", "部", "院", "司", "办", "室", "署", "区",
                                                    "行", "处", "所", "中心", "组", "馆", "团", "联", "协", "学", "校",
                                                    "社", "站", "队", "庭", "台"};
    if (name.empty() || char_count(name) > 30 || (name[0] >= '0' && name[0] <= '9') || starts_with(name, "附件")) return false;
    return std::any_of(std::begin(kEndings), std::end(kEndings), [&](std::string_view e) { return ends_with(name, e); });
}

/// `(此件公开发布)` as a PDF's text layer may give it, written as GB/T 9704 prints it: （此件公开发布）.
std::string full_width_brackets(std::string note) {
    if (starts_with(note, "(")) note.replace(0, 1, "（");
    if (ends_with(note, ")")) note.replace(note.size() - 1, 1, "）");
    return note;
}

/// A PDF line builder may join the title's last line to the 主送 line under it when the title
/// runs nearly the full width (`…的实施意见各区人民政府，市各委办局：`). Splits after the first 文种
/// ending whose remainder reads as a list of recipients (no 的, no closing 》), so that
/// `关于转发《X的通知》的通知各区：` splits after the second 通知.
/// `continues_title`: title lines stand above, so the glued part may be the title's last words only.
std::optional<std::pair<std::string, std::string>> title_glued_to_recipients(const std::string& line, bool continues_title) {
    if (!continues_title && !contains(line, "关于")) return std::nullopt;
    static constexpr std::string_view kEndings[] = {"通知", "意见", "决定", "通报", "报告", "请示", "批复", "函", "纪要", "公告", "通告", "决议", "议案"};
    for (std::size_t at = 0; at < line.size();) {
        for (auto ending : kEndings) {
            if (line.compare(at, ending.size(), ending) != 0) continue;
            const std::string title = line.substr(0, at + ending.size()), rest = line.substr(at + ending.size());
            const std::u32string head = gongwen::to_u32(rest.substr(0, std::min<std::size_t>(rest.size(), 3)));
            if (!rest.empty() && (continues_title || contains(title, "关于")) && !contains(rest, "的") && !contains(rest, "》") && !head.empty() &&
                gongwen::is_han(head.front())) {
                return std::make_pair(title, rest);
            }
        }
        gongwen::next_code_point(line, at);
    }
    return std::nullopt;
}

/// Organ names of one place run together where a scan lost the line break between them
/// (`青州市财政局青州市教育局`, a stacked joint masthead read as one line): split where a whole organ
/// name ends and the place it began with starts again. Names of no place (国务院中央军委) stay whole.
std::vector<std::string> split_glued_organs(const std::string& name) {
    const std::u32string text = gongwen::to_u32(name);
    std::size_t place = 0;   // the place: up to its first 省, 市, 县, 区 or 州
    while (place < text.size() && std::u32string_view(U"省市县区州").find(text[place]) == std::u32string_view::npos) ++place;
    if (place < 1 || place >= text.size()) return {name};
    const std::u32string_view prefix = std::u32string_view(text).substr(0, place + 1);
    for (std::size_t at = prefix.size() + 2; at + prefix.size() < text.size(); ++at) {
        if (std::u32string_view(text).substr(at, prefix.size()) != prefix) continue;
        const std::string first = gongwen::to_utf8(text.substr(0, at));
        if (!looks_like_agency(first)) continue;
        std::vector<std::string> names{first};
        for (auto& rest : split_glued_organs(gongwen::to_utf8(text.substr(at)))) names.push_back(std::move(rest));
        if (looks_like_agency(names.back())) return names;
    }
    return {name};
}

/// Organ names as printed, split on 、 and on spaces: `国务院　中央军委`, `浙江省人民政府　浙江省军区`.
/// A space inside one name (`江苏省人民政府 办公厅`) is not a separator: the spaces split only when
/// every part is a whole organ name, not a bare 办公厅 or 委员会.
std::vector<std::string> split_organs(std::string_view printed) {
    static constexpr std::string_view kBareTails[] = {"办公厅", "办公室", "委员会", "人民政府", "政府", "常委会", "秘书局", "秘书处"};
    // split_list finds separators in the raw text and cleans each part afterwards.
    const auto by_space = split_list(printed, {"、", " ", "\u3000"});
    const bool all_organs = std::all_of(by_space.begin(), by_space.end(), [](const std::string& name) {
        return char_count(name) >= 3 && looks_like_agency(name) &&
               std::find(std::begin(kBareTails), std::end(kBareTails), name) == std::end(kBareTails);
    });
    std::vector<std::string> names;
    for (const auto& part : all_organs ? by_space : split_list(printed, {"、"})) {
        for (auto& name : split_glued_organs(part)) names.push_back(std::move(name));
    }
    return names;
}

/// The issuers a title names, split from the title as printed: `浙江省人民政府　浙江省军区 关于…`
/// lists two organs that clean() would glue together.
std::vector<std::string> title_issuers(std::string_view raw_title) {
    const auto prefix = issuer_in_title(raw_title);
    if (!prefix) return {};
    return split_organs(*prefix);
}

/// 省政府办公厅, 市水务局: a name that leaves out its own province or city. A signature that spells
/// the organ out (江苏省人民政府办公厅) names it better.
bool is_abbreviated(std::string_view name) {
    for (std::string_view head : {"省", "市", "区", "县", "州", "自治区"}) {
        if (starts_with(name, head)) return true;
    }
    return false;
}

class FieldsEnricher : public gongwen::Enricher {
public:
    // A broken rule file stops the run: the host reports it before any file is read.
    void configure(const gongwen::PluginContext& context) override {
        Enricher::configure(context);
        try {
            if (auto file = gongwen::fields::rule_file_to_read(context.option("agency_codes"))) {
                agency_codes_ = gongwen::fields::AgencyCodes::load(*file);
            }
            if (auto file = gongwen::fields::rule_file_to_read(context.option("date_forms"))) {
                date_forms_ = gongwen::fields::DateForms::load(*file);
            }
        } catch (const gongwen::fields::RuleFileError& error) {
            throw gongwen::ExtractionError(error.what(), gongwen::FailureScope::plugin);
        }
    }

    void enrich(Document& document) override {
        is_order_ = masthead_issuer_ = is_minutes_ = false;
        raw_title_.clear();
        signature_.clear();
        metadata_at_.clear();
        mark_site_chrome(document);
        read_metadata(document);
        const std::size_t head_end = read_head(document);
        read_tail(document, head_end);
        // The masthead names the issuer best; then the title (`X关于…`), which also tells joint
        // issuers apart (`国务院、中央军委`) where the signature glues them; the signature last,
        // because what closes the text may be a forwarded report's author.
        // A signature that spells out an organ the title abbreviates (省政府办公厅 → 江苏省人民政府办公厅)
        // wins over the title.
        if (document.title && !masthead_issuer_) {
            if (auto names = title_issuers(raw_title_); !names.empty() && gongwen::fields::organ_names(names)) {
                const bool spelled_out = !signature_.empty() && std::all_of(names.begin(), names.end(), is_abbreviated);
                if (!spelled_out) {
                    document.issuers = names;
                    if (auto at = document.provenance.find("title"); at != document.provenance.end()) {
                        document.provenance["issuer"] = at->second;
                    }
                }
            }
        }
        complete_from_signature(document);
        fill_from_metadata(document);
        fill_from_masthead(document);
        // A title only the metadata gives (`标题: 上海市交通委员会 关于…`) still names its issuers.
        if (document.issuers.empty() && document.title && raw_title_.empty()) {
            if (auto it = document.metadata.find("标题"); it != document.metadata.end()) document.issuers = title_issuers(it->second);
        }
        if (document.title && !document.doc_type) document.doc_type = doc_type_of(*document.title);
        fill_from_agency_code(document);
        drop_chrome_citations(document);
        read_deadlines(document);
    }

private:
    static void set_provenance(Document& document, const std::string& field, std::size_t paragraph, std::string_view value) {
        const Paragraph& p = document.paragraphs[paragraph];
        const auto begin = p.text.find(value);
        document.provenance[field] = {p.page, static_cast<int>(paragraph), begin == std::string::npos ? 0 : begin,
                                      begin == std::string::npos ? p.text.size() : begin + value.size()};
    }

    /// A web page's own lines (menus, page facts, tool bars, related articles, footer) are never
    /// fields: the head and tail readers pass over them.
    void mark_site_chrome(const Document& document) {
        std::vector<std::string> raw, cleaned;
        for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
            // A menu at the top is told by the spaces between its words, which paragraphs drop.
            raw.push_back(i < 12 ? as_printed(document, i) : document.paragraphs[i].text);
            cleaned.push_back(clean(document.paragraphs[i].text));
        }
        chrome_ = gongwen::fields::site_chrome(raw, cleaned, looks_like_agency);
    }
    bool is_chrome(std::size_t paragraph) const { return paragraph < chrome_.size() && chrome_[paragraph]; }
    /// A line of the metadata block: `label：value` pairs, or label and value cells without a colon.
    bool is_metadata_line(const Document& document, std::size_t paragraph) const {
        return (paragraph < bare_metadata_.size() && bare_metadata_[paragraph]) || !metadata_pairs(document.paragraphs[paragraph].text).empty();
    }

    /// The docnumber plugin cites every number it meets, but a number that only a web page's own
    /// lines carry (a list of related articles under the document, `温政发〔2019〕8号 关于…
    /// 2019-05-01`) is not cited by the document. Paragraphs are searched again only when some
    /// chrome line holds a cited number, which is rare outside web saves.
    void drop_chrome_citations(Document& document) const {
        if (document.cited_documents.empty() || std::find(chrome_.begin(), chrome_.end(), true) == chrome_.end()) return;
        std::vector<std::string> in_chrome;
        for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
            if (!is_chrome(i)) continue;
            for (const auto& match : gongwen::find_doc_numbers(document.paragraphs[i].text)) in_chrome.push_back(match.number.normalized);
        }
        const auto read_as = [](const gongwen::CitedDocument& cited) {
            if (cited.repaired_from.empty()) return cited.doc_number;
            const auto raw = gongwen::parse_doc_number(cited.repaired_from);
            return raw ? raw->normalized : cited.repaired_from;
        };
        const auto chrome_only = [&](const gongwen::CitedDocument& cited) {
            return !cited.doc_number.empty() && std::find(in_chrome.begin(), in_chrome.end(), read_as(cited)) != in_chrome.end();
        };
        if (std::none_of(document.cited_documents.begin(), document.cited_documents.end(), chrome_only)) return;
        std::vector<std::string> in_document;
        for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
            if (is_chrome(i)) continue;
            for (const auto& match : gongwen::find_doc_numbers(document.paragraphs[i].text)) in_document.push_back(match.number.normalized);
        }
        std::erase_if(document.cited_documents, [&](const gongwen::CitedDocument& cited) {
            return chrome_only(cited) && std::find(in_document.begin(), in_document.end(), read_as(cited)) == in_document.end();
        });
    }

    void read_metadata(Document& document) {
        const std::size_t limit = std::min<std::size_t>(document.paragraphs.size(), 30);
        bare_metadata_.assign(limit, false);
        for (std::size_t i = 0; i < limit; ++i) {
            auto pairs = metadata_pairs(document.paragraphs[i].text);
            // A label cell without a colon is told from its value by the gap the paragraph dropped:
            // read the line as printed, but only when the paragraph starts with a label word.
            if (pairs.empty() && starts_with_label_word(document.paragraphs[i].text) && in_label_block(document, i)) {
                pairs = metadata_pairs(as_printed(document, i));
                // A cell holds a value, not a sentence.
                std::erase_if(pairs, [](const auto& pair) { return contains(pair.second, "。") || char_count(pair.second) > 60; });
                bare_metadata_[i] = !pairs.empty();
            }
            for (const auto& [label, value] : pairs) {
                if (!value.empty() && !document.metadata.count(label)) {
                    document.metadata[label] = value;
                    metadata_at_[label] = i;
                }
            }
            read_value_below(document, i, pairs);
        }
    }

    /// Whether a neighbour of paragraph `i` is a metadata line too: label cells without a colon
    /// come in a block, a body sentence that starts with a label word stands alone.
    /// The page's own lines between (a menu printed beside the block) do not break it.
    bool in_label_block(const Document& document, std::size_t i) const {
        const std::size_t n = document.paragraphs.size();
        const auto is_label_line = [&](std::size_t j) {
            const std::string& text = document.paragraphs[j].text;
            return starts_with_label_word(text) || !metadata_pairs(text).empty();
        };
        for (std::size_t j = i; j-- > 0;) {
            if (is_chrome(j)) continue;
            if (is_label_line(j)) return true;
            break;
        }
        for (std::size_t j = i + 1; j < n; ++j) {
            if (is_chrome(j)) continue;
            return is_label_line(j);
        }
        return false;
    }

    /// A page that sets each label on its own line puts the value on the next (`发文机关：` then
    /// `天津市水务局`). The next line is taken only when it is a value of the label's kind, so an
    /// empty field never takes the next label, the title or the 主送 line; the value's line is
    /// the page's, not the document's.
    void read_value_below(Document& document, std::size_t at, const std::vector<std::pair<std::string, std::string>>& pairs) {
        const std::string line = clean(document.paragraphs[at].text);
        std::string label;
        if (!pairs.empty() && pairs.back().second.empty()) label = pairs.back().first;
        else if (gongwen::fields::is_bare_label(line)) label = line.substr(0, line.size() - (ends_with(line, "：") ? 3 : 1));
        if (label.empty()) return;
        std::size_t next = at + 1;
        while (next < document.paragraphs.size() && gongwen::trim(document.paragraphs[next].text).empty()) ++next;
        if (next >= document.paragraphs.size() || is_chrome(next)) return;
        const std::string value = clean(document.paragraphs[next].text);
        if (!metadata_pairs(value).empty() || gongwen::fields::is_bare_label(value) || ends_with(value, "：") || ends_with(value, ":") ||
            contains(value, "。") || char_count(value) > 60) {
            return;
        }
        for (std::string_view space : {" ", "\u3000", "\t"}) {
            for (auto at = label.find(space); at != std::string::npos; at = label.find(space)) label.erase(at, space.size());
        }
        bool fits;
        if (contains(label, "日期") || contains(label, "时间")) fits = gongwen::parse_date(value).has_value();
        else if (contains(label, "号") && !contains(label, "索引") && !contains(label, "登记")) fits = is_doc_number_line(value);
        else if (label == "标题" || label == "名称") fits = true;
        else if (contains(label, "索引") || contains(label, "登记") || contains(label, "编号")) {
            fits = std::none_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        } else {
            fits = !contains(value, "关于") && !doc_type_of(value) && (char_count(value) <= 16 || looks_like_agency(value));
        }
        if (!fits) return;
        if (std::find(kMetadataLabels.begin(), kMetadataLabels.end(), label) != kMetadataLabels.end() && !document.metadata.count(label)) {
            document.metadata[label] = value;
            metadata_at_[label] = next;
        }
        if (next < chrome_.size()) chrome_[next] = true;
    }

    /// The extracted line a one-line paragraph came from, spaces kept: paragraphs lose the spaces
    /// between Han characters, and with them the gap between joint issuers
    /// (`浙江省人民政府　浙江省军区 关于…`). The paragraph itself when no line matches.
    static std::string as_printed(const Document& document, std::size_t paragraph) {
        const Paragraph& p = document.paragraphs[paragraph];
        const std::string wanted = clean(p.text);
        for (const auto& page : document.pages) {
            if (page.number != p.page) continue;
            for (const auto& line : page.lines) {
                if (clean(line.text) == wanted) return gongwen::trim(line.text);
            }
        }
        return gongwen::trim(p.text);
    }

    /// Whether paragraph `i` is on a page OCR read.
    static bool on_ocr_page(const Document& document, std::size_t i) {
        const int page = document.paragraphs[i].page;
        return std::any_of(document.pages.begin(), document.pages.end(), [&](const gongwen::Page& p) { return p.number == page && p.ocr; });
    }

    /// A paragraph of an OCR'd page that holds the title's end and the 主送 line (see
    /// gongwen::fields::split_title_from_recipients): its title part continues title lines above, or
    /// is a title itself (`关于…`).
    static std::optional<gongwen::fields::GluedHead> title_glued_in_ocr(const Document& document, std::size_t i, const std::string& line,
                                                                        bool no_title_yet, bool title_closed) {
        if (title_closed || !on_ocr_page(document, i)) return std::nullopt;
        auto glued = gongwen::fields::split_title_from_recipients(line);
        if (!glued || (no_title_yet && !contains(glued->title, "关于"))) return std::nullopt;
        return glued;
    }

    /// Reads the head; returns the index of the first body paragraph.
    std::size_t read_head(Document& document) {
        const auto& paragraphs = document.paragraphs;
        // A page's banner, menus and metadata come before the head and do not count against it.
        std::size_t first = 0;
        while (first < paragraphs.size() && (is_chrome(first) || is_metadata_line(document, first))) ++first;
        const std::size_t limit = std::min<std::size_t>(paragraphs.size(), first + 25);
        std::vector<std::size_t> title_lines;
        std::optional<std::string> glued_title;   // the title's end, glued to the 主送 line
        std::optional<std::size_t> glued_at;
        std::size_t body = 0;
        bool title_closed = false;
        // A scan's red 标志 is read apart from the body (Page::masthead): a 纪要's is its title.
        std::string minutes_masthead;
        if (!document.pages.empty() && ends_with(clean(document.pages.front().masthead), "纪要")) {
            minutes_masthead = clean(document.pages.front().masthead);
            is_minutes_ = true;
        }
        // A 令's (`青州市人民政府令`) names its issuer, and with the `第N号` under it the number.
        std::string order_masthead;
        if (!document.pages.empty()) {
            const std::string masthead = clean(document.pages.front().masthead);
            if (auto issuer = order_issuer(masthead)) {
                order_masthead = masthead;
                document.issuers = {*issuer};
                document.doc_type = "命令";
                masthead_issuer_ = is_order_ = true;
                gongwen::Provenance where;
                where.page = document.pages.front().number;
                where.end = document.pages.front().masthead.size();
                where.source = "masthead";
                document.provenance["issuer"] = where;
            }
        }
        for (std::size_t i = 0; i < limit; ++i) {
            const std::string line = clean(paragraphs[i].text);
            if (line.empty()) continue;
            if (is_chrome(i) || is_metadata_line(document, i) || gongwen::fields::is_bare_label(line)) {
                title_closed = !title_lines.empty();
                continue;
            }
            if (is_copy_number(line)) continue;
            if (is_secrecy(line)) {
                document.secrecy = line;
                set_provenance(document, "secrecy", i, paragraphs[i].text);
                continue;
            }
            if (is_urgency(line)) {
                document.urgency = line;
                set_provenance(document, "urgency", i, paragraphs[i].text);
                continue;
            }
            if (auto issuer = order_issuer(line); issuer && title_lines.empty()) {
                document.issuers = {*issuer};
                document.doc_type = "命令";
                masthead_issuer_ = true;
                set_provenance(document, "issuer", i, paragraphs[i].text);
                is_order_ = true;
                continue;
            }
            if (is_order_ && starts_with(line, "第") && ends_with(line, "号") && char_count(line) <= 10) {
                if (!order_masthead.empty() && !document.doc_number) {
                    if (auto number = gongwen::parse_doc_number(order_masthead + line)) {
                        document.doc_number = std::move(number);
                        set_provenance(document, "doc_number", i, paragraphs[i].text);
                    }
                }
                continue;
            }
            // A 纪要 (GB/T 9704 §10.3): its 标志 `青州市人民政府常务会议纪要` is its title, then its
            // number (`第5期`, `〔2024〕5号`) and the issuing office with the date, set apart on one line.
            if (title_lines.empty() && !is_minutes_ && ends_with(line, "纪要") && char_count(line) <= 30 && !contains(line, "关于")) {
                is_minutes_ = true;
                title_lines.push_back(i);
                title_closed = true;
                continue;
            }
            // The number of a 纪要, or of a 公告 or 通告 under its title (`第3号`): not part of the title.
            if ((is_minutes_ || !title_lines.empty()) && is_issue_number(line)) continue;
            if (is_minutes_ && !document.signed_date) {
                if (const auto found = signature_date(line); found && !found->names.empty()) {   // office and date, glued
                    document.issuers = split_organs(found->names);
                    set_provenance(document, "issuer", i, paragraphs[i].text);
                    document.signed_date = found->iso;
                    set_provenance(document, "signed_date", i, paragraphs[i].text);
                    continue;
                }
            }
            if (is_masthead(line)) {
                masthead_issuer_ = true;
                // Joint issuers are told apart by the spaces the paragraph no longer has.
                const std::string printed = as_printed(document, i);
                std::string names = ends_with(printed, "文件") ? printed.substr(0, printed.size() - std::string_view("文件").size())
                                                               : line.substr(0, line.size() - std::string_view("文件").size());
                // Joint issuers stacked above a 文件 of its own line: the organs' names read so far are
                // the masthead's, not the title's.
                std::string above, above_printed;
                for (std::size_t t : title_lines) {
                    above += clean(paragraphs[t].text);
                    above_printed += (above_printed.empty() ? "" : " ") + as_printed(document, t);
                }
                const bool stacked = !title_lines.empty() && !title_closed && looks_like_agency(above) && !contains(above, "关于");
                if (stacked) {
                    names = above_printed + " " + names;
                    set_provenance(document, "issuer", title_lines.front(), paragraphs[title_lines.front()].text);
                    title_lines.clear();
                } else {
                    set_provenance(document, "issuer", i, paragraphs[i].text);
                }
                document.issuers = split_organs(names);
                title_closed = !title_lines.empty();
                continue;
            }
            if (is_doc_number_line(line)) {
                // Only an organ's name above the number (`常州市人民政府办公室`, a web page's stand-in
                // for the 发文机关标志): a masthead, and the title is still to come.
                std::string above;
                for (std::size_t t : title_lines) above += clean(paragraphs[t].text);
                // Or the last of joint issuers stacked around the 文件 of the masthead just read
                // (`青原市发展和改革委员会` / `文件` / `青原市财政局`): one more issuer.
                if (!title_lines.empty() && !title_closed && looks_like_agency(above) && !contains(above, "关于")) {
                    std::string printed;
                    for (std::size_t t : title_lines) printed += (printed.empty() ? "" : " ") + as_printed(document, t);
                    if (masthead_issuer_) {
                        for (const auto& name : split_organs(printed)) document.issuers.push_back(name);
                    } else {
                        document.issuers = split_organs(printed);
                        set_provenance(document, "issuer", title_lines.front(), paragraphs[title_lines.front()].text);
                    }
                    masthead_issuer_ = true;
                    title_lines.clear();
                    continue;
                }
                title_closed = !title_lines.empty();
                continue;
            }
            // OCR joins the title's last line, the 主送 line and even the body's first words into
            // one paragraph where a text layer keeps them apart.
            if (auto glued = title_glued_in_ocr(document, i, line, title_lines.empty(), title_closed)) {
                glued_title = glued->title;
                glued_at = i;
                document.recipients = split_list(glued->recipients, {"，", "；", ",", ";"});
                set_provenance(document, "recipients", i, paragraphs[i].text);
                body = glued->rest.empty() ? i + 1 : i;
                break;
            }
            if (!title_lines.empty() && on_ocr_page(document, i)) {
                if (auto list = gongwen::fields::recipients_before_body(line)) {   // its colon misread, the body glued on
                    document.recipients = split_list(list->first, {"，", "；", ",", ";"});
                    set_provenance(document, "recipients", i, paragraphs[i].text);
                    body = list->second.empty() ? i + 1 : i;
                    break;
                }
            }
            if (is_recipients_line(line)) {
                std::string list = line;
                if (!title_closed) {
                    if (auto split = title_glued_to_recipients(line, !title_lines.empty())) {
                        glued_title = split->first;
                        glued_at = i;
                        list = split->second;
                    }
                }
                document.recipients = split_list(list.substr(0, list.size() - (ends_with(list, "：") ? 3 : 1)), {"，", "；", ",", ";"});
                set_provenance(document, "recipients", i, paragraphs[i].text);
                body = i + 1;
                break;
            }
            // `日期：2012-07-14`, `来源：省政府办公厅`, `字体：[ 大 中 小]`: page furniture with a
            // label the metadata reader does not know. A title never holds a colon.
            if (contains(line, "：") || contains(line, ":")) {
                title_closed = !title_lines.empty();
                continue;
            }
            // A sentence is body text: the head is over (a document without 主送).
            // (Centred title lines look indented too, so indentation alone proves nothing here.)
            if (contains(line, "。") || char_count(line) > 60) {
                body = i;
                break;
            }
            // `---`, `***`: a separator a web page or Markdown file draws is no title.
            const std::u32string code_points = gongwen::to_u32(line);
            if (!title_closed && std::any_of(code_points.begin(), code_points.end(), [](char32_t c) { return gongwen::is_han(c); })) {
                // A page's heading followed by the document's own title: the title is complete
                // (关于 … 文种) before the repeat starts.
                if (!title_lines.empty() && contains(line, "关于")) {
                    std::string so_far;
                    for (std::size_t t : title_lines) so_far += clean(paragraphs[t].text);
                    if (contains(so_far, "关于") && doc_type_of(so_far)) {
                        title_closed = true;
                        continue;
                    }
                }
                title_lines.push_back(i);
            }
            body = i + 1;
        }
        if (is_order_) {
            // A 令 has no title of its own: it promulgates the regulation it names in 《》.
            // The name may wrap into the next paragraph when the line builder did not join them
            // (and the first half, without a full stop, then looked like a title line).
            const std::size_t first = title_lines.empty() ? body : std::min(body, title_lines.front());
            for (std::size_t i = first; i < std::min(paragraphs.size(), first + 3); ++i) {
                const std::string& text = paragraphs[i].text;
                const auto open = text.find("《");
                if (open == std::string::npos) continue;
                std::string rest = text.substr(open + 3);
                for (std::size_t j = i + 1; rest.find("》") == std::string::npos && j < std::min(paragraphs.size(), i + 3); ++j) {
                    rest += paragraphs[j].text;
                }
                if (const auto close = rest.find("》"); close != std::string::npos) {
                    document.title = clean(rest.substr(0, close));
                    document.provenance["title"] = {paragraphs[i].page, static_cast<int>(i), open + 3,
                                                    std::min(text.size(), open + 3 + close)};
                    break;
                }
            }
            return body;
        }
        if (!title_lines.empty() || glued_title) {
            std::string title;
            for (std::size_t i : title_lines) {
                title += clean(paragraphs[i].text);
                raw_title_ += (raw_title_.empty() ? "" : " ") + as_printed(document, i);
            }
            if (glued_title) {
                title += *glued_title;
                raw_title_ += (raw_title_.empty() ? "" : " ") + *glued_title;
                if (title_lines.empty()) title_lines.push_back(*glued_at);
            }
            // A web page's title line may carry the doc number in front of the title.
            title = gongwen::fields::title_without_number(clean(title));
            raw_title_ = gongwen::fields::title_without_number(raw_title_);
            // A heading of the body (一、…) is not a title.
            if (!title.empty() && !starts_with(title, "一、")) {
                document.title = title;
                const Paragraph& first = paragraphs[title_lines.front()];
                document.provenance["title"] = {first.page, static_cast<int>(title_lines.front()), 0,
                                                paragraphs[title_lines.back()].text.size()};
            }
        } else if (!minutes_masthead.empty()) {
            document.title = minutes_masthead;
            gongwen::Provenance where;
            where.page = document.pages.front().number;
            where.end = document.pages.front().masthead.size();
            where.source = "masthead";
            document.provenance["title"] = where;
        }
        return body;
    }

    /// A paragraph that is a 成文日期: the date alone, glued after the signature
    /// (`国务院办公厅二〇〇六年九月七日`) or before the 附注 (`2019年1月16日（此件公开发布）`, PDF
    /// layouts that put the note right under the date).
    struct SignatureDate {
        std::string iso, names, note;
    };
    static std::optional<SignatureDate> signature_date(std::string line) {
        // The label of the attachment page that follows, joined by the paragraph builder
        // (`二〇〇六年五月二十三日附件：`, govcn-046; `…三十日附件1.`, govcn-044).
        if (const auto label = line.rfind("附件"); label != std::string::npos && label > 0) {
            const std::u32string rest = gongwen::to_u32(line.substr(label + std::string_view("附件").size()));
            const bool only_label = rest.size() <= 3 && std::all_of(rest.begin(), rest.end(), [](char32_t c) {
                return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９') || std::u32string_view(U".．:：、").find(c) != std::u32string_view::npos;
            });
            if (only_label) line = gongwen::trim(line.substr(0, label));
        }
        line = strip_trailing(line, {"附：", "附:"});
        if (auto date = gongwen::parse_date(line)) return SignatureDate{date->iso(), "", ""};
        // A labelled date (`发布日期：2008-04-25`) is the web page's, not the signature's.
        if (char_count(line) > 60 || contains(line, "。") || contains(line, "，") || contains(line, "：") || contains(line, ":")) {
            return std::nullopt;
        }
        std::string body = line, note;
        if (ends_with(line, "）") || ends_with(line, ")")) {
            const auto wide = line.rfind("（"), narrow = line.rfind('(');
            const auto open = wide == std::string::npos ? narrow : narrow == std::string::npos ? wide : std::max(wide, narrow);
            if (open != std::string::npos && open > 0) {
                note = line.substr(open);
                body = gongwen::trim(line.substr(0, open));
            }
        }
        if (auto date = gongwen::parse_date(body)) return SignatureDate{date->iso(), "", note};
        const auto dates = gongwen::find_dates(body, std::nullopt);
        if (!dates.empty() && dates.back().end == body.size() && dates.back().date && gongwen::parse_date(dates.back().text)) {
            // What the date is glued to must be the signature: a row of an attachment table that
            // ends with a day (`李红2024年10月15日`, its 前 wrapped away) is no 成文日期.
            const std::string names = body.substr(0, dates.back().begin);
            const auto organs = split_organs(names);
            if (organs.empty() || !std::all_of(organs.begin(), organs.end(), looks_like_agency)) return std::nullopt;
            return SignatureDate{dates.back().date->iso(), names, note};
        }
        return std::nullopt;
    }

    /// Signature, date, 附注, 附件说明 and 版记 from the end of the main text.
    void read_tail(Document& document, std::size_t head_end) {
        const auto& paragraphs = document.paragraphs;
        // The 成文日期 is the last date paragraph; what follows it is 附注, 附件, 版记. A notice that
        // forwards or issues another document (转发, 批转, 印发) is dated right after its own short
        // text, and the carried document may end with a date of its own: there the first counts.
        std::optional<std::size_t> date_at;
        std::optional<SignatureDate> found;
        auto date_paragraph = [&](std::size_t i) {
            if (is_chrome(i)) return false;
            found = signature_date(clean(paragraphs[i].text));
            if (found) date_at = i;
            return found.has_value();
        };
        const bool carries_another = document.title && (contains(*document.title, "转发") || contains(*document.title, "批转") ||
                                                        contains(*document.title, "印发"));
        if (carries_another) {
            for (std::size_t i = head_end; i < paragraphs.size() && !date_paragraph(i); ++i) {
            }
        }
        if (!date_at) {
            for (std::size_t i = paragraphs.size(); i-- > head_end && !date_paragraph(i);) {
            }
        }
        if (date_at) {
            document.signed_date = found->iso;
            set_provenance(document, "signed_date", *date_at, paragraphs[*date_at].text);
            std::vector<std::string> names;
            if (!found->names.empty()) {
                // Signature and date glued into one paragraph.
                if (auto parts = split_organs(found->names);
                    !parts.empty() && std::all_of(parts.begin(), parts.end(), looks_like_agency)) {
                    names = parts;
                    if (document.issuers.empty()) set_provenance(document, "issuer", *date_at, paragraphs[*date_at].text);
                }
            } else {
                // Signature: the short unpunctuated paragraphs right above the date.
                for (std::size_t i = *date_at; i-- > head_end && names.size() < 4;) {
                    const std::string line = clean(paragraphs[i].text);
                    if (is_chrome(i) || line.empty() || char_count(line) > 40 || contains(line, "。") || contains(line, "：") ||
                        contains(line, "；") || ends_with(line, "，")) {
                        break;
                    }
                    const auto parts = split_organs(as_printed(document, i));   // 国务院　中央军委
                    if (!std::all_of(parts.begin(), parts.end(), looks_like_agency)) break;
                    names.insert(names.begin(), parts.begin(), parts.end());
                    if (document.issuers.empty()) set_provenance(document, "issuer", i, paragraphs[i].text);
                }
            }
            signature_ = names;
            if (document.issuers.empty() && !names.empty()) document.issuers = names;
            if (!found->note.empty()) {
                document.note = full_width_brackets(found->note);
                set_provenance(document, "note", *date_at, paragraphs[*date_at].text);
            } else if (*date_at + 1 < paragraphs.size()) {
                const std::string next = clean(paragraphs[*date_at + 1].text);
                if ((starts_with(next, "（") && ends_with(next, "）")) || (starts_with(next, "(") && ends_with(next, ")"))) {
                    document.note = full_width_brackets(next);
                    set_provenance(document, "note", *date_at + 1, paragraphs[*date_at + 1].text);
                }
            }
        } else {
            read_undated_signature(document, head_end);
        }
        for (std::size_t i = head_end; i < paragraphs.size(); ++i) {
            // clean() only drops spaces and marks: without 抄, 印 or 附 the paragraph is none of these.
            const std::string_view raw = paragraphs[i].text;
            if (is_chrome(i)) continue;
            if (!contains(raw, "抄") && !contains(raw, "印") && !contains(raw, "附")) continue;
            const std::string line = clean(raw);
            if (starts_with(line, "抄送：") || starts_with(line, "抄送:")) {
                std::string list = line.substr(starts_with(line, "抄送：") ? 9 : 7);
                list += cc_continuation(document, i);
                list = strip_trailing(list, {"。"});
                document.cc = split_list(list, {"，", "、", "；", ",", ";"});
                set_provenance(document, "cc", i, paragraphs[i].text);
            } else if (ends_with(line, "印发") && !document.printed_date) {
                read_printed(document, i, line);
            } else if ((starts_with(line, "附件：") || starts_with(line, "附件:")) && document.attachments.empty()) {
                read_attachments(document, i, line.substr(starts_with(line, "附件：") ? 9 : 7));
            }
        }
    }

    /// A web page may leave the 成文日期 to its metadata and close the text with the signature
    /// alone: the organ on the document's last line.
    void read_undated_signature(Document& document, std::size_t head_end) {
        std::optional<std::size_t> last;
        for (std::size_t i = document.paragraphs.size(); i-- > head_end && !last;) {
            if (!is_chrome(i) && !gongwen::trim(document.paragraphs[i].text).empty()) last = i;
        }
        if (!last || *last == head_end) return;
        const auto names = split_organs(as_printed(document, *last));
        if (names.empty() || !std::all_of(names.begin(), names.end(), looks_like_agency)) return;
        signature_ = names;
        if (document.issuers.empty()) {
            document.issuers = names;
            set_provenance(document, "issuer", *last, document.paragraphs[*last].text);
        }
    }

    void read_printed(Document& document, std::size_t i, const std::string& line) {
        for (const auto& m : gongwen::find_dates(line, std::nullopt)) {
            if (!m.date) continue;
            document.printed_date = m.date->iso();
            std::string agency = clean(line.substr(0, m.begin));
            std::size_t agency_at = i;
            // 印发机关 and 印发日期 on two lines (text saves and web pages print them so).
            if (agency.empty()) {
                if (const auto above = previous_line(document, i)) {
                    if (const std::string name = clean(document.paragraphs[*above].text); looks_like_agency(name) && !contains(name, "：")) {
                        agency = name;
                        agency_at = *above;
                    }
                }
            }
            if (!agency.empty()) {
                document.printed_by = agency;
                set_provenance(document, "printed_by", agency_at, document.paragraphs[agency_at].text);
            }
            set_provenance(document, "printed_date", i, document.paragraphs[i].text);
            return;
        }
    }

    /// The nearest non-empty paragraph above `i` that is the document's.
    std::optional<std::size_t> previous_line(const Document& document, std::size_t i) const {
        while (i-- > 0) {
            if (is_chrome(i)) return std::nullopt;
            if (!gongwen::trim(document.paragraphs[i].text).empty()) return i;
        }
        return std::nullopt;
    }

    /// The lines a 抄送 list wraps onto: it goes on while it has not ended with `。` and the next
    /// line is neither the 印发 line nor the 印发机关 standing above it.
    std::string cc_continuation(const Document& document, std::size_t at) const {
        const auto& paragraphs = document.paragraphs;
        std::string more;
        std::string so_far = clean(paragraphs[at].text);
        for (std::size_t i = at + 1; i < paragraphs.size() && i <= at + 4 && !ends_with(so_far, "。"); ++i) {
            const std::string line = clean(paragraphs[i].text);
            if (line.empty() || is_chrome(i) || contains(line, "：") || contains(line, ":") || ends_with(line, "印发")) break;
            std::optional<std::size_t> next;
            for (std::size_t j = i + 1; j < paragraphs.size() && !next; ++j) {
                if (!gongwen::trim(paragraphs[j].text).empty()) next = j;
            }
            if (next && ends_with(clean(paragraphs[*next].text), "印发") && looks_like_agency(line)) break;
            // The line broke inside the list: the separator is the one printed, or none.
            more += line;
            so_far += line;
        }
        return more;
    }

    /// `附件：1. 名称 2. 名称` on one line, or numbered names on the lines that follow.
    void read_attachments(Document& document, std::size_t at, std::string first) {
        std::vector<std::string> lines = {first};
        for (std::size_t i = at + 1; i < document.paragraphs.size() && i < at + 12; ++i) {
            const std::string line = clean(document.paragraphs[i].text);
            if (line.empty() || !(line[0] >= '0' && line[0] <= '9')) break;
            // The 成文日期 may follow the list directly (no signature): `2021年6月17日` is no item.
            if (gongwen::parse_date(line) || !gongwen::find_dates(line, std::nullopt).empty()) break;
            lines.push_back(line);
        }
        std::vector<std::string> titles;
        for (const auto& line : lines) {
            // Numbered markers (1. 2． 3、) start a new title when they follow a space, a Han
            // character or the start of the line; digits inside a title (2023年) do not.
            std::string current;
            for (std::size_t i = 0; i < line.size();) {
                std::size_t j = i;
                while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
                const bool after_break = i == 0 || line[i - 1] == ' ' || static_cast<unsigned char>(line[i - 1]) >= 0x80;
                std::size_t marker_length = 0;
                if (j > i && after_break) {
                    if (line.compare(j, 1, ".") == 0) marker_length = 1;
                    else if (line.compare(j, 3, "．") == 0 || line.compare(j, 3, "、") == 0) marker_length = 3;
                }
                if (marker_length > 0) {
                    if (auto title = clean(current); !title.empty()) titles.push_back(title);
                    current.clear();
                    i = j + marker_length;
                    continue;
                }
                current += line[i++];
            }
            if (auto title = clean(current); !title.empty()) titles.push_back(title);
        }
        document.attachments = titles;
        set_provenance(document, "attachments", at, document.paragraphs[at].text);
    }

    bool is_order_ = false;          // the document is a 令 (read_head saw its 标志)
    bool is_minutes_ = false;        // the document is a 纪要 (read_head saw its 标志)
    bool masthead_issuer_ = false;   // the issuer came from a 发文机关标志
    std::string raw_title_;          // the title lines as printed (spaces kept), joined by a space
    std::vector<std::string> signature_;   // the 发文机关署名 above the date, when it names organs
    std::vector<bool> chrome_;             // per paragraph: a web page's own line, never a field
    std::vector<bool> bare_metadata_;      // per head paragraph: metadata cells without a colon
    std::map<std::string, std::size_t> metadata_at_;   // the paragraph each metadata value was read from

    void fill_from_metadata(Document& document) {
        const auto& meta = document.metadata;
        auto value = [&](std::string_view label) -> std::string {
            auto it = meta.find(std::string(label));
            return it == meta.end() ? std::string() : it->second;
        };
        // The body beats the metadata; the metadata fills what the body lacks and warns on a clash.
        // 签署日期 is the 成文日期 under another label; 发布日期 and 登记日期 are the page's own.
        for (std::string_view label : {"成文日期", "签署日期"}) {
            const std::string date_text = value(label);
            const auto date = date_text.empty() ? std::nullopt : gongwen::parse_date(date_text);
            if (!date) continue;
            if (!document.signed_date) {
                document.signed_date = date->iso();
                set_metadata_provenance(document, "signed_date", std::string(label));
            } else if (*document.signed_date != date->iso()) {
                document.warnings.push_back(std::string(label) + " in the text (" + *document.signed_date + ") differs from the page metadata (" +
                                            date->iso() + ")");
            }
            break;
        }
        // 发文单位 and 发文机构 are other sites' words for 发文机关 (发布机构 is who put the page up),
        // but also the heads of a body list of repealed documents (`发文单位：市科委 / 文号：…`):
        // they count only in a block that has a label no such list uses.
        const bool page_block = std::any_of(meta.begin(), meta.end(), [](const auto& entry) {
            return entry.first != "发文单位" && entry.first != "发文机构" && entry.first != "文号" && entry.first != "标题";
        });
        for (std::string_view label : {"发文机关", "发文单位", "发文机构"}) {
            const std::string issuer = value(label);
            if (issuer.empty() || (label != "发文机关" && !page_block)) continue;
            const auto organs = split_organs(issuer);
            if (document.issuers.empty()) {
                document.issuers = organs;
                set_metadata_provenance(document, "issuer", std::string(label));
            } else if (spells_out(organs, document.issuers)) {
                // `市水务局` in the title, `天津市水务局` in the metadata: the same organ, named in full.
                document.issuers = organs;
                set_metadata_provenance(document, "issuer", std::string(label));
            }
            break;
        }
        // docnumber takes the page's 文号 when the text has none; say where it was read.
        if (document.doc_number && !document.provenance.count("doc_number")) {
            for (std::string_view label : {"发文字号", "文号"}) {
                const auto number = gongwen::parse_doc_number(value(label));
                if (!number || number->normalized != document.doc_number->normalized) continue;
                const bool in_text = [&] {
                    for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
                        const std::string& text = document.paragraphs[i].text;
                        if (!is_chrome(i) && metadata_pairs(text).empty() && text.find(document.doc_number->text) != std::string::npos) return true;
                    }
                    return false;
                }();
                if (!in_text) set_metadata_provenance(document, "doc_number", std::string(label));
                break;
            }
        }
        if (const std::string title = value("标题"); !title.empty() && !document.title) {
            document.title = gongwen::fields::title_without_number(clean(title));
            set_metadata_provenance(document, "title", "标题");
        }
    }

    /// Each of `names` abbreviated (省/市… in front, no place name) and each of `full` the same
    /// organ with its place: `天津市水务局` spells out `市水务局`.
    static bool spells_out(const std::vector<std::string>& full, const std::vector<std::string>& names) {
        if (full.size() != names.size()) return false;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (!is_abbreviated(names[i]) || full[i] == names[i] || !ends_with(full[i], names[i]) || !looks_like_agency(full[i])) return false;
        }
        return true;
    }

    /// Provenance of a field filled from the metadata block: the line that holds the value.
    void set_metadata_provenance(Document& document, const std::string& field, const std::string& label) const {
        if (const auto at = metadata_at_.find(label); at != metadata_at_.end()) {
            set_provenance(document, field, at->second, document.metadata.at(label));
        } else {
            document.provenance[field] = {};
        }
        document.provenance[field].source = "metadata";
    }

    // OCR drops the last character of a line of large type (`青州市卫生健康委员` for …委员会 at the
    // end of a title's first line). An issuer that the signature spells out with one or two
    // characters more is the signature's name, and the title's head, when it is just the issuers as
    // read (with the marks OCR put between them), is rewritten with it.
    void complete_from_signature(Document& document) const {
        if (signature_.empty() || document.issuers.empty()) return;
        const auto han_only = [](std::string_view text) {
            std::string out;
            for (std::size_t pos = 0; pos < text.size();) {
                const std::size_t start = pos;
                if (gongwen::is_han(gongwen::next_code_point(text, pos))) out.append(text, start, pos - start);
            }
            return out;
        };
        const auto completes = [](const std::string& longer, const std::string& read) {
            const std::size_t length = char_count(read), more = char_count(longer);
            return length >= 4 && more > length && more <= length + 2 && starts_with(longer, read);
        };
        std::string read_names;
        for (const std::string& issuer : document.issuers) read_names += han_only(issuer);
        std::vector<std::string> completed = document.issuers;
        bool changed = false;
        for (std::string& issuer : completed) {
            for (const std::string& signed_name : signature_) {
                if (completes(signed_name, issuer)) {
                    issuer = signed_name;
                    changed = true;
                    break;
                }
            }
        }
        // Joint issuers read as one name, the mark between them kept and the last one cut short.
        std::string signed_names;
        for (const std::string& name : signature_) signed_names += name;
        if (!changed && completes(signed_names, read_names)) {
            completed = signature_;
            changed = true;
        }
        if (!changed) return;
        document.issuers = completed;
        if (!document.title) return;
        const std::size_t about = document.title->find("关于");
        if (about == std::string::npos || han_only(std::string_view(*document.title).substr(0, about)) != read_names) return;
        std::string names;
        for (const std::string& name : completed) names += name;
        document.title = names + document.title->substr(about);
    }

    // The red masthead the ocr plugin read apart from the body (Page::masthead) names the issuer
    // of a scan that names none in its text: no signature (the seal stands for it), no issuer in
    // the title. Shown in extra.masthead whenever read; provenance source "masthead".
    void fill_from_masthead(Document& document) const {
        if (document.pages.empty() || document.pages.front().masthead.empty()) return;
        document.extra["masthead"] = document.pages.front().masthead;
        if (!document.issuers.empty()) return;
        const auto name = gongwen::fields::masthead_name(document.pages.front().masthead);
        if (!name) return;
        auto organs = split_organs(*name);
        if (organs.empty() || !std::all_of(organs.begin(), organs.end(), looks_like_agency)) return;
        document.issuers = std::move(organs);
        document.extra["issuer_source"] = "masthead";
        gongwen::Provenance where;
        where.page = document.pages.front().number;
        where.end = document.pages.front().masthead.size();
        where.source = "masthead";
        document.provenance["issuer"] = where;
    }

    // Last resort: the organ the doc number's 机关代字 stands for (辽政发 → 辽宁省人民政府). Never
    // overrides an issuer the text names. Its provenance is the doc number (also recorded as
    // provenance `agency_codes`), and extra.issuer_source = "agency_codes" says it was looked up.
    void fill_from_agency_code(Document& document) const {
        if (!document.issuers.empty() || !document.doc_number) return;
        auto organs = agency_codes_.issuers_of(document.doc_number->agency);
        if (organs.empty()) return;
        document.issuers = std::move(organs);
        document.extra["issuer_source"] = "agency_codes";
        for (std::size_t i = 0; i < document.paragraphs.size(); ++i) {
            if (document.paragraphs[i].text.find(document.doc_number->text) == std::string::npos) continue;
            set_provenance(document, "issuer", i, document.doc_number->text);
            document.provenance["agency_codes"] = document.provenance["issuer"];
            return;
        }
        document.provenance["agency_codes"] = {};
    }

    // Built-in forms first; a staff form counts where it overlaps none of them.
    std::vector<gongwen::DateMention> dates_in(std::string_view text, std::optional<gongwen::Date> reference) const {
        auto mentions = gongwen::find_dates(text, reference);
        if (date_forms_.size() == 0) return mentions;
        for (auto& extra : date_forms_.find(text, reference)) {
            const bool overlaps = std::any_of(mentions.begin(), mentions.end(),
                                              [&](const gongwen::DateMention& m) { return extra.begin < m.end && m.begin < extra.end; });
            if (!overlaps) mentions.push_back(std::move(extra));
        }
        std::stable_sort(mentions.begin(), mentions.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
        return mentions;
    }

    gongwen::fields::AgencyCodes agency_codes_;
    gongwen::fields::DateForms date_forms_;

    void read_deadlines(Document& document) {
        std::optional<gongwen::Date> reference;
        if (document.signed_date) reference = gongwen::parse_iso_date(*document.signed_date);
        if (!reference && document.printed_date) reference = gongwen::parse_iso_date(*document.printed_date);
        for (const auto& clause : document.clauses) {
            for (const auto& m : dates_in(clause.text, reference)) {
                // The signature date is the document's own date, not a deadline in its text.
                if (m.kind == gongwen::DateKind::date && document.signed_date && m.date && m.date->iso() == *document.signed_date) {
                    continue;
                }
                // `日期：2012-07-14`, `发布日期：…`: a web page's own dates, not dates of the text.
                const std::string_view before = std::string_view(clause.text).substr(0, m.begin);
                if (m.kind == gongwen::DateKind::date && (ends_with(before, "日期：") || ends_with(before, "日期:") ||
                                                          ends_with(before, "日期： ") || ends_with(before, "日期: "))) {
                    continue;
                }
                document.deadlines.push_back({m.text, m.date ? m.date->iso() : std::string(), gongwen::to_string(m.kind),
                                              clause.page, clause.path});
            }
        }
    }
};

// `${config_dir}` is the folder of the config file (the host expands it); a leading `?` makes the
// file optional, so a config without these files still works.
const gongwen::PluginOption kOptions[] = {
    {"agency_codes", "?${config_dir}/agency_codes.toml",
     "机关代字 → issuing organ table, used when a document names no issuer (\"\" = none)"},
    {"date_forms", "?${config_dir}/date_forms.toml", "extra deadline phrases such as 年内 or 春节前 (\"\" = none)"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "fields", "1.0.0", gongwen::PluginKind::enricher, nullptr,
    "GB/T 9704 elements (issuer, title, doc_type, recipients, signed_date, cc, printed_by/date, attachments, "
    "urgency, secrecy, note), web metadata blocks, and deadlines in the text",
    kOptions, []() -> gongwen::Plugin* { return new FieldsEnricher; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
