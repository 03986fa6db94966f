// The pdf extractor plugin: born-digital PDF text as positioned words and lines. The words come
// from Poppler's core text layer (poppler_text.hpp), pages that may be scans are rendered with
// poppler-cpp; only these two files touch Poppler types. One instance serves one worker (Poppler
// is not thread-safe per document).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page.h>
#include <poppler-page-renderer.h>
#include <poppler-rectangle.h>

#include <algorithm>
#include <numeric>
#include <cmath>
#include <limits>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gongwen/page_recognizer.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "poppler_text.hpp"

namespace {

using gongwen::ExtractionError;

constexpr double kDefaultLineTolerance = 0.5;
constexpr std::size_t kSignatureWindow = 1024;

// ---------------------------------------------------------------------------------------------
// Poppler diagnostics. Poppler prints warnings about damaged files to stderr through one
// process-wide hook; plugins must never print, so the hook forwards to the host's logger of the
// most recently configured instance (all instances of this plugin share the same host logger).

using Logger = std::function<void(gongwen::LogLevel, const std::string&)>;

std::mutex poppler_log_mutex;
Logger poppler_logger;
const void* poppler_logger_owner = nullptr;

void forward_poppler_message(const std::string& message, void*) {
    const std::lock_guard lock(poppler_log_mutex);
    if (poppler_logger) poppler_logger(gongwen::LogLevel::debug, "poppler: " + message);
}

void route_poppler_messages(const Logger& logger, const void* owner) {
    const std::lock_guard lock(poppler_log_mutex);
    if (logger) {
        poppler_logger = logger;
        poppler_logger_owner = owner;
    }
    poppler::set_debug_error_function(&forward_poppler_message, nullptr);
}

// Poppler's core (PopplerText) reports through the same hook.
void forward_core_message(const std::string& message) { forward_poppler_message(message, nullptr); }

// The logger may capture state of the instance's host: drop it when its owner goes away.
void forget_poppler_logger(const void* owner) {
    const std::lock_guard lock(poppler_log_mutex);
    if (poppler_logger_owner != owner) return;
    poppler_logger = nullptr;
    poppler_logger_owner = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers.

gongwen::Box unite(const gongwen::Box& a, const gongwen::Box& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

double centre_y(const gongwen::Box& box) { return (box.y0 + box.y1) / 2; }
double height(const gongwen::Box& box) { return box.y1 - box.y0; }
double width(const gongwen::Box& box) { return box.x1 - box.x0; }

bool overlaps_horizontally(const gongwen::Box& a, const gongwen::Box& b) {
    return a.x0 < b.x1 && b.x0 < a.x1;
}

// The widest glyph of a word, about one em for Han text.
double widest_char(const gongwen::Word& word) {
    double widest = 0;
    for (const gongwen::Box& box : word.char_boxes) widest = std::max(widest, width(box));
    return widest;
}

// How tall the word's text really is. Poppler's box height comes from the font's bounding box,
// which for Type 3 fonts (Chrome/Skia PDFs) is more than twice the glyph size: boxes of
// neighbouring lines overlap. The advance of a Han glyph is a better measure of the size.
double text_size(const gongwen::Word& word) {
    const double widest = widest_char(word);
    return widest > 0 ? std::min(height(word.box), widest) : height(word.box);
}

// ---------------------------------------------------------------------------------------------
// Poppler words to gongwen words.

// Poppler gives one box per glyph, which for born-digital text is one per code point; a word
// has exactly one per code point (none where Poppler had fewer glyphs).
void fit_char_boxes(gongwen::Word& word) {
    std::size_t code_points = 0;
    for (std::size_t pos = 0; pos < word.text.size(); ++code_points) gongwen::next_code_point(word.text, pos);
    word.char_boxes.resize(code_points);
}

std::vector<gongwen::Word> page_words(const gongwen::pdf::PopplerText& pdf, int index, std::vector<gongwen::Rule>& rules) {
    std::vector<gongwen::Word> words;
    for (gongwen::Word& word : pdf.words(index, &rules)) {
        if (gongwen::is_blank(word.text)) continue;
        fit_char_boxes(word);
        words.push_back(std::move(word));
    }
    return words;
}

// ---------------------------------------------------------------------------------------------
// Words to lines.

/// A line being built: its position is that of its first word, so that it cannot creep.
struct LineDraft {
    std::vector<gongwen::Word> words;
    double centre = 0;
    double size = 0;
};

LineDraft start_line(gongwen::Word word) {
    LineDraft line;
    line.centre = centre_y(word.box);
    line.size = text_size(word);
    line.words.push_back(std::move(word));
    return line;
}

bool same_visual_line(const LineDraft& line, double centre, double size, double tolerance) {
    return std::abs(line.centre - centre) <= tolerance * std::max(line.size, size);
}

// Poppler returns words in its reading order (block by block, line by line): consecutive words
// at the same height form one line.
std::vector<LineDraft> group_consecutive_words(std::vector<gongwen::Word> words, double tolerance) {
    std::vector<LineDraft> lines;
    for (gongwen::Word& word : words) {
        if (!lines.empty() && same_visual_line(lines.back(), centre_y(word.box), text_size(word), tolerance)) {
            lines.back().words.push_back(std::move(word));
        } else {
            lines.push_back(start_line(std::move(word)));
        }
    }
    return lines;
}

bool overlaps_any_word(const LineDraft& line, const LineDraft& other) {
    return std::any_of(line.words.begin(), line.words.end(), [&](const gongwen::Word& word) {
        return std::any_of(other.words.begin(), other.words.end(), [&](const gongwen::Word& other_word) {
            return overlaps_horizontally(word.box, other_word.box);
        });
    });
}

// Poppler splits a visual row into several blocks where there is a wide gap (table cells, a date
// right of a signature) and may list those blocks far apart. Rows are put back together so that
// the page reads top to bottom.
std::vector<LineDraft> order_top_to_bottom(std::vector<LineDraft> lines, double tolerance) {
    // Stable so that lines at exactly the same height keep Poppler's order.
    std::stable_sort(lines.begin(), lines.end(),
                     [](const LineDraft& a, const LineDraft& b) { return a.centre < b.centre; });
    std::vector<LineDraft> rows;
    for (LineDraft& line : lines) {
        if (!rows.empty() && same_visual_line(rows.back(), line.centre, line.size, tolerance) &&
            !overlaps_any_word(rows.back(), line)) {
            std::move(line.words.begin(), line.words.end(), std::back_inserter(rows.back().words));
        } else {
            rows.push_back(std::move(line));
        }
    }
    return rows;
}

// Poppler sets has_space_after() only for some gaps: a column gap between two Han words (table
// cells) or a space that the producer drew as a move instead of a glyph (Cairo: "— 3 —") is
// not flagged, yet it separates the words as much as a space. A quarter em is about the width of
// a space and wider than the letter-spacing of spaced-out headings (主 要 内 容 ≈ 0.2 em).
void mark_wide_gaps(std::vector<gongwen::Word>& words) {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const double gap = words[i + 1].box.x0 - words[i].box.x1;
        const double em = std::max(text_size(words[i]), text_size(words[i + 1]));
        if (gap >= 0.25 * em) words[i].space_after = true;
    }
}

std::string join_words(const std::vector<gongwen::Word>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        text += words[i].text;
        if (words[i].space_after && i + 1 < words.size()) text += ' ';
    }
    return text;
}

gongwen::Line finish_line(LineDraft draft) {
    gongwen::Line line;
    line.words = std::move(draft.words);
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const gongwen::Word& a, const gongwen::Word& b) { return a.box.x0 < b.box.x0; });
    mark_wide_gaps(line.words);
    line.box = line.words.front().box;
    for (const gongwen::Word& word : line.words) line.box = unite(line.box, word.box);
    line.text = join_words(line.words);
    return line;
}

