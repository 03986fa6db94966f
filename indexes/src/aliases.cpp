// Alias table loading and query expansion (see aliases.hpp).
#include "gongwen/index/aliases.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "gongwen/core/text_normalizer.hpp"

namespace gongwen::index {
namespace {

std::string location(const std::filesystem::path& origin, const toml::source_region& where) {
    return origin.string() + ":" + std::to_string(where.begin.line);
}

}  // namespace

AliasTable::AliasTable(std::vector<std::vector<std::string>> groups) {
    for (auto& group : groups) {
        std::vector<std::string> folded;
        for (const auto& name : group) {
            std::string key = core::fold_for_matching(name);
            if (!key.empty() && std::find(folded.begin(), folded.end(), key) == folded.end()) folded.push_back(std::move(key));
        }
        // Longest first, so that 发展和改革委员会 is replaced before a shorter name inside it.
        std::stable_sort(folded.begin(), folded.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        if (folded.size() >= 2) groups_.push_back(std::move(folded));
    }
}

AliasTable AliasTable::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw AliasError("alias file " + file.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), file);
}

AliasTable AliasTable::parse(std::string_view toml_text, const std::filesystem::path& origin) {
    toml::table root;
    try {
        root = toml::parse(toml_text, origin.string());
    } catch (const toml::parse_error& error) {
        throw AliasError(location(origin, error.source()) + ": " + std::string(error.description()));
    }
    for (const auto& [key, value] : root) {
        if (key.str() != "groups") {
            throw AliasError(location(origin, value.source()) + ": unknown key `" + std::string(key.str()) +
                             "` (the file holds `groups = [[\"name\", \"alias\", …], …]`)");
        }
    }
    const toml::node* groups_node = root.get("groups");
    if (!groups_node) return AliasTable();
    const toml::array* groups = groups_node->as_array();
    if (!groups) throw AliasError(location(origin, groups_node->source()) + ": `groups` must be a list of lists of names");
    std::vector<std::vector<std::string>> parsed;
    for (const toml::node& group_node : *groups) {
        const toml::array* group = group_node.as_array();
        if (!group) throw AliasError(location(origin, group_node.source()) + ": a group must be a list of names, like [\"发改委\", \"发展和改革委员会\"]");
        std::vector<std::string> names;
        for (const toml::node& name : *group) {
            const auto text = name.value<std::string>();
            if (!name.is_string() || !text || text->empty()) {
                throw AliasError(location(origin, name.source()) + ": every name of a group must be a non-empty string");
            }
            names.push_back(*text);
        }
        if (names.size() < 2) throw AliasError(location(origin, group_node.source()) + ": a group needs at least two names");
        parsed.push_back(std::move(names));
    }
    return AliasTable(std::move(parsed));
}

std::vector<std::string> AliasTable::expand(std::string_view text, std::size_t max_variants) const {
    std::vector<std::string> variants{core::fold_for_matching(text)};
    for (const auto& group : groups_) {
        const std::size_t existing = variants.size();
        for (std::size_t v = 0; v < existing; ++v) {
            for (const auto& name : group) {
                const std::size_t at = variants[v].find(name);
                if (at == std::string::npos) continue;
                for (const auto& other : group) {
                    if (other == name) continue;
                    std::string variant = variants[v];
                    variant.replace(at, name.size(), other);
                    if (variants.size() < max_variants && std::find(variants.begin(), variants.end(), variant) == variants.end()) {
                        variants.push_back(std::move(variant));
                    }
                }
                break;  // one name per group and variant: the longest that occurs
            }
        }
    }
    return variants;
}

}  // namespace gongwen::index
