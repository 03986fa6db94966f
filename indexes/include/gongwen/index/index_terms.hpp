// How text becomes terms, shared by the writer, the query builder and the clause scorer so all
// agree: units (one Han character, or one run of Latin letters/digits), their bigrams, and the
// position each unit takes in its document entry.
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

/// Walks the units of a text, folded for matching (full-width → ASCII, lower case), with the
/// offset of each: one offset per unit, one free offset between runs, none for soft separators.
/// The one definition of how text splits into units: indexing, queries and clause scoring use it.
///
///     for (UnitCursor cursor(text); cursor.next();) use(cursor.unit(), cursor.offset());
class UnitCursor {
public:
    explicit UnitCursor(std::string_view text) : text_(text) {}
    /// Moves to the next unit; false at the end of the text.
    bool next();
    std::string_view unit() const { return unit_; }
    /// The unit's offset from the start of the text.
    unsigned offset() const { return offset_; }
    /// After the last unit: the offsets the whole text takes (its runs, each with its free offset).
    unsigned taken() const { return run_start_ + (run_units_ > 0 ? run_units_ + 1 : 0); }

private:
    bool emit();

    std::string_view text_;
    std::size_t at_ = 0;
    std::string_view unit_;   ///< into text_ (a Han character folds to itself), or into latin_
    std::string latin_;
    unsigned offset_ = 0, run_start_ = 0, run_units_ = 0;
};

/// The unit runs of a text, folded for matching (full-width → ASCII, lower case).
std::vector<UnitRun> unit_runs(std::string_view text);

/// Adds a text's units and their bigrams, without positions, and returns how many positions the
/// text takes from its first (UnitCursor::taken). Positions are not stored: the clause scorer finds
/// them again in the stored text of the few documents it scores (clause_scorer.hpp), which keeps the
/// index a third smaller than Xapian's position table did.
unsigned add_unit_terms(Xapian::Document& document, std::string_view text);

/// How many positions `text` takes (for the end of a heading inside a clause).
unsigned positions_taken(std::string_view text);

/// The document-level query for a run: its unit, or all of its bigrams (without positions: whether
/// they stand together in one clause is for the clause scorer).
Xapian::Query run_query(const UnitRun& run, std::string_view prefix = "");

}  // namespace gongwen::index
