// Tables from cell grids (see table_readers.hpp): every glyph goes to the grid cell under its
// centre, so wrapped header and body cells need no guessing; the header is the first grid row(s),
// a merged cell gives its text to every row it spans, a cell across the whole table is a section
// heading, and a grid at the top of the next page with the same columns goes on with the table.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "box_geometry.hpp"
#include "gongwen/text.hpp"
#include "ruling_grid.hpp"
#include "table_header.hpp"
#include "table_readers.hpp"
#include "unit_list.hpp"

namespace gongwen::tables {
namespace {

// A line of a cell that ends this many em before the cell's right edge was broken by hand
// (`省税务局` / `省财政厅`), not wrapped.
constexpr double kHardBreakShortfall = 2.0;
// Column borders of two grids within this many em are the same columns (a table going on).
constexpr double kSameBorder = 1.5;
// At most this many grid rows make a header (责任单位 over 牵头 | 配合 is two).
constexpr int kMaxHeaderRows = 3;

struct Glyph {
    std::string text;
    Box box;
};


// The page's text size: Poppler's font size can be far too large for Type 3 fonts, a box height
// too tall for OCR'd glyphs; the smaller of the two, as a median over the page.
double text_size(const Page& page) {
    std::vector<double> sizes;
    for (const Line& line : page.lines) {
        for (const Word& word : line.words) {
            const double height = word.box.y1 - word.box.y0;
            sizes.push_back(word.font_size > 0 ? std::min(word.font_size, std::max(height, 1.0)) : height);
        }
    }
    return median(std::move(sizes));
}

// Glyphs of a word: one per character where the extractor knows their boxes (Poppler), else the
// word as one glyph (OCR words are short and do not cross cell borders).
void add_glyphs(const Word& word, std::vector<Glyph>& out) {
    std::vector<char32_t> code_points;
    for (std::size_t pos = 0; pos < word.text.size();) code_points.push_back(next_code_point(word.text, pos));
    if (word.char_boxes.size() == code_points.size() && !code_points.empty()) {
        for (std::size_t i = 0; i < code_points.size(); ++i) {
            std::string text;
            append_utf8(text, code_points[i]);
            out.push_back({std::move(text), word.char_boxes[i]});
        }
    } else {
        out.push_back({word.text, word.box});
    }
}

int slot_of(const std::vector<double>& borders, double at) {
    const auto it = std::upper_bound(borders.begin(), borders.end(), at);
    return static_cast<int>(it - borders.begin()) - 1;
}

// A cell's glyphs as text: lines by their vertical centres, glyphs left to right, no space
// between Han characters, one between Latin words; a line that stops well short of the cell's
// right edge ends with '\n' (a hard break: a list of units one per line), and so does a full line
// that ends one unit name before the next line starts another.
std::string cell_text(std::vector<const Glyph*> glyphs, double right_edge, double em) {
    if (glyphs.empty()) return {};
    std::sort(glyphs.begin(), glyphs.end(), [](const Glyph* a, const Glyph* b) { return centre_y(a->box) < centre_y(b->box); });
    std::vector<std::vector<const Glyph*>> lines;
    double line_centre = 0;
    for (const Glyph* glyph : glyphs) {
        if (lines.empty() || centre_y(glyph->box) - line_centre > 0.5 * em) {
            lines.emplace_back();
            line_centre = centre_y(glyph->box);
        }
        lines.back().push_back(glyph);
    }
    for (auto& line : lines) {
        std::sort(line.begin(), line.end(), [](const Glyph* a, const Glyph* b) { return a->box.x0 < b->box.x0; });
    }
    std::string text;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const auto& line = lines[l];
        for (std::size_t i = 0; i < line.size(); ++i) {
            const std::string& piece = line[i]->text;
            if (is_blank(piece)) continue;
            const bool gap = i > 0 && line[i]->box.x0 - line[i - 1]->box.x1 > 0.25 * em;
            if (gap && !text.empty() && is_ascii_alnum(text.back()) && is_ascii_alnum(piece.front())) text += ' ';
            text += piece;
        }
        if (l + 1 == lines.size()) break;
        const bool short_line = line.back()->box.x1 < right_edge - kHardBreakShortfall * em;
        std::string next_start;
        for (std::size_t i = 0; i < lines[l + 1].size() && i < 3; ++i) next_start += lines[l + 1][i]->text;
        if (short_line || ends_before_another_unit(text, next_start)) text += '\n';
    }
    return text;
}

/// A grid with the text of each of its cells.
struct FilledGrid {
    Grid grid;
    std::vector<std::string> texts;   // per cell
    double em = 1;

