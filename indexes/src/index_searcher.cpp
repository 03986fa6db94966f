// Search (see index_searcher.hpp). Xapian finds the matching documents (the total, the facets, the
// candidates); the clause scorer then looks inside the best candidates. Two tiers: documents with a
// clause that matches the whole query (ranked by that clause: exact phrase first, then all words in
// the clause), then documents whose words are spread over several clauses, each shown with the
// clauses that hold any of the words.
#include "gongwen/index/index_searcher.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/clause_scorer.hpp"
#include "gongwen/index/docid_sample.hpp"
#include "gongwen/index/facet_counter.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/stored_document.hpp"

namespace gongwen::index {
namespace {

// The needles for one clause: the query's text, plus each queried doc number as this clause prints it
// (`苏政办发[2019]12号` in the text is found by a query written `苏政办发〔2019〕12号`).
std::vector<std::string> needles_for(const ParsedQuery& parsed, const std::string& clause_text) {
    std::vector<std::string> needles = parsed.highlight_needles;
    if (parsed.doc_numbers.empty()) return needles;
    for (const auto& match : find_doc_numbers(clause_text)) {
        if (std::find(parsed.doc_numbers.begin(), parsed.doc_numbers.end(), match.number.normalized) != parsed.doc_numbers.end()) {
            needles.push_back(clause_text.substr(match.begin, match.end - match.begin));
        }
    }
    return needles;
}


std::optional<std::string> string_or_null(const nlohmann::json& data, const char* key) {
    if (data.contains(key) && data[key].is_string()) return data[key].get<std::string>();
    return std::nullopt;
}

std::optional<std::string> iso_date(const std::string& value) {
    if (value.size() != 8) return std::nullopt;
    return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
}

// How many documents the clause scorer looks at per result asked for (at least kMinCandidates): the
// candidates are the best documents by Xapian's document-level score, reordered by their best clause.
constexpr Xapian::doccount kCandidatesPerResult = 5, kMinCandidates = 50;

// Up to this many matching documents, the total and the facet counts are exact: Xapian examines
// every match. Beyond it Xapian may stop examining once it has this many and its best candidates
// (its weights prove the rest cannot rank): the total becomes its estimate, and the facets are
// counted in a sample of about kFacetSample matches spread over the whole index and scaled up, or,
// where a sample would cost more than it saves, in the matches examined (SearchResults::total_exact,
// facets_exact; bench/README.md "A real archive's size").
constexpr Xapian::doccount kExactMatchLimit = 20'000, kFacetSample = 2'000;

// The entries the facets of a query with about `total` matches are counted in when they are not
// counted exactly: ranked in a window, few enough to cost less than the matches.
Xapian::doccount facet_sample_size(bool windowed, Xapian::doccount total) {
    return windowed ? std::min(kFacetSample, std::max<Xapian::doccount>(total / 4, 1)) : kFacetSample;
}


// A document Xapian found, with the clauses the scorer found in it.
struct Candidate {
    Xapian::docid docid = 0;
    std::string doc_id;
    double score = 0;
    std::vector<ScoredClause> clauses;
    /// Entry `docid` as the MSet read it (after MSet::fetch, one round trip per remote shard for
    /// them all); none once `docid` is another copy's.
    std::optional<Xapian::Document> entry;
};

// The first `count` candidates of `first`, then of `second`: those a result list takes, unless
// copies collapse.
std::vector<const Candidate*> first_of(const std::vector<Candidate>& first, const std::vector<Candidate>& second, std::size_t count) {
    std::vector<const Candidate*> taken;
    for (const auto* group : {&first, &second}) {
        for (const auto& candidate : *group) {
            if (taken.size() >= count) return taken;
            taken.push_back(&candidate);
        }
    }
    return taken;
}

// A match with the clauses `pattern` matches in it.
Candidate candidate_of(const Xapian::MSetIterator& match, ClauseScorer& scorer, const ClausePattern& pattern) {
    Candidate candidate{*match, {}, 0, {}, match.get_document()};
    candidate.doc_id = candidate.entry->get_value(slot::doc_id);
    candidate.clauses = scorer.matching_clauses(candidate.docid, *candidate.entry, pattern);
    return candidate;
}

// The order of results: higher score first, equal scores by document id (not by Xapian's entry
// number, which depends on ingest order and interleaves in a shard set).
void sort_by_score(std::vector<Candidate>& candidates) {
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score > b.score : a.doc_id < b.doc_id;
    });
}

