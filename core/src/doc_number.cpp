// The 发文字号 grammar: finds and parses doc numbers (GB/T 9704 §7.2.4 plus the variants real
// documents and government web sites print) with ICU regex over UTF-16, reporting UTF-8 offsets.
#include "gongwen/doc_number.hpp"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <optional>
#include <unordered_map>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "gongwen/text.hpp"

namespace gongwen {
namespace {

// ---------------------------------------------------------------------------------------------
// The text as UTF-16 with a map back to UTF-8 byte offsets.

/// The input decoded code point by code point (invalid bytes become U+FFFD, as next_code_point
/// decides), with the byte offset of every UTF-16 unit so that matches map back exactly.
struct Utf16Text {
    icu::UnicodeString text;
    std::vector<std::size_t> byte_offset;   ///< size text.length() + 1
};

Utf16Text to_utf16(std::string_view utf8) {
    Utf16Text out;
    out.byte_offset.reserve(utf8.size() + 1);
    for (std::size_t pos = 0; pos < utf8.size();) {
        const std::size_t start = pos;
        const char32_t cp = next_code_point(utf8, pos);
        out.text.append(static_cast<UChar32>(cp));
        out.byte_offset.push_back(start);
        if (cp > 0xFFFF) out.byte_offset.push_back(start);   // the low surrogate of the pair
    }
    out.byte_offset.push_back(utf8.size());
    return out;
}

// ---------------------------------------------------------------------------------------------
// Character classes.

bool is_han_script(UChar32 cp) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(cp, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

bool is_latin_letter(UChar32 cp) {
    return (cp >= u'A' && cp <= u'Z') || (cp >= u'a' && cp <= u'z') || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A);
}

/// What a 机关代字 is made of (GB/T 9704 §7.2.4: 发文机关代字 is letters of the agency's name).
bool is_code_char(UChar32 cp) { return is_han_script(cp) || is_latin_letter(cp); }

/// Spaces PDF extraction, OCR and web pages leave around the parts of a number; the zero-width
/// ones come from real web lists (`\u200b渝府办发〔2019〕103号` in the Chongqing list).
bool is_inline_space(UChar32 cp) {
    return cp == u' ' || cp == u'\t' || cp == 0x3000 || cp == 0xA0 || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF;
}

int digit_value(UChar32 cp) {
    if (cp >= u'0' && cp <= u'9') return cp - u'0';
    if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10;   // full-width ０-９
    return -1;
}

/// Arabic digits (ASCII or full-width) to an int; -1 for anything else.
int arabic_value(const icu::UnicodeString& digits) {
    if (digits.isEmpty() || digits.length() > 6) return -1;
    int value = 0;
    for (int32_t i = 0; i < digits.length(); ++i) {
        const int digit = digit_value(digits.charAt(i));
        if (digit < 0) return -1;
        value = value * 10 + digit;
    }
    return value;
}

/// Chinese numerals up to 9999 (主席令 and some 部令 print 第三十一号); -1 when not a numeral.
int chinese_numeral_value(const icu::UnicodeString& numeral) {
    static constexpr std::array<std::pair<char16_t, int>, 12> kDigits{{{u'零', 0}, {u'〇', 0}, {u'一', 1}, {u'二', 2},
        {u'两', 2}, {u'三', 3}, {u'四', 4}, {u'五', 5}, {u'六', 6}, {u'七', 7}, {u'八', 8}, {u'九', 9}}};
    static constexpr std::array<std::pair<char16_t, int>, 3> kUnits{{{u'十', 10}, {u'百', 100}, {u'千', 1000}}};
    int total = 0, pending = -1;
    for (int32_t i = 0; i < numeral.length(); ++i) {
        const char16_t c = numeral.charAt(i);
        const auto digit = std::find_if(kDigits.begin(), kDigits.end(), [c](const auto& d) { return d.first == c; });
        if (digit != kDigits.end()) {
            pending = digit->second;
            continue;
        }
        const auto unit = std::find_if(kUnits.begin(), kUnits.end(), [c](const auto& u) { return u.first == c; });
        if (unit == kUnits.end()) return -1;
        total += (pending < 0 ? 1 : pending) * unit->second;   // 十五 = 15: a bare 十 means 一十
        pending = -1;
    }
    return total + (pending < 0 ? 0 : pending);
}

int serial_value(const icu::UnicodeString& serial) {
    const int arabic = arabic_value(serial);
    return arabic >= 0 ? arabic : chinese_numeral_value(serial);
}

/// A bracketed year: 4 digits 19xx/20xx, or a legacy 2-digit year. Two digits are read as 19xx and
/// only from 50 up: pre-2000 documents printed 〔95〕, while 2000s documents already print four
/// digits, so `(12)` after a word is far more likely a list item than the year 2012. 0 = no year.
int bracket_year(const icu::UnicodeString& digits) {
    const int value = arabic_value(digits);
    if (digits.length() == 4) return value >= 1900 && value <= 2099 ? value : 0;
    if (digits.length() == 2) return value >= 50 ? 1900 + value : 0;
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Where the 机关代字 (or the issuer of a 令/公告) starts.

/// Characters that never occur inside a real 机关代字: particles, conjunctions, prepositions and
/// date units. Checked against the 849 distinct codes of the ~38,000 real numbers in
/// tests/fixtures (policy_transparency lists): each of these only ever appeared there in values a
/// scraper had glued to preceding text (`的通知沪府发`, `已按照沪府办`, `休人员以及按国发`,
/// `日辽政发`). 和 is handled apart because issuers of 令 contain it (住房和城乡建设部令).
constexpr std::u16string_view kBoundaryChars = u"的了与及或等按照据即在将对由为是日年月号第件以已并向把被给同从该此各凡如若均还也又再则而且但却时见要请";

/// Words that end the text before a code or issuer: citation verbs (根据/依据 are caught by 据,
/// 按照/参照 by 照), title endings (`…的通知沪府发` in the Shanghai list; `的` already covers most)
/// and verbs that introduce a cited number in running text (`再次重申国发〔2015〕43号`). None of
/// them occurs in any of the 807 distinct codes the real list parses to.
constexpr std::array<std::u16string_view, 28> kBoundaryWords{u"关于", u"通知", u"意见", u"批复", u"决定", u"印发",
    u"转发", u"下发", u"废止", u"落实", u"贯彻", u"重申", u"执行", u"结合", u"遵循", u"适用", u"同时", u"继续",
    u"明确", u"规定", u"要求", u"部署", u"通过", u"参考", u"文件", u"精神", u"有关", u"相关"};

/// Full agency names: a 机关代字 is an abbreviation and never contains one, so text like
/// `辽宁省人民政府辽政发` (Liaoning list) or `劳动部、中国纺织总会劳部发〔1998〕37号` (a Liaoning
/// text) ends the name right before the code. Not used for 令/公告 issuers, which are full names.
constexpr std::array<std::u16string_view, 5> kFullNameWords{u"人民政府", u"委员会", u"办公厅", u"办公室", u"总会"};

/// Characters that only end the text when they open the run: 和 and 原 join words of one name
/// (`住房和城乡建设部令`, `工信部联原〔…〕`) but `…第699号和国令第707号` lists two orders and
/// `原国家安全监管总局令第3号` means "the former 总局".
constexpr std::u16string_view kLeadingBoundaryChars = u"和原";

/// The most characters a code may have. The longest real ones are 8 (`国中医药办法监发`); 12 leaves
/// room for joint-issuer codes while keeping a runaway sentence out.
constexpr int kMaxCodeLength = 12;
/// 令/公告 issuers are full names: `中华人民共和国国家发展和改革委员会令` has 17 characters before 令.
constexpr int kMaxIssuerLength = 24;

/// Where `word` occurs in `run` at `i` with something after it (a word at the very end belongs
/// to the code itself: `工作通知〔…〕`, `民航总局〔…〕`).
bool word_inside_at(const std::u32string& run, std::size_t i, std::u16string_view word) {
    if (i + word.size() >= run.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (run[i + k] != static_cast<char32_t>(word[k])) return false;
    }
    return true;
}

bool in_set(std::u16string_view set, char32_t c) {
    return c <= 0xFFFF && set.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
}

/// Cuts `run` (the letters just before a bracket or 令) after the last boundary so that running
/// text (`各地区按照国发〔2019〕5号`) yields the code alone (国发). Returns how many leading code
/// points to drop. `issuer` selects the rules for 令/公告 issuers, which are full names.
std::size_t boundary_cut(const std::u32string& run, bool issuer) {
    std::size_t cut = 0;
    for (std::size_t i = 0; i < run.size(); ++i) {
        const char32_t c = run[i];
        if (in_set(kBoundaryChars, c) || (i == cut && in_set(kLeadingBoundaryChars, c)) || (!issuer && c == U'和')) cut = i + 1;
        for (const auto word : kBoundaryWords) {
            if (word_inside_at(run, i, word)) cut = std::max(cut, i + word.size());
        }
        if (issuer) continue;
        for (const auto word : kFullNameWords) {
            if (word_inside_at(run, i, word)) cut = std::max(cut, i + word.size());
        }
    }
    return cut;
}

// ---------------------------------------------------------------------------------------------
// Folding a code to simplified.

/// The simplified form of `c` in a code, or `c`: ICU's Traditional-Simplified fold of one
/// character, tabled at build time (core/tools/make_simplified_table.cpp), where folds that are not
/// stable (ICU maps 苎 and 苧 to each other) are left out: a normalized number must parse back to
/// itself. Character by character on purpose: a code is an abbreviation, not a phrase for ICU's
/// phrase rules.
char32_t simplified(char32_t c) {
    static constexpr std::pair<char32_t, char32_t> kTable[] = {
#include "simplified_table.inc"
    };
    if (c < 0x80) return c;
    const auto* found = std::lower_bound(std::begin(kTable), std::end(kTable), c, [](const auto& entry, char32_t key) { return entry.first < key; });
    return found != std::end(kTable) && found->first == c ? found->second : c;
}

/// Letters of a code folded for matching: full-width letters to ASCII and traditional or variant
/// forms to simplified (號/發/辦/門/國 from the domain notes, web: `盤政辦發〔2021〕1號`; OCR:
/// `財办` for 财办), so that a citation in either script lands on the same key.
std::u32string fold_code(const std::u32string& letters) {
    std::u32string out;
    out.reserve(letters.size());
    for (char32_t c : letters) {
        switch (c) {
            case U'發': c = U'发'; break;
            case U'辦': c = U'办'; break;
            case U'門': c = U'门'; break;
            case U'號': c = U'号'; break;
            case U'國': c = U'国'; break;
            default: c = simplified(fold_width(c));
        }
        out += c;
    }
    return out;
}

/// The code in front of UTF-16 index `end` (exclusive, spaces before it already skipped).
struct CodeSpan {
    int32_t begin = 0;       ///< UTF-16 index of the first code character
    std::u32string letters;  ///< the code without spaces
    std::u32string folded;   ///< the same, folded (fold_code)
};

/// Walks back from `end` over code characters. A letter-spaced code (`粤 府 函 (2021)88号`, OCR)
/// is joined only when every piece is one character, so `附件 国发〔2019〕5号` stays `国发`.
CodeSpan code_before(const icu::UnicodeString& text, int32_t end, int max_length, bool issuer) {
    std::u32string reversed;
    int32_t begin = end;
    while (begin > 0 && static_cast<int>(reversed.size()) < max_length) {
        const int32_t previous = text.moveIndex32(begin, -1);
        const UChar32 cp = text.char32At(previous);
        if (!is_code_char(cp)) break;
        reversed += static_cast<char32_t>(cp);
        begin = previous;
    }
    if (reversed.size() == 1) {
        // Letter-spaced: " X" repeated, each X a lone code character.
        while (begin >= 2 && static_cast<int>(reversed.size()) < max_length) {
            const int32_t space = text.moveIndex32(begin, -1);
            if (!is_inline_space(text.char32At(space)) || space == 0) break;
            const int32_t letter = text.moveIndex32(space, -1);
            const UChar32 cp = text.char32At(letter);
            const bool lone = letter == 0 || !is_code_char(text.char32At(text.moveIndex32(letter, -1)));
            if (!is_code_char(cp) || !lone) break;
            reversed += static_cast<char32_t>(cp);
            begin = letter;
        }
    }
    std::u32string run(reversed.rbegin(), reversed.rend());
    // Cut where the folded text ends: 對 ends running text as 对 does, and the normalized number
    // (folded) must read back as the same code.
    const std::u32string folded = fold_code(run);
    const std::size_t cut = boundary_cut(folded, issuer);
    CodeSpan span;
    span.letters = run.substr(cut);
    span.folded = folded.substr(cut);
    // Move `begin` forward past the cut characters (and the spaces between them when spaced).
    for (std::size_t dropped = 0; dropped < cut;) {
        const UChar32 cp = text.char32At(begin);
        begin = text.moveIndex32(begin, 1);
        if (is_code_char(cp)) ++dropped;
    }
    while (begin < end && is_inline_space(text.char32At(begin))) begin = text.moveIndex32(begin, 1);
    span.begin = begin;
    return span;
}

int32_t skip_spaces_backwards(const icu::UnicodeString& text, int32_t index) {
    while (index > 0) {
        const int32_t previous = text.moveIndex32(index, -1);
        if (!is_inline_space(text.char32At(previous))) break;
        index = previous;
    }
    return index;
}

bool has_han(const std::u32string& letters) {
    return std::any_of(letters.begin(), letters.end(), [](char32_t c) { return is_han_script(static_cast<UChar32>(c)); });
}

/// 令/公告 issuers: `中华人民共和国国务院令` and `国务院令` are the same series, and gov.cn files
/// them as `国令第707号` (labels.tsv): all three normalize to 国务院令 so a search for any finds it.
std::string normalize_issuer(std::string issuer, std::string_view suffix) {
    const std::string prc = "中华人民共和国";
    // Only when a name follows: `中华人民共和国z令` keeps its prefix, or `z令` would be a number that
    // does not parse back (an issuer needs a Han character; found by fuzzing).
    if (issuer.rfind(prc, 0) == 0 && issuer.size() > prc.size() + suffix.size() &&
        has_han(gongwen::to_u32(issuer.substr(prc.size(), issuer.size() - prc.size() - suffix.size())))) {
        issuer.erase(0, prc.size());
    }
    if (issuer == "国" + std::string(suffix) && suffix == "令") issuer = "国务院令";
    return issuer;
}

// ---------------------------------------------------------------------------------------------
// The three forms. Each regex matches the part after the code; the code is found by walking back.

// WS inside a number: ASCII/ideographic/zero-width spaces, and one line break (a number wrapped
// by the layout, `国发〔2019〕\n5号`).
#define GW_WS u"[ \\t\\u3000\\u00A0\\u200B-\\u200D\\uFEFF]*(?:\\r?\\n[ \\t\\u3000]*)?"
#define GW_DIGIT u"[0-9\\uFF10-\\uFF19]"

/// LB (LB)? YEAR RB (RB)? 字? 第? SERIAL 号. A doubled bracket (`(粤府函(2021))88号`) and the
/// non-standard `X发〔1992〕字第36号` come from the domain notes' accept list; a doubled opening
/// bracket (`【〔`, `（（`) and an opening bracket read for the closing one (`〔2021(12号`) are OCR
/// slips of scans (issue 17).
constexpr const char16_t* kBracketTail =
    u"[〔［\\[（(【〖﹝](?:" GW_WS u"[〔［\\[（(【〖﹝])?" GW_WS u"(" GW_DIGIT u"{4}|" GW_DIGIT u"{2})" GW_WS
    u"[〕］\\]）)】〗﹞（(](?:" GW_WS u"[〕］\\]）)】〗﹞])?" GW_WS u"字?" GW_WS u"第?" GW_WS u"(" GW_DIGIT u"{1,5})" GW_WS u"[号號]";

/// 令 (YEAR 年)? 第 SERIAL 号: 财政部令第87号, 交通运输部令2019年第12号, 主席令第三十一号.
constexpr const char16_t* kOrderTail =
    u"令" GW_WS u"(?:(" GW_DIGIT u"{4})" GW_WS u"年" GW_WS u")?第" GW_WS u"(" GW_DIGIT
    u"{1,5}|[一二两三四五六七八九十百千零〇]{1,8})" GW_WS u"[号號]";

/// 公告 YEAR 年第 SERIAL 号: 海关总署公告2021年第5号.
constexpr const char16_t* kAnnouncementTail =
    u"公告" GW_WS u"(" GW_DIGIT u"{4})" GW_WS u"年" GW_WS u"第" GW_WS u"(" GW_DIGIT u"{1,5})" GW_WS u"[号號]";

/// LB YEAR RB CODE 字? 第? SERIAL 号, the year first: `〔1996〕武司字第82号` (military and some
/// older bodies). Only taken when no code stands before the bracket (see year_first_match).
constexpr const char16_t* kYearFirst =
    u"[〔［\\[（(【〖﹝]" GW_WS u"(" GW_DIGIT u"{4})" GW_WS u"[〕］\\]）)】〗﹞]" GW_WS
    u"([[\\u4E00-\\u9FFF]-[第号號字年月日]]{1,8}?)" GW_WS u"字?" GW_WS u"第?" GW_WS u"(" GW_DIGIT u"{1,5})" GW_WS u"[号號]";

enum class Form { bracket, order, announcement, year_first };

struct CompiledPatterns {
    std::unique_ptr<icu::RegexPattern> bracket, order, announcement, year_first;
};

std::unique_ptr<icu::RegexPattern> compile(const char16_t* pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError error;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString(pattern), 0, error, status));
    if (U_FAILURE(status)) throw std::logic_error(std::string("doc number regex: ") + u_errorName(status));
    return compiled;
}

/// Compiled once; RegexPattern is immutable and safe to share between threads.
const CompiledPatterns& patterns() {
    static const CompiledPatterns compiled{compile(kBracketTail), compile(kOrderTail), compile(kAnnouncementTail),
                                           compile(kYearFirst)};
    return compiled;
}

icu::UnicodeString group_text(icu::RegexMatcher& matcher, int group) {
    UErrorCode status = U_ZERO_ERROR;
    return matcher.group(group, status);
}

int32_t group_start(icu::RegexMatcher& matcher, int group = 0) {
    UErrorCode status = U_ZERO_ERROR;
    return matcher.start(group, status);
}

int32_t group_end(icu::RegexMatcher& matcher, int group = 0) {
    UErrorCode status = U_ZERO_ERROR;
    return matcher.end(group, status);
}

/// A match in UTF-16 indices before conversion.
struct RawMatch {
    DocNumber number;
    int32_t begin = 0, end = 0;
};

bool is_open_bracket(UChar32 cp) { return icu::UnicodeString(u"〔［[（(【〖﹝").indexOf(cp) >= 0; }
bool is_close_bracket(UChar32 cp) { return icu::UnicodeString(u"〕］]）)】〗﹞").indexOf(cp) >= 0; }

/// For a doubled bracket (`(粤府函(2021))88号`, domain notes) the span starts at the outer opening
/// bracket so that the printed number is whole; otherwise at the code.
int32_t include_outer_bracket(const icu::UnicodeString& text, int32_t code_begin, icu::RegexMatcher& matcher) {
    int closing = 0;
    for (int32_t i = group_end(matcher, 1); i < group_start(matcher, 2); ++i) closing += is_close_bracket(text.charAt(i));
    if (closing < 2 || code_begin == 0) return code_begin;
    const int32_t before = text.moveIndex32(code_begin, -1);
    return is_open_bracket(text.char32At(before)) ? before : code_begin;
}

std::optional<RawMatch> bracket_match(const icu::UnicodeString& text, icu::RegexMatcher& matcher) {
    const int year = bracket_year(group_text(matcher, 1));
    const int serial = arabic_value(group_text(matcher, 2));
    if (year == 0 || serial <= 0) return std::nullopt;
    const int32_t code_end = skip_spaces_backwards(text, group_start(matcher));
    const CodeSpan code = code_before(text, code_end, kMaxCodeLength, false);
    // A code needs a Han character: `ISO (2019) 3号`-like letter runs are not 机关代字.
    if (code.letters.empty() || !has_han(code.letters)) return std::nullopt;
    RawMatch raw;
    raw.begin = include_outer_bracket(text, code.begin, matcher);
    raw.end = group_end(matcher);
    raw.number.agency = gongwen::to_utf8(code.folded);
    raw.number.year = year;
    raw.number.serial = serial;
    raw.number.form = "bracket";
    raw.number.normalized = raw.number.agency + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
    return raw;
}

std::optional<RawMatch> issuer_match(const icu::UnicodeString& text, icu::RegexMatcher& matcher, Form form) {
    const bool order = form == Form::order;
    const int year = group_text(matcher, 1).isEmpty() ? 0 : arabic_value(group_text(matcher, 1));
    const int serial = serial_value(group_text(matcher, 2));
    if (serial <= 0 || (year != 0 && (year < 1900 || year > 2099))) return std::nullopt;
    const CodeSpan issuer = code_before(text, group_start(matcher), kMaxIssuerLength, true);
    if (issuer.letters.empty() || !has_han(issuer.letters)) return std::nullopt;
    const std::string suffix = order ? "令" : "公告";
    RawMatch raw;
    raw.begin = issuer.begin;
    raw.end = group_end(matcher);
    raw.number.agency = normalize_issuer(gongwen::to_utf8(issuer.folded) + suffix, suffix);
    raw.number.year = year;
    raw.number.serial = serial;
    raw.number.form = order ? "order" : "announcement";
    raw.number.normalized = raw.number.agency + (year ? std::to_string(year) + "年" : "") + "第" + std::to_string(serial) + "号";
    return raw;
}

/// The year-first form, normalized to the usual order (`武司〔1996〕82号`, 字 and 第 dropped as in
/// `X发〔1992〕字第36号`) so that either way of writing it finds the other. A Han character right
/// before the bracket would be a code of the usual form, so the match is refused then.
std::optional<RawMatch> year_first_match(const icu::UnicodeString& text, icu::RegexMatcher& matcher) {
    const int32_t begin = group_start(matcher);
    if (begin > 0 && is_han_script(text.char32At(text.moveIndex32(begin, -1)))) return std::nullopt;
    const int year = bracket_year(group_text(matcher, 1));
    const int serial = arabic_value(group_text(matcher, 3));
    if (year == 0 || serial <= 0) return std::nullopt;
    const icu::UnicodeString code = group_text(matcher, 2);
    std::u32string letters;
    for (int32_t i = 0; i < code.length(); i = code.moveIndex32(i, 1)) letters += static_cast<char32_t>(code.char32At(i));
    // Written the usual way the code must read back as that code: a code the usual form would cut
    // (`〔2019〕中华人民共和国5号`, found by fuzzing) is no 机关代字.
    const std::u32string folded = fold_code(letters);
    if (boundary_cut(folded, false) != 0) return std::nullopt;
    RawMatch raw;
    raw.begin = begin;
    raw.end = group_end(matcher);
    raw.number.agency = gongwen::to_utf8(folded);
    raw.number.year = year;
    raw.number.serial = serial;
    raw.number.form = "bracket";
    raw.number.normalized = raw.number.agency + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
    return raw;
}

void collect(const icu::UnicodeString& text, const icu::RegexPattern& pattern, Form form, std::vector<RawMatch>& out) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(text, status));
    if (U_FAILURE(status)) return;
    while (matcher->find(status) && U_SUCCESS(status)) {
        auto raw = form == Form::bracket      ? bracket_match(text, *matcher)
                   : form == Form::year_first ? year_first_match(text, *matcher)
                                              : issuer_match(text, *matcher, form);
        if (raw) out.push_back(std::move(*raw));
    }
}

