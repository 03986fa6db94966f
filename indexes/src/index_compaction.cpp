// Index compaction (see index_compaction.hpp).
#include "gongwen/index/index_compaction.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

namespace fs = std::filesystem;

bool is_index(const fs::path& directory) {
    std::error_code error;
    return fs::exists(directory / "iamglass", error);
}

bool is_empty_or_missing(const fs::path& directory) {
    std::error_code error;
    return !fs::exists(directory, error) || (fs::is_directory(directory, error) && fs::is_empty(directory, error));
}

// Swaps two directories in one step (renameat2 RENAME_EXCHANGE), falling back to two renames on
// file systems that cannot exchange.
void exchange_directories(const fs::path& a, const fs::path& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
    if (errno != EINVAL && errno != ENOSYS) {
        throw IndexError("cannot put the compacted index in place of " + a.string() + ": " + std::strerror(errno));
    }
    const fs::path aside = a.string() + ".pre-compact";
    std::error_code error;
    fs::rename(a, aside, error);
    if (!error) fs::rename(b, a, error);
    if (!error) fs::rename(aside, b, error);
    if (error) {
        throw IndexError("cannot put the compacted index in place of " + a.string() + ": " + error.message() +
                         " (the old index may be at " + aside.string() + ")");
    }
}

}  // namespace

std::uintmax_t directory_bytes(const fs::path& directory) {
    std::uintmax_t total = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
        if (entry.is_regular_file(error)) total += entry.file_size(error);
    }
    return total;
}

CompactionResult compact_index(const fs::path& directory, const std::optional<fs::path>& output) {
    if (!is_index(directory)) {
        throw IndexError("no index at " + directory.string() + ": nothing to compact (pass --index DIR)");
    }
    if (output && !is_empty_or_missing(*output)) {
        throw IndexError("cannot compact into " + output->string() + ": it exists and is not empty");
    }
    // The writer holds Xapian's lock for the whole operation and says who has it when refused.
    IndexWriter writer(directory);
    CompactionResult result;
    result.bytes_before = directory_bytes(directory);

    const fs::path target = output ? *output : fs::path(directory.string() + ".compacting");
    std::error_code ignored;
    if (!output) fs::remove_all(target, ignored);   // left by a compaction that was killed
    writer.compact_into(target);

    if (!output) {
        exchange_directories(directory, target);
        fs::remove_all(target, ignored);   // now the old index
    }
    result.written_to = output ? *output : directory;
    result.bytes_after = directory_bytes(result.written_to);
    result.entries = Xapian::Database(result.written_to.string()).get_doccount();
    return result;
}

CompactionResult merge_shards(const std::vector<ShardLocation>& shards, const fs::path& output) {
    if (shards.empty()) throw IndexError("no shards to merge");
    if (!is_empty_or_missing(output)) {
        throw IndexError("cannot merge shards into " + output.string() + ": it exists and is not empty");
    }
    CompactionResult result;
    Xapian::Database sources;
    std::uint64_t last_sequence_of_any = 0;
    for (const auto& shard : shards) {
        if (shard.kind != ShardLocation::Kind::local) {
            throw IndexError("shard " + shard.name() + " is remote: Xapian compacts local databases only; run `gongwen compact --output DIR` " +
                             "on its machine, copy DIR here and name the copy instead");
        }
        if (!is_index(shard.path)) throw IndexError("no index at shard " + shard.path + ": every shard must be present to merge");
        try {
            const Xapian::Database source(shard.path);
            sources.add_database(source);
            last_sequence_of_any = std::max(last_sequence_of_any, last_sequence(source));
        } catch (const Xapian::Error& error) {
            throw IndexError("cannot open shard " + shard.path + ": " + error.get_msg());
        }
        result.bytes_before += directory_bytes(shard.path);
    }
    try {
        // Entry ids are renumbered (each shard numbers its own from 1); document ids, which come
        // from content, are unchanged.
        sources.compact(output.string());
        // Metadata of the first shard wins in a merge: the result is a whole index, not that shard.
        Xapian::WritableDatabase merged(output.string());
        merged.set_metadata(std::string(metadata::shard), "");
        // Each shard numbered its entries from 1 (ingest_sequence.hpp): what is ingested next must
        // come after all of them.
        merged.set_metadata(std::string(metadata::sequence), std::to_string(last_sequence_of_any));
        merged.commit();
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot merge shards into " + output.string() + ": " + error.get_description());
    }
    result.written_to = output;
    result.bytes_after = directory_bytes(output);
    result.entries = Xapian::Database(output.string()).get_doccount();
    return result;
}

}  // namespace gongwen::index
