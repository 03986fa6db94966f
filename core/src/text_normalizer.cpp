// Paragraph reconstruction and folding (see text_normalizer.hpp).
#include "gongwen/core/text_normalizer.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "gongwen/core/clause_splitter.hpp"
#include "gongwen/text.hpp"

namespace gongwen::core {
namespace {

bool is_dash(char32_t cp) {
    // — ― - – － and 一 (OCR reads the em dash of `— 5 —` as 一).
    return cp == 0x2014 || cp == 0x2015 || cp == U'-' || cp == 0x2013 || cp == 0xFF0D || cp == 0x4E00 || cp == 0x2212;
}

// What trim() removes at the ends.
bool is_trimmed(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0 || cp == U'\n' || cp == U'\r'; }

/// The first code point of `line` that trim() keeps; 0 when there is none.
char32_t first_kept_code_point(std::string_view line) {
    for (std::size_t pos = 0; pos < line.size();) {
        const char32_t cp = next_code_point(line, pos);
        if (!is_trimmed(cp)) return cp;
    }
    return 0;
}

bool is_ascii_alnum(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

bool has_geometry(const Page& page) {
    return std::any_of(page.lines.begin(), page.lines.end(),
                       [](const Line& line) { return line.box.x1 > line.box.x0; });
}

double typical_font_size(const Page& page) {
    std::vector<double> sizes;
    for (const auto& line : page.lines) {
        for (const auto& word : line.words) {
            if (word.font_size > 0) sizes.push_back(word.font_size);
        }
        if (line.words.empty() && line.box.y1 > line.box.y0) sizes.push_back(line.box.y1 - line.box.y0);
    }
    if (sizes.empty()) return 12.0;
    std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
    return sizes[sizes.size() / 2];
}

// Appends a line to a paragraph: no separator between CJK text, a space between Latin words.
void append_line(std::string& paragraph, std::string_view line) {
    if (!paragraph.empty() && !line.empty()) {
        std::size_t pos = 0;
        const char32_t first = next_code_point(line, pos);
        std::size_t back = paragraph.size() - 1;
        while (back > 0 && (static_cast<unsigned char>(paragraph[back]) & 0xC0) == 0x80) --back;
        std::size_t last_pos = back;
        const char32_t last = next_code_point(paragraph, last_pos);
        if (is_ascii_alnum(last) && is_ascii_alnum(first)) paragraph += ' ';
    }
    paragraph += line;
}

struct LineView {
    std::string text;
    Box box;
    double font_size;
    bool spread = false;   ///< two pieces set apart on one line (`青财预〔2024〕21号　　签发人：王建国`)
};

// A gap of several characters between two words of a line: a line of two fields, one flush left
// and one flush right, not a line of running text (whose words justification spaces by a fraction
// of a character).
bool has_wide_gap(const Line& line, double font) {
    for (std::size_t i = 1; i < line.words.size(); ++i) {
        if (line.words[i].box.x0 - line.words[i - 1].box.x1 >= 4 * font) return true;
    }
    return false;
}

// Geometry-based: a line starts a paragraph when it is indented (GB/T 9704: two characters) or
// centred, or when the line before it stopped well short of the right margin.
// `body_left`: the left edge of the last page with body lines, for a page without any (a
// signature and date that fell onto a page of their own), whose own lines would set it.
void paragraphs_from_geometry(const Page& page, std::vector<Paragraph>& out, bool& previous_line_full, std::optional<double>& body_left) {
    const double font = typical_font_size(page);
    std::vector<LineView> lines;
    for (const auto& line : page.lines) {
        std::string text = trim(line.text);
        if (text.empty() || is_page_number_line(text)) continue;
        lines.push_back({std::move(text), line.box, font, has_wide_gap(line, font)});
    }
    if (lines.empty()) return;
    // The text block's margins: the rightmost right edge, and the most common left edge of the
    // body — of the long lines that run to the right margin, where there are a few. A web page's
    // menu beside the article, its breadcrumbs and footer start further left than the article's
    // lines and would otherwise make each of them look indented.
    double right = 0, widest = 0;
    for (const auto& line : lines) {
        right = std::max(right, line.box.x1);
        widest = std::max(widest, line.box.x1 - line.box.x0);
    }
    std::vector<double> lefts, body_lefts;
    for (const auto& line : lines) {
        lefts.push_back(line.box.x0);
        const bool runs_to_margin = line.box.x1 >= right - 1.5 * font && line.box.x1 - line.box.x0 >= 0.6 * widest;
        if (runs_to_margin) body_lefts.push_back(line.box.x0);
    }
    const bool has_body = body_lefts.size() >= 3;
    if (has_body) lefts = std::move(body_lefts);
    std::sort(lefts.begin(), lefts.end());
    double left = lefts[lefts.size() / 4];  // lower quartile: body lines, not indented ones
    if (has_body) body_left = left;
    else if (body_left && *body_left < left) left = *body_left;
    for (const auto& line : lines) {
        const bool indented = line.box.x0 > left + 0.8 * font;
        const bool continues = !out.empty() && previous_line_full && !indented &&
                               !starts_with_clause_marker(line.text);
        if (continues) {
            append_line(out.back().text, line.text);
        } else {
            out.push_back({line.text, page.number, indented});
        }
        // Full: it runs from the body's left edge (or a first-line indent) to the right margin, as
        // a hard-wrapped line does. A short line set flush right (a signature, the 成文日期) also
        // reaches the margin, and the 抄送 line under it is a paragraph of its own; so does a line of
        // two fields set apart (发文字号 and 签发人), and the title under it.
        const bool from_left = line.box.x0 <= left + 2.5 * font;
        previous_line_full = from_left && !line.spread && line.box.x1 >= right - 1.5 * font && !ends_with_closing_punctuation(line.text);
    }
}

// Text without geometry: a line continues the paragraph when the previous line is about as long
// as the longest lines (a hard wrap) and does not end a sentence. Blank lines end paragraphs.
void paragraphs_from_text(const Page& page, std::vector<Paragraph>& out, bool& previous_line_full) {
    std::vector<std::size_t> lengths;
    for (const auto& line : page.lines) lengths.push_back(to_u32(trim(line.text)).size());
    std::vector<std::size_t> sorted = lengths;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t wrap_width = sorted.empty() ? 0 : sorted[sorted.size() * 9 / 10];
    // A line far longer than the wrap width (not a tab-separated table row): the text is one
    // paragraph a line (web pages saved as text), not hard-wrapped, and its short lines (a title
    // just before `各有关单位：`, a `日期：…` line) stand alone.
    // One line at the wrap width is no evidence of wrapping either: in a short document it is just
    // the longest line, often the title, and the 主送 line after it must stay apart.
    bool hard_wrapped = true;
    int full_lines = 0;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
        if (lengths[i] > 2 * wrap_width && lengths[i] > 60 && page.lines[i].text.find('\t') == std::string::npos) hard_wrapped = false;
        if (lengths[i] > 0 && lengths[i] + 2 >= wrap_width && lengths[i] < 200) ++full_lines;
    }
    if (full_lines < 2) hard_wrapped = false;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
        std::string text = trim(page.lines[i].text);
        if (text.empty()) {
            previous_line_full = false;
            continue;
        }
        if (is_page_number_line(text)) continue;
        const bool continues = !out.empty() && previous_line_full && !starts_with_clause_marker(text);
        if (continues) {
            append_line(out.back().text, text);
        } else {
            out.push_back({text, page.number, false});
        }
        previous_line_full = hard_wrapped && wrap_width >= 20 && lengths[i] + 2 >= wrap_width && lengths[i] < 200 &&
                             !ends_with_closing_punctuation(text);
    }
}

}  // namespace

