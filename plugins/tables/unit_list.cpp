// Unit cells to unit names (see unit_list.hpp). Works on code points: brackets nest, separators
// only count at depth zero.
#include "unit_list.hpp"

#include <algorithm>
#include <optional>

#include "gongwen/text.hpp"

namespace gongwen::tables {
namespace {

bool is_open_bracket(char32_t cp) {
    return cp == U'（' || cp == U'(' || cp == U'〈' || cp == U'【' || cp == U'〔' || cp == U'[' || cp == U'《' || cp == U'“' || cp == U'［';
}
bool is_close_bracket(char32_t cp) {
    return cp == U'）' || cp == U')' || cp == U'〉' || cp == U'】' || cp == U'〕' || cp == U']' || cp == U'》' || cp == U'”' || cp == U'］';
}
bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0; }
// Between groups of units (each group may carry its own role: `A牵头，B配合`).
bool is_group_separator(char32_t cp) { return cp == U'，' || cp == U',' || cp == U'；' || cp == U';'; }
// Between units of one group.
bool is_item_separator(char32_t cp) { return cp == U'、' || cp == U'\n' || cp == U'/' || cp == U'／' || is_space(cp); }

// The last character of most unit names: 局, 厅, 委, 办, 人民政府, 中心, 公司, 集团, 部门, 单位 ….
bool ends_unit_name(char32_t cp) {
    static constexpr std::u32string_view kFinals = U"局厅委办部院会府处室司署行社所站心队组馆团门位庭社";
    return kFinals.find(cp) != std::u32string_view::npos;
}

// The first characters of most unit names at the start of a line: a level (市财政局, 区教育局,
// 各县（市、区）人民政府) or the Party (中共青岚市委组织部).
bool starts_unit_name(std::u32string_view text) {
    static constexpr std::u32string_view kStarts[] = {U"各", U"市", U"区", U"县", U"省", U"州", U"中共", U"共青团"};
    return std::any_of(std::begin(kStarts), std::end(kStarts), [&](std::u32string_view start) { return text.starts_with(start); });
}

// A line break in a cell is a wrap (`区住房（城` / `乡建设）局`, `各市` / `（县）、区人民政府`)
// unless it comes right after a complete unit name and before another one (`省税务局` /
// `省财政厅`, each on its own line). Wraps are removed; real breaks stay as '\n'.
std::u32string resolve_line_breaks(std::u32string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == U'\r') continue;
        if (text[i] != U'\n') {
            out += text[i];
            continue;
        }
        const bool after_name = !out.empty() && ends_unit_name(out.back());
        const bool before_name = i + 1 < text.size() && is_han(text[i + 1]);
        if (after_name && before_name) out += U'\n';
    }
    return out;
}

// Splits at depth-zero characters for which `separates` is true.
template <typename Predicate>
std::vector<std::u32string> split_outside_brackets(std::u32string_view text, Predicate separates) {
    std::vector<std::u32string> parts(1);
    int depth = 0;
    for (char32_t cp : text) {
        if (is_open_bracket(cp)) ++depth;
        else if (is_close_bracket(cp) && depth > 0) --depth;
        if (depth == 0 && separates(cp)) {
            parts.emplace_back();
            continue;
        }
        parts.back() += cp;
    }
    return parts;
}

bool strip_suffix(std::u32string& text, std::u32string_view suffix) {
    if (text.size() <= suffix.size() || !std::u32string_view(text).ends_with(suffix)) return false;
    text.resize(text.size() - suffix.size());
    return true;
}

std::u32string trimmed(std::u32string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && (is_space(text[begin]) || text[begin] == U'\n')) ++begin;
    while (end > begin && (is_space(text[end - 1]) || text[end - 1] == U'\n' || text[end - 1] == U'。')) --end;
    return std::u32string(text.substr(begin, end - begin));
}

// OCR puts stray marks at a cell's edge (`”各街道办事处`, `市财政局|`); a quote stays when the
// name closes it (`“一网通办”工作专班`).
std::u32string without_stray_marks(std::u32string name) {
    const auto stray = [](char32_t cp) { return cp == U'|' || cp == U'_' || cp == U'·' || cp == U'\'' || cp == U'"'; };
    while (!name.empty() && (stray(name.front()) || name.front() == U'”' || name.front() == U'’' ||
                             ((name.front() == U'“' || name.front() == U'‘') && name.find_first_of(U"”’", 1) == std::u32string::npos))) {
        name.erase(name.begin());
    }
    while (!name.empty() && (stray(name.back()) || name.back() == U'“' || name.back() == U'‘' ||
                             ((name.back() == U'”' || name.back() == U'’') && name.find_first_of(U"“‘") == std::u32string::npos))) {
        name.pop_back();
    }
    return name;
}

// Unit names print their brackets full-width (各县（市、区）人民政府); OCR reads them as ASCII
// brackets or as 〈〉, and some producers type ASCII ones. One spelling, so that the same unit is one
// name everywhere (filters, the deadline board, aliases).
std::u32string with_full_width_brackets(std::u32string name) {
    for (char32_t& cp : name) {
        if (cp == U'(' || cp == U'〈' || cp == U'＜') cp = U'（';
        else if (cp == U')' || cp == U'〉' || cp == U'＞') cp = U'）';
    }
    return name;
}

