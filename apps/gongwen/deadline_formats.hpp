// The deadline view in its output formats: a terminal table, JSON, CSV for Excel/WPS and an
// iCalendar (RFC 5545) file of to-dos.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/index/task_reader.hpp"

namespace gongwen::app {

/// A task as the deadline view shows it.
struct DeadlineRow {
    index::IndexedTask entry;
    std::string due;      ///< YYYY-MM-DD or ""; a recurring task shows its next occurrence
    std::string status;   ///< overdue | due_soon | open | ongoing
};

void write_deadline_table(std::ostream& out, const std::vector<DeadlineRow>& rows);
/// {"tasks": [{"doc_number", "title", "doc_id", "seq", "task", "units", "lead_units",
/// "deadline_text", "due", "kind", "status"}]}
void write_deadline_json(std::ostream& out, const std::vector<DeadlineRow>& rows);
/// UTF-8 with a byte-order mark (Excel and WPS read it as UTF-8), every cell quoted, CRLF.
void write_deadline_csv(std::ostream& out, const std::vector<DeadlineRow>& rows);
/// One all-day VTODO per task with a due date. `stamp` is the DTSTAMP (UTC, YYYYMMDDTHHMMSSZ).
void write_deadline_ics(std::ostream& out, const std::vector<DeadlineRow>& rows, const std::string& stamp);

}  // namespace gongwen::app