double left_of(const LineDraft& line) {
    double x = line.words.front().box.x0;
    for (const auto& word : line.words) x = std::min(x, word.box.x0);
    return x;
}
double right_of(const LineDraft& line) {
    double x = line.words.front().box.x1;
    for (const auto& word : line.words) x = std::max(x, word.box.x1);
    return x;
}

/// A web page printed with a side column (a site's menu beside the article, 政策文件 / 市政府文件 …)
/// puts the menu's items at the heights of the article's lines, and rows put back together by
/// height would glue 统计数据 into the 主送 line. The side column is told by its shape: a run of
/// narrow lines at the page's left edge that no other line interrupts, words rather than sequence
/// numbers, a gutter of two ems that no line crosses over the height they span, and items that
/// mostly do not sit at the heights of the lines beside them (a table's first column does). Pages
/// without one (every gov.cn PDF, every task table of the shared set) are read as before. Returns
/// the indices of the side column's lines, or none.
std::vector<std::size_t> side_column(const std::vector<LineDraft>& lines) {
    constexpr std::size_t kMinItems = 4;
    if (lines.size() < 2 * kMinItems) return {};
    double page_left = left_of(lines.front()), page_right = right_of(lines.front());
    std::vector<double> sizes;
    for (const auto& line : lines) {
        page_left = std::min(page_left, left_of(line));
        page_right = std::max(page_right, right_of(line));
        sizes.push_back(line.size);
    }
    std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(sizes.size() / 2), sizes.end());
    const double em = sizes[sizes.size() / 2];
    const double narrow = page_left + 0.3 * (page_right - page_left);
    // Lines in height order; a candidate is narrow and starts at the page's left edge.
    std::vector<std::size_t> order(lines.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lines[a].centre < lines[b].centre; });
    const auto is_candidate = [&](std::size_t i) { return left_of(lines[i]) <= page_left + em && right_of(lines[i]) <= narrow; };
    // Runs of candidates that no other line crosses: a banner or footer at the left edge ends a run.
    std::vector<std::size_t> best, run;
    double gutter = page_left;
    const auto close_run = [&] {
        if (run.size() > best.size()) best = run;
        run.clear();
        gutter = page_left;
    };
    std::vector<std::size_t> others_since;   // non-candidates since the run's last item
    for (std::size_t i : order) {
        if (is_candidate(i)) {
            const double widened = std::max(gutter, right_of(lines[i]));
            const bool crossed = std::any_of(others_since.begin(), others_since.end(), [&](std::size_t j) { return left_of(lines[j]) < widened + em; });
            if (crossed) close_run();
            run.push_back(i);
            gutter = std::max(gutter, right_of(lines[i]));
            others_since.clear();
        } else if (!run.empty()) {
            if (left_of(lines[i]) < gutter + em) close_run();
            else others_since.push_back(i);
        }
    }
    close_run();
    if (best.size() < kMinItems) return {};
    // A table's first column is a run too: its items are sequence numbers (1, 2, 一、), a side
    // column's are words. And a menu stands apart by a wide gutter, not by a cell's padding.
    const auto is_sequence_number = [](const LineDraft& line) {
        std::string text;
        for (const auto& word : line.words) text += word.text;
        std::size_t pos = 0, digits = 0, total = 0;
        while (pos < text.size()) {
            const char32_t cp = gongwen::next_code_point(text, pos);
            ++total;
            digits += (cp >= U'0' && cp <= U'9') || std::u32string_view(U"一二三四五六七八九十、.．（）()").find(cp) != std::u32string_view::npos;
        }
        return total > 0 && 2 * digits >= total;
    };
    const auto numbered = static_cast<std::size_t>(
        std::count_if(best.begin(), best.end(), [&](std::size_t i) { return is_sequence_number(lines[i]); }));
    if (2 * numbered >= best.size()) return {};
    double right_gutter = page_left;
    for (std::size_t i : best) right_gutter = std::max(right_gutter, right_of(lines[i]));
    const double top = lines[best.front()].centre, bottom = lines[best.back()].centre;
    std::size_t beside = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const LineDraft& line = lines[i];
        if (line.centre < top || line.centre > bottom || std::find(best.begin(), best.end(), i) != best.end()) continue;
        if (left_of(line) < right_gutter + 2 * em) return {};
        ++beside;
    }
    if (beside < kMinItems) return {};
    // And a table's cells have their row beside them, each one; a menu's items line up with the
    // article's lines only here and there.
    const auto aligned = static_cast<std::size_t>(std::count_if(best.begin(), best.end(), [&](std::size_t i) {
        return std::any_of(lines.begin(), lines.end(), [&](const LineDraft& other) {
            return left_of(other) >= right_gutter + 2 * em && std::abs(other.centre - lines[i].centre) <= 0.3 * std::max(other.size, lines[i].size);
        });
    }));
    if (4 * aligned >= 3 * best.size()) return {};
    return best;
}

