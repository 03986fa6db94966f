// Matching a unit name typed by staff against the units of a task: 市发改委 finds 市发展和改革委员会
// and 市发展改革委, through built-in abbreviations, the groups of config/aliases.toml (the same table
// `search` uses) and the config's [units] aliases (extra groups for units only).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gongwen/index/aliases.hpp"

namespace gongwen::app {

/// The name with spaces removed, widths folded and long forms shortened (发展和改革委员会 → 发改委,
/// 人民政府 → 政府, 委员会 → 委, …), so that the forms of one name compare equal.
std::string canonical_unit(std::string_view name);

class UnitMatcher {
public:
    /// `aliases`: groups of names of one unit ([units] aliases); the query stands for every name of
    /// its group. `alias_table`: aliases.toml, whose names also match inside the query (医保局 in
    /// 市医保局 stands for 医疗保障局), as in `search`.
    UnitMatcher(std::string_view query, const std::vector<std::vector<std::string>>& aliases,
                const index::AliasTable& alias_table = {});
    /// True when one of `units` contains the query (or an alias of it) once both are canonical.
    bool matches(const std::vector<std::string>& units) const;

private:
    std::vector<std::string> needles_;
};

}  // namespace gongwen::app
