// Term generation for Chinese text (see index_terms.hpp). Bigrams find candidates; unit positions
// decide whether the units stand together.
#include "gongwen/index/index_terms.hpp"


#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

bool is_latin_alnum(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z'); }

bool is_cjk_unit(char32_t cp) {
    return is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

std::size_t utf8_length(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// Xapian's term length limit is 245 bytes; longer Latin runs are cut (they are never queries).
constexpr std::size_t kMaxUnitBytes = 64;

}  // namespace

bool is_soft_separator(char32_t cp) {
    switch (cp) {
        case U' ': case U'-': case U'"': case U'\'': case 0x00B7: case 0x30FB:     // space, hyphen, quotes, middle dots
        case 0x3001:                                                             // 、
        case 0x2013: case 0x2014: case 0x2015: case 0x2500:                      // – — ― ─
        case 0x2018: case 0x2019: case 0x201C: case 0x201D:                      // ‘ ’ “ ”
        case 0x300A: case 0x300B: case 0x3008: case 0x3009:                      // 《 》 〈 〉
        case 0x300C: case 0x300D: case 0x300E: case 0x300F:                      // 「 」 『 』
            return true;
        default:
            return false;
    }
}

bool UnitCursor::next() {
    latin_.clear();
    while (at_ < text_.size()) {
        const std::size_t before = at_;
        char32_t cp = fold_width(next_code_point(text_, at_));
        if (cp >= U'A' && cp <= U'Z') cp += 32;   // as core::fold_for_matching folds
        if (is_latin_alnum(cp)) {
            if (latin_.size() < kMaxUnitBytes) latin_ += static_cast<char>(cp);
            continue;
        }
        if (!latin_.empty()) {
            at_ = before;   // a Latin unit ends here; this code point is read again
            unit_ = latin_;
            return emit();
        }
        if (is_cjk_unit(cp)) {
            // Folding leaves these code points alone, so the unit is the text's own bytes (the
            // scorer walks whole documents per query: no copy per character).
            unit_ = text_.substr(before, at_ - before);
            if (utf8_length(cp) != unit_.size()) {   // an over-long encoding: spelled out afresh
                append_utf8(latin_, cp);
                unit_ = latin_;
            }
            return emit();
        }
        if (is_soft_separator(cp)) continue;
        if (run_units_ > 0) {   // a hard separator ends the run, which keeps one free offset
            run_start_ += run_units_ + 1;
            run_units_ = 0;
        }
    }
    if (latin_.empty()) return false;
    unit_ = latin_;
    return emit();
}

bool UnitCursor::emit() {
    offset_ = run_start_ + run_units_;
    ++run_units_;
    return true;
}

std::vector<UnitRun> unit_runs(std::string_view text) {
    std::vector<UnitRun> runs;
    unsigned next_offset = 0;
    for (UnitCursor cursor(text); cursor.next();) {
        if (runs.empty() || cursor.offset() != next_offset) runs.emplace_back();
        runs.back().emplace_back(cursor.unit());
        next_offset = cursor.offset() + 1;
    }
    return runs;
}

unsigned add_unit_terms(Xapian::Document& document, std::string_view text) {
    UnitCursor cursor(text);
    std::string previous;
    unsigned previous_offset = 0;
    while (cursor.next()) {
        document.add_term(std::string(cursor.unit()));
        if (!previous.empty() && cursor.offset() == previous_offset + 1) document.add_term(previous + std::string(cursor.unit()));
        previous.assign(cursor.unit());
        previous_offset = cursor.offset();
    }
    return cursor.taken();
}

unsigned positions_taken(std::string_view text) {
    UnitCursor cursor(text);
    while (cursor.next()) {
    }
    return cursor.taken();
}

Xapian::Query run_query(const UnitRun& run, std::string_view term_prefix) {
    const std::string p(term_prefix);
    if (run.size() == 1) return Xapian::Query(p + run[0]);
    std::vector<Xapian::Query> bigrams;
    for (std::size_t i = 0; i + 1 < run.size(); ++i) bigrams.emplace_back(p + run[i] + run[i + 1]);
    if (bigrams.size() == 1) return bigrams[0];
    return Xapian::Query(Xapian::Query::OP_AND, bigrams.begin(), bigrams.end());
}

}  // namespace gongwen::index
