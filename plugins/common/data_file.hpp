// Reading the data files plugins keep next to the config (TOML tables, word lists): what every
// such reader needs the same way — the option that names the file, the whole file, TOML parsed
// with `path:line:` in every error, the one table a file holds. Linked statically into each
// plugin that reads data files (plugins/common/CMakeLists.txt); not part of the SDK.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace gongwen::data_file {

/// A data file that cannot be used. The message starts with `path:line:` or `path:`.
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A plugin option naming a file: "" = none; a leading `?` = optional (no file, nothing read),
/// which is how the defaults are written; otherwise the file must exist.
std::optional<std::filesystem::path> file_to_read(const std::string& option);

/// `path:line: ` for a message about what stands at `where` in the file.
std::string at(const std::filesystem::path& origin, const toml::source_region& where);

/// The whole file; FileError when it cannot be read.
std::string read_whole(const std::filesystem::path& file);

/// `text` parsed as TOML; FileError naming `origin` and the line of the mistake.
toml::table parse_toml(std::string_view text, const std::filesystem::path& origin);

/// The `[name]` table of `root`, or nothing when the file has none. With `strict`, any other
/// top-level key is a mistake (the file holds `[name]` only; `example` shows one of its lines).
const toml::table* section(const toml::table& root, const std::string& name, bool strict, const std::filesystem::path& origin,
                           std::string_view example = {});

}  // namespace gongwen::data_file
