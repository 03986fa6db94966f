// OCR as a service between plugins: an extractor that meets a page with nothing but a picture of
// text on it (a scanned PDF page) hands a renderer for that page to the worker's page recognizer
// (the ocr plugin), which decides whether the page is blank and reads it.
#pragma once

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
};

/// Reads pages from images. Implemented by an extractor plugin that does OCR; reach it through
/// PluginContext::page_recognizer. One instance per worker, like every plugin instance.
class PageRecognizer {
public:
    virtual ~PageRecognizer() = default;
    /// Most pages worth recognising in one document (the rest are left unread, with a warning);
    /// 0 means no limit.
    virtual int page_limit() const = 0;
    /// Recognises the page that `render` draws and fills page.lines (words with boxes and
    /// confidences in the page's units: `units_per_inch` = 72 for PDF points), page.ocr and
    /// page.ocr_confidence. page.number is used in warnings. Throws ExtractionError with
    /// FailureScope::plugin when the OCR engine cannot work at all (missing language data).
    virtual PageRecognition recognize(const PageRenderer& render, double units_per_inch, Page& page) = 0;
};

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
