// Synthetic page geometry for DOCX and XLSX text (see page_layout.hpp).
#include "page_layout.hpp"

#include <algorithm>

#include "gongwen/text.hpp"

namespace gongwen::office {
namespace {

constexpr double kLineSpacing = 1.8;   // line pitch in font sizes: 16 pt text on a 29 pt grid (GB/T 9704: 22 lines)

bool is_wide(char32_t cp) {
    return is_han(cp) || (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2014 ||
           cp == 0x2026 || cp >= 0x20000;
}

bool is_ascii_alnum(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || cp == U'.' || cp == U'%';
}

// Characters a line must not start with (Chinese line-breaking rules, as Word and Pango apply them).
bool is_closing(char32_t cp) {
    static constexpr std::u32string_view closing = U"，。、；：？！）》」』”’〕】…,.;:?!)]%";
    return closing.find(cp) != std::u32string_view::npos;
}

struct Glyph {
    char32_t cp;
    double width;
    double font_size;
    std::size_t run;
};

struct LaidLine {
    std::vector<Glyph> glyphs;
    double width = 0;
};

double width_of(char32_t cp, double font_size) { return (is_wide(cp) ? 1.0 : 0.5) * font_size; }

// Cuts `glyphs` (one hard line) into lines no wider than `first` / `rest` points.
std::vector<LaidLine> wrap(const std::vector<Glyph>& glyphs, double first, double rest) {
    std::vector<LaidLine> lines(1);
    std::size_t i = 0;
    while (i < glyphs.size()) {
        LaidLine& line = lines.back();
        const double room = lines.size() == 1 ? first : rest;
        const Glyph& glyph = glyphs[i];
        const bool fits = line.glyphs.empty() || line.width + glyph.width <= room + 0.5 || is_closing(glyph.cp) ||
                          glyph.cp == U' ';
        if (fits) {
            if (!(line.glyphs.empty() && glyph.cp == U' ' && lines.size() > 1)) {
                line.glyphs.push_back(glyph);
                line.width += glyph.width;
            }
            ++i;
            continue;
        }
        // Do not cut a number or a Latin word: carry its start to the next line when it has one.
        std::size_t keep = line.glyphs.size();
        if (is_ascii_alnum(glyph.cp)) {
            while (keep > 0 && is_ascii_alnum(line.glyphs[keep - 1].cp)) --keep;
            if (keep == 0) keep = line.glyphs.size();
        }
        LaidLine next;
        for (std::size_t k = keep; k < line.glyphs.size(); ++k) {
            next.glyphs.push_back(line.glyphs[k]);
            next.width += line.glyphs[k].width;
        }
        line.glyphs.resize(keep);
        line.width = 0;
        for (const Glyph& g : line.glyphs) line.width += g.width;
        while (!line.glyphs.empty() && line.glyphs.back().cp == U' ') {
            line.width -= line.glyphs.back().width;
            line.glyphs.pop_back();
        }
        lines.push_back(std::move(next));
    }
    return lines;
}

}  // namespace

double text_width_em(const std::string& text) {
    double width = 0;
    for (std::size_t pos = 0; pos < text.size();) width += is_wide(next_code_point(text, pos)) ? 1.0 : 0.5;
    return width;
}

Page& PageLayout::page() {
    if (pages_.empty()) {
        Page page;
        page.number = 1;
        page.width = geometry_.width;
        page.height = geometry_.height;
        pages_.push_back(std::move(page));
        y_ = geometry_.top;
    }
    return pages_.back();
}

int PageLayout::current_page() { return page().number; }

void PageLayout::page_break() {
    if (pages_.empty() || pages_.back().lines.empty()) {
        page().width = geometry_.width;   // the geometry may have changed since it was opened
        pages_.back().height = geometry_.height;
        y_ = geometry_.top;
        return;
    }
    Page next;
    next.number = pages_.back().number + 1;
    next.width = geometry_.width;
    next.height = geometry_.height;
    pages_.push_back(std::move(next));
    y_ = geometry_.top;
}

// The top of a line of this height, on a new page when it would pass the bottom margin.
double PageLayout::advance(double line_height) {
    page();
    if (y_ + line_height > geometry_.height - geometry_.bottom && !pages_.back().lines.empty()) page_break();
    const double top = y_;
    y_ += line_height;
    return top;
}

void PageLayout::paragraph(const std::vector<TextRun>& runs, Alignment alignment, double left_indent, double first_indent) {
    // Hard lines: the runs' glyphs cut at '\n'.
    std::vector<std::vector<Glyph>> hard(1);
    double largest = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        largest = std::max(largest, runs[r].font_size);
        for (std::size_t pos = 0; pos < runs[r].text.size();) {
            char32_t cp = next_code_point(runs[r].text, pos);
            if (cp == U'\n') {
                hard.emplace_back();
                continue;
            }
            if (cp == U'\t' || cp == U'\r') cp = U' ';
            hard.back().push_back({cp, width_of(cp, runs[r].font_size), runs[r].font_size, r});
        }
    }
    if (largest <= 0) largest = 16;
    const double text_width = geometry_.text_width();
    bool first_line = true;
    for (const auto& glyphs : hard) {
        const double first_room = text_width - left_indent - (first_line ? first_indent : 0);
        for (LaidLine& laid : wrap(glyphs, std::max(first_room, largest), std::max(text_width - left_indent, largest))) {
            double font = 0;
            for (const Glyph& g : laid.glyphs) font = std::max(font, g.font_size);
            if (font <= 0) font = largest;
            const double top = advance(font * kLineSpacing);
            if (laid.glyphs.empty()) {
                first_line = false;
                continue;
            }
            // Spaces that open a line (`　　为贯彻…`: indenting by typing, common in Chinese
            // documents) are where a printed page shows blank paper: the text starts after them.
            double lead = 0;
            std::size_t skip = 0;
            while (skip < laid.glyphs.size() && (laid.glyphs[skip].cp == U' ' || laid.glyphs[skip].cp == 0x3000)) lead += laid.glyphs[skip++].width;
            if (skip == laid.glyphs.size()) {
                first_line = false;
                continue;
            }
            laid.glyphs.erase(laid.glyphs.begin(), laid.glyphs.begin() + static_cast<std::ptrdiff_t>(skip));
            laid.width -= lead;
            double x = geometry_.left + left_indent + (alignment == Alignment::left || alignment == Alignment::justify ? lead : 0);
            if (alignment == Alignment::center) x = geometry_.left + (text_width - laid.width) / 2;
            else if (alignment == Alignment::right) x = geometry_.left + text_width - laid.width;
            else if (first_line) x += first_indent;
            first_line = false;
            Line line;
            line.box = {x, top, x + laid.width, top + font};
            // Words: cut at spaces and where the run (font) changes.
            Word word;
            double word_x = x;
            const auto close_word = [&](bool space_after) {
                if (word.text.empty()) return;
                word.space_after = space_after;
                line.words.push_back(std::move(word));
                word = Word{};
            };
            std::size_t run = laid.glyphs.front().run;
            for (const Glyph& g : laid.glyphs) {
                if (g.cp == U' ') {
                    close_word(true);
                    line.text += ' ';
                    word_x += g.width;
                    continue;
                }
                if (g.run != run) close_word(false);
                run = g.run;
                if (word.text.empty()) {
                    word.box = {word_x, top + (font - g.font_size), word_x, top + font};
                    word.font_size = g.font_size;
                }
                append_utf8(word.text, g.cp);
                append_utf8(line.text, g.cp);
                word_x += g.width;
                word.box.x1 = word_x;
            }
            close_word(false);
            page().lines.push_back(std::move(line));
        }
    }
    // An empty paragraph has taken one blank line above (a wrapped line without glyphs).
}

Box PageLayout::table_row(const std::vector<std::string>& cells, const std::vector<double>& column_x, double font_size) {
    const double top = advance(font_size * kLineSpacing);
    Line line;
    for (std::size_t c = 0; c < cells.size() && c + 1 < column_x.size(); ++c) {
        if (cells[c].empty()) continue;
        Word word;
        for (char ch : cells[c]) word.text += (ch == '\n' || ch == '\t') ? ' ' : ch;
        const double x0 = column_x[c];
        const double x1 = std::min(column_x[c + 1], x0 + text_width_em(word.text) * font_size);
        word.box = {x0, top, std::max(x1, x0 + font_size / 2), top + font_size};
        word.font_size = font_size;
        word.space_after = true;
        if (!line.text.empty()) line.text += ' ';
        line.text += word.text;
        line.words.push_back(std::move(word));
    }
    Box box{column_x.empty() ? geometry_.left : column_x.front(), top, column_x.empty() ? geometry_.left : column_x.back(), top + font_size};
    if (!line.words.empty()) {
        line.box = box;
        line.box.x0 = line.words.front().box.x0;
        line.box.x1 = line.words.back().box.x1;
        page().lines.push_back(std::move(line));
    }
    return box;
}

}  // namespace gongwen::office
