// The web API (see web_api.hpp).
#include "web_api.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "deadline_view.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/query_parser.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/record_reader.hpp"
#include "gongwen/index/task_reader.hpp"
#include "index_selection.hpp"
#include "search_json.hpp"
#include "gongwen/index/task_identity.hpp"
#include "gongwen/index/task_subset.hpp"
#include "task_update.hpp"

namespace gongwen::app {
namespace {

using nlohmann::json;

WebResponse json_response(const json& body, int status = 200) {
    WebResponse response;
    response.status = status;
    response.body = core::dump_json(body, -1);
    return response;
}

WebResponse error_response(int status, const std::string& message) { return json_response({{"error", message}}, status); }

/// A request the client got wrong: answered with 400 and the reason.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string param(const QueryParams& params, const std::string& name) {
    const auto found = params.find(name);
    return found == params.end() ? std::string() : found->second;
}

int int_param(const QueryParams& params, const std::string& name, int fallback, int low, int high) {
    const std::string text = param(params, name);
    if (text.empty()) return fallback;
    if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) throw BadRequest(name + " must be a number");
    const int value = std::stoi(text);
    if (value < low || value > high) throw BadRequest(name + " must be between " + std::to_string(low) + " and " + std::to_string(high));
    return value;
}

std::optional<Date> date_param(const QueryParams& params, const std::string& name) {
    const std::string text = param(params, name);
    if (text.empty()) return std::nullopt;
    auto date = parse_iso_date(text);
    if (!date) throw BadRequest(name + " is not a date (expected YYYY-MM-DD)");
    return date;
}

bool valid_utf8(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
        }
        i += length;
    }
    return true;
}

