// The `search --json` object and the search aliases (see search_json.hpp).
#include "search_json.hpp"

namespace gongwen::app {
namespace {

nlohmann::json optional_json(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json clause_json(const index::ClauseHit& clause) {
    nlohmann::json highlights = nlohmann::json::array();
    for (const auto& [from, to] : clause.snippet.highlights) highlights.push_back({from, to});
    return {{"clause_path", clause.clause_path},
            {"heading", clause.heading},
            {"page", clause.page},
            {"snippet", index::render_snippet(clause.snippet, "<mark>", "</mark>", true)},
            {"snippet_text", clause.snippet.text},
            {"highlights", highlights},
            {"score", clause.score}};
}

nlohmann::json facets_json(const index::SearchResults& results) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [facet, counts] : results.facets) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [value, count] : counts) list.push_back({{"value", value}, {"count", count}});
        out[facet] = list;
    }
    return out;
}

// The contract's flat fields describe the document's best clause; "clauses" lists all its best clauses.
nlohmann::json document_json(const index::DocumentHit& document) {
    nlohmann::json entry{{"doc_id", document.doc_id}, {"path", document.path},
                         {"doc_number", optional_json(document.doc_number)}, {"title", optional_json(document.title)},
                         {"signed_date", optional_json(document.signed_date)}, {"match", document.match},
                         {"score", document.score}, {"clauses", nlohmann::json::array()}};
    for (const auto& clause : document.clauses) entry["clauses"].push_back(clause_json(clause));
    entry["copies"] = copies_json(document.copies);
    if (!document.clauses.empty()) {
        const auto& best = entry["clauses"][0];
        for (const char* key : {"clause_path", "page", "snippet"}) entry[key] = best[key];
    }
    return entry;
}

}  // namespace

nlohmann::json copies_json(const std::vector<index::Copy>& copies) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& copy : copies) {
        list.push_back({{"doc_id", copy.doc_id}, {"path", copy.path}, {"extractor", copy.extractor}, {"ocr_pages", copy.ocr_pages}});
    }
    return list;
}

nlohmann::json search_results_json(const index::SearchResults& results) {
    nlohmann::json out{{"query", results.query}, {"total", results.total}, {"total_exact", results.total_exact},
                       {"facets_exact", results.facets_exact}, {"ranked_fraction", results.ranked_fraction}, {"results", nlohmann::json::array()}, {"facets", facets_json(results)}};
    for (const auto& document : results.documents) out["results"].push_back(document_json(document));
    // Filled only when no document has every word (SearchResults::some_words): a list of its own, so
    // that "total" and "results" keep meaning "has every word".
    out["some_words"] = {{"total", results.some_words_total}, {"ranked_fraction", results.some_words_ranked_fraction}, {"results", nlohmann::json::array()}};
    for (const auto& document : results.some_words) out["some_words"]["results"].push_back(document_json(document));
    return out;
}

index::AliasTable load_search_aliases(const core::Config& config) {
    if (config.aliases_file) {
        if (config.aliases_file->empty()) return {};
        return index::AliasTable::load(*config.aliases_file);
    }
    if (config.loaded_from.empty()) return {};
    const auto beside = config.loaded_from.parent_path() / "aliases.toml";
    if (!std::filesystem::exists(beside)) return {};
    return index::AliasTable::load(beside);
}

}  // namespace gongwen::app
