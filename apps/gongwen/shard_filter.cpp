// Shard filtering for ingest (see shard_filter.hpp).
#include "shard_filter.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "gongwen/core/content_hash.hpp"

namespace gongwen::app {

ShardFilter::ShardFilter(const std::optional<std::string>& assignment, index::IndexWriter& writer,
                         const std::filesystem::path& index_path, std::uintmax_t max_file_bytes)
    : max_file_bytes_(max_file_bytes) {
    if (assignment) assignment_ = index::parse_shard_assignment(*assignment);
    // A shard that took files of another shard would answer twice for them in a set; a whole index
    // that took only one shard's files would silently miss the rest.
    const std::string recorded = writer.shard_assignment();
    const std::string wanted = text();
    const std::string where = "index " + index_path.string();
    if (recorded == wanted) return;
    if (!recorded.empty() && wanted.empty()) {
        throw index::IndexError(where + " is shard " + recorded + " of a sharded index: pass --shard " + recorded);
    }
    if (!recorded.empty()) throw index::IndexError(where + " is shard " + recorded + ", not " + wanted + ": use another directory for shard " + wanted);
    if (writer.document_count() > 0) {
        throw index::IndexError(where + " already holds a whole (unsharded) index: build shard " + wanted + " in a new directory");
    }
    writer.set_shard_assignment(wanted);
}

bool ShardFilter::wants(const std::string& path, std::uintmax_t size) {
    if (!assignment_ || size > max_file_bytes_) return true;
    std::ifstream in(path, std::ios::binary);
    if (!in) return true;
    std::vector<char> bytes(static_cast<std::size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    const std::string hash = core::content_hash(std::as_bytes(std::span<const char>(bytes)));
    if (index::shard_of(hash, assignment_->count) == assignment_->number) return true;
    ++skipped_;
    return false;
}

}  // namespace gongwen::app
