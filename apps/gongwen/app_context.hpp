// What every subcommand needs: the effective configuration and the loaded plugins.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "gongwen/core/config.hpp"
#include "gongwen/core/plugin_host.hpp"

namespace gongwen::app {

/// Exit statuses, a contract for scripts: 0 all well, 2 some files rejected, 1 fatal.
enum ExitStatus : int { kSuccess = 0, kFatal = 1, kPartial = 2 };

struct GlobalOptions {
    std::optional<std::filesystem::path> config_file;
    bool verbose = false;
};

struct AppContext {
    core::Config config;
    core::PluginHost plugins;
    std::filesystem::path executable_dir;
};

/// The directory of the running executable (/proc/self/exe), for finding plugins and config.
std::filesystem::path executable_directory();

/// Set (to "1") by `ingest --re-ocr` for its workers: the page cache is written, not read.
inline constexpr const char* kRefreshPageCacheVariable = "GONGWEN_REFRESH_PAGE_CACHE";

/// Set by `ingest` for its workers: the number of cores of the run (--jobs), whose slot file the
/// worker finds on descriptor kCpuSlotsFd (see gongwen/cpu_slots.hpp).
inline constexpr const char* kCpuSlotsVariable = "GONGWEN_CPU_SLOTS";
inline constexpr int kCpuSlotsFd = 5;

/// --jobs, or ingest.jobs from the config; 0 (either) = the number of cores.
int effective_jobs(std::optional<int> jobs, const core::Config& config);

/// Loads config and plugins (and points the page cache at ingest.page_cache). Throws core::ConfigError on a bad config.
void load_context(AppContext& context, const GlobalOptions& options);

/// The configuration of a command that loads no plugins (search, show, deadlines, serve), or
/// nothing after telling the user on stderr why it cannot be read.
std::optional<core::Config> load_config_or_report(const GlobalOptions& options);

/// For the `catch (...)` of a command that reads an index: prints the alias, query or index error
/// being handled as "gongwen: …" and returns kFatal; anything else is rethrown.
int report_index_error();

/// The logger plugins write through: stderr, prefixed with the plugin name.
core::PluginLogger plugin_logger(bool verbose);

}  // namespace gongwen::app
