// Reads back the record the writer stores for each document (the `Kdoc` entry: the whole
// `extract --json` record with the indexed path), for `gongwen show`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace gongwen::index {

class RecordReader {
public:
    /// Reads an opened index or shard set (see index_set.hpp).
    explicit RecordReader(Xapian::Database database);
    /// Opens the index read-only. Throws IndexError when it does not exist or cannot be read.
    explicit RecordReader(const std::filesystem::path& directory);

    /// The records `key` names, in index order: a document id, a file path as ingested (relative
    /// paths are made absolute, as `ingest` does), or a doc number in any written form (several
    /// documents may carry the same number). Empty when nothing matches.
    std::vector<nlohmann::json> find(const std::string& key) const;

private:
    std::vector<nlohmann::json> records_with(const std::string& term) const;

    Xapian::Database database_;
};

}  // namespace gongwen::index
