// Task records from a table (see task_builder.hpp).
#include "task_builder.hpp"

#include <algorithm>
#include <cctype>

#include "column_content.hpp"
#include "gongwen/text.hpp"
#include "table_header.hpp"
#include "unit_list.hpp"

namespace gongwen::tables {
namespace {

// A cell's wrapped lines are one text: line breaks go (a space stays only between two Latin
// letters or digits: `ISO` / `9001`), and so do layout spaces between Han characters.
std::string joined_text(const std::string& cell) {
    std::string text;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] != '\n') {
            text += cell[i];
            continue;
        }
        const auto latin = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
        if (!text.empty() && i + 1 < cell.size() && latin(text.back()) && latin(cell[i + 1])) text += ' ';
    }
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

int last_column(const std::vector<ColumnRole>& roles, ColumnRole role) {
    const auto it = std::find(roles.rbegin(), roles.rend(), role);
    return it == roles.rend() ? -1 : static_cast<int>(roles.rend() - it) - 1;
}

const std::string& cell_at(const RawRow& row, int column) {
    static const std::string empty;
    return column >= 0 && static_cast<std::size_t>(column) < row.cells.size() ? row.cells[column] : empty;
}

bool spanned_at(const RawRow& row, int column) {
    return column >= 0 && static_cast<std::size_t>(column) < row.spanned.size() && row.spanned[column];
}

// 一、 / （一） / 第一部分 at the start: a heading, as section rows of a table print them.
bool starts_like_heading(const std::string& text) {
    const std::u32string folded = to_u32(fold_width(without_spaces(text)));
    if (folded.empty()) return false;
    std::size_t i = 0;
    if (folded[0] == U'(' ) ++i;
    if (i < folded.size() && folded[i] == U'第') ++i;
    const std::size_t digits_from = i;
    static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
    while (i < folded.size() && kNumerals.find(folded[i]) != std::u32string_view::npos) ++i;
    if (i == digits_from || i >= folded.size()) return false;
    return folded[i] == U'、' || folded[i] == U')' || folded[i] == U'部' || folded[i] == U'类' || folded[i] == U'.';
}

// The due date of a deadline cell: the last stage's date when it names several
// (`10月底前出台方案，年底前全面完成`), else the cell as one deadline phrase.
void set_deadline(Task& task, std::optional<Date> reference) {
    task.kind = "deadline";
    const std::vector<DateMention> mentions = find_dates(task.deadline_text, reference);
    std::vector<const DateMention*> dated;
    for (const DateMention& mention : mentions) {
        if (mention.date) dated.push_back(&mention);
    }
    if (dated.size() >= 2) {
        for (const DateMention* mention : dated) task.milestones.push_back(mention->date->iso());
        std::sort(task.milestones.begin(), task.milestones.end());
        task.milestones.erase(std::unique(task.milestones.begin(), task.milestones.end()), task.milestones.end());
        if (task.milestones.size() >= 2) {
            task.due = task.milestones.back();
            task.kind = task_kind(dated.back()->kind);
            return;
        }
        task.milestones.clear();
    }
    if (const auto mention = normalize_deadline(task.deadline_text, reference)) {
        task.kind = task_kind(mention->kind);
        if (mention->date) task.due = mention->date->iso();
    }
}