// A result for a candidate: its fields and best clauses from the stored record.
DocumentHit document_hit(const Xapian::Database& database, const Candidate& candidate, const ParsedQuery& parsed, int clauses_per_document) {
    const Xapian::Document entry = candidate.entry ? *candidate.entry : database.get_document(candidate.docid);
    DocumentHit hit;
    hit.doc_id = candidate.doc_id;
    hit.score = candidate.score;
    hit.signed_date = iso_date(entry.get_value(slot::signed_date));
    const auto stored = StoredDocument::read(entry.get_data());
    if (!stored) return hit;
    hit.path = stored->summary().value("path", "");
    hit.doc_number = string_or_null(stored->summary(), "doc_number");
    hit.title = string_or_null(stored->summary(), "title");
    for (const auto& scored : candidate.clauses) {
        if (hit.clauses.size() >= static_cast<std::size_t>(clauses_per_document)) break;
        const nlohmann::json clause = stored->clause(scored.index);
        if (!clause.is_object()) continue;
        ClauseHit clause_hit;
        clause_hit.clause_path = clause.value("path", "");
        clause_hit.heading = clause.value("heading", "");
        clause_hit.page = clause.value("page", 1);
        clause_hit.score = scored.score;
        const std::string text = clause.value("text", "");
        clause_hit.snippet = make_snippet(text, needles_for(parsed, text));
        hit.clauses.push_back(std::move(clause_hit));
    }
    return hit;
}

// Lists each document once, from its best copy. Only the results shown are looked up (the short
// posting lists of their copy terms, see CopyFinder), not every match: a per-query pass over all
// matches would cost what the search costs. The rank stays the rank of the copy that matched best
// (a garbled OCR copy can rank first); what is shown is the best copy (text layer over OCR, fewer
// warnings) that has a clause matching `pattern`, with its clauses.
class CopyCollapser {
public:
    CopyCollapser(const Xapian::Database& database, ClauseScorer& scorer, bool remote)
        : database_(database), finder_(database), scorer_(scorer), remote_(remote) {}

    /// True when `docid` is a copy of a document already listed (or that document).
    bool listed(Xapian::docid docid) const { return shown_.contains(docid); }

    /// Looks up the copies of the candidates likely to be listed at once (CopyFinder::copies_of_each):
    /// for remote shards, where each read is a round trip. (On local shards the one match over all
    /// their terms costs more than reading the terms' short posting lists: 17 vs 6 ms for 20.)
    /// `likely` is the first page, no more: each server looks up every copy term of every entry
    /// asked about, which at 1M documents cost more than the few look-ups of results past the page
    /// (when copies among the first collapse) that it saves.
    void prefetch(const std::vector<const Candidate*>& likely) {
        std::vector<std::pair<Xapian::docid, Xapian::Document>> entries;
        for (const auto* candidate : likely) {
            if (candidate->entry) entries.emplace_back(candidate->docid, *candidate->entry);
        }
        prefetched_ = finder_.copies_of_each(entries);
    }

