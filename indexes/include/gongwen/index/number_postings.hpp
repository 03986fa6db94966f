// Where a document entry's doc-number terms stand: the writer posts them there, and the clause
// scorer finds them there again from the stored text when reading the positions would cost a round
// trip per entry (a remote shard). One rule, so that the two agree.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/index/clause_layout.hpp"

namespace gongwen::index {

struct NumberPosting {
    std::string term;           ///< prefix::own_number or prefix::cited_number and the normalised number
    Xapian::termpos position;   ///< the start of the clause that prints it
};

/// The doc numbers printed in a document's clauses (`clause_text(i)` for clause i, which starts at
/// `layout[i].start`): its own number (`own`, normalised; empty when it has none) at the first clause
/// that prints it, or at the first position when none does; every other number at each clause that
/// prints it, as often as it prints it (the term's wdf counts them; its positions are a set).
std::vector<NumberPosting> number_postings(const std::vector<ClauseLayout>& layout, const std::function<std::string(std::size_t)>& clause_text,
                                           const std::string& own);

}  // namespace gongwen::index
