// Matching a unit name typed by staff against the units of a task: 市发改委 finds 市发展和改革委员会
// and 市发展改革委, through built-in abbreviations and the config's [units] aliases.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::app {

/// The name with spaces removed, widths folded and long forms shortened (发展和改革委员会 → 发改委,
/// 人民政府 → 政府, 委员会 → 委, …), so that the forms of one name compare equal.
std::string canonical_unit(std::string_view name);

class UnitMatcher {
public:
    /// `aliases`: groups of names of one unit; the query stands for every name of its group.
    UnitMatcher(std::string_view query, const std::vector<std::vector<std::string>>& aliases);
    /// True when one of `units` contains the query (or an alias of it) once both are canonical.
    bool matches(const std::vector<std::string>& units) const;

private:
    std::vector<std::string> needles_;
};

}  // namespace gongwen::app