    /// Looks up the copies of `likely` on two threads, every other one on a second thread that reads
    /// through `second` (opened there from `shards` when empty): on a local shard set a look-up
    /// descends each shard's B-tree for each copy term, most of a search's time, and the look-ups of
    /// different results do not depend on each other.
    void prefetch_on_two_threads(const std::vector<const Candidate*>& likely, std::optional<Xapian::Database>& second,
                                 const std::vector<ShardLocation>& shards) {
        std::vector<std::vector<CopyFinder::Member>> found(likely.size());
        std::exception_ptr failure;
        {
            std::jthread helper([&] {
                try {
                    if (!second) second = open_again(shards);
                    const CopyFinder finder(*second);
                    for (std::size_t i = 1; i < likely.size(); i += 2) found[i] = finder.copies_of(likely[i]->docid);
                } catch (...) {
                    failure = std::current_exception();   // e.g. DatabaseModifiedError: search() reopens and asks again
                }
            });
            for (std::size_t i = 0; i < likely.size(); i += 2) found[i] = finder_.copies_of(likely[i]->docid);
        }
        if (failure) std::rethrow_exception(failure);
        // The second handle, opened later, may see entries written since, which this one cannot
        // read: those look-ups are made again in hit().
        const auto readable = [this](const CopyFinder::Member& member) {
            try {
                database_.get_doclength(member.docid);
                return true;
            } catch (const Xapian::DocNotFoundError&) {
                return false;
            }
        };
        for (std::size_t i = 0; i < likely.size(); ++i) {
            if (std::all_of(found[i].begin(), found[i].end(), readable)) prefetched_[likely[i]->docid] = std::move(found[i]);
        }
    }

    DocumentHit hit(const Candidate& candidate, const ClausePattern& pattern, const ParsedQuery& parsed, int clauses_per_document) {
        const auto ready = prefetched_.find(candidate.docid);
        // Not prefetched on a remote shard: one match for this one (reading its copy terms' posting
        // lists would be a round trip per term).
        const auto members = ready != prefetched_.end()        ? std::move(ready->second)
                             : remote_ && candidate.entry ? finder_.copies_of(candidate.docid, *candidate.entry)
                                                          : finder_.copies_of(candidate.docid);
        groups_.emplace_back();
        for (const auto& member : members) {
            shown_.insert(member.docid);
            groups_.back().insert(member.docid);
        }
        Candidate shown = candidate;
        for (const auto& member : members) {   // best first: the copies before the candidate are better
            if (member.docid == candidate.docid) break;
            auto clauses = scorer_.matching_clauses(member.docid, pattern);
            if (clauses.empty()) continue;
            shown.docid = member.docid;
            shown.entry.reset();
            shown.doc_id = member.info.doc_id;
            shown.clauses = std::move(clauses);
            break;
        }
        DocumentHit hit = document_hit(database_, shown, parsed, clauses_per_document);
        for (const auto& member : members) {
            if (!member.info.doc_id.empty()) hit.copies.push_back(copy_of(member.info));
        }
        return hit;
    }

    /// The entries of `matches` that are further copies of a listed document (all but one of each
    /// listed document's copies among them): what the total and the facets count once too many.
    /// Copies of documents not listed are not looked up.
    std::vector<Xapian::docid> hidden_copies(const Xapian::MSet& matches) const {
        std::vector<Xapian::docid> hidden;
        std::vector<bool> seen(groups_.size(), false);
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            if (!shown_.contains(*it)) continue;
            for (std::size_t group = 0; group < groups_.size(); ++group) {
                if (!groups_[group].contains(*it)) continue;
                if (seen[group]) hidden.push_back(*it);
                seen[group] = true;
                break;
            }
        }
        return hidden;
    }

private:
    const Xapian::Database& database_;
    CopyFinder finder_;
    ClauseScorer& scorer_;
    bool remote_;
    std::set<Xapian::docid> shown_;
    std::vector<std::set<Xapian::docid>> groups_;   ///< the copies of each listed document
    std::map<Xapian::docid, std::vector<CopyFinder::Member>> prefetched_;
};

// Takes the hidden copies out of the facet counts, so that a document kept as a PDF and its scan
// counts once there as in the total.
void uncount(std::map<std::string, FacetCounts>& facets, const Xapian::Database& database, const std::vector<Xapian::docid>& hidden) {
    const auto decrement = [&](const char* facet, const std::string& value) {
        auto& counts = facets[facet];
        const auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& count) { return count.first == value; });
        if (it == counts.end()) return;
        if (--it->second == 0) counts.erase(it);
    };
    for (const auto docid : hidden) {
        const FacetFields fields = parse_facet_value(database.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(slot::facets));
        if (!fields.year.empty()) decrement("year", fields.year);
        if (!fields.doc_type.empty()) decrement("doc_type", fields.doc_type);
        for (const auto& issuer : fields.issuers) decrement("issuer", issuer);
    }
    for (auto& [facet, counts] : facets) {
        std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
    }
}

}  // namespace


