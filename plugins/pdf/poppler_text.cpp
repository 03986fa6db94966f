// Poppler's core text layer (see poppler_text.hpp). The settings below are poppler-cpp's
// (page::text_list, document::load_from_raw_data) so that the words are the same.
#include "poppler_text.hpp"

#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <goo/GooString.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <GfxState.h>
#include <TextOutputDev.h>
#include <XRef.h>
// After the others: Array.h needs Object.h complete first.
#include <Array.h>
#include <Dict.h>
#include <poppler-global.h>
#include <poppler-rectangle.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"

namespace gongwen::pdf {
namespace {

std::atomic<PopplerSession::MessageSink> message_sink{nullptr};

// Formats as poppler-cpp's own error function does, so the log reads the same either way.
void forward_error(ErrorCategory, Goffset pos, const char* message) {
    const PopplerSession::MessageSink sink = message_sink.load();
    if (!sink) return;
    std::ostringstream out;
    if (pos >= 0) out << "error (" << pos << "): ";
    else out << "error: ";
    out << message;
    sink(out.str());
}

// poppler-cpp hands out boxes as rectf (x, y, width, height) and gongwen reads their corners
// back: right = x + (xMax - x) is not always xMax in floating point, so the same path is taken.
Box box_as_poppler_cpp_gives_it(double x_min, double y_min, double x_max, double y_max) {
    const poppler::rectf rect(x_min, y_min, x_max - x_min, y_max - y_min);
    return {rect.left(), rect.top(), rect.right(), rect.bottom()};
}

// poppler-cpp passes the word's UTF-8 (up to a NUL: it takes c_str()) through its UTF-16
// ustring and back with iconv, which changes text that is not valid UTF-8 (a lone surrogate from
// a broken ToUnicode map) and nothing else. Valid text is taken as it is; the rest goes the same
// round trip (an iconv conversion set up per word was 1% of the worker).
std::string as_poppler_cpp_gives_it(const char* utf8) {
    const std::string_view text(utf8, std::strlen(utf8));
    if (is_valid_utf8(text)) return std::string(text);
    const poppler::byte_array bytes = poppler::ustring::from_utf8(utf8).to_utf8();
    return {bytes.data(), bytes.size()};
}

std::string word_text(const TextWord& word) {
    const std::unique_ptr<GooString> text(word.getText());
    return as_poppler_cpp_gives_it(text->c_str());
}

// Table borders as the page draws them. Word processors and browsers draw a ruled table either as
// stroked lines (LibreOffice, Word) or as thin filled rectangles (Chromium/Skia, WPS); both are
// taken, in device space (points, origin top-left, the page's displayed orientation: the same
// space as the words). Only axis-parallel pieces count: a table rule is never slanted, and a
// drawing's curves and diagonals are not rules. A page that draws more than kMaxRules pieces is a
// drawing (a map, a chart): collecting stops there, the grid builder has enough to say "no table".
class RuleCollector final : public TextOutputDev {
public:
    explicit RuleCollector(std::vector<Rule>* rules) : TextOutputDev(nullptr, false, 0, false, false), rules_(rules) {}

    void stroke(GfxState* state) override {
        if (!rules_ || !state->getPath()) return;
        // Half the line width in device space, at least a hairline's.
        double wx = 0, wy = 0;
        state->transformDelta(state->getLineWidth(), 0, &wx, &wy);
        const double half = std::max(0.25, std::hypot(wx, wy) / 2);
        const GfxPath* path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath* sub = path->getSubpath(s);
            for (int i = 1; i < sub->getNumPoints(); ++i) {
                if (sub->getCurve(i)) continue;
                double x0, y0, x1, y1;
                state->transform(sub->getX(i - 1), sub->getY(i - 1), &x0, &y0);
                state->transform(sub->getX(i), sub->getY(i), &x1, &y1);
                add_segment(x0, y0, x1, y1, half);
            }
            if (sub->isClosed() && sub->getNumPoints() > 2) {
                double x0, y0, x1, y1;
                state->transform(sub->getX(sub->getNumPoints() - 1), sub->getY(sub->getNumPoints() - 1), &x0, &y0);
                state->transform(sub->getX(0), sub->getY(0), &x1, &y1);
                add_segment(x0, y0, x1, y1, half);
            }
        }
    }

