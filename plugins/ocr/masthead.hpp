// The red 发文机关标志 (`XX局文件`) of a scanned first page, read apart from the body: red removal
// (preprocess.hpp) rightly takes it out of the body with the seal, and with it the issuer it names.
// It is large type, so it is found on a coarse grid and read at a low resolution: a page without a
// red band at its top costs one pass over that band and no OCR.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"
#include "pix.hpp"
#include "tesseract_engine.hpp"

namespace gongwen::ocr {

/// The red layer of the masthead: red ink dark on white, 8 bpp, scaled down so that its type is
/// about kMastheadTextHeight pixels high, resolution set. Null when the top of the page holds no
/// band of red type (a red rule alone, a few red specks, no colour).
PixPtr find_masthead(PIX* colour_page);

/// The masthead's text as printed: words that a wide gap separates (joint issuers,
/// `云溪市教育局  云溪市财政局文件`) keep one space between them, others none.
std::string masthead_text(const std::vector<Line>& lines);

/// find_masthead, then read with `engine`; empty when there is none.
std::string read_masthead(PIX* masthead, TesseractEngine& engine);

}  // namespace gongwen::ocr