/// The lines cut where words stand more than three ems apart: Poppler may list a side column's
/// item right before the article's line at its height, and group the two as one.
std::vector<LineDraft> cut_at_wide_gaps(const std::vector<LineDraft>& lines) {
    std::vector<LineDraft> pieces;
    for (const LineDraft& line : lines) {
        std::vector<gongwen::Word> words = line.words;
        std::stable_sort(words.begin(), words.end(), [](const gongwen::Word& a, const gongwen::Word& b) { return a.box.x0 < b.box.x0; });
        for (std::size_t i = 0; i < words.size(); ++i) {
            const bool wide = i > 0 && words[i].box.x0 - words[i - 1].box.x1 > 3 * std::max(line.size, text_size(words[i]));
            if (i == 0 || wide) pieces.push_back(start_line(words[i]));
            else pieces.back().words.push_back(words[i]);
        }
    }
    return pieces;
}

std::vector<gongwen::Line> build_lines(std::vector<gongwen::Word> words, double tolerance) {
    std::vector<LineDraft> drafts = group_consecutive_words(std::move(words), tolerance);
    // A side column is read as a block of its own, top to bottom, before the rows beside it.
    // Pages without one keep Poppler's grouping untouched.
    std::vector<LineDraft> side;
    std::vector<LineDraft> pieces = cut_at_wide_gaps(drafts);
    if (const auto indices = side_column(pieces); !indices.empty()) {
        drafts = std::move(pieces);
        std::vector<LineDraft> rest;
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            (std::find(indices.begin(), indices.end(), i) != indices.end() ? side : rest).push_back(std::move(drafts[i]));
        }
        drafts = std::move(rest);
        std::stable_sort(side.begin(), side.end(), [](const LineDraft& a, const LineDraft& b) { return a.centre < b.centre; });
    }
    std::vector<LineDraft> rows = order_top_to_bottom(std::move(drafts), tolerance);
    if (!side.empty()) {
        const double top = side.front().centre;
        auto at = std::find_if(rows.begin(), rows.end(), [&](const LineDraft& row) { return row.centre >= top; });
        rows.insert(at, std::make_move_iterator(side.begin()), std::make_move_iterator(side.end()));
    }
    std::vector<gongwen::Line> lines;
    for (LineDraft& draft : rows) lines.push_back(finish_line(std::move(draft)));
    return lines;
}

