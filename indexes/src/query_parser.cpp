// The query language (see query_parser.hpp): a tokenizer that keeps doc numbers and quoted phrases
// whole, a recursive-descent parser for AND/OR/NOT/( ), and leaves that turn text into bigram queries
// on three levels: clause (strict), document (words anywhere) and "any part" (for best clauses).
// The document level is a Xapian query; the clause levels are patterns for the clause scorer.
#include "gongwen/index/query_parser.hpp"

#include <algorithm>
#include <array>
#include <functional>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

// Relative weights. Whole phrase > all words in one clause; a document's own number > a citation of it;
// whole ICU words add a little, more when they are in the heading or title (see index_terms.cpp).
constexpr double kPhraseWeight = 2.0;
constexpr double kOwnNumberWeight = 4.0;
constexpr int kMaxDepth = 32;


// A doc number as a user may type it into the search box: in any bracket style (parse_doc_number),
// or with no brackets at all — 国函2006年132号, 国函2006 132号 — which is read as a doc number
// only here, where the user means one (in running text the same characters need not be one).
std::optional<DocNumber> parse_typed_doc_number(std::string_view text) {
    if (auto number = parse_doc_number(text)) return number;
    const std::u32string chars = to_u32(trim(std::string(text)));
    std::size_t i = 0;
    std::string agency, year, serial;
    for (; i < chars.size() && is_han(chars[i]); ++i) append_utf8(agency, chars[i]);
    for (; i < chars.size() && chars[i] >= U'0' && chars[i] <= U'9' && year.size() < 4; ++i) year += static_cast<char>(chars[i]);
    if (agency.empty() || year.size() != 4) return std::nullopt;
    while (i < chars.size() && (chars[i] == U'年' || chars[i] == U' ' || chars[i] == 0x3000 || chars[i] == U'-')) ++i;
    for (; i < chars.size() && chars[i] >= U'0' && chars[i] <= U'9'; ++i) serial += static_cast<char>(chars[i]);
    if (serial.empty() || i + 1 != chars.size() || chars[i] != U'号') return std::nullopt;
    return parse_doc_number(agency + "〔" + year + "〕" + serial + "号");
}

std::string joined(const UnitRun& run) {
    std::string out;
    for (const auto& unit : run) out += unit;
    return out;
}

