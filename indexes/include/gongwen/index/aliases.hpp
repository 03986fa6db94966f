// Synonyms and aliases applied at query time (config/aliases.toml): 发改委 ↔ 发展和改革委员会. Extending
// the table needs no re-index because the index stores the text as written and queries are expanded.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::index {

/// A broken alias file. The message names the file and the line.
class AliasError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class AliasTable {
public:
    AliasTable() = default;
    /// Groups of names that mean the same thing; each name is folded for matching.
    explicit AliasTable(std::vector<std::vector<std::string>> groups);

    /// Reads `groups = [["人社局", "人力资源和社会保障局"], …]`. Throws AliasError naming file:line.
    static AliasTable load(const std::filesystem::path& file);
    static AliasTable parse(std::string_view toml_text, const std::filesystem::path& origin);

    /// `text` and every variant with one name of a group replaced by another name of the same group
    /// (applied group by group, at most `max_variants`), `text` first.
    std::vector<std::string> expand(std::string_view text, std::size_t max_variants = 16) const;

    const std::vector<std::vector<std::string>>& groups() const { return groups_; }

private:
    std::vector<std::vector<std::string>> groups_;
};

}  // namespace gongwen::index
