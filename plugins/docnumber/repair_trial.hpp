// The OCR-slip trial of issue 17 ("Must show" 3), shared by tests/unit/test_doc_number_repair.cpp
// and bench/doc_number_repair.cpp: real doc numbers, OCR slips injected with a seeded generator,
// read back by the grammar and repaired. Header-only so both build it without a library.
//
// Honesty: the known 机关代字 are derived from one half of the numbers (split by a hash of the
// number; or a smaller share) plus agency_codes.toml, and the slips are injected into the others. Held-out numbers
// whose code the first half also has are the "known" group (repair expected); the rest are the
// "unknown" group (a code no list has: left as read, never changed into another number).
#pragma once

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/doc_number.hpp"
#include "gongwen/text.hpp"

namespace gongwen::docnumber::trial {

/// splitmix64: the same sequence on every platform (std::uniform_int_distribution is not).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t state_;
};

inline std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (unsigned char c : text) hash = (hash ^ c) * 0x100000001B3ULL;
    return hash;
}

/// The doc_number column of a one-column TSV with a header (tests/fixtures/doc_numbers_all.tsv).
inline std::vector<std::string> read_numbers(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> numbers;
    bool header = true;
    for (std::string line; std::getline(in, line);) {
        if (header) { header = false; continue; }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) numbers.push_back(line);
    }
    return numbers;
}

/// Every distinct bracket-form number the grammar reads off `values` (parse_doc_number on the
/// whole value), in first-seen order. Values it does not read (other text a scraper kept, 令
/// forms, empty) are left out; `unread` counts them.
inline std::vector<DocNumber> bracket_numbers(const std::vector<std::string>& values, std::size_t* unread = nullptr) {
    std::vector<DocNumber> out;
    std::set<std::string> seen;
    std::size_t missed = 0;
    for (const auto& value : values) {
        auto number = parse_doc_number(value);
        if (!number || number->form != "bracket") { ++missed; continue; }
        if (seen.insert(number->normalized).second) out.push_back(std::move(*number));
    }
    if (unread) *unread = missed;
    return out;
}

/// A code must head at least this many distinct numbers to be taken as known: a code seen once
/// is as likely a scraper's glued text (`印发沪府办`) as a real one.
constexpr int kMinNumbersPerCode = 2;

/// The known codes of a set of numbers: each code heading at least kMinNumbersPerCode of them.
inline std::vector<std::string> derived_codes(const std::vector<DocNumber>& numbers) {
    std::map<std::string, int> count;
    for (const auto& number : numbers) ++count[number.agency];
    std::vector<std::string> codes;
    for (const auto& [code, n] : count) {
        if (n >= kMinNumbersPerCode) codes.push_back(code);
    }
    return codes;
}

/// True for the numbers slips are injected into: all but `known_tenths` tenths of them (by a hash
/// of the number), the rest giving the known codes. 5 = halves.
inline bool held_out(const DocNumber& number, int known_tenths = 5) {
    return static_cast<int>(fnv1a(number.normalized) % 10) >= known_tenths;
}

struct Group {
    std::size_t numbers = 0;        ///< held-out numbers in the group
    std::size_t code_slipped = 0;   ///< … whose code got a character slip (the rest: brackets, script)
    std::size_t exact = 0;          ///< read back as the original number
    std::size_t as_read = 0;        ///< read, left with the slipped code (not repaired, not marked)
    std::size_t false_repairs = 0;  ///< repaired into a number that is not the original
    std::size_t unread = 0;         ///< not recognised as a doc number at all
    std::size_t clean_changed = 0;  ///< the original, read without slips, repaired into another number
    double rate() const { return numbers ? static_cast<double>(exact) / static_cast<double>(numbers) : 0.0; }
};

struct Figures {
    std::size_t values = 0, unread_values = 0, distinct = 0, known_codes = 0, confusions = 0;
    Group known, unknown;
};

/// The slips a scan makes of 〔…〕 (issue 17), and clean forms; chosen at random per number.
constexpr std::array<std::pair<const char*, const char*>, 9> kBracketSlips{{
    {"【〔", "]"}, {"〔【", "〕"}, {"〔", "〕)"}, {"〔", "("}, {"（（", "）"}, {"[", "]"}, {"〔", "〕"}, {"(", ")"}, {"［", "］"}}};

