// Dates and deadlines in 公文 (see dates.hpp). A small scanner over code points rather than one big
// regular expression: the forms combine (a year, then a month or a quarter or 年底, then 前/底前),
// and a scanner keeps each combination readable and its offsets exact.
#include "gongwen/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/text.hpp"

namespace gongwen {

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool is_valid(const Date& date) {
    return date.year >= 1900 && date.year <= 2200 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

const char* to_string(DateKind kind) {
    switch (kind) {
        case DateKind::deadline: return "deadline";
        case DateKind::target: return "target";
        case DateKind::date: return "date";
        case DateKind::ongoing: return "ongoing";
        case DateKind::recurring: return "recurring";
    }
    return "date";
}

namespace {

int arabic_digit(char32_t c) {
    if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
    if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
    return -1;
}

/// 〇 and its look-alikes as 0: ○ U+25CB, full-width Ｏ, 零, and the letters web pages and
/// converted files type for it (Latin O, Cyrillic О/о, Greek Ο: 二ОО六年六月八日 on moe.gov.cn);
/// 一…九 as 1…9.
int chinese_digit(char32_t c) {
    switch (c) {
        case U'〇': case U'○': case U'Ｏ': case U'零': case U'O': case U'\u041E': case U'\u043E': case U'\u039F': return 0;
        case U'一': return 1; case U'二': case U'两': return 2; case U'三': return 3;
        case U'四': return 4; case U'五': return 5; case U'六': return 6;
        case U'七': return 7; case U'八': return 8; case U'九': return 9;
        default: return -1;
    }
}

bool is_number_char(char32_t c) { return arabic_digit(c) >= 0 || chinese_digit(c) >= 0 || c == U'十' || c == U'百'; }

// Line breaks count as spaces: a wrapped table cell or PDF line splits `2023年` / `6月` / `底前`.
bool is_space(char32_t c) {
    // U+2000–U+200A: web pages pad signature dates with en/em spaces (`2017\u2002\u2002年`).
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00a0' ||
           (c >= U'\u2000' && c <= U'\u200a');
}

/// The value of a run of number characters (see parse_number), or -1.
int number_value(std::u32string_view s) {
    if (s.empty() || s.size() > 8) return -1;
    bool all_arabic = true, all_digits = true;
    for (char32_t c : s) {
        all_arabic = all_arabic && arabic_digit(c) >= 0;
        all_digits = all_digits && (arabic_digit(c) >= 0 || chinese_digit(c) >= 0);
    }
    if (all_arabic || (all_digits && s.size() >= 2)) {   // 2021, 二〇二一, 二〇一三 digit by digit
        int value = 0;
        for (char32_t c : s) value = value * 10 + (arabic_digit(c) >= 0 ? arabic_digit(c) : chinese_digit(c));
        return value;
    }
    // Positional Chinese: 十二, 二十一, 三十, 一百零八.
    int value = 0, pending = -1;
    for (char32_t c : s) {
        if (const int d = chinese_digit(c); d >= 0) {
            if (pending >= 0 && d != 0) return -1;   // two digits in a row outside digit-by-digit form
            pending = d == 0 ? -1 : d;
        } else if (c == U'十' || c == U'百') {
            const int unit = c == U'十' ? 10 : 100;
            value += (pending < 0 ? 1 : pending) * unit;
            pending = -1;
        } else {
            return -1;
        }
    }
    return value + (pending < 0 ? 0 : pending);
}

/// The text as code points with the byte offset of each, so mentions report exact UTF-8 ranges.
struct Scanned {
    std::u32string text;
    std::vector<std::size_t> offset;   // size text.size() + 1
};

Scanned scan(std::string_view utf8) {
    Scanned out;
    out.text.reserve(utf8.size());
    out.offset.reserve(utf8.size() + 1);
    for (std::size_t pos = 0; pos < utf8.size();) {
        out.offset.push_back(pos);
        out.text.push_back(next_code_point(utf8, pos));
    }
    out.offset.push_back(utf8.size());
    return out;
}

/// A cursor over the code points with the small parsers the forms are built from.
class Cursor {
public:
    Cursor(const std::u32string& text, std::size_t pos) : text_(text), pos_(pos) {}
    std::size_t pos() const { return pos_; }
    void reset(std::size_t pos) { pos_ = pos; }
    bool at_end() const { return pos_ >= text_.size(); }

    void skip_spaces() {
        while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    }
    /// Consumes `word` (after optional spaces) when it comes next.
    bool accept(std::u32string_view word) {
        const std::size_t save = pos_;
        skip_spaces();
        if (text_.compare(pos_, word.size(), word) == 0) {
            pos_ += word.size();
            return true;
        }
        pos_ = save;
        return false;
    }
    /// Consumes the first of `words` that comes next.
    bool accept_any(std::initializer_list<std::u32string_view> words) {
        for (auto word : words) {
            if (accept(word)) return true;
        }
        return false;
    }
    /// A run of number characters followed by `unit` (年, 月, 日/号), its value in [lo, hi].
    int number_before(std::initializer_list<char32_t> units, int lo, int hi, std::size_t max_len) {
        const std::size_t save = pos_;
        skip_spaces();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && pos_ - start < max_len + 1 && is_number_char(text_[pos_])) ++pos_;
        const int value = number_value(std::u32string_view(text_).substr(start, pos_ - start));
        skip_spaces();
        const bool unit_follows = pos_ < text_.size() && std::find(units.begin(), units.end(), text_[pos_]) != units.end();
        if (value >= lo && value <= hi && pos_ - start > 0 && unit_follows) {
            ++pos_;
            return value;
        }
        pos_ = save;
        return -1;
    }
    int year() {
        // Four characters read digit by digit; a positional form such as 二千 is not used for years.
        const std::size_t save = pos_;
        skip_spaces();
        const std::size_t start = pos_;
        if (start + 4 > text_.size()) return pos_ = save, -1;
        for (std::size_t i = 0; i < 4; ++i) {
            const char32_t c = text_[start + i];
            if (arabic_digit(c) < 0 && chinese_digit(c) < 0) return pos_ = save, -1;
        }
        // A longer digit run (an id, a phone number) is no year.
        if (start > 0 && arabic_digit(text_[start - 1]) >= 0) return pos_ = save, -1;
        pos_ = start + 4;
        const int value = number_value(std::u32string_view(text_).substr(start, 4));
        if (value >= 1900 && value <= 2200 && accept(U"年")) return value;
        pos_ = save;
        return -1;
    }
    /// 今年, 本年, 当年 → 0; 明年, 次年, 来年, 翌年 → 1 (years after the reference); -1 for none.
    int relative_year() {
        if (accept_any({U"今年", U"本年", U"当年"})) return 0;
        if (accept_any({U"明年", U"次年", U"来年", U"翌年", U"下一年"})) return 1;
        return -1;
    }
    int month() { return number_before({U'月'}, 1, 12, 2); }
    /// A month number whose 月 is missing: one or two digits at the end or before a range or a
    /// deadline word.
    int month_without_unit() {
        const std::size_t save = pos_;
        skip_spaces();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && pos_ - start < 3 && arabic_digit(text_[pos_]) >= 0) ++pos_;
        const int value = number_value(std::u32string_view(text_).substr(start, pos_ - start));
        const std::size_t digits_end = pos_;
        skip_spaces();
        const bool ends = at_end() || text_[pos_] == U'\n';
        pos_ = digits_end;
        if (digits_end - start >= 1 && digits_end - start <= 2 && value >= 1 && value <= 12 &&
            (ends || accept_any({U"至", U"—", U"－", U"-", U"底", U"前"}))) {
            pos_ = digits_end;
            return value;
        }
        pos_ = save;
        return -1;
    }
    int day() { return number_before({U'日', U'号'}, 1, 31, 3); }
    /// 第三季度, 三季度, 3季度, 一季度 → 1..4; 第二、三季度 (a list of quarters) → the last.
    int quarter() {
        const std::size_t save = pos_;
        accept(U"第");
        skip_spaces();
        for (int q = -1; pos_ < text_.size();) {
            const char32_t c = text_[pos_];
            const int value = arabic_digit(c) >= 1 ? arabic_digit(c) : chinese_digit(c);
            if (value < 1 || value > 4) break;
            q = value;
            ++pos_;
            if (accept(U"季度")) return q;
            if (!accept(U"、")) break;
        }
        pos_ = save;
        return -1;
    }
    char32_t previous(std::size_t at) const { return at > 0 ? text_[at - 1] : U'\0'; }

private:
    const std::u32string& text_;
    std::size_t pos_;
};

/// What the scanner read at one position before the kind is decided.
struct Parsed {
    std::size_t end = 0;
    Date date;
    bool has_year = false, has_day = false, year_only = false, month_only = false;
    bool end_marker = false;   // 底, 末: the end of the period
    bool period = false;       // 年底, 上半年, 第三季度: a part of a year rather than a day or month
};

Date end_of_month(int year, int month) { return {year, month, days_in_month(year, month)}; }

/// Parses a date atom starting at `start`; the reference supplies a missing year.
/// `rough`: also the loose parts of a period a time-limit cell may name (年初 → the end of
/// February, 年中 → June 30, 6月初 → June 5, 6月中 → June 15); in prose `2024年中` may be
/// `2024年中央…`.
std::optional<Parsed> parse_atom(const std::u32string& text, std::size_t start, std::optional<Date> reference,
                                 bool& needs_year, bool rough = false) {
    Cursor in(text, start);
    Parsed p;
    needs_year = false;
    int year = in.year();
    if (year < 0 && reference) {
        if (const int offset = in.relative_year(); offset >= 0) year = reference->year + offset;
    }
    p.has_year = year > 0;
    const int y = p.has_year ? year : (reference ? reference->year : 0);
    if (!p.has_year) needs_year = true;

    // ISO-like numeric forms: 2021-03-05, 2021/3/5, 2021.3.5.
    if (!p.has_year) {
        std::size_t i = start;
        int parts[3] = {0, 0, 0}, n = 0;
        char32_t sep = 0;
        while (n < 3) {
            const std::size_t digits_start = i;
            int value = 0;
            while (i < text.size() && arabic_digit(text[i]) >= 0 && i - digits_start < 4) value = value * 10 + arabic_digit(text[i++]);
            const std::size_t len = i - digits_start;
            if (len == 0 || (n == 0 && len != 4) || (n > 0 && len > 2)) break;
            parts[n++] = value;
            if (n == 3) break;
            if (i >= text.size() || (text[i] != U'-' && text[i] != U'/' && text[i] != U'.')) break;
            if (sep && text[i] != sep) break;
            sep = text[i++];
        }
        const bool preceded_by_digit = start > 0 && arabic_digit(text[start - 1]) >= 0;
        const bool followed_by_digit = i < text.size() && arabic_digit(text[i]) >= 0;
        if (n == 3 && !preceded_by_digit && !followed_by_digit && is_valid({parts[0], parts[1], parts[2]})) {
            p.date = {parts[0], parts[1], parts[2]};
            p.has_year = p.has_day = true;
            needs_year = false;
            p.end = i;
            return p;
        }
        // A year and month alone, as a time-limit cell may give it (2024.06, 2024-6): the month's end.
        if (n == 2 && sep && !preceded_by_digit && !followed_by_digit && parts[0] >= 1900 && parts[0] <= 2200 && parts[1] >= 1 &&
            parts[1] <= 12) {
            p.date = end_of_month(parts[0], parts[1]);
            p.has_year = p.month_only = true;
            needs_year = false;
            p.end = i;
            return p;
        }
    }

    const std::size_t after_year = in.pos();
    if (const int m = rough && p.has_year ? in.month_without_unit() : -1; m > 0) {
        p.date = end_of_month(y, m);   // OCR lost the 月 (`2024年11`, `2024年5至10月`)
        p.month_only = true;
    } else if (const int m = in.month(); m > 0) {
        if (const int d = in.day(); d > 0) {
            p.date = {y, m, d};
            p.has_day = true;
            if (y && !is_valid(p.date)) return std::nullopt;
        } else if (in.accept_any({U"底", U"末"})) {
            p.date = end_of_month(y, m);
            p.end_marker = true;
        } else if (in.accept(U"上旬")) {
            p.date = {y, m, 10};
        } else if (in.accept(U"中旬")) {
            p.date = {y, m, 20};
        } else if (in.accept(U"下旬")) {
            p.date = end_of_month(y, m);
        } else if (rough && in.accept(U"初")) {
            p.date = {y, m, 5};
        } else if (rough && in.accept(U"中")) {
            p.date = {y, m, 15};
        } else {
            p.date = end_of_month(y, m);
            p.month_only = true;
        }
    } else if (in.accept_any({U"年底", U"年末"}) || (p.has_year && in.accept_any({U"底", U"末"}))) {
        p.date = {y, 12, 31};
        p.end_marker = p.period = true;
    } else if (rough && (in.accept(U"年初") || (p.has_year && in.accept(U"初")))) {
        p.date = end_of_month(y, 2);
        p.period = true;
    } else if (rough && (in.accept(U"年中") || (p.has_year && in.accept(U"中")))) {
        p.date = {y, 6, 30};
        p.period = true;
    } else if (in.accept(U"上半年")) {
        p.date = {y, 6, 30};
        p.period = true;
    } else if (in.accept(U"下半年")) {
        p.date = {y, 12, 31};
        p.period = true;
    } else if (const int q = in.quarter(); q > 0) {
        p.end_marker = in.accept_any({U"末", U"底"});
        p.date = end_of_month(y, q * 3);
        p.period = true;
    } else if (p.has_year) {
        in.reset(after_year);
        p.date = {y, 12, 31};
        p.year_only = true;
    } else {
        return std::nullopt;
    }
    p.end = in.pos();
    return p;
}

const std::u32string_view kDeadlineSuffixes[] = {U"以前", U"之前", U"为止", U"前", U"止"};
const std::u32string_view kOngoingWords[] = {U"长期坚持", U"持续推进", U"持续开展", U"逐步推进", U"常态化", U"长期", U"持续"};

bool starts_with_at(const std::u32string& text, std::size_t pos, std::u32string_view word) {
    return text.compare(pos, word.size(), word) == 0;
}

/// True when one of `words` ends right before `pos` (spaces allowed in between).
bool preceded_by(const std::u32string& text, std::size_t pos, std::initializer_list<std::u32string_view> words) {
    while (pos > 0 && is_space(text[pos - 1])) --pos;
    for (auto word : words) {
        if (pos >= word.size() && text.compare(pos - word.size(), word.size(), word) == 0) return true;
    }
    return false;
}

/// A month and day without a year belong to the reference year, or the next one when that would
/// put them more than three months before the reference (a December notice asking for 1月15日).
Date place_in_year(Date date, const Date& reference) {
    date.year = reference.year;
    if (date.month + 3 < reference.month) ++date.year;
    if (date.day > days_in_month(date.year, date.month)) date.day = days_in_month(date.year, date.month);
    return date;
}

enum class Mode { running_text, deadline_cell };

/// Where `前` (以前, 之前) ends a short run of words that names an event (春节, 汛期, 秋季开学)
/// right after `at`; 0 when the text there is not such a run.
std::size_t event_before_deadline(const std::u32string& text, std::size_t at) {
    constexpr std::size_t kLongestEvent = 8;
    std::size_t pos = at;
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const std::size_t words = pos;
    while (pos < text.size() && pos - words <= kLongestEvent && is_han(text[pos]) && !is_number_char(text[pos])) {
        for (auto suffix : {std::u32string_view(U"以前"), std::u32string_view(U"之前"), std::u32string_view(U"前")}) {
            if (pos > words && starts_with_at(text, pos, suffix)) return pos + suffix.size();
        }
        ++pos;
    }
    return 0;
}

std::optional<DateMention> mention_at(const Scanned& s, std::size_t start, std::optional<Date> reference, Mode mode) {
    const std::u32string& text = s.text;
    bool needs_year = false;
    auto parsed = parse_atom(text, start, reference, needs_year, mode == Mode::deadline_cell);
    if (!parsed) return std::nullopt;

    Cursor after(text, parsed->end);
    bool suffix = false;
    for (auto word : kDeadlineSuffixes) {
        if (after.accept(word)) {
            suffix = true;
            break;
        }
    }
    const bool target_prefix = preceded_by(text, start, {U"到", U"力争到", U"力争", U"争取到", U"争取"});
    const bool deadline_prefix = preceded_by(text, start, {U"截止", U"截止到", U"务必于", U"请于", U"于"}) && suffix;

    DateMention m;
    m.begin = s.offset[start];
    m.end = s.offset[after.pos()];
    m.text = to_utf8(std::u32string_view(text).substr(start, after.pos() - start));

    if (mode == Mode::running_text) {
        // A bare year or year-month in prose is a period, not a day ("2019年，…", "2021年3月，国务院…").
        if ((parsed->year_only || parsed->month_only) && !suffix && !target_prefix) return std::nullopt;
        // 2025年前 is ambiguous (before 2025, or by the end of it); read as the end, as staff do.
        m.kind = target_prefix ? DateKind::target
                 : (suffix || parsed->end_marker || deadline_prefix) ? DateKind::deadline
                                                                     : DateKind::date;
        // 年底, 上半年, 第三季度 without a year are periods in prose ("第三季度GDP增长"); they are
        // news only as deadlines (年底前) or targets.
        if (parsed->period && !parsed->has_year && m.kind == DateKind::date) return std::nullopt;
        if (parsed->period && !parsed->has_year && !suffix && m.kind == DateKind::deadline &&
            !parsed->end_marker) return std::nullopt;
    } else {
        // A time-limit cell is a deadline unless it says it is a goal (到2025年, 力争2025年).
        m.kind = target_prefix ? DateKind::target : DateKind::deadline;
        // Before an event of the year (2024年春节前, 2025年汛期前, 2024年秋季开学前): its day is not
        // known here, and the year's end would make the work look months less urgent than it is.
        if (parsed->year_only && !suffix) {
            if (const std::size_t event_end = event_before_deadline(text, parsed->end); event_end > 0) {
                m.end = s.offset[event_end];
                m.text = to_utf8(std::u32string_view(text).substr(start, event_end - start));
                return m;
            }
        }
    }
    if (needs_year) {
        if (!reference) return m;   // a date, but its year is unknown: reported without a day
        // parse_atom already used the reference year; a month that lies well before the
        // reference belongs to the next year.
        parsed->date = place_in_year(parsed->date, *reference);
    }
    if (is_valid(parsed->date)) m.date = parsed->date;
    return m;
}

/// The next end of a period of `months` months (12, 6, 3, 1) strictly after the reference.
Date next_period_end(const Date& reference, int months) {
    for (int year = reference.year; year <= reference.year + 1; ++year) {
        for (int month = months; month <= 12; month += months) {
            const Date end = end_of_month(year, month);
            if (end > reference) return end;
        }
    }
    return end_of_month(reference.year + 1, 12);
}

/// The end of a range that starts with `first` in a time-limit cell (`2024年3月—12月`,
/// `2024年4月至9月`, `2024年10月-2025年3月`): the work is due when the range ends. The end takes
/// its missing year from the start (the next year when its month lies well before the start's).
std::optional<DateMention> range_end(const Scanned& s, const DateMention& first) {
    if (!first.date) return std::nullopt;
    const auto index_of = [&s](std::size_t byte) {
        std::size_t at = 0;
        while (at < s.text.size() && s.offset[at] < byte) ++at;
        return at;
    };
    Cursor in(s.text, index_of(first.end));
    // A list of months (`2024年6月、12月`) is due with its last, as a range is.
    // OCR reads a dash as 一; between a month and a number it cannot be the numeral.
    const std::size_t before_separator = in.pos();
    const bool ocr_dash = in.accept(U"一") && !in.at_end() && arabic_digit(s.text[in.pos()]) >= 0;
    if (!ocr_dash) in.reset(before_separator);
    if (!ocr_dash && !in.accept_any({U"——", U"—", U"–", U"－", U"-", U"～", U"~", U"至", U"到", U"、"})) return std::nullopt;
    in.skip_spaces();
    auto end = mention_at(s, in.pos(), first.date, Mode::deadline_cell);
    if (!end || !end->date || *end->date < *first.date) return std::nullopt;
    const std::size_t from = index_of(first.begin);
    end->begin = first.begin;
    end->text = to_utf8(std::u32string_view(s.text).substr(from, index_of(end->end) - from));
    return end;
}

/// `自印发之日起30日内`, `本通知印发后15天内`: due that many calendar days after the document's date
/// (the reference). Working days (`15个工作日内`) depend on each year's holiday notice (调休), so
/// they are reported without a day, as is a count from anything other than the issue.
std::optional<DateMention> days_after_issue(const Scanned& s, std::optional<Date> reference) {
    const std::u32string& t = s.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is_number_char(t[i]) || (i > 0 && is_number_char(t[i - 1]))) continue;
        std::size_t end = i;
        while (end < t.size() && is_number_char(t[end])) ++end;
        const int count = number_value(std::u32string_view(t).substr(i, end - i));
        Cursor in(t, end);
        const bool working = in.accept_any({U"个工作日", U"工作日"});
        if (!working && !in.accept_any({U"个自然日", U"日", U"天"})) continue;
        if (!in.accept(U"内")) continue;
        DateMention m;
        m.kind = DateKind::deadline;
        std::size_t begin = i;
        const bool from_issue = preceded_by(t, i, {U"印发之日起", U"印发后", U"发布之日起", U"发布后", U"下发之日起", U"下发后"});
        if (from_issue) {
            while (begin > 0 && !is_space(t[begin - 1]) && t[begin - 1] != U'，' && t[begin - 1] != U',') --begin;
        }
        m.begin = s.offset[begin];
        m.end = s.offset[in.pos()];
        m.text = to_utf8(std::u32string_view(t).substr(begin, in.pos() - begin));
        if (from_issue && !working && reference && count > 0) m.date = add_days(*reference, count);
        return m;
    }
    return std::nullopt;
}

}  // namespace

