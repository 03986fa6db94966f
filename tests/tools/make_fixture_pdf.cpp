// make_fixture_pdf: renders a UTF-8 text file into a born-digital A4 PDF laid out like a GB/T 9704
// 公文 (Cairo + Pango, CJK font embedded), so tests have real PDFs without shipping binaries.
// Usage and the input format are described in tests/fixtures/README.md.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kPointsPerMm;
constexpr double kPageHeight = 297 * kPointsPerMm;
// GB/T 9704-2012 版心: 37 mm from the top, 28 mm from the left, 35 mm from the bottom.
constexpr double kTopMargin = 37 * kPointsPerMm;
constexpr double kLeftMargin = 28 * kPointsPerMm;
constexpr double kBottomMargin = 35 * kPointsPerMm;
constexpr int kLinesPerPage = 22;
// A landscape page (`@landscape`, for wide attachment tables): A4 turned, 28 mm side margins,
// 25 mm top, the same line pitch as portrait pages, 15 lines.
constexpr double kLandscapeTopMargin = 25 * kPointsPerMm;
constexpr int kLandscapeLinesPerPage = 15;
// The page number sits 7 mm below the text area.
constexpr double kPageNumberGap = 7 * kPointsPerMm;
constexpr double kPageNumberSize = 14;
// A fixed date keeps re-rendered fixtures byte-identical where Cairo allows.
constexpr const char* kCreationDate = "2020-01-01T00:00:00Z";

struct Options {
    std::string font = "WenQuanYi Micro Hei";
    double size = 16;
    int width_chars = 28;
    bool page_numbers = false;
    std::string input;
    std::string output;
};

enum class Align { indented, left, center, right };

/// A ruled table from an `@table` … `@end` block: the first `header_rows` rows are the header.
/// A cell `^` is merged with the cell above it, a cell `>` with the cell to its left.
struct TableSpec {
    double size = 12;                          ///< font size of the cells
    std::vector<double> widths;                ///< column widths in characters of `size`
    bool repeat_header = false;                ///< print the header again on every new page
    bool split_rows = false;                   ///< a row that does not fit is split across pages
    bool rules = true;                         ///< draw the cell borders
    double padding = 0.3;                      ///< horizontal cell padding in em (each side)
    bool middle = false;                       ///< cells centred vertically in their row (HTML tables)
    double leading = 0;                        ///< extra space between a cell's lines in em (LibreOffice)
    double vpadding = 0.4;                     ///< vertical cell padding in em (each side)
    std::size_t header_rows = 1;               ///< rows of the header (repeated together)
    bool three_line = false;                   ///< rules above and below the header and below the table only
    int line = 0;                              ///< line of the `@table`, for messages
    std::vector<std::vector<std::string>> rows;
};

/// One cell of a table's grid with its spans: the anchor is its top-left position.
struct Span {
    std::size_t row = 0, col = 0, rows = 1, cols = 1;
};

/// Which cell covers each grid position: owner[row][col] indexes `cells`.
struct Grid {
    std::vector<Span> cells;
    std::vector<std::vector<std::size_t>> owner;
    bool merged = false;                       ///< some cell spans more than one position
};

/// One input element: a paragraph, an empty line (vertical space), a page break or a table.
struct Paragraph {
    std::string text;
    Align align = Align::indented;
    bool page_break = false;
    bool landscape = false;                    ///< `@landscape`: a page break, landscape pages from here on
    bool masthead = false;                     ///< `@masthead TEXT`: the red 发文机关标志; `A|B|文件`: joint, stacked
    bool red_rule = false;                     ///< `@redrule`: the red 分隔线 under the 发文字号
    std::string right_text;                    ///< `@pair LEFT | RIGHT`: RIGHT flush right on LEFT's line
    std::optional<TableSpec> table;
};

// The PDF being written, removed on failure so that a half-written fixture never looks up to date.
std::string partial_output;

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "make_fixture_pdf: " << message << "\n";
    if (!partial_output.empty()) std::remove(partial_output.c_str());
    std::exit(1);
}

void usage_error(const std::string& message) {
    fail(message + "\nusage: make_fixture_pdf [--font NAME] [--size PT] [--width-chars N] [--page-numbers] IN.txt OUT.pdf");
}

double parse_number(const std::string& flag, const std::string& value) {
    try {
        std::size_t used = 0;
        const double number = std::stod(value, &used);
        if (used == value.size() && number > 0) return number;
    } catch (const std::exception&) {
    }
    usage_error(flag + " needs a positive number, got \"" + value + "\"");
    return 0;
}

// Flags come from the command line and from a first line "#!options ..." in the input file.
void apply_flags(const std::vector<std::string>& args, Options& options, std::vector<std::string>* files) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) usage_error(arg + " needs a value");
            return args[++i];
        };
        if (arg == "--font") options.font = value();
        else if (arg == "--size") options.size = parse_number(arg, value());
        else if (arg == "--width-chars") options.width_chars = static_cast<int>(parse_number(arg, value()));
        else if (arg == "--page-numbers") options.page_numbers = true;
        else if (arg.starts_with("--")) usage_error("unknown option " + arg);
        else if (files) files->push_back(arg);
        else usage_error("#!options line may hold options only, got \"" + arg + "\"");
    }
}

