// Clause splitting along the GB/T 9704 numbering hierarchy (see clause_splitter.hpp).
#include "gongwen/core/clause_splitter.hpp"

#include <algorithm>
#include <map>

#include "gongwen/text.hpp"

namespace gongwen::core {
namespace {

constexpr std::u32string_view kChineseDigits = U"〇一二三四五六七八九";

bool is_chinese_numeral_char(char32_t cp) {
    return kChineseDigits.find(cp) != std::u32string_view::npos || cp == U'十' || cp == U'百' || cp == U'零';
}

bool is_ascii_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

std::u32string fold_digits(std::u32string_view text) {
    std::u32string out(text);
    for (auto& cp : out) cp = fold_width(cp);
    return out;
}

std::string chinese_numeral(int number) {
    static const char* digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (number <= 0) return "〇";
    std::string out;
    if (number >= 100) {
        out += digits[number / 100];
        out += "百";
        number %= 100;
        if (number > 0 && number < 10) out += "零";
    }
    if (number >= 10) {
        if (number >= 20 || !out.empty()) out += digits[number / 10];
        out += "十";
        number %= 10;
    }
    if (number > 0) out += digits[number];
    return out;
}

std::size_t skip_spaces(std::u32string_view text, std::size_t i) {
    while (i < text.size() && (text[i] == U' ' || text[i] == 0x3000 || text[i] == U'\t')) ++i;
    return i;
}

std::size_t utf8_length(std::u32string_view text) { return to_utf8(text).size(); }

int rank(MarkerKind kind) { return static_cast<int>(kind); }

// A legal- or plan-style marker: 第X部分 / 第X篇 (the parts of a plan), 第X章, 第X节, 第X条,
// followed by a space or text.
std::optional<ClauseMarker> parse_legal_marker(std::u32string_view text, std::string_view paragraph) {
    if (text.empty() || text[0] != U'第') return std::nullopt;
    std::size_t i = 1;
    while (i < text.size() && is_chinese_numeral_char(text[i])) ++i;
    if (i == 1) {
        while (i < text.size() && i <= 3 && is_ascii_digit(fold_width(text[i]))) ++i;   // 第2部分
    }
    if (i == 1 || i >= text.size()) return std::nullopt;
    struct Word {
        std::u32string_view word;
        MarkerKind kind;
    };
    static constexpr Word kWords[] = {{U"部分", MarkerKind::part}, {U"篇", MarkerKind::part}, {U"章", MarkerKind::chapter},
                                      {U"节", MarkerKind::section}, {U"条", MarkerKind::article}};
    const auto word = std::find_if(std::begin(kWords), std::end(kWords), [&](const Word& w) { return text.substr(i).starts_with(w.word); });
    if (word == std::end(kWords)) return std::nullopt;
    const int number = parse_numeral(text.substr(1, i - 1));
    if (number <= 0) return std::nullopt;
    const std::size_t marker_end = i + word->word.size();
    const std::size_t end = skip_spaces(text, marker_end);
    // `第三条规定的…` in running text is a reference, not a heading: headings are followed by a space,
    // or (a part, a chapter or a section) stand alone as a short line (`第二部分主要任务`).
    if (end == marker_end && end < text.size()) {
        const bool heading_line = word->kind != MarkerKind::article && to_u32(trim(paragraph)).size() <= 24 &&
                                  text.find(U'。') == std::u32string_view::npos;
        if (!heading_line) return std::nullopt;
    }
    std::u32string label = U"第" + to_u32(chinese_numeral(number)) + std::u32string(word->word);
    return ClauseMarker{word->kind, number, to_utf8(label), utf8_length(text.substr(0, end))};
}

}  // namespace

int parse_numeral(std::u32string_view text) {
    if (text.empty()) return 0;
    const std::u32string folded = fold_digits(text);
    if (std::all_of(folded.begin(), folded.end(), is_ascii_digit)) {
        return folded.size() > 4 ? 0 : std::stoi(to_utf8(folded));
    }
    int total = 0, current = 0;
    for (char32_t cp : text) {
        const auto digit = kChineseDigits.find(cp);
        if (digit != std::u32string_view::npos) current = static_cast<int>(digit);
        else if (cp == U'零') current = 0;
        else if (cp == U'十') total += (current == 0 ? 1 : current) * 10, current = 0;
        else if (cp == U'百') total += (current == 0 ? 1 : current) * 100, current = 0;
        else return 0;
    }
    return total + current;
}

std::optional<ClauseMarker> parse_clause_marker(std::string_view paragraph) {
    const std::u32string text = to_u32(paragraph.substr(0, std::min<std::size_t>(paragraph.size(), 64)));
    if (text.empty()) return std::nullopt;
    if (auto legal = parse_legal_marker(text, paragraph)) return legal;
    // ① … ⑳: below （1）.
    if (text[0] >= U'①' && text[0] <= U'⑳') {
        const std::size_t end = skip_spaces(text, 1);
        if (end >= text.size()) return std::nullopt;
        const int number = static_cast<int>(text[0] - U'①') + 1;
        return ClauseMarker{MarkerKind::level5, number, to_utf8(std::u32string(1, text[0])), utf8_length(text.substr(0, end))};
    }

    const bool open_paren = text[0] == U'（' || text[0] == U'(';
    std::size_t i = open_paren ? 1 : 0;
    std::size_t digits_begin = i;
    bool chinese = false;
    while (i < text.size() && is_chinese_numeral_char(text[i])) ++i, chinese = true;
    if (!chinese) {
        while (i < text.size() && is_ascii_digit(fold_width(text[i]))) ++i;
    }
    const std::size_t digits_end = i;
    if (digits_end == digits_begin || digits_end - digits_begin > 3 || i >= text.size()) return std::nullopt;
    const int number = parse_numeral(text.substr(digits_begin, digits_end - digits_begin));
    if (number <= 0) return std::nullopt;

    ClauseMarker marker{};
    marker.number = number;
    if (open_paren) {
        if (text[i] != U'）' && text[i] != U')') return std::nullopt;
        ++i;
        marker.kind = chinese ? MarkerKind::level2 : MarkerKind::level4;
        marker.label = "（" + (chinese ? chinese_numeral(number) : std::to_string(number)) + "）";
    } else if (chinese) {
        // 一、 (the standard), also 一. and 一． in older documents.
        if (text[i] != U'、' && text[i] != U'.' && text[i] != U'．') return std::nullopt;
        ++i;
        marker.kind = MarkerKind::level1;
        marker.label = chinese_numeral(number) + "、";
    } else if (text[i] == U'）' || text[i] == U')') {
        // 1） without its opening bracket: the fourth level, as （1）.
        ++i;
        marker.kind = MarkerKind::level4;
        marker.label = "（" + std::to_string(number) + "）";
    } else {
        if (text[i] != U'.' && text[i] != U'．' && text[i] != U'、') return std::nullopt;
        ++i;
        // 1.5亿 is a number, 2023. is a year: a level-3 marker is followed by text, not digits.
        if (i < text.size() && is_ascii_digit(fold_width(text[i]))) return std::nullopt;
        if (number > 99) return std::nullopt;
        marker.kind = MarkerKind::level3;
        marker.label = std::to_string(number) + ".";
    }
    const std::size_t end = skip_spaces(text, i);
    if (end >= text.size()) return std::nullopt;  // a bare number is no heading
    marker.length_bytes = utf8_length(std::u32string_view(text).substr(0, end));
    return marker;
}

bool starts_with_clause_marker(std::string_view line) { return parse_clause_marker(line).has_value(); }

namespace {

// The heading of a clause: its first sentence when that is short (`（一）加强组织领导。` →
// 加强组织领导); a long first sentence is body text and the clause has no heading.
std::string heading_of(std::string_view rest) {
    const std::u32string text = to_u32(rest);
    std::size_t end = 0;
    while (end < text.size() && std::u32string_view(U"。；：！？;:").find(text[end]) == std::u32string_view::npos) ++end;
    if (end > 40 || end == 0) return "";
    return trim(to_utf8(std::u32string_view(text).substr(0, end)));
}

// Tracks the numbering: which markers are open, and what number each kind expects next.
class NumberingState {
public:
    // Accepts the marker when it continues the numbering (first of its kind under its parent,
    // next sibling, or next in a document-wide continuous sequence); returns the new path.
    std::optional<std::string> accept(const ClauseMarker& marker) {
        const auto open = std::find_if(stack_.begin(), stack_.end(),
                                       [&](const ClauseMarker& m) { return rank(m.kind) >= rank(marker.kind); });
        const bool next_sibling = open != stack_.end() && open->kind == marker.kind && marker.number == open->number + 1;
        const bool first_child = marker.number == 1 && (open == stack_.end() || open->kind != marker.kind ||
                                                         rank(open->kind) > rank(marker.kind));
        const bool continuous = marker.number == last_of_kind_[marker.kind] + 1 && last_of_kind_[marker.kind] > 0;
        if (!next_sibling && !first_child && !continuous) return std::nullopt;
        stack_.erase(open, stack_.end());
        stack_.push_back(marker);
        last_of_kind_[marker.kind] = marker.number;
        return path();
    }
    void reset(std::string prefix) {
        stack_.clear();
        last_of_kind_.clear();
        prefix_ = std::move(prefix);
    }
    int depth() const { return static_cast<int>(stack_.size()); }

private:
    std::string path() const {
        std::string out = prefix_;
        for (const auto& marker : stack_) out += marker.label;
        return out;
    }
    std::vector<ClauseMarker> stack_;
    std::map<MarkerKind, int> last_of_kind_;
    std::string prefix_;
};

// `附件` / `附件2` alone on a line starts an attachment: its numbering starts afresh.
std::optional<std::string> attachment_prefix(std::string_view paragraph) {
    // Asked of every paragraph: one that does not start with 附件 is answered without a copy.
    std::size_t start = 0;
    for (std::size_t pos = 0; pos < paragraph.size(); start = pos) {
        const char32_t cp = next_code_point(paragraph, pos);
        if (cp != U' ' && cp != U'\t' && cp != 0x3000 && cp != 0xA0 && cp != U'\n' && cp != U'\r') break;
    }
    if (!paragraph.substr(start).starts_with("附件")) return std::nullopt;
    const std::u32string text = to_u32(trim(paragraph));
    if (text.size() < 2 || text.substr(0, 2) != U"附件") return std::nullopt;
    std::u32string number = fold_digits(std::u32string_view(text).substr(2));
    number.erase(std::remove(number.begin(), number.end(), U' '), number.end());
    if (!std::all_of(number.begin(), number.end(), is_ascii_digit) || number.size() > 2) return std::nullopt;
    return "附件" + to_utf8(number) + " ";
}

}  // namespace

std::vector<Clause> split_clauses(const std::vector<Paragraph>& paragraphs) {
    std::vector<Clause> clauses;
    NumberingState numbering;
    std::string current_prefix;
    for (const auto& paragraph : paragraphs) {
        if (auto prefix = attachment_prefix(paragraph.text)) {
            numbering.reset(*prefix);
            clauses.push_back({trim(*prefix), "", paragraph.text, paragraph.page, 0});
            continue;
        }
        const auto marker = parse_clause_marker(paragraph.text);
        std::optional<std::string> path = marker ? numbering.accept(*marker) : std::nullopt;
        if (path) {
            Clause clause;
            clause.path = *path;
            clause.heading = heading_of(std::string_view(paragraph.text).substr(marker->length_bytes));
            clause.text = paragraph.text;
            clause.page = paragraph.page;
            clause.level = numbering.depth();
            clauses.push_back(std::move(clause));
        } else if (clauses.empty()) {
            clauses.push_back({"", "", paragraph.text, paragraph.page, 0});
        } else {
            clauses.back().text += "\n" + paragraph.text;
        }
    }
    return clauses;
}

}  // namespace gongwen::core
