// Ingest sequence numbers: every document entry is numbered in the order it was written (per index;
// the count is kept in metadata::sequence) and carries that number as terms at a few granularities.
// "Written after number S" is then an OR of a few terms, a query any Xapian server can run: the rank
// window's filter on shards behind xapian-tcpsrv, which cannot run our posting sources
// (RecentEntries in docid_sample.hpp does the same job in-process from entry numbers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace gongwen::index {

/// The terms of a document entry with sequence number `sequence` (1 for the first written).
std::vector<std::string> sequence_terms(std::uint64_t sequence);

struct RecentSequences {
    Xapian::Query query;         ///< the document entries numbered `first` to `last`
    std::uint64_t first = 1;     ///< the first asked for, moved back to the start of its block
};
/// The entries numbered `first` or later, up to `last` (the highest written): at most 15 terms per
/// granularity. `first` is moved back to a block boundary (256 numbers): the window is never smaller
/// than asked.
RecentSequences recent_sequences(std::uint64_t first, std::uint64_t last);

/// The highest sequence number written in `database` (in a shard set, its first shard's: shards are
/// filled alike); 0 for an index written before entries were numbered.
std::uint64_t last_sequence(const Xapian::Database& database);

}  // namespace gongwen::index
