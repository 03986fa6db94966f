// Loads plugins with dlopen and checks the ABI version before reading anything else.
#include "gongwen/core/plugin_host.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "gongwen/core/config.hpp"

namespace gongwen::core {

std::vector<std::filesystem::path> PluginHost::plugin_directories(const std::filesystem::path& executable_dir,
                                                                  const std::vector<std::filesystem::path>& extra) {
    std::vector<std::filesystem::path> directories{executable_dir / GONGWEN_PLUGIN_RELATIVE_DIR};
    directories.insert(directories.end(), extra.begin(), extra.end());
    if (const char* env = std::getenv("GONGWEN_PLUGIN_PATH"); env && *env) {
        std::stringstream list(env);
        for (std::string entry; std::getline(list, entry, ':');) {
            if (!entry.empty()) directories.emplace_back(entry);
        }
    }
    return directories;
}

void PluginHost::load_directory(const std::filesystem::path& directory) {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) return;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("gongwen-") && name.ends_with(".so")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) load_file(file);
}

void PluginHost::load_file(const std::filesystem::path& file) {
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(file);
    for (const auto& plugin : plugins_) {
        if (plugin.file == canonical) return;  // the same directory listed twice
    }
    // RTLD_LOCAL keeps one plugin's symbols from resolving another's.
    void* handle = dlopen(canonical.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = dlerror();
        refused_.push_back({canonical, std::string("cannot be loaded: ") + (reason ? reason : "unknown dlopen error")});
        return;
    }
    using Entry = const GongwenPluginDescriptor* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, GONGWEN_PLUGIN_ENTRY_POINT));
    if (!entry) {
        refused_.push_back({canonical, "not a gongwen plugin: it does not export " GONGWEN_PLUGIN_ENTRY_POINT "()"});
        dlclose(handle);
        return;
    }
    const GongwenPluginDescriptor* descriptor = entry();
    if (!descriptor) {
        refused_.push_back({canonical, GONGWEN_PLUGIN_ENTRY_POINT "() returned no descriptor"});
        dlclose(handle);
        return;
    }
    // Only abi_version and name are frozen across versions: read nothing else before this check.
    if (descriptor->abi_version != GONGWEN_PLUGIN_ABI_VERSION) {
        std::ostringstream reason;
        reason << "plugin '" << (descriptor->name ? descriptor->name : "?") << "' was built for plugin ABI version "
               << descriptor->abi_version << ", this gongwen uses ABI version " << GONGWEN_PLUGIN_ABI_VERSION
               << ": rebuild the plugin against this gongwen's SDK";
        refused_.push_back({canonical, reason.str()});
        dlclose(handle);
        return;
    }
    if (!descriptor->name || !*descriptor->name || !descriptor->create ||
        (descriptor->kind != PluginKind::extractor && descriptor->kind != PluginKind::enricher)) {
        refused_.push_back({canonical, "descriptor is incomplete (needs a name, a kind and a create function)"});
        dlclose(handle);
        return;
    }
    if (const LoadedPlugin* existing = find(descriptor->name)) {
        refused_.push_back({canonical, std::string("a plugin named '") + descriptor->name + "' is already loaded from " +
                                           existing->file.string()});
        dlclose(handle);
        return;
    }
    LoadedPlugin plugin;
    plugin.name = descriptor->name;
    plugin.version = descriptor->version ? descriptor->version : "";
    plugin.kind = descriptor->kind;
    plugin.description = descriptor->description ? descriptor->description : "";
    for (const char* const* mime = descriptor->handles; mime && *mime; ++mime) plugin.handles.emplace_back(*mime);
    for (const PluginOption* option = descriptor->options; option && option->key; ++option) {
        plugin.options.push_back(*option);
    }
    plugin.file = canonical;
    plugin.create = descriptor->create;
    plugins_.push_back(std::move(plugin));
    // The handle stays open for the life of the process: instances and their vtables live in it.
}

void PluginHost::disable(const std::vector<std::string>& names) {
    std::erase_if(plugins_, [&](const LoadedPlugin& plugin) {
        if (std::find(names.begin(), names.end(), plugin.name) == names.end()) return false;
        refused_.push_back({plugin.file, "disabled in config ([plugins] disabled)"});
        return true;
    });
}

const LoadedPlugin* PluginHost::find(const std::string& name) const {
    for (const auto& plugin : plugins_) {
        if (plugin.name == name) return &plugin;
    }
    return nullptr;
}

std::unique_ptr<Plugin> PluginHost::instantiate(const LoadedPlugin& plugin,
                                                const std::map<std::string, std::string>& configured_options,
                                                const PluginLogger& logger,
                                                std::function<PageRecognizer*()> page_recognizer) const {
    PluginContext context;
    context.page_recognizer = page_recognizer ? std::move(page_recognizer) : [] { return static_cast<PageRecognizer*>(nullptr); };
    for (const auto& option : plugin.options) context.options[option.key] = option.default_value ? option.default_value : "";
    for (const auto& [key, value] : configured_options) context.options[key] = value;
    const std::string name = plugin.name;
    context.log = [logger, name](LogLevel level, const std::string& message) {
        if (logger) logger(name, level, message);
    };
    std::unique_ptr<Plugin> instance(plugin.create());
    if (!instance) throw ExtractionError("plugin '" + name + "' could not create an instance", FailureScope::plugin);
    instance->configure(context);
    return instance;
}

void PluginHost::validate_options(
    const std::map<std::string, std::map<std::string, std::string>>& plugin_options) const {
    for (const auto& [name, options] : plugin_options) {
        const LoadedPlugin* plugin = find(name);
        if (!plugin) {
            const std::string file_name = "gongwen-" + name + ".so";   // a named copy: lambdas cannot capture bindings in C++20
            bool refused = std::any_of(refused_.begin(), refused_.end(),
                                       [&](const RefusedPlugin& r) { return r.file.filename() == file_name; });
            if (refused) continue;  // its refusal is reported already
            throw ConfigError("config key 'plugins." + name + "': no plugin named '" + name +
                              "' is loaded (see `gongwen plugins`)");
        }
        for (const auto& entry : options) {
            const std::string& key = entry.first;
            bool known = std::any_of(plugin->options.begin(), plugin->options.end(),
                                     [&](const PluginOption& option) { return key == option.key; });
            if (!known) {
                std::string accepted;
                for (const auto& option : plugin->options) accepted += (accepted.empty() ? "" : ", ") + std::string(option.key);
                throw ConfigError("config key 'plugins." + name + "." + key + "' is unknown; plugin '" + name +
                                  "' accepts: " + (accepted.empty() ? "no options" : accepted));
            }
        }
    }
}

}  // namespace gongwen::core
