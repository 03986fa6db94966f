// Which shard a document belongs to, for `gongwen ingest --shard K/N`. The split is decided by the
// document's id (the start of its content hash), so N machines that each walk the same corpus
// build disjoint shards without talking to each other, identical files land in the same shard
// (as they share one entry in a single index), and anyone can tell a document's shard from its id.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::index {

struct ShardAssignment {
    int number = 1;   ///< K: 1..count
    int count = 1;    ///< N

    std::string text() const { return std::to_string(number) + "/" + std::to_string(count); }
};

/// Reads `K/N` (1 <= K <= N). Throws std::invalid_argument with a message that names the text and
/// says what is wrong.
ShardAssignment parse_shard_assignment(std::string_view text);

/// The shard (1..count) of the document with this id or content hash (hex digits; the first 16
/// are used, which is the whole document id).
int shard_of(std::string_view content_id, int count);

}  // namespace gongwen::index
