// What the grid costs, timed in-process (issue 16, Must show 4; bench/table_share_bench.py runs it
// and sets it against `gongwen ingest`). For each PDF, in CPU time of this thread, median of
// --runs runs:
//   process  the whole worker pass: Pipeline::Worker::process (extraction, paragraphs, clauses,
//            every enricher), what an ingest worker does for the file
//   rules    reading the ruling lines while Poppler draws each page: PopplerText::words with a
//            rule list minus the same call without one (the RuleCollector callbacks)
//   grid     tables::read_grid_tables over the extracted pages: grids from the rules, glyphs by
//            cell, headers, spans, continuations (what the tables enricher runs first)
//
//   build/bin/grid_cost [--runs N] PLUGIN_DIR CONFIG FILE...
// Prints one TSV line per file (file, pages, process_ms, rules_ms, grid_ms) and a total line.
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "gongwen/core/config.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/core/plugin_host.hpp"
#include "poppler_text.hpp"
#include "table_readers.hpp"

namespace {

// CPU time of this thread: on a machine shared with other jobs, wall time also counts others.
double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

template <typename F>
double median_ms(int runs, F&& run) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const double start = thread_cpu_ms();
        run();
        times.push_back(thread_cpu_ms() - start);
    }
    return median(times);
}

std::vector<std::byte> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::byte> bytes(chars.size());
    std::transform(chars.begin(), chars.end(), bytes.begin(), [](char c) { return static_cast<std::byte>(c); });
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 2 && args[0] == "--runs") {
        runs = std::max(1, std::atoi(args[1].c_str()));
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.size() < 3) {
        std::cerr << "usage: grid_cost [--runs N] PLUGIN_DIR CONFIG FILE...\n";
        return 1;
    }
    try {
        gongwen::core::PluginHost host;
        host.load_directory(args[0]);
        const gongwen::core::Config config = gongwen::core::load_config(std::filesystem::path(args[1]), {});
        const gongwen::core::Pipeline pipeline(host, config, nullptr);
        auto worker = pipeline.make_worker();
        const gongwen::pdf::PopplerSession session(nullptr);

        double total_process = 0, total_rules = 0, total_grid = 0;
        int total_pages = 0;
        std::cout << "file\tpages\tprocess_ms\trules_ms\tgrid_ms\n";
        for (std::size_t f = 2; f < args.size(); ++f) {
            const std::string& path = args[f];
            const std::vector<std::byte> bytes = read_bytes(path);
            gongwen::Document document;
            const double process = median_ms(runs, [&] { document = worker->process(path, bytes); });

            const gongwen::pdf::PopplerText pdf(bytes);
            double rules = 0;
            for (int page = 0; page < pdf.pages(); ++page) {
                if (!pdf.has_page(page)) continue;
                std::vector<gongwen::Rule> collected;
                const double with = median_ms(runs, [&] { collected.clear(); pdf.words(page, &collected); });
                const double without = median_ms(runs, [&] { pdf.words(page, nullptr); });
                rules += with - without;
            }
            const double grid = median_ms(runs, [&] { gongwen::tables::read_grid_tables(document.pages); });

            std::cout << path << "\t" << document.pages.size() << "\t" << process << "\t" << rules << "\t" << grid << "\n";
            total_process += process, total_rules += rules, total_grid += grid;
            total_pages += static_cast<int>(document.pages.size());
        }
        std::cout << "total\t" << total_pages << "\t" << total_process << "\t" << total_rules << "\t" << total_grid << "\n";
    } catch (const std::exception& error) {
        std::cerr << "grid_cost: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