std::vector<std::string> split_words(const std::string& text) {
    std::istringstream stream(text);
    std::vector<std::string> words;
    for (std::string word; stream >> word;) words.push_back(word);
    return words;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

// Directives at the start of a line choose its alignment; everything else is an indented paragraph.
Paragraph parse_paragraph(const std::string& line) {
    static const std::pair<const char*, Align> directives[] = {
        {"@left ", Align::left}, {"@center ", Align::center}, {"@right ", Align::right}};
    if (line == "\f") return {"", Align::left, true};
    if (line == "@landscape") return {"", Align::left, true, true};
    if (line.starts_with("@masthead ")) {
        Paragraph masthead{line.substr(10), Align::center};
        masthead.masthead = true;
        return masthead;
    }
    if (line.starts_with("@pair ")) {
        const std::string rest = line.substr(6);
        const auto bar = rest.find(" | ");
        if (bar == std::string::npos) fail("@pair needs LEFT | RIGHT: " + line);
        Paragraph pair{rest.substr(0, bar), Align::left};
        pair.right_text = rest.substr(bar + 3);
        return pair;
    }
    if (line == "@redrule") {
        Paragraph rule{"", Align::left};
        rule.red_rule = true;
        return rule;
    }
    for (const auto& [prefix, align] : directives) {
        if (line.starts_with(prefix)) return {line.substr(std::char_traits<char>::length(prefix)), align, false};
    }
    return {line, Align::indented, false};
}

std::string trim_spaces(const std::string& text) {
    const auto begin = text.find_first_not_of(' ');
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

// `a | b | c`: cells separated by `|`; a literal `\n` inside a cell is a hard line break.
std::vector<std::string> split_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = line.find('|', start);
        std::string cell = trim_spaces(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        for (std::size_t at; (at = cell.find("\\n")) != std::string::npos;) cell.replace(at, 2, "\n");
        cells.push_back(cell);
        if (bar == std::string::npos) return cells;
        start = bar + 1;
    }
}

// `@table size=12 widths=3,14,8,6 repeat-header split-rows no-rules`
TableSpec parse_table_options(const std::string& line, int line_number) {
    TableSpec table;
    const std::string where = "line " + std::to_string(line_number) + ": ";
    for (const std::string& word : split_words(line.substr(6))) {
        if (word == "repeat-header") table.repeat_header = true;
        else if (word == "split-rows") table.split_rows = true;
        else if (word == "no-rules") table.rules = false;
        else if (word == "middle") table.middle = true;
        else if (word == "three-line") table.three_line = true;
        else if (word.starts_with("header-rows=")) table.header_rows = static_cast<std::size_t>(parse_number("header-rows", word.substr(12)));
        else if (word.starts_with("size=")) table.size = parse_number("size", word.substr(5));
        else if (word.starts_with("padding=")) table.padding = parse_number("padding", word.substr(8));
        else if (word.starts_with("leading=")) table.leading = parse_number("leading", word.substr(8));
        else if (word.starts_with("vpadding=")) table.vpadding = parse_number("vpadding", word.substr(9));
        else if (word.starts_with("widths=")) {
            std::string list = word.substr(7);
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t comma = std::min(list.find(',', start), list.size());
                table.widths.push_back(parse_number("widths", list.substr(start, comma - start)));
                start = comma + 1;
            }
        } else usage_error(where + "unknown @table option \"" + word + "\"");
    }
    if (table.widths.empty()) usage_error(where + "@table needs widths=W1,W2,... (characters per column)");
    table.line = line_number;
    return table;
}

std::vector<Paragraph> read_input(Options& options) {
    std::vector<std::string> lines = read_lines(options.input);
    int first_line = 1;
    if (!lines.empty() && lines.front().starts_with("#!options")) {
        apply_flags(split_words(lines.front().substr(9)), options, nullptr);
        lines.erase(lines.begin());
        first_line = 2;
    }
    std::vector<Paragraph> paragraphs;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "@table" && !lines[i].starts_with("@table ")) {
            paragraphs.push_back(parse_paragraph(lines[i]));
            continue;
        }
        const int number = first_line + static_cast<int>(i);
        Paragraph paragraph;
        paragraph.table = parse_table_options(lines[i], number);
        for (++i; i < lines.size() && lines[i] != "@end"; ++i) {
            // `@span TEXT`: a section row, one cell across all columns.
            std::vector<std::string> cells;
            if (lines[i].starts_with("@span ")) {
                cells = split_cells(lines[i].substr(6));
                if (cells.size() == 1) cells.resize(paragraph.table->widths.size(), ">");
            } else {
                cells = split_cells(lines[i]);
            }
            if (cells.size() != paragraph.table->widths.size()) {
                usage_error("line " + std::to_string(first_line + i) + ": " + std::to_string(cells.size()) +
                            " cells, the @table on line " + std::to_string(number) + " has " +
                            std::to_string(paragraph.table->widths.size()) + " columns");
            }
            paragraph.table->rows.push_back(std::move(cells));
        }
        if (i == lines.size()) usage_error("line " + std::to_string(number) + ": @table without @end");
        if (paragraph.table->rows.size() < paragraph.table->header_rows) usage_error("line " + std::to_string(number) + ": @table without its header rows");
        paragraphs.push_back(std::move(paragraph));
    }
    return paragraphs;
}

