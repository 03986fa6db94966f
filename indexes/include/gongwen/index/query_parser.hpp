// The search query language (documented in README and `gongwen search --help`):
//
//   异地就医直接结算        free Chinese text: the ICU words of it must all occur in a clause
//                           (each as written, so a different segmentation of the text does not
//                           matter); the text as one exact phrase ranks first
//   "推行部门联合抽查"      an exact phrase (also “…”)
//   医保 结算               parts separated by spaces (or AND) must all match
//   医保 OR 社保            either; AND binds tighter than OR; ( ) group
//   NOT 生育, -生育         exclude
//   苏政办发[2019]12号      a doc number in any bracket style: its document first, then documents citing it
//   文号:… 机关:… 文种:… 年份:2019 年份:2015..2018 引用:… 单位:…   field filters
//
// Aliases (config/aliases.toml) expand free text and 机关:/单位: values at query time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/core/segmenter.hpp"
#include "gongwen/index/aliases.hpp"
#include "gongwen/index/clause_pattern.hpp"

namespace gongwen::index {

/// A query the user typed cannot be read (e.g. `年份:abc`, `引用:` without a doc number). The
/// message says what is wrong.
class QuerySyntaxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ParsedQuery {
    /// What one clause must hold to match the whole query, with what adds weight (see ClauseScorer).
    ClausePattern clause;
    /// The query on whole documents (bigrams anywhere in the document, filters): the candidates and
    /// the total; the caller filters to Kdoc.
    Xapian::Query document_query;
    /// Marks every clause touching any positive part (the best clauses of a document whose words are
    /// spread over several clauses).
    ClausePattern any_part;
    std::vector<std::string> highlight_needles;  ///< strings to mark in snippets
    std::vector<std::string> doc_numbers;        ///< normalized doc numbers to mark in whatever form the text prints them
    /// Plain words only (no quotes, NOT, -term, field filter or doc number) and at least two of
    /// them: when no document has them all, documents with some of them may be shown instead.
    bool relaxable = false;
    /// Document records with any word of a relaxable query (the count of a relaxed answer).
    Xapian::Query any_document_query;
};

class QueryParser {
public:
    QueryParser() = default;
    explicit QueryParser(AliasTable aliases);

    /// Throws QuerySyntaxError for a field filter with an unreadable value; any other text parses.
    ParsedQuery parse(const std::string& text);

private:
    /// Made on first use: loading ICU's dictionary takes ≈ 14 ms, which a `gongwen search` for a
    /// doc number or a field filter never needs.
    core::Segmenter& segmenter();

    std::unique_ptr<core::Segmenter> segmenter_;
    AliasTable aliases_;
    std::vector<std::vector<std::string>> alias_names_;  ///< every alias name as units (see index_terms.hpp)
};

}  // namespace gongwen::index
