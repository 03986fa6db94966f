// Grids from ruling lines (see ruling_grid.hpp).
#include "ruling_grid.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace gongwen::tables {
namespace {

// Tolerances in em of the page's text. Producers draw one border as several touching pieces (one
// per cell edge), double it (a header's lower rule), or, in a scan, break it with noise and leave
// it a few pixels off after deskewing.
constexpr double kSameLine = 0.3;      // two pieces this close across their direction are one rule
constexpr double kJoinGap = 0.6;       // collinear pieces with a gap up to this are one rule
constexpr double kTouch = 0.6;         // a rule ending this short of another still meets it
constexpr double kMinRule = 0.8;       // shorter pieces are dashes, ticks, or glyph parts
constexpr double kOpenSide = 1.0;      // an outer border this far from the outermost rule is missing
constexpr double kBesideRule = 12.0;   // a vertical rule this close beside a table's, over its height, is its own

struct Segment {
    double at;        // y of a horizontal rule, x of a vertical one
    double from, to;  // its extent along its direction
};

// Joins pieces on the same line whose extents touch or nearly so.
std::vector<Segment> join_collinear(std::vector<Segment> pieces, double em) {
    std::sort(pieces.begin(), pieces.end(), [](const Segment& a, const Segment& b) { return a.at < b.at; });
    std::vector<Segment> joined;
    for (std::size_t i = 0; i < pieces.size();) {
        // A run of pieces at about the same position, chained so that a slightly tilted rule
        // (a scan) stays one.
        std::size_t j = i + 1;
        while (j < pieces.size() && pieces[j].at - pieces[j - 1].at <= kSameLine * em) ++j;
        std::vector<Segment> run(pieces.begin() + static_cast<long>(i), pieces.begin() + static_cast<long>(j));
        std::sort(run.begin(), run.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
        std::vector<Segment> merged;
        for (const Segment& piece : run) {
            if (!merged.empty() && piece.from <= merged.back().to + kJoinGap * em) {
                Segment& last = merged.back();
                // Position weighted by length: the longer piece knows better where the rule is.
                const double a = last.to - last.from, b = piece.to - piece.from;
                if (a + b > 0) last.at = (last.at * a + piece.at * b) / (a + b);
                last.to = std::max(last.to, piece.to);
            } else {
                merged.push_back(piece);
            }
        }
        for (const Segment& segment : merged) {
            if (segment.to - segment.from >= kMinRule * em) joined.push_back(segment);
        }
        i = j;
    }
    return joined;
}

struct UnionFind {
    std::vector<int> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    int find(int i) {
        while (parent[static_cast<std::size_t>(i)] != i) i = parent[static_cast<std::size_t>(i)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])];
        return i;
    }
    void unite(int a, int b) { parent[static_cast<std::size_t>(find(a))] = find(b); }
};

bool crosses(const Segment& horizontal, const Segment& vertical, double tolerance) {
    return vertical.at >= horizontal.from - tolerance && vertical.at <= horizontal.to + tolerance &&
           horizontal.at >= vertical.from - tolerance && horizontal.at <= vertical.to + tolerance;
}

// Positions closer than `tolerance` are one border (their mean).
std::vector<double> cluster(std::vector<double> values, double tolerance) {
    std::sort(values.begin(), values.end());
    std::vector<double> out;
    for (std::size_t i = 0; i < values.size();) {
        std::size_t j = i + 1;
        double sum = values[i];
        while (j < values.size() && values[j] - values[j - 1] <= tolerance) sum += values[j++];
        out.push_back(sum / static_cast<double>(j - i));
        i = j;
    }
    return out;
}

// Is there a rule at `at` (within tolerance) covering the point `along`?
bool rule_covers(const std::vector<const Segment*>& rules, double at, double along, double tolerance) {
    return std::any_of(rules.begin(), rules.end(), [&](const Segment* rule) {
        return std::abs(rule->at - at) <= tolerance && rule->from - tolerance <= along && along <= rule->to + tolerance;
    });
}

