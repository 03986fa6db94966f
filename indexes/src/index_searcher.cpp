// Query parsing and search (see index_searcher.hpp).
#include "gongwen/index/index_searcher.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

std::string term(std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); }

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

// A document's own number counts more than a citation of it.
constexpr double kOwnNumberWeight = 4.0;
constexpr double kHeadingWeight = 0.5;

struct QueryPart {
    std::string text;
    bool excluded = false;
};

// Splits on spaces outside "…"; a leading - excludes the part.
std::vector<QueryPart> split_parts(const std::string& query) {
    std::vector<QueryPart> parts;
    const std::u32string text = to_u32(query);
    std::u32string current;
    bool quoted = false, excluded = false;
    const auto flush = [&] {
        if (!current.empty()) parts.push_back({to_utf8(current), excluded});
        current.clear();
        excluded = false;
    };
    for (char32_t cp : text) {
        if (cp == U'"' || cp == U'“' || cp == U'”') {
            quoted = !quoted;
            if (!quoted) flush();
        } else if (!quoted && (cp == U' ' || cp == 0x3000 || cp == U'\t')) {
            flush();
        } else if (!quoted && current.empty() && (cp == U'-' || cp == U'－')) {
            excluded = true;
        } else {
            current += cp;
        }
    }
    flush();
    return parts;
}

Xapian::Query doc_number_query(const DocNumber& number) {
    return Xapian::Query(Xapian::Query::OP_OR,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term(prefix::own_number, number.normalized)),
                                       kOwnNumberWeight),
                         Xapian::Query(term(prefix::cited_number, number.normalized)));
}

}  // namespace

ParsedQuery QueryParser::parse(const std::string& text) {
    ParsedQuery parsed;
    // A whole query that is one doc number may contain spaces (`苏政办发〔2019〕12 号`).
    if (auto number = parse_doc_number(text)) {
        parsed.query = doc_number_query(*number);
        parsed.doc_numbers.push_back(number->normalized);
        return parsed;
    }
    std::vector<Xapian::Query> required, excluded, boosts;
    for (const auto& part : split_parts(text)) {
        Xapian::Query part_query;
        if (auto number = parse_doc_number(part.text)) {
            part_query = doc_number_query(*number);
            if (!part.excluded) parsed.doc_numbers.push_back(number->normalized);
        } else {
            std::vector<Xapian::Query> runs;
            for (const auto& run : unit_runs(part.text)) {
                runs.push_back(run_query(run));
                if (!part.excluded) {
                    std::string joined;
                    for (const auto& unit : run) joined += unit;
                    parsed.highlight_needles.push_back(joined);
                    boosts.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, run_query(run, prefix::heading), kHeadingWeight));
                }
            }
            if (runs.empty()) continue;
            part_query = Xapian::Query(Xapian::Query::OP_AND, runs.begin(), runs.end());
            if (!part.excluded) {
                for (const auto& word : segmenter_.words(core::fold_for_matching(part.text))) {
                    boosts.emplace_back(term(prefix::word, word));
                }
            }
        }
        (part.excluded ? excluded : required).push_back(part_query);
    }
    if (required.empty()) {
        parsed.query = Xapian::Query::MatchNothing;
        return parsed;
    }
    Xapian::Query query(Xapian::Query::OP_AND, required.begin(), required.end());
    if (!excluded.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                              Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    if (!boosts.empty()) {
        // Whole ICU words and heading matches add weight but are never required.
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                              Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }
    parsed.query = query;
    return parsed;
}

IndexSearcher::IndexSearcher(const std::filesystem::path& directory) {
    if (!std::filesystem::exists(directory)) {
        throw IndexError("no index at " + directory.string() + ": run `gongwen ingest` first (or pass --index DIR)");
    }
    try {
        database_ = open_index_set(directory).database;
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot open index " + directory.string() + ": " + error.get_msg());
    }
}

IndexSearcher::IndexSearcher(Xapian::Database database) : database_(std::move(database)) {}

Xapian::doccount IndexSearcher::document_count() const { return database_.get_doccount(); }

SearchResults IndexSearcher::search(const std::string& query_text, int limit, int clauses_per_document) {
    SearchResults results;
    results.query = query_text;
    const ParsedQuery parsed = parser_.parse(query_text);
    const Xapian::Query query(Xapian::Query::OP_FILTER, parsed.query, Xapian::Query(term(prefix::kind, "clause")));

    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Enquire counter(database_);
            counter.set_query(query);
            counter.set_collapse_key(slot::doc_id, 1);
            results.total = counter.get_mset(0, 1, database_.get_doccount()).get_matches_estimated();

            Xapian::Enquire enquire(database_);
            enquire.set_query(query);
            enquire.set_collapse_key(slot::doc_id, clauses_per_document);
            const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * clauses_per_document));
            std::map<std::string, std::size_t> position_of;
            for (auto it = matches.begin(); it != matches.end(); ++it) {
                const auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
                if (data.is_discarded()) continue;
                const std::string doc_id = data.value("doc_id", "");
                auto [found, inserted] = position_of.try_emplace(doc_id, results.documents.size());
                if (inserted) {
                    if (static_cast<int>(results.documents.size()) >= limit) continue;
                    DocumentHit hit;
                    hit.doc_id = doc_id;
                    hit.path = data.value("path", "");
                    if (data["doc_number"].is_string()) hit.doc_number = data["doc_number"].get<std::string>();
                    if (data["title"].is_string()) hit.title = data["title"].get<std::string>();
                    hit.score = it.get_weight();
                    results.documents.push_back(std::move(hit));
                }
                if (found->second >= results.documents.size()) continue;
                ClauseHit clause;
                clause.clause_path = data.value("clause_path", "");
                clause.heading = data.value("heading", "");
                clause.page = data.value("page", 1);
                clause.score = it.get_weight();
                const std::string text = data.value("text", "");
                clause.snippet = make_snippet(text, needles_for(parsed, text));
                results.documents[found->second].clauses.push_back(std::move(clause));
            }
            return results;
        } catch (const Xapian::DatabaseModifiedError&) {
            // An ingest committed while we read: reopen and ask again.
            if (attempt >= 3) throw;
            database_.reopen();
            results.documents.clear();
        }
    }
}

}  // namespace gongwen::index
