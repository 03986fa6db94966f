// The html extractor plugin: saved web pages (.html/.htm) and web archives (.mhtml/.mht) as one
// page of lines laid out like a printed 公文 — A4, 28 characters of 16 pt to the line, centred
// lines centred, right-aligned lines right-aligned, first lines indented as the page indents them
// — so that paragraphs, titles, signatures and dates are read as from the same page printed to
// PDF; data tables are given to the tables enricher with their real cells (Document::tables).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "html_blocks.hpp"
#include "html_source.hpp"

namespace {

using gongwen::ExtractionError;
using gongwen::html::Align;

// GB/T 9704 geometry in points: A4, 28 mm left margin, 37 mm top, 28 characters of 16 pt.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kLeft = 79.37;
constexpr double kTop = 104.88;
constexpr double kBodySize = 16;
// Headings are set at the body size: a title wrapped at 20 characters of 22 pt (GB/T 9704's 二号)
// cuts joint issuers' names where a browser's narrower heading does not, and nothing downstream
// reads a title by its size.
constexpr double kHeadingSize = kBodySize;
constexpr double kTableSize = 12;
constexpr double kTextWidth = 28 * kBodySize;
constexpr double kRight = kLeft + kTextWidth;
constexpr double kLeading = 1.8;   // line pitch as a multiple of the font size

bool is_wide(char32_t cp) {
    return gongwen::is_han(cp) || (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D;
}

double advance(char32_t cp, double size) { return is_wide(cp) ? size : 0.5 * size; }

bool is_ascii_word(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || cp == U'.' || cp == U'-' || cp == U'/' ||
           cp == U'_' || cp == U':';
}

/// Words of `text` laid out from `x` at `y`, each character `scale` times its natural advance.
gongwen::Line place_line(std::u32string_view text, double x, double y, double size, double scale = 1.0) {
    gongwen::Line line;
    bool open = false;
    for (const char32_t cp : text) {
        const double width = advance(cp, size) * scale;
        if (cp == U' ' || cp == 0x3000) {
            if (open) line.words.back().space_after = true;
            open = false;
            x += width;
            continue;
        }
        if (!open) {
            line.words.emplace_back();
            line.words.back().font_size = size;
            line.words.back().box = {x, y, x, y + size};
            open = true;
        }
        gongwen::Word& word = line.words.back();
        gongwen::append_utf8(word.text, cp);
        word.char_boxes.push_back({x, y, x + width, y + size});
        word.box.x1 = x + width;
        x += width;
    }
    if (line.words.empty()) return line;
    line.words.back().space_after = false;
    line.box = line.words.front().box;
    for (std::size_t i = 0; i < line.words.size(); ++i) {
        line.box.x1 = std::max(line.box.x1, line.words[i].box.x1);
        line.text += line.words[i].text;
        if (line.words[i].space_after) line.text += ' ';
    }
    return line;
}

double width_of(std::u32string_view text, double size) {
    double width = 0;
    for (const char32_t cp : text) width += advance(cp, size);
    return width;
}

/// Where a line may break before `at`: not inside a run of Latin letters and digits (a number,
/// a URL), which would read as two words once the lines are joined again.
std::size_t break_before(std::u32string_view text, std::size_t begin, std::size_t at) {
    std::size_t cut = at;
    while (cut > begin + 1 && is_ascii_word(text[cut - 1]) && is_ascii_word(text[cut])) --cut;
    return cut > begin ? cut : at;
}

/// A block of text wrapped as a word processor would, each line laid out at its alignment. Its
/// last line is kept two characters short of the margin, so that the next block is not read as
/// the same paragraph wrapped (the paragraph builder joins a line that runs to the margin).
void lay_out_text(const gongwen::html::TextBlock& block, double& y, gongwen::Page& page) {
    const std::u32string text = gongwen::to_u32(block.text);
    const double size = block.heading >= 1 && block.heading <= 2 ? kHeadingSize : kBodySize;
    const double indent = std::clamp(block.indent_em, 0.0, 8.0) * size;
    const double padding = block.align == Align::right ? 2 * size : 0;   // 右空: a signature never touches the margin
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const double available = kTextWidth - padding - (pieces.empty() ? indent : 0);
        double width = 0;
        std::size_t end = begin;
        while (end < text.size() && (end == begin || width + advance(text[end], size) <= available)) width += advance(text[end++], size);
        if (end < text.size()) end = break_before(text, begin, end);
        pieces.emplace_back(begin, end);
        begin = end;
        while (begin < text.size() && text[begin] == U' ') ++begin;
    }
    if (pieces.empty()) return;
    // A centred or right-aligned line a little too long is set a little narrower instead (a
    // heading cut in two reads as two paragraphs).
    double last_scale = 1.0;
    {
        auto& [first, last] = pieces.back();
        const double available = kTextWidth - padding - (pieces.size() == 1 ? indent : 0);
        const std::u32string_view tail(text.data() + first, last - first);
        const double tail_width = width_of(tail, size);
        // How much narrower than the text the last line must be for its right end to stay 1.5 em
        // short of the margin: 2 em when it starts at the left, 4 em when centred; a right-aligned
        // line keeps its 2 em of padding.
        const double short_by = block.align == Align::center ? 4 * size : block.align == Align::right ? 0 : 2 * size;
        if (block.align == Align::center && tail_width > available - short_by && (available - short_by) / tail_width >= 0.8) {
            last_scale = (available - short_by) / tail_width;
        } else if (block.align != Align::right && tail_width > available - short_by && last - first > 2) {
            // The characters over the limit move to a line of their own.
            std::size_t cut = last;
            double moved = 0;
            while (cut > first + 1 && moved < short_by) moved += advance(text[--cut], size);
            cut = break_before(text, first, cut);
            if (cut > first && cut < last) {
                const std::size_t end = last;
                last = cut;
                pieces.emplace_back(cut, end);
            }
        }
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::u32string_view piece(text.data() + pieces[i].first, pieces[i].second - pieces[i].first);
        const double width = width_of(piece, size) * (i + 1 == pieces.size() ? last_scale : 1.0);
        double x = kLeft + (i == 0 ? indent : 0);
        if (block.align == Align::center) x = kLeft + std::max(0.0, (kTextWidth - width) / 2);
        else if (block.align == Align::right) x = std::max(kLeft, kRight - padding - width);
        // A wrapped line is justified to the margin, as a word processor sets it: the paragraph
        // builder joins a line that runs to the margin with the next one.
        double scale = i + 1 == pieces.size() ? last_scale : 1.0;
        if (i + 1 < pieces.size() && block.align == Align::left && width > 0) {
            scale = (kTextWidth - padding - (i == 0 ? indent : 0)) / width;
            scale = std::clamp(scale, 1.0, 1.5);
        }
        gongwen::Line line = place_line(piece, x, y, size, scale);
        y += kLeading * size;
        if (!line.words.empty()) page.lines.push_back(std::move(line));
    }
}

/// A data table: one line per row (cells at their columns, a little narrower than the text so
/// that no row reads as a wrapped paragraph), and the grid with its merges in Document::tables.
void lay_out_table(const gongwen::html::TableBlock& table, double& y, gongwen::Page& page, gongwen::Document& document) {
    if (table.row_count == 0 || table.column_count == 0) return;
    const auto columns = static_cast<std::size_t>(table.column_count);
    std::vector<double> weight(columns, 1.0);
    for (const auto& cell : table.cells) {
        if (cell.columns != 1 || cell.column >= table.column_count) continue;
        std::size_t longest = 0;
        std::size_t start = 0;
        while (start <= cell.text.size()) {
            auto end = cell.text.find('\n', start);
            if (end == std::string::npos) end = cell.text.size();
            longest = std::max(longest, gongwen::to_u32(std::string_view(cell.text).substr(start, end - start)).size());
            start = end + 1;
        }
        weight[static_cast<std::size_t>(cell.column)] = std::max(weight[static_cast<std::size_t>(cell.column)], std::min<double>(static_cast<double>(longest), 20.0) + 1);
    }
    double total = 0;
    for (double w : weight) total += w;
    const double table_width = kTextWidth - 2 * kBodySize;
    std::vector<double> left(columns + 1, kLeft);
    for (std::size_t c = 0; c < columns; ++c) left[c + 1] = left[c] + table_width * weight[c] / total;

    gongwen::Table record;
    record.page = page.number;
    record.rows.assign(static_cast<std::size_t>(table.row_count), std::vector<std::string>(columns));
    gongwen::Box region{kRight, 1e300, kLeft, -1e300};
    bool any_text = false;
    for (int r = 0; r < table.row_count; ++r) {
        gongwen::Line row;
        for (const auto& cell : table.cells) {
            if (cell.row != r || cell.column >= table.column_count) continue;
            const auto column = static_cast<std::size_t>(cell.column);
            record.rows[static_cast<std::size_t>(r)][column] = cell.text;
            if (cell.rows > 1 || cell.columns > 1) {
                record.merges.push_back({cell.row, cell.column, cell.rows, std::min(cell.columns, table.column_count - cell.column)});
            }
            if (gongwen::is_blank(cell.text)) continue;
            std::string flat = cell.text;
            std::replace(flat.begin(), flat.end(), '\n', ' ');
            const std::u32string text = gongwen::to_u32(gongwen::trim(flat));
            const double span = left[std::min(columns, column + static_cast<std::size_t>(cell.columns))] - left[column] - 0.5 * kTableSize;
            const double natural = width_of(text, kTableSize);
            const double scale = natural > span && natural > 0 ? std::max(span, 1.0) / natural : 1.0;
            gongwen::Line piece = place_line(text, left[column], y, kTableSize, scale);
            if (piece.words.empty()) continue;
            if (!row.words.empty()) row.words.back().space_after = true;
            for (auto& word : piece.words) row.words.push_back(std::move(word));
        }
        if (!row.words.empty()) {
            row.words.back().space_after = false;
            row.box = row.words.front().box;
            for (std::size_t i = 0; i < row.words.size(); ++i) {
                const gongwen::Box& box = row.words[i].box;
                row.box = {std::min(row.box.x0, box.x0), std::min(row.box.y0, box.y0), std::max(row.box.x1, box.x1), std::max(row.box.y1, box.y1)};
                row.text += row.words[i].text;
                if (row.words[i].space_after) row.text += ' ';
            }
            region = {std::min(region.x0, row.box.x0), std::min(region.y0, row.box.y0), std::max(region.x1, row.box.x1), std::max(region.y1, row.box.y1)};
            page.lines.push_back(std::move(row));
            any_text = true;
        }
        y += kLeading * kTableSize;
    }
    if (!any_text) return;
    record.regions.push_back({page.number, region});
    document.tables.push_back(std::move(record));
}

class HtmlExtractor final : public gongwen::Extractor {
public:
    void configure(const gongwen::PluginContext& context) override {
        Extractor::configure(context);
        const std::string furniture = context_.option("leave_out_furniture");
        if (furniture == "true" || furniture.empty()) leave_out_furniture_ = true;
        else if (furniture == "false") leave_out_furniture_ = false;
        else throw ExtractionError("option leave_out_furniture must be true or false, got \"" + furniture + "\"", gongwen::FailureScope::plugin);
        fallback_charset_ = context_.option("fallback_charset");
        if (fallback_charset_.empty()) fallback_charset_ = "gb18030";
        try {
            (void)gongwen::html::to_utf8("a", fallback_charset_);
        } catch (const ExtractionError&) {
            throw ExtractionError("option fallback_charset: ICU knows no charset \"" + fallback_charset_ + "\" (try gb18030 or big5)",
                                  gongwen::FailureScope::plugin);
        }
    }

