// Finding and loading the configured alias file (see alias_file.hpp).
#include "alias_file.hpp"

#include <system_error>

namespace gongwen::app {

index::AliasTable load_configured_aliases(const core::Config& config) {
    if (config.aliases_file) {
        if (config.aliases_file->empty()) return {};
        return index::AliasTable::load(*config.aliases_file);
    }
    if (config.loaded_from.empty()) return {};
    const auto beside = config.loaded_from.parent_path() / "aliases.toml";
    if (!std::filesystem::exists(beside)) return {};
    // A config file that is itself named aliases.toml is not an alias file.
    std::error_code error;
    if (std::filesystem::equivalent(beside, config.loaded_from, error)) return {};
    return index::AliasTable::load(beside);
}

}  // namespace gongwen::app
