// The deadline view (see deadline_view.hpp).
#include "deadline_view.hpp"

#include <algorithm>
#include <ctime>
#include <tuple>

#include "unit_matcher.hpp"

namespace gongwen::app {
namespace {

Date add_days(Date date, int days) {
    while (days > 0) {
        if (++date.day > days_in_month(date.year, date.month)) {
            date.day = 1;
            if (++date.month > 12) date.month = 1, ++date.year;
        }
        --days;
    }
    while (days < 0) {
        if (--date.day < 1) {
            if (--date.month < 1) date.month = 12, --date.year;
            date.day = days_in_month(date.year, date.month);
        }
        ++days;
    }
    return date;
}

// A recurring task is never done: the view shows its next occurrence from today on.
DeadlineRow make_row(index::TrackedTask tracked, const Date& today) {
    DeadlineRow row{std::move(tracked.entry), "", ""};
    row.task_id = tracked.task_id;
    if (tracked.state) {
        row.state = tracked.state->current.status;
        row.done_on = tracked.state->current.done_on;
        row.note = tracked.state->current.note;
    }
    const Task& task = row.entry.task;
    row.due = task.due;
    if (task.kind == "recurring") {
        if (const auto next = normalize_deadline(task.deadline_text, add_days(today, -1)); next && next->date) row.due = next->date->iso();
    }
    const auto due = parse_iso_date(row.due);
    if (task.kind == "ongoing") row.status = "ongoing";
    else if (!due) row.status = "open";
    else if (*due < today) row.status = "overdue";
    else if (*due <= add_days(today, kDueSoonDays)) row.status = "due_soon";
    else row.status = "open";
    // Finished work is neither overdue nor due: its state is its status.
    if (row.state == "done" || row.state == "cancelled") row.status = row.state;
    return row;
}

// Tasks with a due date first, soonest first; then open-ended ones. Ties keep document order.
bool by_due(const DeadlineRow& a, const DeadlineRow& b) {
    if (a.due.empty() != b.due.empty()) return b.due.empty();
    if (a.due != b.due) return a.due < b.due;
    if (a.entry.doc_number != b.entry.doc_number) return a.entry.doc_number < b.entry.doc_number;
    if (a.entry.doc_id != b.entry.doc_id) return a.entry.doc_id < b.entry.doc_id;
    return a.entry.index < b.entry.index;
}

std::string first_unit(const DeadlineRow& row) {
    const auto& task = row.entry.task;
    if (!task.lead_units.empty()) return task.lead_units.front();
    return task.units.empty() ? std::string("\xEF\xBF\xBF") : task.units.front();   // no unit: last
}

}  // namespace

std::optional<Date> local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (!localtime_r(&now, &local)) return std::nullopt;
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string utc_time(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[64];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

std::string utc_stamp() { return utc_time("%Y%m%dT%H%M%SZ"); }

bool is_deadline_status(const std::string& word) {
    return word == "overdue" || word == "due_soon" || word == "open" || word == "ongoing" || word == "done" || word == "cancelled" ||
           word == "in_progress" || word == "archived";
}

std::vector<DeadlineRow> archived_rows(const Xapian::Database& database, const std::optional<std::filesystem::path>& location) {
    std::vector<DeadlineRow> rows;
    if (!location) return rows;
    const auto states = index::TaskStateStore(*location, false).all();
    const auto tracked = index::track_tasks(index::TaskReader(database).all_tasks(), states);
    for (const auto& state : index::archived_states(tracked, states)) {
        DeadlineRow row;
        row.entry.path = state.path;
        row.entry.doc_number = state.doc_number;
        row.entry.title = state.title;
        row.entry.task.seq = state.seq;
        row.entry.task.task = state.task;
        row.status = "archived";
        row.task_id = state.task_id;
        row.state = state.current.status;
        row.done_on = state.current.done_on;
        row.note = state.current.note;
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
        return std::tie(a.entry.doc_number, a.entry.task.seq, a.task_id) < std::tie(b.entry.doc_number, b.entry.task.seq, b.task_id);
    });
    return rows;
}

std::vector<index::TrackedTask> tracked_tasks(const Xapian::Database& database, const std::optional<std::filesystem::path>& location) {
    std::vector<index::TaskState> states;
    if (location) states = index::TaskStateStore(*location, false).all();
    return index::track_tasks(index::TaskReader(database).all_tasks(), states);
}

std::vector<DeadlineRow> deadline_rows(std::vector<index::TrackedTask> tasks, const DeadlineFilter& filter, const Date& today,
                                       const index::AliasTable& aliases) {
    std::optional<UnitMatcher> unit;
    if (filter.unit) unit.emplace(*filter.unit, aliases);
    std::vector<DeadlineRow> rows;
    for (auto& entry : tasks) {
        DeadlineRow row = make_row(std::move(entry), today);
        if (unit && !unit->matches(row.entry.task.units)) continue;
        if (filter.overdue && row.status != "overdue") continue;
        if (filter.status && (*filter.status == "in_progress" ? row.state != "in_progress" : row.status != *filter.status)) continue;
        const auto due = parse_iso_date(row.due);
        if ((filter.from || filter.to) && !due) continue;
        if (filter.from && *due < *filter.from) continue;
        if (filter.to && *due > *filter.to) continue;
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), by_due);
    if (filter.sort == "unit") {
        std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) { return first_unit(a) < first_unit(b); });
    } else if (filter.sort == "document") {
        std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
            return std::tie(a.entry.doc_number, a.entry.doc_id, a.entry.index) < std::tie(b.entry.doc_number, b.entry.doc_id, b.entry.index);
        });
    }
    return rows;
}

}  // namespace gongwen::app
