// The ocr plugin: an extractor for scanned images (PNG, JPEG, TIFF; a multi-page TIFF gives
// several pages) and the worker's PageRecognizer, through which the pdf plugin has the pages
// without a usable text layer read. Pages of one document are recognised in parallel on the cores
// the run has free (page_pool.hpp), one Tesseract engine per thread, each started on first use;
// OpenMP inside Tesseract is limited to one thread by the host (OMP_THREAD_LIMIT=1), so that N
// busy threads use N cores and --jobs N never runs more than N.
#include <leptonica/allheaders.h>

#include <memory>

#include "gongwen/plugin.hpp"
#include "image_file.hpp"
#include "ocr_options.hpp"
#include "page_pool.hpp"
#include "pix.hpp"
#include "preprocess.hpp"

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
        pool_ = std::make_unique<PagePool>(options_);
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
        // Pages and outcomes stay in place while the pool recognises them: sized up front.
        document.pages.assign(images.size(), Page{});
        std::vector<PageRecognition> outcomes(images.size());
        std::vector<int> blank, unread;
        int recognised = 0;
        {
            FinishOnUnwind guard{*pool_};
            for (std::size_t i = 0; i < images.size(); ++i) {
                PIX* image = images[i].get();
                Page& page = document.pages[i];
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
                    if (pool_->submit(render, dpi, page, outcomes[i])) {
                        ++recognised;
                        document.source.ocr_pages.push_back(page.number);
                    } else if (outcomes[i].blank) {
                        blank.push_back(page.number);
                    }
                }
                images[i].reset();   // a decoded page can be hundreds of MB: free it as soon as it is rendered
            }
            guard.finished = true;
            pool_->finish();
        }
        for (const PageRecognition& outcome : outcomes) {
            if (!outcome.warning.empty()) document.warnings.push_back(outcome.warning);
        }
        std::vector<int> engines;
        for (const PageRecognition& outcome : outcomes) engines.push_back(outcome.engine);
        note_ocr_engines(engines, document);
        if (!blank.empty() && images.size() > 1) document.warnings.push_back("blank pages not OCR'd: " + page_ranges(blank));
        if (!unread.empty()) {
            document.warnings.push_back("pages " + page_ranges(unread) + " not OCR'd: plugins.ocr.max_pages = " +
                                        std::to_string(options_.max_pages) + " pages per document");
        }
    }

    PageRecognizer* page_recognizer() override { return this; }

    int page_limit() const override { return options_.max_pages; }

    bool submit(const PageRenderer& render, double units_per_inch, Page& page, PageRecognition& outcome) override {
        return pool_->submit(render, units_per_inch, page, outcome);
    }

    void finish() override { pool_->finish(); }

private:
    /// Pages still queued must not outlive the document they point into: when extraction stops
    /// half-way (a page that cannot be rendered), the queued ones are finished before unwinding.
    struct FinishOnUnwind {
        PagePool& pool;
        bool finished = false;
        ~FinishOnUnwind() {
            if (finished) return;
            try {
                pool.finish();
            } catch (...) {
                // The error that unwinds is the one to report.
            }
        }
    };

    OcrOptions options_;
    std::unique_ptr<PagePool> pool_;
};

const char* const kHandles[] = {"image/png", "image/jpeg", "image/tiff", nullptr};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "ocr", "1.0.0", PluginKind::extractor, kHandles,
    "Scanned pages read with Tesseract (chi_sim): PNG/JPEG/TIFF files, and PDF pages without a text layer",
    kOcrOptions,
    []() -> Plugin* { return new OcrExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
