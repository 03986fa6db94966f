// Reading plugins' data files (see data_file.hpp).
#include "data_file.hpp"

#include <fstream>
#include <sstream>

namespace gongwen::data_file {

std::optional<std::filesystem::path> file_to_read(const std::string& option) {
    std::string_view path = option;
    const bool optional = path.starts_with('?');
    if (optional) path.remove_prefix(1);
    if (path.empty()) return std::nullopt;
    if (optional && !std::filesystem::exists(std::filesystem::path(path))) return std::nullopt;
    return std::filesystem::path(path);
}

std::string at(const std::filesystem::path& origin, const toml::source_region& where) {
    return origin.string() + ":" + std::to_string(where.begin.line) + ": ";
}

std::string read_whole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FileError(file.string() + ": cannot be read (does the file exist?)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

toml::table parse_toml(std::string_view text, const std::filesystem::path& origin) {
    try {
        return toml::parse(text, origin.string());
    } catch (const toml::parse_error& error) {
        throw FileError(at(origin, error.source()) + std::string(error.description()));
    }
}

const toml::table* section(const toml::table& root, const std::string& name, bool strict, const std::filesystem::path& origin,
                           std::string_view example) {
    if (strict) {
        for (const auto& [key, value] : root) {
            if (key.str() == name) continue;
            std::string message = at(origin, value.source()) + "unknown key `" + std::string(key.str()) + "` (the file holds [" + name + "]";
            if (!example.empty()) message += " with lines like " + std::string(example);
            throw FileError(message + ")");
        }
    }
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    if (!node->is_table()) throw FileError(at(origin, node->source()) + "`" + name + "` must be a table: [" + name + "]");
    return node->as_table();
}

}  // namespace gongwen::data_file