// The cells of a table with their spans: `^` extends the cell above down, `>` the cell to the left
// rightwards. Every cell must come out a rectangle.
Grid build_grid(const TableSpec& table) {
    const std::string where = "@table on line " + std::to_string(table.line) + ": ";
    const std::size_t columns = table.widths.size();
    Grid grid;
    grid.owner.assign(table.rows.size(), std::vector<std::size_t>(columns, 0));
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string& text = table.rows[r][c];
            const std::string at = where + "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + ": ";
            if (text == "^") {
                if (r == 0) usage_error(at + "^ in the first row has no cell above");
                if (r == table.header_rows) usage_error(at + "^ would merge a body cell into the header");
                Span& span = grid.cells[grid.owner[r - 1][c]];
                if (span.row + span.rows != r && span.row + span.rows != r + 1) usage_error(at + "^ under a cell that ends higher up");
                span.rows = r + 1 - span.row;
                grid.owner[r][c] = grid.owner[r - 1][c];
            } else if (text == ">") {
                if (c == 0) usage_error(at + "> in the first column has no cell to its left");
                Span& span = grid.cells[grid.owner[r][c - 1]];
                if (span.row == r) span.cols = c + 1 - span.col;
                grid.owner[r][c] = grid.owner[r][c - 1];
            } else {
                grid.owner[r][c] = grid.cells.size();
                grid.cells.push_back({r, c, 1, 1});
            }
        }
    }
    for (std::size_t i = 0; i < grid.cells.size(); ++i) {
        const Span& span = grid.cells[i];
        grid.merged = grid.merged || span.rows > 1 || span.cols > 1;
        for (std::size_t r = span.row; r < span.row + span.rows; ++r) {
            for (std::size_t c = span.col; c < span.col + span.cols; ++c) {
                if (grid.owner[r][c] != i) {
                    usage_error(where + "the merged cell at row " + std::to_string(span.row + 1) + ", column " +
                                std::to_string(span.col + 1) + " is not a rectangle (use ^ and > consistently)");
                }
            }
        }
    }
    return grid;
}

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
void unref_object(void* object) { g_object_unref(object); }
using Context = std::unique_ptr<PangoContext, Deleter<void, unref_object>>;
using Layout = std::unique_ptr<PangoLayout, Deleter<void, unref_object>>;
using FontDescription = std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;

FontDescription font_description(const std::string& family, double size) {
    FontDescription font(pango_font_description_new());
    pango_font_description_set_family(font.get(), family.c_str());
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    return font;
}

using Font = std::unique_ptr<PangoFont, Deleter<void, unref_object>>;

// Fontconfig silently substitutes a missing family; the fixtures must use the font asked for.
Font require_font(PangoContext* context, const Options& options) {
    const FontDescription wanted = font_description(options.font, options.size);
    Font font(pango_context_load_font(context, wanted.get()));
    if (!font) fail("no font at all for \"" + options.font + "\"");
    const FontDescription loaded(pango_font_describe(font.get()));
    const char* family = pango_font_description_get_family(loaded.get());
    if (!family || g_ascii_strcasecmp(family, options.font.c_str()) != 0) {
        fail("font \"" + options.font + "\" is not installed (fontconfig offered \"" + (family ? family : "?") +
             "\"); install Debian package fonts-wqy-microhei (scripts/install-deps.sh)");
    }
    return font;
}

// The first character of `text` that `font` has no glyph for, or 0.
gunichar first_uncovered(PangoFont* font, const std::string& text) {
    PangoCoverage* coverage = pango_font_get_coverage(font, pango_language_from_string("zh-cn"));
    gunichar missing = 0;
    for (const char* p = text.c_str(); *p && !missing; p = g_utf8_next_char(p)) {
        const gunichar cp = g_utf8_get_char(p);
        if (cp == '\n') continue;   // a hard line break inside a table cell
        if (pango_coverage_get(coverage, cp) == PANGO_COVERAGE_NONE) missing = cp;
    }
    pango_coverage_unref(coverage);
    return missing;
}

class Renderer {
public:
    explicit Renderer(const Options& options)
        : options_(options),
          surface_(cairo_pdf_surface_create(options.output.c_str(), kPageWidth, kPageHeight)),
          cairo_(cairo_create(surface_.get())),
          context_(pango_cairo_create_context(cairo_.get())),
          font_(font_description(options.font, options.size)),
          line_pitch_((kPageHeight - kTopMargin - kBottomMargin) / kLinesPerPage) {
        if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) fail("cannot write " + options.output);
        partial_output = options.output;
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, kCreationDate);
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_MOD_DATE, kCreationDate);
        use_unhinted_metrics();
        loaded_font_ = require_font(context_.get(), options);
    }

    void render(const std::vector<Paragraph>& paragraphs) {
        for (const Paragraph& paragraph : paragraphs) {
            if (paragraph.landscape) start_landscape();
            else if (paragraph.page_break) next_page();
            else if (paragraph.table) draw_table(*paragraph.table);
            else if (paragraph.masthead && paragraph.text.find('|') != std::string::npos) draw_joint_masthead(paragraph.text);
            else if (paragraph.masthead) draw_masthead(paragraph.text);
            else if (paragraph.red_rule) draw_red_rule();
            else if (paragraph.text.empty()) advance_line();
            else if (!paragraph.right_text.empty()) draw_pair(paragraph);
            else draw_paragraph(paragraph);
        }
        finish_page();
        cairo_surface_finish(surface_.get());
        if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) fail("cannot write " + options_.output);
    }

