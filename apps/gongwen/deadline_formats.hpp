// The deadline view in its output formats: a terminal table, JSON, CSV for Excel/WPS and an
// iCalendar (RFC 5545) file that calendars import.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/index/task_reader.hpp"

namespace gongwen::app {

/// A task as the deadline view shows it.
struct DeadlineRow {
    index::IndexedTask entry;
    std::string due;      ///< YYYY-MM-DD or ""; a recurring task shows its next occurrence
    /// overdue | due_soon | open | ongoing, relative to today; done | cancelled when its state
    /// says so (a done or cancelled task is never overdue)
    std::string status;
    std::string task_id;                  ///< see gongwen/index/task_identity.hpp
    std::string state = "open";           ///< open | in_progress | done | cancelled (task_state.hpp)
    std::optional<std::string> done_on;   ///< YYYY-MM-DD when done
    std::optional<std::string> note;
};

/// What the table shows for a row: 已完成, 已取消, 逾期, 即将到期, 进行中, 长期 or 未到期.
std::string status_label(const DeadlineRow& row);

void write_deadline_table(std::ostream& out, const std::vector<DeadlineRow>& rows);
/// How many rows the whole view has when `rows` may be its first ones only (--limit).
struct RowCount {
    std::size_t total = 0;
    bool exact = true;   ///< else `total` is an upper bound
};

/// {"tasks": [{"doc_number", "title", "doc_id", "seq", "task", "units", "lead_units",
/// "deadline_text", "due", "kind", "status", "section", "task_id", "state", "done_on", "note"}]},
/// with "total" and "total_exact" (RowCount) when `count` is given.
void write_deadline_json(std::ostream& out, const std::vector<DeadlineRow>& rows, std::optional<RowCount> count = std::nullopt);
/// The language of the CSV header row: `zh` (文号, 任务, 责任单位, 完成时限 … for staff opening it in
/// Excel or WPS) or `en` (the JSON field names, for scripts).
enum class CsvHeaders { zh, en };
/// zh when the user's locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, en otherwise.
CsvHeaders default_csv_headers();
/// "zh" / "en" → CsvHeaders; nothing for any other word.
std::optional<CsvHeaders> parse_csv_headers(std::string_view word);

/// UTF-8 with a byte-order mark (Excel and WPS read it as UTF-8), every cell quoted, CRLF.
void write_deadline_csv(std::ostream& out, const std::vector<DeadlineRow>& rows, CsvHeaders headers = CsvHeaders::en);

/// What the iCalendar file holds. Most calendars (Outlook, Google Calendar, phones) show events
/// and ignore to-dos, so events are the default.
struct IcsOptions {
    enum class Kind { event, todo };
    Kind kind = Kind::event;
    /// An event's reminder: at 09:00 this many days before the due day; 0 for none.
    int alarm_days = 1;
    /// Done and cancelled tasks are left out unless asked for; then an event is STATUS:CANCELLED
    /// (calendars strike it through or hide it) and a to-do STATUS:COMPLETED or CANCELLED.
    bool include_done = false;
};
/// One all-day VEVENT (or VTODO) per task with a due date; a recurring task (每季度, 每月, 每年)
/// repeats with an RRULE from its first due day. `stamp` is the DTSTAMP (UTC, YYYYMMDDTHHMMSSZ).
void write_deadline_ics(std::ostream& out, const std::vector<DeadlineRow>& rows, const std::string& stamp,
                        const IcsOptions& options = {});
/// The RFC 5545 RRULE value of a recurring deadline (每季度 → FREQ=MONTHLY;INTERVAL=3), or
/// nothing when the text names no period a calendar can repeat.
/// With `due` (YYYY-MM-DD, the first occurrence) on the last day of its month, a monthly rule
/// repeats on the last day of each month (`BYMONTHDAY=-1`): 每季度 from 03-31 falls on 06-30,
/// 09-30, 12-31, where RFC 5545 would skip the months without a 31st.
std::optional<std::string> recurrence_rule(std::string_view deadline_text, std::string_view due = {});

}  // namespace gongwen::app
