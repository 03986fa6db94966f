// Field filter terms (see filter_terms.hpp). Names (issuers, units) are indexed as units and
// bigrams, so a filter value matches any name that contains it: 机关:发展和改革委员会 finds
// 江苏省发展和改革委员会.
#include "gongwen/index/filter_terms.hpp"

#include <charconv>
#include <optional>
#include <vector>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

// Folded, without any spaces: the form both sides use for exact-value terms.
std::string exact_key(std::string_view value) {
    std::string folded = core::fold_for_matching(value);
    std::string out;
    for (char c : folded) {
        if (c != ' ' && c != '\t' && c != '\n') out += c;
    }
    return out;
}

void add_name_terms(Xapian::Document& entry, std::string_view prefix, std::string_view name) {
    for (const auto& run : unit_runs(name)) {
        for (std::size_t i = 0; i < run.size(); ++i) {
            entry.add_boolean_term(term(prefix, run[i]));
            if (i + 1 < run.size()) entry.add_boolean_term(term(prefix, run[i] + run[i + 1]));
        }
    }
}

Xapian::Query name_query(std::string_view prefix, std::string_view value) {
    std::vector<Xapian::Query> runs;
    for (const auto& run : unit_runs(value)) runs.push_back(run_query(run, prefix));
    if (runs.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, runs.begin(), runs.end());
}

std::optional<int> parse_year(std::string_view text) {
    if (text.size() != 4) return std::nullopt;
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return year;
}

// What a title calls its kind when that is narrower than a 文种 (a 复函 is a 函; a reply to a deputy's
// proposal, 答复, is sent as a 函 and has no 文种 of its own in the title): 文种:复函 and 文种:答复
// find exactly those, 文种:函 all letters. Trailing qualifiers (（试行）) are not part of it.
constexpr std::string_view kNarrowerKinds[] = {"复函", "答复", "实施意见", "指导意见", "若干意见", "会议纪要"};

std::optional<std::string> narrower_kind(std::string_view title) {
    while (title.ends_with("）")) {
        const auto open = title.rfind("（");
        if (open == std::string_view::npos || open == 0) break;
        title = title.substr(0, open);
    }
    for (const std::string_view kind : kNarrowerKinds) {
        if (title.ends_with(kind)) return std::string(kind);
    }
    return std::nullopt;
}

}  // namespace

int document_year(const Document& document) {
    if (document.signed_date && document.signed_date->size() >= 4) {
        if (auto year = parse_year(std::string_view(*document.signed_date).substr(0, 4))) return *year;
    }
    if (document.doc_number && document.doc_number->year > 0) return document.doc_number->year;
    return 0;
}

void add_filter_terms(Xapian::Document& entry, const Document& document) {
    if (document.doc_number) {
        entry.add_boolean_term(term(prefix::filter_number, document.doc_number->normalized));
        if (!document.doc_number->agency.empty()) entry.add_boolean_term(term(prefix::filter_agency, exact_key(document.doc_number->agency)));
    }
    for (const auto& issuer : document.issuers) add_name_terms(entry, prefix::filter_issuer, issuer);
    if (document.doc_type && !document.doc_type->empty()) {
        entry.add_boolean_term(term(prefix::filter_type, exact_key(*document.doc_type)));
    }
    if (document.title) {
        if (const auto kind = narrower_kind(*document.title)) entry.add_boolean_term(term(prefix::filter_type, *kind));
    }
    if (const int year = document_year(document); year > 0) {
        entry.add_boolean_term(term(prefix::filter_year, std::to_string(year)));
    }
    for (const auto& cited : document.cited_documents) {
        if (!cited.doc_number.empty()) entry.add_boolean_term(term(prefix::filter_cites, cited.doc_number));
    }
    for (const auto& task : document.tasks) {
        for (const auto* units : {&task.units, &task.lead_units}) {
            for (const auto& unit : *units) add_name_terms(entry, prefix::filter_unit, unit);
        }
    }
}

// Layout: year '\x1f' 文种 '\x1f' issuers joined with '\n' (neither separator occurs in a name).
constexpr char kFacetSeparator = '\x1f';

std::string facet_value(const Document& document) {
    const int year = document_year(document);
    std::string value = year > 0 ? std::to_string(year) : "";
    value += kFacetSeparator;
    value += document.doc_type.value_or("");
    value += kFacetSeparator;
    for (std::size_t i = 0; i < document.issuers.size(); ++i) value += (i ? "\n" : "") + document.issuers[i];
    return value == std::string(2, kFacetSeparator) ? "" : value;
}

FacetFields parse_facet_value(std::string_view value) {
    FacetFields fields;
    const auto first = value.find(kFacetSeparator);
    if (first == std::string_view::npos) return fields;
    const auto second = value.find(kFacetSeparator, first + 1);
    if (second == std::string_view::npos) return fields;
    fields.year = value.substr(0, first);
    fields.doc_type = value.substr(first + 1, second - first - 1);
    for (std::size_t start = second + 1; start < value.size();) {
        const auto end = std::min(value.find('\n', start), value.size());
        if (end > start) fields.issuers.emplace_back(value.substr(start, end - start));
        start = end + 1;
    }
    return fields;
}

std::optional<Xapian::Query> doc_number_filter(std::string_view value) {
    if (auto number = parse_doc_number(value)) return Xapian::Query(term(prefix::filter_number, number->normalized));
    const std::string agency = exact_key(value);
    if (agency.empty()) return std::nullopt;
    return Xapian::Query(term(prefix::filter_agency, agency));
}

Xapian::Query issuer_filter(std::string_view value) { return name_query(prefix::filter_issuer, value); }

Xapian::Query unit_filter(std::string_view value) { return name_query(prefix::filter_unit, value); }

Xapian::Query doc_type_filter(std::string_view value) { return Xapian::Query(term(prefix::filter_type, exact_key(value))); }

std::optional<Xapian::Query> cites_filter(std::string_view value) {
    auto number = parse_doc_number(value);
    if (!number) return std::nullopt;
    return Xapian::Query(term(prefix::filter_cites, number->normalized));
}

std::optional<Xapian::Query> year_filter(std::string_view raw) {
    const std::string value = exact_key(raw);
    std::string_view from = value, to = value;
    for (std::string_view separator : {"..", "-", "~", "至"}) {
        if (const auto at = value.find(separator); at != std::string::npos) {
            from = std::string_view(value).substr(0, at);
            to = std::string_view(value).substr(at + separator.size());
            break;
        }
    }
    // 年份:2019年 reads as 2019.
    const auto strip_nian = [](std::string_view year) {
        constexpr std::string_view nian = "年";
        if (year.size() > nian.size() && year.substr(year.size() - nian.size()) == nian) year.remove_suffix(nian.size());
        return year;
    };
    from = strip_nian(from);
    to = strip_nian(to);
    // An open end stops at a plausible year: 公文 in the index are from this range.
    constexpr int kFirstYear = 1949, kLastYear = 2100;
    const auto first = from.empty() ? std::optional<int>(kFirstYear) : parse_year(from);
    const auto last = to.empty() ? std::optional<int>(kLastYear) : parse_year(to);
    if (!first || !last || (from.empty() && to.empty())) return std::nullopt;
    const int a = std::max(std::min(*first, *last), kFirstYear - 100), b = std::min(std::max(*first, *last), kLastYear + 100);
    std::vector<Xapian::Query> years;
    for (int year = a; year <= b; ++year) years.emplace_back(term(prefix::filter_year, std::to_string(year)));
    if (years.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end());
}

}  // namespace gongwen::index