private:
    // Hinted metrics round advances to whole pixels of a 72 dpi device and skew positions.
    void use_unhinted_metrics() {
        cairo_font_options_t* font_options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), font_options);
        cairo_font_options_destroy(font_options);
    }

    double text_width() const {
        return landscape_ ? kPageHeight - 2 * kLeftMargin : options_.width_chars * options_.size;
    }
    double top_margin() const { return landscape_ ? kLandscapeTopMargin : kTopMargin; }
    int lines_per_page() const { return landscape_ ? kLandscapeLinesPerPage : kLinesPerPage; }

    Layout make_layout(const Paragraph& paragraph) const {
        Layout layout(pango_layout_new(context_.get()));
        pango_layout_set_font_description(layout.get(), font_.get());
        pango_layout_set_width(layout.get(), static_cast<int>(text_width() * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        if (paragraph.align == Align::indented) pango_layout_set_indent(layout.get(), static_cast<int>(2 * options_.size * PANGO_SCALE));
        if (paragraph.align == Align::center) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
        if (paragraph.align == Align::right) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
        pango_layout_set_text(layout.get(), paragraph.text.c_str(), -1);
        return layout;
    }

    // Pango would quietly draw missing characters with another font (or as boxes when no font
    // has them): the fixture would then not be the font we claim.
    void require_glyphs(PangoLayout* layout, const std::string& text) const {
        const gunichar missing = first_uncovered(loaded_font_.get(), text);
        if (missing != 0 || pango_layout_get_unknown_glyphs_count(layout) > 0) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(missing));
            fail("font \"" + options_.font + "\" has no glyph for " + (missing ? hex : "some character") + " in: " + text);
        }
    }

    // Each layout line is placed on the page grid itself so that paragraphs flow across pages.
    void draw_paragraph(const Paragraph& paragraph) {
        const Layout layout = make_layout(paragraph);
        require_glyphs(layout.get(), paragraph.text);
        PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            if (line_on_page_ == lines_per_page()) next_page();
            cairo_move_to(cairo_.get(), kLeftMargin + static_cast<double>(logical.x) / PANGO_SCALE, baseline());
            pango_cairo_show_layout_line(cairo_.get(), pango_layout_iter_get_line_readonly(iter));
            ++line_on_page_;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    // Two fields on one line, one flush left and one flush right (the 发文字号 and 签发人 of a
    // 上行文, GB/T 9704 §7.2.4): each must fit on its half of the line.
    void draw_pair(const Paragraph& paragraph) {
        if (line_on_page_ == lines_per_page()) next_page();
        for (const bool right : {false, true}) {
            Paragraph half{right ? paragraph.right_text : paragraph.text, Align::left};
            const Layout layout = make_layout(half);
            require_glyphs(layout.get(), half.text);
            if (pango_layout_get_line_count(layout.get()) != 1) fail("@pair: each side must fit on one line: " + half.text);
            PangoRectangle logical;
            pango_layout_line_get_extents(pango_layout_get_line_readonly(layout.get(), 0), nullptr, &logical);
            const double x = right ? kLeftMargin + text_width() - static_cast<double>(logical.width) / PANGO_SCALE : kLeftMargin;
            cairo_move_to(cairo_.get(), x, baseline());
            pango_cairo_show_layout_line(cairo_.get(), pango_layout_get_line_readonly(layout.get(), 0));
        }
        ++line_on_page_;
    }

    // ---- 版头 (GB/T 9704 §7.2) ------------------------------------------------------------------
    // The 发文机关标志 in red, centred, in type far larger than the text (here 2.2 lines high) and
    // narrowed to the 版心 when a long or joint name would overflow it; it takes the next three lines.
    static constexpr double kRed[3] = {0.86, 0.06, 0.08};
    static constexpr int kMastheadLines = 3;

    void draw_masthead(const std::string& text) {
        if (line_on_page_ + kMastheadLines > lines_per_page()) next_page();
        double size = 2.2 * line_pitch_;
        Layout layout(pango_layout_new(context_.get()));
        pango_layout_set_text(layout.get(), text.c_str(), -1);
        for (int attempt = 0; attempt < 20; ++attempt) {
            const FontDescription font = font_description(options_.font, size);
            pango_layout_set_font_description(layout.get(), font.get());
            int width = 0;
            pango_layout_get_size(layout.get(), &width, nullptr);
            if (static_cast<double>(width) / PANGO_SCALE <= text_width()) break;
            size *= 0.92;
        }
        require_glyphs(layout.get(), text);
        int width = 0, height = 0;
        pango_layout_get_size(layout.get(), &width, &height);
        const double x = kLeftMargin + (text_width() - static_cast<double>(width) / PANGO_SCALE) / 2;
        const double band = kMastheadLines * line_pitch_;
        const double y = top_margin() + line_on_page_ * line_pitch_ + (band - static_cast<double>(height) / PANGO_SCALE) / 2;
        cairo_save(cairo_.get());
        cairo_set_source_rgb(cairo_.get(), kRed[0], kRed[1], kRed[2]);
        cairo_move_to(cairo_.get(), x, y);
        pango_cairo_show_layout(cairo_.get(), layout.get());
        cairo_restore(cairo_.get());
        line_on_page_ += kMastheadLines;
    }

    // A joint 标志 as GB/T 9704 §7.2.3 sets it (`@masthead A|B|文件`): the organs' names stacked,
    // the lead organ first, and `文件` to their right, centred on the stack; the whole block centred
    // and as large as three lines allow.
    void draw_joint_masthead(const std::string& spec) {
        std::vector<std::string> names;
        for (std::size_t start = 0;;) {
            const std::size_t bar = spec.find('|', start);
            names.push_back(spec.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
        if (names.size() < 3) fail("@masthead A|B|文件 needs at least two names and the word after them: " + spec);
        const std::string suffix = names.back();
        names.pop_back();
        if (line_on_page_ + kMastheadLines > lines_per_page()) next_page();
        const double band = kMastheadLines * line_pitch_;
        double size = band / (1.15 * static_cast<double>(names.size()));
        std::vector<Layout> layouts;
        Layout word(pango_layout_new(context_.get()));
        double names_width = 0, word_width = 0, line_height = 0;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const FontDescription font = font_description(options_.font, size);
            layouts.clear();
            names_width = 0;
            for (const std::string& name : names) {
                Layout layout(pango_layout_new(context_.get()));
                pango_layout_set_font_description(layout.get(), font.get());
                pango_layout_set_text(layout.get(), name.c_str(), -1);
                require_glyphs(layout.get(), name);
                int width = 0, height = 0;
                pango_layout_get_size(layout.get(), &width, &height);
                names_width = std::max(names_width, static_cast<double>(width) / PANGO_SCALE);
                line_height = static_cast<double>(height) / PANGO_SCALE;
                layouts.push_back(std::move(layout));
            }
            pango_layout_set_font_description(word.get(), font.get());
            pango_layout_set_text(word.get(), suffix.c_str(), -1);
            int width = 0;
            pango_layout_get_size(word.get(), &width, nullptr);
            word_width = static_cast<double>(width) / PANGO_SCALE;
            if (names_width + size + word_width <= text_width()) break;
            size *= 0.92;
        }
        const double pitch = 1.15 * size;
        const double stack = pitch * static_cast<double>(names.size() - 1) + line_height;
        const double x = kLeftMargin + (text_width() - (names_width + size + word_width)) / 2;
        const double top = top_margin() + line_on_page_ * line_pitch_ + (band - stack) / 2;
        cairo_save(cairo_.get());
        cairo_set_source_rgb(cairo_.get(), kRed[0], kRed[1], kRed[2]);
        for (std::size_t i = 0; i < layouts.size(); ++i) {
            // Each name spread to the width of the longest, as printed (分散对齐), by letter spacing.
            const int count = static_cast<int>(g_utf8_strlen(names[i].c_str(), -1));
            int width = 0;
            pango_layout_get_size(layouts[i].get(), &width, nullptr);
            if (count > 1) {
                const double extra = (names_width - static_cast<double>(width) / PANGO_SCALE) / (count - 1);
                PangoAttrList* attributes = pango_attr_list_new();
                pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(static_cast<int>(extra * PANGO_SCALE)));
                pango_layout_set_attributes(layouts[i].get(), attributes);
                pango_attr_list_unref(attributes);
            }
            cairo_move_to(cairo_.get(), x, top + pitch * static_cast<double>(i));
            pango_cairo_show_layout(cairo_.get(), layouts[i].get());
        }
        cairo_move_to(cairo_.get(), x + names_width + size, top + (stack - line_height) / 2);
        pango_cairo_show_layout(cairo_.get(), word.get());
        cairo_restore(cairo_.get());
        line_on_page_ += kMastheadLines;
    }

    // The 分隔线: a red rule as wide as the 版心, 4 mm under the line above (the 发文字号); it takes
    // no line of its own, the title keeps its place on the grid.
    void draw_red_rule() {
        const double y = top_margin() + line_on_page_ * line_pitch_ + 4 * kPointsPerMm - 0.2 * options_.size;
        cairo_save(cairo_.get());
        cairo_set_source_rgb(cairo_.get(), kRed[0], kRed[1], kRed[2]);
        stroke_line(kLeftMargin, y, kLeftMargin + text_width(), y, 1.5);
        cairo_restore(cairo_.get());
    }

    // ---- tables -------------------------------------------------------------------------------
    // A cell is a Pango layout wrapped to its column(s); rows are as tall as their tallest cell.
    // Rows that do not fit move to the next page, or with split-rows are cut between two lines.
    // A table without merged cells, three-line rules or a two-row header is drawn as one box per
    // cell (the original output, kept byte for byte); otherwise rules are drawn edge by edge, left
    // out inside a merged cell. A merged cell spanning rows prints its text once, centred in the
    // part of the span on the page where it starts (as Chromium does), or on the next page when
    // it does not fit there.

    struct CellLine {
        PangoLayoutLine* line;   // owned by the cell's layout
        double x = 0;            // from the cell's left content edge
        double top = 0, bottom = 0, baseline = 0;   // from the cell's top content edge
    };
    struct CellLayout {
        Layout layout;
        std::vector<CellLine> lines;
        double height = 0;
    };
    struct RowLayout {
        std::vector<CellLayout> cells;   // per column: the cell anchored there, else empty
        std::vector<bool> spanning;      // per column: the cell anchored there spans rows (drawn apart)
        double height = 0;
    };
    // A merged cell spanning rows while it is being drawn.
    struct OpenSpan {
        double top = 0;          // page y of the top of its part on this page
        bool printed = false;
    };

    static double cell_padding_x(const TableSpec& table) { return table.padding * table.size; }
    static double cell_padding_y(const TableSpec& table) { return table.vpadding * table.size; }

    static bool is_number(const std::string& text) {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    }

    CellLayout layout_cell(const TableSpec& table, const std::string& text, double width, bool centred) {
        const FontDescription font = font_description(options_.font, table.size);
        CellLayout cell{Layout(pango_layout_new(context_.get())), {}, 0};
        pango_layout_set_font_description(cell.layout.get(), font.get());
        pango_layout_set_width(cell.layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(cell.layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_spacing(cell.layout.get(), static_cast<int>(table.leading * table.size * PANGO_SCALE));
        if (centred) pango_layout_set_alignment(cell.layout.get(), PANGO_ALIGN_CENTER);
        pango_layout_set_text(cell.layout.get(), text.c_str(), -1);
        require_glyphs(cell.layout.get(), text);
        PangoLayoutIter* iter = pango_layout_get_iter(cell.layout.get());
        if (!text.empty()) {
            do {
                PangoRectangle logical;
                pango_layout_iter_get_line_extents(iter, nullptr, &logical);
                CellLine line{pango_layout_iter_get_line_readonly(iter),
                              static_cast<double>(logical.x) / PANGO_SCALE,
                              static_cast<double>(logical.y) / PANGO_SCALE,
                              static_cast<double>(logical.y + logical.height) / PANGO_SCALE,
                              static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE};
                cell.lines.push_back(line);
                cell.height = line.bottom;
            } while (pango_layout_iter_next_line(iter));
        }
        pango_layout_iter_free(iter);
        return cell;
    }

    // Every row of the table laid out; a cell spanning rows makes its last row taller if the rows
    // it spans are too low for its text.
    std::vector<RowLayout> layout_rows(const TableSpec& table, const Grid& grid) {
        const std::size_t columns = table.widths.size();
        std::vector<RowLayout> rows(table.rows.size());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            rows[r].spanning.assign(columns, false);
            for (std::size_t c = 0; c < columns; ++c) {
                const Span& span = grid.cells[grid.owner[r][c]];
                if (span.row != r || span.col != c) {
                    rows[r].cells.push_back(CellLayout{Layout(pango_layout_new(context_.get())), {}, 0});
                    continue;
                }
                double width = table.widths[c] * table.size;
                for (std::size_t k = c + 1; k < c + span.cols; ++k) width += table.widths[k] * table.size + 2 * cell_padding_x(table);
                const std::string& text = table.rows[r][c];
                const bool header = r < table.header_rows;
                rows[r].cells.push_back(layout_cell(table, text, width, header || is_number(text)));
                rows[r].spanning[c] = span.rows > 1;
                if (span.rows == 1) rows[r].height = std::max(rows[r].height, rows[r].cells[c].height);
            }
        }
        const double pad = 2 * cell_padding_y(table);
        for (const Span& span : grid.cells) {
            if (span.rows == 1) continue;
            double room = -pad;
            for (std::size_t r = span.row; r < span.row + span.rows; ++r) room += rows[r].height + pad;
            const double need = rows[span.row].cells[span.col].height;
            if (need > room) rows[span.row + span.rows - 1].height += need - room;
        }
        if (table.middle) {
            for (RowLayout& row : rows) {
                for (std::size_t c = 0; c < columns; ++c) {
                    if (row.spanning[c]) continue;
                    CellLayout& cell = row.cells[c];
                    const double shift = (row.height - cell.height) / 2;
                    for (CellLine& line : cell.lines) line.top += shift, line.bottom += shift, line.baseline += shift;
                }
            }
        }
        return rows;
    }

    // The content offset where the part of `row` starting at `from` must end to fit in `room`:
    // never inside a line of any cell.
    static double cut_row(const RowLayout& row, double from, double room) {
        double cut = row.height;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            if (row.spanning[c]) continue;
            for (const CellLine& line : row.cells[c].lines) {
                if (line.top >= from - 0.01 && line.bottom > from + room) {
                    cut = std::min(cut, line.top);
                    break;
                }
            }
        }
        return cut;
    }

    // The x of each column's left edge, and of the table's right edge last.
    static std::vector<double> column_edges(const TableSpec& table) {
        std::vector<double> edges{kLeftMargin};
        double x = kLeftMargin;
        for (double width : table.widths) {
            x += width * table.size + 2 * cell_padding_x(table);
            edges.push_back(x);
        }
        return edges;
    }

    void stroke_line(double x0, double y0, double x1, double y1, double width) {
        cairo_set_line_width(cairo_.get(), width);
        cairo_move_to(cairo_.get(), x0, y0);
        cairo_line_to(cairo_.get(), x1, y1);
        cairo_stroke(cairo_.get());
    }

    static constexpr double kRuleWidth = 0.5;
    static constexpr double kThickRuleWidth = 1.0;   // top and bottom of a three-line table

    bool boxed(const TableSpec& table, const Grid& grid) const {
        return !grid.merged && !table.three_line && table.header_rows == 1;
    }

    // Draws the part [from, to) of row `r`'s content at the current table position.
    void draw_row_part(const TableSpec& table, const Grid& grid, const std::vector<RowLayout>& rows, std::size_t r,
                       double from, double to) {
        const RowLayout& row = rows[r];
        const double pad_x = cell_padding_x(table), pad_y = cell_padding_y(table);
        const double top = table_y_, bottom = table_y_ + to - from + 2 * pad_y;
        const bool boxes = boxed(table, grid);
        if (!boxes && first_on_page_ && table.three_line) {
            stroke_line(kLeftMargin, top, edges_.back(), top, kThickRuleWidth);
        }
        double x = kLeftMargin;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const double column_width = table.widths[c] * table.size + 2 * pad_x;
            if (row.spanning[c]) {
                if (from == 0) open_spans_[grid.owner[r][c]] = OpenSpan{top, false};
            } else {
                for (const CellLine& line : row.cells[c].lines) {
                    if (line.top < from - 0.01 || line.bottom > to + 0.01) continue;
                    cairo_move_to(cairo_.get(), x + pad_x + line.x, table_y_ + pad_y + line.baseline - from);
                    pango_cairo_show_layout_line(cairo_.get(), line.line);
                }
            }
            if (boxes && table.rules) {
                cairo_set_line_width(cairo_.get(), kRuleWidth);
                cairo_rectangle(cairo_.get(), x, table_y_, column_width, to - from + 2 * pad_y);
                cairo_stroke(cairo_.get());
            }
            x += column_width;
        }
        table_y_ = bottom;
        if (!boxes && table.rules && !table.three_line) {
            const std::size_t columns = table.widths.size();
            const auto& owner = grid.owner;
            const bool row_ends = to >= row.height;
            for (std::size_t c = 0; c < columns; ++c) {
                // The top edge, unless the cell above continues into this one on the same page.
                if (first_on_page_ || from > 0 || r == 0 || owner[r - 1][c] != owner[r][c]) {
                    stroke_line(edges_[c], top, edges_[c + 1], top, kRuleWidth);
                }
                // The bottom edge, unless the cell continues below (a page break closes it anyway).
                if (!row_ends || r + 1 == owner.size() || owner[r + 1][c] != owner[r][c]) {
                    stroke_line(edges_[c], bottom, edges_[c + 1], bottom, kRuleWidth);
                }
            }
            for (std::size_t c = 0; c <= columns; ++c) {
                if (c == 0 || c == columns || owner[r][c - 1] != owner[r][c]) {
                    stroke_line(edges_[c], top, edges_[c], bottom, kRuleWidth);
                }
            }
        }
        first_on_page_ = false;
        if (to >= row.height) {
            // Merged cells ending with this row print their text now, if not yet printed.
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                const Span& span = grid.cells[grid.owner[r][c]];
                if (span.col != c || span.rows == 1 || span.row + span.rows != r + 1) continue;
                print_span(table, rows[span.row].cells[c], grid.owner[r][c], edges_[c], true);
            }
        }
        if (!boxes && table.three_line && r + 1 == table.header_rows) {
            stroke_line(kLeftMargin, table_y_, edges_.back(), table_y_, kRuleWidth);
        }
    }

    // Prints the text of an open merged cell centred in its part above table_y_; `last`: the span
    // ends here, so print it even if it does not fit (top-aligned).
    void print_span(const TableSpec& table, const CellLayout& cell, std::size_t id, double x, bool last) {
        auto open = open_spans_.find(id);
        if (open == open_spans_.end() || open->second.printed) return;
        const double pad_x = cell_padding_x(table), pad_y = cell_padding_y(table);
        const double room = table_y_ - open->second.top - 2 * pad_y;
        if (cell.height > room + 0.01 && !last) return;   // on the next page's part, then
        const double y = open->second.top + pad_y + std::max(0.0, (room - cell.height) / 2);
        for (const CellLine& line : cell.lines) {
            cairo_move_to(cairo_.get(), x + pad_x + line.x, y + line.baseline);
            pango_cairo_show_layout_line(cairo_.get(), line.line);
        }
        open->second.printed = true;
    }

    void draw_header(const TableSpec& table, const Grid& grid, const std::vector<RowLayout>& rows) {
        for (std::size_t r = 0; r < table.header_rows; ++r) draw_row_part(table, grid, rows, r, 0, rows[r].height);
    }

    double table_bottom() const {
        return landscape_ ? kLandscapeTopMargin + kLandscapeLinesPerPage * line_pitch_ : kPageHeight - kBottomMargin;
    }

    void table_next_page(const TableSpec& table, const Grid& grid, const std::vector<RowLayout>& rows, std::size_t r) {
        if (!boxed(table, grid)) {
            // Merged cells open at the break print their text in this part if it fits; the rules
            // close the page's part of the table.
            for (std::size_t c = 0; c < table.widths.size(); ++c) {
                const Span& span = grid.cells[grid.owner[r][c]];
                if (span.col == c && span.rows > 1 && span.row <= r) print_span(table, rows[span.row].cells[c], grid.owner[r][c], edges_[c], false);
            }
            if (table.three_line) stroke_line(kLeftMargin, table_y_, edges_.back(), table_y_, kThickRuleWidth);
            else if (table.rules) stroke_line(kLeftMargin, table_y_, edges_.back(), table_y_, kRuleWidth);
        }
        next_page();
        table_y_ = top_margin();
        first_on_page_ = true;
        if (table.repeat_header) draw_header(table, grid, rows);
        // Spans still open continue below the repeated header, or at the top of the page.
        for (auto& entry : open_spans_) entry.second.top = table_y_;
    }

    void draw_table(const TableSpec& table) {
        const Grid grid = build_grid(table);
        edges_ = column_edges(table);
        open_spans_.clear();
        const double total = edges_.back() - kLeftMargin;
        if (total > text_width() + 0.5) fail("@table is wider (" + std::to_string(total) + " pt) than the text area");
        if (line_on_page_ == lines_per_page()) next_page();
        table_y_ = top_margin() + line_on_page_ * line_pitch_;
        const std::vector<RowLayout> rows = layout_rows(table, grid);
        const double pad = 2 * cell_padding_y(table);
        double header_height = 0;
        for (std::size_t r = 0; r < table.header_rows; ++r) header_height += rows[r].height + (r > 0 ? pad : 0);
        if (table_y_ + header_height + pad > table_bottom()) {
            next_page();
            table_y_ = top_margin();
        }
        first_on_page_ = true;
        draw_header(table, grid, rows);
        for (std::size_t r = table.header_rows; r < table.rows.size(); ++r) {
            const RowLayout& row = rows[r];
            double from = 0;
            while (from < row.height) {
                const double room = table_bottom() - table_y_ - pad;
                if (row.height - from <= room) {
                    draw_row_part(table, grid, rows, r, from, row.height);
                    break;
                }
                const double cut = table.split_rows ? cut_row(row, from, room) : from;
                if (cut > from) {
                    draw_row_part(table, grid, rows, r, from, cut);
                    from = cut;
                }
                table_next_page(table, grid, rows, r);
            }
        }
        if (table.three_line) stroke_line(kLeftMargin, table_y_, edges_.back(), table_y_, kThickRuleWidth);
        // Text after the table continues on the next free line of the page grid.
        line_on_page_ = std::min(lines_per_page(), static_cast<int>(std::ceil((table_y_ - top_margin()) / line_pitch_ - 0.01)));
    }

    double baseline() const { return top_margin() + line_on_page_ * line_pitch_ + options_.size; }

    void advance_line() {
        if (line_on_page_ == lines_per_page()) next_page();
        ++line_on_page_;
    }

    void next_page() {
        finish_page();
        ++page_;
        line_on_page_ = 0;
    }

    // A page break after which every page is A4 landscape.
    void start_landscape() {
        finish_page();
        landscape_ = true;
        cairo_pdf_surface_set_size(surface_.get(), kPageHeight, kPageWidth);
        ++page_;
        line_on_page_ = 0;
    }

    void finish_page() {
        if (options_.page_numbers) draw_page_number();
        cairo_show_page(cairo_.get());
    }

    void draw_page_number() {
        Layout layout(pango_layout_new(context_.get()));
        const FontDescription font = font_description(options_.font, kPageNumberSize);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_text(layout.get(), ("— " + std::to_string(page_) + " —").c_str(), -1);
        int width = 0;
        pango_layout_get_size(layout.get(), &width, nullptr);
        const double x = ((landscape_ ? kPageHeight : kPageWidth) - static_cast<double>(width) / PANGO_SCALE) / 2;
        const double y = table_bottom() + kPageNumberGap;
        cairo_move_to(cairo_.get(), x, y);
        pango_cairo_show_layout(cairo_.get(), layout.get());
    }

    const Options& options_;
    Surface surface_;
    Cairo cairo_;
    Context context_;
    FontDescription font_;
    Font loaded_font_;
    double line_pitch_;
    int line_on_page_ = 0;
    int page_ = 1;
    double table_y_ = 0;   // top of the next table row, in points
    bool landscape_ = false;
    // The table being drawn: column edges, merged cells spanning rows, whether no row is on this page yet.
    std::vector<double> edges_;
    std::map<std::size_t, OpenSpan> open_spans_;
    bool first_on_page_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::vector<std::string> files;
    apply_flags(std::vector<std::string>(argv + 1, argv + argc), options, &files);
    if (files.size() != 2) usage_error("expected IN.txt and OUT.pdf");
    options.input = files[0];
    options.output = files[1];
    const std::vector<Paragraph> paragraphs = read_input(options);
    Renderer(options).render(paragraphs);
    return 0;
}
