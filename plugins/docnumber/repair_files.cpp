// Reading the repair data of the docnumber plugin (see repair_files.hpp).
#include "repair_files.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace gongwen::docnumber {
namespace {

std::string at(const std::filesystem::path& origin, const toml::source_region& where) {
    return origin.string() + ":" + std::to_string(where.begin.line) + ": ";
}

toml::table parse_toml(std::string_view text, const std::filesystem::path& origin) {
    try {
        return toml::parse(text, origin.string());
    } catch (const toml::parse_error& error) {
        throw RepairFileError(at(origin, error.source()) + std::string(error.description()));
    }
}

std::string read_whole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw RepairFileError(file.string() + ": cannot be read (does the file exist?)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The `[name]` table, or nothing when the file has none. Other top-level keys are mistakes
/// only for files this plugin owns (`strict`); agency_codes.toml belongs to the fields plugin.
const toml::table* section(const toml::table& root, const std::string& name, bool strict, const std::filesystem::path& origin) {
    if (strict) {
        for (const auto& [key, value] : root) {
            if (key.str() != name) {
                throw RepairFileError(at(origin, value.source()) + "unknown key `" + std::string(key.str()) + "` (the file holds [" +
                                      name + "])");
            }
        }
    }
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    if (!node->is_table()) throw RepairFileError(at(origin, node->source()) + "`" + name + "` must be a table: [" + name + "]");
    return node->as_table();
}

void add_confusion(DocNumberRepair& repair, const std::string& read, const toml::node& printed, const std::filesystem::path& origin) {
    const auto value = printed.value<std::string>();
    if (!printed.is_string() || !value) {
        throw RepairFileError(at(origin, printed.source()) + "what \"" + read + "\" was printed as must be a character in quotes");
    }
    try {
        repair.add_confusion(read, *value);
    } catch (const std::invalid_argument& error) {
        throw RepairFileError(at(origin, printed.source()) + error.what());
    }
}

}  // namespace

std::optional<std::filesystem::path> file_to_read(const std::string& option) {
    std::string_view path = option;
    const bool optional = path.starts_with('?');
    if (optional) path.remove_prefix(1);
    if (path.empty()) return std::nullopt;
    if (optional && !std::filesystem::exists(std::filesystem::path(path))) return std::nullopt;
    return std::filesystem::path(path);
}

void parse_confusions(std::string_view toml_text, const std::filesystem::path& origin, DocNumberRepair& repair) {
    const toml::table root = parse_toml(toml_text, origin);
    const toml::table* confusions = section(root, "confusions", true, origin);
    if (!confusions) return;
    for (const auto& [key, value] : *confusions) {
        const std::string read(key.str());
        if (const toml::array* list = value.as_array()) {
            if (list->empty()) throw RepairFileError(at(origin, value.source()) + "\"" + read + "\" lists no character");
            for (const auto& item : *list) add_confusion(repair, read, item, origin);
        } else {
            add_confusion(repair, read, value, origin);
        }
    }
}

void load_confusions(const std::filesystem::path& file, DocNumberRepair& repair) { parse_confusions(read_whole(file), file, repair); }

void parse_agency_code_keys(std::string_view toml_text, const std::filesystem::path& origin, DocNumberRepair& repair) {
    const toml::table root = parse_toml(toml_text, origin);
    if (const toml::table* codes = section(root, "codes", false, origin)) {
        for (const auto& [key, value] : *codes) repair.add_known_code(key.str());
    }
}

void load_agency_code_keys(const std::filesystem::path& file, DocNumberRepair& repair) {
    parse_agency_code_keys(read_whole(file), file, repair);
}

void parse_known_codes(std::string_view text, const std::filesystem::path& origin, DocNumberRepair& repair) {
    std::istringstream lines{std::string(text)};
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        const auto last = line.find_last_not_of(" \t\r");
        const std::string code = line.substr(first, last - first + 1);
        if (code.find_first_of(" \t") != std::string::npos) {
            throw RepairFileError(origin.string() + ":" + std::to_string(number) + ": one 机关代字 a line, not '" + code + "'");
        }
        repair.add_known_code(code);
    }
}

void load_known_codes(const std::filesystem::path& file, DocNumberRepair& repair) { parse_known_codes(read_whole(file), file, repair); }

}  // namespace gongwen::docnumber
