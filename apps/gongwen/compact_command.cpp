// `gongwen compact`: Xapian compaction of the index, in place or into another directory.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gongwen/index/index_compaction.hpp"
#include "gongwen/index/index_writer.hpp"

namespace gongwen::app {
namespace {

std::string megabytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

}  // namespace

int run_compact(const CompactOptions& options, const GlobalOptions& global) {
    AppContext context;
    try {
        load_context(context, global);
        const auto directory = options.index.value_or(context.config.index_path);
        const index::CompactionResult result = index::compact_index(directory, options.output);
        if (options.json) {
            std::cout << nlohmann::json{{"index", directory.string()},
                                        {"output", result.written_to.string()},
                                        {"bytes_before", result.bytes_before},
                                        {"bytes_after", result.bytes_after},
                                        {"entries", result.entries}}
                             .dump()
                      << "\n";
        } else {
            std::cout << "compacted " << directory.string()
                      << (options.output ? " into " + result.written_to.string() : std::string()) << ": "
                      << megabytes(result.bytes_before) << " -> " << megabytes(result.bytes_after) << ", "
                      << result.entries << " entries\n";
        }
        return kSuccess;
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
}

}  // namespace gongwen::app
