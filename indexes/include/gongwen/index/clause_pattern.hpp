// What a query asks of one clause: the query parser's answer for the clause scorer. The index keeps
// one entry per document; Xapian finds the documents, and this tree, evaluated on the unit
// positions of each candidate document, tells which of its clauses match and how well.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "gongwen/index/index_terms.hpp"

namespace gongwen::index {

struct ClausePattern {
    enum class Kind {
        units,       ///< the units of `units` next to each other (a word or a phrase)
        word,        ///< the same, scored as a whole word: more in the heading and the title; never required
        term,        ///< a positional term (a doc number: the clause that prints it)
        everywhere,  ///< every clause (a field filter: Xapian already applied it to the document)
        nowhere,
        all,         ///< every part in the clause
        any,         ///< at least one part
        except,      ///< parts[0] where parts[1] does not match
        boosted,     ///< parts[0] decides; parts[1..] add to the score where they match
    };
    Kind kind = Kind::nowhere;
    UnitRun units;
    std::string term;
    double scale = 1;
    std::vector<ClausePattern> parts;

    static ClausePattern of_units(UnitRun run, double scale = 1) { return leaf(Kind::units, std::move(run), scale); }
    static ClausePattern of_word(UnitRun run) { return leaf(Kind::word, std::move(run), 1); }
    static ClausePattern of_term(std::string term, double scale = 1) {
        ClausePattern pattern;
        pattern.kind = Kind::term;
        pattern.term = std::move(term);
        pattern.scale = scale;
        return pattern;
    }
    static ClausePattern everywhere() { return of_kind(Kind::everywhere, {}); }
    static ClausePattern nowhere() { return of_kind(Kind::nowhere, {}); }
    static ClausePattern all_of(std::vector<ClausePattern> parts) {
        if (parts.empty()) return everywhere();
        if (parts.size() == 1) return std::move(parts[0]);
        return of_kind(Kind::all, std::move(parts));
    }
    static ClausePattern any_of(std::vector<ClausePattern> parts) {
        if (parts.empty()) return nowhere();
        if (parts.size() == 1) return std::move(parts[0]);
        return of_kind(Kind::any, std::move(parts));
    }
    static ClausePattern except(ClausePattern kept, ClausePattern excluded) {
        return of_kind(Kind::except, {std::move(kept), std::move(excluded)});
    }
    static ClausePattern boosted(ClausePattern required, std::vector<ClausePattern> boosts) {
        if (boosts.empty()) return required;
        boosts.insert(boosts.begin(), std::move(required));
        return of_kind(Kind::boosted, std::move(boosts));
    }

private:
    static ClausePattern leaf(Kind kind, UnitRun run, double scale) {
        ClausePattern pattern;
        pattern.kind = kind;
        pattern.units = std::move(run);
        pattern.scale = scale;
        return pattern;
    }
    static ClausePattern of_kind(Kind kind, std::vector<ClausePattern> parts) {
        ClausePattern pattern;
        pattern.kind = kind;
        pattern.parts = std::move(parts);
        return pattern;
    }
};

}  // namespace gongwen::index
