// Stored data of a document entry (see stored_document.hpp). Layout: summary JSON, '\n', record
// JSON. dump_json never writes a raw newline (strings escape it), so the first '\n' ends the summary.
#include "gongwen/index/stored_document.hpp"

#include "gongwen/core/document_json.hpp"

namespace gongwen::index {

std::string encode_stored_document(const nlohmann::json& record) {
    nlohmann::json without_clauses = record;
    without_clauses.erase("clauses");
    std::string body = core::dump_json(without_clauses);
    body.pop_back();   // the closing brace: the clauses follow, so that their offsets are known
    body += body.size() > 1 ? ",\"clauses\":[" : "\"clauses\":[";
    nlohmann::json spans = nlohmann::json::array();
    if (record.contains("clauses") && record["clauses"].is_array()) {
        bool first = true;
        for (const auto& clause : record["clauses"]) {
            if (!first) body += ',';
            first = false;
            const std::size_t begin = body.size();
            body += core::dump_json(clause);
            spans.push_back({begin, body.size() - begin});
        }
    }
    body += "]}";
    const auto field = [&](const char* key) { return record.contains(key) ? record[key] : nlohmann::json(nullptr); };
    nlohmann::json summary{{"id", field("id")},
                           {"path", record.contains("source") && record["source"].is_object() ? record["source"].value("path", "") : ""},
                           {"doc_number", record.contains("doc_number") && record["doc_number"].is_object() ? record["doc_number"]["normalized"] : nlohmann::json(nullptr)},
                           {"title", field("title")},
                           {"clauses", spans}};
    return core::dump_json(summary) + "\n" + body;
}

nlohmann::json stored_record(std::string_view data) {
    const auto newline = data.find('\n');
    return nlohmann::json::parse(newline == std::string_view::npos ? data : data.substr(newline + 1), nullptr, false);
}

std::optional<StoredDocument> StoredDocument::read(std::string data) {
    const auto newline = data.find('\n');
    if (newline == std::string::npos) return std::nullopt;
    StoredDocument stored;
    stored.summary_ = nlohmann::json::parse(std::string_view(data).substr(0, newline), nullptr, false);
    if (stored.summary_.is_discarded() || !stored.summary_.is_object()) return std::nullopt;
    stored.record_start_ = newline + 1;
    stored.data_ = std::move(data);
    return stored;
}

std::size_t StoredDocument::clause_count() const {
    return summary_.contains("clauses") && summary_["clauses"].is_array() ? summary_["clauses"].size() : 0;
}

nlohmann::json StoredDocument::clause(std::size_t index) const {
    if (index >= clause_count()) return nullptr;
    const auto& span = summary_["clauses"][index];
    if (!span.is_array() || span.size() != 2) return nullptr;
    const std::size_t begin = record_start_ + span[0].get<std::size_t>(), length = span[1].get<std::size_t>();
    if (begin + length > data_.size()) return nullptr;
    return nlohmann::json::parse(std::string_view(data_).substr(begin, length), nullptr, false);
}

}  // namespace gongwen::index
