// Cells enclosed by ruling lines (see table_cells.hpp).
#include "table_cells.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::ocr {
namespace {

// Breaks in a rule up to this are closed before looking for enclosed regions (a rule piece the
// finder missed at a crossing, JPEG damage); wider ones merge two cells into one block.
constexpr double kGapInches = 0.03;
// The narrowest cell that holds a character (0.1 in is 7 pt); thinner regions are the space
// between the two lines of a double border.
constexpr double kNarrowestInches = 0.1;
constexpr double kLargestPageFraction = 1.0 / 3;

}  // namespace

std::vector<Box> enclosed_cells(PIX* rule_mask, int dpi) {
    std::vector<Box> cells;
    if (!rule_mask || dpi <= 0) return cells;
    const int gap = std::max(1, static_cast<int>(std::lround(kGapInches * dpi))) | 1;
    PixPtr closed = own(pixDilateBrick(nullptr, rule_mask, gap, gap));
    if (!closed) return cells;
    // Holes: paper not 4-connected to the page's edge.
    PixPtr holes = own(pixHolesByFilling(closed.get(), 4));
    if (!holes) return cells;
    BOXA* boxes = pixConnCompBB(holes.get(), 4);
    if (!boxes) return cells;
    const double narrowest = kNarrowestInches * dpi;
    const double largest = kLargestPageFraction * pixGetWidth(rule_mask) * pixGetHeight(rule_mask);
    for (l_int32 i = 0; i < boxaGetCount(boxes); ++i) {
        l_int32 x = 0, y = 0, w = 0, h = 0;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        if (w < narrowest || h < narrowest || static_cast<double>(w) * h > largest) continue;
        cells.push_back(Box{double(x), double(y), double(x + w), double(y + h)});
    }
    boxaDestroy(&boxes);
    std::sort(cells.begin(), cells.end(), [](const Box& a, const Box& b) { return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0; });
    return cells;
}

}  // namespace gongwen::ocr
