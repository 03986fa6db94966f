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

/// A ruled table from an `@table` … `@end` block: the first row is the header.
struct TableSpec {
    double size = 12;                          ///< font size of the cells
    std::vector<double> widths;                ///< column widths in characters of `size`
    bool repeat_header = false;                ///< print the header again on every new page
    bool split_rows = false;                   ///< a row that does not fit is split across pages
    bool rules = true;                         ///< draw the cell borders
    double padding = 0.3;                      ///< horizontal cell padding in em (each side)
    bool middle = false;                       ///< cells centred vertically in their row (HTML tables)
    std::vector<std::vector<std::string>> rows;
};

/// One input element: a paragraph, an empty line (vertical space), a page break or a table.
struct Paragraph {
    std::string text;
    Align align = Align::indented;
    bool page_break = false;
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
        else if (word.starts_with("size=")) table.size = parse_number("size", word.substr(5));
        else if (word.starts_with("padding=")) table.padding = parse_number("padding", word.substr(8));
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
            auto cells = split_cells(lines[i]);
            if (cells.size() != paragraph.table->widths.size()) {
                usage_error("line " + std::to_string(first_line + i) + ": " + std::to_string(cells.size()) +
                            " cells, the @table on line " + std::to_string(number) + " has " +
                            std::to_string(paragraph.table->widths.size()) + " columns");
            }
            paragraph.table->rows.push_back(std::move(cells));
        }
        if (i == lines.size()) usage_error("line " + std::to_string(number) + ": @table without @end");
        if (paragraph.table->rows.empty()) usage_error("line " + std::to_string(number) + ": @table without a header row");
        paragraphs.push_back(std::move(paragraph));
    }
    return paragraphs;
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
            if (paragraph.page_break) next_page();
            else if (paragraph.table) draw_table(*paragraph.table);
            else if (paragraph.text.empty()) advance_line();
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

    double text_width() const { return options_.width_chars * options_.size; }

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
            if (line_on_page_ == kLinesPerPage) next_page();
            cairo_move_to(cairo_.get(), kLeftMargin + static_cast<double>(logical.x) / PANGO_SCALE, baseline());
            pango_cairo_show_layout_line(cairo_.get(), pango_layout_iter_get_line_readonly(iter));
            ++line_on_page_;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }


    // ---- tables -------------------------------------------------------------------------------
    // A cell is a Pango layout wrapped to its column; rows are as tall as their tallest cell.
    // Rows that do not fit move to the next page, or with split-rows are cut between two lines.

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
        std::vector<CellLayout> cells;
        double height = 0;
    };

    static double cell_padding_x(const TableSpec& table) { return table.padding * table.size; }
    static double cell_padding_y(const TableSpec& table) { return 0.4 * table.size; }

    static bool is_number(const std::string& text) {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    }

    RowLayout layout_row(const TableSpec& table, const std::vector<std::string>& cells, bool header) {
        RowLayout row;
        const FontDescription font = font_description(options_.font, table.size);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            CellLayout cell{Layout(pango_layout_new(context_.get())), {}, 0};
            pango_layout_set_font_description(cell.layout.get(), font.get());
            pango_layout_set_width(cell.layout.get(), static_cast<int>(table.widths[c] * table.size * PANGO_SCALE));
            pango_layout_set_wrap(cell.layout.get(), PANGO_WRAP_WORD_CHAR);
            if (header || is_number(cells[c])) pango_layout_set_alignment(cell.layout.get(), PANGO_ALIGN_CENTER);
            pango_layout_set_text(cell.layout.get(), cells[c].c_str(), -1);
            require_glyphs(cell.layout.get(), cells[c]);
            PangoLayoutIter* iter = pango_layout_get_iter(cell.layout.get());
            if (!cells[c].empty()) {
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
            row.height = std::max(row.height, cell.height);
            row.cells.push_back(std::move(cell));
        }
        if (table.middle) {
            for (CellLayout& cell : row.cells) {
                const double shift = (row.height - cell.height) / 2;
                for (CellLine& line : cell.lines) line.top += shift, line.bottom += shift, line.baseline += shift;
            }
        }
        return row;
    }

    // The content offset where the part of `row` starting at `from` must end to fit in `room`:
    // never inside a line of any cell.
    static double cut_row(const RowLayout& row, double from, double room) {
        double cut = row.height;
        for (const CellLayout& cell : row.cells) {
            for (const CellLine& line : cell.lines) {
                if (line.top >= from - 0.01 && line.bottom > from + room) {
                    cut = std::min(cut, line.top);
                    break;
                }
            }
        }
        return cut;
    }

    // Draws the part [from, to) of a row's content at the current table position.
    void draw_row_part(const TableSpec& table, const RowLayout& row, double from, double to) {
        const double pad_x = cell_padding_x(table), pad_y = cell_padding_y(table);
        double x = kLeftMargin;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const double column_width = table.widths[c] * table.size + 2 * pad_x;
            for (const CellLine& line : row.cells[c].lines) {
                if (line.top < from - 0.01 || line.bottom > to + 0.01) continue;
                cairo_move_to(cairo_.get(), x + pad_x + line.x, table_y_ + pad_y + line.baseline - from);
                pango_cairo_show_layout_line(cairo_.get(), line.line);
            }
            if (table.rules) {
                cairo_set_line_width(cairo_.get(), 0.5);
                cairo_rectangle(cairo_.get(), x, table_y_, column_width, to - from + 2 * pad_y);
                cairo_stroke(cairo_.get());
            }
            x += column_width;
        }
        table_y_ += to - from + 2 * pad_y;
    }

    double table_bottom() const { return kPageHeight - kBottomMargin; }

    void table_next_page(const TableSpec& table, const RowLayout& header) {
        next_page();
        table_y_ = kTopMargin;
        if (table.repeat_header) draw_row_part(table, header, 0, header.height);
    }

    void draw_table(const TableSpec& table) {
        double total = 0;
        for (double width : table.widths) total += width * table.size + 2 * cell_padding_x(table);
        if (total > text_width() + 0.5) fail("@table is wider (" + std::to_string(total) + " pt) than the text area");
        if (line_on_page_ == kLinesPerPage) next_page();
        table_y_ = kTopMargin + line_on_page_ * line_pitch_;
        const RowLayout header = layout_row(table, table.rows.front(), true);
        const double pad = 2 * cell_padding_y(table);
        if (table_y_ + header.height + pad > table_bottom()) {
            next_page();
            table_y_ = kTopMargin;
        }
        draw_row_part(table, header, 0, header.height);
        for (std::size_t r = 1; r < table.rows.size(); ++r) {
            const RowLayout row = layout_row(table, table.rows[r], false);
            double from = 0;
            while (from < row.height) {
                const double room = table_bottom() - table_y_ - pad;
                if (row.height - from <= room) {
                    draw_row_part(table, row, from, row.height);
                    break;
                }
                const double cut = table.split_rows ? cut_row(row, from, room) : from;
                if (cut > from) {
                    draw_row_part(table, row, from, cut);
                    from = cut;
                }
                table_next_page(table, header);
            }
        }
        // Text after the table continues on the next free line of the page grid.
        line_on_page_ = std::min(kLinesPerPage, static_cast<int>(std::ceil((table_y_ - kTopMargin) / line_pitch_ - 0.01)));
    }

    double baseline() const { return kTopMargin + line_on_page_ * line_pitch_ + options_.size; }

    void advance_line() {
        if (line_on_page_ == kLinesPerPage) next_page();
        ++line_on_page_;
    }

    void next_page() {
        finish_page();
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
        const double x = (kPageWidth - static_cast<double>(width) / PANGO_SCALE) / 2;
        const double y = kPageHeight - kBottomMargin + kPageNumberGap;
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