Xapian::Query all_of(const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query::MatchAll;
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query any_of(const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query::MatchNothing;
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Appends `query` unless an equal one is there. Alias variants often split into the same words
// (人力资源社会保障部 and 人力资源和社会保障部 both give 人力 资源 社会 保障部), and every repeated
// subquery makes Xapian walk the same posting lists again (2x on the slowest queries measured).
void add_unique(std::vector<Xapian::Query>& parts, Xapian::Query query) {
    const std::string description = query.get_description();
    for (const auto& part : parts) {
        if (part.get_description() == description) return;
    }
    parts.push_back(std::move(query));
}

// A pattern as text, to tell equal ones apart.
std::string describe(const ClausePattern& pattern) {
    std::string out = std::to_string(static_cast<int>(pattern.kind)) + ":" + pattern.term + ":" + std::to_string(pattern.scale) + ":";
    for (const auto& unit : pattern.units) out += unit;
    out += "(";
    for (const auto& part : pattern.parts) out += describe(part) + ",";
    return out + ")";
}

// The same for clause patterns: alias variants that split into the same words are one alternative
// (each repeat would add its score again).
void add_unique(std::vector<ClausePattern>& parts, ClausePattern pattern) {
    const std::string description = describe(pattern);
    for (const auto& part : parts) {
        if (describe(part) == description) return;
    }
    parts.push_back(std::move(pattern));
}

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000; }
bool is_quote(char32_t cp) { return cp == U'"' || cp == U'“' || cp == U'”'; }

struct Token {
    enum class Kind { word, left, right, and_op, or_op, not_op } kind = Kind::word;
    std::string text;        ///< the word, without a leading - and without quotes
    bool quoted = false;     ///< "…": an exact phrase
    bool negated = false;    ///< leading -
    std::string field;       ///< canonical field name when `field:value`
};

// Field names, Chinese and English, to the canonical name.
const std::array<std::pair<std::string_view, std::string_view>, 12> kFields{{
    {"文号", "文号"}, {"number", "文号"}, {"机关", "机关"}, {"issuer", "机关"}, {"文种", "文种"}, {"type", "文种"},
    {"年份", "年份"}, {"year", "年份"}, {"引用", "引用"}, {"cites", "引用"}, {"单位", "单位"}, {"unit", "单位"},
}};

// `机关:国务院` → ("机关", "国务院"); also with a full-width colon.
std::optional<std::pair<std::string, std::string>> split_field(std::string_view text) {
    for (const auto& [name, canonical] : kFields) {
        if (!text.starts_with(name)) continue;
        std::string_view rest = text.substr(name.size());
        for (std::string_view colon : {":", "："}) {
            if (rest.starts_with(colon)) return std::make_pair(std::string(canonical), std::string(rest.substr(colon.size())));
        }
    }
    return std::nullopt;
}

class Tokenizer {
public:
    explicit Tokenizer(const std::string& text) : text_(text) {
        for (const auto& match : find_doc_numbers(text)) spans_.emplace_back(match.begin, match.end);
    }

    std::vector<Token> tokens() {
        for (std::size_t pos = 0; pos < text_.size();) {
            if (auto span = span_at(pos)) {
                current_ += text_.substr(pos, *span - pos);
                pos = *span;
                continue;
            }
            const std::size_t start = pos;
            const char32_t cp = next_code_point(text_, pos);
            if (is_quote(cp)) {
                if (in_quote_) {
                    in_quote_ = false;
                    flush();
                } else {
                    in_quote_ = true;
                    quoted_ = true;
                    quote_start_ = current_.size();
                }
            } else if (in_quote_) {
                current_ += text_.substr(start, pos - start);
            } else if (is_space(cp)) {
                flush();
            } else if (cp == U'(' || cp == U')') {
                if (cp == U'(' && (current_ == "-" || current_ == "－")) {
                    current_.clear();  // -( … ) excludes the group
                    tokens_.push_back({Token::Kind::not_op});
                }
                flush();
                tokens_.push_back({cp == U'(' ? Token::Kind::left : Token::Kind::right});
            } else {
                current_ += text_.substr(start, pos - start);
            }
        }
        flush();
        return std::move(tokens_);
    }

private:
    std::optional<std::size_t> span_at(std::size_t pos) const {
        if (in_quote_) return std::nullopt;
        for (const auto& [begin, end] : spans_) {
            if (begin == pos) return end;
        }
        return std::nullopt;
    }

    void flush() {
        if (current_.empty() && !quoted_) return;
        Token token;
        std::string prefix = quoted_ ? current_.substr(0, quote_start_) : current_;
        std::string body = quoted_ ? current_.substr(quote_start_) : "";
        if (!quoted_) {
            if (prefix == "AND" || prefix == "&&") token.kind = Token::Kind::and_op;
            else if (prefix == "OR" || prefix == "|" || prefix == "||") token.kind = Token::Kind::or_op;
            else if (prefix == "NOT") token.kind = Token::Kind::not_op;
        }
        if (token.kind == Token::Kind::word) {
            for (std::string_view minus : {"-", "－"}) {
                if (prefix.starts_with(minus) && (prefix.size() > minus.size() || quoted_)) {
                    token.negated = true;
                    prefix.erase(0, minus.size());
                    break;
                }
            }
            if (auto field = split_field(prefix)) {
                token.field = field->first;
                prefix = field->second;
            }
            token.quoted = quoted_;
            token.text = quoted_ ? prefix + body : prefix;
        }
        current_.clear();
        quoted_ = false;
        quote_start_ = 0;
        if (token.kind != Token::Kind::word || !token.text.empty() || !token.field.empty() || token.quoted) tokens_.push_back(std::move(token));
    }

    const std::string& text_;
    std::vector<std::pair<std::size_t, std::size_t>> spans_;
    std::vector<Token> tokens_;
    std::string current_;
    bool in_quote_ = false, quoted_ = false;
    std::size_t quote_start_ = 0;
};

// One sub-expression on the three levels: what a clause must hold, what a document must hold
// (Xapian), and what marks a clause as touching the sub-expression at all.
struct Built {
    ClausePattern clause;
    Xapian::Query document;
    ClausePattern any;
};

class Parser {
public:
    Parser(std::vector<Token> tokens, std::function<core::Segmenter&()> segmenter, const AliasTable& aliases,
           const std::vector<UnitRun>& alias_names, ParsedQuery& out)
        : tokens_(std::move(tokens)), segmenter_(std::move(segmenter)), aliases_(aliases), alias_names_(alias_names), out_(out) {}

    std::optional<Built> parse() {
        auto result = or_expression(false, 0);
        // Stray closing parentheses are ignored; read on.
        while (next_ < tokens_.size()) {
            ++next_;
            auto more = or_expression(false, 0);
            if (more && result) result = combine_and({*result, *more}, {});
            else if (more) result = more;
        }
        return result;
    }

    std::vector<ClausePattern> boosts;
    int plain_words = 0;  ///< words of unquoted free text (see ParsedQuery::relaxable)
    std::vector<Xapian::Query> any_document;  ///< each such word on document records

private:
    bool at(Token::Kind kind) const { return next_ < tokens_.size() && tokens_[next_].kind == kind; }

    std::optional<Built> or_expression(bool negated, int depth) {
        std::vector<Built> alternatives;
        if (auto first = and_expression(negated, depth)) alternatives.push_back(*first);
        while (at(Token::Kind::or_op)) {
            ++next_;
            if (auto more = and_expression(negated, depth)) alternatives.push_back(*more);
        }
        if (alternatives.empty()) return std::nullopt;
        if (alternatives.size() == 1) return alternatives[0];
        std::vector<ClausePattern> clause, any;
        std::vector<Xapian::Query> document;
        for (const auto& built : alternatives) {
            clause.push_back(built.clause);
            document.push_back(built.document);
            any.push_back(built.any);
        }
        return Built{ClausePattern::any_of(std::move(clause)), any_of(document), ClausePattern::any_of(std::move(any))};
    }

    static Built combine_and(const std::vector<Built>& positive, const std::vector<Built>& negative) {
        std::vector<ClausePattern> clause, any;
        std::vector<Xapian::Query> document;
        for (const auto& built : positive) {
            clause.push_back(built.clause);
            document.push_back(built.document);
            any.push_back(built.any);
        }
        Built result{ClausePattern::all_of(std::move(clause)), all_of(document), ClausePattern::any_of(std::move(any))};
        if (!negative.empty()) {
            std::vector<ClausePattern> neg_clause;
            std::vector<Xapian::Query> neg_document;
            for (const auto& built : negative) {
                neg_clause.push_back(built.clause);
                neg_document.push_back(built.document);
            }
            result.clause = ClausePattern::except(std::move(result.clause), ClausePattern::any_of(std::move(neg_clause)));
            result.document = Xapian::Query(Xapian::Query::OP_AND_NOT, result.document, any_of(neg_document));
        }
        return result;
    }

    std::optional<Built> and_expression(bool negated, int depth) {
        std::vector<Built> positive, negative;
        while (next_ < tokens_.size() && !at(Token::Kind::or_op) && !at(Token::Kind::right)) {
            if (at(Token::Kind::and_op)) {
                ++next_;
                continue;
            }
            bool exclude = false;
            while (at(Token::Kind::not_op)) {
                exclude = !exclude;
                ++next_;
            }
            if (next_ >= tokens_.size() || at(Token::Kind::or_op) || at(Token::Kind::right)) break;
            std::optional<Built> operand;
            if (at(Token::Kind::left)) {
                ++next_;
                if (depth >= kMaxDepth) throw QuerySyntaxError("the query nests parentheses more than " + std::to_string(kMaxDepth) + " deep");
                operand = or_expression(negated != exclude, depth + 1);
                if (at(Token::Kind::right)) ++next_;
            } else if (at(Token::Kind::word)) {
                Token token = tokens_[next_++];
                if (!token.field.empty() && token.text.empty() && !token.quoted && at(Token::Kind::word)) {
                    token.text = tokens_[next_++].text;  // `引用: 国办发〔2019〕3号`
                }
                exclude = exclude != token.negated;
                operand = leaf(token, negated != exclude);
            } else {
                ++next_;  // and/or at an odd place: skip it
            }
            if (!operand) continue;
            (exclude ? negative : positive).push_back(*operand);
        }
        if (positive.empty() && negative.empty()) return std::nullopt;
        return combine_and(positive, negative);
    }

    std::optional<Built> leaf(const Token& token, bool negated) {
        if (!token.field.empty()) return field_leaf(token.field, token.text, negated);
        if (!token.quoted) {
            if (auto number = parse_typed_doc_number(token.text)) return doc_number_leaf(*number, negated);
        }
        return text_leaf(token.text, token.quoted, negated);
    }

    Built doc_number_leaf(const DocNumber& number, bool negated) {
        const std::string own = term(prefix::own_number, number.normalized), cited = term(prefix::cited_number, number.normalized);
        Built built;
        built.clause = ClausePattern::any_of({ClausePattern::of_term(own, kOwnNumberWeight), ClausePattern::of_term(cited)});
        built.document = any_of({Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(own), kOwnNumberWeight), Xapian::Query(cited),
                                 Xapian::Query(term(prefix::filter_number, number.normalized)),
                                 Xapian::Query(term(prefix::filter_cites, number.normalized))});
        built.any = built.clause;
        if (!negated) out_.doc_numbers.push_back(number.normalized);
        return built;
    }

    Built field_leaf(const std::string& field, const std::string& value, bool negated) {
        if (value.empty()) throw QuerySyntaxError(field + ": needs a value, e.g. " + example(field));
        std::optional<Xapian::Query> filter;
        if (field == "文号") {
            filter = doc_number_filter(value);
            if (auto number = parse_doc_number(value); number && !negated) {
                out_.doc_numbers.push_back(number->normalized);
                boosts.push_back(ClausePattern::of_term(term(prefix::own_number, number->normalized), kOwnNumberWeight));
            }
        } else if (field == "引用") {
            filter = cites_filter(value);
            if (!filter) throw QuerySyntaxError("引用:" + value + " is not a doc number (e.g. 引用:国办发〔2019〕3号)");
            if (auto number = parse_doc_number(value); number && !negated) {
                out_.doc_numbers.push_back(number->normalized);
                boosts.push_back(ClausePattern::of_term(term(prefix::cited_number, number->normalized)));
            }
        } else if (field == "年份") {
            filter = year_filter(value);
            if (!filter) throw QuerySyntaxError("年份:" + value + " is not a year or a range (年份:2019, 年份:2015..2018)");
        } else if (field == "文种") {
            filter = doc_type_filter(value);
        } else {
            std::vector<Xapian::Query> names;
            for (const auto& variant : aliases_.expand(value)) names.push_back(field == "机关" ? issuer_filter(variant) : unit_filter(variant));
            filter = any_of(names);
        }
        if (!filter) throw QuerySyntaxError(field + ":" + value + " cannot be read, e.g. " + example(field));
        return Built{ClausePattern::everywhere(), *filter, ClausePattern::nowhere()};
    }

    static std::string example(const std::string& field) {
        if (field == "文号") return "文号:国发〔2019〕5号";
        if (field == "机关") return "机关:国务院办公厅";
        if (field == "文种") return "文种:意见";
        if (field == "年份") return "年份:2019 or 年份:2015..2018";
        if (field == "引用") return "引用:国办发〔2019〕3号";
        return "单位:省发展改革委";
    }

    std::optional<Built> text_leaf(const std::string& text, bool exact, bool negated) {
        const std::vector<std::string> variants = exact ? std::vector<std::string>{text} : aliases_.expand(text);
        std::vector<ClausePattern> clause, any;
        std::vector<Xapian::Query> document;
        for (const auto& variant : variants) {
            std::vector<ClausePattern> variant_clause;
            std::vector<Xapian::Query> variant_document;
            for (const auto& run : unit_runs(variant)) {
                const std::vector<UnitRun> words = exact ? std::vector<UnitRun>{run} : words_keeping_names(run);
                std::vector<ClausePattern> run_words;
                for (const auto& word : words) {
                    ++plain_words;
                    add_unique(any_document, run_query(word));
                    run_words.push_back(ClausePattern::of_units(word));
                    variant_document.push_back(run_query(word));
                    add_unique(any, ClausePattern::of_units(word));
                    if (!negated && (word.size() > 1 || words.size() == 1)) out_.highlight_needles.push_back(joined(word));
                }
                ClausePattern run_clause = ClausePattern::all_of(std::move(run_words));
                if (!negated && (words.size() > 1 || words[0].size() != run.size())) {
                    // The whole run as a phrase adds weight where it stands as typed.
                    run_clause = ClausePattern::any_of({std::move(run_clause), ClausePattern::of_units(run, kPhraseWeight)});
                    out_.highlight_needles.push_back(joined(run));
                }
                variant_clause.push_back(run_clause);
                if (negated) continue;
                for (const auto& word : words) {
                    if (word.size() > 1) add_unique(boosts, ClausePattern::of_word(word));
                }
            }
            if (variant_clause.empty()) continue;
            add_unique(clause, ClausePattern::all_of(std::move(variant_clause)));
            add_unique(document, all_of(variant_document));
        }
        if (clause.empty()) return std::nullopt;
        return Built{ClausePattern::any_of(std::move(clause)), any_of(document), ClausePattern::any_of(std::move(any))};
    }

    // The words of a run, where a name of the alias file is one word (人力资源和社会保障部, not
    // 人力 + 资源 + 社会 + 保障部: a name is matched as written, and its common words made alias
    // queries the slowest) and a lone character before or after a name belongs to it (市 + 人社局).
    // The rest is split by word_runs.
    std::vector<UnitRun> words_keeping_names(const UnitRun& run) {
        std::vector<UnitRun> words;
        std::size_t start = 0;
        const auto add_piece = [&](std::size_t from, std::size_t to) {
            if (to <= from) return;
            const UnitRun piece(run.begin() + static_cast<std::ptrdiff_t>(from), run.begin() + static_cast<std::ptrdiff_t>(to));
            for (auto& word : word_runs(piece)) words.push_back(std::move(word));
        };
        for (std::size_t i = 0; i < run.size();) {
            const std::size_t length = name_length_at(run, i);
            if (length == 0) {
                ++i;
                continue;
            }
            std::size_t from = i, to = i + length;
            if (from - start == 1) from = start;                                              // 市 + 人社局
            add_piece(start, from);
            if (to + 1 == run.size() || (to + 1 < run.size() && name_length_at(run, to + 1) > 0)) ++to;  // 人社 + 厅 at the end
            words.emplace_back(run.begin() + static_cast<std::ptrdiff_t>(from), run.begin() + static_cast<std::ptrdiff_t>(to));
            start = i = to;
        }
        add_piece(start, run.size());
        return words;
    }

    // Units of the longest alias name that starts at unit `at` of `run`; 0 when none does.
    std::size_t name_length_at(const UnitRun& run, std::size_t at) const {
        std::size_t longest = 0;
        for (const auto& name : alias_names_) {
            if (name.size() <= longest || at + name.size() > run.size()) continue;
            if (std::equal(name.begin(), name.end(), run.begin() + static_cast<std::ptrdiff_t>(at))) longest = name.size();
        }
        return longest;
    }

    // The ICU words of a run, each as units (ICU may split differently from the text: every word is
    // matched as a substring, so that does not matter). Consecutive single characters (ICU's answer
    // for a name it does not know, 市/人/社/局) stay together as one substring; another lone character
    // joins the next word (市 + 人力资源), or the previous one at the end; a lone function character
    // (的, 和, 与) is left to the phrase boost, so that 小微企业和三农 still finds 小微企业和“三农”.
    std::vector<UnitRun> word_runs(const UnitRun& run) {
        if (run.size() <= 2) return {run};
        std::vector<UnitRun> words;
        for (const auto& word : segmenter_().words(joined(run))) {
            for (auto& units : unit_runs(word)) words.push_back(std::move(units));
        }
        static constexpr std::string_view kFunctionCharacters = "的和与及或在对等了是为将把被从向于以之而并其各也";
        const auto is_function = [](const UnitRun& word) {
            return word.size() == 1 && kFunctionCharacters.find(word[0]) != std::string_view::npos;
        };
        // ICU cuts Chinese numbers (十四 + 五 of 十四五规划): adjacent numeral words are one number.
        static constexpr std::string_view kNumerals = "〇零一二三四五六七八九十百千万两";
        const auto is_numeral = [](const UnitRun& word) {
            return std::all_of(word.begin(), word.end(), [](const std::string& unit) { return kNumerals.find(unit) != std::string_view::npos; });
        };
        std::vector<UnitRun> merged;
        bool after_single = false;  // merged.back() is made of single characters (not function ones)
        for (auto& word : words) {
            if (!merged.empty() && is_numeral(word) && is_numeral(merged.back())) {
                merged.back().insert(merged.back().end(), word.begin(), word.end());
                after_single = false;
                continue;
            }
            const bool single = word.size() == 1 && !is_function(word);
            if (single && after_single) {
                merged.back().push_back(word[0]);
                continue;
            }
            after_single = single;
            merged.push_back(std::move(word));
        }
        if (merged.size() == 1) return merged;
        std::vector<UnitRun> kept;
        UnitRun carry;             // a lone character waiting for the next word
        bool adjacent = false;     // `carry` (or the next word) directly follows kept.back() in the query
        const auto flush_carry = [&] {
            if (carry.empty()) return;
            if (adjacent && !kept.empty()) kept.back().insert(kept.back().end(), carry.begin(), carry.end());
            else kept.push_back(carry);
            carry.clear();
        };
        for (auto& word : merged) {
            if (is_function(word)) {
                flush_carry();
                adjacent = false;
            } else if (word.size() == 1) {
                carry.push_back(word[0]);
            } else {
                word.insert(word.begin(), carry.begin(), carry.end());
                carry.clear();
                kept.push_back(std::move(word));
                adjacent = true;
            }
        }
        flush_carry();
        if (kept.empty()) kept.push_back(run);
        return kept;
    }

    std::vector<Token> tokens_;
    std::size_t next_ = 0;
    std::function<core::Segmenter&()> segmenter_;
    const AliasTable& aliases_;
    const std::vector<UnitRun>& alias_names_;
    ParsedQuery& out_;
};

}  // namespace