/// Orders matches by position and drops any that overlap an earlier one.
std::vector<RawMatch> without_overlaps(std::vector<RawMatch> matches) {
    std::sort(matches.begin(), matches.end(), [](const RawMatch& a, const RawMatch& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<RawMatch> kept;
    for (auto& match : matches) {
        if (!kept.empty() && match.begin < kept.back().end) continue;
        kept.push_back(std::move(match));
    }
    return kept;
}

std::string_view trim_number_spaces(std::string_view text) {
    // ASCII whitespace, U+3000, NBSP and zero-width spaces/BOM, all as their UTF-8 bytes.
    static constexpr std::array<std::string_view, 10> kSpaces{" ", "\t", "\r", "\n", "\u3000", "\u00A0",
                                                              "\u200B", "\u200C", "\u200D", "\uFEFF"};
    bool changed = true;
    while (changed && !text.empty()) {
        changed = false;
        for (const auto space : kSpaces) {
            if (text.starts_with(space)) { text.remove_prefix(space.size()); changed = true; }
            if (text.ends_with(space)) { text.remove_suffix(space.size()); changed = true; }
        }
    }
    return text;
}

}  // namespace

std::vector<DocNumberMatch> find_doc_numbers(std::string_view text) {
    // Every form ends in 号 (or 號), the order form needs 令 and the announcement form 公告: text
    // without them (most clauses) cannot match, and is not converted and scanned four times.
    const auto has = [&](std::string_view literal) { return text.find(literal) != std::string_view::npos; };
    if (!has("号") && !has("號")) return {};
    const Utf16Text utf16 = to_utf16(text);
    std::vector<RawMatch> raw;
    collect(utf16.text, *patterns().bracket, Form::bracket, raw);
    if (has("令")) collect(utf16.text, *patterns().order, Form::order, raw);
    if (has("公告")) collect(utf16.text, *patterns().announcement, Form::announcement, raw);
    collect(utf16.text, *patterns().year_first, Form::year_first, raw);

    std::vector<DocNumberMatch> matches;
    for (auto& match : without_overlaps(std::move(raw))) {
        DocNumberMatch out;
        out.begin = utf16.byte_offset[static_cast<std::size_t>(match.begin)];
        out.end = utf16.byte_offset[static_cast<std::size_t>(match.end)];
        out.number = std::move(match.number);
        out.number.text = std::string(text.substr(out.begin, out.end - out.begin));
        matches.push_back(std::move(out));
    }
    return matches;
}

std::optional<DocNumber> parse_doc_number(std::string_view text) {
    const std::string_view trimmed = trim_number_spaces(text);
    if (trimmed.empty()) return std::nullopt;
    auto matches = find_doc_numbers(trimmed);
    if (matches.size() != 1 || matches.front().begin != 0 || matches.front().end != trimmed.size()) return std::nullopt;
    return std::move(matches.front().number);
}

std::string fold_agency_code(std::string_view code) { return gongwen::to_utf8(fold_code(gongwen::to_u32(trim_number_spaces(code)))); }

namespace {

char32_t single_character(std::string_view text) {
    const std::u32string letters = gongwen::to_u32(text);
    if (letters.size() != 1) throw std::invalid_argument("an OCR confusion pairs single characters, not '" + std::string(text) + "'");
    return letters.front();
}

/// Every code `slips` substitutions away from `code`, each at a different suspect position from
/// `first` on, that `known` holds.
void known_repairs(std::u32string& code, const std::vector<std::size_t>& suspects, std::size_t first, int slips,
                   const std::map<char32_t, std::vector<char32_t>>& confusions, const std::set<std::string, std::less<>>& known,
                   std::set<std::u32string>& found) {
    if (slips == 0) {
        if (known.count(gongwen::to_utf8(code))) found.insert(code);
        return;
    }
    for (std::size_t s = first; s < suspects.size(); ++s) {
        const std::size_t at = suspects[s];
        const char32_t read = code[at];
        for (const char32_t printed : confusions.at(read)) {
            code[at] = printed;
            known_repairs(code, suspects, s + 1, slips - 1, confusions, known, found);
        }
        code[at] = read;
    }
}

}  // namespace

void DocNumberRepair::add_confusion(std::string_view read, std::string_view printed) {
    const char32_t from = single_character(read), to = single_character(printed);
    if (from == to) return;
    auto& alternatives = confusions_[from];
    if (std::find(alternatives.begin(), alternatives.end(), to) == alternatives.end()) alternatives.push_back(to);
}

void DocNumberRepair::add_known_code(std::string_view code) {
    std::string folded = fold_agency_code(code);
    if (!folded.empty()) known_.insert(std::move(folded));
}

std::size_t DocNumberRepair::confusion_count() const {
    std::size_t count = 0;
    for (const auto& [read, printed] : confusions_) count += printed.size();
    return count;
}

std::optional<DocNumber> DocNumberRepair::repaired(const DocNumber& number) const {
    if (number.agency.empty() || knows(number.agency) || !number.normalized.starts_with(number.agency)) return std::nullopt;
    std::u32string code = gongwen::to_u32(number.agency);
    std::vector<std::size_t> suspects;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (confusions_.count(code[i])) suspects.push_back(i);
    }
    // The fewest slips that reach a known code, and only when they reach exactly one: two known
    // codes one slip away (or none) leave the number as read.
    std::set<std::u32string> found;
    for (int slips = 1; slips <= kMaxSlips && found.empty() && static_cast<std::size_t>(slips) <= suspects.size(); ++slips) {
        known_repairs(code, suspects, 0, slips, confusions_, known_, found);
    }
    if (found.size() != 1) return std::nullopt;
    DocNumber repaired = number;
    repaired.agency = gongwen::to_utf8(*found.begin());
    repaired.normalized = repaired.agency + number.normalized.substr(number.agency.size());
    repaired.repaired_from = number.normalized;
    return repaired;
}

}  // namespace gongwen
