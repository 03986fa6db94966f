// The ofd extractor plugin: OFD documents (GB/T 33190, the format Chinese government systems
// export 公文 in) as positioned words, lines and ruling lines in points, the shape the pdf plugin
// gives, so that paragraphs, fields and ruled task tables come out as from the same document
// printed to PDF. Scanned pages (images, with at most a stamped page number as text) go to the
// OCR plugin through the worker's page recognizer.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "gongwen/page_recognizer.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "ofd_package.hpp"
#include "xml_document.hpp"
#include "zip_archive.hpp"

namespace {

using gongwen::ExtractionError;

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kDefaultLineTolerance = 0.5;   // the pdf plugin's default line_tolerance

gongwen::Box to_points(const gongwen::ofd::MmBox& box) {
    return {box.x0 * kPointsPerMm, box.y0 * kPointsPerMm, box.x1 * kPointsPerMm, box.y1 * kPointsPerMm};
}

double centre_y(const gongwen::Box& box) { return (box.y0 + box.y1) / 2; }

bool is_space(char32_t cp) { return cp == U' ' || cp == 0xA0 || cp == 0x3000 || cp == U'\t'; }

// ---------------------------------------------------------------------------------------------
// Glyphs to words to lines, as the pdf plugin groups Poppler's words.

/// Words from the glyphs of a page in drawing order: a word ends at a space, where the next glyph
/// is not on the same height or steps back, and where it stands a quarter em or more away (a
/// column gap, letter-spaced headings): the gap Poppler splits words at.
std::vector<gongwen::Word> page_words(const std::vector<gongwen::ofd::Glyph>& glyphs, double tolerance) {
    std::vector<gongwen::Word> words;
    bool open = false;
    for (const auto& glyph : glyphs) {
        if (is_space(glyph.code_point)) {
            if (open) words.back().space_after = true;
            open = false;
            continue;
        }
        const gongwen::Box box = to_points(glyph.box);
        const double size = glyph.size * kPointsPerMm;
        if (open) {
            const gongwen::Word& last = words.back();
            const double em = std::max(size, last.font_size);
            const double gap = box.x0 - last.box.x1;
            const bool same_height = std::abs(centre_y(box) - centre_y(last.box)) <= tolerance * em;
            if (!same_height || gap < -0.5 * em || gap >= 0.25 * em) {
                if (gap >= 0.25 * em && same_height) words.back().space_after = true;
                open = false;
            }
        }
        if (!open) {
            words.emplace_back();
            words.back().box = box;
            words.back().font_size = size;
            open = true;
        }
        gongwen::Word& word = words.back();
        gongwen::append_utf8(word.text, glyph.code_point);
        word.char_boxes.push_back(box);
        word.box = {std::min(word.box.x0, box.x0), std::min(word.box.y0, box.y0), std::max(word.box.x1, box.x1),
                    std::max(word.box.y1, box.y1)};
        word.font_size = std::max(word.font_size, size);
    }
    return words;
}

struct LineDraft {
    std::vector<gongwen::Word> words;
    double centre = 0;
    double size = 0;
};

bool overlaps_horizontally(const gongwen::Box& a, const gongwen::Box& b) { return a.x0 < b.x1 && b.x0 < a.x1; }

/// Lines top to bottom: a word joins the line whose first word sits at its height (within half
/// the larger size) unless it overlaps a word already there (text drawn over text, a seal's
/// lettering): the rule the pdf plugin uses to put Poppler's blocks back into rows.
std::vector<gongwen::Line> build_lines(std::vector<gongwen::Word> words, double tolerance) {
    std::stable_sort(words.begin(), words.end(),
                     [](const gongwen::Word& a, const gongwen::Word& b) { return centre_y(a.box) < centre_y(b.box); });
    std::vector<LineDraft> rows;
    for (gongwen::Word& word : words) {
        const double centre = centre_y(word.box);
        bool placed = false;
        for (auto row = rows.rbegin(); row != rows.rend() && centre - row->centre <= tolerance * std::max(row->size, word.font_size); ++row) {
            if (std::abs(row->centre - centre) > tolerance * std::max(row->size, word.font_size)) continue;
            const bool clash = std::any_of(row->words.begin(), row->words.end(),
                                           [&](const gongwen::Word& other) { return overlaps_horizontally(other.box, word.box); });
            if (clash) continue;
            row->words.push_back(std::move(word));
            placed = true;
            break;
        }
        if (!placed) {
            rows.emplace_back();
            rows.back().centre = centre;
            rows.back().size = word.font_size;
            rows.back().words.push_back(std::move(word));
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const LineDraft& a, const LineDraft& b) { return a.centre < b.centre; });
    std::vector<gongwen::Line> lines;
    for (LineDraft& row : rows) {
        gongwen::Line line;
        line.words = std::move(row.words);
        std::stable_sort(line.words.begin(), line.words.end(),
                         [](const gongwen::Word& a, const gongwen::Word& b) { return a.box.x0 < b.box.x0; });
        for (std::size_t i = 0; i + 1 < line.words.size(); ++i) {
            const double gap = line.words[i + 1].box.x0 - line.words[i].box.x1;
            if (gap >= 0.25 * std::max(line.words[i].font_size, line.words[i + 1].font_size)) line.words[i].space_after = true;
        }
        line.box = line.words.front().box;
        for (std::size_t i = 0; i < line.words.size(); ++i) {
            const gongwen::Box& box = line.words[i].box;
            line.box = {std::min(line.box.x0, box.x0), std::min(line.box.y0, box.y0), std::max(line.box.x1, box.x1), std::max(line.box.y1, box.y1)};
            line.text += line.words[i].text;
            if (line.words[i].space_after && i + 1 < line.words.size()) line.text += ' ';
        }
        line.words.back().space_after = false;
        lines.push_back(std::move(line));
    }
    return lines;
}

// ---------------------------------------------------------------------------------------------
// Image-only pages: drawn into a raster for the OCR plugin.

struct PixFree {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixFree>;

/// Draws the page's images at `dpi` on white, each scaled into its box.
gongwen::PageImage draw_images(gongwen::zip::Archive& archive, const gongwen::ofd::PageContent& content, double dpi,
                               gongwen::PageImage::Format format, int number) {
    const double pixels_per_mm = dpi / 25.4;
    const int width = std::max(1, static_cast<int>(std::lround(content.width * pixels_per_mm)));
    const int height = std::max(1, static_cast<int>(std::lround(content.height * pixels_per_mm)));
    if (static_cast<double>(width) * height > 400e6) throw ExtractionError("page " + std::to_string(number) + " is too large to render for OCR");
    PixPtr canvas(pixCreate(width, height, 32));
    if (!canvas) throw ExtractionError("page " + std::to_string(number) + " cannot be rendered for OCR: out of memory");
    pixSetAll(canvas.get());   // white
    for (const auto& image : content.images) {
        std::string bytes;
        try {
            bytes = archive.read(image.member);
        } catch (const gongwen::zip::ArchiveError& error) {
            throw ExtractionError("page " + std::to_string(number) + ": image " + image.member + " cannot be read: " + error.what());
        }
        PixPtr decoded(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
        if (!decoded) continue;   // a format Leptonica does not read (JBIG2): nothing drawn
        PixPtr colour(pixConvertTo32(decoded.get()));
        if (!colour) continue;
        const int x = static_cast<int>(std::lround(image.box.x0 * pixels_per_mm));
        const int y = static_cast<int>(std::lround(image.box.y0 * pixels_per_mm));
        const int w = static_cast<int>(std::lround((image.box.x1 - image.box.x0) * pixels_per_mm));
        const int h = static_cast<int>(std::lround((image.box.y1 - image.box.y0) * pixels_per_mm));
        if (w <= 0 || h <= 0) continue;
        PixPtr scaled(pixScaleToSize(colour.get(), w, h));
        if (!scaled) continue;
        pixRasterop(canvas.get(), x, y, w, h, PIX_SRC, scaled.get(), 0, 0);
    }
    gongwen::PageImage out;
    out.width = width;
    out.height = height;
    out.dpi = dpi;
    const l_uint32* data = pixGetData(canvas.get());
    const int words_per_line = pixGetWpl(canvas.get());
    if (format == gongwen::PageImage::Format::gray8) {
        out.format = gongwen::PageImage::Format::gray8;
        out.stride = static_cast<std::size_t>(width);
        out.pixels.resize(out.stride * static_cast<std::size_t>(height));
    } else {
        out.format = gongwen::PageImage::Format::argb32;
        out.stride = static_cast<std::size_t>(width) * 4;
        out.pixels.resize(out.stride * static_cast<std::size_t>(height));
    }
    for (int row = 0; row < height; ++row) {
        const l_uint32* line = data + static_cast<std::ptrdiff_t>(row) * words_per_line;
        for (int column = 0; column < width; ++column) {
            l_int32 r, g, b;
            extractRGBValues(line[column], &r, &g, &b);
            const std::size_t at = static_cast<std::size_t>(row) * out.stride;
            if (out.format == gongwen::PageImage::Format::gray8) {
                out.pixels[at + static_cast<std::size_t>(column)] = static_cast<std::uint8_t>((r * 299 + g * 587 + b * 114) / 1000);
            } else {
                const std::uint32_t argb = 0xFF000000u | (static_cast<std::uint32_t>(r) << 16) | (static_cast<std::uint32_t>(g) << 8) | static_cast<std::uint32_t>(b);
                std::memcpy(&out.pixels[at + static_cast<std::size_t>(column) * 4], &argb, 4);
            }
        }
    }
    return out;
}

/// The pages that are only images, handed to the page recognizer and put in place when read.
class ScanReader {
public:
    explicit ScanReader(gongwen::PageRecognizer* recognizer) : recognizer_(recognizer) {}
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

    /// Hands the page to the recognizer, or notes why it was not (no recognizer, the page limit,
    /// blank, refused).
    void read(gongwen::zip::Archive& archive, const gongwen::ofd::PageContent& content, const gongwen::Page& out, gongwen::Document& document) {
        if (!recognizer_) {
            no_ocr_.push_back(out.number);
            return;
        }
        if (!failure_.empty()) return;
        const int limit = recognizer_->page_limit();
        if (limit > 0 && recognised_ >= limit) {
            unread_.push_back(out.number);
            return;
        }
        const gongwen::PageRenderer renderer = [&](double dpi, gongwen::PageImage::Format format) {
            return draw_images(archive, content, dpi, format, out.number);
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

    void complete(gongwen::Document& document) {
        if (recognizer_ && !pending_.empty()) {
            try {
                recognizer_->finish();
            } catch (const ExtractionError& error) {
                note_failure(error, document);
            }
        }
        std::vector<int> engines;
        for (const auto& pending : pending_) {
            const auto index = static_cast<std::size_t>(pending->scanned.number - 1);
            if (!pending->outcome.warning.empty()) document.warnings.push_back(pending->outcome.warning);
            engines.push_back(pending->outcome.engine);
            if (!pending->scanned.lines.empty()) document.pages[index] = std::move(pending->scanned);
        }
        pending_.clear();
        gongwen::note_ocr_engines(engines, document);
        if (!blank_.empty()) document.warnings.push_back("blank pages not OCR'd: " + gongwen::page_ranges(blank_));
        if (!no_ocr_.empty()) {
            document.warnings.push_back("pages " + gongwen::page_ranges(no_ocr_) +
                                        " hold only images and were not read: load the ocr plugin to read scanned pages");
        }
        if (!unread_.empty()) {
            document.warnings.push_back("pages " + gongwen::page_ranges(unread_) + " hold only images and were not OCR'd: the OCR limit is " +
                                        std::to_string(recognizer_->page_limit()) + " pages per document (plugins.ocr.max_pages)");
        }
        if (!failure_.empty()) document.warnings.push_back("pages that hold only images were not OCR'd: " + failure_);
    }

    const std::string& failure() const { return failure_; }
    bool without_recognizer() const { return !no_ocr_.empty(); }

private:
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
    std::vector<std::unique_ptr<Pending>> pending_;
    std::vector<int> blank_, unread_, no_ocr_;
    int recognised_ = 0;
    std::string failure_;
};

/// Fewer meaningful characters than this and a page's text is at most a page number stamped over
/// a scan (the pdf plugin's kMinTextLayerChars).
constexpr int kMinTextChars = 8;

/// A page to OCR: images cover half of it or more, and its text, if any, is a stamped page number
/// at most. (An OFD made from a scan by OCR software carries the text too, invisibly: that is read
/// as it is, not OCR'd again.)
bool is_scanned(const gongwen::Page& page, const gongwen::ofd::PageContent& content) {
    if (content.images.empty()) return false;
    int meaningful = 0;
    for (const gongwen::Line& line : page.lines) {
        for (std::size_t pos = 0; pos < line.text.size();) {
            const char32_t cp = gongwen::next_code_point(line.text, pos);
            meaningful += gongwen::is_han(cp) || (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
        }
    }
    if (meaningful >= kMinTextChars) return false;
    double covered = 0;
    for (const auto& image : content.images) {
        const double w = std::clamp(image.box.x1, 0.0, content.width) - std::clamp(image.box.x0, 0.0, content.width);
        const double h = std::clamp(image.box.y1, 0.0, content.height) - std::clamp(image.box.y0, 0.0, content.height);
        if (w > 0 && h > 0) covered += w * h;
    }
    return covered >= 0.5 * content.width * content.height;
}

// ---------------------------------------------------------------------------------------------
// Metadata.

/// DocInfo and CustomData names that say what a web page's metadata block says, under the labels
/// the fields plugin reads (Document::metadata: it fills only what the text lacks, and warns on a
/// clash).
const std::pair<const char*, const char*> kMetadataNames[] = {
    {"Title", "标题"},       {"标题", "标题"},         {"文号", "发文字号"},     {"发文字号", "发文字号"},
    {"DocNumber", "发文字号"}, {"发文机关", "发文机关"}, {"成文日期", "成文日期"}, {"签发日期", "成文日期"}};

void fill_metadata(const gongwen::ofd::Package& package, gongwen::Document& document) {
    for (const auto& [name, label] : kMetadataNames) {
        if (auto it = package.info.find(name); it != package.info.end() && !document.metadata.count(label)) document.metadata[label] = it->second;
    }
    for (const auto& [name, key] : {std::pair{"Author", "ofd_author"}, std::pair{"Subject", "ofd_subject"},
                                     std::pair{"Creator", "ofd_creator"}, std::pair{"CreationDate", "ofd_creation_date"}}) {
        if (auto it = package.info.find(name); it != package.info.end()) document.extra[key] = it->second;
    }
    if (!package.ignored.empty()) {
        std::string list;
        for (const auto& part : package.ignored) list += (list.empty() ? "" : ", ") + part;
        document.extra["ofd_ignored"] = list;
    }
}

// ---------------------------------------------------------------------------------------------

double parse_tolerance(const std::string& value) {
    if (value.empty()) return kDefaultLineTolerance;
    try {
        std::size_t used = 0;
        const double tolerance = std::stod(value, &used);
        if (used == value.size() && tolerance > 0 && tolerance < 2) return tolerance;
    } catch (const std::exception&) {
    }
    throw ExtractionError("option line_tolerance must be a number between 0 and 2, got \"" + value + "\"", gongwen::FailureScope::plugin);
}

class OfdExtractor final : public gongwen::Extractor {
public:
    void configure(const gongwen::PluginContext& context) override {
        Extractor::configure(context);
        line_tolerance_ = parse_tolerance(context_.option("line_tolerance"));
    }

    int identify(std::span<const std::byte> head, std::string_view path) const override {
        const auto kind = gongwen::zip::kind_from_head(head);
        if (kind == gongwen::zip::ContainerKind::ofd) return 100;
        // OFD.xml further in than the sniffed head reaches: the member list decides in extract().
        if (kind == gongwen::zip::ContainerKind::other_zip && path.size() > 4) {
            std::string extension(path.substr(path.size() - 4));
            std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (extension == ".ofd") return 20;
        }
        return 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        try {
            gongwen::zip::Archive archive(file.bytes);
            if (archive.kind() != gongwen::zip::ContainerKind::ofd) {
                throw ExtractionError(std::string("not an OFD: the zip container has no OFD.xml entry file (it looks like a ") +
                                      gongwen::zip::describe(archive.kind()) + ")");
            }
            const gongwen::ofd::Package package = gongwen::ofd::read_package(archive);
            read(archive, package, document);
        } catch (const gongwen::zip::ArchiveError& error) {
            throw ExtractionError(std::string("not a readable OFD: ") + error.what() + "; re-export the document or get an intact copy");
        } catch (const gongwen::xml::XmlError& error) {
            throw ExtractionError(std::string("not a readable OFD: ") + error.what() + "; re-export the document or get an intact copy");
        }
    }

private:
    void read(gongwen::zip::Archive& archive, const gongwen::ofd::Package& package, gongwen::Document& document) {
        document.source.format = "ofd";
        document.source.pages = static_cast<int>(package.pages.size());
        document.pages.clear();
        fill_metadata(package, document);
        for (const auto& warning : package.warnings) document.warnings.push_back(warning);
        ScanReader scans(context_.page_recognizer ? context_.page_recognizer() : nullptr);
        for (std::size_t index = 0; index < package.pages.size(); ++index) {
            const auto& content = package.pages[index];
            gongwen::Page page;
            page.number = static_cast<int>(index) + 1;
            page.width = content.width * kPointsPerMm;
            page.height = content.height * kPointsPerMm;
            page.lines = build_lines(page_words(content.glyphs, line_tolerance_), line_tolerance_);
            for (const auto& rule : content.rules) page.rules.push_back({to_points(rule)});
            document.pages.push_back(std::move(page));
        }
        // Pages are handed over once all are in place: the recognizer keeps pointers to them.
        for (std::size_t index = 0; index < package.pages.size(); ++index) {
            const gongwen::Page& page = document.pages[index];
            if (is_scanned(page, package.pages[index])) scans.read(archive, package.pages[index], page, document);
        }
        scans.complete(document);
        const bool any_text = std::any_of(document.pages.begin(), document.pages.end(), [](const gongwen::Page& page) { return !page.lines.empty(); });
        if (!any_text) {
            if (!scans.failure().empty()) throw ExtractionError("no text found: the OFD's pages are images and OCR cannot work: " + scans.failure());
            if (scans.without_recognizer()) {
                throw ExtractionError("no text found: the OFD's pages are images and no OCR plugin is loaded to read them (enable the ocr plugin)");
            }
            throw ExtractionError("no text found: the OFD has no text objects" +
                                  std::string(std::any_of(package.pages.begin(), package.pages.end(), [](const auto& p) { return !p.images.empty(); })
                                                  ? " and OCR read nothing on its images"
                                                  : ""));
        }
    }

    double line_tolerance_ = kDefaultLineTolerance;
};

const char* const kHandles[] = {"application/ofd", nullptr};
const gongwen::PluginOption kOptions[] = {
    {"line_tolerance", "0.5",
     "glyphs whose vertical centres differ by at most this fraction of the font size share a line (as pdf.line_tolerance)"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "ofd", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "OFD (GB/T 33190) read from its zip package: text objects as words with boxes and font sizes, path objects as table "
    "rules, DocInfo/CustomData as metadata; scanned pages (images, at most a stamped page number as text) go to the OCR "
    "plugin; signatures, annotations and attachments are not read (extra.ofd_ignored)",
    kOptions, []() -> gongwen::Plugin* { return new OfdExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
