// `gongwen compact`: Xapian compaction of the index, in place or into another directory.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gongwen/index/index_compaction.hpp"
#include "gongwen/index/index_writer.hpp"
#include "lock_wait.hpp"

namespace gongwen::app {
namespace {

std::string megabytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

// The shards of a sharded index (a stub file, or `[index] shards` without --index); none for one index.
std::vector<index::ShardLocation> shards_to_merge(const std::optional<std::filesystem::path>& flag, const core::Config& config) {
    if (flag) return std::filesystem::is_regular_file(*flag) ? index::read_stub_file(*flag) : std::vector<index::ShardLocation>{};
    std::vector<index::ShardLocation> shards;
    for (const auto& shard : config.shards) shards.push_back(index::parse_shard_location(shard));
    return shards;
}

}  // namespace

int run_compact(const CompactOptions& options, const GlobalOptions& global) {
    AppContext context;
    try {
        load_context(context, global);
        const auto shards = shards_to_merge(options.index, context.config);
        const auto directory = options.index.value_or(shards.empty() ? context.config.index_path : "([index] shards)");
        if (!shards.empty() && !options.output) {
            throw index::IndexError(directory.string() + " is a set of " + std::to_string(shards.size()) +
                                    " shards: pass --output DIR to merge them into one index there");
        }
        const index::CompactionResult result =
            shards.empty() ? retry_while_locked(options.wait_seconds, [&] { return index::compact_index(directory, options.output); }) : index::merge_shards(shards, *options.output);
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
    } catch (const index::IndexLockedError& error) {
        return report_locked(error, options.wait_seconds);
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
}

}  // namespace gongwen::app
