// Matching a unit name typed by staff against the units of a task through the alias table
// (config/aliases.toml, shared with search): 市发改委 finds 市发展和改革委员会 and 市发展改革委.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gongwen/index/aliases.hpp"

namespace gongwen::app {

class UnitMatcher {
public:
    UnitMatcher(std::string_view query, const index::AliasTable& aliases);
    /// True when one of `units` contains the query or one of its aliases (folded, spaces ignored,
    /// either bracket width): `区人民政府` is found in `各区人民政府`.
    bool matches(const std::vector<std::string>& units) const;

private:
    std::vector<std::string> needles_;
};

}  // namespace gongwen::app
