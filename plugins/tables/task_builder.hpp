// Rows of a responsibility table to task records: task text, units and leads, deadline.
#pragma once

#include <optional>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/document.hpp"
#include "raw_table.hpp"

namespace gongwen::tables {

/// The tasks of `table`, or none when its header is not a task table's (statistics, forms).
/// `reference` is the document's date: it gives 年底前 its year and 每季度 its next occurrence.
std::vector<Task> tasks_from_table(const RawTable& table, std::optional<Date> reference);

}  // namespace gongwen::tables