QueryParser::QueryParser(AliasTable aliases) : aliases_(std::move(aliases)) {
    for (const auto& group : aliases_.groups()) {
        for (const auto& name : group) {
            auto runs = unit_runs(name);
            if (runs.size() == 1 && runs[0].size() >= 2) alias_names_.push_back(std::move(runs[0]));
        }
    }
}

core::Segmenter& QueryParser::segmenter() {
    if (!segmenter_) segmenter_ = std::make_unique<core::Segmenter>();
    return *segmenter_;
}

ParsedQuery QueryParser::parse(const std::string& text) {
    ParsedQuery parsed;
    parsed.document_query = Xapian::Query::MatchNothing;
    std::vector<Token> tokens;
    // A whole query that is one doc number may contain spaces (`苏政办发〔2019〕12 号`).
    if (parse_typed_doc_number(text)) {
        tokens.push_back({Token::Kind::word, trim(text)});
    } else {
        tokens = Tokenizer(text).tokens();
    }
    const bool only_plain_words = std::all_of(tokens.begin(), tokens.end(), [](const Token& token) {
        return token.kind == Token::Kind::word && !token.quoted && !token.negated && token.field.empty() && !parse_typed_doc_number(token.text);
    });
    Parser parser(std::move(tokens), [this]() -> core::Segmenter& { return segmenter(); }, aliases_, alias_names_, parsed);
    const auto built = parser.parse();
    if (!built) return parsed;
    parsed.relaxable = only_plain_words && parser.plain_words >= 2;
    parsed.any_document_query = any_of(parser.any_document);
    // Whole ICU words (more in a heading or the title) and a document's own number add weight but
    // are never required.
    parsed.clause = ClausePattern::boosted(built->clause, parser.boosts);
    parsed.document_query = built->document;
    std::vector<ClausePattern> any_part{built->any};
    for (const auto& boost : parser.boosts) any_part.push_back(boost);
    parsed.any_part = ClausePattern::any_of(std::move(any_part));
    return parsed;
}

}  // namespace gongwen::index