// ---------------------------------------------------------------------------------------------
// Pages without a usable text layer: scans, or text whose font has no Unicode mapping.

// Fewer meaningful characters than this and the text layer is at most a stamped page number over
// a scanned page: the page is read by OCR instead (a page that really holds two words reads the
// same either way).
constexpr int kMinTextLayerChars = 8;

bool is_junk(char32_t cp) { return cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || cp < 0x20; }
bool is_latin_accented(char32_t cp) { return cp >= 0x80 && cp <= 0x24F; }
bool is_ascii_alnum(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

enum class TextLayer {
    usable,   ///< enough real text: keep it
    sparse,   ///< a few real characters: a page number stamped on a scan, or a page that says little
    none,     ///< no text, or garbage
};

/// `none` for no text or garbage: replacement and private-use characters (fonts without a Unicode
/// map), or Latin-1 mojibake with no Chinese at all; `sparse` for fewer than kMinTextLayerChars.
TextLayer classify_text_layer(const gongwen::Page& page) {
    int han = 0, alnum = 0, junk = 0, accented = 0, total = 0;
    for (const gongwen::Line& line : page.lines) {
        for (std::size_t pos = 0; pos < line.text.size();) {
            const char32_t cp = gongwen::next_code_point(line.text, pos);
            if (cp == U' ' || cp == 0x3000) continue;
            ++total;
            han += gongwen::is_han(cp);
            alnum += is_ascii_alnum(cp);
            junk += is_junk(cp);
            accented += is_latin_accented(cp);
        }
    }
    if (han + alnum == 0 || junk * 10 >= total * 3) return TextLayer::none;
    if (han == 0 && (junk + accented) * 2 >= total) return TextLayer::none;
    return han + alnum < kMinTextLayerChars ? TextLayer::sparse : TextLayer::usable;
}

/// Whether anything is printed on the page besides its text layer: dark pixels of a coarse
/// rendering outside the (padded) boxes of its lines. A page that only says （此页无正文） — GB/T 9704
/// asks for it on a signature page without body text — has none and keeps its text; a scan under a
/// stamped page number has ink everywhere else and is OCR'd.
bool has_ink_outside_text(const poppler::page_renderer& grey_renderer, const poppler::page& page, const gongwen::Page& out) {
    constexpr double kDpi = 30;
    constexpr int kPadPixels = 2;
    constexpr unsigned char kInk = 160;
    const poppler::image image = grey_renderer.render_page(&page, kDpi, kDpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) return true;   // cannot tell: OCR it
    const int width = image.width(), height = image.height();
    std::vector<char> text_area(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    const double scale = kDpi / 72.0;
    for (const gongwen::Line& line : out.lines) {
        const int x0 = std::max(0, static_cast<int>(line.box.x0 * scale) - kPadPixels);
        const int y0 = std::max(0, static_cast<int>(line.box.y0 * scale) - kPadPixels);
        const int x1 = std::min(width - 1, static_cast<int>(line.box.x1 * scale) + kPadPixels);
        const int y1 = std::min(height - 1, static_cast<int>(line.box.y1 * scale) + kPadPixels);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) text_area[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] = 1;
        }
    }
    const auto* pixels = reinterpret_cast<const unsigned char*>(image.const_data());
    int ink = 0;
    for (int y = 0; y < height; ++y) {
        const unsigned char* row = pixels + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.bytes_per_row());
        for (int x = 0; x < width; ++x) {
            ink += row[x] < kInk && !text_area[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
        }
    }
    // A few stray pixels (anti-aliasing at a box edge, a thin rule) are not a scan.
    return ink > std::max(20, width * height / 2000);
}

