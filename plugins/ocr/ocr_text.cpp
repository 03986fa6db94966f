// OCR postprocessing (see ocr_text.hpp).
#include "ocr_text.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cctype>

#include "gongwen/text.hpp"

namespace gongwen::ocr {
namespace {

// A gap this many line heights wide is a column gap (table cells, a date beside a signature):
// kept as a space like the pdf plugin keeps it. Narrower gaps inside Chinese text are noise.
constexpr double kColumnGap = 1.0;
// Between two Latin words or numbers a space is real when at least this wide.
constexpr double kLatinGap = 0.15;

bool is_ascii_alnum(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

bool is_open_bracket(char32_t cp) {
    return cp == U'〔' || cp == U'[' || cp == U'(' || cp == U'（' || cp == U'【' || cp == U'［' || cp == U'C' ||
           cp == U'c' || cp == U'{' || cp == U'「' || cp == U'〈' || cp == U'<' || cp == U'《';
}

bool is_close_bracket(char32_t cp) {
    return cp == U'〕' || cp == U']' || cp == U')' || cp == U'）' || cp == U'】' || cp == U'］' || cp == U'J' ||
           cp == U'}' || cp == U'」' || cp == U'〉' || cp == U'>' || cp == U'》';
}

// Marks a code point that a repair removes (a stray piece of a misread bracket). Repairs keep
// positions until the words get their text back, so that every kept code point keeps its box.
constexpr char32_t kDropped = 0;

// chi_sim splits a 〕 into ']' and a hook it reads as 'j' (国办发【2019]j4号): a letter of that
// shape right after the closing bracket of a doc number's year, before the serial, is dropped.
bool is_bracket_hook(char32_t cp) { return cp == U'j' || cp == U'J' || cp == U']' || cp == U'」'; }

// Characters Tesseract's chi_sim puts where a 号 stands after a serial number.
bool looks_like_hao(char32_t cp) {
    return cp == U'号' || cp == U'兮' || cp == U'弓' || cp == U'亏' || cp == U'导' || cp == U'丐' || cp == U'己' || cp == U'已';
}

// A digit as OCR may have read it: O for 0, l or I for 1.
char32_t as_digit(char32_t cp) {
    if (cp >= U'0' && cp <= U'9') return cp;
    if (cp >= U'０' && cp <= U'９') return U'0' + (cp - U'０');
    if (cp == U'O' || cp == U'o' || cp == U'〇' || cp == U'Ｏ') return U'0';
    if (cp == U'l' || cp == U'I' || cp == U'|') return U'1';
    return 0;
}

bool is_real_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

bool is_chinese_digit(char32_t cp) {
    return std::u32string_view(U"一二三四五六七八九").find(cp) != std::u32string_view::npos;
}

bool reads_as_zero(char32_t cp) { return cp == U'0' || cp == U'O' || cp == U'o' || cp == U'○' || cp == U'Ｏ' || cp == U'０'; }

// 〔year〕 at `open`: four digit-likes, at least three of them real digits, 1949..2099.
bool bracketed_year_at(const std::u32string& text, std::size_t open) {
    if (open + 5 >= text.size() || !is_close_bracket(text[open + 5])) return false;
    int year = 0, real = 0;
    for (std::size_t i = open + 1; i <= open + 4; ++i) {
        const char32_t digit = as_digit(text[i]);
        if (!digit) return false;
        real += is_real_digit(text[i]);
        year = year * 10 + static_cast<int>(digit - U'0');
    }
    return real >= 3 && year >= 1949 && year <= 2099;
}

void repair_doc_numbers(std::u32string& text) {
    for (std::size_t open = 2; open < text.size(); ++open) {
        if (!is_open_bracket(text[open]) || !is_han(text[open - 1]) || !is_han(text[open - 2])) continue;
        if (!bracketed_year_at(text, open)) continue;
        std::size_t serial = open + 6;
        const bool hook = serial + 1 < text.size() && is_bracket_hook(text[serial]) && as_digit(text[serial + 1]);
        if (hook) ++serial;
        std::size_t end = serial;
        while (end < text.size() && end - serial < 5 && as_digit(text[end])) ++end;
        const std::size_t serial_length = end - serial;
        if (serial_length == 0 || serial_length > 4 || end >= text.size() || !looks_like_hao(text[end])) continue;
        text[open] = U'〔';
        text[open + 5] = U'〕';
        if (hook) text[open + 6] = kDropped;
        for (std::size_t i = open + 1; i <= open + 4; ++i) text[i] = as_digit(text[i]);
        for (std::size_t i = serial; i < end; ++i) text[i] = as_digit(text[i]);
        text[end] = U'号';
    }
}

// The number of a 令, 公告 or 通告 on a line of its own (`第18己` → `第18号`): 第, a serial, and a
// look-alike of 号 ending the text.
void repair_issue_number(std::u32string& text) {
    std::size_t end = text.size();
    while (end > 0 && (text[end - 1] == U' ' || text[end - 1] == U'\u3000')) --end;
    std::size_t begin = 0;
    while (begin < end && (text[begin] == U' ' || text[begin] == U'\u3000')) ++begin;
    if (end - begin < 3 || text[begin] != U'第' || !looks_like_hao(text[end - 1])) return;
    for (std::size_t i = begin + 1; i + 1 < end; ++i) {
        if (!as_digit(text[i])) return;
    }
    if (!is_real_digit(text[begin + 1])) return;
    for (std::size_t i = begin + 1; i + 1 < end; ++i) text[i] = as_digit(text[i]);
    text[end - 1] = U'号';
}

// A year of Chinese numerals with a 〇 read twice (二〇〇二四年, five numerals before the 年 at
// `year`): one of the doubled 〇 is dropped when the rest is a year of 1950–2099.
void repair_doubled_zero(std::u32string& text, std::size_t year) {
    if (year < 5) return;
    const auto zero = [](char32_t cp) { return cp == U'〇' || reads_as_zero(cp); };
    const std::size_t begin = year - 5;
    if (begin > 0 && (is_chinese_digit(text[begin - 1]) || zero(text[begin - 1]))) return;
    std::size_t doubled = year;
    for (std::size_t i = begin; i < year; ++i) {
        if (!is_chinese_digit(text[i]) && !zero(text[i])) return;
        if (i > begin && zero(text[i]) && zero(text[i - 1]) && doubled == year) doubled = i;
    }
    if (doubled == year) return;
    int value = 0;
    for (std::size_t i = begin; i < year; ++i) {
        if (i == doubled) continue;
        value = value * 10 + (zero(text[i]) ? 0 : static_cast<int>(std::u32string_view(U"一二三四五六七八九").find(text[i])) + 1);
    }
    if (value < 1950 || value > 2099) return;
    text[doubled] = kDropped;
    for (std::size_t i = begin; i < year; ++i) {
        if (i != doubled && zero(text[i])) text[i] = U'〇';   // among Chinese numerals, as repair_years does
    }
}

// Years before 年: 二0一九年 → 二〇一九年 (Chinese numerals around), 2O19年 → 2019年 (digits around),
// 二〇〇二四年 → 二〇二四年.
void repair_years(std::u32string& text) {
    for (std::size_t year = text.find(U'年'); year != std::u32string::npos; year = text.find(U'年', year + 1)) {
        repair_doubled_zero(text, year);
        if (year < 4) continue;
        const std::size_t begin = year - 4;
        int chinese = 0, arabic = 0, zeros = 0;
        for (std::size_t i = begin; i < year; ++i) {
            chinese += is_chinese_digit(text[i]) || text[i] == U'〇';
            arabic += is_real_digit(text[i]);
            zeros += reads_as_zero(text[i]);
        }
        if (chinese >= 2 && chinese + zeros == 4) {
            for (std::size_t i = begin; i < year; ++i) {
                if (reads_as_zero(text[i])) text[i] = U'〇';
            }
        } else if (arabic >= 3) {
            bool all = true;
            for (std::size_t i = begin; i < year; ++i) all = all && as_digit(text[i]) != 0;
            const bool starts_a_number = begin == 0 || !as_digit(text[begin - 1]);
            if (all && starts_a_number) {
                for (std::size_t i = begin; i < year; ++i) text[i] = as_digit(text[i]);
            }
        }
    }
}

// The text size of a line: the median height of its words. Tesseract's line box also spans
// descenders and punctuation placed low, and single punctuation words are tiny.
double em_of(const Line& line) {
    std::vector<double> heights;
    for (const Word& word : line.words) heights.push_back(word.box.y1 - word.box.y0);
    if (heights.empty()) return 1;
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    return std::max(heights[heights.size() / 2], 1.0);
}

// Tesseract reads （一） and ， as ASCII ( ) , beside Chinese text.
bool is_ascii_punctuation(char32_t cp) { return cp < 0x80 && std::ispunct(static_cast<int>(cp)); }

// CJK punctuation and full-width forms never take a space beside them.
bool is_cjk_punctuation(char32_t cp) {
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0x2018 && cp <= 0x201F) ||
           cp == 0x2014 || cp == 0x2026 || cp == 0x00B7;
}

char32_t first_cp(const std::string& text) {
    std::size_t pos = 0;
    return text.empty() ? 0 : next_code_point(text, pos);
}

char32_t last_cp(const std::string& text) {
    const std::u32string cps = to_u32(text);
    return cps.empty() ? 0 : cps.back();
}

void decide_spaces(Line& line) {
    const double height = em_of(line);
    for (std::size_t i = 0; i < line.words.size(); ++i) {
        Word& word = line.words[i];
        if (i + 1 == line.words.size()) {
            word.space_after = false;
            continue;
        }
        const Word& next = line.words[i + 1];
        const double gap = next.box.x0 - word.box.x1;
        const char32_t before = last_cp(word.text), after = first_cp(next.text);
        const bool punctuation_by_han = (is_ascii_punctuation(before) && is_han(after)) ||
                                        (is_han(before) && is_ascii_punctuation(after));
        if (is_cjk_punctuation(before) || is_cjk_punctuation(after) || punctuation_by_han) {
            word.space_after = false;
            continue;
        }
        const bool latin = is_ascii_alnum(before) && is_ascii_alnum(after);
        word.space_after = gap >= kColumnGap * height || (latin && gap >= kLatinGap * height);
    }
}

// （牵头） after a unit in a task table, its brackets misread (〈牵头), (牵头J): the table code
// finds lead units by that mark. A narrow cell may wrap inside it (〈牵 | 头)), so a bracket before
// a 牵 that ends the cell, and after a 头 that starts a line, count too (not （牵涉: Han follows).
void repair_lead_marks(std::u32string& text) {
    for (std::size_t at = text.find(U'牵'); at != std::u32string::npos; at = text.find(U'牵', at + 1)) {
        // The cell's text ends after 牵 (the line's end, or the next column's date or number).
        const bool mark = at + 1 == text.size() || text[at + 1] == U'头' || !is_han(text[at + 1]);
        if (at > 0 && mark && is_open_bracket(text[at - 1])) text[at - 1] = U'（';
    }
    for (std::size_t at = text.find(U'头'); at != std::u32string::npos; at = text.find(U'头', at + 1)) {
        const bool mark = at == 0 || text[at - 1] == U'牵';
        if (at + 1 < text.size() && mark && is_close_bracket(text[at + 1])) text[at + 1] = U'）';
    }
}

// Brackets around Han text inside a Chinese sentence are full-width in a 公文 (各县（市、区）人民政府,
// 工作方案（试行）); OCR reads them as ( ) 〈 《 and mixes them (各县〈市、区)人民政府), and the unit
// names of a task table then differ from the printed ones. Only after a Han character (a line's
// own (一) is left as read), around at most 10 Han characters and 、, and never a matched 〈…〉 or
// 《…》 (a title); 《 opens one only around a list (《市、区)), a title being more likely otherwise.
void repair_han_brackets(std::u32string& text) {
    constexpr std::size_t kLongest = 10;
    for (std::size_t open = 1; open + 2 < text.size(); ++open) {
        const char32_t opener = text[open];
        const bool opening = opener == U'(' || opener == U'（' || opener == U'〈' || opener == U'《' || opener == U'<';
        if (!opening || !is_han(text[open - 1])) continue;
        std::size_t close = open + 1;
        bool han = false, list = false;
        for (; close < text.size() && close - open <= kLongest && (is_han(text[close]) || text[close] == U'、'); ++close) {
            han = han || is_han(text[close]);
            list = list || text[close] == U'、';
        }
        if (!han || close >= text.size() || close - open > kLongest) continue;
        const char32_t closer = text[close];
        const bool closing = closer == U')' || closer == U'）' || closer == U'〉' || closer == U'》' || closer == U'>';
        if (!closing || (opener == U'〈' && closer == U'〉') || (opener == U'《' && (closer == U'》' || !list))) continue;
        text[open] = U'（';
        text[close] = U'）';
        open = close;
    }
}

// Quotation marks in a 公文 are “ and ”; OCR reads the closing one as " or as another “
// (推行“一网通办"，“一网通办“，). A quote that closes an open “ after a Han character becomes ”, a
// " that opens one before a Han character becomes “.
void repair_quotes(std::u32string& text) {
    bool open = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t cp = text[i];
        if (cp != U'“' && cp != U'”' && cp != U'"') continue;
        const bool after_han = i > 0 && is_han(text[i - 1]);
        if (open && after_han && cp != U'”') text[i] = U'”';
        else if (!open && cp == U'"' && i + 1 < text.size() && is_han(text[i + 1])) text[i] = U'“';
        open = text[i] == U'“';
    }
}

// Month and day numbers: a 1 read as ] | l I between digits and 月 or 日 (2016年1]月 → 2016年11月),
// and 日 read as 目 after a month and day (5月15目前 → 5月15日前), when the number that results is
// a month (1–12) or a day (1–31).
void repair_month_days(std::u32string& text) {
    const auto reads_as_one = [](char32_t cp) { return cp == U']' || cp == U'|' || cp == U'l' || cp == U'I'; };
    for (std::size_t at = 1; at < text.size(); ++at) {
        const char32_t unit = text[at];
        if (unit == U'目' && at >= 3 && is_real_digit(text[at - 1])) {
            std::size_t start = at - 1;
            while (start > 0 && at - start < 2 && is_real_digit(text[start - 1])) --start;
            if (start > 0 && text[start - 1] == U'月') text[at] = U'日';
            continue;
        }
        if (unit != U'月' && unit != U'日') continue;
        // The one or two characters before the unit, after 年, 月 or a non-digit.
        std::size_t start = at;
        while (start > 0 && at - start < 2 && (is_real_digit(text[start - 1]) || reads_as_one(text[start - 1]))) --start;
        if (start == at || (start > 0 && (is_real_digit(text[start - 1]) || reads_as_one(text[start - 1])))) continue;
        int value = 0;
        bool repaired = false, digit = false;
        for (std::size_t i = start; i < at; ++i) {
            repaired = repaired || reads_as_one(text[i]);
            digit = digit || is_real_digit(text[i]);
            value = value * 10 + (reads_as_one(text[i]) ? 1 : static_cast<int>(text[i] - U'0'));
        }
        if (!repaired || !digit || value < 1 || value > (unit == U'月' ? 12 : 31)) continue;
        for (std::size_t i = start; i < at; ++i) {
            if (reads_as_one(text[i])) text[i] = U'1';
        }
    }
}

// The repairs, leaving kDropped where a code point goes.
std::u32string repair_marking_drops(std::u32string text) {
    repair_doc_numbers(text);
    repair_issue_number(text);
    repair_years(text);
    repair_lead_marks(text);
    repair_han_brackets(text);
    repair_quotes(text);
    repair_month_days(text);
    return text;
}

// Applies code-point repairs over the whole line, then hands each word its own code points back:
// repairs replace one code point by one or drop it, so word boundaries stay valid, and a dropped
// code point's character box goes with it.
// Words emptied by a repair are left for the caller to remove.
void repair_words(const std::vector<Word*>& words) {
    std::u32string joined;
    std::vector<std::size_t> lengths;
    for (const Word* word : words) {
        const std::u32string cps = to_u32(word->text);
        lengths.push_back(cps.size());
        joined += cps;
    }
    const std::u32string repaired = repair_marking_drops(joined);
    std::size_t at = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        Word& word = *words[i];
        const bool boxed = word.char_boxes.size() == lengths[i];
        std::u32string kept;
        std::vector<Box> kept_boxes;
        for (std::size_t k = 0; k < lengths[i]; ++k) {
            if (repaired[at + k] == kDropped) continue;
            kept += repaired[at + k];
            if (boxed) kept_boxes.push_back(word.char_boxes[k]);
        }
        at += lengths[i];
        word.text = to_utf8(kept);
        word.char_boxes = std::move(kept_boxes);
    }
}

