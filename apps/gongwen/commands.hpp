// The subcommands of the gongwen program and their options.
#pragma once

#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "app_context.hpp"
#include "deadline_view.hpp"
#include "gongwen/index/aliases.hpp"

namespace gongwen::app {

struct IngestOptions {
    std::optional<std::filesystem::path> index;
    std::optional<int> jobs;
    bool json = false;
    bool prune = false;
    bool re_ocr = false;
    std::optional<std::string> shard;   ///< "K/N": index only this shard's files
    double wait_seconds = 0;   ///< how long a lock held by another writer is waited for
    std::vector<std::filesystem::path> paths;
};

struct WatchOptions {
    std::optional<std::filesystem::path> index;
    std::optional<int> jobs;
    double settle_seconds = 2.0;   ///< a file is taken once its size and mtime are this long unchanged
    std::vector<std::filesystem::path> folders;
};

struct SearchOptions {
    std::optional<std::filesystem::path> index;
    std::optional<int> limit;
    bool json = false;
    std::string sort = "relevance";   ///< relevance | date
    std::optional<long long> rank_window;   ///< default search.rank_window
    std::vector<std::string> query_words;
};

struct ExtractOptions {
    std::filesystem::path file;
    bool json = false;
    std::optional<int> jobs;   ///< cores for the pages of the file (OCR); default ingest.jobs, 0 = all
};

struct PluginsOptions {
    bool json = false;
};

struct DeadlinesOptions {
    std::optional<std::filesystem::path> index;
    std::optional<std::string> unit;
    std::optional<std::string> from, to, today;   ///< YYYY-MM-DD
    bool overdue = false;
    std::string format = "table";                 ///< table | json | csv | ics
    std::string sort = "due";                     ///< due | latest | unit | document
    std::size_t limit = kDefaultDeadlineLimit;    ///< rows shown, after filtering and sorting; 0 for all
    std::optional<std::string> headers;           ///< CSV header language: zh | en (default from the locale)
    std::string ics_kind = "event";               ///< event | todo
    int alarm_days = 1;                           ///< ICS reminder N days before; 0 for none
    std::optional<std::string> status;            ///< see DeadlineFilter::status
    bool include_done = false;                    ///< ICS: keep done and cancelled tasks
};

struct TaskOptions {
    std::optional<std::filesystem::path> index;
    std::string action;                           ///< done | start | reopen | cancel | show
    std::string task_id;
    std::optional<std::string> note;
    std::optional<std::string> date;              ///< YYYY-MM-DD, the done date (default today)
};

struct UserOptions {
    std::optional<std::filesystem::path> index;
    std::string action;          ///< add | list | remove | passwd | role | unlock
    std::string name;
    std::string role = "viewer"; ///< viewer | editor
    bool password_stdin = false;
    bool json = false;           ///< list
};

struct CompactOptions {
    std::optional<std::filesystem::path> index;
    std::optional<std::filesystem::path> output;
    double wait_seconds = 0;   // how long a lock held by another writer is waited for
    bool json = false;
};

struct ShowOptions {
    std::optional<std::filesystem::path> index;
    bool json = false;
    std::string document;   ///< document id, ingested file path or doc number
};

int run_ingest(const IngestOptions& options, const GlobalOptions& global);
int run_watch(const WatchOptions& options, const GlobalOptions& global);
/// The loop of `watch` until `stop` is requested (also run on a thread by `serve --watch`).
int watch_folders(const WatchOptions& options, const GlobalOptions& global, std::stop_token stop);
int run_search(const SearchOptions& options, const GlobalOptions& global);
int run_extract(const ExtractOptions& options, const GlobalOptions& global);
int run_plugins(const PluginsOptions& options, const GlobalOptions& global);
struct ServeOptions {
    std::optional<std::filesystem::path> index;
    std::string host = "127.0.0.1";
    int port = 8080;   ///< 0: any free port (printed on start)
    std::vector<std::filesystem::path> watch;   ///< folders kept ingested while serving (--watch)
    double settle_seconds = 2.0;                ///< --settle of the watcher
    bool trust_proxy = false;                   ///< honour X-Forwarded-Proto: https (cookies get Secure)
    int lockout_minutes = 15;                   ///< an account is locked this long after kMaxFailedLogins wrong passwords
    int session_hours = 12;                     ///< a sign-in lasts this long
};

int run_serve(const ServeOptions& options, const GlobalOptions& global);
int run_deadlines(const DeadlinesOptions& options, const GlobalOptions& global);

int run_compact(const CompactOptions& options, const GlobalOptions& global);
int run_show(const ShowOptions& options, const GlobalOptions& global);
int run_task(const TaskOptions& options, const GlobalOptions& global);
int run_user(const UserOptions& options, const GlobalOptions& global);

}  // namespace gongwen::app
