// Facet counts of a query's matching documents: exactly, with a match spy on the search itself,
// or, for a query with very many matches, in an even sample of the index, scaled to the whole.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "gongwen/index/schema.hpp"

namespace gongwen::index {

/// Value → number of matching documents, most frequent first (ties by value).
using FacetCounts = std::vector<std::pair<std::string, Xapian::doccount>>;

// Counts facet values over matching documents. Built on Xapian's own ValueCountMatchSpy rather
// than a MatchSpy subclass: a remote shard (xapian-tcpsrv)
// can run only the match spies Xapian itself registers, and their counts merge across shards. The
// spy counts the combined facet value (facet_value); it is split into the three facets here.
class FacetSpy {
public:
    void attach(Xapian::Enquire& enquire) { enquire.add_matchspy(&spy_); }
    /// The counts, each multiplied by `scale` (a sample's counts scaled to the whole).
    std::map<std::string, FacetCounts> result(double scale = 1) const;

private:
    Xapian::ValueCountMatchSpy spy_{slot::facets};
};

/// Whether sampled_facets would count the facets of about `estimate` matches in a sample of about
/// `sample_size`: only when the sample's entries are at most half the matches (else Xapian would
/// walk every match again).
bool sample_saves_work(const Xapian::Database& database, Xapian::doccount estimate, Xapian::doccount sample_size);

/// The facets of `query`, which matches about `estimate` documents: counted in the matches within
/// an even sample of the index of about `sample_size` of them (DocidSample) and scaled to the whole.
/// nullopt where a sample would not save work (its entries more than half the matches: Xapian
/// would walk every match again) or cannot run (remote shards run only the filters Xapian registers).
std::optional<std::map<std::string, FacetCounts>> sampled_facets(const Xapian::Database& database, const Xapian::Query& query,
                                                                 Xapian::doccount estimate, Xapian::doccount sample_size);

}  // namespace gongwen::index