// OCR misreads the small full stop that ends a task cell as a Latin letter or digit (`…120个5`,
// `…3000套s`, `…100个|D`). A Chinese sentence does not end in a lone Latin character after Han
// text (a count has its measure word), so where the table's other tasks mostly end with 。 such an
// ending is that 。.
std::size_t misread_stop_length(const std::u32string& text) {
    const auto small = [](char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z'); };
    const auto latin = [](char32_t cp) { return cp < 0x80 && std::isalnum(static_cast<int>(cp)) != 0; };
    const std::size_t n = text.size();
    // One digit or lower-case letter (a capital ends a name: 方案B), or a rule and a letter (`|D`).
    if (n >= 2 && small(text[n - 1]) && is_han(text[n - 2])) return 1;
    if (n >= 3 && latin(text[n - 1]) && text[n - 2] == U'|' && is_han(text[n - 3])) return 2;
    return 0;
}

void restore_final_stops(std::vector<Task>& tasks) {
    std::ptrdiff_t stops = 0, others = 0;
    for (const Task& task : tasks) {
        if (task.task.ends_with("。")) ++stops;
        else if (misread_stop_length(to_u32(task.task)) == 0) ++others;
    }
    if (stops == 0 || stops < others) return;
    for (Task& task : tasks) {
        std::u32string text = to_u32(task.task);
        const std::size_t junk = misread_stop_length(text);
        if (junk == 0) continue;
        text.resize(text.size() - junk);
        task.task = to_utf8(text) + "。";
    }
}

}  // namespace

bool says_first_unit_leads(std::string_view text) {
    // A clause (between ，。；：and brackets) that names the first place, 牵头 and 单位 or 部门:
    // 列第一位的为牵头单位, 牵头单位列第一位, 第一个单位为牵头单位, 排在首位的部门牵头. Not
    // 把安全工作放在第一位 (no 牵头 in its clause), nor 第一批牵头单位 (a batch, not a place).
    static constexpr std::u32string_view kFirstPlace[] = {U"第一位", U"第一个", U"首位", U"排第一", U"列第一", U"排名第一", U"居首"};
    const std::u32string folded = to_u32(without_spaces(text));
    std::size_t begin = 0;
    for (std::size_t end = 0; end <= folded.size(); ++end) {
        if (end < folded.size() && std::u32string_view(U"，。；：,;:（）()").find(folded[end]) == std::u32string_view::npos) continue;
        const std::u32string_view clause = std::u32string_view(folded).substr(begin, end - begin);
        begin = end + 1;
        const bool first = std::any_of(std::begin(kFirstPlace), std::end(kFirstPlace),
                                       [&](std::u32string_view word) { return clause.find(word) != std::u32string_view::npos; });
        const bool leads = clause.find(U"牵头") != std::u32string_view::npos;
        const bool units = clause.find(U"单位") != std::u32string_view::npos || clause.find(U"部门") != std::u32string_view::npos;
        if (first && leads && units) return true;
    }
    return false;
}

bool speaks_of_tasks(std::string_view text) {
    for (std::string_view word : {"任务", "分工", "责任清单", "台账", "责任单位"}) {
        if (text.find(word) != std::string_view::npos) return true;
    }
    return false;
}

std::vector<ColumnRole> column_roles(const RawTable& table, const TableContext& context) {
    std::vector<ColumnRole> roles = classify_header_row(table.header);
    const auto cells_of = [&](std::size_t c) {
        std::vector<std::string> cells;
        for (const RawRow& row : table.rows) cells.push_back(c < row.cells.size() ? row.cells[c] : std::string());
        return cells;
    };
    // A bare 时间 names a time limit only when most of its cells read as one (not 9:00—11:30).
    for (std::size_t c = 0; c < roles.size() && c < table.header.size(); ++c) {
        if (!is_bare_header(table.header[c])) continue;
        std::size_t filled = 0, deadlines = 0;
        for (const std::string& cell : cells_of(c)) {
            if (is_blank(cell)) continue;
            ++filled;
            deadlines += normalize_deadline(joined_text(cell), context.reference).has_value();
        }
        if (deadlines * 10 < filled * 7) roles[c] = ColumnRole::other;
    }
    const bool named = is_task_table(roles);
    if (!named && !context.expects_tasks) return roles;
    const auto has = [&](ColumnRole role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); };
    std::vector<ColumnRole> inferred = roles;
    for (std::size_t c = 0; c < roles.size(); ++c) {
        if (roles[c] != ColumnRole::other) continue;
        const ColumnRole role = role_from_cells(cells_of(c), context.reference);
        // A named table only learns what its header left out; a sentence column never becomes
        // a second task column (备注, 工作目标).
        if (role == ColumnRole::other || has(role) || (named && role == ColumnRole::task)) continue;
        if (std::find(inferred.begin(), inferred.end(), role) != inferred.end() && role != ColumnRole::unit) continue;
        inferred[c] = role;
    }
    if (named) return inferred;
    // Unnamed: only a table whose cells show a task, a unit and a time column is one.
    const auto shows = [&](ColumnRole role) { return std::find(inferred.begin(), inferred.end(), role) != inferred.end(); };
    return shows(ColumnRole::task) && shows(ColumnRole::time) && (shows(ColumnRole::unit) || shows(ColumnRole::lead_unit)) ? inferred : roles;
}