gongwen::PageImage render(const poppler::page_renderer& renderer, const poppler::page& page, double dpi,
                          gongwen::PageImage::Format format, int number) {
    const poppler::image image = renderer.render_page(&page, dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
        throw ExtractionError("page " + std::to_string(number) + " cannot be rendered for OCR");
    }
    const bool grey = image.format() == poppler::image::format_gray8;
    const bool argb = image.format() == poppler::image::format_argb32;
    if (!grey && !argb) throw ExtractionError("page " + std::to_string(number) + ": Poppler rendered an unexpected pixel format");
    gongwen::PageImage out;
    out.format = grey ? gongwen::PageImage::Format::gray8 : gongwen::PageImage::Format::argb32;
    out.width = image.width();
    out.height = image.height();
    out.stride = static_cast<std::size_t>(image.bytes_per_row());
    out.dpi = dpi;
    const char* data = image.const_data();
    out.pixels.assign(data, data + out.stride * static_cast<std::size_t>(out.height));
    (void)format;
    return out;
}

/// The pages as poppler-cpp pages, for rendering: the text comes from PopplerText, and only a page
/// that may be a scan is opened here (once per document, on the same bytes).
class RenderablePages {
public:
    explicit RenderablePages(std::span<const std::byte> bytes) : bytes_(bytes) {}

    const poppler::page& page(int index) {
        if (!document_) {
            document_.reset(poppler::document::load_from_raw_data(reinterpret_cast<const char*>(bytes_.data()),
                                                                  static_cast<int>(bytes_.size())));
        }
        if (!page_ || page_index_ != index) {
            page_.reset(document_ ? document_->create_page(index) : nullptr);
            page_index_ = index;
        }
        if (!page_) throw ExtractionError("page " + std::to_string(index + 1) + " cannot be rendered for OCR");
        return *page_;
    }

private:
    std::span<const std::byte> bytes_;
    std::unique_ptr<poppler::document> document_;
    std::unique_ptr<poppler::page> page_;
    int page_index_ = -1;
};