bool is_page_number_line(std::string_view line) {
    // Asked of every line: one that does not start with a dash is answered without a copy.
    if (!is_dash(first_kept_code_point(line))) return false;
    const std::u32string cps = to_u32(trim(line));
    std::size_t i = 0, dashes_before = 0, digits = 0, dashes_after = 0;
    auto skip_spaces = [&] { while (i < cps.size() && (cps[i] == U' ' || cps[i] == 0x3000)) ++i; };
    while (i < cps.size() && is_dash(cps[i])) ++i, ++dashes_before;
    skip_spaces();
    while (i < cps.size() && cps[i] >= U'0' && cps[i] <= U'9') ++i, ++digits;
    skip_spaces();
    while (i < cps.size() && is_dash(cps[i])) ++i, ++dashes_after;
    return i == cps.size() && digits >= 1 && digits <= 4 && dashes_before >= 1 && dashes_after >= 1;
}

bool ends_with_closing_punctuation(std::string_view line) {
    // The last code point that trim() keeps (a bad byte reads as U+FFFD, as there), no copies.
    bool any = false;
    char32_t last = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        const char32_t cp = next_code_point(line, pos);
        if (!is_trimmed(cp)) last = cp, any = true;
    }
    if (!any) return false;
    static constexpr std::u32string_view closing = U"。！？；：!?;:”」』…";
    return closing.find(last) != std::u32string_view::npos;
}

std::vector<Paragraph> build_paragraphs(const std::vector<Page>& pages) {
    std::vector<Paragraph> paragraphs;
    bool previous_line_full = false;  // carries across a page break: a sentence may continue
    std::optional<double> body_left;
    for (const auto& page : pages) {
        if (has_geometry(page)) paragraphs_from_geometry(page, paragraphs, previous_line_full, body_left);
        else paragraphs_from_text(page, paragraphs, previous_line_full);
    }
    for (auto& paragraph : paragraphs) paragraph.text = remove_spaces_between_han(paragraph.text);
    return paragraphs;
}

std::string fold_for_matching(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = fold_width(next_code_point(text, pos));
        if (cp >= U'A' && cp <= U'Z') cp += 32;
        append_utf8(out, cp);
    }
    return out;
}

}  // namespace gongwen::core
