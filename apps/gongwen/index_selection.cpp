// Index selection for the reading commands (see index_selection.hpp).
#include "index_selection.hpp"

#include <csignal>
#include <iostream>

#include "gongwen/index/task_state.hpp"

namespace gongwen::app {

index::IndexSet open_selected_index(const std::optional<std::filesystem::path>& flag, const core::Config& config) {
    // A remote shard that goes away mid-answer must raise a Xapian error, not kill us with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    const std::chrono::milliseconds timeout(config.shard_connect_timeout_ms);
    if (flag) return index::open_index_set(*flag, timeout);
    if (!config.shards.empty()) return index::open_index_set(config.shards, timeout);
    return index::open_index_set(config.index_path, timeout);
}

std::optional<std::filesystem::path> task_state_location(const std::optional<std::filesystem::path>& flag, const core::Config& config) {
    const std::filesystem::path index = flag.value_or(config.index_path);
    if (index.string().starts_with("tcp://")) return std::nullopt;
    return index::TaskStateStore::location_for(index);
}

void warn_about_missing_shards(const index::IndexSet& set) {
    for (const auto& problem : set.problems) {
        std::cerr << "gongwen: warning: shard unreachable, results are partial (" << set.missing_shards.size() << " of "
                  << set.shards.size() << " shards missing): " << problem << "\n";
    }
}

}  // namespace gongwen::app
