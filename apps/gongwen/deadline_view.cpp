// The deadline view (see deadline_view.hpp).
#include "deadline_view.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <ctime>
#include <tuple>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/task_subset.hpp"
#include "gongwen/index/tasks_by_due.hpp"
#include "unit_matcher.hpp"

namespace gongwen::app {
namespace {

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

// Tasks with a due date first, latest first; then open-ended ones. Ties as by_due.
bool by_latest_due(const DeadlineRow& a, const DeadlineRow& b) {
    if (a.due.empty() != b.due.empty()) return b.due.empty();
    if (a.due != b.due) return a.due > b.due;
    return by_due(a, b);
}

// YYYYMMDD, as slot::task_due holds due dates.
std::string due_value(const Date& date) {
    std::string iso = date.iso();
    std::erase(iso, '-');
    return iso;
}

// The task entries a bounded view expects to read for `limit` rows: a few are copies or done.
Xapian::doccount entries_for(std::size_t limit) { return static_cast<Xapian::doccount>(std::min<std::size_t>(limit + limit / 2, 1U << 30)); }

// Every task entry of the index (copies and done tasks included): the bound a view gives as its
// count when it did not read them all.
std::size_t task_entry_count(const Xapian::Database& database) { return database.get_termfreq(std::string(index::prefix::kind) + "task"); }

// The task entries that can match --unit: those of the documents whose tasks name the unit or one
// of its aliases (every entry of a document carries the document's unit filter terms: units and
// bigrams, so a name containing the query has them). Empty (every entry) without --unit, or for a
// query with Latin letters or digits, which the terms index as whole words only while --unit finds
// them inside a word too. A rare unit's tasks are then read from its documents, not found by
// reading the days of the whole archive.
Xapian::Query unit_entries(const DeadlineFilter& filter, const index::AliasTable& aliases) {
    if (!filter.unit) return {};
    std::vector<Xapian::Query> variants;
    for (const auto& variant : aliases.expand(*filter.unit)) {
        const std::string folded = core::fold_for_matching(variant);   // ＧＤＰ as GDP, as the terms fold it
        if (std::any_of(folded.begin(), folded.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) return {};
        variants.push_back(index::unit_filter(variant));
    }
    if (variants.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_OR, variants.begin(), variants.end());
}

// A view in due order, read a day of due dates at a time until `limit` rows are found, up to the
// day `last`. Up to that day every row's due date is its entry's due value: a recurring task shows
// its next occurrence, never before yesterday, and `last` is earlier (the overdue view: its rows
// end the day before; it has no recurring rows). So the first rows of the view are on the first
// days, and within a day in the order of by_due's ties. `view_ends` says whether the view has rows
// after `last`: when it has and the days up to `last` give fewer than `limit` rows, nullopt (only
// the full read can order the rest).
std::optional<DeadlineListing> bounded_by_due(const Xapian::Database& database, std::vector<index::TaskState> states,
                                              const DeadlineFilter& filter, const Date& today, const index::AliasTable& aliases,
                                              std::size_t limit, Date last, bool view_ends) {
    DeadlineListing listing;
    if (filter.to && *filter.to <= last) {
        last = *filter.to;
        view_ends = true;
    }
    const std::string first = filter.from ? due_value(*filter.from) : std::string();
    if (!first.empty() && first > due_value(last)) {
        if (view_ends) return listing;
        return std::nullopt;
    }
    const std::string last_value = due_value(last);
    const Xapian::doccount expected = entries_for(limit);
    index::TasksByDue days(database, first, due_value(last), filter.sort == "latest", expected, unit_entries(filter, aliases));
    index::TaskSubsetTracker tracker(database, std::move(states));
    bool read_all = false;
    while (listing.rows.size() < limit) {
        auto day = days.next_day();
        if (day.empty()) {
            read_all = true;
            break;
        }
        // Within a day the rows are in the order of their entries' number, doc id and position
        // (by_due's ties): put the entries in that order, then track only as many as the limit needs.
        std::erase_if(day, [&](Xapian::docid entry) { return !tracker.task(entry); });
        std::sort(day.begin(), day.end(), [&](Xapian::docid a, Xapian::docid b) {
            const index::IndexedTask &x = *tracker.task(a), &y = *tracker.task(b);
            return std::tie(x.doc_number, x.doc_id, x.index) < std::tie(y.doc_number, y.doc_id, y.index);
        });
        for (std::size_t next = 0; next < day.size() && listing.rows.size() < limit;) {
            const std::size_t wanted = std::max<std::size_t>(limit - listing.rows.size(), 16);
            const std::vector<Xapian::docid> chunk(day.begin() + static_cast<std::ptrdiff_t>(next),
                                                   day.begin() + static_cast<std::ptrdiff_t>(std::min(day.size(), next + wanted)));
            next += chunk.size();
            for (auto& row : deadline_rows(tracker.track(chunk), filter, today, aliases)) {
                // A recurring task due on this day shows its next occurrence, after `last`: a row for later.
                if (const auto due = parse_iso_date(row.due); due && due_value(*due) > last_value) continue;
                listing.rows.push_back(std::move(row));
            }
        }
    }
    if (read_all && !view_ends) return std::nullopt;
    // Exact when every entry in the range was read, or each made a row; else the entries are a bound
    // (of the whole index's task entries when the view goes on after `last`).
    const std::size_t entries = view_ends ? days.entries() : task_entry_count(database);
    listing.total_exact = read_all || entries == listing.rows.size();
    listing.total = listing.total_exact ? listing.rows.size() : entries;
    if (listing.rows.size() > limit) listing.rows.resize(limit);
    return listing;
}

// The task entries that can have status `status` (due_soon or ongoing) on `today`: the ongoing
// ones; or those due from today to the end of the due-soon days, and every recurring one (its next
// occurrence is worked out from today). nullopt for an index without the kind terms.
std::optional<std::vector<Xapian::docid>> due_soon_or_ongoing_entries(const Xapian::Database& database, const std::string& status,
                                                                      const Date& today) {
    if (status == "ongoing") return index::task_entries_of_kind(database, "ongoing");
    auto entries = index::task_entries_of_kind(database, "recurring");
    if (!entries) return std::nullopt;
    index::TasksByDue days(database, due_value(today), due_value(add_days(today, kDueSoonDays)), false, 1024);
    for (auto day = days.next_day(); !day.empty(); day = days.next_day()) entries->insert(entries->end(), day.begin(), day.end());
    std::sort(entries->begin(), entries->end());
    entries->erase(std::unique(entries->begin(), entries->end()), entries->end());
    return entries;
}

// The task entries without a due value (kept to those `within` matches, unless it is empty). Due
// values are YYYYMMDD: every one is at least "0" (an absent value, "", is not).
std::vector<Xapian::docid> undated_entries(const Xapian::Database& database, const Xapian::Query& within) {
    Xapian::Query undated(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string(index::prefix::kind) + "task"),
                          Xapian::Query(Xapian::Query::OP_VALUE_GE, index::slot::task_due, std::string("0")));
    return index::matching_entries(database, within.empty() ? undated : Xapian::Query(Xapian::Query::OP_FILTER, undated, within));
}

// A view in due order (or latest due first) whose rows are due from day `first` on (YYYYMMDD,
// "0" for any day): the dated rows, the recurring ones at their next occurrence, then the rows
// without a due date. The open view's rows are due after the due-soon days; the view of every
// task latest first starts on the first day. Reads every recurring entry, the days from `first`
// on in the view's order until the limit fills, and the undated entries only when the dated rows
// do not fill it. nullopt for an index without the kind terms.
std::optional<DeadlineListing> bounded_with_recurring(const Xapian::Database& database, std::vector<index::TaskState> states,
                                                      const DeadlineFilter& filter, const Date& today, const index::AliasTable& aliases,
                                                      std::size_t limit, std::string first) {
    auto recurring = index::task_entries_of_kind(database, "recurring");
    if (!recurring) return std::nullopt;
    const bool latest = filter.sort == "latest";
    const Xapian::Query within = unit_entries(filter, aliases);
    index::TaskSubsetTracker tracker(database, std::move(states));
    const std::set<Xapian::docid> recurring_set(recurring->begin(), recurring->end());
    DeadlineListing listing;
    listing.rows = deadline_rows(tracker.track(*recurring), filter, today, aliases);   // the open ones, whatever their day
    std::vector<std::string> recurring_dues;   // sorted
    for (const auto& row : listing.rows) {
        if (!row.due.empty()) recurring_dues.push_back(row.due);
    }
    std::sort(recurring_dues.begin(), recurring_dues.end());
    // The rows known to come no later than day `due` in the view's order: the dated rows read so
    // far (every day up to it) and the recurring rows due up to it.
    std::size_t dated = 0;
    const auto known_up_to = [&](const std::string& due) {
        const auto recurring_before = latest ? recurring_dues.end() - std::lower_bound(recurring_dues.begin(), recurring_dues.end(), due)
                                             : std::upper_bound(recurring_dues.begin(), recurring_dues.end(), due) - recurring_dues.begin();
        return dated + static_cast<std::size_t>(recurring_before);
    };
    if (filter.from && due_value(*filter.from) > first) first = due_value(*filter.from);
    const std::string last = filter.to ? due_value(*filter.to) : "";
    bool read_all = true;
    if (last.empty() || last >= first) {
        const Xapian::doccount expected = entries_for(limit);
        index::TasksByDue days(database, first, last, latest, expected, within);
        for (;;) {
            auto day = days.next_day();
            if (day.empty()) break;
            std::erase_if(day, [&](Xapian::docid entry) { return recurring_set.contains(entry); });
            if (day.empty()) continue;
            auto rows = deadline_rows(tracker.track(day), filter, today, aliases);
            if (rows.empty()) continue;
            const std::string due = rows.front().due;   // one day: every row's due is its entry's
            dated += rows.size();
            for (auto& row : rows) listing.rows.push_back(std::move(row));
            if (known_up_to(due) >= limit) {
                read_all = false;
                break;
            }
        }
    }
    // Tasks without a due date come after every dated one, and a day range leaves them out.
    const bool undated_needed = !filter.from && !filter.to && read_all && listing.rows.size() < limit;
    if (undated_needed) {
        std::vector<Xapian::docid> undated = undated_entries(database, within);
        std::erase_if(undated, [&](Xapian::docid entry) { return recurring_set.contains(entry); });
        for (auto& row : deadline_rows(tracker.track(undated), filter, today, aliases)) listing.rows.push_back(std::move(row));
    }
    std::sort(listing.rows.begin(), listing.rows.end(), latest ? by_latest_due : by_due);
    listing.total_exact = read_all && (undated_needed || filter.from || filter.to);
    listing.total = listing.total_exact ? listing.rows.size() : task_entry_count(database);
    if (limit > 0 && listing.rows.size() > limit) listing.rows.resize(limit);
    return listing;
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

bool is_deadline_sort(const std::string& word) { return word == "due" || word == "latest" || word == "unit" || word == "document"; }

bool is_deadline_status(const std::string& word) {
    return word == "overdue" || word == "due_soon" || word == "open" || word == "ongoing" || word == "done" || word == "cancelled" ||
           word == "in_progress" || word == "archived";
}

std::vector<DeadlineRow> archived_rows(const Xapian::Database& database, const std::optional<std::filesystem::path>& location) {
    std::vector<DeadlineRow> rows;
    if (!location) return rows;
    const auto states = index::TaskStateStore(*location, false).all();
    // The keys of the states only (a few documents, at any archive size), or every task when a
    // state's key cannot be looked up by its terms.
    auto archived = index::TaskSubsetTracker(database, states).archived_states();
    if (!archived) archived = index::archived_states(index::track_tasks(index::TaskReader(database).all_tasks(), states), states);
    for (const auto& state : *archived) {
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

DeadlineListing list_deadlines(const Xapian::Database& database, const std::optional<std::filesystem::path>& location,
                               const DeadlineFilter& filter, const Date& today, const index::AliasTable& aliases, std::size_t limit) {
    DeadlineListing listing;
    if (filter.status == "archived") {
        // Archived tasks have no units or due date left to filter by: any such filter leaves none.
        if (!filter.unit && !filter.from && !filter.to && !filter.overdue) listing.rows = archived_rows(database, location);
    } else if (limit > 0 && (filter.overdue || filter.status == "overdue") && (!filter.status || filter.status == "overdue") &&
               (filter.sort == "due" || filter.sort == "latest")) {
        return *bounded_by_due(database, recorded_states(location), filter, today, aliases, limit, add_days(today, -1), true);
    } else if (filter.status && (*filter.status == "done" || *filter.status == "cancelled" || *filter.status == "in_progress")) {
        // Only a task with a recorded state has one of these: the tasks of the states' documents.
        auto tracked = index::TaskSubsetTracker(database, recorded_states(location)).tasks_of_state_keys();
        listing.rows = deadline_rows(tracked ? std::move(*tracked) : tracked_tasks(database, location), filter, today, aliases);
    } else if (filter.status && (*filter.status == "due_soon" || *filter.status == "ongoing") && !filter.overdue) {
        // Ongoing work has its own kind; work due soon is due within the next days or recurring:
        // those entries only (every order, an exact count), else everything.
        if (auto entries = due_soon_or_ongoing_entries(database, *filter.status, today)) {
            listing.rows = deadline_rows(index::TaskSubsetTracker(database, recorded_states(location)).track(*entries), filter, today, aliases);
        } else {
            listing.rows = deadline_rows(tracked_tasks(database, location), filter, today, aliases);
        }
    } else if (limit > 0 && filter.status == "open" && !filter.overdue && (filter.sort == "due" || filter.sort == "latest")) {
        // Open work: due after the due-soon days, recurring, or undated (README, "Big archives").
        const std::string after_due_soon = due_value(add_days(today, kDueSoonDays + 1));
        if (auto bounded = bounded_with_recurring(database, recorded_states(location), filter, today, aliases, limit, after_due_soon)) {
            return std::move(*bounded);
        }
        listing.rows = deadline_rows(tracked_tasks(database, location), filter, today, aliases);
    } else if (limit > 0 && !filter.overdue && !filter.status && filter.sort == "due") {
        // Every task, soonest due first: in an archive, the first rows are its oldest tasks (done or
        // not), before the day before yesterday; read those days only, else everything (and the
        // count, which the page shows, is exact).
        if (auto bounded = bounded_by_due(database, recorded_states(location), filter, today, aliases, limit, add_days(today, -2), false)) {
            return std::move(*bounded);
        }
        listing.rows = deadline_rows(tracked_tasks(database, location), filter, today, aliases);
    } else if (limit > 0 && !filter.overdue && !filter.status && filter.sort == "latest") {
        // Every task, latest due first: the days from the latest down, with the recurring tasks, as
        // the open view reads them. From "0": below every YYYYMMDD due value, and unlike "" it
        // leaves the undated entries to the end.
        if (auto bounded = bounded_with_recurring(database, recorded_states(location), filter, today, aliases, limit, "0")) return std::move(*bounded);
        listing.rows = deadline_rows(tracked_tasks(database, location), filter, today, aliases);
    } else {
        listing.rows = deadline_rows(tracked_tasks(database, location), filter, today, aliases);
    }
    listing.total = listing.rows.size();
    if (limit > 0 && listing.rows.size() > limit) listing.rows.resize(limit);
    return listing;
}

std::string left_out_notice(const DeadlineListing& listing, const DeadlineFilter& filter) {
    if (listing.rows.size() >= listing.total) return "";
    const bool overdue = filter.overdue || filter.status == "overdue";
    std::string notice = "showing " + std::to_string(listing.rows.size()) + " of " + (listing.total_exact ? "" : "at most ") +
                         std::to_string(listing.total) + (overdue ? " overdue tasks" : " tasks");
    if (!listing.total_exact) notice += " (the count includes copies and tasks marked done)";
    notice += "; --limit 0 for all";
    if (overdue && filter.sort == "due") notice += ", --sort latest for the most recently overdue first";
    return notice;
}

std::vector<index::TaskState> recorded_states(const std::optional<std::filesystem::path>& location) {
    return location ? index::TaskStateStore(*location, false).all() : std::vector<index::TaskState>{};
}

std::vector<index::TrackedTask> tracked_tasks(const Xapian::Database& database, const std::optional<std::filesystem::path>& location) {
    return index::track_tasks(index::TaskReader(database).all_tasks(), recorded_states(location));
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
    std::sort(rows.begin(), rows.end(), filter.sort == "latest" ? by_latest_due : by_due);
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
