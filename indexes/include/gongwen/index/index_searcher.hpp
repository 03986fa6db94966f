// Answers queries from the index: results grouped per document with their best clauses, and facets.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/index/facet_counter.hpp"
#include "gongwen/index/index_set.hpp"

#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/query_parser.hpp"
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
    std::optional<std::string> signed_date;  ///< YYYY-MM-DD
    double score = 0;                 ///< the best clause's score
    /// How it matched: "clause" (every part in one clause), "document" (parts spread over clauses) or
    /// "some words" (no document has every word: see SearchResults::some_words).
    std::string match = "clause";
    std::vector<ClauseHit> clauses;   ///< best first
    /// Every copy of the document (copy_groups.hpp), best first: the first is the one shown above
    /// (unless the best copy has no clause that matches). One copy for a document without others;
    /// empty for an entry written before copies were detected.
    std::vector<Copy> copies;
};

struct SearchResults {
    std::string query;
    /// Matching documents. Copies of a listed document count once; copies of documents beyond the
    /// results asked for count each (Xapian's estimate counts index entries).
    Xapian::doccount total = 0;
    /// False when more documents match than the search counts exactly (20,000) and Xapian stopped
    /// before the end: `total` is then Xapian's estimate.
    bool total_exact = true;
    /// False when the facets are estimates (with total_exact): counted in a sample of about 2,000
    /// matches spread evenly over the index and scaled up when that sample is smaller than the
    /// matches, else in the matches examined. Copies are then not taken out.
    bool facets_exact = true;
    /// The share of the index the results were ranked from: 1, or with SearchRequest::rank_window,
    /// the most recently written part when more documents matched than the window (total and facets
    /// are then estimates for the whole index).
    double ranked_fraction = 1;
    /// When no document has every word of a plain-words query (ParsedQuery::relaxable): documents
    /// with some of them, most first, so that a word typed differently from the text (a short form
    /// the alias file lacks) costs rank instead of every result. `documents` stays empty.
    std::vector<DocumentHit> some_words;
    Xapian::doccount some_words_total = 0;  ///< documents with any of the words
    double some_words_ranked_fraction = 1;  ///< as ranked_fraction, for `some_words`
    std::vector<DocumentHit> documents;
    std::map<std::string, FacetCounts> facets;  ///< "issuer", "year", "doc_type"; copies counted as in `total`
};

enum class SortOrder { relevance, date };

struct SearchRequest {
    int limit = 10;
    int clauses_per_document = 3;
    SortOrder sort = SortOrder::relevance;
    bool facets = false;
    /// 0: rank every match (the default). N: when a query matches more than about N documents,
    /// rank only the most recently written entries that hold about N of its matches: a bound on the
    /// cost of a very common query in a big archive (Xapian 1.4 visits every match of an all-words
    /// query), paid for in recall of older documents. See bench/README.md "A million documents".
    Xapian::doccount rank_window = 0;
};

class IndexSearcher {
public:
    /// Searches an opened index or shard set (see index_set.hpp).
    explicit IndexSearcher(Xapian::Database database, AliasTable aliases = {});
    /// The same, batching reads when some shard is remote (IndexSet::remote).
    explicit IndexSearcher(const IndexSet& index_set, AliasTable aliases = {});
    /// Opens the index read-only. Throws IndexError when it does not exist or cannot be read.
    explicit IndexSearcher(const std::filesystem::path& directory, AliasTable aliases = {});

    /// Throws QuerySyntaxError for an unreadable field filter.
    SearchResults search(const std::string& query, const SearchRequest& request);
    SearchResults search(const std::string& query, int limit, int clauses_per_document) {
        return search(query, SearchRequest{limit, clauses_per_document});
    }
    Xapian::doccount document_count() const;

private:
    /// Xapian's best matches of a query, and the query they were ranked from.
    struct Ranked {
        Xapian::MSet matches;
        Xapian::Query query;   ///< `query`, or `query` within the rank window
        double fraction = 1;   ///< the share of the index ranked (SearchResults::ranked_fraction)
        bool facets_counted = false;   ///< the spy counted the matches' facets
    };
    /// The best `wanted` matches of `query`, all of them or with a rank window (SearchRequest::
    /// rank_window) those among the most recent entries; `spy` counts the facets of the matches
    /// examined when `count_facets`.
    Ranked rank(const Xapian::Query& query, Xapian::doccount wanted, Xapian::doccount window, bool count_facets, std::optional<FacetSpy>& spy);
    /// The filter that keeps about the most recent `fraction` of the documents, and the share it
    /// really keeps (whole windows, blocks).
    struct RecentFilter {
        Xapian::Query filter;
        double fraction = 1;
    };
    RecentFilter recent(double fraction) const;
    /// The rank window can be used: in-process always, on remote shards when the index numbers its
    /// entries (ingest_sequence.hpp).
    bool can_window() const { return !remote_ || last_sequence_ > 0; }
    SearchResults run(const std::string& query_text, const SearchRequest& request);
    /// For an empty answer to a relaxable query: the documents that have some of its words.
    void relax(const ParsedQuery& parsed, const SearchRequest& request, SearchResults& results);

    Xapian::Database database_;
    bool remote_ = false;   ///< IndexSet::remote
    /// IndexSet::opened of a local set of several shards: copies are then looked up on two threads,
    /// the second reading through `second_` (open_again, opened by that thread when first needed).
    /// One index reads a copy term's postings in one B-tree instead of one per shard, and a remote
    /// set's round trips are not shortened by a thread, so neither has a second handle.
    std::vector<ShardLocation> local_shards_;
    std::optional<Xapian::Database> second_;
    std::uint64_t last_sequence_ = 0;   ///< on remote shards: last_sequence(database_)
    QueryParser parser_;
};

}  // namespace gongwen::index
