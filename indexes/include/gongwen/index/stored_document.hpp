// The stored data of a document entry: one short line for result lists (id, path, doc number,
// title, and where each clause sits in the record), then the whole record as JSON (what `show`
// prints). A search reads the line and the few clauses it shows instead of parsing the whole record
// (JSON parsing of whole records was a quarter of search time measured).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gongwen::index {

/// The stored data for `record` (document_to_json's shape, with "clauses").
std::string encode_stored_document(const nlohmann::json& record);

/// The whole record of stored data; a discarded value (is_discarded()) when it is not JSON.
nlohmann::json stored_record(std::string_view data);

/// What a result list needs, read without parsing the record.
class StoredDocument {
public:
    /// Returns nullopt when `data` is not what encode_stored_document writes.
    static std::optional<StoredDocument> read(std::string data);

    const nlohmann::json& summary() const { return summary_; }   ///< id, path, doc_number, title
    std::size_t clause_count() const;
    /// Clause `index` of the record ({path, heading, text, page, level}); null when out of range.
    nlohmann::json clause(std::size_t index) const;
    /// The text of clause `index` ("" when out of range), read without parsing the clause: the
    /// clause scorer reads every clause of fifty documents per query.
    std::string clause_text(std::size_t index) const;

private:
    nlohmann::json clause_at(std::size_t begin, std::size_t length) const;

    std::string data_;
    nlohmann::json summary_;
    std::size_t record_start_ = 0;
};

}  // namespace gongwen::index
