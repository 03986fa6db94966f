// Column roles from cell contents (see column_content.hpp).
#include "column_content.hpp"

#include <algorithm>

#include "gongwen/text.hpp"
#include "unit_list.hpp"

namespace gongwen::tables {
namespace {

// Share of the cells that must agree.
constexpr double kMost = 0.7;

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); ++count) next_code_point(text, pos);
    return count;
}

bool is_sequence(const std::string& cell) {
    std::string text = fold_width(without_spaces(cell));
    while (!text.empty() && (text.back() == '.' || text.back() == ')')) text.pop_back();
    if (!text.empty() && text.front() == '(') text.erase(text.begin());
    return !text.empty() && code_points(text) <= 3 && parse_number(text).has_value();
}

// A deadline phrase, not just a date: a column of bare dates is a date column (发布日期 of a list
// of documents, the days of a training schedule), not a time limit.
bool is_deadline(const std::string& cell, std::optional<Date> reference) {
    const std::string text = without_spaces(cell);
    if (text.empty() || code_points(text) > 40) return false;
    static constexpr std::string_view kDeadlineWords[] = {"前", "底", "末", "年内", "季度", "半年", "持续", "长期", "每", "常态", "完成"};
    const bool worded = std::any_of(std::begin(kDeadlineWords), std::end(kDeadlineWords),
                                    [&](std::string_view word) { return text.find(word) != std::string::npos; });
    return worded && normalize_deadline(text, reference).has_value();
}

// Names that end as units do (局, 委, 办, 人民政府, 中心 …), none of them a sentence.
bool is_unit_list(const std::string& cell) {
    const UnitList list = parse_unit_cell(cell, false);
    if (list.units.empty()) return false;
    static constexpr std::u32string_view kFinals = U"局厅委办部院会府处室司署行社所站心队组馆团门位庭";
    return std::all_of(list.units.begin(), list.units.end(), [](const std::string& unit) {
        const std::u32string name = to_u32(unit);
        return name.size() >= 2 && name.size() <= 24 && kFinals.find(name.back()) != std::u32string_view::npos &&
               name.find(U'。') == std::u32string::npos;
    });
}

bool is_sentence(const std::string& cell) { return code_points(without_spaces(cell)) >= 8; }

}  // namespace

ColumnRole role_from_cells(const std::vector<std::string>& cells, std::optional<Date> reference) {
    std::vector<const std::string*> filled;
    for (const std::string& cell : cells) {
        if (!is_blank(cell)) filled.push_back(&cell);
    }
    if (filled.size() < 2) return ColumnRole::other;
    const auto share = [&](auto&& test) {
        const auto hits = std::count_if(filled.begin(), filled.end(), [&](const std::string* cell) { return test(*cell); });
        return static_cast<double>(hits) / static_cast<double>(filled.size());
    };
    if (share(is_sequence) >= kMost) return ColumnRole::number;
    if (share([&](const std::string& cell) { return is_deadline(cell, reference); }) >= kMost) return ColumnRole::time;
    if (share(is_unit_list) >= kMost) return ColumnRole::unit;
    if (share(is_sentence) >= kMost) return ColumnRole::task;
    return ColumnRole::other;
}

}  // namespace gongwen::tables
