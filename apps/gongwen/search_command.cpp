// `gongwen search QUERY`: grouped results as text or JSON.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "gongwen/core/document_json.hpp"
#include "commands.hpp"
#include "index_selection.hpp"
#include "search_json.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_writer.hpp"

namespace gongwen::app {
namespace {

void print_documents(const std::vector<index::DocumentHit>& documents, const std::string& open, const std::string& close) {
    int rank = 0;
    for (const auto& document : documents) {
        std::cout << "\n" << ++rank << ". " << (document.doc_number ? *document.doc_number + "  " : "")
                  << document.title.value_or("(untitled)") << "\n   " << document.path << "\n";
        if (document.copies.size() > 1) {
            std::cout << "   " << document.copies.size() << " copies:";
            for (const auto& copy : document.copies) {
                if (copy.path != document.path) std::cout << " " << copy.path << (copy.ocr_pages.empty() ? "" : " (OCR)");
            }
            std::cout << "\n";
        }
        for (const auto& clause : document.clauses) {
            std::cout << "   " << (clause.clause_path.empty() ? "(preamble)" : clause.clause_path) << "  p."
                      << clause.page << "  " << index::render_snippet(clause.snippet, open, close, false) << "\n";
        }
    }
}

// search.rank_window: a very common query was ranked among the most recently ingested documents.
std::string ranked_share(double fraction) {
    if (fraction >= 1) return "";
    const long percent = std::max(1L, std::lround(fraction * 100));
    return " (about; ranked among the most recently ingested ~" + std::to_string(percent) +
           "% of documents: add words or 年份:/机关: to reach older ones, or --rank-window 0 to rank every match)";
}

void print_results(const index::SearchResults& results) {
    const bool colour = isatty(STDOUT_FILENO);
    const std::string open = colour ? "\033[1;31m" : "【", close = colour ? "\033[0m" : "】";
    std::cout << results.total << (results.total == 1 ? " document matches" : " documents match") << " 「"
              << results.query << "」" << ranked_share(results.ranked_fraction) << "\n";
    print_documents(results.documents, open, close);
    if (results.some_words.empty()) return;
    std::cout << "\nNo document has every word; " << results.some_words_total
              << (results.some_words_total == 1 ? " document has" : " documents have") << " some of them, most first"
              << ranked_share(results.some_words_ranked_fraction) << ":\n";
    print_documents(results.some_words, open, close);
}

// A shard set with unreachable shards answers from the others and says so.
nlohmann::json with_shard_status(nlohmann::json out, const index::IndexSet& index_set) {
    out["partial"] = index_set.partial();
    out["missing_shards"] = index_set.missing_shards;
    return out;
}

}  // namespace

int run_search(const SearchOptions& options, const GlobalOptions& global) {
    AppContext context;
    try {
        context.config = core::load_config(global.config_file, executable_directory());
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    std::string query;
    for (const auto& word : options.query_words) query += (query.empty() ? "" : " ") + word;
    try {
        const index::IndexSet index_set = open_selected_index(options.index, context.config);
        warn_about_missing_shards(index_set);
        index::IndexSearcher searcher(index_set, load_search_aliases(context.config));
        index::SearchRequest request;
        request.limit = options.limit.value_or(context.config.search_limit);
        request.clauses_per_document = context.config.clauses_per_document;
        request.sort = options.sort == "date" ? index::SortOrder::date : index::SortOrder::relevance;
        request.facets = options.json;
        request.rank_window = static_cast<Xapian::doccount>(options.rank_window.value_or(context.config.rank_window));
        const auto results = searcher.search(query, request);
        if (options.json) std::cout << core::dump_json(with_shard_status(search_results_json(results), index_set), 2) << "\n";
        else print_results(results);
        return kSuccess;
    } catch (...) {
        return report_index_error();
    }
}

}  // namespace gongwen::app
