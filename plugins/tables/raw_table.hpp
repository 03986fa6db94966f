// A table as read from a page, before anyone decides what it means: a header row and body rows of
// cell texts. Both readers (positioned words, tab-separated text) produce it; the task builder
// reads it.
#pragma once

#include <string>
#include <vector>

namespace gongwen::tables {

/// One body row. A cell's text joins its wrapped lines without a separator; a line that ended
/// before the cell's right edge (a hard break, as in `省税务局` / `省财政厅`) is kept as '\n'.
struct RawRow {
    std::vector<std::string> cells;   ///< one per header column
    int page = 1;                     ///< where the row starts
};

struct RawTable {
    std::vector<std::string> header;  ///< column titles, spaces removed; "" for an unlabelled column
    std::vector<RawRow> rows;
    int first_page = 1;
    int last_page = 1;
};

}  // namespace gongwen::tables
