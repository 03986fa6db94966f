// Search (see index_searcher.hpp). Two tiers: clauses that match the whole query (ranked: exact
// phrase first, then all words in the clause), then documents whose words are spread over several
// clauses, each shown with the clauses that hold any of the words. Facets count matching documents.
#include "gongwen/index/index_searcher.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

std::string term(std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); }

// The needles for one clause: the query's text, plus each queried doc number as this clause prints it
// (`苏政办发[2019]12号` in the text is found by a query written `苏政办发〔2019〕12号`).
std::vector<std::string> needles_for(const ParsedQuery& parsed, const std::string& clause_text) {
    std::vector<std::string> needles = parsed.highlight_needles;
    if (parsed.doc_numbers.empty()) return needles;
    for (const auto& match : find_doc_numbers(clause_text)) {
        if (std::find(parsed.doc_numbers.begin(), parsed.doc_numbers.end(), match.number.normalized) != parsed.doc_numbers.end()) {
            needles.push_back(clause_text.substr(match.begin, match.end - match.begin));
        }
    }
    return needles;
}

// Counts facet values over matching documents (record entries: one per document). Built on
// Xapian's own ValueCountMatchSpy rather than a MatchSpy subclass: a remote shard (xapian-tcpsrv)
// can run only the match spies Xapian itself registers, and their counts merge across shards. The
// spy counts the combined facet value (facet_value); it is split into the three facets here.
class FacetSpy {
public:
    void attach(Xapian::Enquire& enquire) { enquire.add_matchspy(&spy_); }
    std::map<std::string, FacetCounts> result() const {
        std::map<std::string, Xapian::doccount> issuers, years, doc_types;
        for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
            const FacetFields fields = parse_facet_value(*it);
            const Xapian::doccount count = it.get_termfreq();
            if (!fields.year.empty()) years[fields.year] += count;
            if (!fields.doc_type.empty()) doc_types[fields.doc_type] += count;
            for (const auto& issuer : fields.issuers) issuers[issuer] += count;
        }
        return {{"issuer", sorted(issuers)}, {"year", sorted(years)}, {"doc_type", sorted(doc_types)}};
    }

private:
    static FacetCounts sorted(const std::map<std::string, Xapian::doccount>& counts) {
        FacetCounts list(counts.begin(), counts.end());
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        return list;
    }
    Xapian::ValueCountMatchSpy spy_{slot::facets};
};

std::optional<std::string> string_or_null(const nlohmann::json& data, const char* key) {
    if (data.contains(key) && data[key].is_string()) return data[key].get<std::string>();
    return std::nullopt;
}

std::optional<std::string> iso_date(const std::string& value) {
    if (value.size() != 8) return std::nullopt;
    return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
}

DocumentHit document_hit(const nlohmann::json& data, const Xapian::Document& entry, double score) {
    DocumentHit hit;
    hit.doc_id = data.value("doc_id", "");
    hit.path = data.value("path", "");
    hit.doc_number = string_or_null(data, "doc_number");
    hit.title = string_or_null(data, "title");
    hit.signed_date = iso_date(entry.get_value(slot::signed_date));
    hit.score = score;
    return hit;
}

ClauseHit clause_hit(const nlohmann::json& data, const ParsedQuery& parsed, double score) {
    ClauseHit clause;
    clause.clause_path = data.value("clause_path", "");
    clause.heading = data.value("heading", "");
    clause.page = data.value("page", 1);
    clause.score = score;
    const std::string text = data.value("text", "");
    clause.snippet = make_snippet(text, needles_for(parsed, text));
    return clause;
}

}  // namespace

IndexSearcher::IndexSearcher(const std::filesystem::path& directory, AliasTable aliases) : parser_(std::move(aliases)) {
    if (!std::filesystem::exists(directory)) {
        throw IndexError("no index at " + directory.string() + ": run `gongwen ingest` first (or pass --index DIR)");
    }
    try {
        database_ = open_index_set(directory).database;
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot open index " + directory.string() + ": " + error.get_msg());
    }
}

IndexSearcher::IndexSearcher(Xapian::Database database, AliasTable aliases)
    : database_(std::move(database)), parser_(std::move(aliases)) {
    require_current_schema(database_, "");
}

Xapian::doccount IndexSearcher::document_count() const { return database_.get_doccount(); }

SearchResults IndexSearcher::search(const std::string& query_text, const SearchRequest& request) {
    for (int attempt = 0;; ++attempt) {
        try {
            return run(query_text, request);
        } catch (const Xapian::DatabaseModifiedError&) {
            // An ingest committed while we read: reopen and ask again.
            if (attempt >= 3) throw;
            database_.reopen();
        }
    }
}

void IndexSearcher::relax(const ParsedQuery& parsed, const SearchRequest& request, SearchResults& results) {
    const auto limit = static_cast<Xapian::doccount>(std::max(request.limit, 1));
    const auto per_document = static_cast<Xapian::doccount>(std::max(request.clauses_per_document, 1));
    Xapian::Enquire enquire(database_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed.any_part_query, Xapian::Query(term(prefix::kind, "clause"))));
    enquire.set_collapse_key(slot::doc_id, per_document);
    enquire.set_sort_by_relevance_then_value(slot::doc_id, false);
    const Xapian::MSet matches = enquire.get_mset(0, limit * per_document);
    std::unordered_map<std::string, std::size_t> position_of;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const Xapian::Document entry = it.get_document();
        const auto data = nlohmann::json::parse(entry.get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        auto& shown = results.some_words;
        auto [found, inserted] = position_of.try_emplace(data.value("doc_id", ""), shown.size());
        if (inserted) {
            if (shown.size() >= limit) continue;
            shown.push_back(document_hit(data, entry, it.get_weight()));
            shown.back().match = "some words";
        }
        if (found->second < shown.size()) shown[found->second].clauses.push_back(clause_hit(data, parsed, it.get_weight()));
    }
    if (results.some_words.empty()) return;
    // The count: documents with any of the words (records, as for the usual total).
    Xapian::Enquire documents(database_);
    documents.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed.any_document_query, Xapian::Query(term(prefix::kind, "doc"))));
    const Xapian::MSet counted = documents.get_mset(0, 0, database_.get_doccount());
    results.some_words_total = std::max<Xapian::doccount>(counted.get_matches_estimated(), static_cast<Xapian::doccount>(results.some_words.size()));
}

