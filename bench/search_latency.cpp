// In-process search latency: runs every query of a query file through IndexSearcher (the same
// call `gongwen search --json` makes: collapse, snippets, facets) and prints median and p95.
//
//   build/bin/search_latency INDEX QUERIES.tsv [ROUNDS] [ALIASES.toml]
// QUERIES.tsv: bench/queries.tsv (query in column 3; lines starting with # are skipped).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/index/index_searcher.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: search_latency INDEX QUERIES.tsv [ROUNDS] [ALIASES.toml]\n";
        return 1;
    }
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    std::vector<std::string> queries;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::stringstream columns(line);
        std::string id, category, query;
        std::getline(columns, id, '\t');
        std::getline(columns, category, '\t');
        std::getline(columns, query, '\t');
        if (!query.empty()) queries.push_back(query);
    }
    try {
        gongwen::index::AliasTable aliases;
        if (argc > 4) aliases = gongwen::index::AliasTable::load(argv[4]);
        gongwen::index::IndexSearcher searcher(argv[1], aliases);
        gongwen::index::SearchRequest request;
        request.facets = true;
        for (const auto& query : queries) searcher.search(query, request);  // warm the page cache
        std::vector<double> times;
        for (int round = 0; round < rounds; ++round) {
            for (const auto& query : queries) {
                const auto start = std::chrono::steady_clock::now();
                const auto results = searcher.search(query, request);
                times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
                if (results.documents.size() > 1000) std::cerr << "";  // keep the result alive
            }
        }
        std::sort(times.begin(), times.end());
        const auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(std::ceil(q * times.size())) - 1)]; };
        std::cout << "entries " << searcher.document_count() << " queries " << queries.size() << " rounds " << rounds
                  << " median_ms " << at(0.5) << " p95_ms " << at(0.95) << " max_ms " << times.back() << "\n";
    } catch (const std::exception& error) {
        std::cerr << "search_latency: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
