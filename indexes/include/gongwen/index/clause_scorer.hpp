// Scores the clauses of one document entry against a ClausePattern, from the unit positions Xapian
// keeps for the entry (each clause has its own window of positions: schema.hpp). The weights follow
// Xapian's BM25 with each clause as a document of its own, so that a match concentrated in one short
// clause ranks above the same words spread over a long one.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "gongwen/index/clause_layout.hpp"
#include "gongwen/index/clause_pattern.hpp"

namespace gongwen::index {

struct ScoredClause {
    std::size_t index = 0;   ///< the clause's index in the document
    double score = 0;
};

class ClauseScorer {
public:
    explicit ClauseScorer(const Xapian::Database& database);

    /// The clauses of entry `docid` that `pattern` matches, best first (equal scores: earlier first).
    std::vector<ScoredClause> matching_clauses(Xapian::docid docid, const ClausePattern& pattern);

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
    const std::vector<Xapian::termpos>& positions(const std::string& term);
    double idf(const std::string& term);
    double tf_part(double tf, std::size_t clause) const;

    const Xapian::Database& database_;
    double documents_ = 1;
    std::unordered_map<std::string, double> idf_;
    // Of the document being scored:
    Xapian::docid docid_ = 0;
    std::vector<ClauseLayout> layout_;
    std::unordered_map<std::string, std::vector<Xapian::termpos>> positions_;
};

}  // namespace gongwen::index
