// `gongwen plugins`: what was loaded and what was refused, and why.
#include <iostream>

#include <nlohmann/json.hpp>

#include "gongwen/core/document_json.hpp"
#include "commands.hpp"

namespace gongwen::app {
namespace {

const char* kind_name(PluginKind kind) { return kind == PluginKind::extractor ? "extractor" : "enricher"; }

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

int run_plugins(const PluginsOptions& options, const GlobalOptions& global) {
    AppContext context;
    try {
        load_context(context, global);
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    if (options.json) {
        nlohmann::json out{{"loaded", nlohmann::json::array()}, {"refused", nlohmann::json::array()}};
        for (const auto& plugin : context.plugins.plugins()) {
            nlohmann::json entry{{"name", plugin.name}, {"version", plugin.version}, {"kind", kind_name(plugin.kind)},
                                 {"handles", plugin.handles}, {"description", plugin.description},
                                 {"file", plugin.file.string()}, {"options", nlohmann::json::array()}};
            for (const auto& option : plugin.options) {
                entry["options"].push_back({{"key", option.key}, {"default", option.default_value ? option.default_value : ""},
                                            {"description", option.description ? option.description : ""}});
            }
            out["loaded"].push_back(entry);
        }
        for (const auto& refused : context.plugins.refused()) {
            out["refused"].push_back({{"file", refused.file.string()}, {"reason", refused.reason}});
        }
        std::cout << core::dump_json(out, 2) << "\n";
        return kSuccess;
    }
    std::cout << "Loaded plugins:\n";
    for (const auto& plugin : context.plugins.plugins()) {
        std::cout << "  " << plugin.name << " " << plugin.version << "  (" << kind_name(plugin.kind) << ")";
        if (!plugin.handles.empty()) std::cout << "  handles: " << joined(plugin.handles);
        std::cout << "\n      " << plugin.description << "\n      " << plugin.file.string() << "\n";
        for (const auto& option : plugin.options) {
            std::cout << "      option " << plugin.name << "." << option.key << " = " << option.default_value
                      << "  — " << option.description << "\n";
        }
    }
    if (context.plugins.plugins().empty()) std::cout << "  (none: check the plugin directories below)\n";
    if (!context.plugins.refused().empty()) {
        std::cout << "Refused:\n";
        for (const auto& refused : context.plugins.refused()) {
            std::cout << "  " << refused.file.string() << ": " << refused.reason << "\n";
        }
    }
    std::cout << "Plugin directories searched:\n";
    for (const auto& directory : core::PluginHost::plugin_directories(context.executable_dir, context.config.plugin_paths)) {
        std::cout << "  " << directory.lexically_normal().string() << "\n";
    }
    return kSuccess;
}

}  // namespace gongwen::app
