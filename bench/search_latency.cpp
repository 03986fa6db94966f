// In-process search latency: runs every query of a query file through IndexSearcher (the same
// call `gongwen search --json` makes: collapse, snippets, facets) and prints median and p95.
//
//   build/bin/search_latency INDEX QUERIES.tsv [ROUNDS] [ALIASES.toml]
// GONGWEN_RANK_WINDOW=N in the environment sets SearchRequest::rank_window (search.rank_window).
// GONGWEN_PER_QUERY=1 prints every query's fastest round, total and ranked share on stderr.
// QUERIES.tsv: bench/queries.tsv (query in column 3; lines starting with # are skipped).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/index/index_searcher.hpp"

// CPU time of this thread: on a machine shared with other jobs, wall time also counts the time
// the scheduler gave to others; both are reported.
double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

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
        if (const char* window = std::getenv("GONGWEN_RANK_WINDOW")) request.rank_window = static_cast<Xapian::doccount>(std::atol(window));
        for (const auto& query : queries) searcher.search(query, request);  // warm the page cache
        std::vector<double> times, cpu_times;
        std::vector<std::pair<double, std::string>> slowest;  // per query, its slowest round
        for (std::size_t q = 0; q < queries.size(); ++q) slowest.emplace_back(0.0, queries[q]);
        std::vector<double> fastest(queries.size(), 1e9);
        std::vector<std::pair<Xapian::doccount, double>> shares(queries.size());
        for (int round = 0; round < rounds; ++round) {
            for (std::size_t q = 0; q < queries.size(); ++q) {
                const double cpu_start = thread_cpu_ms();
                const auto start = std::chrono::steady_clock::now();
                const auto results = searcher.search(queries[q], request);
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                times.push_back(ms);
                cpu_times.push_back(thread_cpu_ms() - cpu_start);
                slowest[q].first = std::max(slowest[q].first, ms);
                fastest[q] = std::min(fastest[q], ms);
                shares[q] = {results.total, results.ranked_fraction};
                if (results.documents.size() > 1000) std::cerr << "";  // keep the result alive
            }
        }
        if (const char* each = std::getenv("GONGWEN_PER_QUERY"); each && *each == '1') {
            for (std::size_t q = 0; q < queries.size(); ++q) {
                std::cerr << "query: " << fastest[q] << " ms  total " << shares[q].first << "  ranked " << shares[q].second << "  " << queries[q] << "\n";
            }
        }
        // The five slowest queries on stderr, to see where time goes.
        std::sort(slowest.rbegin(), slowest.rend());
        for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i) {
            std::cerr << "slow: " << slowest[i].first << " ms  " << slowest[i].second << "\n";
        }
        std::sort(times.begin(), times.end());
        std::sort(cpu_times.begin(), cpu_times.end());
        const auto at = [](const std::vector<double>& sorted, double q) {
            return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(std::ceil(q * sorted.size())) - 1)];
        };
        std::cout << "entries " << searcher.document_count() << " queries " << queries.size() << " rounds " << rounds
                  << " median_ms " << at(times, 0.5) << " p95_ms " << at(times, 0.95) << " p99_ms " << at(times, 0.99)
                  << " max_ms " << times.back()
                  << " cpu_median_ms " << at(cpu_times, 0.5) << " cpu_p95_ms " << at(cpu_times, 0.95) << "\n";
    } catch (const std::exception& error) {
        std::cerr << "search_latency: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
