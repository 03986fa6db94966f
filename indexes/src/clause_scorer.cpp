// Clause scoring from unit positions (see clause_scorer.hpp).
#include "gongwen/index/clause_scorer.hpp"

#include <algorithm>
#include <cmath>

#include "gongwen/index/schema.hpp"
#include "gongwen/index/stored_document.hpp"

namespace gongwen::index {
namespace {

// Xapian's BM25 defaults (k1 = 1, b = 0.5, lengths below half the average count as half).
constexpr double kK1 = 1.0, kB = 0.5, kMinNormalisedLength = 0.5;
// The length a clause is measured against, in positions: about the average clause of the State
// Council corpus. Only the ratio matters; a fixed pivot keeps scores independent of what else is in
// the index.
constexpr double kTypicalClauseLength = 250;
// A whole word counts this many times per occurrence in the body, and this many more in the
// clause's heading or the document's title (what heading and title words weighed as W terms).
constexpr double kWordWeight = 2, kHeadingWordWeight = 6;

template <typename Map>
void collect_units(const ClausePattern& pattern, Map& into) {
    for (const auto& unit : pattern.units) into.try_emplace(unit);
    for (const auto& part : pattern.parts) collect_units(part, into);
}

// A unit's slot in ClauseScorer::unit_filter_: for a Han character, its code point's low 16 bits.
std::size_t filter_slot(std::string_view unit) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(unit[i])); };
    if (unit.size() == 3) return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    return (byte(0) * 31 + byte(unit.size() - 1) * 7 + unit.size()) & 0xFFFF;
}

std::vector<std::string> bigrams_of(const UnitRun& units) {
    if (units.size() == 1) return {units[0]};
    std::vector<std::string> bigrams;
    for (std::size_t i = 0; i + 1 < units.size(); ++i) bigrams.push_back(units[i] + units[i + 1]);
    return bigrams;
}

}  // namespace

ClauseScorer::ClauseScorer(const Xapian::Database& database) : database_(database) {
    documents_ = std::max<double>(1, database_.get_termfreq(std::string(prefix::kind) + "doc"));
}

ClauseScorer::ClauseScorer(const Xapian::Database& database, const Xapian::MSet& matches) : database_(database), matches_(matches) {
    documents_ = std::max<double>(1, matches_->get_termfreq(std::string(prefix::kind) + "doc"));
}

std::vector<ScoredClause> ClauseScorer::matching_clauses(Xapian::docid docid, const ClausePattern& pattern) {
    return matching_clauses(docid, database_.get_document(docid, Xapian::DOC_ASSUME_VALID), pattern);
}

std::vector<ScoredClause> ClauseScorer::matching_clauses(Xapian::docid docid, const Xapian::Document& entry, const ClausePattern& pattern) {
    docid_ = docid;
    entry_ = &entry;
    stored_.reset();
    number_postings_.reset();
    layout_ = decode_clause_layout(entry.get_value(slot::clause_layout));
    std::vector<ScoredClause> clauses;
    if (layout_.empty()) return clauses;
    unit_positions_.clear();
    collect_units(pattern, unit_positions_);
    unit_filter_.reset();
    for (const auto& [unit, positions] : unit_positions_) unit_filter_.set(filter_slot(unit));
    if (!unit_positions_.empty()) read_unit_positions();
    const Scores scores = evaluate(pattern);
    for (std::size_t i = 0; i < layout_.size(); ++i) {
        if (scores.hit[i]) clauses.push_back({i, scores.score[i]});
    }
    std::stable_sort(clauses.begin(), clauses.end(), [](const ScoredClause& a, const ScoredClause& b) { return a.score > b.score; });
    return clauses;
}

