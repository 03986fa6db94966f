// What a column holds, judged from its cells when its header does not say: OCR garbles header
// words (`序号 工作任务 责任单位 时间进度` → `医生区 机人人`), and offices name columns in words no
// synonym list has. Strict on purpose: a wrong guess turns a statistics table into tasks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gongwen/dates.hpp"
#include "table_header.hpp"

namespace gongwen::tables {

/// The role the non-empty cells of a column show by themselves: number (1, 2, 3 …), time (most
/// cells are deadline phrases), unit (most cells are lists of unit names), task (sentences), or
/// other. Needs at least two non-empty cells.
ColumnRole role_from_cells(const std::vector<std::string>& cells, std::optional<Date> reference);

}  // namespace gongwen::tables
