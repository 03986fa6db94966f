// One ingest run into one index, with ingest's workers, limits and log lines: what `gongwen ingest`
// does once and `gongwen watch` does for every batch of settled files.
#pragma once

#include <stop_token>
#include <string>
#include <vector>

#include "commands.hpp"

namespace gongwen::app {

struct IngestScope {
    /// Indexed files at or below these paths (absolute, lexically normal) that no longer exist
    /// lose their entries, as `--prune` does for the whole index.
    std::vector<std::string> prune_under;
    /// Once stop is requested no new file is started; files in flight are written and committed.
    std::stop_token stop;
};

/// Ingests `options.paths` into the index (incremental: unchanged files are skipped), prunes as
/// `options.prune` and `scope` say, commits, and compacts when the run changed enough of the index.
/// Returns an ExitStatus. Throws index::IndexLockedError, before anything is read or written,
/// when another process holds the index's write lock. `context` must be loaded (load_context).
int ingest_into_index(const IngestOptions& options, const GlobalOptions& global, const AppContext& context, const IngestScope& scope);

}  // namespace gongwen::app