ClauseScorer::Scores ClauseScorer::evaluate(const ClausePattern& pattern) {
    using Kind = ClausePattern::Kind;
    const std::size_t n = layout_.size();
    switch (pattern.kind) {
        case Kind::units:
        case Kind::word:
        case Kind::term:
            return leaf_scores(pattern);
        case Kind::everywhere:
            return {std::vector<double>(n, 0.0), std::vector<char>(n, 1)};
        case Kind::nowhere:
            return {std::vector<double>(n, 0.0), std::vector<char>(n, 0)};
        case Kind::all:
        case Kind::any: {
            const bool all = pattern.kind == Kind::all;
            Scores result{std::vector<double>(n, 0.0), std::vector<char>(n, all ? 1 : 0)};
            for (const auto& part : pattern.parts) {
                const Scores scores = evaluate(part);
                for (std::size_t i = 0; i < n; ++i) {
                    if (scores.hit[i]) result.score[i] += scores.score[i];
                    result.hit[i] = all ? (result.hit[i] && scores.hit[i]) : (result.hit[i] || scores.hit[i]);
                }
            }
            return result;
        }
        case Kind::except: {
            Scores kept = evaluate(pattern.parts[0]);
            const Scores excluded = evaluate(pattern.parts[1]);
            for (std::size_t i = 0; i < n; ++i) kept.hit[i] = kept.hit[i] && !excluded.hit[i];
            return kept;
        }
        case Kind::boosted: {
            Scores result = evaluate(pattern.parts[0]);
            for (std::size_t part = 1; part < pattern.parts.size(); ++part) {
                const Scores boost = evaluate(pattern.parts[part]);
                for (std::size_t i = 0; i < n; ++i) {
                    if (boost.hit[i]) result.score[i] += boost.score[i];
                }
            }
            return result;
        }
    }
    return {std::vector<double>(n, 0.0), std::vector<char>(n, 0)};
}

ClauseScorer::Scores ClauseScorer::leaf_scores(const ClausePattern& pattern) {
    using Kind = ClausePattern::Kind;
    const std::size_t n = layout_.size();
    Scores scores{std::vector<double>(n, 0.0), std::vector<char>(n, 0)};
    if (pattern.kind == Kind::term) {
        const Occurrences found = find_term(pattern.term);
        const double weight = pattern.scale * idf(pattern.term);
        for (std::size_t i = 0; i < n; ++i) {
            if (found.in_clause[i] == 0) continue;
            scores.hit[i] = 1;
            scores.score[i] = weight * tf_part(found.in_clause[i], i);
        }
        return scores;
    }
    if (pattern.units.empty()) return scores;
    const Occurrences found = find(pattern.units);
    // As Xapian weighs a phrase: the sum of its bigrams' weights; a whole word is one term, about as
    // rare as its rarest bigram.
    double weight = 0;
    for (const auto& bigram : bigrams_of(pattern.units)) {
        weight = pattern.kind == Kind::word ? std::max(weight, idf(bigram)) : weight + idf(bigram);
    }
    weight *= pattern.scale;
    for (std::size_t i = 0; i < n; ++i) {
        if (pattern.kind == Kind::word) {
            // Body, and heading or title, weigh as two terms of their own: a word in the heading
            // outranks the same word twice in the body.
            const double body = kWordWeight * found.in_clause[i], heading = kHeadingWordWeight * (found.in_heading[i] + found.in_title);
            if (body + heading <= 0) continue;
            scores.hit[i] = 1;
            scores.score[i] = weight * ((body > 0 ? tf_part(body, i) : 0) + (heading > 0 ? tf_part(heading, i) : 0));
            continue;
        }
        if (found.in_clause[i] == 0) continue;
        scores.hit[i] = 1;
        scores.score[i] = weight * tf_part(found.in_clause[i], i);
    }
    return scores;
}

void ClauseScorer::count(Occurrences& found, Xapian::termpos position) const {
    const std::size_t clause = clause_at(layout_, position);
    if (clause >= layout_.size()) {
        ++found.in_title;
        return;
    }
    ++found.in_clause[clause];
    if (position - layout_[clause].start < layout_[clause].heading_end) ++found.in_heading[clause];
}

