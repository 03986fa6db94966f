// Header synonyms (see table_header.hpp). The lists follow the issue and the field notes
// (docs: gongwen-fields.md §3.1); a header matches when it is a synonym, possibly with a short
// qualifier around it (`主要任务及措施`, `完成时限（年月）`).
#include "table_header.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "gongwen/text.hpp"

namespace gongwen::tables {
namespace {

struct Synonym {
    std::string_view text;
    ColumnRole role;
};

// Longer synonyms first so that 牵头单位 is not read as a generic 单位.
constexpr std::array kSynonyms{
    Synonym{"序号", ColumnRole::number},        Synonym{"编号", ColumnRole::number},
    Synonym{"工作任务", ColumnRole::task},      Synonym{"重点任务", ColumnRole::task},
    Synonym{"主要任务", ColumnRole::task},      Synonym{"任务内容", ColumnRole::task},
    Synonym{"工作内容", ColumnRole::task},      Synonym{"具体任务", ColumnRole::task},
    Synonym{"工作事项", ColumnRole::task},      Synonym{"改革事项", ColumnRole::task},
    Synonym{"具体措施", ColumnRole::task},      Synonym{"重点工作", ColumnRole::task},
    Synonym{"目标任务", ColumnRole::task},      Synonym{"任务名称", ColumnRole::task},
    Synonym{"项目名称", ColumnRole::task},      Synonym{"工作措施", ColumnRole::task},
    Synonym{"主要内容", ColumnRole::task},      Synonym{"主要措施", ColumnRole::task},
    Synonym{"任务措施", ColumnRole::task},      Synonym{"工作举措", ColumnRole::task},
    Synonym{"具体内容", ColumnRole::task},      Synonym{"具体举措", ColumnRole::task},
    Synonym{"推进措施", ColumnRole::task},      Synonym{"主要举措", ColumnRole::task},
    Synonym{"重点举措", ColumnRole::task},      Synonym{"落实措施", ColumnRole::task},
    Synonym{"细化措施", ColumnRole::task},      Synonym{"政策措施", ColumnRole::task},
    Synonym{"实施内容", ColumnRole::task},      Synonym{"建设内容", ColumnRole::task},
    Synonym{"工作要点", ColumnRole::task},      Synonym{"重点事项", ColumnRole::task},
    Synonym{"任务事项", ColumnRole::task},      Synonym{"事项名称", ColumnRole::task},
    Synonym{"主要工作", ColumnRole::task},      Synonym{"具体工作", ColumnRole::task},
    Synonym{"牵头责任单位", ColumnRole::lead_unit},
    Synonym{"牵头单位", ColumnRole::lead_unit}, Synonym{"牵头部门", ColumnRole::lead_unit},
    Synonym{"主责单位", ColumnRole::lead_unit}, Synonym{"协同单位", ColumnRole::unit},
    Synonym{"责任单位", ColumnRole::unit},      Synonym{"配合单位", ColumnRole::unit},
    Synonym{"责任部门", ColumnRole::unit},      Synonym{"责任主体", ColumnRole::unit},
    Synonym{"参与单位", ColumnRole::unit},      Synonym{"协办单位", ColumnRole::unit},
    Synonym{"主办单位", ColumnRole::unit},      Synonym{"配合部门", ColumnRole::unit},
    Synonym{"责任处室", ColumnRole::unit},      Synonym{"承办单位", ColumnRole::unit},
    Synonym{"责任分工", ColumnRole::unit},      Synonym{"责任科室", ColumnRole::unit},
    Synonym{"落实单位", ColumnRole::unit},      Synonym{"实施单位", ColumnRole::unit},
    Synonym{"负责单位", ColumnRole::unit},      Synonym{"负责部门", ColumnRole::unit},
    Synonym{"协助单位", ColumnRole::unit},      Synonym{"协作单位", ColumnRole::unit},
    Synonym{"支持单位", ColumnRole::unit},      Synonym{"承担单位", ColumnRole::unit},
    Synonym{"办理单位", ColumnRole::unit},      Synonym{"主责部门", ColumnRole::lead_unit},
    Synonym{"时间进度", ColumnRole::time},      Synonym{"完成时限", ColumnRole::time},
    Synonym{"完成时间", ColumnRole::time},      Synonym{"时间节点", ColumnRole::time},
    Synonym{"进度安排", ColumnRole::time},      Synonym{"时限要求", ColumnRole::time},
    Synonym{"完成期限", ColumnRole::time},      Synonym{"时间安排", ColumnRole::time},
    Synonym{"办结时限", ColumnRole::time},
    Synonym{"时间要求", ColumnRole::time},      Synonym{"推进时限", ColumnRole::time},
    Synonym{"完成日期", ColumnRole::time},      Synonym{"截止时间", ColumnRole::time},
    Synonym{"截止日期", ColumnRole::time},      Synonym{"实施时间", ColumnRole::time},
    Synonym{"进度要求", ColumnRole::time},      Synonym{"时间表", ColumnRole::time},
    Synonym{"建设年限", ColumnRole::time},      Synonym{"实施年限", ColumnRole::time},
    Synonym{"完成年限", ColumnRole::time},      Synonym{"实施期限", ColumnRole::time},
};

// Bare words, tried once every longer header has had its chance; a column they name must show
// deadlines in its cells (is_bare_header).
constexpr std::array kBareSynonyms{
    Synonym{"时限", ColumnRole::time},
    Synonym{"时间", ColumnRole::time},
};

// The lower half of a two-row header (责任单位 over 牵头 | 配合) names the role in one word. Only
// there: in running text 牵头 and 配合 are everyday words.
constexpr std::array kSubheadings{
    Synonym{"牵头", ColumnRole::lead_unit}, Synonym{"主责", ColumnRole::lead_unit},
    Synonym{"配合", ColumnRole::unit},      Synonym{"协同", ColumnRole::unit},
    Synonym{"参与", ColumnRole::unit},      Synonym{"协办", ColumnRole::unit},
};

// A qualifier may add a few characters (`主要任务及措施`), a whole sentence may not.
constexpr std::size_t kMaxExtraCodePoints = 4;

std::size_t code_points(std::string_view text) {
    std::size_t count = 0, pos = 0;
    while (pos < text.size()) {
        next_code_point(text, pos);
        ++count;
    }
    return count;
}

// The role of the first synonym `text` holds, with at most a short qualifier around it.
template <typename Synonyms>
std::optional<ColumnRole> match(const std::string& text, const Synonyms& synonyms) {
    for (const Synonym& synonym : synonyms) {
        if (text.find(synonym.text) == std::string::npos) continue;
        if (code_points(text) <= code_points(synonym.text) + kMaxExtraCodePoints) return synonym.role;
    }
    return std::nullopt;
}

}  // namespace

std::string without_spaces(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = next_code_point(text, pos);
        if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000 || cp == 0xA0) continue;
        out.append(text.substr(start, pos - start));
    }
    return out;
}

