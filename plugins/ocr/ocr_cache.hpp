// OCR results in the host's page cache (gongwen/page_cache.hpp): a page whose rendered pixels and
// OCR settings were seen before is not recognised again — a re-index after a config or plugin
// change, or a scan that was renamed or re-saved, costs a render instead of a Tesseract pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"
#include "ocr_options.hpp"
#include "pix.hpp"

namespace gongwen::ocr {

/// The cache key of a page: its pixels as rendered for recognition (before deskew, which is part
/// of the work) and everything the result depends on — options, the page's unit scale, the
/// Tesseract version and this build of the plugin.
/// `masthead`: the red masthead find_masthead cut from the page (null when none), which the grey
/// page no longer shows.
std::string ocr_cache_key(PIX* rendered, const OcrOptions& options, double units_per_inch, PIX* masthead = nullptr);

/// What OCR makes of a page, in the page's units.
struct RecognisedPage {
    std::vector<Line> lines;
    std::vector<Rule> rules;
    std::string masthead;   ///< Page::masthead
};

/// What is stored: the page's recognised lines (words, boxes, confidences) and ruling lines as JSON.
std::string serialise_page(const RecognisedPage& page);
/// The page back, or nothing when the value is not one this version wrote (then OCR runs again):
/// an entry from before rules were found must not read as a page without rules.
std::optional<RecognisedPage> restore_page(std::string_view value);

}  // namespace gongwen::ocr
