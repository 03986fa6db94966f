// Answers queries from the index: results grouped per document with their best clauses.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/core/segmenter.hpp"
#include "gongwen/index/snippet.hpp"

namespace gongwen::index {

struct ClauseHit {
    std::string clause_path;
    std::string heading;
    int page = 1;
    Snippet snippet;
    double score = 0;
};

struct DocumentHit {
    std::string doc_id;
    std::string path;
    std::optional<std::string> doc_number;
    std::optional<std::string> title;
    double score = 0;                 ///< the best clause's score
    std::vector<ClauseHit> clauses;   ///< best first
};

struct SearchResults {
    std::string query;
    Xapian::doccount total = 0;       ///< matching documents
    std::vector<DocumentHit> documents;
};

/// How a query string is read. Free Chinese text needs no spaces: every run of characters must
/// occur as written. Space-separated parts must all occur; "…" quotes a phrase with spaces;
/// -part excludes; a part that is a doc number matches it in any bracket style.
struct ParsedQuery {
    Xapian::Query query;
    std::vector<std::string> highlight_needles;  ///< strings to mark in snippets
    std::vector<std::string> doc_numbers;        ///< normalized doc numbers to mark in whatever form the text prints them
};

class QueryParser {
public:
    ParsedQuery parse(const std::string& text);

private:
    core::Segmenter segmenter_;
};

class IndexSearcher {
public:
    /// Searches an opened index or shard set (see index_set.hpp).
    explicit IndexSearcher(Xapian::Database database);
    /// Opens the index read-only. Throws IndexError when it does not exist or cannot be read.
    explicit IndexSearcher(const std::filesystem::path& directory);

    SearchResults search(const std::string& query, int limit, int clauses_per_document);
    Xapian::doccount document_count() const;

private:
    Xapian::Database database_;
    QueryParser parser_;
};

}  // namespace gongwen::index
