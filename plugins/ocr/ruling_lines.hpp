// Ruling lines of a scanned page (a table's borders and cell rules), found with Leptonica
// morphology on the straightened page, so that the tables enricher can build the same cell grid
// from a scan as from a PDF's drawn strokes, and taken out of the image Tesseract reads, where
// they are read as `|`, `l` or `1` and glue neighbouring cells into one line.
#pragma once

#include <vector>

#include "gongwen/document.hpp"
#include "pix.hpp"

namespace gongwen::ocr {

struct RulingLines {
    std::vector<Box> boxes;   ///< one box per rule, in the image's pixels; horizontal ones first
    PixPtr mask;              ///< 1 bpp, the rules' pixels; null when there are none
};

/// The horizontal and vertical rules of an upright 8 bpp page scanned at `dpi`. A rule is a
/// straight run of ink at most a few pixels thick and either long (several characters of the
/// largest body text: no stroke, 一 or —— reaches it) or shorter with both ends on rules across it
/// (a cell border between two column rules, cut short by a merged cell).
RulingLines find_ruling_lines(PIX* grey, int dpi);

/// A copy of `grey` with the pixels under `mask`, and the anti-aliased edge one pixel around them,
/// painted paper white.
PixPtr erase_ruling_lines(PIX* grey, PIX* mask);

}  // namespace gongwen::ocr