void add_unique(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

constexpr std::u32string_view kLeadSuffixes[] = {U"（牵头）", U"(牵头)", U"牵头"};
// Longest first: `按职责分工负责` before `负责`.
constexpr std::u32string_view kSupportSuffixes[] = {U"按职责分工负责", U"按职能分工负责", U"按职责负责", U"分工负责", U"（配合）",
                                                    U"(配合)", U"配合", U"参与", U"协助", U"协同", U"负责", U"参加"};

// A role written as a label before the units it names, one cell holding both columns' worth:
// `牵头单位：市住建局；配合单位：市财政局、各区政府`. The label holds until the next one.
enum class Role { lead, support, neutral };
struct RoleLabel {
    std::u32string_view word;
    Role role;
};
constexpr RoleLabel kRoleLabels[] = {
    {U"牵头单位", Role::lead},    {U"牵头部门", Role::lead},    {U"主责单位", Role::lead},    {U"主责部门", Role::lead},
    {U"主办单位", Role::lead},    {U"牵头", Role::lead},        {U"配合单位", Role::support}, {U"配合部门", Role::support},
    {U"协办单位", Role::support}, {U"协助单位", Role::support}, {U"参与单位", Role::support}, {U"协同单位", Role::support},
    {U"配合", Role::support},     {U"责任单位", Role::neutral}, {U"责任部门", Role::neutral}, {U"实施单位", Role::neutral},
    {U"承办单位", Role::neutral},
};

// Strips a role label and its colon from the start of `item`: the role, or none.
std::optional<Role> strip_role_label(std::u32string& item) {
    for (const auto& label : kRoleLabels) {
        if (item.size() <= label.word.size() || !std::u32string_view(item).starts_with(label.word)) continue;
        const char32_t colon = item[label.word.size()];
        if (colon != U'：' && colon != U':') continue;
        item.erase(0, label.word.size() + 1);
        return label.role;
    }
    return std::nullopt;
}

}  // namespace

UnitList parse_unit_cell(std::string_view cell, bool all_lead) {
    UnitList list;
    const std::u32string text = resolve_line_breaks(to_u32(cell));
    std::optional<Role> labelled;   // the role of the last label met, for the units after it
    for (std::u32string group : split_outside_brackets(text, is_group_separator)) {
        group = trimmed(group);
        if (group.starts_with(U'由') && group.size() > 1) group.erase(0, 1);   // 由市教育局牵头
        bool group_leads = all_lead;
        for (auto suffix : kLeadSuffixes) {
            if (strip_suffix(group, suffix)) {
                group_leads = true;
                break;
            }
        }
        for (auto suffix : kSupportSuffixes) {
            if (strip_suffix(group, suffix)) break;
        }
        for (std::u32string item : split_outside_brackets(group, is_item_separator)) {
            item = trimmed(item);
            if (const auto role = strip_role_label(item)) {
                labelled = role;
                item = trimmed(item);
            }
            // A marker alone (wrapped onto a line of its own, or set apart by a space) belongs to
            // the unit before it: `市市场监管局 （牵头）`.
            if (std::find(std::begin(kLeadSuffixes), std::end(kLeadSuffixes), item) != std::end(kLeadSuffixes)) {
                if (!list.units.empty()) add_unique(list.lead_units, list.units.back());
                continue;
            }
            bool leads = labelled ? *labelled == Role::lead : group_leads;
            for (auto suffix : kLeadSuffixes) {
                if (strip_suffix(item, suffix)) {
                    leads = true;
                    break;
                }
            }
            for (auto suffix : kSupportSuffixes) {
                if (strip_suffix(item, suffix)) break;
            }
            item = trimmed(without_stray_marks(trimmed(item)));
            if (item.empty()) continue;
            const std::string name = to_utf8(with_full_width_brackets(std::move(item)));
            add_unique(list.units, name);
            if (leads) add_unique(list.lead_units, name);
        }
    }
    return list;
}

bool ends_before_another_unit(std::string_view line, std::string_view next_line) {
    const std::u32string text = to_u32(line), after = to_u32(next_line);
    // The name the line ends with: from its last separator on.
    std::size_t start = text.size();
    while (start > 0 && !is_group_separator(text[start - 1]) && !is_item_separator(text[start - 1])) --start;
    const std::u32string_view name = std::u32string_view(text).substr(start);
    // Both sides must look like names of their own: a level at the start (人民银行 / 市中心支行 is
    // one name), and 各 not a collective after an organ (市政府 / 各部门 is one name).
    static constexpr std::u32string_view kCollectives[] = {U"各部门", U"各单位", U"各处室", U"各科室", U"各直属", U"各成员", U"各有关"};
    const bool collective = std::any_of(std::begin(kCollectives), std::end(kCollectives),
                                        [&](std::u32string_view word) { return std::u32string_view(after).starts_with(word); });
    return !name.empty() && ends_unit_name(name.back()) && starts_unit_name(name) && starts_unit_name(after) && !collective;
}

void merge_units(UnitList& list, const UnitList& more) {
    for (const auto& name : more.units) add_unique(list.units, name);
    for (const auto& name : more.lead_units) add_unique(list.lead_units, name);
}

}  // namespace gongwen::tables