    void fill(GfxState* state) override { add_filled(state); }
    void eoFill(GfxState* state) override { add_filled(state); }

private:
    static constexpr std::size_t kMaxRules = 4000;
    // Thicker than this (points) a filled rectangle is a shaded area, not a rule; its edges are
    // not rules either (a header's background lies inside the header's rules).
    static constexpr double kMaxThickness = 3.0;
    // Shorter than this (points) a piece is a dash, a tick or part of a glyph drawn as a path.
    static constexpr double kMinLength = 4.0;
    // How far from axis-parallel a segment may be (points over its length): rounding in the
    // producer's transform.
    static constexpr double kSlant = 0.5;

    void add(const Box& box) {
        if (rules_->size() >= kMaxRules) return;
        rules_->push_back({box});
    }

    void add_segment(double x0, double y0, double x1, double y1, double half) {
        if (std::abs(y1 - y0) <= kSlant && std::abs(x1 - x0) >= kMinLength) {
            const double y = (y0 + y1) / 2;
            add({std::min(x0, x1), y - half, std::max(x0, x1), y + half});
        } else if (std::abs(x1 - x0) <= kSlant && std::abs(y1 - y0) >= kMinLength) {
            const double x = (x0 + x1) / 2;
            add({x - half, std::min(y0, y1), x + half, std::max(y0, y1)});
        }
    }

    // A filled path that is an axis-parallel rectangle (4 or 5 points, the last closing it)
    // and thin in one direction.
    void add_filled(GfxState* state) {
        if (!rules_ || !state->getPath()) return;
        const GfxPath* path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath* sub = path->getSubpath(s);
            const int points = sub->getNumPoints();
            if (points < 4 || points > 5) continue;
            double x_min = 1e300, y_min = 1e300, x_max = -1e300, y_max = -1e300;
            bool curved = false;
            for (int i = 0; i < points; ++i) {
                curved = curved || sub->getCurve(i);
                double x, y;
                state->transform(sub->getX(i), sub->getY(i), &x, &y);
                x_min = std::min(x_min, x), x_max = std::max(x_max, x);
                y_min = std::min(y_min, y), y_max = std::max(y_max, y);
            }
            if (curved) continue;
            const double width = x_max - x_min, height = y_max - y_min;
            const bool horizontal = height <= kMaxThickness && width >= kMinLength && width >= 4 * height;
            const bool vertical = width <= kMaxThickness && height >= kMinLength && height >= 4 * width;
            if (horizontal || vertical) add({x_min, y_min, x_max, y_max});
        }
    }

    std::vector<Rule>* rules_;
};

}  // namespace

struct PopplerSession::Impl {
    GlobalParamsIniter globals{&forward_error};
};

PopplerSession::PopplerSession(MessageSink sink) {
    message_sink.store(sink);
    impl_ = std::make_unique<Impl>();
}

PopplerSession::~PopplerSession() = default;

struct PopplerText::Impl {
    GlobalParamsIniter globals{&forward_error};   // first: Poppler needs it before any document
    std::unique_ptr<PDFDoc> doc;
    std::unordered_set<int> kept;   // numbers of the objects kept parsed in the XRef

    // Poppler builds every font of a page again for each page (GfxResources), and parses each
    // font's objects again from the file to do it: dictionaries, width and encoding arrays,
    // descriptors, CMap and font file stream headers. PDFs printed from Chrome (Skia) carry about
    // a hundred Type 3 fonts a page, mostly the same on every page. Poppler's XRef returns an
    // object it holds (an "updated" one) instead of parsing it, so the page's font objects,
    // followed through their references, are put there once per document: the fonts are still
    // built per page, from the same objects, but not parsed again. Streams are shared objects
    // that each reader resets before reading, as Poppler does with any stream it fetches.
    void keep_parsed(const Object& value, int depth) {
        constexpr int kMaxDepth = 12;   // font dict -> descendant -> descriptor -> file: a few levels
        if (depth > kMaxDepth) return;
        XRef* xref = doc->getXRef();
        if (value.isRef()) {
            const Ref ref = value.getRef();
            if (!kept.insert(ref.num).second) return;
            // Only what Poppler would fetch as this very object: a reference whose generation is
            // not the entry's is left to Poppler's own handling (an error, or a reconstruction).
            // (Objects in object streams have no generation of their own; Poppler ignores it.)
            if (ref.num < 0 || ref.num >= xref->getNumObjects()) return;
            const XRefEntry* entry = xref->getEntry(ref.num, false);
            if (!entry || entry->type == xrefEntryFree) return;
            if (entry->type == xrefEntryUncompressed && entry->gen != ref.gen) return;
            Object parsed = xref->fetch(ref);
            if (parsed.isNull() || parsed.isError()) return;
            xref->setModifiedObject(&parsed, ref);
            keep_parsed(parsed, depth + 1);
        } else if (value.isDict()) {
            Dict* dict = value.getDict();
            for (int i = 0; i < dict->getLength(); ++i) keep_parsed(dict->getValNF(i), depth + 1);
        } else if (value.isArray()) {
            Array* array = value.getArray();
            for (int i = 0; i < array->getLength(); ++i) keep_parsed(array->getNF(i), depth + 1);
        } else if (value.isStream()) {
            Dict* dict = value.streamGetDict();
            for (int i = 0; i < dict->getLength(); ++i) keep_parsed(dict->getValNF(i), depth + 1);
        }
    }
};

