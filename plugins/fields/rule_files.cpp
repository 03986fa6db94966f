// Reading the rule files of the fields plugin (see rule_files.hpp).
#include "rule_files.hpp"

#include <algorithm>

#include "data_file.hpp"

namespace gongwen::fields {
namespace {

using data_file::at;
using data_file::parse_toml;
using data_file::read_whole;

// The one table a rule file holds (`[codes]`, `[forms]`); any other top-level key is a mistake.
const toml::table* only_section(const toml::table& root, const std::string& name, const std::string& example,
                                const std::filesystem::path& origin) {
    return data_file::section(root, name, true, origin, example);
}

struct NamedDay {
    std::string_view name;
    int month, day;
    DateKind kind;
};

// The named days a form may stand for. Day 0 = the last day of the month.
constexpr NamedDay kNamedDays[] = {
    {"year_end", 12, 31, DateKind::deadline}, {"half_year", 6, 30, DateKind::deadline},
    {"q1", 3, 31, DateKind::deadline},        {"q2", 6, 30, DateKind::deadline},
    {"q3", 9, 30, DateKind::deadline},        {"q4", 12, 31, DateKind::deadline},
    {"ongoing", 0, 0, DateKind::ongoing},
};

std::string named_day_list() {
    std::string out;
    for (const auto& named : kNamedDays) out += (out.empty() ? "" : ", ") + std::string(named.name);
    return out;
}

std::optional<DateKind> kind_named(std::string_view name) {
    for (DateKind kind : {DateKind::deadline, DateKind::target, DateKind::date, DateKind::ongoing}) {
        if (name == to_string(kind)) return kind;
    }
    return std::nullopt;
}

int integer_field(const toml::table& form, const std::string& key, int minimum, int maximum, int fallback,
                  const std::filesystem::path& origin, const std::string& phrase) {
    const toml::node* node = form.get(key);
    if (!node) return fallback;
    const auto value = node->value<long long>();
    if (!node->is_integer() || !value || *value < minimum || *value > maximum) {
        throw RuleFileError(at(origin, node->source()) + "`" + key + "` of \"" + phrase + "\" must be a whole number from " +
                            std::to_string(minimum) + " to " + std::to_string(maximum));
    }
    return static_cast<int>(*value);
}

DateForm table_form(const std::string& phrase, const toml::table& form, const std::filesystem::path& origin) {
    for (const auto& [key, value] : form) {
        const std::string name(key.str());
        if (name != "month" && name != "day" && name != "kind" && name != "year_offset") {
            throw RuleFileError(at(origin, value.source()) + "unknown key `" + name + "` in \"" + phrase +
                                "\" (known: month, day, kind, year_offset)");
        }
    }
    DateForm out{phrase};
    if (const toml::node* kind = form.get("kind")) {
        const auto text = kind->value<std::string>();
        const auto parsed = kind->is_string() && text ? kind_named(*text) : std::nullopt;
        if (!parsed) throw RuleFileError(at(origin, kind->source()) + "`kind` of \"" + phrase + "\" must be one of deadline, target, date, ongoing");
        out.kind = *parsed;
    }
    if (out.kind == DateKind::ongoing) return out;
    if (!form.get("month")) throw RuleFileError(at(origin, form.source()) + "\"" + phrase + "\" needs a `month` (1–12)");
    out.month = integer_field(form, "month", 1, 12, 0, origin, phrase);
    out.day = integer_field(form, "day", 1, 31, 0, origin, phrase);
    out.year_offset = integer_field(form, "year_offset", -1, 5, 0, origin, phrase);
    // 2 月 30 日 never exists; 2 月 29 日 does in leap years, so it is clamped at use instead.
    if (out.day > days_in_month(2024, out.month)) {
        throw RuleFileError(at(origin, form.source()) + "\"" + phrase + "\": month " + std::to_string(out.month) + " has no day " +
                            std::to_string(out.day));
    }
    return out;
}

// True when the text right before `pos` is a number (两年内, 2023年内, 三个月内): the phrase is then
// part of a duration or a dated phrase, not the form itself.
bool after_number(std::string_view text, std::size_t pos) {
    if (pos == 0) return false;
    const unsigned char last = static_cast<unsigned char>(text[pos - 1]);
    if (last >= '0' && last <= '9') return true;
    for (std::string_view numeral : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "百", "〇", "零", "个", "０", "１",
                                     "２", "３", "４", "５", "６", "７", "８", "９"}) {
        if (text.substr(0, pos).ends_with(numeral)) return true;
    }
    return false;
}

}  // namespace

