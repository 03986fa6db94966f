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
    std::string sort = "due";            ///< due | unit | document
};

/// Today on the local clock; nullopt when the clock cannot be read.
std::optional<Date> local_today();
/// The current UTC time in a strftime `format`.
std::string utc_time(const char* format);
/// Now as an iCalendar DTSTAMP (UTC, YYYYMMDDTHHMMSSZ).
std::string utc_stamp();

/// The words --status and the page's filter accept.
bool is_deadline_status(const std::string& word);

/// The rows of `tasks` that pass `filter`, with status relative to `today` and their recorded
/// state (index::track_tasks), sorted as asked.
std::vector<DeadlineRow> deadline_rows(std::vector<index::TrackedTask> tasks, const DeadlineFilter& filter, const Date& today,
                                       const index::AliasTable& aliases);

/// The tasks whose state is kept but whose document has left the index (`ingest --prune`), as
/// rows with status "archived": the text, number, title and file as last seen, no due date. A
/// --unit filter drops them (the state does not keep the units). Throws index::TaskStateError.
std::vector<DeadlineRow> archived_rows(const Xapian::Database& database, const std::optional<std::filesystem::path>& location);

/// Every task of the index with its recorded state from the task state database beside the index
/// at `location` (TaskStateStore::location_for); no state when there is none yet or the index is
/// remote. Throws index::TaskStateError for a database that cannot be read.
std::vector<index::TrackedTask> tracked_tasks(const Xapian::Database& database, const std::optional<std::filesystem::path>& location);

}  // namespace gongwen::app
