// Finds, loads and checks plugins (dlopen), and creates fresh instances of them for workers.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gongwen/plugin.hpp"

namespace gongwen::core {

/// A plugin that passed every check and can create instances.
struct LoadedPlugin {
    std::string name;
    std::string version;
    PluginKind kind;
    std::vector<std::string> handles;            ///< MIME types (extractors)
    std::string description;
    std::vector<PluginOption> options;           ///< declared options
    std::filesystem::path file;
    Plugin* (*create)() = nullptr;
};

/// A file that looked like a plugin but was not loaded, and why.
struct RefusedPlugin {
    std::filesystem::path file;
    std::string reason;
};

using PluginLogger = std::function<void(const std::string& plugin, LogLevel, const std::string&)>;

class PluginHost {
public:
    /// The directories searched by default, in order: the one next to the executable
    /// (<exe>/../lib/gongwen/plugins), then `extra` (from config), then $GONGWEN_PLUGIN_PATH (':'-separated).
    static std::vector<std::filesystem::path> plugin_directories(const std::filesystem::path& executable_dir,
                                                                 const std::vector<std::filesystem::path>& extra);

    /// Loads every gongwen-*.so in `directory` (sorted by name). A missing directory is ignored.
    void load_directory(const std::filesystem::path& directory);
    /// Loads one plugin file; refusals are recorded, never thrown.
    void load_file(const std::filesystem::path& file);
    /// Moves plugins named in `names` from loaded to refused ("disabled in config").
    void disable(const std::vector<std::string>& names);

    const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
    const std::vector<RefusedPlugin>& refused() const { return refused_; }
    const LoadedPlugin* find(const std::string& name) const;

    /// A configured, fresh instance of `plugin`. Throws ExtractionError (scope plugin) if the
    /// plugin cannot configure itself. `page_recognizer` becomes PluginContext::page_recognizer.
    std::unique_ptr<Plugin> instantiate(const LoadedPlugin& plugin,
                                        const std::map<std::string, std::string>& configured_options,
                                        const PluginLogger& logger,
                                        std::function<PageRecognizer*()> page_recognizer = {}) const;

    /// Checks [plugins.<name>] tables against the loaded plugins' declared options.
    /// Throws ConfigError naming the first unknown plugin or key.
    void validate_options(const std::map<std::string, std::map<std::string, std::string>>& plugin_options) const;

private:
    std::vector<LoadedPlugin> plugins_;
    std::vector<RefusedPlugin> refused_;
};

}  // namespace gongwen::core
