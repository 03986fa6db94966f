// Unit names compared in a canonical form (see unit_matcher.hpp).
#include "unit_matcher.hpp"

#include <algorithm>
#include <utility>

#include "gongwen/text.hpp"

namespace gongwen::app {
namespace {

// Long form → the short form used in 公文 (国务院部门及地方机构简称). Longer forms first.
const std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    {"发展和改革委员会", "发改委"}, {"发展改革委员会", "发改委"}, {"发展和改革委", "发改委"}, {"发展改革委", "发改委"},
    {"发展和改革局", "发改局"}, {"发展改革局", "发改局"},
    {"住房和城乡建设", "住建"}, {"住房城乡建设", "住建"},
    {"人力资源和社会保障", "人社"}, {"人力资源社会保障", "人社"},
    {"工业和信息化", "工信"}, {"市场监督管理", "市场监管"},
    {"自然资源和规划", "自然资源规划"}, {"卫生健康委员会", "卫健委"}, {"卫生和健康委员会", "卫健委"},
    {"卫生健康委", "卫健委"}, {"国有资产监督管理委员会", "国资委"}, {"文化和旅游", "文旅"},
    {"退役军人事务", "退役军人"}, {"政务服务管理办公室", "政务办"}, {"政务服务管理办", "政务办"},
    {"人民政府", "政府"}, {"委员会", "委"}, {"办公室", "办"},
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

std::string canonical_unit(std::string_view name) {
    std::string text;
    for (char32_t cp : to_u32(fold_width(name))) {
        if (cp != U' ' && cp != 0x3000 && cp != U'\t') append_utf8(text, cp);
    }
    replace_all(text, "(", "（");
    replace_all(text, ")", "）");
    for (const auto& [long_form, short_form] : kAbbreviations) replace_all(text, long_form, short_form);
    return text;
}

UnitMatcher::UnitMatcher(std::string_view query, const std::vector<std::vector<std::string>>& aliases,
                         const index::AliasTable& alias_table) {
    auto add = [this](std::string needle) {
        if (std::find(needles_.begin(), needles_.end(), needle) == needles_.end()) needles_.push_back(std::move(needle));
    };
    for (const auto& variant : alias_table.expand(query)) {
        const std::string wanted = canonical_unit(variant);
        add(wanted);
        for (const auto& group : aliases) {
            const bool named = std::any_of(group.begin(), group.end(), [&](const std::string& name) { return canonical_unit(name) == wanted; });
            if (!named) continue;
            for (const auto& name : group) add(canonical_unit(name));
        }
    }
}

bool UnitMatcher::matches(const std::vector<std::string>& units) const {
    for (const auto& unit : units) {
        const std::string name = canonical_unit(unit);
        for (const auto& needle : needles_) {
            if (!needle.empty() && name.find(needle) != std::string::npos) return true;
        }
    }
    return false;
}

}  // namespace gongwen::app
