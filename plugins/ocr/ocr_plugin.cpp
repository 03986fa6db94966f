// The ocr plugin: an extractor for scanned images (PNG, JPEG, TIFF; a multi-page TIFF gives
// several pages) and the worker's PageRecognizer, through which the pdf plugin has the pages
// without a usable text layer read. Tesseract starts on first use, one engine per instance
// (= per worker process); OpenMP inside it is limited to one thread by the host
// (OMP_THREAD_LIMIT=1), so N workers use N cores.
#include <leptonica/allheaders.h>

#include <memory>

#include "gongwen/plugin.hpp"
#include "image_file.hpp"
#include "ocr_options.hpp"
#include "page_ocr.hpp"
#include "pix.hpp"
#include "preprocess.hpp"
#include "tesseract_engine.hpp"

namespace {

using namespace gongwen;
using namespace gongwen::ocr;

class OcrExtractor final : public Extractor, public PageRecognizer {
public:
    void configure(const PluginContext& context) override {
        Extractor::configure(context);
        options_ = parse_options(context_);
        // Leptonica reports errors on stderr; plugins never print. Failures show as null results.
        setMsgSeverity(L_SEVERITY_NONE);
        engine_ = std::make_unique<TesseractEngine>(options_.tessdata, options_.languages);
    }

    int identify(std::span<const std::byte> head, std::string_view) const override {
        return sniff_image(head) == ImageKind::none ? 0 : 100;
    }

    void extract(const SourceFile& file, Document& document) override {
        const ImageKind kind = sniff_image(file.bytes);
        if (kind == ImageKind::none) throw ExtractionError("not a PNG, JPEG or TIFF image");
        document.source.format = "image";
        document.source.mime_type = mime_type(kind);
        std::vector<PixPtr> images = decode_pages(file.bytes, kind, options_.max_megapixels);
        document.source.pages = static_cast<int>(images.size());
        document.pages.clear();
        std::vector<int> blank, unread;
        int recognised = 0;
        for (std::size_t i = 0; i < images.size(); ++i) {
            PIX* image = images[i].get();
            Page page;
            page.number = static_cast<int>(i) + 1;
            page.width = pixGetWidth(image);
            page.height = pixGetHeight(image);
            if (options_.max_pages > 0 && recognised >= options_.max_pages) {
                unread.push_back(page.number);
            } else {
                const double dpi = page_dpi(image);
                const PageRenderer render = [image, dpi](double to_dpi, PageImage::Format format) {
                    return to_page_image(image, dpi, to_dpi, format);
                };
                // Boxes in the image's own pixels: units per inch = its resolution.
                const PageRecognition outcome = read_page(render, dpi, options_, *engine_, page);
                if (outcome.blank) {
                    blank.push_back(page.number);
                } else {
                    ++recognised;
                    document.source.ocr_pages.push_back(page.number);
                }
                if (!outcome.warning.empty()) document.warnings.push_back(outcome.warning);
            }
            images[i].reset();   // a decoded page can be hundreds of MB: free it as soon as it is read
            document.pages.push_back(std::move(page));
        }
        if (!blank.empty() && images.size() > 1) document.warnings.push_back("blank pages not OCR'd: " + page_ranges(blank));
        if (!unread.empty()) {
            document.warnings.push_back("pages " + page_ranges(unread) + " not OCR'd: plugins.ocr.max_pages = " +
                                        std::to_string(options_.max_pages) + " pages per document");
        }
    }

    PageRecognizer* page_recognizer() override { return this; }

    int page_limit() const override { return options_.max_pages; }

    PageRecognition recognize(const PageRenderer& render, double units_per_inch, Page& page) override {
        return read_page(render, units_per_inch, options_, *engine_, page);
    }

private:
    OcrOptions options_;
    std::unique_ptr<TesseractEngine> engine_;
};

const char* const kHandles[] = {"image/png", "image/jpeg", "image/tiff", nullptr};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "ocr", "1.0.0", PluginKind::extractor, kHandles,
    "Scanned pages read with Tesseract (chi_sim): PNG/JPEG/TIFF files, and PDF pages without a text layer",
    kOcrOptions,
    []() -> Plugin* { return new OcrExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
