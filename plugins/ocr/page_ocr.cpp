// Page OCR flow (see page_ocr.hpp).
#include "page_ocr.hpp"

#include <cmath>

#include "gongwen/page_cache.hpp"
#include "masthead.hpp"
#include "ocr_cache.hpp"
#include "ocr_text.hpp"
#include "preprocess.hpp"
#include "ruling_lines.hpp"
#include "table_cells.hpp"

namespace gongwen::ocr {
namespace {

PageImage::Format render_format(const OcrOptions& options) {
    // Colour only when it is used: red suppression needs it, plain grey is a quarter of the bytes.
    return options.remove_red ? PageImage::Format::argb32 : PageImage::Format::gray8;
}

/// Puts recognised lines and rules on the page and says what staff should know about them.
PageRecognition judge(RecognisedPage recognised, const OcrOptions& options, Page& page) {
    PageRecognition outcome;
    const std::string name = "page " + std::to_string(page.number);
    page.lines = std::move(recognised.lines);
    page.rules = std::move(recognised.rules);
    page.masthead = std::move(recognised.masthead);
    page.ocr = true;
    page.ocr_confidence = mean_confidence(page.lines);
    if (page.lines.empty()) {
        outcome.warning = name + ": OCR found no text (noise, a picture, or unreadable)";
    } else if (page.ocr_confidence < options.min_confidence) {
        outcome.warning = name + ": OCR confidence " + std::to_string(static_cast<int>(std::lround(page.ocr_confidence))) +
                          " is below plugins.ocr.min_confidence (" +
                          std::to_string(static_cast<int>(std::lround(options.min_confidence))) + "): check this page";
    }
    return outcome;
}

/// The lines of a page with ruled cells: each cell read on its own from the page without its
/// rules, then the page outside the cells (a title, notes under the table).
std::vector<Line> read_by_cells(PIX* page, const RulingLines& rules, const std::vector<Box>& cells, int dpi, TesseractEngine& engine) {
    const PixPtr erased = erase_ruling_lines(page, rules.mask.get());
    PixPtr outside = erased ? own(pixCopy(nullptr, erased.get())) : nullptr;
    if (!outside) return engine.recognize(page, dpi);   // out of memory for the copies: read it whole
    std::vector<Line> lines;
    for (std::vector<Line>& cell_lines : engine.recognize_blocks(erased.get(), dpi, cells)) {
        tidy_block(cell_lines);   // a cell's text repaired across its own line breaks
        lines.insert(lines.end(), std::make_move_iterator(cell_lines.begin()), std::make_move_iterator(cell_lines.end()));
    }
    for (const Box& cell : cells) {
        BOX* box = boxCreate(static_cast<l_int32>(cell.x0), static_cast<l_int32>(cell.y0), static_cast<l_int32>(cell.x1 - cell.x0),
                             static_cast<l_int32>(cell.y1 - cell.y0));
        pixSetInRect(outside.get(), box);   // paper white
        boxDestroy(&box);
    }
    std::vector<Line> rest = engine.recognize(outside.get(), dpi);
    lines.insert(lines.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
    return lines;
}

}  // namespace

std::optional<PageImage> render_for_recognition(const PageRenderer& render, double units_per_inch, const OcrOptions& options,
                                                const Page& page, PageRecognition& outcome) {
    const std::string name = "page " + std::to_string(page.number);
    // A page's size is known before it is drawn: a page declaring absurd dimensions is refused
    // instead of being rendered into gigabytes.
    if (page.width > 0 && page.height > 0 && units_per_inch > 0) {
        const double megapixels = (page.width / units_per_inch * options.dpi) * (page.height / units_per_inch * options.dpi) / 1e6;
        if (megapixels > options.max_megapixels) {
            outcome.warning = name + " not OCR'd: at " + std::to_string(static_cast<int>(options.dpi)) + " DPI it would be " +
                              std::to_string(static_cast<long long>(megapixels)) +
                              " megapixels, more than plugins.ocr.max_megapixels";
            return std::nullopt;
        }
    }
    {
        // Grey even when red is suppressed later: a page holding only a seal is rare, and reading
        // it costs one OCR pass that finds nothing; colour would quadruple every preview.
        const PixPtr preview = to_pix(render(kPreviewDpi, PageImage::Format::gray8));
        if (looks_blank(preview.get())) {
            outcome.blank = true;
            return std::nullopt;
        }
    }
    return render(options.dpi, render_format(options));
}

void recognise_page(const PageImage& rendered, double units_per_inch, const OcrOptions& options, TesseractEngine& engine,
                    Page& page, PageRecognition& outcome) {
    PixPtr colour = to_pix(rendered);
    const PixPtr grey = to_grey(colour.get(), options.remove_red);
    // The red masthead is looked for on the first page only, and only where red is removed (else
    // it stays in the body and is read there); found before the cache is asked, because the grey
    // page no longer shows it.
    const PixPtr masthead = page.number == 1 && options.remove_red ? find_masthead(colour.get()) : nullptr;
    colour.reset();   // four bytes a pixel, 15 MB at 200 DPI: not kept through recognition
    const std::string cache_key = ocr_cache_key(grey.get(), options, units_per_inch, masthead.get());
    if (auto cached = page_cache().get("ocr", cache_key)) {
        if (auto recognised = restore_page(*cached)) {
            outcome.warning = judge(std::move(*recognised), options, page).warning;
            return;
        }
    }
    double skew = 0;
    const PixPtr prepared = prepare_for_recognition(grey.get(), options.deskew, skew);
    const int dpi = static_cast<int>(std::lround(options.dpi));
    // Rules are found on the straightened page, so that they are level. A page with ruled cells
    // is read in parts, each cell on its own, without the rules (left in, they come back as `|`,
    // `l` or `1`). Read whole, even with the rules left in for its layout analysis, Tesseract
    // joins neighbouring cells into one line, reads a rule as an empty word the table's height
    // and drops the lone numbers of the 序号 column (bench: scanned task tables, units 17% → 98%).
    const RulingLines rules = find_ruling_lines(prepared.get(), dpi);
    const std::vector<Box> cells = enclosed_cells(rules.mask.get(), dpi);
    // Boxes (of words and rules alike) are in the straightened page's frame: off by at most a few
    // points for the 0.5–3° of a fed sheet, which neither line grouping nor indentation notices.
    RecognisedPage recognised;
    recognised.masthead = read_masthead(masthead.get(), engine);
    std::vector<Line> read = cells.empty() ? engine.recognize(prepared.get(), dpi) : read_by_cells(prepared.get(), rules, cells, dpi, engine);
    drop_double_readings(read);
    recognised.lines = order_rows(std::move(read));
    for (Line& line : recognised.lines) tidy_line(line);
    std::erase_if(recognised.lines, [](const Line& line) { return line.text.find_first_not_of(' ') == std::string::npos; });
    const double scale = units_per_inch / options.dpi;
    scale_boxes(recognised.lines, scale);
    for (const Box& box : rules.boxes) recognised.rules.push_back(Rule{Box{box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale}});
    page_cache().put("ocr", cache_key, serialise_page(recognised));
    outcome.warning = judge(std::move(recognised), options, page).warning;
}

}  // namespace gongwen::ocr
