// Task records from a table (see task_builder.hpp).
#include "task_builder.hpp"

#include <algorithm>

#include "gongwen/text.hpp"
#include "table_header.hpp"
#include "unit_list.hpp"

namespace gongwen::tables {
namespace {

// A cell's wrapped lines are one text: line breaks and layout spaces between Han characters go.
std::string joined_text(const std::string& cell) {
    std::string text;
    for (char c : cell) text += c == '\n' ? ' ' : c;
    return trim(remove_spaces_between_han(text));
}

// `1`, `12`, `一`, `（3）`, `4.` → the number; nullopt for anything else.
std::optional<int> parse_sequence(const std::string& cell) {
    std::u32string text = to_u32(fold_width(tables::without_spaces(cell)));
    auto strip = [&](std::u32string_view chars) {
        while (!text.empty() && chars.find(text.back()) != std::u32string_view::npos) text.pop_back();
        while (!text.empty() && chars.find(text.front()) != std::u32string_view::npos) text.erase(text.begin());
    };
    strip(U"().、 ");
    if (text.empty()) return std::nullopt;
    return parse_number(to_utf8(text));
}

const char* task_kind(DateKind kind) {
    if (kind == DateKind::ongoing) return "ongoing";
    if (kind == DateKind::recurring) return "recurring";
    return "deadline";
}

int first_column(const std::vector<ColumnRole>& roles, ColumnRole role) {
    const auto it = std::find(roles.begin(), roles.end(), role);
    return it == roles.end() ? -1 : static_cast<int>(it - roles.begin());
}

const std::string& cell_at(const RawRow& row, int column) {
    static const std::string empty;
    return column >= 0 && static_cast<std::size_t>(column) < row.cells.size() ? row.cells[column] : empty;
}

}  // namespace

std::vector<Task> tasks_from_table(const RawTable& table, std::optional<Date> reference) {
    const std::vector<ColumnRole> roles = classify_header_row(table.header);
    if (!is_task_table(roles)) return {};
    const int number_column = first_column(roles, ColumnRole::number);
    const int task_column = first_column(roles, ColumnRole::task);
    const int time_column = first_column(roles, ColumnRole::time);

    std::vector<Task> tasks;
    int previous_seq = 0;
    for (const RawRow& row : table.rows) {
        Task task;
        task.task = joined_text(cell_at(row, task_column));
        if (task.task.empty()) continue;   // a category or blank row
        task.seq = parse_sequence(cell_at(row, number_column)).value_or(previous_seq + 1);
        previous_seq = task.seq;
        task.page = row.page;

        UnitList units;
        for (std::size_t c = 0; c < roles.size(); ++c) {
            if (roles[c] == ColumnRole::lead_unit) merge_units(units, parse_unit_cell(cell_at(row, static_cast<int>(c)), true));
        }
        for (std::size_t c = 0; c < roles.size(); ++c) {
            if (roles[c] == ColumnRole::unit) merge_units(units, parse_unit_cell(cell_at(row, static_cast<int>(c)), false));
        }
        task.units = std::move(units.units);
        task.lead_units = std::move(units.lead_units);

        task.deadline_text = joined_text(cell_at(row, time_column));
        task.kind = "deadline";
        if (const auto mention = normalize_deadline(task.deadline_text, reference)) {
            task.kind = task_kind(mention->kind);
            if (mention->date) task.due = mention->date->iso();
        }
        tasks.push_back(std::move(task));
    }
    return tasks;
}

}  // namespace gongwen::tables
