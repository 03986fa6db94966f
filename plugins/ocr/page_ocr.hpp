// One page through OCR: a cheap preview decides whether there is anything to read, then the page
// is rendered at the recognition resolution, cleaned, recognised and tidied.
#pragma once

#include "gongwen/page_recognizer.hpp"
#include "ocr_options.hpp"
#include "tesseract_engine.hpp"

namespace gongwen::ocr {

/// Resolution of the blank-page preview: an A4 page is 248×351 grey pixels (85 KB, small enough
/// for malloc to reuse instead of mapping fresh pages each time), and 16 pt text still leaves
/// clearly dark pixels. A PDF of 5000 blank pages is previewed in about a second.
constexpr double kPreviewDpi = 30;

PageRecognition read_page(const PageRenderer& render, double units_per_inch, const OcrOptions& options,
                          TesseractEngine& engine, Page& page);

}  // namespace gongwen::ocr
