// Writes documents into the Xapian index: one entry per document (and one per task), and a
// record per source file (size, mtime, content hash) so re-runs skip what has not changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/document.hpp"

namespace gongwen::index {

/// The index cannot be opened, locked or written. The message says what to do.
class IndexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Another process holds the index's write lock (an ingest, a watcher's batch, a compaction):
/// a caller that can wait (`gongwen watch`) tells this from an index that cannot be opened.
class IndexLockedError : public IndexError {
public:
    using IndexError::IndexError;
};

/// What the index remembers about a source file.
struct FileRecord {
    std::string path;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;
    std::string doc_id;
};

/// A document's index entries (its tasks and the document itself) serialised with Xapian's own
/// format: what a worker process builds and sends to the one process that writes.
std::vector<std::string> serialise_entries(const Document& document, const std::string& path);

class IndexWriter {
public:
    /// Opens or creates the index at `directory`; takes Xapian's write lock.
    explicit IndexWriter(const std::filesystem::path& directory);
    ~IndexWriter();

    std::optional<FileRecord> file_record(const std::string& path) const;
    /// Updates a file's size/mtime without touching its entries (content unchanged).
    void update_file_record(const FileRecord& record);
    /// Replaces every entry that came from `record.path` with `document`'s entries.
    void replace(const Document& document, const FileRecord& record);
    /// The same with entries from serialise_entries().
    void replace_serialised(const std::vector<std::string>& entries, const FileRecord& record);
    /// Removes every entry that came from `path`.
    void remove(const std::string& path);
    /// Paths of every file in the index.
    std::vector<std::string> indexed_paths() const;
    /// Calls `visit` with the path of every file in the index, without collecting them (for
    /// indexes of millions of files). `visit` must not change the index.
    void for_each_indexed_path(const std::function<void(const std::string&)>& visit) const;

    /// Makes everything written so far durable and visible to searches.
    void commit();
    Xapian::doccount document_count() const;
    /// "K/N" when the index is shard K of N (`ingest --shard`), else "".
    std::string shard_assignment() const;
    void set_shard_assignment(const std::string& assignment);
    /// Commits, then writes a compacted copy of the index to `output` (Xapian's compactor; entry
    /// ids and metadata are kept). The index itself is not changed.
    void compact_into(const std::filesystem::path& output);

private:
    Xapian::WritableDatabase database_;
    /// The ingest sequence number last given (ingest_sequence.hpp); an index written before entries
    /// were numbered starts after its last entry number, so that what it already holds counts as older.
    std::uint64_t last_sequence_ = 0;
};

}  // namespace gongwen::index