IndexSearcher::IndexSearcher(const std::filesystem::path& directory, AliasTable aliases) : parser_(std::move(aliases)) {
    if (!std::filesystem::exists(directory)) {
        throw IndexError("no index at " + directory.string() + ": run `gongwen ingest` first (or pass --index DIR)");
    }
    try {
        const IndexSet index_set = open_index_set(directory);
        database_ = index_set.database;
        remote_ = index_set.remote;
        if (remote_) last_sequence_ = last_sequence(database_);
        if (!remote_ && index_set.opened.size() > 1) local_shards_ = index_set.opened;
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot open index " + directory.string() + ": " + error.get_msg());
    }
}

IndexSearcher::IndexSearcher(Xapian::Database database, AliasTable aliases)
    : database_(std::move(database)), parser_(std::move(aliases)) {
    require_current_schema(database_, "");
}

IndexSearcher::IndexSearcher(const IndexSet& index_set, AliasTable aliases) : IndexSearcher(index_set.database, std::move(aliases)) {
    remote_ = index_set.remote;
    if (remote_) last_sequence_ = last_sequence(database_);
    if (!remote_ && index_set.opened.size() > 1) local_shards_ = index_set.opened;
}

Xapian::doccount IndexSearcher::document_count() const { return database_.get_doccount(); }

SearchResults IndexSearcher::search(const std::string& query_text, const SearchRequest& request) {
    for (int attempt = 0;; ++attempt) {
        try {
            return run(query_text, request);
        } catch (const Xapian::DatabaseModifiedError&) {
            // An ingest committed while we read: reopen and ask again.
            if (attempt >= 3) throw;
            database_.reopen();
            if (second_) second_->reopen();
            if (remote_) last_sequence_ = last_sequence(database_);   // the newest entries are past the count read before
        }
    }
}

void IndexSearcher::relax(const ParsedQuery& parsed, const SearchRequest& request, SearchResults& results) {
    const auto limit = static_cast<Xapian::doccount>(std::max(request.limit, 1));
    // Any of the words matches far more than all of them: the rank window bounds this pass too.
    std::optional<FacetSpy> no_facets;
    const Ranked ranked = rank(Xapian::Query(Xapian::Query::OP_FILTER, parsed.any_document_query, Xapian::Query(term(prefix::kind, "doc"))),
                               std::max(limit * kCandidatesPerResult, kMinCandidates), request.rank_window, false, no_facets);
    const Xapian::MSet& matches = ranked.matches;
    results.some_words_ranked_fraction = ranked.fraction;
    matches.fetch();   // every candidate's entry at once: one round trip per remote shard
    ClauseScorer scorer(database_, matches);
    if (remote_) scorer.find_numbers_in_text();
    std::vector<Candidate> candidates;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        Candidate candidate = candidate_of(it, scorer, parsed.any_part);
        if (candidate.clauses.empty()) continue;
        candidate.score = candidate.clauses.front().score;
        candidates.push_back(std::move(candidate));
    }
    sort_by_score(candidates);
    CopyCollapser collapser(database_, scorer, remote_);
    if (remote_) collapser.prefetch(first_of(candidates, {}, limit));
    if (!local_shards_.empty()) collapser.prefetch_on_two_threads(first_of(candidates, {}, limit), second_, local_shards_);
    for (const auto& candidate : candidates) {
        if (results.some_words.size() >= limit) break;
        if (collapser.listed(candidate.docid)) continue;
        results.some_words.push_back(collapser.hit(candidate, parsed.any_part, parsed, std::max(request.clauses_per_document, 1)));
        results.some_words.back().match = "some words";
    }
    const auto hidden = static_cast<Xapian::doccount>(collapser.hidden_copies(matches).size());
    const auto estimated = static_cast<Xapian::doccount>(std::lround(matches.get_matches_estimated() / ranked.fraction));
    results.some_words_total = std::max<Xapian::doccount>(estimated - std::min(hidden, estimated), static_cast<Xapian::doccount>(results.some_words.size()));
}

