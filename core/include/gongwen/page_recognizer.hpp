// OCR as a service between plugins: an extractor that meets a page with nothing but a picture of
// text on it (a scanned PDF page) hands a renderer for that page to the worker's page recognizer
// (the ocr plugin), which decides whether the page is blank and reads it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen {

/// A rendered page, owned pixels.
struct PageImage {
    enum class Format {
        gray8,    ///< one byte per pixel, 0 black .. 255 white
        argb32,   ///< one native-endian 32-bit word 0xAARRGGBB per pixel (Poppler's and Cairo's ARGB32)
    };
    Format format = Format::gray8;
    int width = 0, height = 0;
    std::size_t stride = 0;            ///< bytes per row
    double dpi = 0;                    ///< the resolution it was rendered at
    std::vector<std::uint8_t> pixels;  ///< stride * height bytes
};

/// Renders the page at `dpi` (the recognizer asks for a tiny preview first, then a readable
/// resolution) in the format the recognizer asks for. Throws ExtractionError when it cannot.
using PageRenderer = std::function<PageImage(double dpi, PageImage::Format format)>;

/// What became of one page handed to the recognizer.
struct PageRecognition {
    bool blank = false;        ///< no ink worth reading: not recognised, no text added
    std::string warning;       ///< non-empty: what staff should know about this page (low confidence, unreadable)
    int engine = -1;           ///< which of the recognizer's engines read the page (0, 1, …); -1 if none did
};

/// Reads pages from images. Implemented by an extractor plugin that does OCR; reach it through
/// PluginContext::page_recognizer. One instance per worker, like every plugin instance.
///
/// Pages are handed over with submit() and may be recognised on other threads (one engine per
/// thread, as many threads as the run has free cores: see gongwen/cpu_slots.hpp) while the caller
/// goes on to the next page; finish() waits for all of them. The caller's thread also recognises
/// pages, so with one core this is the plain sequential loop.
class PageRecognizer {
public:
    virtual ~PageRecognizer() = default;
    /// Most pages worth recognising in one document (the rest are left unread, with a warning);
    /// 0 means no limit.
    virtual int page_limit() const = 0;
    /// Takes the page that `render` draws for recognition. `render` is called only before
    /// submit() returns, on the caller's thread (renderers such as Poppler's are not
    /// thread-safe), so the caller may destroy it then. Returns false when the page is finished
    /// already: blank (outcome.blank) or refused (outcome.warning). Otherwise the page is
    /// recognised by finish() at the latest; until then `page` and `outcome` must stay where they
    /// are, untouched. Recognition fills page.lines (words with boxes and confidences in the
    /// page's units: `units_per_inch` = 72 for PDF points), page.rules (the ruling lines it found,
    /// in the same units), page.ocr, page.ocr_confidence and the
    /// outcome; page.number is used in warnings. May recognise queued pages itself (to bound the
    /// rendered pages waiting in memory).
    virtual bool submit(const PageRenderer& render, double units_per_inch, Page& page, PageRecognition& outcome) = 0;
    /// Waits until every submitted page is recognised. Throws ExtractionError with
    /// FailureScope::plugin when the OCR engine cannot work at all (missing language data); the
    /// pages are finished (unread) then too.
    virtual void finish() = 0;
};

/// Notes in document.extra["ocr_engines"] how many different engines read its pages (the
/// PageRecognition::engine of each), so that a run can show that one document's pages were spread
/// over several cores. Nothing when no page was recognised.
inline void note_ocr_engines(const std::vector<int>& engines_of_pages, Document& document) {
    std::vector<int> engines;
    for (const int engine : engines_of_pages) {
        if (engine >= 0 && std::find(engines.begin(), engines.end(), engine) == engines.end()) engines.push_back(engine);
    }
    if (!engines.empty()) document.extra["ocr_engines"] = std::to_string(engines.size());
}

/// Page numbers (ascending) as ranges for a message: "2, 5–9, 12".
inline std::string page_ranges(const std::vector<int>& pages) {
    std::string out;
    for (std::size_t i = 0; i < pages.size();) {
        std::size_t j = i;
        while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += std::to_string(pages[i]);
        if (j > i) out += "\u2013" + std::to_string(pages[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace gongwen
