// Reads config/gongwen.toml with toml++ and rejects unknown keys and bad values by name.
#include "gongwen/core/config.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace gongwen::core {
namespace {

std::string where(const std::filesystem::path& origin, const std::string& key) {
    return "config " + (origin.empty() ? std::string("(built-in)") : origin.string()) + ": key '" + key + "'";
}

void reject_unknown_keys(const toml::table& table, const std::set<std::string>& known,
                         const std::string& prefix, const std::filesystem::path& origin) {
    for (const auto& [key, value] : table) {
        const std::string name(key.str());
        if (!known.contains(name)) {
            throw ConfigError(where(origin, prefix + name) + " is unknown (see config/gongwen.toml for every key)");
        }
    }
}

const toml::table* section(const toml::table& root, const std::string& name, const std::filesystem::path& origin) {
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    if (!node->is_table()) throw ConfigError(where(origin, name) + " must be a table ([" + name + "])");
    return node->as_table();
}

long long read_integer(const toml::table& table, const std::string& prefix, const std::string& key,
                       long long minimum, long long fallback, const std::filesystem::path& origin) {
    const toml::node* node = table.get(key);
    if (!node) return fallback;
    auto value = node->value<long long>();
    if (!node->is_integer() || !value) throw ConfigError(where(origin, prefix + key) + " must be an integer");
    if (*value < minimum) {
        throw ConfigError(where(origin, prefix + key) + " must be at least " + std::to_string(minimum) +
                          ", got " + std::to_string(*value));
    }
    return *value;
}

std::vector<std::string> read_string_list(const toml::table& table, const std::string& prefix,
                                          const std::string& key, const std::filesystem::path& origin) {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) throw ConfigError(where(origin, prefix + key) + " must be a list of strings");
    for (const auto& item : *array) {
        auto text = item.value<std::string>();
        if (!item.is_string() || !text) throw ConfigError(where(origin, prefix + key) + " must be a list of strings");
        out.push_back(*text);
    }
    return out;
}

std::string scalar_as_string(const toml::node& node) {
    if (auto text = node.value<std::string>(); node.is_string() && text) return *text;
    if (auto flag = node.value<bool>(); node.is_boolean() && flag) return *flag ? "true" : "false";
    std::ostringstream out;
    if (node.is_integer()) out << *node.value<long long>();
    else if (node.is_floating_point()) out << *node.value<double>();
    return out.str();
}

std::filesystem::path expand_home(const std::string& path) {
    if (path.starts_with("~/")) {
        if (const char* home = std::getenv("HOME")) return std::filesystem::path(home) / path.substr(2);
    }
    return path;
}

}  // namespace