/// Injects slips: a bracket slip always; one character slip in the code (two, one time in four,
/// when the code has two confusable characters) wherever the confusion table allows one; a
/// traditional form (ICU Simplified-Traditional) for one other character one time in three.
class Injector {
public:
    /// `printed_to_read`: the confusion table reversed (函 → 画).
    Injector(std::map<char32_t, std::vector<char32_t>> printed_to_read, std::uint64_t seed)
        : printed_to_read_(std::move(printed_to_read)), rng_(seed) {
        UErrorCode status = U_ZERO_ERROR;
        to_traditional_.reset(icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) to_traditional_.reset();
    }

    struct Slipped {
        std::string text;
        bool code_slipped = false;
    };

    Slipped slip(const DocNumber& number) {
        std::u32string code = gongwen::to_u32(number.agency);
        std::vector<std::size_t> confusable;
        for (std::size_t i = 0; i < code.size(); ++i) {
            if (printed_to_read_.count(code[i])) confusable.push_back(i);
        }
        Slipped out;
        std::set<std::size_t> slipped;
        if (!confusable.empty()) {
            const std::size_t slips = confusable.size() >= 2 && rng_.below(4) == 0 ? 2 : 1;
            while (slipped.size() < slips) slipped.insert(confusable[rng_.below(confusable.size())]);
            for (const std::size_t at : slipped) {
                const auto& reads = printed_to_read_.at(code[at]);
                code[at] = reads[rng_.below(reads.size())];
            }
            out.code_slipped = true;
        }
        if (to_traditional_ && code.size() > slipped.size() && rng_.below(3) == 0) {
            std::size_t at = rng_.below(code.size());
            while (slipped.count(at)) at = (at + 1) % code.size();
            icu::UnicodeString one(static_cast<UChar32>(code[at]));
            to_traditional_->transliterate(one);
            if (one.countChar32() == 1) code[at] = static_cast<char32_t>(one.char32At(0));
        }
        const auto& [open, close] = kBracketSlips[rng_.below(kBracketSlips.size())];
        out.text = gongwen::to_utf8(code) + open + std::to_string(number.year) + close + std::to_string(number.serial) + "号";
        return out;
    }

private:
    std::map<char32_t, std::vector<char32_t>> printed_to_read_;
    Rng rng_;
    std::unique_ptr<icu::Transliterator> to_traditional_;
};

/// The confusion table reversed, for the injector: printed → what OCR may read.
inline std::map<char32_t, std::vector<char32_t>> reversed(const std::map<char32_t, std::vector<char32_t>>& read_to_printed) {
    std::map<char32_t, std::vector<char32_t>> out;
    for (const auto& [read, printed] : read_to_printed) {
        for (const char32_t p : printed) out[p].push_back(read);
    }
    return out;
}

/// The number as the docnumber plugin keeps it: repaired when the repair data knows better.
inline DocNumber read_back(const DocNumberRepair& repair, DocNumber number) {
    if (auto fixed = repair.repaired(number)) return std::move(*fixed);
    return number;
}

/// Runs the trial. `repair` holds the confusion table and agency_codes.toml's keys; the codes of
/// `known_tenths` tenths of the numbers are added to it here, and slips are injected into the
/// others, from the same table reversed. Fewer tenths leave more codes unknown: a harder test of
/// "never a false repair".
inline Figures run(const std::vector<std::string>& values, DocNumberRepair repair, std::uint64_t seed, int known_tenths = 5) {
    Figures figures;
    figures.values = values.size();
    const auto numbers = bracket_numbers(values, &figures.unread_values);
    figures.distinct = numbers.size();
    std::vector<DocNumber> first_half;
    for (const auto& number : numbers) {
        if (!held_out(number, known_tenths)) first_half.push_back(number);
    }
    for (const auto& code : derived_codes(first_half)) repair.add_known_code(code);
    figures.known_codes = repair.known_count();
    figures.confusions = repair.confusion_count();

    Injector injector(reversed(repair.confusions()), seed);
    for (const auto& number : numbers) {
        if (!held_out(number, known_tenths)) continue;
        Group& group = repair.knows(number.agency) ? figures.known : figures.unknown;
        ++group.numbers;
        if (auto clean = parse_doc_number(number.normalized); clean && read_back(repair, *clean).normalized != number.normalized) {
            ++group.clean_changed;
        }
        const auto slipped = injector.slip(number);
        group.code_slipped += slipped.code_slipped;
        const auto read = parse_doc_number(slipped.text);
        if (!read) { ++group.unread; continue; }
        const DocNumber back = read_back(repair, *read);
        if (back.normalized == number.normalized) ++group.exact;
        else if (!back.repaired_from.empty()) ++group.false_repairs;
        else ++group.as_read;
    }
    return figures;
}

}  // namespace gongwen::docnumber::trial