    int identify(std::span<const std::byte> head, std::string_view) const override {
        const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
        switch (gongwen::html::sniff(text)) {
            case gongwen::html::SourceKind::mhtml: return 95;
            case gongwen::html::SourceKind::html: return 90;   // above the text plugin's 60 for UTF-8 text
            case gongwen::html::SourceKind::not_html: break;
        }
        return 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        const std::string_view bytes(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
        const bool archive = gongwen::html::sniff(bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096))) == gongwen::html::SourceKind::mhtml;
        const gongwen::html::DecodedPage decoded = gongwen::html::decode_page(bytes, fallback_charset_);
        const gongwen::html::PageBlocks blocks = gongwen::html::read_blocks(decoded.html, leave_out_furniture_);
        document.source.format = "html";
        document.pages.clear();
        gongwen::Page page;
        page.number = 1;
        page.width = kPageWidth;
        double y = kTop;
        for (const auto& block : blocks.blocks) {
            if (block.kind == gongwen::html::Block::Kind::table) lay_out_table(block.table, y, page, document);
            else lay_out_text(block.text, y, page);
        }
        page.height = std::max(kPageHeight, y + kTop);
        if (page.lines.empty()) {
            throw ExtractionError(std::string("no text found: the ") + (archive ? "web archive" : "HTML page") +
                                  " has no readable text outside scripts, menus and footers");
        }
        document.pages.push_back(std::move(page));
        document.source.pages = 1;
        if (!blocks.title.empty()) document.extra["html_title"] = blocks.title;
        if (!decoded.location.empty()) document.extra["html_location"] = decoded.location;
        document.extra["html_charset"] = decoded.charset;
        if (decoded.charset_guessed) document.warnings.push_back("html: no charset declared, read as " + decoded.charset);
    }

private:
    bool leave_out_furniture_ = true;
    std::string fallback_charset_ = "gb18030";
};

const char* const kHandles[] = {"text/html", "multipart/related", nullptr};
const gongwen::PluginOption kOptions[] = {
    {"leave_out_furniture", "true", "leave out navigation, menus, breadcrumbs, headers and footers (by tag, class or id); false reads them too"},
    {"fallback_charset", "gb18030", "charset of a page that declares none and is not UTF-8 (ICU name: gb18030, big5, …)"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "html", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "Saved web pages (.html/.htm) and web archives (.mhtml/.mht): charset from BOM, MIME or <meta> (GB2312/GBK/GB18030 via ICU); "
    "menus, breadcrumbs, footers and scripts left out; paragraphs laid out as a printed page (centred, right-aligned, indented); "
    "tables with their real cells and merges",
    kOptions, []() -> gongwen::Plugin* { return new HtmlExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
