// The JSON API behind `gongwen serve`, free of HTTP: each endpoint takes the query parameters
// and returns a status, a content type and a body. Every call opens the index afresh (read-only),
// so concurrent requests share nothing and each sees the latest commit of a running ingest.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/core/config.hpp"
#include "gongwen/index/aliases.hpp"

namespace gongwen::app {

using QueryParams = std::map<std::string, std::string>;

struct WebResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// A note on a task, in bytes.
inline constexpr std::size_t kMaxNoteBytes = 2000;

/// Bounds on what a request may ask, so no request can make the server do unbounded work.
inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr int kMaxResults = 100;

class WebApi {
public:
    /// `index`: the --index flag (a directory, stub file or tcp://HOST:PORT), else the config's
    /// shards or path, opened as every reading command opens it (index_selection.hpp).
    /// Throws index::AliasError when the config's alias file cannot be read.
    WebApi(std::optional<std::filesystem::path> index, core::Config config);

    /// /api/search?q=…&limit=N&sort=relevance|date: the JSON of `search --json` (with facets and
    /// the shard status "partial", "missing_shards"); each
    /// result also carries "document": {"issuers", "doc_type"} from its stored record.
    WebResponse search(const QueryParams& params) const;
    /// /api/doc/{id}: {"record": the stored record, "cited": [{"doc_number", "title", "doc_id"|null}],
    /// "cited_by": [{"doc_id", "doc_number", "title"}], "task_states": [{"index", "seq", "task_id",
    /// "state", "done_on", "note", "changed_by"}] (one per task of the record, in its order)}.
    WebResponse document(const std::string& id) const;
    /// /api/deadlines?unit=&status=&from=&to=&overdue=1&sort=&today= in format json | csv | ics.
    WebResponse deadlines(const QueryParams& params, const std::string& format) const;
    /// /file/{id}: the original file of an indexed document, never any other file.
    WebResponse original_file(const std::string& id) const;
    /// GET /api/tasks/{id}: {"task_id", "archived", "state", "done_on", "note", "changed_by",
    /// "changed_at", "task", "doc_number", "title", "doc_id", "history": [{"status", "done_on",
    /// "note", "changed_by", "changed_at"}, oldest first]}. 404 for an unknown id.
    WebResponse task(const std::string& id) const;
    /// POST /api/tasks/{id} with `body` {"action": "done|start|reopen|cancel", "note": "…",
    /// "date": "YYYY-MM-DD"} (note and date optional; date with done only, default today): the
    /// change `gongwen task` makes, recorded as `user`. Answers as task(). 400 for a bad body.
    WebResponse update_task(const std::string& id, const std::string& body, const std::string& user) const;

private:
    std::optional<std::filesystem::path> index_;
    core::Config config_;
    index::AliasTable aliases_;
};

/// A document id as the index writes it: 1–64 lowercase hex digits. Anything else is never looked up.
bool is_document_id(const std::string& text);

}  // namespace gongwen::app