void repair_words(Line& line) {
    std::vector<Word*> words;
    for (Word& word : line.words) words.push_back(&word);
    repair_words(words);
    std::erase_if(line.words, [](const Word& word) { return word.text.empty(); });
}

double centre_y(const Box& box) { return (box.y0 + box.y1) / 2; }

bool overlaps_horizontally(const Line& a, const Line& b) {
    for (const Word& left : a.words) {
        for (const Word& right : b.words) {
            if (left.box.x0 < right.box.x1 && right.box.x0 < left.box.x1) return true;
        }
    }
    return false;
}

}  // namespace

void drop_double_readings(std::vector<Line>& lines) {
    const auto height = [](const Line& line) { return line.box.y1 - line.box.y0; };
    std::vector<bool> doubled(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Box& inner = lines[i].box;
        for (std::size_t j = 0; j < lines.size() && !doubled[i]; ++j) {
            const Box& outer = lines[j].box;
            if (i == j || doubled[j] || height(lines[j]) <= height(lines[i])) continue;
            const double overlap = std::min(inner.x1, outer.x1) - std::max(inner.x0, outer.x0);
            const double slack = 0.1 * height(lines[j]);
            doubled[i] = inner.y0 >= outer.y0 - slack && inner.y1 <= outer.y1 + slack && overlap > 0.5 * (inner.x1 - inner.x0) &&
                         overlaps_horizontally(lines[i], lines[j]);
        }
    }
    std::size_t at = 0;
    std::erase_if(lines, [&](const Line&) { return doubled[at++]; });
}

