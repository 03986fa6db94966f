// Serializes the document model to the JSON contract of `extract --json`.
#include "gongwen/core/document_json.hpp"

namespace gongwen::core {
namespace {

nlohmann::json optional_string(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json doc_number_to_json(const std::optional<DocNumber>& number) {
    if (!number) return nullptr;
    nlohmann::json out{{"text", number->text},     {"normalized", number->normalized},
                       {"agency", number->agency}, {"year", number->year ? nlohmann::json(number->year) : nlohmann::json(nullptr)},
                       {"serial", number->serial}, {"form", number->form}};
    if (!number->repaired_from.empty()) out["repaired_from"] = number->repaired_from;
    return out;
}

nlohmann::json document_to_json(const Document& document) {
    using nlohmann::json;
    json out;
    out["id"] = document.id;
    out["source"] = {{"path", document.source.path},
                     {"format", document.source.format},
                     {"mime_type", document.source.mime_type},
                     {"extractor", document.source.extractor},
                     {"content_hash", document.source.content_hash},
                     {"pages", document.source.pages},
                     {"ocr_pages", document.source.ocr_pages}};
    out["doc_number"] = doc_number_to_json(document.doc_number);
    // One issuer is a string; joint issuers (国务院、中央军委) are a list.
    if (document.issuers.empty()) out["issuer"] = nullptr;
    else if (document.issuers.size() == 1) out["issuer"] = document.issuers.front();
    else out["issuer"] = document.issuers;
    out["issuers"] = document.issuers;
    out["title"] = optional_string(document.title);
    out["doc_type"] = optional_string(document.doc_type);
    out["recipients"] = document.recipients;
    out["signed_date"] = optional_string(document.signed_date);
    out["printed_by"] = optional_string(document.printed_by);
    out["printed_date"] = optional_string(document.printed_date);
    out["cc"] = document.cc;
    out["attachments"] = document.attachments;
    out["cited_documents"] = json::array();
    for (const auto& cited : document.cited_documents) {
        json entry = {{"title", cited.title.empty() ? json(nullptr) : json(cited.title)},
                      {"doc_number", cited.doc_number.empty() ? json(nullptr) : json(cited.doc_number)}};
        if (!cited.repaired_from.empty()) entry["repaired_from"] = cited.repaired_from;
        out["cited_documents"].push_back(std::move(entry));
    }
    out["deadlines"] = json::array();
    for (const auto& deadline : document.deadlines) {
        out["deadlines"].push_back({{"text", deadline.text},
                                    {"due", deadline.due.empty() ? json(nullptr) : json(deadline.due)},
                                    {"kind", deadline.kind},
                                    {"page", deadline.page},
                                    {"clause", deadline.clause}});
    }
    out["tasks"] = json::array();
    for (const auto& task : document.tasks) {
        out["tasks"].push_back({{"seq", task.seq},
                                {"task", task.task},
                                {"units", task.units},
                                {"lead_units", task.lead_units},
                                {"deadline_text", task.deadline_text},
                                {"due", task.due.empty() ? json(nullptr) : json(task.due)},
                                {"kind", task.kind},
                                {"page", task.page},
                                {"section", task.section.empty() ? json(nullptr) : json(task.section)},
                                {"parent", task.parent.empty() ? json(nullptr) : json(task.parent)},
                                {"milestones", task.milestones}});
    }
    out["tables"] = json::array();
    for (const auto& table : document.tables) {
        json regions = json::array();
        for (const auto& region : table.regions) {
            regions.push_back({{"page", region.page}, {"box", {region.box.x0, region.box.y0, region.box.x1, region.box.y1}}});
        }
        out["tables"].push_back({{"page", table.page},
                                 {"header", table.header},
                                 {"rows", table.rows},
                                 {"tasks", table.tasks},
                                 {"ruled", table.ruled},
                                 {"regions", std::move(regions)}});
    }
    out["clauses"] = json::array();
    for (const auto& clause : document.clauses) {
        out["clauses"].push_back({{"path", clause.path},
                                  {"heading", clause.heading},
                                  {"text", clause.text},
                                  {"page", clause.page},
                                  {"level", clause.level}});
    }
    out["warnings"] = document.warnings;
    out["urgency"] = optional_string(document.urgency);
    out["secrecy"] = optional_string(document.secrecy);
    out["note"] = optional_string(document.note);
    out["metadata"] = document.metadata;
    out["provenance"] = json::object();
    for (const auto& [field, where] : document.provenance) {
        json entry = {{"page", where.page}, {"paragraph", where.paragraph}, {"begin", where.begin}, {"end", where.end}};
        if (!where.source.empty()) entry["source"] = where.source;
        out["provenance"][field] = std::move(entry);
    }
    out["extra"] = document.extra;
    return out;
}

std::string dump_json(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gongwen::core
