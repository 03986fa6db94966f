// Search results as JSON (see search_json.hpp). Kept field for field equal to `search --json`
// (search_command.cpp); the serve tests compare the two outputs.
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

}  // namespace

nlohmann::json search_results_json(const index::SearchResults& results) {
    nlohmann::json out{{"query", results.query}, {"total", results.total}, {"results", nlohmann::json::array()}};
    for (const auto& document : results.documents) {
        nlohmann::json entry{{"doc_id", document.doc_id}, {"path", document.path},
                             {"doc_number", optional_json(document.doc_number)}, {"title", optional_json(document.title)},
                             {"score", document.score}, {"clauses", nlohmann::json::array()}};
        for (const auto& clause : document.clauses) entry["clauses"].push_back(clause_json(clause));
        if (!document.clauses.empty()) {
            const auto& best = entry["clauses"][0];
            for (const char* key : {"clause_path", "page", "snippet"}) entry[key] = best[key];
        }
        out["results"].push_back(entry);
    }
    return out;
}

}  // namespace gongwen::app