IndexSearcher::Ranked IndexSearcher::rank(const Xapian::Query& query, Xapian::doccount wanted, Xapian::doccount window, bool count_facets,
                                           std::optional<FacetSpy>& spy) {
    // With a rank window and more matches than it, the matches of the most recent entries
    // (recent()). Xapian's upper bound costs nothing (term frequencies); when it overstates the
    // matches so much that the window holds few, the window is widened once by the count found in it.
    double fraction = 1;
    Xapian::doccount upper = 0;
    if (window > 0 && can_window()) {
        Xapian::Enquire bound(database_);
        bound.set_query(query);
        upper = bound.get_mset(0, 0).get_matches_upper_bound();
        if (upper > window) fraction = static_cast<double>(window) / upper;
    }
    Ranked ranked;
    for (int attempt = 0;; ++attempt) {
        const RecentFilter window_filter = fraction < 1 ? recent(fraction) : RecentFilter{};
        ranked.query = fraction < 1 ? Xapian::Query(Xapian::Query::OP_FILTER, query, window_filter.filter) : query;
        // By relevance alone: breaking ties by the document id value would read that value for
        // every match (a third of a doc number query's time at 1M, whose citing documents tie).
        // Equal weights are then in entry order, which differs between a shard set and one index:
        // the candidates are put in document id order below, so only a tie across the last
        // candidate can differ.
        Xapian::Enquire documents(database_);
        documents.set_query(ranked.query);
        spy.emplace();
        // Ranked in a window on local shards, a query with this many matches has its facets counted
        // in a sample of the whole index (run()): reading each ranked match's facet value as well
        // would be thrown away (4% of the benchmark queries' time at 1M). Remote shards cannot sample.
        ranked.facets_counted = count_facets && (fraction == 1 || remote_ || !sample_saves_work(database_, upper, facet_sample_size(true, upper)));
        if (ranked.facets_counted) spy->attach(documents);
        ranked.matches = documents.get_mset(0, wanted, std::min(database_.get_doccount(), kExactMatchLimit));
        if (fraction == 1) break;
        fraction = window_filter.fraction;
        const double estimated = ranked.matches.get_matches_estimated() / fraction;
        if (estimated <= 2.0 * window) {
            fraction = 1;   // ranking them all costs at most two windows: no recall given up for it
            continue;
        }
        if (attempt > 0 || ranked.matches.get_matches_estimated() >= window / 4) break;
        fraction = window / estimated;
    }
    ranked.fraction = fraction;
    return ranked;
}

IndexSearcher::RecentFilter IndexSearcher::recent(double fraction) const {
    if (!remote_) {
        // Owned by the query (release): a date sort matches it again. Xapian runs copies of it, one
        // per shard: the share is worked out for the whole.
        return {Xapian::Query((new RecentEntries(fraction))->release()), RecentEntries::covered_fraction(database_.get_lastdocid(), fraction)};
    }
    // A remote shard cannot run a posting source of ours: the same window from the entries' ingest
    // sequence terms, counted in each shard alike (the first shard's count stands for all).
    const auto wanted = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(std::ceil(last_sequence_ * fraction)), 1, last_sequence_);
    RecentSequences recent = recent_sequences(last_sequence_ - wanted + 1, last_sequence_);
    return {std::move(recent.query), static_cast<double>(last_sequence_ - recent.first + 1) / last_sequence_};
}

