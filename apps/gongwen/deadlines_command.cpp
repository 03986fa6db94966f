// `gongwen deadlines`: every task of the index with its status relative to today, filtered by
// unit, due-date range or overdue, in a table, JSON, CSV or iCalendar.
#include <iostream>

#include "commands.hpp"
#include "deadline_formats.hpp"
#include "deadline_view.hpp"
#include "index_selection.hpp"
#include "search_json.hpp"
#include "gongwen/index/index_writer.hpp"

namespace gongwen::app {
namespace {

std::optional<Date> date_option(const std::optional<std::string>& value, const char* flag, bool& bad) {
    if (!value) return std::nullopt;
    auto date = parse_iso_date(*value);
    if (!date) {
        std::cerr << "gongwen: " << flag << " " << *value << ": not a date (expected YYYY-MM-DD)\n";
        bad = true;
    }
    return date;
}

}  // namespace

int run_deadlines(const DeadlinesOptions& options, const GlobalOptions& global) {
    auto loaded = load_config_or_report(global);
    if (!loaded) return kFatal;
    core::Config config = std::move(*loaded);
    bool bad = false;
    const auto from = date_option(options.from, "--from", bad);
    const auto to = date_option(options.to, "--to", bad);
    auto today = date_option(options.today, "--today", bad);
    const auto headers = options.headers ? parse_csv_headers(*options.headers) : std::optional(default_csv_headers());
    if (!headers) {
        std::cerr << "gongwen: --headers " << *options.headers << ": expected zh or en\n";
        bad = true;
    }
    if (bad) return kFatal;
    if (!today) today = local_today();
    if (!today) {
        std::cerr << "gongwen: cannot read today's date from the system clock; pass --today YYYY-MM-DD\n";
        return kFatal;
    }
    DeadlineFilter filter;
    filter.unit = options.unit;
    filter.from = from;
    filter.to = to;
    filter.overdue = options.overdue;
    filter.sort = options.sort;
    filter.status = options.status;
    index::AliasTable aliases;
    try {
        if (options.unit) aliases = load_search_aliases(config);
    } catch (const index::AliasError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    DeadlineListing listing;
    try {
        const index::IndexSet index_set = open_selected_index(options.index, config);
        warn_about_missing_shards(index_set);   // the tasks of the other shards are still listed
        const auto location = task_state_location(options.index, config);
        listing = list_deadlines(index_set.database, location, filter, *today, aliases, options.limit);
    } catch (const index::TaskStateError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    } catch (...) {
        return report_index_error();
    }

    // Never silently: a listing cut at --limit says how much it left out.
    if (const auto notice = left_out_notice(listing, filter); !notice.empty()) std::cerr << "gongwen: " << notice << "\n";
    const auto& rows = listing.rows;
    IcsOptions ics;
    ics.kind = options.ics_kind == "todo" ? IcsOptions::Kind::todo : IcsOptions::Kind::event;
    ics.alarm_days = options.alarm_days;
    ics.include_done = options.include_done;
    if (options.format == "json") write_deadline_json(std::cout, rows, RowCount{listing.total, listing.total_exact});
    else if (options.format == "csv") write_deadline_csv(std::cout, rows, *headers);
    else if (options.format == "ics") write_deadline_ics(std::cout, rows, utc_stamp(), ics);
    else write_deadline_table(std::cout, rows);
    return kSuccess;
}

}  // namespace gongwen::app
