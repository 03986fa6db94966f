// Term generation for Chinese text (see index_terms.hpp). Bigrams find candidates; unit positions
// decide whether the units stand together.
#include "gongwen/index/index_terms.hpp"


#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

bool is_latin_alnum(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z'); }

bool is_cjk_unit(char32_t cp) {
    return is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

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

std::vector<UnitRun> unit_runs(std::string_view text) {
    const std::string folded = core::fold_for_matching(text);
    std::vector<UnitRun> runs(1);
    std::string latin;
    const auto flush_latin = [&] {
        if (!latin.empty()) runs.back().push_back(latin.substr(0, kMaxUnitBytes));
        latin.clear();
    };
    for (std::size_t pos = 0; pos < folded.size();) {
        const char32_t cp = next_code_point(folded, pos);
        if (is_latin_alnum(cp)) {
            latin += static_cast<char>(cp);
        } else if (is_cjk_unit(cp)) {
            flush_latin();
            std::string unit;
            append_utf8(unit, cp);
            runs.back().push_back(std::move(unit));
        } else if (is_soft_separator(cp)) {
            flush_latin();
        } else {
            flush_latin();
            if (!runs.back().empty()) runs.emplace_back();
        }
    }
    flush_latin();
    if (runs.back().empty()) runs.pop_back();
    return runs;
}

unsigned add_positional_text(Xapian::Document& document, std::string_view text, Xapian::termpos first, Xapian::termpos last) {
    Xapian::termpos position = first;
    for (const auto& run : unit_runs(text)) {
        for (std::size_t i = 0; i < run.size(); ++i) {
            if (position + i <= last) document.add_posting(run[i], static_cast<Xapian::termpos>(position + i));
            else document.add_term(run[i]);
            if (i + 1 < run.size()) document.add_term(run[i] + run[i + 1]);
        }
        // A gap so that a phrase never bridges punctuation.
        position += static_cast<Xapian::termpos>(run.size() + 1);
    }
    return position - first;
}

unsigned positions_taken(std::string_view text) {
    unsigned taken = 0;
    for (const auto& run : unit_runs(text)) taken += static_cast<unsigned>(run.size() + 1);
    return taken;
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
