// Which index a reading command (search, show, deadlines) opens, and how it says that part of a
// sharded index is missing.
#pragma once

#include <filesystem>
#include <optional>

#include "gongwen/core/config.hpp"
#include "gongwen/index/index_set.hpp"

namespace gongwen::app {

/// --index (a directory, a stub file or tcp://HOST:PORT), else `[index] shards`, else `[index] path`.
/// Throws IndexError when nothing can be opened.
index::IndexSet open_selected_index(const std::optional<std::filesystem::path>& flag, const core::Config& config);

/// The task state database of that index: beside the --index directory or stub file, else beside
/// `[index] path` (also for `[index] shards`); nothing for a remote tcp:// index, which has no
/// local place for it.
std::optional<std::filesystem::path> task_state_location(const std::optional<std::filesystem::path>& flag, const core::Config& config);

/// One warning line per missing shard on stderr: the answer comes from the other shards.
void warn_about_missing_shards(const index::IndexSet& set);

}  // namespace gongwen::app
