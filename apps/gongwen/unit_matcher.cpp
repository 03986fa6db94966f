// Unit names compared through the alias table (see unit_matcher.hpp).
#include "unit_matcher.hpp"

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"

namespace gongwen::app {
namespace {

// The alias table's matching form, without spaces and with one bracket style, so that
// `区住房(城乡建设)局` and `区住房（城乡建设）局` compare equal.
std::string matching_form(std::string_view name) {
    std::string text;
    for (char32_t cp : to_u32(core::fold_for_matching(name))) {
        if (cp == U' ' || cp == 0x3000 || cp == U'\t') continue;
        if (cp == U'（') cp = U'(';
        if (cp == U'）') cp = U')';
        append_utf8(text, cp);
    }
    return text;
}

}  // namespace

UnitMatcher::UnitMatcher(std::string_view query, const index::AliasTable& aliases) {
    for (const auto& variant : aliases.expand(query)) needles_.push_back(matching_form(variant));
}

bool UnitMatcher::matches(const std::vector<std::string>& units) const {
    for (const auto& unit : units) {
        const std::string name = matching_form(unit);
        for (const auto& needle : needles_) {
            if (!needle.empty() && name.find(needle) != std::string::npos) return true;
        }
    }
    return false;
}

}  // namespace gongwen::app