// Runs `work` on a freshly opened index. An ingest committing meanwhile can discard the revision
// being read, while opening (the index set reports it as an IndexError) or while reading
// (DatabaseModifiedError): a reopen cures both, so both are retried a few times.
template <typename Work>
WebResponse with_index(Work&& work) {
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
        try {
            return work();
        } catch (const BadRequest& error) {
            return error_response(400, error.what());
        } catch (const index::IndexError& error) {
            if (attempt >= kAttempts) return error_response(503, error.what());
        } catch (const Xapian::DatabaseModifiedError& error) {
            if (attempt >= kAttempts) return error_response(503, "index error: " + error.get_description());
        } catch (const Xapian::Error& error) {
            return error_response(503, "index error: " + error.get_description());
        } catch (const index::TaskStateError& error) {
            return error_response(503, error.what());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
}

json string_or_null(const json& record, const char* key) {
    const auto found = record.find(key);
    return found != record.end() && found->is_string() ? *found : json(nullptr);
}

// The type the extractor recognised; text only when it is UTF-8 (a GB18030 file downloads instead
// of showing as mojibake).
std::string content_type_of(const json& record, const std::string& bytes) {
    const json source = record.value("source", json::object());
    const std::string mime = source.value("mime_type", "");
    if (mime.rfind("text/", 0) == 0) return valid_utf8(bytes) ? mime + "; charset=utf-8" : "application/octet-stream";
    if (mime.empty() || mime.find_first_of("\r\n;") != std::string::npos) return "application/octet-stream";
    return mime;
}

std::string percent_encoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

// A cited number that several records print: when they are all copies of one document, the link
// goes to its best copy; otherwise there is no one document to link to (null).
json best_copy_id(const Xapian::Database& database, const std::vector<json>& records) {
    const auto members = index::CopyFinder(database).copies_of(records.front().value("id", ""));
    if (members.empty()) return nullptr;
    for (const auto& record : records) {
        const std::string id = record.value("id", "");
        if (std::none_of(members.begin(), members.end(), [&](const auto& member) { return member.info.doc_id == id; })) return nullptr;
    }
    return members.front().info.doc_id;
}

json optional_json(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

json change_json(const index::TaskChange& change) {
    return {{"status", change.status}, {"done_on", optional_json(change.done_on)}, {"note", optional_json(change.note)},
            {"changed_by", change.changed_by}, {"changed_at", change.changed_at}};
}

json task_json(const std::string& id, const FoundTask& found, const std::vector<index::TaskChange>& history) {
    json out{{"task_id", id}, {"archived", !found.tracked.has_value()}};
    const index::TaskChange current = found.state ? found.state->current : index::TaskChange{"open", {}, {}, "", ""};
    out["state"] = current.status;
    out["done_on"] = optional_json(current.done_on);
    out["note"] = optional_json(current.note);
    out["changed_by"] = current.changed_by.empty() ? json(nullptr) : json(current.changed_by);
    out["changed_at"] = current.changed_at.empty() ? json(nullptr) : json(current.changed_at);
    if (found.tracked) {
        out["task"] = found.tracked->entry.task.task;
        out["doc_number"] = optional_json(found.tracked->entry.doc_number);
        out["title"] = optional_json(found.tracked->entry.title);
        out["doc_id"] = found.tracked->entry.doc_id;
    } else {
        out["task"] = found.state->task;
        out["doc_number"] = optional_json(found.state->doc_number);
        out["title"] = optional_json(found.state->title);
        out["doc_id"] = nullptr;
    }
    out["history"] = json::array();
    for (const auto& change : history) out["history"].push_back(change_json(change));
    return out;
}

// The body of POST /api/tasks/{id}, checked field by field so that the 400 says what is wrong.
TaskUpdate parse_task_update(const std::string& body) {
    json request;
    try {
        request = json::parse(body);
    } catch (const json::exception&) {
        throw BadRequest("the body is not JSON: send {\"action\": \"done\", \"note\": \"…\"}");
    }
    if (!request.is_object()) throw BadRequest("the body must be a JSON object: {\"action\": \"done\", \"note\": \"…\"}");
    for (const auto& [key, value] : request.items()) {
        if (key != "action" && key != "note" && key != "date") throw BadRequest("unknown field \"" + key + "\": send action, note and date only");
    }
    TaskUpdate update;
    const auto action = request.find("action");
    if (action == request.end() || !action->is_string() || !is_task_action(action->get<std::string>())) {
        throw BadRequest("action must be one of done, start, reopen, cancel");
    }
    update.action = action->get<std::string>();
    if (const auto note = request.find("note"); note != request.end() && !note->is_null()) {
        if (!note->is_string()) throw BadRequest("note must be a string");
        const std::string text = note->get<std::string>();
        if (text.size() > kMaxNoteBytes) throw BadRequest("note is longer than " + std::to_string(kMaxNoteBytes) + " bytes");
        if (!text.empty()) update.note = text;
    }
    if (const auto date = request.find("date"); date != request.end() && !date->is_null()) {
        if (update.action != "done") throw BadRequest("date is the done date: it goes with action done only");
        if (!date->is_string() || !(update.done_on = parse_iso_date(date->get<std::string>()))) {
            throw BadRequest("date is not a date (expected YYYY-MM-DD)");
        }
    }
    if (update.action == "done" && !update.done_on && !(update.done_on = local_today())) {
        throw BadRequest("cannot read today's date from the server's clock; send date YYYY-MM-DD");
    }
    return update;
}

}  // namespace

bool is_document_id(const std::string& text) {
    return !text.empty() && text.size() <= 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

WebApi::WebApi(std::optional<std::filesystem::path> index, core::Config config)
    : index_(std::move(index)), config_(std::move(config)), aliases_(load_search_aliases(config_)) {}

WebResponse WebApi::search(const QueryParams& params) const {
    const std::string query = param(params, "q");
    if (query.size() > kMaxQueryBytes) return error_response(400, "query longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    if (!valid_utf8(query)) return error_response(400, "query is not UTF-8");
    return with_index([&] {
        index::SearchRequest request;
        request.limit = int_param(params, "limit", config_.search_limit, 1, kMaxResults);
        request.clauses_per_document = config_.clauses_per_document;
        request.facets = true;
        // rank_all=1: every match ranked, however many (the page's 在全部匹配文件中排序).
        request.rank_window = param(params, "rank_all") == "1" ? 0 : static_cast<Xapian::doccount>(config_.rank_window);
        const std::string sort = param(params, "sort");
        if (!sort.empty() && sort != "relevance" && sort != "date") throw BadRequest("sort must be relevance or date");
        request.sort = sort == "date" ? index::SortOrder::date : index::SortOrder::relevance;
        if (query.find_first_not_of(" \t\r\n") == std::string::npos) {
            return json_response({{"query", query}, {"total", 0}, {"results", json::array()}, {"facets", json::object()},
                                  {"some_words", {{"total", 0}, {"results", json::array()}}}});
        }
        const index::IndexSet index_set = open_selected_index(index_, config_);
        index::IndexSearcher searcher(index_set, aliases_);
        const index::RecordReader records(index_set.database);
        json out;
        try {
            out = search_results_json(searcher.search(query, request));
        } catch (const index::QuerySyntaxError& error) {
            throw BadRequest(std::string("bad query: ") + error.what());
        }
        for (json* list : {&out["results"], &out["some_words"]["results"]}) {
            for (auto& result : *list) {
                const auto found = records.find(result.value("doc_id", ""));
                if (found.empty()) continue;
                const json& record = found.front();
                result["document"] = {{"issuers", record.value("issuers", json::array())}, {"doc_type", string_or_null(record, "doc_type")}};
            }
        }
        out["partial"] = index_set.partial();   // as `search --json`: answered without unreachable shards
        out["missing_shards"] = index_set.missing_shards;
        return json_response(out);
    });
}

WebResponse WebApi::document(const std::string& id) const {
    if (!is_document_id(id)) return error_response(404, "no such document");
    return with_index([&] {
        const index::IndexSet index_set = open_selected_index(index_, config_);
        const index::RecordReader records(index_set.database);
        auto found = records.find(id);
        if (found.empty() || found.front().value("id", "") != id) return error_response(404, "no such document");
        json record = std::move(found.front());

        json cited = json::array();
        for (const auto& citation : record.value("cited_documents", json::array())) {
            json entry{{"doc_number", string_or_null(citation, "doc_number")}, {"title", string_or_null(citation, "title")},
                       {"doc_id", nullptr}};
            if (entry["doc_number"].is_string()) {
                const auto target = records.find(entry["doc_number"].get<std::string>());
                if (target.size() == 1) entry["doc_id"] = target.front().value("id", "");
                else if (target.size() > 1) entry["doc_id"] = best_copy_id(index_set.database, target);
            }
            cited.push_back(entry);
        }

        // 引用: finds the documents whose citations carry the number, in any bracket style.
        json cited_by = json::array();
        const json number = record.value("doc_number", json());
        if (number.is_object() && number.value("normalized", json()).is_string()) {
            index::IndexSearcher searcher(index_set, aliases_);
            const auto results = searcher.search("引用:" + number["normalized"].get<std::string>(), kMaxResults, 1);
            for (const auto& hit : results.documents) {
                if (hit.doc_id == id) continue;
                const auto citing = records.find(hit.doc_id);
                if (citing.empty()) continue;
                bool cites = false;
                for (const auto& citation : citing.front().value("cited_documents", json::array())) {
                    const auto written = string_or_null(citation, "doc_number");
                    if (!written.is_string()) continue;
                    const auto parsed = parse_doc_number(written.get<std::string>());
                    cites = cites || (parsed && parsed->normalized == number["normalized"].get<std::string>());
                }
                if (!cites) continue;   // only what the record lists as cited, as the page says
                cited_by.push_back({{"doc_id", hit.doc_id}, {"doc_number", hit.doc_number ? json(*hit.doc_number) : json(nullptr)},
                                    {"title", hit.title ? json(*hit.title) : json(nullptr)}});
            }
        }
        // Every file that holds this document, best first, in the record as `show --json` prints it:
        // the page says "N 份副本" and links each.
        std::vector<index::Copy> copies;
        for (const auto& member : index::CopyFinder(index_set.database).copies_of(id)) {
            if (!member.info.doc_id.empty()) copies.push_back(index::copy_of(member.info));
        }
        record["copies"] = copies_json(copies);
        // The id and recorded state of each task, so that the page can mark it done.
        json task_states = json::array();
        if (record.contains("tasks") && !record["tasks"].empty()) {
            // This document's task entries only, tracked as the whole board tracks them.
            const auto location = task_state_location(index_, config_);
            auto tracked = index::TaskSubsetTracker(index_set.database, recorded_states(location)).document_tasks(id);
            std::sort(tracked.begin(), tracked.end(), [](const auto& a, const auto& b) { return a.entry.index < b.entry.index; });
            for (const auto& task : tracked) {
                task_states.push_back({{"index", task.entry.index}, {"seq", task.entry.task.seq}, {"task_id", task.task_id},
                                       {"state", task.state ? task.state->current.status : "open"},
                                       {"done_on", task.state && task.state->current.done_on ? json(*task.state->current.done_on) : json(nullptr)},
                                       {"note", task.state && task.state->current.note ? json(*task.state->current.note) : json(nullptr)},
                                       {"changed_by", task.state ? json(task.state->current.changed_by) : json(nullptr)}});
            }
        }
        return json_response({{"record", record}, {"cited", cited}, {"cited_by", cited_by}, {"task_states", task_states}});
    });
}

WebResponse WebApi::deadlines(const QueryParams& params, const std::string& format) const {
    return with_index([&] {
        DeadlineFilter filter;
        const std::string unit = param(params, "unit");
        if (unit.size() > kMaxQueryBytes || !valid_utf8(unit)) throw BadRequest("unit is too long or not UTF-8");
        if (!unit.empty()) filter.unit = unit;
        filter.from = date_param(params, "from");
        filter.to = date_param(params, "to");
        filter.overdue = param(params, "overdue") == "1";
        const std::string status = param(params, "status");
        if (!status.empty()) {
            if (!is_deadline_status(status)) {
                throw BadRequest("status must be overdue, due_soon, open, ongoing, in_progress, done, cancelled or archived");
            }
            filter.status = status;
        }
        const std::string sort = param(params, "sort");
        if (!sort.empty()) {
            if (!is_deadline_sort(sort)) throw BadRequest("sort must be due, latest, unit or document");
            filter.sort = sort;
        }
        // As `deadlines --limit`: 0 for all; the page says when rows were left out (total, total_exact).
        // A CSV or calendar download has no page to say it: it holds every task the filters select
        // unless it asks for a limit.
        const int default_limit = format == "json" ? static_cast<int>(kDefaultDeadlineLimit) : 0;
        const auto limit = static_cast<std::size_t>(int_param(params, "limit", default_limit, 0, 999999));
        auto today = date_param(params, "today");
        if (!today) today = local_today();
        if (!today) return error_response(500, "cannot read today's date from the system clock");

        const index::IndexSet index_set = open_selected_index(index_, config_);
        const auto location = task_state_location(index_, config_);
        const DeadlineListing listing = list_deadlines(index_set.database, location, filter, *today, aliases_, limit);
        const auto& rows = listing.rows;
        std::ostringstream body;
        WebResponse response;
        if (format == "csv") {
            // The page's download is for staff opening it in Excel: Chinese headers unless asked.
            const std::string headers = param(params, "headers");
            const auto language = headers.empty() ? std::optional(CsvHeaders::zh) : parse_csv_headers(headers);
            if (!language) throw BadRequest("headers must be zh or en");
            write_deadline_csv(body, rows, *language);
            response.content_type = "text/csv; charset=utf-8";
            response.headers.emplace_back("Content-Disposition", "attachment; filename=\"deadlines.csv\"");
        } else if (format == "ics") {
            IcsOptions ics;
            if (param(params, "ics_kind") == "todo") ics.kind = IcsOptions::Kind::todo;
            write_deadline_ics(body, rows, utc_stamp(), ics);
            response.content_type = "text/calendar; charset=utf-8";
            response.headers.emplace_back("Content-Disposition", "attachment; filename=\"deadlines.ics\"");
        } else {
            write_deadline_json(body, rows, RowCount{listing.total, listing.total_exact});
            json out = json::parse(body.str());
            out["today"] = today->iso();
            return json_response(out);
        }
        response.body = body.str();
        return response;
    });
}

WebResponse WebApi::task(const std::string& id) const {
    if (!index::is_task_id(id)) return error_response(404, "no such task");
    return with_index([&] {
        const auto location = task_state_location(index_, config_);
        const index::IndexSet index_set = open_selected_index(index_, config_);
        if (!location) return error_response(404, "no such task (a remote index keeps no task state)");
        const index::TaskStateStore store(*location, false);
        const auto found = find_task(index_set.database, store, id);
        if (!found) return error_response(404, "no such task " + id + " (task ids are in the deadline board)");
        return json_response(task_json(id, *found, store.history(id)));
    });
}

WebResponse WebApi::update_task(const std::string& id, const std::string& body, const std::string& user) const {
    if (!index::is_task_id(id)) return error_response(404, "no such task");
    return with_index([&] {
        const auto location = task_state_location(index_, config_);
        if (!location) return error_response(409, "task state is kept beside a local index; this server reads a remote one");
        const TaskUpdate update = [&] {
            TaskUpdate parsed = parse_task_update(body);
            parsed.user = user;
            return parsed;
        }();
        const index::IndexSet index_set = open_selected_index(index_, config_);
        index::TaskStateStore store(*location, true);
        const auto found = find_task(index_set.database, store, id);
        if (!found) return error_response(404, "no such task " + id + " (task ids are in the deadline board)");
        const index::TaskState written = apply_task_update(store, id, *found, update);
        FoundTask after = *found;
        after.state = written;
        return json_response(task_json(id, after, store.history(id)));
    });
}

WebResponse WebApi::original_file(const std::string& id) const {
    if (!is_document_id(id)) return error_response(404, "no such document");
    return with_index([&] {
        const index::IndexSet index_set = open_selected_index(index_, config_);
        const index::RecordReader records(index_set.database);
        const auto found = records.find(id);
        if (found.empty() || found.front().value("id", "") != id) return error_response(404, "no such document");
        const json& record = found.front();
        const std::string path = record.value("source", json::object()).value("path", "");
        std::ifstream in(path, std::ios::binary);
        if (path.empty() || !in) return error_response(404, "the original file of this document is no longer at " + path);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        WebResponse response;
        response.body = bytes.str();
        response.content_type = content_type_of(record, response.body);
        const std::string name = std::filesystem::path(path).filename().string();
        response.headers.emplace_back("Content-Disposition", "inline; filename*=UTF-8''" + percent_encoded(name));
        return response;
    });
}

}  // namespace gongwen::app
