// gongwen's configuration: built-in defaults, overridden by a TOML file, overridden by flags.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen::core {

/// A bad config file or value. The message names the file and the key.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Config {
    std::filesystem::path index_path;        ///< [index] path; empty in the file = XDG default
    int commit_every = 200;                   ///< [index] commit_every
    int compact_after_percent = 10;           ///< [index] compact_after_percent: 0 = never
    std::vector<std::string> shards;          ///< [index] shards: directories and tcp://HOST:PORT searched as one index
    int shard_connect_timeout_ms = 2000;      ///< [index] shard_connect_timeout_ms: a remote shard slower to answer is missing
    int jobs = 0;                             ///< [ingest] jobs; 0 = number of cores
    long long max_file_mb = 512;              ///< [ingest] max_file_mb
    int file_timeout_s = 600;                 ///< [ingest] file_timeout_s: a worker busy longer is killed
    long long worker_memory_mb = 4096;        ///< [ingest] worker_memory_mb: address-space limit of a worker; 0 = none
    std::filesystem::path page_cache;         ///< [ingest] page_cache: OCR results by page; empty = none ("off")
    std::vector<std::filesystem::path> plugin_paths;          ///< [plugins] paths
    std::vector<std::string> enrichers;       ///< [plugins] enrichers: run order; others run after, by name
    std::vector<std::string> disabled;        ///< [plugins] disabled
    /// [plugins.<name>] tables: option values as strings, checked against what each plugin declares.
    std::map<std::string, std::map<std::string, std::string>> plugin_options;
    int search_limit = 10;                    ///< [search] limit
    int clauses_per_document = 3;             ///< [search] clauses_per_document
    long long rank_window = 2000;             ///< [search] rank_window (index::SearchRequest::rank_window)
    /// [search] aliases: the alias file, relative to the config file's folder; absent = its
    /// aliases.toml if there is one; "" = none.
    std::optional<std::filesystem::path> aliases_file;

    std::filesystem::path loaded_from;        ///< the file these values came from, if any
};

/// Where `index.path = ""` points: $XDG_DATA_HOME/gongwen/index or ~/.local/share/gongwen/index.
std::filesystem::path default_index_path();

/// Where `ingest.page_cache = ""` points: $XDG_CACHE_HOME/gongwen/pages or ~/.cache/gongwen/pages.
std::filesystem::path default_page_cache_path();

/// Parses a TOML config over the built-in defaults. Throws ConfigError naming the key.
Config parse_config(const std::string& toml_text, const std::filesystem::path& origin);

/// Loads the config: `explicit_path` (--config) if given, else $GONGWEN_CONFIG, else the
/// gongwen.toml installed next to the executable, else built-in defaults.
Config load_config(const std::optional<std::filesystem::path>& explicit_path,
                   const std::filesystem::path& executable_dir);

}  // namespace gongwen::core
