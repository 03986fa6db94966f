// The deadline view shared by `gongwen deadlines` and `gongwen serve`: every task of the index
// with its status relative to a day, filtered and sorted the same way in the terminal and the page.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deadline_formats.hpp"
#include "gongwen/dates.hpp"
#include "gongwen/index/aliases.hpp"
#include "gongwen/index/task_reader.hpp"

namespace gongwen::app {

/// Tasks due within this many days of today are "due_soon".
inline constexpr int kDueSoonDays = 14;

struct DeadlineFilter {
    std::optional<std::string> unit;     ///< matched through UnitMatcher (abbreviations, config/aliases.toml)
    std::optional<Date> from, to;        ///< due-date range, inclusive; tasks without a due date drop out
    bool overdue = false;
    std::optional<std::string> status;   ///< overdue | due_soon | open | ongoing
    std::string sort = "due";            ///< due | unit | document
};

/// Today on the local clock; nullopt when the clock cannot be read.
std::optional<Date> local_today();
/// Now as an iCalendar DTSTAMP (UTC, YYYYMMDDTHHMMSSZ).
std::string utc_stamp();

/// The rows of `tasks` that pass `filter`, with status relative to `today`, sorted as asked.
std::vector<DeadlineRow> deadline_rows(std::vector<index::IndexedTask> tasks, const DeadlineFilter& filter, const Date& today,
                                       const index::AliasTable& aliases);

}  // namespace gongwen::app
