// The deadline view shared by `gongwen deadlines` and `gongwen serve`: every task of the index
// with its status relative to a day, filtered and sorted the same way in the terminal and the page.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "deadline_formats.hpp"
#include "gongwen/dates.hpp"
#include "gongwen/index/aliases.hpp"
#include "gongwen/index/task_matching.hpp"
#include "gongwen/index/task_reader.hpp"

namespace gongwen::app {

/// Tasks due within this many days of today are "due_soon".
inline constexpr int kDueSoonDays = 14;

struct DeadlineFilter {
    std::optional<std::string> unit;     ///< matched through UnitMatcher (abbreviations, config/aliases.toml)
    std::optional<Date> from, to;        ///< due-date range, inclusive; tasks without a due date drop out
    bool overdue = false;
    /// overdue | due_soon | open | ongoing (relative to today; never a done or cancelled task), or
    /// done | cancelled | in_progress (the recorded state); archived (see archived_rows) is
    /// answered by archived_rows, never by deadline_rows
    std::optional<std::string> status;
    /// due (soonest first: the oldest overdue task on top) | latest (latest due first: the most
    /// recently overdue on top) | unit | document; tasks without a due date come last in both due orders
    std::string sort = "due";
};

/// How many rows `deadlines` and the board show unless asked (--limit, ?limit=; 0 for all): a
/// 20-year archive has millions of old tasks nobody marked done, all overdue, and no listing of
/// all of them answers in a second. When rows are left out, the caller says so.
inline constexpr std::size_t kDefaultDeadlineLimit = 1000;

/// The rows a request shows and how many the whole view has.
struct DeadlineListing {
    std::vector<DeadlineRow> rows;   ///< the first `limit` rows of the view, in its order
    /// The rows of the whole view, exactly when `total_exact`; otherwise an upper bound: the task
    /// entries due in the range, counting copies and tasks whose recorded state keeps them off it.
    std::size_t total = 0;
    bool total_exact = true;
};

/// Today on the local clock; nullopt when the clock cannot be read.
std::optional<Date> local_today();
/// The current UTC time in a strftime `format`.
std::string utc_time(const char* format);
/// Now as an iCalendar DTSTAMP (UTC, YYYYMMDDTHHMMSSZ).
std::string utc_stamp();

/// The words --status and the page's filter accept.
bool is_deadline_status(const std::string& word);
/// The words --sort and the page's sort accept.
bool is_deadline_sort(const std::string& word);

/// The rows of `tasks` that pass `filter`, with status relative to `today` and their recorded
/// state (index::track_tasks), sorted as asked.
std::vector<DeadlineRow> deadline_rows(std::vector<index::TrackedTask> tasks, const DeadlineFilter& filter, const Date& today,
                                       const index::AliasTable& aliases);

/// The first `limit` rows (every row when 0) of the view `filter` asks for, with their recorded
/// state from the task state database at `location` (none when nullopt). An overdue view sorted
/// by due date reads only the task entries it can show (TasksByDue, TaskSubsetTracker); every other
/// view reads every task. Throws index::TaskStateError for a state database that cannot be read.
DeadlineListing list_deadlines(const Xapian::Database& database, const std::optional<std::filesystem::path>& location,
                               const DeadlineFilter& filter, const Date& today, const index::AliasTable& aliases, std::size_t limit);

/// What the user is told when a listing leaves rows out ("showing 1000 of 52310 overdue tasks;
/// --limit 0 for all"), without the program name; "" when every row is shown.
std::string left_out_notice(const DeadlineListing& listing, const DeadlineFilter& filter);

/// The tasks whose state is kept but whose document has left the index (`ingest --prune`), as
/// rows with status "archived": the text, number, title and file as last seen, no due date. A
/// --unit filter drops them (the state does not keep the units). Throws index::TaskStateError.
std::vector<DeadlineRow> archived_rows(const Xapian::Database& database, const std::optional<std::filesystem::path>& location);

/// Every task of the index with its recorded state from the task state database beside the index
/// at `location` (TaskStateStore::location_for); no state when there is none yet or the index is
/// remote. Throws index::TaskStateError for a database that cannot be read.
/// The states recorded in the task state file at `location` (none without one).
std::vector<index::TaskState> recorded_states(const std::optional<std::filesystem::path>& location);
std::vector<index::TrackedTask> tracked_tasks(const Xapian::Database& database, const std::optional<std::filesystem::path>& location);

}  // namespace gongwen::app
