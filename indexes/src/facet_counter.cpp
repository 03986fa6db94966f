// Facet counting (see facet_counter.hpp).
#include "gongwen/index/facet_counter.hpp"

#include <algorithm>
#include <cmath>

#include "gongwen/index/docid_sample.hpp"
#include "gongwen/index/filter_terms.hpp"

namespace gongwen::index {
namespace {

FacetCounts sorted(const std::map<std::string, Xapian::doccount>& counts) {
    FacetCounts list(counts.begin(), counts.end());
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return list;
}

double sample_fraction(Xapian::doccount estimate, Xapian::doccount sample_size) {
    return std::min(1.0, static_cast<double>(sample_size) / std::max<Xapian::doccount>(estimate, 1));
}

}  // namespace

std::map<std::string, FacetCounts> FacetSpy::result(double scale) const {
    std::map<std::string, Xapian::doccount> issuers, years, doc_types;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
        const FacetFields fields = parse_facet_value(*it);
        const auto count = static_cast<Xapian::doccount>(std::lround(it.get_termfreq() * scale));
        if (!fields.year.empty()) years[fields.year] += count;
        if (!fields.doc_type.empty()) doc_types[fields.doc_type] += count;
        for (const auto& issuer : fields.issuers) issuers[issuer] += count;
    }
    return {{"issuer", sorted(issuers)}, {"year", sorted(years)}, {"doc_type", sorted(doc_types)}};
}

bool sample_saves_work(const Xapian::Database& database, Xapian::doccount estimate, Xapian::doccount sample_size) {
    // Xapian walks the shorter of the two, and a larger sample would leave it walking every match again.
    return sample_fraction(estimate, sample_size) * database.get_lastdocid() <= estimate / 2.0;
}

std::optional<std::map<std::string, FacetCounts>> sampled_facets(const Xapian::Database& database, const Xapian::Query& query,
                                                                 Xapian::doccount estimate, Xapian::doccount sample_size) {
    if (!sample_saves_work(database, estimate, sample_size)) return std::nullopt;
    const double fraction = sample_fraction(estimate, sample_size);
    const Xapian::docid windows = DocidSample::windows_for(database);
    DocidSample sample(fraction, windows);
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&sample)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    FacetSpy spy;
    spy.attach(enquire);
    try {
        enquire.get_mset(0, 0, database.get_doccount());
    } catch (const Xapian::UnimplementedError&) {
        return std::nullopt;
    }
    // Xapian ran copies of `sample` (one per shard of a set, each sampling its own entries alike):
    // the fraction is worked out again here, for the whole.
    return spy.result(1 / DocidSample::sampled_fraction(database.get_lastdocid(), fraction, windows));
}

}  // namespace gongwen::index
