// How text becomes terms, shared by the writer and the query builder so both sides agree:
// units (one Han character, or one run of Latin letters/digits) with positions, and their bigrams.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>


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

/// Adds a text's units at positions from `first` on (one position per unit, one free position
/// between runs, none for soft separators) and its bigrams without positions: a phrase is checked on
/// unit positions, a bigram finds candidates fast. Units past `last` get no position. Returns the
/// number of positions the text takes.
unsigned add_positional_text(Xapian::Document& document, std::string_view text, Xapian::termpos first, Xapian::termpos last);

/// How many positions add_positional_text gives `text` (for the end of a heading inside a clause).
unsigned positions_taken(std::string_view text);

/// The document-level query for a run: its unit, or all of its bigrams (without positions: whether
/// they stand together in one clause is for the clause scorer).
Xapian::Query run_query(const UnitRun& run, std::string_view prefix = "");

}  // namespace gongwen::index