SearchResults IndexSearcher::run(const std::string& query_text, const SearchRequest& request) {
    SearchResults results;
    results.query = query_text;
    const ParsedQuery parsed = parser_.parse(query_text);
    const Xapian::Query document_query(Xapian::Query::OP_FILTER, parsed.document_query, Xapian::Query(term(prefix::kind, "doc")));
    const auto limit = static_cast<std::size_t>(std::max(request.limit, 1));
    const auto wanted = std::max(static_cast<Xapian::doccount>(limit) * kCandidatesPerResult, kMinCandidates);

    // Every matching document (its words anywhere in it): the total, the facets and the candidates.
    std::optional<FacetSpy> spy;
    const Ranked ranked = rank(document_query, wanted, request.rank_window, request.facets, spy);
    const double fraction = ranked.fraction;
    const Xapian::Query& ranked_query = ranked.query;
    Xapian::MSet candidates = ranked.matches;
    results.ranked_fraction = fraction;
    results.total = static_cast<Xapian::doccount>(std::lround(candidates.get_matches_estimated() / fraction));
    results.total_exact = fraction == 1 && candidates.get_matches_lower_bound() == candidates.get_matches_upper_bound();
    if (request.facets) {
        std::optional<std::map<std::string, FacetCounts>> sampled;
        // Ranked in a window, the facets still come from the whole index: from a sample small
        // enough to cost less than the matches (the window's own counts only lean to recent years).
        if (!results.total_exact) sampled = sampled_facets(database_, document_query, results.total, facet_sample_size(fraction < 1, results.total));
        if (sampled) {
            results.facets = std::move(*sampled);
        } else if (ranked.facets_counted) {
            results.facets = spy->result(1 / fraction);
        } else {
            // The ranking expected a sample and did not count: the same match again, counting.
            Xapian::Enquire counting(database_);
            counting.set_query(ranked_query);
            spy.emplace();
            spy->attach(counting);
            counting.get_mset(0, wanted, std::min(database_.get_doccount(), kExactMatchLimit));
            results.facets = spy->result(1 / fraction);
        }
        results.facets_exact = results.total_exact;
    }
    if (request.sort == SortOrder::date) {
        // A second match, because Xapian's remote backend counts the top documents twice in match
        // spies when sorting by value, and the facets above must stay exact on remote shards.
        Xapian::Enquire by_date(database_);
        by_date.set_query(ranked_query);
        by_date.set_sort_by_value_then_relevance(slot::signed_date, true);
        candidates = by_date.get_mset(0, wanted);
    }

    // Documents with a clause that holds the whole query come first, by their best clause; then
    // documents whose words are spread over several clauses, by Xapian's document score.
    candidates.fetch();   // every candidate's entry at once: one round trip per remote shard
    ClauseScorer scorer(database_, candidates);
    if (remote_) scorer.find_numbers_in_text();
    std::vector<Candidate> whole, spread;
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
        Candidate candidate = candidate_of(it, scorer, parsed.clause);
        if (!candidate.clauses.empty()) {
            candidate.score = request.sort == SortOrder::date ? 0 : candidate.clauses.front().score;
            whole.push_back(std::move(candidate));
        } else if (whole.size() + spread.size() < limit || request.sort == SortOrder::date) {
            candidate.clauses = scorer.matching_clauses(candidate.docid, *candidate.entry, parsed.any_part);
            candidate.score = it.get_weight();
            if (!candidate.clauses.empty()) spread.push_back(std::move(candidate));
        }
    }
    if (request.sort == SortOrder::relevance) {
        sort_by_score(whole);
        sort_by_score(spread);   // Xapian's order, equal weights by document id
    }
    const int per_document = std::max(request.clauses_per_document, 1);
    CopyCollapser collapser(database_, scorer, remote_);
    if (remote_) collapser.prefetch(first_of(whole, spread, limit));
    if (!local_shards_.empty()) collapser.prefetch_on_two_threads(first_of(whole, spread, limit), second_, local_shards_);
    for (const auto* group : {&whole, &spread}) {
        for (const auto& candidate : *group) {
            if (results.documents.size() >= limit) break;
            if (collapser.listed(candidate.docid)) continue;
            results.documents.push_back(collapser.hit(candidate, group == &whole ? parsed.clause : parsed.any_part, parsed, per_document));
            if (group == &spread) results.documents.back().match = "document";
        }
    }
    const auto hidden = collapser.hidden_copies(candidates);
    results.total -= std::min(results.total, static_cast<Xapian::doccount>(hidden.size()));
    if (request.facets && results.facets_exact) uncount(results.facets, database_, hidden);
    if (results.documents.empty() && parsed.relaxable) relax(parsed, request, results);
    if (request.sort == SortOrder::date) {
        std::stable_sort(results.documents.begin(), results.documents.end(), [](const DocumentHit& a, const DocumentHit& b) {
            return a.signed_date.value_or("") > b.signed_date.value_or("");
        });
    }
    return results;
}

}  // namespace gongwen::index