ColumnRole classify_header(std::string_view cell) {
    const std::string text = fold_width(without_spaces(cell));
    if (text.empty()) return ColumnRole::other;
    if (const auto role = match(text, kSynonyms)) return *role;
    return match(text, kBareSynonyms).value_or(ColumnRole::other);
}

bool is_bare_header(std::string_view cell) {
    const std::string text = fold_width(without_spaces(cell));
    return !match(text, kSynonyms) && match(text, kBareSynonyms);
}

std::optional<ColumnRole> classify_subheading(std::string_view cell) {
    const std::string text = fold_width(without_spaces(cell));
    for (const Synonym& synonym : kSubheadings) {
        if (text == synonym.text) return synonym.role;
    }
    return std::nullopt;
}

std::vector<ColumnRole> classify_header_row(const std::vector<std::string>& header) {
    std::vector<ColumnRole> roles;
    roles.reserve(header.size());
    for (const std::string& cell : header) roles.push_back(classify_header(cell));
    return roles;
}

bool is_task_table(const std::vector<ColumnRole>& roles) {
    auto has = [&](ColumnRole role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); };
    return has(ColumnRole::task) && (has(ColumnRole::unit) || has(ColumnRole::lead_unit) || has(ColumnRole::time));
}

bool looks_like_header(const std::vector<ColumnRole>& roles) {
    return std::count_if(roles.begin(), roles.end(), [](ColumnRole role) { return role != ColumnRole::other; }) >= 2;
}

}  // namespace gongwen::tables
