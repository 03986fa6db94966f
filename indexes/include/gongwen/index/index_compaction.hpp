// `gongwen compact`: rewrites an index with Xapian's compactor. Updates leave B-tree blocks part
// full and old revisions' free space behind; a compacted copy is smaller and faster to search.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include <xapian.h>

#include "gongwen/index/index_set.hpp"

namespace gongwen::index {

struct CompactionResult {
    std::uintmax_t bytes_before = 0;   ///< the index's files before
    std::uintmax_t bytes_after = 0;    ///< the compacted index's files
    Xapian::doccount entries = 0;      ///< entries in the compacted index (unchanged by compaction)
    std::filesystem::path written_to;  ///< the index itself, or the --output directory
};

/// Compacts the index at `directory` while holding its write lock (an ingest cannot run at the
/// same time, and a running one makes this fail with "locked by PID …"). Without `output` the
/// compacted copy replaces the index in one atomic directory exchange, so a search or a crash at
/// any moment sees either the old or the new index; with `output` (a new or empty directory) the
/// index is left as it is. Entries keep their ids, and file records are kept, so the next ingest
/// still skips unchanged files. Throws IndexError with a message a user can act on.
CompactionResult compact_index(const std::filesystem::path& directory,
                               const std::optional<std::filesystem::path>& output = std::nullopt);

/// Merges the shards of a sharded index (`ingest --shard`) into one compacted index at `output`
/// (new or empty), for archiving: the merged index answers exactly as the set did. Every shard
/// must be a local directory and present: an archive missing a shard would silently miss its
/// documents. Throws IndexError naming the shard otherwise.
CompactionResult merge_shards(const std::vector<ShardLocation>& shards, const std::filesystem::path& output);

/// Total size of the regular files in `directory` (not recursive).
std::uintmax_t directory_bytes(const std::filesystem::path& directory);

}  // namespace gongwen::index
