// One page through OCR in two steps: on the caller's thread, a cheap preview decides whether
// there is anything to read and the page is rendered at the recognition resolution (renderers
// such as Poppler's are not thread-safe); then, on whichever thread has an engine free, the
// rendered page is cleaned, recognised and tidied.
#pragma once

#include <optional>

#include "gongwen/page_recognizer.hpp"
#include "ocr_options.hpp"
#include "tesseract_engine.hpp"

namespace gongwen::ocr {

/// Resolution of the blank-page preview: an A4 page is 248×351 grey pixels (85 KB, small enough
/// for malloc to reuse instead of mapping fresh pages each time), and 16 pt text still leaves
/// clearly dark pixels. A PDF of 5000 blank pages is previewed in about a second.
constexpr double kPreviewDpi = 30;

/// The page rendered for recognition, or nothing when it is finished already: blank
/// (outcome.blank) or too large to render (outcome.warning). Throws ExtractionError when the
/// renderer cannot draw it.
std::optional<PageImage> render_for_recognition(const PageRenderer& render, double units_per_inch, const OcrOptions& options,
                                                const Page& page, PageRecognition& outcome);

/// Recognises a page rendered by render_for_recognition with `engine` (on any thread; one engine
/// per thread): fills page.lines and page.rules in the page's units, page.ocr, page.ocr_confidence and
/// outcome.warning. Throws ExtractionError (scope plugin) when the engine cannot start.
void recognise_page(const PageImage& rendered, double units_per_inch, const OcrOptions& options, TesseractEngine& engine,
                    Page& page, PageRecognition& outcome);

}  // namespace gongwen::ocr