    const std::string& text_at(int row, int column) const { return texts[static_cast<std::size_t>(grid.cell_at(row, column))]; }
    const GridCell& cell(int row, int column) const { return grid.cells[static_cast<std::size_t>(grid.cell_at(row, column))]; }
    // True when one cell covers the whole row (a title or a section heading).
    bool whole_row(int row) const { return cell(row, 0).col1 == grid.columns() && cell(row, 0).col0 == 0; }
    bool empty_row(int row) const {
        for (int c = 0; c < grid.columns(); ++c) {
            if (!is_blank(text_at(row, c))) return false;
        }
        return true;
    }
};

bool is_sequence_text(const std::string& text) {
    std::string folded = fold_width(text);
    while (!folded.empty() && (folded.back() == '.' || folded.back() == ')' || folded.back() == ' ')) folded.pop_back();
    return !folded.empty() && folded.size() <= 3 && std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Tables ruled only between columns (and around the header) have one tall grid row holding many
// table rows. Where the first column of such a grid row holds several sequence numbers, one
// above the other, each starts a row: the grid row is cut just above each number after the first.
void split_tall_rows(Grid& grid, const std::vector<Glyph>& glyphs, double em) {
    std::vector<double> cuts;
    for (int r = 0; r < grid.rows(); ++r) {
        const GridCell& first = grid.cells[static_cast<std::size_t>(grid.cell_at(r, 0))];
        if (first.row0 != r || first.row1 != r + 1 || first.col1 != 1) continue;
        const double top = grid.ys[static_cast<std::size_t>(r)], bottom = grid.ys[static_cast<std::size_t>(r + 1)];
        if (bottom - top < 3 * em) continue;
        // The first column's lines, top to bottom.
        std::vector<const Glyph*> inside;
        for (const Glyph& glyph : glyphs) {
            const double x = centre_x(glyph.box), y = centre_y(glyph.box);
            if (x > grid.xs[0] && x < grid.xs[1] && y > top && y < bottom) inside.push_back(&glyph);
        }
        std::sort(inside.begin(), inside.end(), [](const Glyph* a, const Glyph* b) { return centre_y(a->box) < centre_y(b->box); });
        std::vector<std::pair<double, std::string>> lines;   // top, text
        double line_centre = -1e300;
        for (const Glyph* glyph : inside) {
            if (centre_y(glyph->box) - line_centre > 0.5 * em) {
                lines.push_back({glyph->box.y0, {}});
                line_centre = centre_y(glyph->box);
            }
            lines.back().first = std::min(lines.back().first, glyph->box.y0);
            lines.back().second += glyph->text;
        }
        if (lines.size() < 2 || !std::all_of(lines.begin(), lines.end(), [](const auto& line) { return is_sequence_text(line.second); })) {
            continue;
        }
        for (std::size_t k = 1; k < lines.size(); ++k) cuts.push_back(lines[k].first - 0.3 * em);
    }
    if (cuts.empty()) return;
    // New borders, then every cell rebuilt: a cell of one old row is cut with it (nothing ruled
    // it into parts but its rows are the table's rows), a cell of several old rows keeps spanning.
    std::vector<double> ys = grid.ys;
    ys.insert(ys.end(), cuts.begin(), cuts.end());
    std::sort(ys.begin(), ys.end());
    const auto new_row = [&](double y) { return static_cast<int>(std::lower_bound(ys.begin(), ys.end(), y - 1e-6) - ys.begin()); };
    std::vector<GridCell> cells;
    for (const GridCell& cell : grid.cells) {
        const int from = new_row(grid.ys[static_cast<std::size_t>(cell.row0)]), to = new_row(grid.ys[static_cast<std::size_t>(cell.row1)]);
        if (cell.row1 - cell.row0 == 1) {
            for (int r = from; r < to; ++r) cells.push_back({r, r + 1, cell.col0, cell.col1});
        } else {
            cells.push_back({from, to, cell.col0, cell.col1});
        }
    }
    grid.ys = std::move(ys);
    grid.cells = std::move(cells);
    grid.index_cells();
}

FilledGrid fill(Grid grid, const Page& page, double em) {
    std::vector<Glyph> glyphs;
    for (const Line& line : page.lines) {
        if (centre_y(line.box) < grid.box.y0 - em || centre_y(line.box) > grid.box.y1 + em) continue;
        for (const Word& word : line.words) add_glyphs(word, glyphs);
    }
    split_tall_rows(grid, glyphs, em);
    FilledGrid filled{std::move(grid), {}, em};
    const Grid& g = filled.grid;
    std::vector<std::vector<const Glyph*>> per_cell(g.cells.size());
    for (const Glyph& glyph : glyphs) {
        const double x = centre_x(glyph.box), y = centre_y(glyph.box);
        if (x <= g.box.x0 || x >= g.box.x1 || y <= g.box.y0 || y >= g.box.y1) continue;
        const int row = std::clamp(slot_of(g.ys, y), 0, g.rows() - 1);
        const int column = std::clamp(slot_of(g.xs, x), 0, g.columns() - 1);
        per_cell[static_cast<std::size_t>(g.cell_at(row, column))].push_back(&glyph);
    }
    for (std::size_t i = 0; i < g.cells.size(); ++i) {
        const double right = g.xs[static_cast<std::size_t>(g.cells[i].col1)];
        filled.texts.push_back(trim(cell_text(per_cell[i], right, em)));
    }
    return filled;
}

// ---------------------------------------------------------------------------------------------
// Headers.

struct GridHeader {
    int first_row = 0;                  // rows above it are a title inside the grid
    int rows = 1;                       // grid rows it takes (2 for 责任单位 over 牵头 | 配合)
    std::vector<std::string> titles;    // per column
    std::vector<ColumnRole> roles;
};

// A column's title from the header cells above it, top to bottom (责任单位 / 牵头): the lowest
// part when it names a role by itself (牵头), else all parts together, else the highest part.
std::string column_title(const std::vector<std::string>& parts) {
    if (parts.empty()) return {};
    if (parts.size() >= 2) {
        // 责任单位 over 牵头: the column of lead units, named so that any reader of the header knows.
        if (classify_subheading(parts.back())) return without_spaces(parts.back()) + "单位";
    }
    if (classify_header(parts.back()) != ColumnRole::other) return without_spaces(parts.back());
    std::string all;
    for (const std::string& part : parts) all += without_spaces(part);
    if (classify_header(all) != ColumnRole::other) return all;
    if (classify_header(parts.front()) != ColumnRole::other) return without_spaces(parts.front());
    return all;
}

GridHeader header_at(const FilledGrid& filled, int first_row) {
    const Grid& grid = filled.grid;
    GridHeader header;
    header.first_row = first_row;
    int rows = 1;
    for (int c = 0; c < grid.columns(); ++c) {
        const GridCell& cell = filled.cell(first_row, c);
        if (cell.row0 == first_row) rows = std::max(rows, cell.row1 - first_row);
    }
    rows = std::min({rows, kMaxHeaderRows, grid.rows() - first_row});
    header.rows = rows;
    for (int c = 0; c < grid.columns(); ++c) {
        std::vector<std::string> parts;
        int last_cell = -1;
        for (int r = first_row; r < first_row + rows; ++r) {
            const int id = grid.cell_at(r, c);
            if (id == last_cell) continue;
            last_cell = id;
            // A title spanning several columns names each of them.
            if (!is_blank(filled.texts[static_cast<std::size_t>(id)])) parts.push_back(filled.texts[static_cast<std::size_t>(id)]);
        }
        header.titles.push_back(column_title(parts));
    }
    header.roles = classify_header_row(header.titles);
    return header;
}

// The header of a grid that starts a table: the first row(s) that name known columns, below at
// most two title rows; failing that the first row, as the titles of a generic table.
GridHeader find_header(const FilledGrid& filled) {
    for (int row = 0; row < std::min(3, filled.grid.rows()); ++row) {
        GridHeader header = header_at(filled, row);
        if (looks_like_header(header.roles)) return header;
        if (!filled.whole_row(row) && !filled.empty_row(row)) break;   // a body row: no known header below
    }
    return header_at(filled, 0);
}

bool same_titles(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
    return same * 2 > a.size();
}

bool same_columns(const Grid& a, const Grid& b, double em) {
    if (a.xs.size() != b.xs.size()) return false;
    for (std::size_t i = 0; i < a.xs.size(); ++i) {
        if (std::abs(a.xs[i] - b.xs[i]) > kSameBorder * em) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Rows.

int column_with(const std::vector<ColumnRole>& roles, ColumnRole role) {
    const auto it = std::find(roles.begin(), roles.end(), role);
    return it == roles.end() ? -1 : static_cast<int>(it - roles.begin());
}

// A section heading: one cell across the table, or across all but a 序号 cell holding at most a
// heading number.
std::optional<std::string> section_of(const FilledGrid& filled, int row, int number_column) {
    if (filled.whole_row(row)) return filled.text_at(row, 0);
    if (number_column != 0 || filled.grid.columns() < 3) return std::nullopt;
    const GridCell& rest = filled.cell(row, 1);
    if (rest.col0 != 1 || rest.col1 != filled.grid.columns() || rest.row1 - rest.row0 != 1) return std::nullopt;
    const std::string number = without_spaces(filled.text_at(row, 0));
    return number.empty() ? filled.text_at(row, 1) : number + filled.text_at(row, 1);
}

// A first column of sequence numbers under a header OCR garbled (`医生区` for 序号): still the
// column that says where rows start.
bool numbers_in_first_column(const FilledGrid& filled, int first_body_row) {
    int numbers = 0, others = 0;
    for (int row = first_body_row; row < filled.grid.rows(); ++row) {
        const std::string& text = filled.text_at(row, 0);
        if (is_blank(text) || filled.whole_row(row)) continue;
        (is_sequence_text(without_spaces(text)) ? numbers : others) += 1;
    }
    return numbers >= 2 && numbers >= 3 * others;
}

class GridTableBuilder {
public:
    /// Starts a table at `filled`, whose first rows are `header`.
    GridTableBuilder(const FilledGrid& filled, const GridHeader& header) : header_(header), last_grid_(filled.grid) {
        table_.header = header.titles;
        table_.ruled = true;
        table_.first_page = table_.last_page = filled.grid.page;
        number_column_ = column_with(header.roles, ColumnRole::number);
        if (number_column_ < 0 && numbers_in_first_column(filled, header.first_row + header.rows)) number_column_ = 0;
        task_column_ = -1;
        for (std::size_t c = 0; c < header.roles.size(); ++c) {
            if (header.roles[c] == ColumnRole::task) task_column_ = static_cast<int>(c);   // the last: 具体措施 after 重点任务
        }
        add_rows(filled, header.first_row + header.rows, false);
    }

    /// Whether `filled` (the first grid of the next page) goes on with this table, and if so takes
    /// its rows (a repeated header dropped, a row cut by the page break joined to its top part).
    bool continue_with(const FilledGrid& filled) {
        if (filled.grid.page != table_.last_page + 1 || !same_columns(filled.grid, last_grid_, filled.em)) return false;
        int first = 0;
        for (int row = 0; row < std::min(3, filled.grid.rows()); ++row) {
            const GridHeader again = header_at(filled, row);
            if (same_titles(again.titles, header_.titles)) {
                first = row + again.rows;
                break;
            }
            if (looks_like_header(again.roles)) return false;   // another table's header
            if (!filled.whole_row(row)) break;
        }
        last_grid_ = filled.grid;
        table_.last_page = filled.grid.page;
        add_rows(filled, first, true);
        return true;
    }

    RawTable take() { return std::move(table_); }

private:
    void add_rows(const FilledGrid& filled, int first_row, bool continued) {
        const Grid& grid = filled.grid;
        table_.regions.push_back({grid.page, grid.box});
        const int columns = grid.columns();
        // A merged cell (a 牵头单位 over several rows) cut by the page break is printed in its
        // first part only: the empty rest at the top of this page takes the same text.
        std::vector<std::string> texts = filled.texts;
        std::vector<bool> carried(texts.size(), false);
        if (continued && first_row < grid.rows()) {
            for (int c = 0; c < columns && static_cast<std::size_t>(c) < carried_.size(); ++c) {
                const int id = grid.cell_at(first_row, c);
                if (carried_[static_cast<std::size_t>(c)].empty() || !is_blank(texts[static_cast<std::size_t>(id)])) continue;
                texts[static_cast<std::size_t>(id)] = carried_[static_cast<std::size_t>(c)];
                carried[static_cast<std::size_t>(id)] = true;
            }
        }
        bool first_body_row = true;
        for (int row = first_row; row < grid.rows(); ++row) {
            if (filled.empty_row(row)) continue;
            if (const auto heading = section_of(filled, row, number_column_)) {
                section_ = *heading;
                first_body_row = false;
                continue;
            }
            RawRow raw;
            raw.page = grid.page;
            raw.section = section_;
            raw.cells.resize(static_cast<std::size_t>(columns));
            raw.spanned.assign(static_cast<std::size_t>(columns), false);
            int last_row = row;   // a 序号 and task cell spanning grid rows make one row of them
            if (number_column_ >= 0) {
                const GridCell& number = filled.cell(row, number_column_);
                const bool task_too = task_column_ < 0 || grid.cell_at(row, task_column_) == grid.cell_at(row, number_column_) ||
                                      filled.cell(row, task_column_).row1 == number.row1;
                if (number.row0 == row && task_too) last_row = number.row1 - 1;
            }
            for (int c = 0; c < columns; ++c) {
                std::string& text = raw.cells[static_cast<std::size_t>(c)];
                int previous_id = -1;
                for (int r = row; r <= last_row; ++r) {
                    const int id = grid.cell_at(r, c);
                    const GridCell& cell = grid.cells[static_cast<std::size_t>(id)];
                    if (id == previous_id || cell.col0 != c) continue;   // a colspan's text sits in its first column
                    previous_id = id;
                    const std::string& more = texts[static_cast<std::size_t>(id)];
                    if (more.empty()) continue;
                    if (!text.empty()) text += '\n';
                    text += more;
                    if (cell.row0 < row || cell.row1 > last_row + 1 || carried[static_cast<std::size_t>(id)]) {
                        raw.spanned[static_cast<std::size_t>(c)] = true;
                    }
                }
            }
            row = last_row;
            const bool cut = continued && first_body_row && number_column_ >= 0 && !table_.rows.empty() &&
                             is_blank(raw.cells[static_cast<std::size_t>(number_column_)]);
            first_body_row = false;
            if (cut) {
                // The rest of a row cut by the page break: no 序号 of its own.
                RawRow& top = table_.rows.back();
                for (std::size_t c = 0; c < raw.cells.size() && c < top.cells.size(); ++c) {
                    if (!raw.spanned[c] || top.cells[c].empty()) top.cells[c] += raw.cells[c];
                }
                continue;
            }
            table_.rows.push_back(std::move(raw));
        }
        remember_spans(grid, texts);
    }

    // A merged cell that reaches the bottom of the grid may go on on the next page, empty there.
    void remember_spans(const Grid& grid, const std::vector<std::string>& texts) {
        carried_.assign(static_cast<std::size_t>(grid.columns()), {});
        const int bottom = grid.rows() - 1;
        for (int c = 0; c < grid.columns(); ++c) {
            const int id = grid.cell_at(bottom, c);
            const GridCell& cell = grid.cells[static_cast<std::size_t>(id)];
            if (cell.row1 - cell.row0 > 1 && cell.col0 == c && c != number_column_ && c != task_column_) {
                carried_[static_cast<std::size_t>(c)] = texts[static_cast<std::size_t>(id)];
            }
        }
    }

    GridHeader header_;
    Grid last_grid_;
    RawTable table_;
    int number_column_ = -1, task_column_ = -1;
    std::string section_;
    std::vector<std::string> carried_;   // per column: a merged cell's text that may go on
};

// The grid of a table an extractor read from the file's cells: one border per row and column,
// merged cells as the file declares them (a merge that leaves the table or overlaps another is
// ignored: every position must belong to exactly one cell).
FilledGrid grid_of_cells(const Table& table) {
    int columns = 0;
    for (const auto& row : table.rows) columns = std::max(columns, static_cast<int>(row.size()));
    const int rows = static_cast<int>(table.rows.size());
    FilledGrid filled;
    Grid& grid = filled.grid;
    grid.page = table.page;
    for (int c = 0; c <= columns; ++c) grid.xs.push_back(c);
    for (int r = 0; r <= rows; ++r) grid.ys.push_back(r);
    grid.box = {0, 0, static_cast<double>(columns), static_cast<double>(rows)};
    const auto text_at = [&](int row, int column) {
        const auto& cells = table.rows[static_cast<std::size_t>(row)];
        return static_cast<std::size_t>(column) < cells.size() ? trim(cells[static_cast<std::size_t>(column)]) : std::string();
    };
    std::vector<bool> taken(static_cast<std::size_t>(rows * columns), false);
    const auto free_span = [&](const CellMerge& merge) {
        if (merge.row < 0 || merge.column < 0 || merge.rows < 1 || merge.columns < 1 || merge.row + merge.rows > rows ||
            merge.column + merge.columns > columns) {
            return false;
        }
        for (int r = merge.row; r < merge.row + merge.rows; ++r) {
            for (int c = merge.column; c < merge.column + merge.columns; ++c) {
                if (taken[static_cast<std::size_t>(r * columns + c)]) return false;
            }
        }
        return true;
    };
    for (const CellMerge& merge : table.merges) {
        if (!free_span(merge)) continue;
        for (int r = merge.row; r < merge.row + merge.rows; ++r) {
            for (int c = merge.column; c < merge.column + merge.columns; ++c) taken[static_cast<std::size_t>(r * columns + c)] = true;
        }
        grid.cells.push_back({merge.row, merge.row + merge.rows, merge.column, merge.column + merge.columns});
        filled.texts.push_back(text_at(merge.row, merge.column));
    }
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            if (taken[static_cast<std::size_t>(r * columns + c)]) continue;
            grid.cells.push_back({r, r + 1, c, c + 1});
            filled.texts.push_back(text_at(r, c));
        }
    }
    grid.index_cells();
    return filled;
}

}  // namespace

std::vector<RawTable> read_cell_tables(const std::vector<Table>& given) {
    std::vector<RawTable> tables;
    for (const Table& table : given) {
        if (table.rows.empty()) continue;
        const FilledGrid filled = grid_of_cells(table);
        if (filled.grid.columns() < 2) continue;   // a one-column "table" is a boxed paragraph
        const GridHeader header = find_header(filled);
        if (header.first_row + header.rows >= filled.grid.rows()) continue;   // a header and nothing under it
        RawTable read = GridTableBuilder(filled, header).take();
        read.regions = table.regions;   // the extractor's boxes of the table's lines, not grid units
        read.ruled = table.ruled;
        read.first_page = read.last_page = table.page;
        for (const TableRegion& region : read.regions) read.last_page = std::max(read.last_page, region.page);
        for (RawRow& row : read.rows) row.page = table.page;
        if (!read.rows.empty()) tables.push_back(std::move(read));
    }
    return tables;
}

std::vector<RawTable> read_grid_tables(const std::vector<Page>& pages) {
    std::vector<RawTable> tables;
    std::optional<GridTableBuilder> open;
    for (const Page& page : pages) {
        if (page.rules.size() < 4) continue;
        const double em = text_size(page);
        if (em <= 0) continue;
        bool first_on_page = true;
        for (Grid& grid : find_grids(page, em)) {
            FilledGrid filled = fill(std::move(grid), page, em);
            const bool goes_on = first_on_page && open && open->continue_with(filled);
            first_on_page = false;
            if (goes_on) continue;
            if (open) tables.push_back(open->take());
            open.reset();
            const GridHeader header = find_header(filled);
            if (header.first_row + header.rows >= filled.grid.rows()) continue;   // a header and nothing under it
            open.emplace(filled, header);
        }
    }
    if (open) tables.push_back(open->take());
    std::erase_if(tables, [](const RawTable& table) { return table.rows.empty(); });
    return tables;
}

}  // namespace gongwen::tables
