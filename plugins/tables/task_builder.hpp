// Rows of a responsibility table to task records: task text, units and leads, deadline.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/document.hpp"
#include "raw_table.hpp"
#include "table_header.hpp"

namespace gongwen::tables {

/// What the document around a table says about reading it.
struct TableContext {
    std::optional<Date> reference;     ///< the document's date: gives 年底前 its year, 每季度 its next occurrence
    bool first_unit_leads = false;     ///< the body says 列第一位的为牵头单位 (the first unit listed leads)
    /// The document speaks of tasks (an attachment 重点任务分工表, 责任清单 …): a table whose header
    /// names no known column may still be read as tasks when its cells show task, unit and time
    /// columns (a header OCR garbled).
    bool expects_tasks = false;
};

/// The roles of the table's columns: from the header words, and for columns the header does not
/// name, from their cells (column_content.hpp) — all of them only when the context expects tasks.
std::vector<ColumnRole> column_roles(const RawTable& table, const TableContext& context);

/// True when a document's attachment titles or body speak of tasks (任务, 分工, 责任清单, 台账).
bool speaks_of_tasks(std::string_view text);

/// The tasks of `table`, or none when its columns are not a task table's (statistics, forms).
/// Rows that cannot be a task are left out: no task text, or neither units nor a deadline of their
/// own (a stray line under the table); a row naming only a heading (一、…) sets the `section` of
/// the rows after it. With two task columns (重点任务 | 具体措施) the task is the later one and
/// the earlier is its `parent`. A deadline cell with stages (10月底前出台方案，年底前全面完成) is
/// due at its last date; every stage's date is in `milestones`.
std::vector<Task> tasks_from_table(const RawTable& table, const TableContext& context);

/// True when a body text says that the first unit of each row leads (列第一位的为牵头单位,
/// 排在第一位的为牵头单位, 第一个为牵头单位 …).
bool says_first_unit_leads(std::string_view text);

}  // namespace gongwen::tables
