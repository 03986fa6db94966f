// The cells a scanned page's ruling lines enclose, so that each is read on its own: Tesseract's
// page layout analysis, given a ruled table, reads neighbouring cells into one line and lone
// characters (the 序号 column's 1, 2, 3) not at all.
#pragma once

#include <vector>

#include "gongwen/document.hpp"
#include "pix.hpp"

namespace gongwen::ocr {

/// The boxes (image pixels) of the paper regions that `rule_mask` (1 bpp, from find_ruling_lines)
/// closes in on every side, large enough to hold a character; a region a gap in a rule opens onto
/// its neighbour is one cell of the two. Regions larger than a third of the page (a frame around
/// the page or its text) are not cells. Top to bottom, then left to right.
std::vector<Box> enclosed_cells(PIX* rule_mask, int dpi);

}  // namespace gongwen::ocr
