// Tables rebuilt from word boxes (see table_readers.hpp). Works on "fragments": runs of glyphs
// without a gap wider than a third of an em. Poppler may return a whole visual line as one word
// across several cells of a table; its per-character boxes show the gaps between cells, so the
// word is cut there. Tesseract words are short already and have no character boxes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <utility>

#include "box_geometry.hpp"
#include "gongwen/dates.hpp"
#include "gongwen/text.hpp"
#include "table_header.hpp"
#include "table_readers.hpp"
#include "unit_list.hpp"

namespace gongwen::tables {
namespace {

// Gap (in em) that separates two fragments: wider than letter-spacing and a Latin space in one
// cell, narrower than the padding between two cells.
constexpr double kFragmentGap = 0.3;
// Gap (in em) between header cells for a line with no known header word to count as a row of a
// table at all (generic tables: statistics, forms).
constexpr double kColumnGap = 1.0;
// A line that ends this much (in em) before its column's right edge was broken by hand.
constexpr double kHardBreakShortfall = 1.5;
// Vertical space (in em) beyond which two lines of a table belong to different rows.
constexpr double kRowGap = 0.7;
// Vertical space (in em) between two lines that ends a table. Large: cells centred vertically
// in a tall row leave much space between the header and the first line of text.
constexpr double kTableEndGap = 8.0;

struct Fragment {
    std::string text;
    Box box;
    double em = 0;
};

struct VisualLine {
    std::vector<Fragment> fragments;
    Box box;
    double em = 0;       // the median size of its fragments
    double centre = 0;   // the median vertical centre of its fragments: OCR boxes stray
    int page = 1;
};


void append_text(std::string& text, std::string_view more, bool spaced) {
    if (spaced && !text.empty() && !more.empty() && is_ascii_alnum(text.back()) && is_ascii_alnum(more.front())) text += ' ';
    text += more;
}

// ---------------------------------------------------------------------------------------------
// Words to fragments.

struct Glyph {
    std::string_view text;   // into the word, or into the line's glyph storage (glyphs_of)
    Box box;
    double em;
    bool starts_word;
};

// The size of the word's text. Poppler's font size and box height can be far too large (Type 3
// fonts of Chrome/Skia PDFs have a font box over twice the glyph size); a Han glyph is one em wide.
double word_em(const Word& word, const std::u32string& code_points) {
    const double height = word.box.y1 - word.box.y0;
    double em = word.font_size > 0 ? std::min(word.font_size, std::max(height, 1.0)) : height;
    if (word.char_boxes.size() == code_points.size()) {
        for (std::size_t i = 0; i < code_points.size(); ++i) {
            if (is_han(code_points[i])) em = std::min(em, word.char_boxes[i].x1 - word.char_boxes[i].x0);
        }
    }
    return std::max(1.0, em);
}

/// The line's glyphs, left to right. The text of a glyph cut from a word (each character
/// re-encoded, so a bad byte reads U+FFFD) is kept in `storage`, which must outlive the glyphs.
std::vector<Glyph> glyphs_of(const Line& line, std::string& storage) {
    std::vector<Glyph> glyphs;
    // Re-encoding needs at most three bytes a byte (U+FFFD for a bad one): with that much room
    // the storage never moves while glyphs point into it.
    std::size_t bytes = 0;
    for (const Word& word : line.words) bytes += word.text.size();
    storage.clear();
    storage.reserve(3 * bytes);
    std::u32string code_points;   // reused: one decode per word serves both uses
    for (const Word& word : line.words) {
        code_points.clear();
        for (std::size_t pos = 0; pos < word.text.size();) code_points += next_code_point(word.text, pos);
        const double em = word_em(word, code_points);
        if (word.char_boxes.size() == code_points.size() && !code_points.empty()) {
            for (std::size_t i = 0; i < code_points.size(); ++i) {
                const std::size_t start = storage.size();
                append_utf8(storage, code_points[i]);
                glyphs.push_back({std::string_view(storage).substr(start), word.char_boxes[i], em, i == 0});
            }
        } else {
            glyphs.push_back({word.text, word.box, em, true});
        }
    }
    // Glyphs mostly come in order already (words and their characters left to right): sorting
    // an ordered run with a stable sort would change nothing.
    const auto left_of = [](const Glyph& a, const Glyph& b) { return a.box.x0 < b.box.x0; };
    if (!std::is_sorted(glyphs.begin(), glyphs.end(), left_of)) std::stable_sort(glyphs.begin(), glyphs.end(), left_of);
    return glyphs;
}

// Box, size and centre of a line from its fragments. Medians, because OCR gives the odd glyph a
// box twice as tall as the rest.
void summarise(VisualLine& line) {
    std::vector<double> ems, centres;
    line.box = line.fragments.front().box;
    for (const Fragment& fragment : line.fragments) {
        line.box = unite(line.box, fragment.box);
        ems.push_back(fragment.em);
        centres.push_back(centre_y(fragment.box));
    }
    line.em = median(ems);
    line.centre = median(centres);
}

VisualLine visual_line(const Line& line, int page) {
    VisualLine out;
    out.page = page;
    std::string storage;
    for (const Glyph& glyph : glyphs_of(line, storage)) {
        // OCR reads the ruling lines of a table as bars.
        if (is_blank(glyph.text) || glyph.text == "|" || glyph.text == "｜") continue;
        // Digits of one number stay together: OCR boxes of narrow digits leave wide gaps (`1 2`).
        const bool digits = !out.fragments.empty() && std::isdigit(static_cast<unsigned char>(out.fragments.back().text.back())) &&
                            std::isdigit(static_cast<unsigned char>(glyph.text.front()));
        const bool split = out.fragments.empty() ||
                           glyph.box.x0 - out.fragments.back().box.x1 >
                               (digits ? kColumnGap : kFragmentGap) * std::max(glyph.em, out.fragments.back().em);
        if (split) {
            out.fragments.push_back({std::string(glyph.text), glyph.box, glyph.em});
        } else {
            Fragment& fragment = out.fragments.back();
            append_text(fragment.text, glyph.text, glyph.starts_word);
            fragment.box = unite(fragment.box, glyph.box);
            fragment.em = std::max(fragment.em, glyph.em);
        }
    }
    if (out.fragments.empty()) return out;
    summarise(out);
    return out;
}

// Page numbers (`— 3 —`, `- 3 -`, `第3页`) are not table text even when they sit under a column.
bool is_page_furniture(const VisualLine& line) {
    // Asked of every line. When its text is valid UTF-8 (dropping spaces then changes no other
    // character), a line with a character other than a dash or a digit, or with five digits, is
    // answered at once; otherwise the full test below.
    bool valid = true;
    int digits = 0;
    for (const Fragment& fragment : line.fragments) {
        for (std::size_t pos = 0; pos < fragment.text.size() && valid;) {
            const std::size_t at = pos;
            char32_t cp = next_code_point(fragment.text, pos);
            if (cp == 0xFFFD && pos == at + 1) valid = false;
            if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000 || cp == 0xA0) continue;
            cp = fold_width(cp);
            if (cp == U'—' || cp == U'-' || cp == U'–' || cp == U'－' || cp == U'一' || cp == U'第' || cp == U'页') continue;
            if (valid && (cp < U'0' || cp > U'9' || ++digits > 4)) return false;
        }
    }
    std::string text;
    for (const Fragment& fragment : line.fragments) text += fragment.text;
    const std::u32string folded = to_u32(fold_width(without_spaces(text)));
    bool dash = false;
    std::u32string rest;
    for (char32_t cp : folded) {
        // OCR reads the dashes of `— 3 —` as 一.
        if (cp == U'—' || cp == U'-' || cp == U'–' || cp == U'－' || cp == U'一' || cp == U'第' || cp == U'页') dash = true;
        else rest += cp;
    }
    return dash && !rest.empty() && rest.size() <= 4 &&
           std::all_of(rest.begin(), rest.end(), [](char32_t cp) { return cp >= U'0' && cp <= U'9'; });
}

// ---------------------------------------------------------------------------------------------
// Headers.

struct Header {
    std::vector<Fragment> cells;      // one per labelled column, left to right
    std::vector<ColumnRole> roles;
    std::size_t lines_used = 1;       // 2 when the header wrapped onto a second line
};

std::vector<ColumnRole> roles_of(const std::vector<Fragment>& cells) {
    std::vector<std::string> texts;
    for (const Fragment& cell : cells) texts.push_back(cell.text);
    return classify_header_row(texts);
}

std::size_t known_roles(const std::vector<ColumnRole>& roles) {
    return static_cast<std::size_t>(std::count_if(roles.begin(), roles.end(), [](ColumnRole r) { return r != ColumnRole::other; }));
}

bool wide_gaps_only(const VisualLine& line) {
    for (std::size_t i = 0; i + 1 < line.fragments.size(); ++i) {
        const double em = std::max(line.fragments[i].em, line.fragments[i + 1].em);
        if (line.fragments[i + 1].box.x0 - line.fragments[i].box.x1 < kColumnGap * em) return false;
    }
    return true;
}

// A header is a line of two or more cells with known header words, or of three or more cells far
// apart (a generic table). A header cell that wrapped (`完成` / `时限`) is completed from the
// next line when that makes a better header.
// Header words that OCR or letter-spacing split (`责任` `单位`) are joined when neither part is a
// header word on its own and they are closer than two columns would be.
std::vector<Fragment> header_cells(const VisualLine& line) {
    std::vector<Fragment> cells;
    for (const Fragment& fragment : line.fragments) {
        if (!cells.empty()) {
            Fragment& last = cells.back();
            const bool close = fragment.box.x0 - last.box.x1 < kColumnGap * std::max(last.em, fragment.em);
            if (close && classify_header(last.text) == ColumnRole::other && classify_header(fragment.text) == ColumnRole::other) {
                last.text += fragment.text;
                last.box = unite(last.box, fragment.box);
                continue;
            }
        }
        cells.push_back(fragment);
    }
    return cells;
}

std::optional<Header> read_header(const std::vector<VisualLine>& lines, std::size_t at) {
    const VisualLine& line = lines[at];
    if (line.fragments.size() < 2) return std::nullopt;
    Header header{header_cells(line), {}, 1};
    header.roles = roles_of(header.cells);
    const bool known = looks_like_header(header.roles);
    if (!known && (line.fragments.size() < 3 || !wide_gaps_only(line))) return std::nullopt;
    if (!known) header.cells = line.fragments;
    if (at + 1 < lines.size() && lines[at + 1].page == line.page &&
        lines[at + 1].centre - line.centre < 1.8 * line.em) {
        std::vector<Fragment> merged = header.cells;
        bool all_under_a_cell = true;
        for (const Fragment& below : lines[at + 1].fragments) {
            auto it = std::find_if(merged.begin(), merged.end(),
                                   [&](const Fragment& cell) { return overlap_x(cell.box, below.box) > 0; });
            if (it == merged.end()) {
                all_under_a_cell = false;
                break;
            }
            it->text += below.text;
            it->box = unite(it->box, below.box);
        }
        const auto merged_roles = roles_of(merged);
        // A known header takes the second line only when it names more columns; a generic one
        // when the second line sits as close as a wrapped line (a first body row has padding).
        const bool wrapped = known ? known_roles(merged_roles) > known_roles(header.roles)
                                   : lines[at + 1].centre - line.centre < 1.3 * line.em;
        if (all_under_a_cell && wrapped) {
            header = {merged, merged_roles, 2};
        }
    }
    return header;
}

// The same header again: the same cells, or (for a known header, as OCR may miss one cell on
// one page) the same task, unit and time columns in the same order.
bool same_header(const Header& a, const Header& b) {
    auto known = [](const Header& header) {
        std::vector<ColumnRole> roles;
        for (ColumnRole role : header.roles) {
            if (role != ColumnRole::other && role != ColumnRole::number) roles.push_back(role);
        }
        return roles;
    };
    if (looks_like_header(a.roles) && looks_like_header(b.roles)) return known(a) == known(b);
    if (a.cells.size() != b.cells.size()) return false;
    for (std::size_t i = 0; i < a.cells.size(); ++i) {
        if (without_spaces(a.cells[i].text) != without_spaces(b.cells[i].text)) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Columns: x-intervals that no fragment of the table crosses.

struct Column {
    double x0, x1;
    int header_cell = -1;   // index into Header::cells; -1 for an unlabelled column
};

std::vector<Column> find_columns(const Header& header, const std::vector<const VisualLine*>& body) {
    std::vector<Box> boxes;
    double em = 0;
    for (const Fragment& cell : header.cells) {
        boxes.push_back(cell.box);
        em = std::max(em, cell.em);
    }
    // A fragment under two header cells (a category row, cells OCR ran together) would join
    // their columns: it takes no part in finding them.
    for (const VisualLine* line : body) {
        for (const Fragment& fragment : line->fragments) {
            const auto spanned = std::count_if(header.cells.begin(), header.cells.end(), [&](const Fragment& cell) {
                return overlap_x(fragment.box, cell.box) > 0.2 * cell.em;
            });
            if (spanned <= 1) boxes.push_back(fragment.box);
        }
    }
    std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
    std::vector<Column> columns;
    for (const Box& box : boxes) {
        if (!columns.empty() && box.x0 <= columns.back().x1 + kFragmentGap * em) {
            columns.back().x1 = std::max(columns.back().x1, box.x1);
        } else {
            columns.push_back({box.x0, box.x1, -1});
        }
    }
    // Label each interval with the header cells inside it; an interval holding several (a word
    // that no gap could cut) is split between them.
    std::vector<Column> labelled;
    for (const Column& column : columns) {
        std::vector<int> cells;
        for (std::size_t i = 0; i < header.cells.size(); ++i) {
            const double x = centre_x(header.cells[i].box);
            if (x >= column.x0 && x <= column.x1) cells.push_back(static_cast<int>(i));
        }
        if (cells.size() <= 1) {
            labelled.push_back({column.x0, column.x1, cells.empty() ? -1 : cells.front()});
            continue;
        }
        double start = column.x0;
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const double end = k + 1 < cells.size()
                                   ? (header.cells[cells[k]].box.x1 + header.cells[cells[k + 1]].box.x0) / 2
                                   : column.x1;
            labelled.push_back({start, end, cells[k]});
            start = end;
        }
    }
    // An unlabelled sliver right next to a labelled column is part of it (a number centred under
    // a wide header); one far from any header is a column of its own (a category column).
    for (std::size_t i = 0; i < labelled.size(); ++i) {
        if (labelled[i].header_cell >= 0) continue;
        if (i > 0 && labelled[i - 1].header_cell >= 0 && labelled[i].x0 - labelled[i - 1].x1 < 0.8 * em) {
            labelled[i - 1].x1 = labelled[i].x1;
            labelled.erase(labelled.begin() + static_cast<long>(i--));
        } else if (i + 1 < labelled.size() && labelled[i + 1].header_cell >= 0 && labelled[i + 1].x0 - labelled[i].x1 < 0.8 * em) {
            labelled[i + 1].x0 = labelled[i].x0;
            labelled.erase(labelled.begin() + static_cast<long>(i--));
        }
    }
    return labelled;
}

std::size_t column_of(const std::vector<Column>& columns, const Box& box) {
    const double x = centre_x(box);
    std::size_t best = 0;
    double best_distance = 1e300;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const double distance = x < columns[i].x0 ? columns[i].x0 - x : x > columns[i].x1 ? x - columns[i].x1 : 0;
        if (distance < best_distance) {
            best_distance = distance;
            best = i;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// The lines that belong to a table.

// A row that spans the table with a short heading (`一、知识产权保护方面（共5项）`): one
// fragment starting in the first column, no sentence.
bool is_category_row(const VisualLine& line, const Header& header) {
    if (line.fragments.size() != 1 || header.cells.size() < 2) return false;
    const Fragment& fragment = line.fragments.front();
    return fragment.box.x0 < header.cells[1].box.x0 && to_u32(fragment.text).size() <= 30 &&
           fragment.text.find("。") == std::string::npos;
}

// A body line may not have a fragment spanning two header cells and half the table (a paragraph
// under the table), except a category row. A narrower one is two cells that OCR ran together.
bool fits_under_header(const VisualLine& line, const Header& header) {
    if (is_category_row(line, header)) return true;
    const double table_width = header.cells.back().box.x1 - header.cells.front().box.x0;
    for (const Fragment& fragment : line.fragments) {
        if (fragment.box.x1 - fragment.box.x0 < 0.5 * table_width) continue;
        int spanned = 0;
        for (const Fragment& cell : header.cells) {
            if (overlap_x(fragment.box, cell.box) > 0.2 * cell.em) ++spanned;
        }
        if (spanned > 1) return false;
    }
    return true;
}

// On a continuation page without a header, every fragment must sit inside a known column.
bool fits_columns(const VisualLine& line, const std::vector<Column>& columns) {
    for (const Fragment& fragment : line.fragments) {
        int touched = 0;
        for (const Column& column : columns) {
            const double width = fragment.box.x1 - fragment.box.x0;
            if (overlap_x(fragment.box, {column.x0, 0, column.x1, 0}) > 0.5 * std::min(fragment.em, width)) ++touched;
        }
        if (touched != 1) return false;
    }
    return true;
}

struct TableLines {
    Header header;
    std::vector<const VisualLine*> body;
    std::vector<const VisualLine*> repeated_headers;   // dropped from the rows, but inside the table
    std::size_t next = 0;   // the first line after the table
};

// ---------------------------------------------------------------------------------------------
// Rows and cells.

bool is_sequence_number(const std::string& text) {
    std::string folded = trim(fold_width(text));
    while (!folded.empty() && (folded.back() == '.' || folded.back() == ')')) folded.pop_back();
    return !folded.empty() && folded.size() <= 8 && parse_number(folded).has_value();
}

struct CellPiece {
    std::string text;
    double x1;
};

// Rows are bands of lines separated by more than a line's leading (cell padding and rules lie
// between rows). Within a band, a second 序号 starts another row (tables without padding);
// lines above the first 序号 of a band belong to its row (cells centred vertically).
struct Band {
    std::size_t begin, end;          // lines [begin, end) of the body
    double top, bottom;              // text extents
    std::vector<std::size_t> numbers;   // its lines with a 序号
};

std::vector<Band> bands_of(const std::vector<const VisualLine*>& body, const std::vector<bool>& numbered, double em) {
    std::vector<Band> bands;
    for (std::size_t i = 0; i < body.size();) {
        Band band{i, i + 1, body[i]->centre - em / 2, body[i]->centre + em / 2, {}};
        while (band.end < body.size() && body[band.end]->page == body[i]->page &&
               body[band.end]->centre - em / 2 <= band.bottom + kRowGap * em) {
            band.bottom = std::max(band.bottom, body[band.end]->centre + em / 2);
            ++band.end;
        }
        for (std::size_t k = i; k < band.end; ++k) {
            if (numbered[k]) band.numbers.push_back(k);
        }
        i = band.end;
        bands.push_back(std::move(band));
    }
    return bands;
}

// Which body lines start a row. Every band does, but in a numbered table a band without 序号 may
// be part of a row: at the top of a continuation page it is the rest of a row cut by the page
// break; and some producers (LibreOffice) set a cell's lines almost as far apart as rows, so
// that a wrapped cell falls apart into bands. Between two numbered bands there is then exactly
// one row boundary, at the widest gap (a number centred in a tall row leaves bands above it in its
// own row); the narrower gaps are within a row, and measure it for the bands before the first and
// after the last number. Only a clearly widest gap is taken: rows under a 序号 merged over them
// are evenly spaced, and each stays a row of its own.
std::vector<bool> row_starts(const std::vector<const VisualLine*>& body, const std::vector<bool>& numbered, bool numbered_table,
                             double em) {
    const std::vector<Band> bands = bands_of(body, numbered, em);
    std::vector<bool> starts(body.size(), false);
    std::vector<bool> band_starts(bands.size(), true);
    const auto after_page_break = [&](std::size_t b) { return body[bands[b].begin]->page != body[bands[b - 1].end - 1]->page; };
    const auto gap_before = [&](std::size_t b) { return bands[b].top - bands[b - 1].bottom; };
    const double margin = 0.2 * em;
    if (numbered_table) {
        double widest_within = -1, narrowest_between = 1e300;
        std::vector<std::pair<std::size_t, std::size_t>> open_runs;   // numberless bands before the first or after the last number
        for (std::size_t s = 0; s < bands.size();) {
            if (!bands[s].numbers.empty()) {
                ++s;
                continue;
            }
            std::size_t e = s;
            while (e < bands.size() && bands[e].numbers.empty()) ++e;
            for (std::size_t b = std::max<std::size_t>(s, 1); b < e; ++b) band_starts[b] = !after_page_break(b);
            if (s == 0 || e == bands.size()) {
                open_runs.emplace_back(s, e);
                s = e;
                continue;
            }
            // Boundaries before bands s … e (e: the next numbered band); not at a page break.
            std::size_t widest = e + 1;
            for (std::size_t b = s; b <= e; ++b) {
                if (!after_page_break(b) && (widest > e || gap_before(b) > gap_before(widest))) widest = b;
            }
            bool clear = widest <= e;
            double within = -1;
            for (std::size_t b = s; b <= e && clear; ++b) {
                if (b == widest || after_page_break(b)) continue;
                within = std::max(within, gap_before(b));
                clear = gap_before(b) + margin < gap_before(widest);
            }
            if (clear) {
                for (std::size_t b = s; b <= e; ++b) band_starts[b] = b == widest;
                widest_within = std::max(widest_within, within);
                narrowest_between = std::min(narrowest_between, gap_before(widest));
            }
            s = e;
        }
        // Before the first number and after the last: a band as close as lines within a row were
        // goes with its neighbour (a centred first number below it, the last row above it).
        const auto within_row = [&](std::size_t b) {
            return widest_within >= 0 && gap_before(b) <= widest_within + margin && gap_before(b) + margin < narrowest_between;
        };
        for (const auto& [s, e] : open_runs) {
            for (std::size_t b = std::max<std::size_t>(s, 1); b < e; ++b) {
                if (!after_page_break(b) && within_row(b)) band_starts[b] = false;
            }
            if (s == 0 && e < bands.size() && !after_page_break(e) && within_row(e)) band_starts[e] = false;
        }
    }
    band_starts[0] = true;
    for (std::size_t b = 0; b < bands.size(); ++b) {
        if (band_starts[b]) starts[bands[b].begin] = true;
        for (std::size_t n = 1; n < bands[b].numbers.size(); ++n) starts[bands[b].numbers[n]] = true;
    }
    return starts;
}

RawTable assemble(const Header& header, int header_page, const std::vector<Column>& columns, const std::vector<const VisualLine*>& body,
                  const std::vector<const VisualLine*>& repeated_headers) {
    RawTable table;
    for (const Column& column : columns) {
        table.header.push_back(column.header_cell >= 0 ? without_spaces(header.cells[column.header_cell].text) : "");
    }
    auto roles = classify_header_row(table.header);
    if (std::find(roles.begin(), roles.end(), ColumnRole::number) == roles.end()) {
        // OCR may miss the 序号 header: an unlabelled column left of the others holding nothing
        // but numbers is the 序号 column.
        for (std::size_t c = 0; c < columns.size() && columns[c].header_cell < 0; ++c) {
            std::size_t numbers = 0, others = 0;
            for (const VisualLine* line : body) {
                for (const Fragment& fragment : line->fragments) {
                    if (column_of(columns, fragment.box) != c) continue;
                    (is_sequence_number(fragment.text) ? numbers : others) += 1;
                }
            }
            if (numbers >= 2 && others == 0) {
                table.header[c] = "序号";
                roles[c] = ColumnRole::number;
                break;
            }
        }
    }
    const auto number_it = std::find(roles.begin(), roles.end(), ColumnRole::number);
    const int number_column = number_it == roles.end() ? -1 : static_cast<int>(number_it - roles.begin());

    // The right edge of each column's text, to tell a wrap (a full line) from a hard break.
    std::vector<double> right(columns.size(), -1e300);
    std::vector<std::vector<std::vector<CellPiece>>> line_cells;   // per body line, per column
    std::vector<bool> spanning;                                     // category rows across the table
    for (const VisualLine* line : body) {
        std::vector<std::vector<CellPiece>> cells(columns.size());
        const Box& first = line->fragments.front().box;
        spanning.push_back(line->fragments.size() == 1 && columns.size() > 1 && first.x1 > columns[1].x0 &&
                           first.x0 < columns[0].x1);
        for (const Fragment& fragment : line->fragments) {
            const std::size_t c = spanning.back() ? 0 : column_of(columns, fragment.box);
            cells[c].push_back({fragment.text, fragment.box.x1});
            right[c] = std::max(right[c], fragment.box.x1);
        }
        line_cells.push_back(std::move(cells));
    }

    // One text size for the whole table: OCR sizes of single lines stray (a line of `。` and `1`).
    std::vector<double> line_ems;
    for (const VisualLine* line : body) line_ems.push_back(line->em);
    const double em = line_ems.empty() ? 1.0 : median(line_ems);
    std::vector<bool> numbered(body.size(), false);
    for (std::size_t k = 0; k < body.size() && number_column >= 0; ++k) {
        const auto& pieces = line_cells[k][number_column];
        numbered[k] = std::any_of(pieces.begin(), pieces.end(), [](const CellPiece& p) { return is_sequence_number(p.text); });
    }
    std::vector<bool> starts = row_starts(body, numbered, number_column >= 0, em);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (!spanning[i]) continue;
        starts[i] = true;
        if (i + 1 < body.size()) starts[i + 1] = true;
    }

    std::vector<std::vector<double>> last_x1;   // per row, per column: right edge of its last line
    for (std::size_t i = 0; i < body.size(); ++i) {
        const auto& cells = line_cells[i];
        const bool starts_row = starts[i] || table.rows.empty();
        if (starts_row) {
            table.rows.push_back({std::vector<std::string>(columns.size()), body[i]->page});
            last_x1.emplace_back(columns.size(), -1.0);
        }
        RawRow& row = table.rows.back();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (cells[c].empty()) continue;
            std::string& text = row.cells[c];
            std::string line_text;
            for (const CellPiece& piece : cells[c]) append_text(line_text, piece.text, true);
            if (!text.empty()) {
                const bool short_line = last_x1.back()[c] < right[c] - kHardBreakShortfall * em;
                if (short_line || ends_before_another_unit(text, line_text)) text += '\n';
            }
            append_text(text, line_text, true);
            last_x1.back()[c] = cells[c].back().x1;
        }
    }
    if (!body.empty()) {
        table.first_page = body.front()->page;
        table.last_page = body.back()->page;
    }
    // Where the table lies on each page: its header and body lines. Only for a header with known
    // column words: lines merely spaced apart (a signature block, a list of names) may be a
    // table or not, and their text stays body text.
    if (!looks_like_header(header.roles)) return table;
    Box header_box = header.cells.front().box;
    for (const Fragment& cell : header.cells) header_box = unite(header_box, cell.box);
    table.regions.push_back({header_page, header_box});
    std::vector<const VisualLine*> inside = body;
    inside.insert(inside.end(), repeated_headers.begin(), repeated_headers.end());
    for (const VisualLine* line : inside) {
        const auto region = std::find_if(table.regions.begin(), table.regions.end(),
                                         [&](const TableRegion& r) { return r.page == line->page; });
        if (region != table.regions.end()) region->box = unite(region->box, line->box);
        else table.regions.push_back({line->page, line->box});
    }
    std::sort(table.regions.begin(), table.regions.end(), [](const TableRegion& a, const TableRegion& b) { return a.page < b.page; });
    return table;
}

// ---------------------------------------------------------------------------------------------

// OCR reports each cell of a table row as a line of its own; lines side by side at the same
// height are one row of the page, read left to right.
std::vector<VisualLine> rows_of(std::vector<VisualLine> lines) {
    std::stable_sort(lines.begin(), lines.end(),
                     [](const VisualLine& a, const VisualLine& b) { return a.centre < b.centre; });
    std::vector<VisualLine> rows;
    for (VisualLine& line : lines) {
        if (!rows.empty()) {
            VisualLine& row = rows.back();
            const double em = std::max(row.em, line.em);
            const bool level = std::abs(row.centre - line.centre) <= 0.5 * em;
            const bool apart = std::none_of(row.fragments.begin(), row.fragments.end(), [&](const Fragment& f) {
                return std::any_of(line.fragments.begin(), line.fragments.end(),
                                   [&](const Fragment& g) { return overlap_x(f.box, g.box) > 0; });
            });
            if (level && apart) {
                for (Fragment& fragment : line.fragments) row.fragments.push_back(std::move(fragment));
                std::sort(row.fragments.begin(), row.fragments.end(),
                          [](const Fragment& a, const Fragment& b) { return a.box.x0 < b.box.x0; });
                summarise(row);
                continue;
            }
        }
        rows.push_back(std::move(line));
    }
    return rows;
}

class TableFinder {
public:
    TableFinder(const std::vector<Page>& pages, const std::vector<TableRegion>& skip) {
        const auto skipped = [&](int page, const Box& box) {
            return std::any_of(skip.begin(), skip.end(), [&](const TableRegion& region) {
                return region.page == page && centre_x(box) >= region.box.x0 && centre_x(box) <= region.box.x1 &&
                       centre_y(box) >= region.box.y0 && centre_y(box) <= region.box.y1;
            });
        };
        for (const Page& page : pages) {
            std::vector<VisualLine> page_lines;
            for (const Line& line : page.lines) {
                if (line.words.empty() || skipped(page.number, line.box)) continue;
                VisualLine visual = visual_line(line, page.number);
                if (!visual.fragments.empty() && !is_page_furniture(visual)) page_lines.push_back(std::move(visual));
            }
            for (VisualLine& line : rows_of(std::move(page_lines))) lines_.push_back(std::move(line));
        }
    }

    std::vector<RawTable> find() {
        std::vector<RawTable> tables;
        for (std::size_t i = 0; i < lines_.size();) {
            const auto header = read_header(lines_, i);
            if (!header) {
                ++i;
                continue;
            }
            TableLines table = collect(*header, i);
            const bool known = looks_like_header(header->roles);
            if (table.body.empty() || (!known && table.body.size() < 2)) {
                ++i;
                continue;
            }
            tables.push_back(assemble(table.header, lines_[i].page, columns_, table.body, table.repeated_headers));
            i = table.next;
        }
        return tables;
    }

private:
    // Measured between text extents (centre ± em/2): Poppler's boxes of Type 3 fonts overlap.
    bool close_below(const VisualLine& line, const VisualLine& above) const {
        const double gap = (line.centre - line.em / 2) - (above.centre + above.em / 2);
        return gap <= kTableEndGap * std::max(line.em, above.em);
    }

    // Another table's header ends this one (the same header again is a repetition, handled apart).
    bool starts_other_table(std::size_t at, const Header& header) const {
        const auto other = read_header(lines_, at);
        return other && looks_like_header(other->roles) && !same_header(*other, header);
    }

    // The body lines of the table whose header starts at `at`, across pages.
    TableLines collect(const Header& header, std::size_t at) {
        TableLines table{header, {}, {}, at + header.lines_used};
        std::size_t i = table.next;
        std::vector<const VisualLine*> first_page;
        const VisualLine* previous = &lines_[at + header.lines_used - 1];
        while (i < lines_.size() && lines_[i].page == previous->page && close_below(lines_[i], *previous) &&
               fits_under_header(lines_[i], header) && !starts_other_table(i, header)) {
            first_page.push_back(&lines_[i]);
            previous = &lines_[i++];
        }
        columns_ = find_columns(header, first_page);
        table.body = first_page;
        // Continue while the table ran to the end of its page and the next page goes on with it.
        while (i < lines_.size() && lines_[i].page == previous->page + 1 && !table.body.empty()) {
            const int page = lines_[i].page;
            if (const auto repeated = read_header(lines_, i); repeated && same_header(*repeated, header)) {
                for (std::size_t k = 0; k < repeated->lines_used; ++k) table.repeated_headers.push_back(&lines_[i + k]);
                i += repeated->lines_used;
            } else if (!fits_columns(lines_[i], columns_)) {
                break;
            }
            // Past the first line of the page the table is known to go on: lines only have to
            // stay under the header, as on its first page.
            const VisualLine* above = nullptr;
            while (i < lines_.size() && lines_[i].page == page && (!above || close_below(lines_[i], *above)) &&
                   fits_under_header(lines_[i], header) && !starts_other_table(i, header)) {
                table.body.push_back(&lines_[i]);
                above = &lines_[i++];
            }
            if (!above) break;
            previous = above;
        }
        table.next = i;
        return table;
    }

    std::vector<VisualLine> lines_;
    std::vector<Column> columns_;
};

}  // namespace

std::vector<RawTable> read_positioned_tables(const std::vector<Page>& pages, const std::vector<TableRegion>& skip) {
    return TableFinder(pages, skip).find();
}

}  // namespace gongwen::tables
