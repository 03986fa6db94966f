// What `gongwen search` and the web API (/api/search) share, so that the page and the CLI give
// the same answers: the `search --json` object and the query aliases the config names.
#pragma once

#include <nlohmann/json.hpp>

#include "gongwen/core/config.hpp"
#include "gongwen/index/index_searcher.hpp"

namespace gongwen::app {

/// Every copy of a document, best first, as `search --json`, `show --json` and the web API list
/// them: [{doc_id, path, extractor, ocr_pages}] (see index::Copy).
nlohmann::json copies_json(const std::vector<index::Copy>& copies);

/// The `search --json` object: query, total, facets, results grouped per document.
nlohmann::json search_results_json(const index::SearchResults& results);

/// The alias file named by the config ([search] aliases), else the aliases.toml next to the
/// config file, else none. Throws index::AliasError for an unreadable file.
index::AliasTable load_search_aliases(const core::Config& config);

}  // namespace gongwen::app