std::vector<Task> tasks_from_table(const RawTable& table, const TableContext& context) {
    const std::vector<ColumnRole> roles = column_roles(table, context);
    if (!is_task_table(roles)) return {};
    const int number_column = first_column(roles, ColumnRole::number);
    const int task_column = last_column(roles, ColumnRole::task);
    const int parent_column = first_column(roles, ColumnRole::task) == task_column ? -1 : first_column(roles, ColumnRole::task);
    const int time_column = first_column(roles, ColumnRole::time);
    const bool has_unit_column = first_column(roles, ColumnRole::unit) >= 0 || first_column(roles, ColumnRole::lead_unit) >= 0;

    std::vector<Task> tasks;
    int previous_seq = 0;
    std::string heading;   // a section row of a reader that keeps them as rows (no grid)
    for (const RawRow& row : table.rows) {
        Task task;
        task.task = joined_text(cell_at(row, task_column));
        task.deadline_text = joined_text(cell_at(row, time_column));
        UnitList units;
        for (std::size_t c = 0; c < roles.size(); ++c) {
            if (roles[c] == ColumnRole::lead_unit) merge_units(units, parse_unit_cell(cell_at(row, static_cast<int>(c)), true));
        }
        for (std::size_t c = 0; c < roles.size(); ++c) {
            if (roles[c] == ColumnRole::unit) merge_units(units, parse_unit_cell(cell_at(row, static_cast<int>(c)), false));
        }
        bool any_spanned = false;
        for (std::size_t c = 0; c < roles.size(); ++c) {
            if (roles[c] == ColumnRole::unit || roles[c] == ColumnRole::lead_unit) any_spanned = any_spanned || spanned_at(row, static_cast<int>(c));
        }
        if (task.task.empty()) {
            // A heading across the table (一、优化营商环境), read as a row by the alignment reader.
            std::string text;
            for (const std::string& cell : row.cells) text += joined_text(cell);
            if (units.units.empty() && task.deadline_text.empty() && starts_like_heading(text)) heading = text;
            continue;
        }
        // A line that no row owns (a note under the table, a fragment of the title): a task has
        // units or a deadline of its own, or sits under a merged unit cell.
        if (units.units.empty() && task.deadline_text.empty() && !any_spanned) continue;
        // Nor is a row whose unit cell is empty and whose time cell is no date at all (a fragment
        // of a sentence OCR put there), in a table that has unit columns.
        if (units.units.empty() && !any_spanned && has_unit_column && !task.deadline_text.empty() &&
            !normalize_deadline(task.deadline_text, context.reference) && find_dates(task.deadline_text, context.reference).empty()) {
            continue;
        }

        task.seq = parse_sequence(cell_at(row, number_column)).value_or(previous_seq + 1);
        previous_seq = task.seq;
        task.page = row.page;
        task.section = !row.section.empty() ? row.section : heading;
        if (parent_column >= 0) task.parent = joined_text(cell_at(row, parent_column));
        if (context.first_unit_leads && units.lead_units.empty() && !units.units.empty()) units.lead_units.push_back(units.units.front());
        task.units = std::move(units.units);
        task.lead_units = std::move(units.lead_units);
        set_deadline(task, context.reference);
        tasks.push_back(std::move(task));
    }
    restore_final_stops(tasks);
    return tasks;
}

}  // namespace gongwen::tables
