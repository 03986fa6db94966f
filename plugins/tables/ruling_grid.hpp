// Cell grids from a page's ruling lines, the way lattice table finders (Camelot, pdfplumber) do
// it: join collinear pieces into rules, group rules that touch into tables, take the rules' x and
// y positions as column and row borders, and merge two neighbouring grid cells wherever no rule
// separates them (a rowspan 牵头单位, a section row across the table). Geometry only: what the
// cells say is the grid table reader's business.
#pragma once

#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::tables {

/// A cell of the grid: rows [row0, row1) and columns [col0, col1) of the grid's borders.
struct GridCell {
    int row0 = 0, row1 = 1, col0 = 0, col1 = 1;
};

/// A table's grid on one page: borders left to right and top to bottom, and the cells they make.
struct Grid {
    int page = 1;
    std::vector<double> xs;          ///< column borders, ascending (columns = xs.size() - 1)
    std::vector<double> ys;          ///< row borders, ascending (rows = ys.size() - 1)
    std::vector<GridCell> cells;     ///< every grid position belongs to exactly one cell
    Box box;                         ///< xs.front(), ys.front(), xs.back(), ys.back()

    int columns() const { return static_cast<int>(xs.size()) - 1; }
    int rows() const { return static_cast<int>(ys.size()) - 1; }
    /// The cell covering grid position (row, column).
    int cell_at(int row, int column) const { return cell_index_[static_cast<std::size_t>(row * columns() + column)]; }
    void index_cells();

private:
    std::vector<int> cell_index_;
};

/// The grids that the page's rules make, top to bottom. A set of rules is a grid when it has at
/// least two horizontal and two vertical rules that cross, and at least two columns or two rows
/// of cells; page borders, underlines and three-line tables (no vertical rules) are not grids.
/// `em` is the page's text size (points or pixels): tolerances scale with it.
std::vector<Grid> find_grids(const Page& page, double em);

}  // namespace gongwen::tables
