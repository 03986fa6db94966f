// Scores the clauses of one document entry against a ClausePattern, from the positions of the
// pattern's units in the entry (each clause has its own window of positions: clause_layout.hpp). The
// index does not keep unit positions (they were a third of its size): the scorer walks the entry's
// stored clause text once with the indexer's UnitCursor and notes where the pattern's units stand.
// Doc-number terms keep their positions in Xapian (one per clause that prints the number). The weights follow
// Xapian's BM25 with each clause as a document of its own, so that a match concentrated in one short
// clause ranks above the same words spread over a long one.
#pragma once

#include <bitset>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "gongwen/index/clause_layout.hpp"
#include "gongwen/index/clause_pattern.hpp"
#include "gongwen/index/number_postings.hpp"
#include "gongwen/index/stored_document.hpp"

namespace gongwen::index {

struct ScoredClause {
    std::size_t index = 0;   ///< the clause's index in the document
    double score = 0;
};

class ClauseScorer {
public:
    explicit ClauseScorer(const Xapian::Database& database);
    /// Term frequencies from `matches` where it has them (its query's terms: the statistics Xapian
    /// gathered for the match), from the database otherwise: on a remote shard each look-up in the
    /// database is a round trip.
    ClauseScorer(const Xapian::Database& database, const Xapian::MSet& matches);

    /// Finds doc-number terms where the entry's stored text prints them (number_postings.hpp) rather
    /// than by reading their positions: one read per term and entry, each a round trip on a remote
    /// shard (a doc-number query scores a hundred candidates).
    void find_numbers_in_text() { numbers_from_text_ = true; }

    /// The clauses of entry `docid` that `pattern` matches, best first (equal scores: earlier first).
    std::vector<ScoredClause> matching_clauses(Xapian::docid docid, const ClausePattern& pattern);
    /// The same for entry `docid` already read (from an MSet, whose fetch() reads a remote shard's
    /// in one go). `docid` is given apart: an entry of a shard set knows its number in its shard only.
    std::vector<ScoredClause> matching_clauses(Xapian::docid docid, const Xapian::Document& entry, const ClausePattern& pattern);

private:
    struct Scores {
        std::vector<double> score;
        std::vector<char> hit;
    };
    struct Occurrences {
        std::vector<unsigned> in_clause, in_heading;
        unsigned in_title = 0;
    };

    Scores evaluate(const ClausePattern& pattern);
    Scores leaf_scores(const ClausePattern& pattern);
    Occurrences find(const UnitRun& units);
    Occurrences find_term(const std::string& term);
    void count(Occurrences& found, Xapian::termpos position) const;
    /// Notes where the units in unit_positions_ stand in the entry, from its stored text.
    void read_unit_positions();
    /// The stored record of the entry being scored, read once.
    const StoredDocument* stored();
    const std::vector<Xapian::termpos>& unit_positions(const std::string& unit) const;
    std::vector<Xapian::termpos> term_positions(const std::string& term);
    double idf(const std::string& term);
    double tf_part(double tf, std::size_t clause) const;

    const Xapian::Database& database_;
    std::optional<Xapian::MSet> matches_;   ///< where term frequencies are looked up first
    double documents_ = 1;
    std::unordered_map<std::string, double> idf_;
    bool numbers_from_text_ = false;
    // Of the document being scored:
    Xapian::docid docid_ = 0;
    const Xapian::Document* entry_ = nullptr;
    std::optional<std::optional<StoredDocument>> stored_;   ///< outer: read yet; inner: readable
    std::optional<std::vector<NumberPosting>> number_postings_;
    std::vector<ClauseLayout> layout_;
    struct UnitHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view unit) const { return std::hash<std::string_view>{}(unit); }
    };
    /// The pattern's units only, looked up by the text's own bytes (no string per character).
    std::unordered_map<std::string, std::vector<Xapian::termpos>, UnitHash, std::equal_to<>> unit_positions_;
    /// A quick "not one of them" for the units of the text that are none of the pattern's (most).
    std::bitset<1 << 16> unit_filter_;
};

}  // namespace gongwen::index
