// A table as read from a page, before anyone decides what it means: a header row and body rows of
// cell texts. Both readers (positioned words, tab-separated text) produce it; the task builder
// reads it.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::tables {

/// One body row. A cell's text joins its wrapped lines without a separator; a line that ended
/// before the cell's right edge (a hard break, as in `省税务局` / `省财政厅`) is kept as '\n'.
struct RawRow {
    std::vector<std::string> cells;   ///< one per header column
    int page = 1;                     ///< where the row starts
    std::string section;              ///< the section row above it (一、优化营商环境), or ""
    /// Columns whose text came from a merged cell that spans other rows too (a 牵头单位 over six
    /// rows, or carried over a page break): such a row may lack units of its own and still be a task.
    std::vector<bool> spanned;
};

struct RawTable {
    std::vector<std::string> header;  ///< column titles, spaces removed; "" for an unlabelled column
    std::vector<RawRow> rows;
    int first_page = 1;
    int last_page = 1;
    std::vector<TableRegion> regions; ///< where it lies, one box per page; empty for text tables
    bool ruled = false;               ///< read from a grid of ruling lines
};

}  // namespace gongwen::tables