std::vector<Line> order_rows(std::vector<Line> lines) {
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return centre_y(a.box) < centre_y(b.box); });
    std::vector<Line> rows;
    for (Line& line : lines) {
        if (!rows.empty()) {
            Line& row = rows.back();
            const double size = std::max(em_of(row), em_of(line));
            if (std::abs(centre_y(row.box) - centre_y(line.box)) <= 0.5 * size && !overlaps_horizontally(row, line)) {
                std::move(line.words.begin(), line.words.end(), std::back_inserter(row.words));
                std::stable_sort(row.words.begin(), row.words.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
                row.box = {std::min(row.box.x0, line.box.x0), std::min(row.box.y0, line.box.y0),
                           std::max(row.box.x1, line.box.x1), std::max(row.box.y1, line.box.y1)};
                continue;
            }
        }
        rows.push_back(std::move(line));
    }
    return rows;
}

std::u32string repair_tokens(std::u32string text) {
    text = repair_marking_drops(std::move(text));
    std::erase(text, kDropped);
    return text;
}

void tidy_line(Line& line) {
    repair_words(line);
    decide_spaces(line);
    line.text.clear();
    for (const Word& word : line.words) {
        line.text += word.text;
        if (word.space_after) line.text += ' ';
    }
}

void tidy_block(std::vector<Line>& lines) {
    std::vector<Word*> words;
    for (Line& line : lines) {
        for (Word& word : line.words) words.push_back(&word);
    }
    repair_words(words);
    for (Line& line : lines) tidy_line(line);   // the repairs again, on repaired text: no change
}

double mean_confidence(const std::vector<Line>& lines) {
    double weighted = 0;
    double characters = 0;
    for (const Line& line : lines) {
        for (const Word& word : line.words) {
            const double length = static_cast<double>(to_u32(word.text).size());
            weighted += word.confidence * length;
            characters += length;
        }
    }
    return characters > 0 ? weighted / characters : -1;
}

void scale_boxes(std::vector<Line>& lines, double factor) {
    const auto scale = [factor](Box& box) {
        box.x0 *= factor, box.y0 *= factor, box.x1 *= factor, box.y1 *= factor;
    };
    for (Line& line : lines) {
        scale(line.box);
        for (Word& word : line.words) {
            scale(word.box);
            for (Box& box : word.char_boxes) scale(box);
            word.font_size *= factor;
        }
    }
}

}  // namespace gongwen::ocr
