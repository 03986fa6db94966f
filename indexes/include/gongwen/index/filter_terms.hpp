// Field filters (文号: 机关: 文种: 年份: 引用: 单位:): the terms the writer puts on every entry of a
// document and the queries the parser builds from them, in one place so both sides agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "gongwen/document.hpp"

namespace gongwen::index {

/// The year a document belongs to: its signed date, else its own doc number's year; 0 if neither.
int document_year(const Document& document);

/// Adds the boolean filter terms of `document` to one of its entries.
void add_filter_terms(Xapian::Document& entry, const Document& document);

/// The facets of a document (search --json "facets"), as stored in slot::facets of its record.
struct FacetFields {
    std::string year;                  ///< "" when unknown
    std::string doc_type;              ///< "" when unknown
    std::vector<std::string> issuers;  ///< joint issuers each on their own
};
/// The facets of `document` encoded as one value ("" when it has none).
std::string facet_value(const Document& document);
/// The inverse of facet_value.
FacetFields parse_facet_value(std::string_view value);

/// 文号:VALUE — a doc number in any bracket style; a bare 机关代字 (`国办发`) matches every number of it.
/// Nothing when VALUE is neither.
std::optional<Xapian::Query> doc_number_filter(std::string_view value);
/// 机关:VALUE — documents an issuer of which contains VALUE (folded, substring).
Xapian::Query issuer_filter(std::string_view value);
/// 单位:VALUE — documents with a task one of whose units contains VALUE.
Xapian::Query unit_filter(std::string_view value);
/// 文种:VALUE — exact 文种 (意见, 通知, …).
Xapian::Query doc_type_filter(std::string_view value);
/// 引用:VALUE — documents citing that doc number. Nothing when VALUE is not a doc number.
std::optional<Xapian::Query> cites_filter(std::string_view value);
/// 年份:2019, 年份:2015..2018, 年份:2015-2018 (also 2015-, ..2018). Nothing when VALUE is not a year or range.
std::optional<Xapian::Query> year_filter(std::string_view value);

}  // namespace gongwen::index