std::optional<Grid> grid_from(const std::vector<const Segment*>& horizontal, const std::vector<const Segment*>& vertical,
                              int page, double em) {
    std::vector<double> x_positions, y_positions;
    double left = 1e300, right = -1e300, top = 1e300, bottom = -1e300;
    for (const Segment* rule : vertical) {
        x_positions.push_back(rule->at);
        top = std::min(top, rule->from);
        bottom = std::max(bottom, rule->to);
    }
    for (const Segment* rule : horizontal) {
        y_positions.push_back(rule->at);
        left = std::min(left, rule->from);
        right = std::max(right, rule->to);
    }
    Grid grid;
    grid.page = page;
    grid.xs = cluster(x_positions, kSameLine * em);
    grid.ys = cluster(y_positions, kSameLine * em);
    // Tables drawn without outer side borders (or without a top rule over the header) still
    // have cells there: the other direction's rules say how far they reach.
    if (left < grid.xs.front() - kOpenSide * em) grid.xs.insert(grid.xs.begin(), left);
    if (right > grid.xs.back() + kOpenSide * em) grid.xs.push_back(right);
    if (top < grid.ys.front() - kOpenSide * em) grid.ys.insert(grid.ys.begin(), top);
    if (bottom > grid.ys.back() + kOpenSide * em) grid.ys.push_back(bottom);
    if (grid.columns() < 2 || grid.rows() < 2) return std::nullopt;   // a frame, not a table

    const double tolerance = kSameLine * em;
    const int rows = grid.rows(), columns = grid.columns();
    UnionFind positions(static_cast<std::size_t>(rows * columns));
    for (int r = 0; r < rows; ++r) {
        const double mid_y = (grid.ys[static_cast<std::size_t>(r)] + grid.ys[static_cast<std::size_t>(r + 1)]) / 2;
        for (int c = 0; c < columns; ++c) {
            const double mid_x = (grid.xs[static_cast<std::size_t>(c)] + grid.xs[static_cast<std::size_t>(c + 1)]) / 2;
            if (c + 1 < columns && !rule_covers(vertical, grid.xs[static_cast<std::size_t>(c + 1)], mid_y, tolerance)) {
                positions.unite(r * columns + c, r * columns + c + 1);
            }
            if (r + 1 < rows && !rule_covers(horizontal, grid.ys[static_cast<std::size_t>(r + 1)], mid_x, tolerance)) {
                positions.unite(r * columns + c, (r + 1) * columns + c);
            }
        }
    }
    std::vector<int> cell_of_root(static_cast<std::size_t>(rows * columns), -1);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            const int root = positions.find(r * columns + c);
            int& cell = cell_of_root[static_cast<std::size_t>(root)];
            if (cell < 0) {
                cell = static_cast<int>(grid.cells.size());
                grid.cells.push_back({r, r + 1, c, c + 1});
            }
            GridCell& span = grid.cells[static_cast<std::size_t>(cell)];
            span.row0 = std::min(span.row0, r), span.row1 = std::max(span.row1, r + 1);
            span.col0 = std::min(span.col0, c), span.col1 = std::max(span.col1, c + 1);
        }
    }
    grid.box = {grid.xs.front(), grid.ys.front(), grid.xs.back(), grid.ys.back()};
    grid.index_cells();
    return grid;
}

}  // namespace

void Grid::index_cells() {
    cell_index_.assign(static_cast<std::size_t>(rows() * columns()), -1);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        for (int r = cells[i].row0; r < cells[i].row1; ++r) {
            for (int c = cells[i].col0; c < cells[i].col1; ++c) cell_index_[static_cast<std::size_t>(r * columns() + c)] = static_cast<int>(i);
        }
    }
}

std::vector<Grid> find_grids(const Page& page, double em) {
    if (page.rules.size() < 4 || em <= 0) return {};
    std::vector<Segment> horizontal_pieces, vertical_pieces;
    for (const Rule& rule : page.rules) {
        const double width = rule.box.x1 - rule.box.x0, height = rule.box.y1 - rule.box.y0;
        if (width >= height) horizontal_pieces.push_back({(rule.box.y0 + rule.box.y1) / 2, rule.box.x0, rule.box.x1});
        else vertical_pieces.push_back({(rule.box.x0 + rule.box.x1) / 2, rule.box.y0, rule.box.y1});
    }
    const std::vector<Segment> horizontal = join_collinear(std::move(horizontal_pieces), em);
    const std::vector<Segment> vertical = join_collinear(std::move(vertical_pieces), em);
    if (horizontal.size() < 2 || vertical.size() < 2) return {};

    // Rules that cross or touch belong to one table.
    const std::size_t h = horizontal.size();
    UnionFind tables(h + vertical.size());
    for (std::size_t i = 0; i < h; ++i) {
        for (std::size_t j = 0; j < vertical.size(); ++j) {
            if (crosses(horizontal[i], vertical[j], kTouch * em)) tables.unite(static_cast<int>(i), static_cast<int>(h + j));
        }
    }
    // A merged cell down a whole page (a 类别 column continued from the previous page) has no
    // horizontal rule on this page: its outer vertical rule crosses nothing. It belongs to the
    // table whose vertical rules run beside it over the same height.
    for (std::size_t i = 0; i < vertical.size(); ++i) {
        for (std::size_t j = i + 1; j < vertical.size(); ++j) {
            const Segment& a = vertical[i];
            const Segment& b = vertical[j];
            const double overlap = std::min(a.to, b.to) - std::max(a.from, b.from);
            if (std::abs(a.at - b.at) <= kBesideRule * em && overlap >= 0.8 * std::min(a.to - a.from, b.to - b.from)) {
                tables.unite(static_cast<int>(h + i), static_cast<int>(h + j));
            }
        }
    }
    std::vector<Grid> grids;
    std::vector<bool> done(h + vertical.size(), false);
    for (std::size_t start = 0; start < h; ++start) {
        const int root = tables.find(static_cast<int>(start));
        if (done[static_cast<std::size_t>(root)]) continue;
        done[static_cast<std::size_t>(root)] = true;
        std::vector<const Segment*> rows, columns;
        for (std::size_t i = 0; i < h; ++i) {
            if (tables.find(static_cast<int>(i)) == root) rows.push_back(&horizontal[i]);
        }
        for (std::size_t j = 0; j < vertical.size(); ++j) {
            if (tables.find(static_cast<int>(h + j)) == root) columns.push_back(&vertical[j]);
        }
        if (rows.size() < 2 || columns.size() < 2) continue;
        if (auto grid = grid_from(rows, columns, page.number, em)) grids.push_back(std::move(*grid));
    }
    std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) { return a.box.y0 < b.box.y0; });
    return grids;
}

}  // namespace gongwen::tables