/// Hands the pages without a usable text layer to the worker's page recognizer (the ocr plugin),
/// within its page limit, and sums up what it skipped in one warning each instead of one per page.
/// Pages are rendered here, as they come, and recognised in parallel by the recognizer; complete()
/// waits for them and puts their text in place.
class ScanReader {
public:
    explicit ScanReader(gongwen::PageRecognizer* recognizer) : recognizer_(recognizer) {
        for (auto hint : {poppler::page_renderer::antialiasing, poppler::page_renderer::text_antialiasing}) {
            grey_renderer_.set_render_hint(hint);
            colour_renderer_.set_render_hint(hint);
        }
        grey_renderer_.set_image_format(poppler::image::format_gray8);
        colour_renderer_.set_image_format(poppler::image::format_argb32);
    }

    // Queued pages point into pending_: they must be recognised (or dropped by the recognizer)
    // before it goes, also when extraction stops half-way through the document.
    ~ScanReader() {
        if (!recognizer_ || pending_.empty()) return;
        try {
            recognizer_->finish();
        } catch (...) {
            // The error that unwinds is the one to report.
        }
    }
    ScanReader(const ScanReader&) = delete;
    ScanReader& operator=(const ScanReader&) = delete;

    void read(RenderablePages& pages, gongwen::Page& out, gongwen::Document& document) {
        if (!recognizer_ || !failure_.empty()) return;
        const TextLayer layer = classify_text_layer(out);
        if (layer == TextLayer::usable) return;
        const poppler::page& page = pages.page(out.number - 1);
        if (layer == TextLayer::sparse && !has_ink_outside_text(grey_renderer_, page, out)) return;
        const int limit = recognizer_->page_limit();
        if (limit > 0 && recognised_ >= limit) {
            unread_.push_back(out.number);
            return;
        }
        const gongwen::PageRenderer renderer = [&](double dpi, gongwen::PageImage::Format format) {
            const auto& chosen = format == gongwen::PageImage::Format::gray8 ? grey_renderer_ : colour_renderer_;
            return render(chosen, page, dpi, format, out.number);
        };
        auto pending = std::make_unique<Pending>();
        pending->scanned.number = out.number;
        pending->scanned.width = out.width;
        pending->scanned.height = out.height;
        try {
            if (!recognizer_->submit(renderer, 72.0, pending->scanned, pending->outcome)) {
                if (!pending->outcome.warning.empty()) document.warnings.push_back(pending->outcome.warning);
                if (pending->outcome.blank) blank_.push_back(out.number);
                return;
            }
            ++recognised_;
            document.source.ocr_pages.push_back(out.number);
            pending_.push_back(std::move(pending));
        } catch (const ExtractionError& error) {
            note_failure(error, document);
        }
    }

    /// Waits for the queued pages and puts each one's text in place of its text layer (a page
    /// where OCR found nothing keeps what it had, e.g. a stamped page number).
    void complete(gongwen::Document& document) {
        if (!recognizer_) return;
        if (!pending_.empty()) {
            try {
                recognizer_->finish();
            } catch (const ExtractionError& error) {
                note_failure(error, document);
            }
        }
        std::vector<int> engines;
        for (const auto& pending : pending_) {
            const int index = pending->scanned.number - 1;
            if (!pending->outcome.warning.empty()) document.warnings.push_back(pending->outcome.warning);
            engines.push_back(pending->outcome.engine);
            if (!pending->scanned.lines.empty()) document.pages[static_cast<std::size_t>(index)] = std::move(pending->scanned);
        }
        pending_.clear();
        gongwen::note_ocr_engines(engines, document);
    }

    int blank_pages() const { return static_cast<int>(blank_.size()); }
    const std::string& failure() const { return failure_; }

    void finish(gongwen::Document& document) const {
        if (!blank_.empty()) document.warnings.push_back("blank pages not OCR'd: " + gongwen::page_ranges(blank_));
        if (!unread_.empty()) {
            document.warnings.push_back("pages " + gongwen::page_ranges(unread_) + " have no text layer and were not OCR'd: " +
                                        "the OCR limit is " + std::to_string(recognizer_->page_limit()) +
                                        " pages per document (plugins.ocr.max_pages)");
        }
        if (!failure_.empty()) document.warnings.push_back("pages without a text layer were not OCR'd: " + failure_);
    }

private:
    /// A page handed to the recognizer: where its text and outcome go until complete().
    struct Pending {
        gongwen::Page scanned;
        gongwen::PageRecognition outcome;
    };

