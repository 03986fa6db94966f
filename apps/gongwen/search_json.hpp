// Search results as the JSON of `gongwen search --json`, for the web API (/api/search), which
// promises the same shape.
#pragma once

#include <nlohmann/json.hpp>

#include "gongwen/index/index_searcher.hpp"

namespace gongwen::app {

nlohmann::json search_results_json(const index::SearchResults& results);

}  // namespace gongwen::app
