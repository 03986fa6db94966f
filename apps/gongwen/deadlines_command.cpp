// `gongwen deadlines`: every task of the index with its status relative to today, filtered by
// unit, due-date range or overdue, in a table, JSON, CSV or iCalendar.
#include <ctime>
#include <iostream>

#include "commands.hpp"
#include "deadline_formats.hpp"
#include "index_selection.hpp"
#include "gongwen/index/index_writer.hpp"
#include "unit_matcher.hpp"

namespace gongwen::app {
namespace {

constexpr int kDueSoonDays = 14;

std::optional<Date> local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (!localtime_r(&now, &local)) return std::nullopt;
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string utc_stamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

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
DeadlineRow make_row(index::IndexedTask entry, const Date& today) {
    DeadlineRow row{std::move(entry), "", ""};
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
    return row;
}

std::optional<Date> date_option(const std::optional<std::string>& value, const char* flag, bool& bad) {
    if (!value) return std::nullopt;
    auto date = parse_iso_date(*value);
    if (!date) {
        std::cerr << "gongwen: " << flag << " " << *value << ": not a date (expected YYYY-MM-DD)\n";
        bad = true;
    }
    return date;
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

int run_deadlines(const DeadlinesOptions& options, const GlobalOptions& global) {
    core::Config config;
    try {
        config = core::load_config(global.config_file, executable_directory());
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    bool bad = false;
    const auto from = date_option(options.from, "--from", bad);
    const auto to = date_option(options.to, "--to", bad);
    auto today = date_option(options.today, "--today", bad);
    if (bad) return kFatal;
    if (!today) today = local_today();
    if (!today) {
        std::cerr << "gongwen: cannot read today's date from the system clock; pass --today YYYY-MM-DD\n";
        return kFatal;
    }
    std::optional<UnitMatcher> unit;
    if (options.unit) {
        try {
            unit.emplace(*options.unit, load_aliases(config));
        } catch (const index::AliasError& error) {
            std::cerr << "gongwen: " << error.what() << "\n";
            return kFatal;
        }
    }

    std::vector<DeadlineRow> rows;
    try {
        const index::IndexSet index_set = open_selected_index(options.index, config);
        warn_about_missing_shards(index_set);   // the tasks of the other shards are still listed
        const index::TaskReader reader(index_set.database);
        for (auto& entry : reader.all_tasks()) {
            DeadlineRow row = make_row(std::move(entry), *today);
            if (unit && !unit->matches(row.entry.task.units)) continue;
            if (options.overdue && row.status != "overdue") continue;
            const auto due = parse_iso_date(row.due);
            if ((from || to) && !due) continue;
            if (from && *due < *from) continue;
            if (to && *due > *to) continue;
            rows.push_back(std::move(row));
        }
    } catch (const index::IndexError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    } catch (const Xapian::Error& error) {
        std::cerr << "gongwen: index error: " << error.get_description() << "\n";
        return kFatal;
    }

    std::sort(rows.begin(), rows.end(), by_due);
    if (options.sort == "unit") {
        std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) { return first_unit(a) < first_unit(b); });
    } else if (options.sort == "document") {
        std::stable_sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
            return std::tie(a.entry.doc_number, a.entry.doc_id, a.entry.index) < std::tie(b.entry.doc_number, b.entry.doc_id, b.entry.index);
        });
    }

    if (options.format == "json") write_deadline_json(std::cout, rows);
    else if (options.format == "csv") write_deadline_csv(std::cout, rows);
    else if (options.format == "ics") write_deadline_ics(std::cout, rows, utc_stamp());
    else write_deadline_table(std::cout, rows);
    return kSuccess;
}

}  // namespace gongwen::app