std::filesystem::path default_index_path() {
    if (const char* data_home = std::getenv("XDG_DATA_HOME"); data_home && *data_home) {
        return std::filesystem::path(data_home) / "gongwen" / "index";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".local" / "share" / "gongwen" / "index";
}

std::filesystem::path default_page_cache_path() {
    if (const char* cache_home = std::getenv("XDG_CACHE_HOME"); cache_home && *cache_home) {
        return std::filesystem::path(cache_home) / "gongwen" / "pages";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".cache" / "gongwen" / "pages";
}

Config parse_config(const std::string& toml_text, const std::filesystem::path& origin) {
    toml::table root;
    try {
        root = toml::parse(toml_text, origin.string());
    } catch (const toml::parse_error& error) {
        std::ostringstream message;
        message << "config " << origin.string() << ": " << error.description() << " (line "
                << error.source().begin.line << ")";
        throw ConfigError(message.str());
    }
    reject_unknown_keys(root, {"index", "ingest", "plugins", "search"}, "", origin);

    Config config;
    config.loaded_from = origin;
    config.index_path = default_index_path();
    config.page_cache = default_page_cache_path();
    if (const toml::table* index = section(root, "index", origin)) {
        reject_unknown_keys(*index, {"path", "commit_every", "compact_after_percent", "shards", "shard_connect_timeout_ms"}, "index.", origin);
        if (const toml::node* path = index->get("path")) {
            auto text = path->value<std::string>();
            if (!path->is_string() || !text) throw ConfigError(where(origin, "index.path") + " must be a string");
            if (!text->empty()) config.index_path = expand_home(*text);
        }
        config.commit_every = static_cast<int>(read_integer(*index, "index.", "commit_every", 1, config.commit_every, origin));
        config.compact_after_percent =
            static_cast<int>(read_integer(*index, "index.", "compact_after_percent", 0, config.compact_after_percent, origin));
        config.shards = read_string_list(*index, "index.", "shards", origin);   // ~/ is expanded when opened
        config.shard_connect_timeout_ms = static_cast<int>(
            read_integer(*index, "index.", "shard_connect_timeout_ms", 1, config.shard_connect_timeout_ms, origin));
    }
    if (const toml::table* ingest = section(root, "ingest", origin)) {
        reject_unknown_keys(*ingest, {"jobs", "max_file_mb", "file_timeout_s", "worker_memory_mb", "page_cache"}, "ingest.", origin);
        config.jobs = static_cast<int>(read_integer(*ingest, "ingest.", "jobs", 0, config.jobs, origin));
        config.max_file_mb = read_integer(*ingest, "ingest.", "max_file_mb", 1, config.max_file_mb, origin);
        config.file_timeout_s = static_cast<int>(read_integer(*ingest, "ingest.", "file_timeout_s", 1, config.file_timeout_s, origin));
        config.worker_memory_mb = read_integer(*ingest, "ingest.", "worker_memory_mb", 0, config.worker_memory_mb, origin);
        if (const toml::node* cache = ingest->get("page_cache")) {
            auto text = cache->value<std::string>();
            if (!cache->is_string() || !text) throw ConfigError(where(origin, "ingest.page_cache") + " must be a string");
            if (*text == "off") config.page_cache.clear();
            else if (!text->empty()) config.page_cache = expand_home(*text);
        }
    }
    if (const toml::table* search = section(root, "search", origin)) {
        reject_unknown_keys(*search, {"limit", "clauses_per_document", "aliases", "rank_window"}, "search.", origin);
        if (const toml::node* aliases = search->get("aliases")) {
            auto text = aliases->value<std::string>();
            if (!aliases->is_string() || !text) throw ConfigError(where(origin, "search.aliases") + " must be a string");
            std::filesystem::path file = expand_home(*text);
            if (!text->empty() && file.is_relative()) file = origin.parent_path() / file;
            config.aliases_file = file;
        }
        config.search_limit = static_cast<int>(read_integer(*search, "search.", "limit", 1, config.search_limit, origin));
        config.clauses_per_document = static_cast<int>(
            read_integer(*search, "search.", "clauses_per_document", 1, config.clauses_per_document, origin));
        config.rank_window = read_integer(*search, "search.", "rank_window", 0, config.rank_window, origin);
    }
    if (const toml::table* plugins = section(root, "plugins", origin)) {
        for (const auto& [key, value] : *plugins) {
            const std::string name(key.str());
            if (name == "paths") {
                for (const auto& path : read_string_list(*plugins, "plugins.", name, origin)) {
                    config.plugin_paths.push_back(expand_home(path));
                }
            } else if (name == "enrichers") {
                config.enrichers = read_string_list(*plugins, "plugins.", name, origin);
            } else if (name == "disabled") {
                config.disabled = read_string_list(*plugins, "plugins.", name, origin);
            } else if (const toml::table* options = value.as_table()) {
                // [plugins.<name>]: validated against the plugin's declared options once it is loaded.
                auto& target = config.plugin_options[name];
                for (const auto& [option, option_value] : *options) {
                    if (!option_value.is_value()) {
                        throw ConfigError(where(origin, "plugins." + name + "." + std::string(option.str())) +
                                          " must be a string, number or boolean");
                    }
                    target[std::string(option.str())] = scalar_as_string(option_value);
                }
            } else {
                throw ConfigError(where(origin, "plugins." + name) +
                                  " is unknown (expected paths, enrichers, disabled or a [plugins.<name>] table)");
            }
        }
    }
    return config;
}

Config load_config(const std::optional<std::filesystem::path>& explicit_path,
                   const std::filesystem::path& executable_dir) {
    std::filesystem::path path;
    if (explicit_path) {
        path = *explicit_path;
    } else if (const char* from_env = std::getenv("GONGWEN_CONFIG"); from_env && *from_env) {
        path = from_env;
    } else {
        // Installed: <prefix>/bin/gongwen and <prefix>/share/gongwen/config/gongwen.toml.
        // Build tree: <build>/bin/gongwen and the source tree's config/ (recorded at configure time).
        for (const auto& candidate : {executable_dir / "../share/gongwen/config/gongwen.toml",
                                      std::filesystem::path(GONGWEN_SOURCE_CONFIG)}) {
            if (std::filesystem::exists(candidate)) {
                path = candidate;
                break;
            }
        }
        if (path.empty()) {
            Config defaults = parse_config("", {});
            return defaults;
        }
    }
    std::ifstream in(path);
    if (!in) throw ConfigError("config " + path.string() + ": cannot be read (does the file exist?)");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), path);
}

}  // namespace gongwen::core
