// The alias table of the configuration (config/aliases.toml), shared by `search` and `deadlines --unit`
// so that staff extend one file for both.
#pragma once

#include "gongwen/core/config.hpp"
#include "gongwen/index/aliases.hpp"

namespace gongwen::app {

/// The alias file named by [search] aliases, else the aliases.toml next to the config file, else
/// none. Throws index::AliasError naming file:line for a broken file.
index::AliasTable load_configured_aliases(const core::Config& config);

}  // namespace gongwen::app
