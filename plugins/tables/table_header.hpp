// What a table column is for, judged from its header: the synonyms staff use for 序号, the task,
// the responsible units and the deadline. A table is a task table only when it has a task column
// and a unit or time column: statistics and forms have neither.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::tables {

enum class ColumnRole {
    other,      ///< anything else (类别, 备注, 2022年事项数, …)
    number,     ///< 序号, 编号
    task,       ///< 重点任务, 工作任务, …
    lead_unit,  ///< 牵头单位, 牵头部门: every unit in it leads
    unit,       ///< 责任单位, 配合单位, 责任部门, …
    time,       ///< 完成时限, 时间进度, …
};

/// The role of a header cell (spaces and full-width/half-width differences ignored).
ColumnRole classify_header(std::string_view cell);

/// True when the header names its role only by a bare word that other tables use too (时间 in a
/// training schedule, 时限): its cells must confirm it.
bool is_bare_header(std::string_view cell);

/// The role named by the lower cell of a two-row header alone (牵头, 配合 under 责任单位), or
/// nullopt. Not for single header rows: there 牵头 is an ordinary word.
std::optional<ColumnRole> classify_subheading(std::string_view cell);

/// The roles of a header row.
std::vector<ColumnRole> classify_header_row(const std::vector<std::string>& header);

/// True when the roles describe a responsibility table: a task column and a unit or time column.
bool is_task_table(const std::vector<ColumnRole>& roles);

/// True when a row's roles look like a header at all (two or more known roles): used to
/// recognise a header repeated on a continuation page and to find tables in text.
bool looks_like_header(const std::vector<ColumnRole>& roles);

/// The cell text without any whitespace (ASCII, ideographic, NBSP) and line breaks.
std::string without_spaces(std::string_view text);

}  // namespace gongwen::tables