SearchResults IndexSearcher::run(const std::string& query_text, const SearchRequest& request) {
    SearchResults results;
    results.query = query_text;
    const ParsedQuery parsed = parser_.parse(query_text);
    const Xapian::Query clauses_only(term(prefix::kind, "clause")), documents_only(term(prefix::kind, "doc"));
    const Xapian::Query clause_query(Xapian::Query::OP_FILTER, parsed.query, clauses_only);
    const Xapian::Query document_query(Xapian::Query::OP_FILTER, parsed.document_query, documents_only);
    const auto limit = static_cast<std::size_t>(std::max(request.limit, 1));
    const auto per_document = static_cast<Xapian::doccount>(std::max(request.clauses_per_document, 1));

    // Tier 1: clauses matching the whole query, collapsed per document.
    Xapian::Enquire enquire(database_);
    enquire.set_query(clause_query);
    enquire.set_collapse_key(slot::doc_id, per_document);
    // Equal scores are ordered by document id, not by Xapian's entry number: entry numbers depend on
    // ingest order and interleave in a shard set, and the order must be the same either way.
    if (request.sort == SortOrder::date) enquire.set_sort_by_value_then_relevance(slot::signed_date, true);
    else enquire.set_sort_by_relevance_then_value(slot::doc_id, false);
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) * per_document);
    std::unordered_map<std::string, std::size_t> position_of;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const Xapian::Document entry = it.get_document();
        const auto data = nlohmann::json::parse(entry.get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        const std::string doc_id = data.value("doc_id", "");
        auto [found, inserted] = position_of.try_emplace(doc_id, results.documents.size());
        if (inserted) {
            if (results.documents.size() >= limit) continue;
            results.documents.push_back(document_hit(data, entry, it.get_weight()));
        }
        if (found->second >= results.documents.size()) continue;
        results.documents[found->second].clauses.push_back(clause_hit(data, parsed, it.get_weight()));
    }

    // Every matching document (words anywhere in it), for the total, the facets and tier 2.
    Xapian::Enquire documents(database_);
    documents.set_query(document_query);
    FacetSpy spy;
    if (request.facets) spy.attach(documents);
    const bool need_more = results.documents.size() < limit;
    // At least one item, so that the match runs (and counts) even when tier 1 filled the page.
    const Xapian::doccount wanted = need_more ? static_cast<Xapian::doccount>(limit + results.documents.size()) : 1;
    const Xapian::MSet document_matches = documents.get_mset(0, wanted, database_.get_doccount());
    results.total = std::max<Xapian::doccount>(document_matches.get_matches_estimated(), static_cast<Xapian::doccount>(position_of.size()));
    if (request.facets) results.facets = spy.result();
    // Tier 2 takes documents in a stable order: equal scores by document id (see tier 1). A second
    // match, because Xapian's remote backend counts the top documents twice in match spies when
    // sorting by value, and the facets above must stay exact on remote shards.
    Xapian::MSet candidates = document_matches;
    if (need_more) {
        Xapian::Enquire ordered(database_);
        ordered.set_query(document_query);
        ordered.set_sort_by_relevance_then_value(slot::doc_id, false);
        candidates = ordered.get_mset(0, wanted);
    }

    // Tier 2: documents whose words are spread over clauses, with the clauses that hold any of them.
    for (auto it = candidates.begin(); need_more && it != candidates.end() && results.documents.size() < limit; ++it) {
        const std::string doc_id = it.get_document().get_value(slot::doc_id);
        if (position_of.contains(doc_id)) continue;
        Xapian::Enquire best(database_);
        best.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed.any_part_query,
                                     Xapian::Query(Xapian::Query::OP_AND, clauses_only, Xapian::Query(term(prefix::doc_id, doc_id)))));
        const Xapian::MSet clauses = best.get_mset(0, per_document);
        if (clauses.empty()) continue;
        DocumentHit hit;
        for (auto clause = clauses.begin(); clause != clauses.end(); ++clause) {
            const Xapian::Document entry = clause.get_document();
            const auto data = nlohmann::json::parse(entry.get_data(), nullptr, false);
            if (data.is_discarded()) continue;
            if (hit.clauses.empty()) {
                hit = document_hit(data, entry, it.get_weight());
                hit.match = "document";
            }
            hit.clauses.push_back(clause_hit(data, parsed, clause.get_weight()));
        }
        if (hit.clauses.empty()) continue;
        position_of.emplace(doc_id, results.documents.size());
        results.documents.push_back(std::move(hit));
    }
    if (results.documents.empty() && parsed.relaxable) relax(parsed, request, results);
    if (request.sort == SortOrder::date) {
        std::stable_sort(results.documents.begin(), results.documents.end(), [](const DocumentHit& a, const DocumentHit& b) {
            return a.signed_date.value_or("") > b.signed_date.value_or("");
        });
    }
    return results;
}

}  // namespace gongwen::index