PopplerText::PopplerText(std::span<const std::byte> bytes) : impl_(std::make_unique<Impl>()) {
    if (bytes.empty()) throw ExtractionError("empty file: not a readable PDF");
    // Poppler takes the length as an int.
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw ExtractionError("PDF larger than 2 GiB: Poppler cannot read it from memory");
    }
    // Read in place (no copy). Empty owner and user passwords, as poppler-cpp passes them: a PDF
    // with only an owner password opens.
    auto* stream = new MemStream(reinterpret_cast<const char*>(bytes.data()), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
    impl_->doc = std::make_unique<PDFDoc>(stream, std::optional<GooString>(GooString("")), std::optional<GooString>(GooString("")));
    if (!impl_->doc->isOk()) {
        if (impl_->doc->getErrorCode() == errEncrypted) throw ExtractionError("encrypted, password required");
        throw ExtractionError("not a readable PDF (corrupt or truncated): Poppler could not open it");
    }
    if (pages() <= 0) throw ExtractionError("PDF has no pages");
}

PopplerText::~PopplerText() = default;

int PopplerText::pages() const { return impl_->doc->getNumPages(); }

bool PopplerText::has_page(int index) const {
    return index >= 0 && index < pages() && impl_->doc->getCatalog()->getPage(index + 1) != nullptr;
}

void PopplerText::page_size(int index, double& width, double& height) const {
    const ::Page* page = impl_->doc->getCatalog()->getPage(index + 1);
    const PDFRectangle* crop = page->getCropBox();
    // Text boxes come in the displayed orientation, while the crop box is unrotated. As
    // poppler-cpp's page_rect(): a rectf from the corners, its width and height read back.
    const poppler::rectf rect(crop->x1, crop->y1, crop->x2 - crop->x1, crop->y2 - crop->y1);
    const bool sideways = page->getRotate() == 90 || page->getRotate() == 270;
    width = sideways ? rect.height() : rect.width();
    height = sideways ? rect.width() : rect.height();
}

std::vector<Word> PopplerText::words(int index, std::vector<Rule>* rules) const {
    // poppler-cpp's text_list settings: reading order (not physical layout, not raw order), the
    // page at 72 dpi, unrotated, crop box not forced, annotations drawn.
    // The XRef is used as it is (poppler-cpp copies it per page, for threads that share a
    // document; one worker reads one document): the objects kept parsed live in it.
    RuleCollector output(rules);
    if (Dict* resources = impl_->doc->getCatalog()->getPage(index + 1)->getResourceDict()) {
        impl_->keep_parsed(resources->lookupNF("Font"), 0);
    }
    impl_->doc->displayPageSlice(&output, index + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr,
                                 nullptr, nullptr, false);
    std::vector<Word> words;
    const std::unique_ptr<TextWordList> list = output.makeWordList();
    if (!list) return words;
    words.reserve(static_cast<std::size_t>(list->getLength()));
    for (int i = 0; i < list->getLength(); ++i) {
        const TextWord* source = list->get(i);
        Word word;
        word.text = word_text(*source);
        double x_min, y_min, x_max, y_max;
        source->getBBox(&x_min, &y_min, &x_max, &y_max);
        word.box = box_as_poppler_cpp_gives_it(x_min, y_min, x_max, y_max);
        const int glyphs = source->getLength();
        word.char_boxes.reserve(static_cast<std::size_t>(glyphs));
        for (int j = 0; j < glyphs; ++j) {
            source->getCharBBox(j, &x_min, &y_min, &x_max, &y_max);
            word.char_boxes.push_back(box_as_poppler_cpp_gives_it(x_min, y_min, x_max, y_max));
        }
        word.space_after = source->hasSpaceAfter();
        word.font_size = source->getFontSize();
        words.push_back(std::move(word));
    }
    return words;
}

}  // namespace gongwen::pdf