Date add_days(Date date, int days) {
    while (days > 0) {
        if (++date.day > days_in_month(date.year, date.month)) {
            date.day = 1;
            if (++date.month > 12) date.month = 1, ++date.year;
        }
        --days;
    }
    while (days < 0) {
        if (--date.day < 1) {
            if (--date.month < 1) date.month = 12, --date.year;
            date.day = days_in_month(date.year, date.month);
        }
        ++days;
    }
    return date;
}

std::optional<int> parse_number(std::string_view text) {
    const std::u32string s = to_u32(trim(text));
    const int value = number_value(s);
    if (value < 0) return std::nullopt;
    return value;
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < lengths[i]; ++j) {
            const char c = text[starts[i] + j];
            if (c < '0' || c > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const Date date{parts[0], parts[1], parts[2]};
    if (!is_valid(date)) return std::nullopt;
    return date;
}

std::optional<Date> parse_date(std::string_view text) {
    const std::string trimmed = trim(text);
    const Scanned s = scan(trimmed);
    bool needs_year = false;
    const auto parsed = parse_atom(s.text, 0, std::nullopt, needs_year);
    if (!parsed || needs_year || !parsed->has_day || parsed->end != s.text.size() || !is_valid(parsed->date)) {
        return std::nullopt;
    }
    return parsed->date;
}

std::vector<DateMention> find_dates(std::string_view text, std::optional<Date> reference) {
    const Scanned s = scan(text);
    std::vector<DateMention> found;
    for (std::size_t i = 0; i < s.text.size();) {
        // A date starts at a number character that does not continue a longer number.
        // (The first character of each word is tested first: this runs at every character.)
        const char32_t c = s.text[i];
        const bool can_start = (is_number_char(c) || (c == U'年' && starts_with_at(s.text, i, U"年底")) ||
                                (c == U'上' && starts_with_at(s.text, i, U"上半年")) ||
                                (c == U'下' && starts_with_at(s.text, i, U"下半年")) || c == U'第') &&
                               !(i > 0 && is_number_char(s.text[i - 1]));
        if (can_start) {
            if (auto m = mention_at(s, i, reference, Mode::running_text)) {
                std::size_t next = i;
                while (next < s.text.size() && s.offset[next] < m->end) ++next;
                found.push_back(std::move(*m));
                i = next;
                continue;
            }
        }
        ++i;
    }
    return found;
}

std::optional<DateMention> normalize_deadline(std::string_view text, std::optional<Date> reference) {
    const Scanned s = scan(text);
    const std::u32string& t = s.text;

    // Recurring work: 每年, 每半年, 每季度, 每月 (with an optional day: 每月28日前).
    struct Period {
        std::u32string_view word;
        int months;
    };
    // A day stated before the recurring part is the deadline (`2024年6月底前，每半年报送一次进展`).
    std::optional<DateMention> stated;
    std::size_t stated_at = t.size();
    for (std::size_t i = 0; i < t.size() && !stated; ++i) {
        if (i > 0 && is_number_char(t[i - 1])) continue;
        if (auto m = mention_at(s, i, reference, Mode::deadline_cell)) {
            if (auto end = range_end(s, *m)) m = end;
            stated = std::move(m);
            stated_at = i;
        }
    }
    for (const Period& period : {Period{U"每半年", 6}, Period{U"每季度", 3}, Period{U"每年", 12}, Period{U"每月", 1}}) {
        const auto at = t.find(period.word);
        if (at == std::u32string::npos || at > stated_at) continue;
        DateMention m;
        m.kind = DateKind::recurring;
        m.begin = s.offset[at];
        m.end = s.offset[at + period.word.size()];
        m.text = to_utf8(std::u32string_view(t).substr(at, period.word.size()));
        if (reference) {
            Cursor in(t, at + period.word.size());
            const int day = period.months == 1 ? in.day() : -1;
            if (day > 0) {
                Date next{reference->year, reference->month, std::min(day, days_in_month(reference->year, reference->month))};
                if (!(next > *reference)) {
                    const int month = reference->month == 12 ? 1 : reference->month + 1;
                    const int year = reference->month == 12 ? reference->year + 1 : reference->year;
                    next = {year, month, std::min(day, days_in_month(year, month))};
                }
                m.date = next;
            } else {
                m.date = next_period_end(*reference, period.months);
            }
        }
        return m;
    }

    if (stated) return stated;
    if (auto after_issue = days_after_issue(s, reference)) return after_issue;

    // The whole of the year in force: 全年, 年内, 本年度 (with a year, 2023年内 is read above).
    for (std::u32string_view word : {U"全年", U"年内", U"本年度", U"年度内"}) {
        const auto at = t.find(word);
        if (at == std::u32string::npos) continue;
        DateMention m;
        m.kind = DateKind::deadline;
        m.begin = s.offset[at];
        m.end = s.offset[at + word.size()];
        m.text = to_utf8(word);
        if (reference) m.date = Date{reference->year, 12, 31};
        return m;
    }

    for (auto word : kOngoingWords) {
        if (const auto at = t.find(word); at != std::u32string::npos) {
            DateMention m;
            m.kind = DateKind::ongoing;
            m.begin = s.offset[at];
            m.end = s.offset[at + word.size()];
            m.text = to_utf8(word);
            return m;
        }
    }
    return std::nullopt;
}

}  // namespace gongwen