AgencyCodes AgencyCodes::parse(std::string_view toml_text, const std::filesystem::path& origin) {
    const toml::table root = parse_toml(toml_text, origin);
    AgencyCodes out;
    const toml::table* codes = only_section(root, "codes", "\"国办发\" = \"国务院办公厅\"", origin);
    if (!codes) return out;
    for (const auto& [key, value] : *codes) {
        const std::string code(key.str());
        if (code.empty()) throw RuleFileError(at(origin, value.source()) + "a 机关代字 must not be empty");
        std::vector<std::string> organs;
        if (const auto name = value.value<std::string>(); value.is_string() && name && !name->empty()) {
            organs.push_back(*name);
        } else if (const toml::array* list = value.as_array(); list && !list->empty()) {
            for (const auto& item : *list) {
                const auto organ = item.value<std::string>();
                if (!item.is_string() || !organ || organ->empty()) {
                    throw RuleFileError(at(origin, item.source()) + "the organs of \"" + code + "\" must be non-empty names");
                }
                organs.push_back(*organ);
            }
        } else {
            throw RuleFileError(at(origin, value.source()) + "\"" + code +
                                "\" must map to an organ name, like \"国务院\", or a list of names for joint issuers");
        }
        out.codes_.emplace(code, std::move(organs));
    }
    return out;
}

AgencyCodes AgencyCodes::load(const std::filesystem::path& file) { return parse(read_whole(file), file); }

std::vector<std::string> AgencyCodes::issuers_of(std::string_view agency) const {
    if (agency.empty()) return {};
    if (auto exact = codes_.find(agency); exact != codes_.end()) return exact->second;
    const std::vector<std::string>* best = nullptr;
    std::size_t best_length = 0;
    for (const auto& [code, organs] : codes_) {
        if (code.size() > best_length && agency.starts_with(code)) best = &organs, best_length = code.size();
    }
    return best ? *best : std::vector<std::string>{};
}

DateForms DateForms::parse(std::string_view toml_text, const std::filesystem::path& origin) {
    const toml::table root = parse_toml(toml_text, origin);
    DateForms out;
    const toml::table* forms = only_section(root, "forms", "\"年内\" = \"year_end\"", origin);
    if (!forms) return out;
    for (const auto& [key, value] : *forms) {
        const std::string phrase(key.str());
        if (phrase.empty()) throw RuleFileError(at(origin, value.source()) + "a date form must not be empty");
        if (const auto name = value.value<std::string>(); value.is_string() && name) {
            const auto named = std::find_if(std::begin(kNamedDays), std::end(kNamedDays), [&](const NamedDay& d) { return d.name == *name; });
            if (named == std::end(kNamedDays)) {
                throw RuleFileError(at(origin, value.source()) + "\"" + phrase + "\" = \"" + *name + "\": unknown day (known: " +
                                    named_day_list() + ", or a table { month = 1, day = 31 })");
            }
            out.forms_.push_back({phrase, named->month, named->day, 0, named->kind});
        } else if (const toml::table* form = value.as_table()) {
            out.forms_.push_back(table_form(phrase, *form, origin));
        } else {
            throw RuleFileError(at(origin, value.source()) + "\"" + phrase + "\" must be a named day (" + named_day_list() +
                                ") or a table { month = 1, day = 31, kind = \"deadline\" }");
        }
    }
    std::stable_sort(out.forms_.begin(), out.forms_.end(), [](const DateForm& a, const DateForm& b) { return a.phrase.size() > b.phrase.size(); });
    return out;
}

DateForms DateForms::load(const std::filesystem::path& file) { return parse(read_whole(file), file); }

std::vector<DateMention> DateForms::find(std::string_view text, std::optional<Date> reference) const {
    std::vector<DateMention> found;
    for (const auto& form : forms_) {
        for (std::size_t pos = text.find(form.phrase); pos != std::string_view::npos; pos = text.find(form.phrase, pos + form.phrase.size())) {
            const std::size_t end = pos + form.phrase.size();
            const bool overlaps = std::any_of(found.begin(), found.end(), [&](const DateMention& m) { return pos < m.end && m.begin < end; });
            if (overlaps || after_number(text, pos)) continue;
            DateMention mention{pos, end, form.phrase, std::nullopt, form.kind};
            if (form.month != 0 && reference) {
                const int year = reference->year + form.year_offset;
                const int last = days_in_month(year, form.month);
                mention.date = Date{year, form.month, form.day == 0 ? last : std::min(form.day, last)};
            }
            found.push_back(std::move(mention));
        }
    }
    std::sort(found.begin(), found.end(), [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
    return found;
}

}  // namespace gongwen::fields
