// Reading the repair data of the docnumber plugin (see repair_files.hpp).
#include "repair_files.hpp"

#include <sstream>

#include "data_file.hpp"

namespace gongwen::docnumber {
namespace {

using data_file::at;
using data_file::parse_toml;
using data_file::read_whole;
using data_file::section;

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
