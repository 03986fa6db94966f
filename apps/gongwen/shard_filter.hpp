// `ingest --shard K/N`: which of the walked files this run indexes. Each machine (or process)
// walks the whole corpus and keeps the files whose content id falls in its shard, so N shards are
// built without coordination and every document lands in exactly one of them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/shard_assignment.hpp"

namespace gongwen::app {

class ShardFilter {
public:
    /// Checks `assignment` ("K/N", or nothing for a whole index) against what the index at
    /// `index_path` was built as, and records it in a new index. Throws std::invalid_argument for
    /// a malformed assignment and IndexError when it contradicts the index.
    ShardFilter(const std::optional<std::string>& assignment, index::IndexWriter& writer,
                const std::filesystem::path& index_path, std::uintmax_t max_file_bytes);

    bool active() const { return assignment_.has_value(); }
    /// Whether the file at `path` belongs to this shard (always, for a whole index). Reads and
    /// hashes the file; a file that cannot be read or is too large is left to the worker, which
    /// reports it.
    bool wants(const std::string& path, std::uintmax_t size);
    int skipped() const { return skipped_; }
    std::string text() const { return assignment_ ? assignment_->text() : std::string(); }

private:
    std::optional<index::ShardAssignment> assignment_;
    std::uintmax_t max_file_bytes_;
    int skipped_ = 0;
};

}  // namespace gongwen::app
