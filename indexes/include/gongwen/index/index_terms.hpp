// How text becomes terms, shared by the writer and the query builder so both sides agree:
// units (one Han character, or one run of Latin letters/digits), their bigrams, and ICU words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "gongwen/core/segmenter.hpp"

namespace gongwen::index {

/// A run of units between punctuation or spaces: `推进部门联合抽查` → 8 units.
using UnitRun = std::vector<std::string>;

/// Punctuation inside a phrase that people leave out when they type it: 、 in 以防为主、防抗救相结合,
/// quotes in 杨“数”浦, dashes in “市—区—街镇”, book-title marks, middle dots and spaces. It neither
/// ends a unit run nor takes a position, so the phrase typed without it still matches. Sentence
/// punctuation (。，；：？！), brackets and line breaks do end a run. Takes folded code points.
bool is_soft_separator(char32_t cp);

/// The unit runs of a text, folded for matching (full-width → ASCII, lower case).
std::vector<UnitRun> unit_runs(std::string_view text);

/// Adds a clause's body terms: unigrams, positional bigrams (so every substring of two or more
/// characters is a phrase of bigrams), and W-prefixed ICU words weighted up so whole words rank higher.
void add_text_terms(Xapian::Document& document, std::string_view text, core::Segmenter& segmenter,
                    Xapian::termpos& position);

/// Adds the ICU words of a clause heading or document title as W-prefixed words with more weight
/// than body words, so that a query word in the heading or title ranks the clause higher.
void add_heading_terms(Xapian::Document& document, std::string_view text, core::Segmenter& segmenter);

/// Adds unprefixed unigrams and bigrams without positions (document records: "contains these words").
void add_bag_terms(Xapian::Document& document, std::string_view text);

/// The query for a run: a unigram, a bigram, or a phrase of consecutive bigrams.
Xapian::Query run_query(const UnitRun& run, std::string_view prefix = "");

}  // namespace gongwen::index