ClauseScorer::Occurrences ClauseScorer::find(const UnitRun& units) {
    Occurrences found{std::vector<unsigned>(layout_.size(), 0), std::vector<unsigned>(layout_.size(), 0), 0};
    std::vector<const std::vector<Xapian::termpos>*> lists;
    for (const auto& unit : units) {
        lists.push_back(&unit_positions(unit));
        if (lists.back()->empty()) return found;
    }
    // Walk the shortest list (the rarest unit) and look the others up around it.
    std::size_t rarest = 0;
    for (std::size_t i = 1; i < lists.size(); ++i) {
        if (lists[i]->size() < lists[rarest]->size()) rarest = i;
    }
    for (const Xapian::termpos at : *lists[rarest]) {
        if (at < rarest + 1) continue;
        const auto start = static_cast<Xapian::termpos>(at - rarest);
        bool together = true;
        for (std::size_t i = 0; i < lists.size() && together; ++i) {
            if (i != rarest) together = std::binary_search(lists[i]->begin(), lists[i]->end(), static_cast<Xapian::termpos>(start + i));
        }
        if (together) count(found, start);
    }
    return found;
}

ClauseScorer::Occurrences ClauseScorer::find_term(const std::string& term) {
    Occurrences found{std::vector<unsigned>(layout_.size(), 0), std::vector<unsigned>(layout_.size(), 0), 0};
    for (const Xapian::termpos position : term_positions(term)) count(found, position);
    return found;
}

const StoredDocument* ClauseScorer::stored() {
    if (!stored_) stored_.emplace(StoredDocument::read(entry_->get_data()));
    return *stored_ ? &**stored_ : nullptr;
}

void ClauseScorer::read_unit_positions() {
    const StoredDocument* record = stored();
    if (!record) return;
    const auto note = [this](std::string_view text, Xapian::termpos first) {
        for (UnitCursor cursor(text); cursor.next();) {
            if (!unit_filter_.test(filter_slot(cursor.unit()))) continue;
            if (const auto wanted = unit_positions_.find(cursor.unit()); wanted != unit_positions_.end()) {
                wanted->second.push_back(first + cursor.offset());
            }
        }
    };
    const std::size_t clauses = std::min(record->clause_count(), layout_.size());
    for (std::size_t i = 0; i < clauses; ++i) {
        note(record->clause_text(i), layout_[i].start);
    }
    // The title follows the last clause.
    const auto& title = record->summary()["title"];
    if (title.is_string()) note(title.get_ref<const std::string&>(), layout_.back().start + layout_.back().length);
}

const std::vector<Xapian::termpos>& ClauseScorer::unit_positions(const std::string& unit) const {
    static const std::vector<Xapian::termpos> none;
    const auto found = unit_positions_.find(unit);
    return found == unit_positions_.end() ? none : found->second;
}

std::vector<Xapian::termpos> ClauseScorer::term_positions(const std::string& term) {
    std::vector<Xapian::termpos> positions;
    const bool number = term.starts_with(prefix::own_number) || term.starts_with(prefix::cited_number);
    if (numbers_from_text_ && number && stored()) {
        if (!number_postings_) {
            const StoredDocument& text = *stored();
            const auto own = text.summary().value("doc_number", nlohmann::json());
            number_postings_ = number_postings(layout_, [&](std::size_t i) { return text.clause_text(i); }, own.is_string() ? own.get<std::string>() : "");
        }
        for (const auto& posting : *number_postings_) {
            if (posting.term == term) positions.push_back(posting.position);
        }
        std::sort(positions.begin(), positions.end());
        positions.erase(std::unique(positions.begin(), positions.end()), positions.end());   // a position list is a set
        return positions;
    }
    for (auto it = database_.positionlist_begin(docid_, term); it != database_.positionlist_end(docid_, term); ++it) positions.push_back(*it);
    return positions;
}

double ClauseScorer::idf(const std::string& term) {
    auto [found, inserted] = idf_.try_emplace(term, 0.0);
    if (inserted) {
        const double n = matches_ ? matches_->get_termfreq(term) : database_.get_termfreq(term);
        double weight = std::log((documents_ - n + 0.5) / (n + 0.5));
        if (weight < 2) weight = weight * 0.5 + 1;   // Xapian's BM25 smoothing for common terms
        found->second = std::max(weight, 0.05);
    }
    return found->second;
}

double ClauseScorer::tf_part(double tf, std::size_t clause) const {
    const double length = std::max(layout_[clause].length / kTypicalClauseLength, kMinNormalisedLength);
    return (kK1 + 1) * tf / (kK1 * ((1 - kB) + kB * length) + tf);
}

}  // namespace gongwen::index
