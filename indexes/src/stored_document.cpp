// Stored data of a document entry (see stored_document.hpp). Layout: summary JSON, '\n', record
// JSON. dump_json never writes a raw newline (strings escape it), so the first '\n' ends the summary.
#include "gongwen/index/stored_document.hpp"

#include "gongwen/core/document_json.hpp"

namespace gongwen::index {
namespace {

// The JSON string whose opening quote is at `open`, unescaped; nullopt when it is not well formed.
std::optional<std::string> json_string_at(std::string_view json, std::size_t open) {
    std::string out;
    for (std::size_t at = open + 1; at < json.size();) {
        std::size_t special = at;   // a plain loop: find_first_of calls memchr once per byte
        while (special < json.size() && json[special] != '"' && json[special] != '\\') ++special;
        if (special == json.size()) return std::nullopt;
        out.append(json.substr(at, special - at));
        if (json[special] == '"') return out;
        if (special + 1 >= json.size()) return std::nullopt;
        const char escaped = json[special + 1];
        at = special + 2;
        switch (escaped) {
            case '"': case '\\': case '/': out += escaped; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            default: return std::nullopt;   // \u (control characters: rare) is left to the library
        }
    }
    return std::nullopt;
}

}  // namespace

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
    return clause_at(begin, length);
}

nlohmann::json StoredDocument::clause_at(std::size_t begin, std::size_t length) const {
    return nlohmann::json::parse(std::string_view(data_).substr(begin, length), nullptr, false);
}

std::string StoredDocument::clause_text(std::size_t index) const {
    if (index >= clause_count()) return "";
    const auto& span = summary_["clauses"][index];
    if (!span.is_array() || span.size() != 2) return "";
    const std::size_t begin = record_start_ + span[0].get<std::size_t>(), length = span[1].get<std::size_t>();
    if (begin + length > data_.size()) return "";
    // In a clause object (string and number values only) the key "text" is the only place where
    // these eight bytes can stand: inside a string every quote is escaped.
    const std::string_view clause = std::string_view(data_).substr(begin, length);
    constexpr std::string_view kKey = "\"text\":\"";
    if (const auto key = clause.find(kKey); key != std::string_view::npos) {
        if (auto text = json_string_at(clause, key + kKey.size() - 1)) return std::move(*text);
    }
    const nlohmann::json parsed = clause_at(begin, length);
    return parsed.is_object() && parsed.contains("text") && parsed["text"].is_string() ? parsed["text"].get<std::string>() : "";
}

}  // namespace gongwen::index