    void note_failure(const ExtractionError& error, gongwen::Document& document) {
        if (error.scope() == gongwen::FailureScope::plugin) {
            if (failure_.empty()) failure_ = error.what();
        } else {
            document.warnings.push_back(std::string(error.what()));
        }
    }

    gongwen::PageRecognizer* recognizer_;
    poppler::page_renderer grey_renderer_, colour_renderer_;
    std::vector<std::unique_ptr<Pending>> pending_;
    std::vector<int> blank_, unread_;
    int recognised_ = 0;
    std::string failure_;
};

// ---------------------------------------------------------------------------------------------
// Pages and the document.

double parse_tolerance(const std::string& value) {
    if (value.empty()) return kDefaultLineTolerance;
    try {
        std::size_t used = 0;
        const double tolerance = std::stod(value, &used);
        if (used == value.size() && tolerance > 0 && tolerance < 2) return tolerance;
    } catch (const std::exception&) {
    }
    throw ExtractionError("option line_tolerance must be a number between 0 and 2, got \"" + value + "\"",
                          gongwen::FailureScope::plugin);
}

class PdfExtractor final : public gongwen::Extractor {
public:
    ~PdfExtractor() override { forget_poppler_logger(this); }

    void configure(const gongwen::PluginContext& context) override {
        Extractor::configure(context);
        line_tolerance_ = parse_tolerance(context_.option("line_tolerance"));
        route_poppler_messages(context_.log, this);
        if (!session_) session_ = std::make_unique<gongwen::pdf::PopplerSession>(&forward_core_message);
    }

    int identify(std::span<const std::byte> head, std::string_view) const override {
        const std::string_view text(reinterpret_cast<const char*>(head.data()),
                                    std::min(head.size(), kSignatureWindow));
        return text.find("%PDF-") != std::string_view::npos ? 100 : 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        const gongwen::pdf::PopplerText pdf(file.bytes);
        const int pages = pdf.pages();
        document.source.format = "pdf";
        document.source.pages = pages;
        document.pages.clear();
        RenderablePages renderable(file.bytes);
        // Asked per document: the recognizer may have been disabled since the last one.
        ScanReader scans(context_.page_recognizer ? context_.page_recognizer() : nullptr);
        for (int index = 0; index < pages; ++index) document.pages.push_back(read_page(pdf, renderable, index, scans, document));
        scans.complete(document);
        if (scans.blank_pages() == pages) {
            throw ExtractionError("no text found: " + (pages == 1 ? std::string("the page is blank")
                                                                   : "all " + std::to_string(pages) + " pages are blank"));
        }
        const bool any_text = std::any_of(document.pages.begin(), document.pages.end(),
                                          [](const gongwen::Page& page) { return !page.lines.empty(); });
        if (!any_text && !scans.failure().empty()) {
            throw ExtractionError("no text found: the PDF has no text layer and OCR cannot work: " + scans.failure());
        }
        scans.finish(document);
    }

private:
    gongwen::Page read_page(const gongwen::pdf::PopplerText& pdf, RenderablePages& renderable, int index, ScanReader& scans,
                            gongwen::Document& document) const {
        if (!pdf.has_page(index)) throw ExtractionError("page " + std::to_string(index + 1) + " is damaged: Poppler could not read it");
        gongwen::Page out;
        out.number = index + 1;
        pdf.page_size(index, out.width, out.height);
        out.lines = build_lines(page_words(pdf, index, out.rules), line_tolerance_);
        scans.read(renderable, out, document);
        return out;
    }

    double line_tolerance_ = kDefaultLineTolerance;
    std::unique_ptr<gongwen::pdf::PopplerSession> session_;
};

const char* const kHandles[] = {"application/pdf", nullptr};
const gongwen::PluginOption kOptions[] = {
    {"line_tolerance", "0.5",
     "words whose vertical centres differ by at most this fraction of the line height share a line"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "pdf", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "PDF read with Poppler: words with boxes, font sizes and lines; pages without a text layer go to the OCR plugin", kOptions,
    []() -> gongwen::Plugin* { return new PdfExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
