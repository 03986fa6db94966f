// gongwen: ingest government documents and search them offline. This file only wires the CLI.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "worker_process.hpp"

#if !GONGWEN_FULL_PROGRAM
namespace {

// The commands that read files, serve the page or manage its accounts run in gongwen-full (see apps/gongwen/CMakeLists.txt):
// the same arguments, the same process, only the program image replaced.
int exec_full_program(char** argv) {
    const std::filesystem::path full = gongwen::app::executable_directory() / "gongwen-full";
    ::execv(full.c_str(), argv);
    std::cerr << "gongwen: cannot start " << full.string() << " (it runs ingest, watch, extract, serve and user): "
              << std::strerror(errno) << "; reinstall gongwen (cmake --install) so that it sits next to this program\n";
    return gongwen::app::kFatal;
}

}  // namespace
#endif

int main(int argc, char** argv) {
    using namespace gongwen::app;
    // Parallelism comes from worker processes (--jobs), one Tesseract engine each: OpenMP threads
    // inside Tesseract would only fight them for the cores. Set before any plugin (and with it
    // libgomp, which reads the variable once when it loads) is loaded; an explicit value wins.
    ::setenv("OMP_THREAD_LIMIT", "1", 0);
    CLI::App app{"gongwen — index Chinese government documents (公文) and search their clauses offline.\n"
                 "Config: --config FILE, else $GONGWEN_CONFIG, else the installed config/gongwen.toml."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "gongwen 0.1.0");
    GlobalOptions global;
    app.add_option("--config", global.config_file, "Configuration file (TOML)")->check(CLI::ExistingFile);
    app.add_flag("-v,--verbose", global.verbose, "Print plugin diagnostics");

    IngestOptions ingest;
    auto* ingest_cmd = app.add_subcommand("ingest", "Index files and folders (recursively). Unchanged files are skipped.\n"
                                                    "A run that changed at least index.compact_after_percent (default 10)\n"
                                                    "percent of the index compacts it at the end (about half the size).\n"
                                                    "Exit status: 0 all indexed, 2 some files rejected, 1 fatal error.");
    ingest_cmd->add_option("--index", ingest.index, "Index directory (default: index.path from config)");
    ingest_cmd->add_option("-j,--jobs", ingest.jobs, "Worker threads (default: ingest.jobs, 0 = number of cores)")
        ->check(CLI::NonNegativeNumber);
    ingest_cmd->add_flag("--json", ingest.json, "Print progress and the summary as JSON lines on stdout");
    ingest_cmd->add_flag("--prune", ingest.prune, "Remove entries of indexed files that no longer exist");
    ingest_cmd->add_flag("--re-ocr", ingest.re_ocr, "Re-extract every file and OCR its pages again instead of using cached OCR results");
    ingest_cmd->add_option("--shard", ingest.shard, "K/N: index only the files of shard K of N (split by content id), e.g. 2/3");
    ingest_cmd->add_option("--wait", ingest.wait_seconds,
                           "If another gongwen (watch, compact, ingest) is writing the index, wait up to this many seconds\n"
                           "for it to finish instead of stopping at once (default 0)")
        ->check(CLI::Range(0.0, 86400.0));
    ingest_cmd->add_option("paths", ingest.paths, "Files and folders to index")->required();
    ingest_cmd->footer("Example:\n  gongwen ingest --index ~/gongwen-index ~/公文/2023\n");

    WatchOptions watch;
    auto* watch_cmd = app.add_subcommand(
        "watch", "Keep the index up to date with folders (Linux inotify): new and changed files are ingested,\n"
                 "deleted and moved-away files are pruned, with ingest's workers, limits and log lines.\n"
                 "Starts with one incremental ingest of the folders (what changed while nobody watched), then\n"
                 "watches them and every subfolder, new ones too. A file is taken once its size and mtime have\n"
                 "not changed for --settle seconds, so a file copied slowly is ingested once, complete.\n"
                 "The index is locked only while a batch is written: a `gongwen compact` meanwhile makes the\n"
                 "files wait, they are written when it is done. If the kernel drops events (queue overflow)\n"
                 "the folders are walked again. Ctrl-C or SIGTERM: the batch in progress is committed, then exit 0.");
    watch_cmd->add_option("--index", watch.index, "Index directory (default: index.path from config)");
    watch_cmd->add_option("-j,--jobs", watch.jobs, "Worker processes per batch (default: ingest.jobs, 0 = number of cores)")
        ->check(CLI::NonNegativeNumber);
    watch_cmd->add_option("--settle", watch.settle_seconds, "Seconds a file must stay unchanged before it is taken (default 2)")
        ->check(CLI::Range(0.0, 3600.0));
    watch_cmd->add_option("folders", watch.folders, "Folders to watch (recursively)")->required()->check(CLI::ExistingDirectory);
    watch_cmd->footer("Example:\n  gongwen watch --index ~/gongwen-index ~/公文/收文\n");

    SearchOptions search;
    auto* search_cmd = app.add_subcommand("search", "Search clauses; results are grouped per document.");
    search_cmd->add_option("--index", search.index, "Index directory (default: index.path from config)");
    search_cmd->add_option("-n,--limit", search.limit, "Documents to show (default: search.limit from config)")
        ->check(CLI::PositiveNumber);
    search_cmd->add_flag("--json", search.json, "Print results (and facets: counts by issuer, year, 文种) as one JSON object");
    search_cmd->add_option("--sort", search.sort, "Order of documents: relevance (default) or date (newest signed date first)")
        ->check(CLI::IsMember({"relevance", "date"}));
    search_cmd->add_option("--rank-window", search.rank_window,
                           "Rank only the most recently ingested documents holding about N matches when a query matches more "
                           "(total and facets are then estimated, --json says ranked_fraction; 0: rank every match; default: search.rank_window "
                           "from config, 2000)")
        ->check(CLI::NonNegativeNumber);
    search_cmd->add_option("query", search.query_words, "The query")->required();
    search_cmd->footer(
        "Query language:\n"
        "  异地就医直接结算          Chinese text, no spaces needed: its words must all occur in one clause\n"
        "                            (each as written); the text as one phrase ranks first, then all words in\n"
        "                            one clause, then documents whose words are spread over clauses\n"
        "  \"推行部门联合抽查\"        quotes: an exact phrase (also “…”)\n"
        "  医保 结算                 space-separated parts (or AND) must all match\n"
        "  医保 OR 社保              either part; AND binds tighter than OR; ( ) group\n"
        "  医保 -生育, 医保 NOT 生育  exclude documents containing the part\n"
        "  苏政办发[2019]12号        a doc number in any bracket style (〔〕 [] ［］ () （）, spaces before 号)\n"
        "                            or none (苏政办发2019年12号, 苏政办发2019 12号):\n"
        "                            the document that carries it first, then documents citing it\n"
        "Field filters (combine with text and each other; a leading - excludes):\n"
        "  文号:国发〔2019〕5号       the document's own number, any bracket style; 文号:国办发 = every number of that 机关代字\n"
        "  机关:国务院办公厅         an issuer containing the name (joint issuers each count)\n"
        "  文种:意见                 the 文种 of the title (通知, 意见, 决定, 通报, 批复, 函, …; also 复函, 答复)\n"
        "  年份:2019  年份:2015..2018  年份:2015-2018   signed date's year, else the doc number's\n"
        "  引用:国办发〔2019〕3号     documents citing that number\n"
        "  单位:省发展改革委         documents with tasks assigned to that unit\n"
        "Aliases: names in the alias file ([search] aliases, config/aliases.toml) are expanded at query time:\n"
        "  人社局 also finds 人力资源和社会保障局, 机关:市发改委 also 市发展和改革委员会.\n"
        "When no document has every word of a plain-words query (no quotes, -, NOT or filters), the documents\n"
        "with some of the words follow, most first (--json: \"some_words\": {total, results}; \"total\" stays 0).\n"
        "Snippets mark matches with <mark> in --json (text HTML-escaped) and with colour or 【】 on the terminal.\n"
        "Exit status: 0 results printed (also when none match), 1 bad query, alias file or index.\n");

    ExtractOptions extract;
    auto* extract_cmd = app.add_subcommand("extract", "Run the pipeline on one file and print its record (no index is touched).");
    extract_cmd->add_option("file", extract.file, "The file")->required();
    extract_cmd->add_flag("--json", extract.json, "Print the full record as JSON");
    extract_cmd->add_option("-j,--jobs", extract.jobs, "Cores for recognising scanned pages in parallel (default: ingest.jobs, 0 = number of cores)")
        ->check(CLI::NonNegativeNumber);

    PluginsOptions plugins;
    auto* plugins_cmd = app.add_subcommand("plugins", "List loaded plugins and the files that were refused, with the reason.");
    plugins_cmd->add_flag("--json", plugins.json, "Print as JSON");

    DeadlinesOptions deadlines;
    auto* deadlines_cmd = app.add_subcommand(
        "deadlines", "List the tasks of responsibility tables in the index, by due date, with their status.\n"
                     "Status: overdue, due_soon (within 14 days), open, ongoing, or done / cancelled as recorded by\n"
                     "`gongwen task` (a done task is never overdue). The table also shows 已完成 / 逾期 / 即将到期 /\n"
                     "进行中 / 长期 and each task's ID for `gongwen task`.\n"
                     "A 20-year archive holds millions of tasks nobody marked done, nearly all overdue: the listing\n"
                     "stops at --limit rows (default " + std::to_string(kDefaultDeadlineLimit) + ") and then says on stderr how many it left out;\n"
                     "--overdue --sort latest puts the most recently overdue first. Exit status: 0 listed, 1 fatal error.");
    deadlines_cmd->add_option("--index", deadlines.index, "Index directory (default: index.path from config)");
    deadlines_cmd->add_option("--unit", deadlines.unit, "Only tasks naming this unit anywhere in their list, through config/aliases.toml (市发改委 = 市发展和改革委员会)");
    deadlines_cmd->add_option("--from", deadlines.from, "Only tasks due on or after DATE (YYYY-MM-DD)");
    deadlines_cmd->add_option("--to", deadlines.to, "Only tasks due on or before DATE (YYYY-MM-DD)");
    deadlines_cmd->add_flag("--overdue", deadlines.overdue, "Only overdue tasks");
    deadlines_cmd->add_option("--today", deadlines.today, "The date statuses are relative to (default: today)");
    deadlines_cmd->add_option("--format", deadlines.format, "table, json, csv (UTF-8 with BOM, for Excel/WPS) or ics (RFC 5545)")
        ->check(CLI::IsMember({"table", "json", "csv", "ics"}));
    deadlines_cmd->add_option("--headers", deadlines.headers,
                              "CSV header row: zh (文号, 任务, 责任单位, 完成时限 …) or en (the JSON names); "
                              "default zh when the locale is Chinese, else en")
        ->check(CLI::IsMember({"zh", "en"}));
    deadlines_cmd->add_option("--ics-kind", deadlines.ics_kind,
                              "event (default: all-day events with a reminder, which every calendar shows) or todo "
                              "(VTODO, for task apps)")
        ->check(CLI::IsMember({"event", "todo"}));
    deadlines_cmd->add_option("--alarm-days", deadlines.alarm_days,
                              "ICS events remind at 09:00 this many days before the due day (default 1; 0: no reminder)")
        ->check(CLI::Range(0, 365));
    deadlines_cmd->add_option("--status", deadlines.status,
                              "Only tasks with this status: overdue, due_soon, open, ongoing (relative to --today; never a done "
                              "or cancelled task), or in_progress, done, cancelled (as recorded by `gongwen task`), or archived (tasks "
                              "whose document left the index, e.g. after `ingest --prune`: their state is kept and comes back with "
                              "the document)")
        ->check(CLI::IsMember({"open", "in_progress", "done", "cancelled", "overdue", "due_soon", "ongoing", "archived"}));
    deadlines_cmd->add_flag("--include-done", deadlines.include_done,
                            "ICS: keep done and cancelled tasks (as STATUS:CANCELLED events, COMPLETED to-dos); left out by default");
    deadlines_cmd->add_option("--sort", deadlines.sort,
                              "due (default: soonest due first, so the oldest overdue task on top), latest (latest due first: "
                              "the most recently overdue on top; both list tasks without a due date last), unit (lead unit first) or document")
        ->check(CLI::IsMember({"due", "latest", "unit", "document"}));
    deadlines_cmd->add_option("--limit", deadlines.limit,
                              "Show the first N tasks of the sorted list (default " + std::to_string(kDefaultDeadlineLimit) +
                                  "; 0: all). When tasks are left out, stderr says how many there are. --overdue with --sort due "
                                  "or latest, and the listing of every task by --sort due, read only the tasks they show (and one "
                                  "pass over the due dates), not every task")
        ->check(CLI::NonNegativeNumber);
    deadlines_cmd->footer("Examples:\n  gongwen deadlines --unit 市发改委 --overdue\n"
                          "  gongwen deadlines --overdue --sort latest --limit 50   # the 50 most recently overdue\n"
                          "  gongwen deadlines --from 2023-07-01 --to 2023-09-30 --format ics > q3.ics\n"
                          "  gongwen deadlines --format csv --headers zh > 任务.csv\n");

    TaskOptions task;
    auto* task_cmd = app.add_subcommand(
        "task", "Record the state of one task (from `gongwen deadlines`) or show it with its history.\n"
                "  done    mark done (done date: --date, default today)\n"
                "  start   mark in progress\n"
                "  reopen  mark open again\n"
                "  cancel  mark cancelled (no longer to be done; never overdue)\n"
                "  show    the task, its document, its state and every change\n"
                "State is kept in INDEX.tasks.sqlite beside the index directory (never in the index), with who\n"
                "changed it and when; it survives re-ingest, compaction, re-OCR and moving the file.\n"
                "Exit status: 0 done, 1 unknown task id or fatal error.");
    task_cmd->add_option("action", task.action, "done, start, reopen, cancel or show")
        ->required()
        ->check(CLI::IsMember({"done", "start", "reopen", "cancel", "show"}));
    task_cmd->add_option("task_id", task.task_id, "The task's ID (12 hex digits: the ID column of `gongwen deadlines`)")->required();
    task_cmd->add_option("--index", task.index, "Index directory (default: index.path from config)");
    task_cmd->add_option("--note", task.note, "A note kept with the state (without it, the last note stays)");
    task_cmd->add_option("--date", task.date, "With done: the day it was done, YYYY-MM-DD (default today)");
    task_cmd->footer("Examples:\n  gongwen deadlines --unit 市发改委          # the ID column names each task\n"
                     "  gongwen task done 3f9a0c2d1e4b --note \"已报送市政府\"\n"
                     "  gongwen task show 3f9a0c2d1e4b\n");

    UserOptions user;
    auto* user_cmd = app.add_subcommand(
        "user", "Manage the accounts of `gongwen serve`. On 127.0.0.1 (the default) the page needs no login; bound\n"
                "to any other address it asks every visitor to sign in, with one of these accounts.\n"
                "Roles: viewer (reads everything, changes nothing) and editor (may also mark tasks done, reopen\n"
                "them, …; every change is recorded with the name). Accounts live in INDEX.tasks.sqlite beside the\n"
                "index, passwords only as Argon2id hashes. After 10 wrong passwords an account is locked for\n"
                "`serve --lockout-minutes` (default 15); `user unlock` or `user passwd` ends it sooner.\n"
                "Exit status: 0 done, 1 error (unknown or duplicate name, empty or short password, …).");
    user_cmd->require_subcommand(1);
    user_cmd->add_option("--index", user.index, "Index directory whose server the accounts are for (default: index.path from config)");
    auto* user_add = user_cmd->add_subcommand("add", "Add an account; the password is typed twice on the terminal (or --password-stdin)");
    user_add->add_option("name", user.name, "The user name (1–64 characters, no spaces)")->required();
    user_add->add_option("--role", user.role, "viewer (default: read only) or editor (may change task state)")
        ->check(CLI::IsMember({"viewer", "editor"}));
    user_add->add_flag("--password-stdin", user.password_stdin, "Read the password as one line from standard input (scripts)");
    auto* user_list = user_cmd->add_subcommand("list", "List the accounts with their role and whether they are locked");
    user_list->add_flag("--json", user.json, "Print as JSON");
    auto* user_remove = user_cmd->add_subcommand("remove", "Remove an account; its sessions end at their next request");
    user_remove->add_option("name", user.name, "The user name")->required();
    auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a new password; ends the account's sessions and its lockout");
    user_passwd->add_option("name", user.name, "The user name")->required();
    user_passwd->add_flag("--password-stdin", user.password_stdin, "Read the password as one line from standard input (scripts)");
    auto* user_role = user_cmd->add_subcommand("role", "Change an account's role");
    user_role->add_option("name", user.name, "The user name")->required();
    user_role->add_option("role", user.role, "viewer or editor")->required()->check(CLI::IsMember({"viewer", "editor"}));
    auto* user_unlock = user_cmd->add_subcommand("unlock", "End an account's lockout after too many wrong passwords");
    user_unlock->add_option("name", user.name, "The user name")->required();
    for (auto* sub : {user_add, user_list, user_remove, user_passwd, user_role, user_unlock}) {
        sub->add_option("--index", user.index, "Index directory whose server the accounts are for (default: index.path from config)");
    }
    user_cmd->footer("Examples:\n  gongwen user add wang --role editor          # asks for the password twice\n"
                     "  printf '%s\\n' \"$PW\" | gongwen user add li --password-stdin\n"
                     "  gongwen user list\n  gongwen user passwd wang\n  gongwen serve --host 0.0.0.0   # now asks for a login\n");

    CompactOptions compact;
    auto* compact_cmd = app.add_subcommand("compact", "Compact the index with Xapian's compactor (smaller, faster to search).\n"
                                                      "In place by default (atomic swap); takes the index's write lock.");
    compact_cmd->add_option("--index", compact.index, "Index directory (default: index.path from config)");
    compact_cmd->add_option("-o,--output", compact.output, "Write the compacted index here (new or empty directory) and leave the index as it is");
    compact_cmd->add_option("--wait", compact.wait_seconds,
                            "If another gongwen (ingest, watch) is writing the index, wait up to this many seconds\n"
                            "for it to finish instead of stopping at once (default 0)")
        ->check(CLI::Range(0.0, 86400.0));
    compact_cmd->add_flag("--json", compact.json, "Print sizes as one JSON object");

    ShowOptions show;
    auto* show_cmd = app.add_subcommand("show", "Print every field of one indexed document (its stored record).\n"
                                                "Exit status: 0 shown, 1 not found, ambiguous or no index.");
    show_cmd->add_option("--index", show.index, "Index directory (default: index.path from config)");
    show_cmd->add_flag("--json", show.json, "Print the stored record as JSON (the `extract --json` record)");
    show_cmd->add_option("document", show.document, "Document id, file path as ingested, or doc number")->required();
    show_cmd->footer("Examples:\n  gongwen show 3f9a0c2d1e4b5a67\n  gongwen show 国办发〔2019〕6号\n  gongwen show ~/公文/2019/国办发6号.pdf\n");

    ServeOptions serve;
    auto* serve_cmd = app.add_subcommand("serve", "Serve a local web page over the index: search, document view, deadline board.\n"
                                                  "Binds to 127.0.0.1 unless --host says otherwise. On loopback there is no login and\n"
                                                  "changes (task done, reopen, …) are recorded as the OS user; on any other address every\n"
                                                  "page and API asks for a login (accounts: `gongwen user add`), viewers only read and editors\n"
                                                  "may change task state. Behind an HTTPS reverse proxy pass --trust-proxy.");
    serve_cmd->add_option("--index", serve.index, "Index directory (default: index.path from config)");
    serve_cmd->add_option("--host", serve.host, "Address to listen on (default 127.0.0.1, no login; any other, e.g. 0.0.0.0, asks for a login: see `gongwen user`)");
    serve_cmd->add_option("-p,--port", serve.port, "Port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
    serve_cmd->add_option("--watch", serve.watch,
                          "Also watch this folder (repeatable) and keep the index up to date with it, as `gongwen watch` does")
        ->check(CLI::ExistingDirectory);
    serve_cmd->add_option("--settle", serve.settle_seconds, "With --watch: seconds a file must stay unchanged before it is taken (default 2)")
        ->check(CLI::Range(0.0, 3600.0));
    serve_cmd->add_flag("--trust-proxy", serve.trust_proxy,
                        "Believe the X-Forwarded-Proto header of a reverse proxy (nginx) in front: over HTTPS the session "
                        "cookie is marked Secure. Only when a proxy you run is the only way in");
    serve_cmd->add_option("--lockout-minutes", serve.lockout_minutes, "Minutes an account stays locked after 10 wrong passwords (default 15)")
        ->check(CLI::Range(1, 7 * 24 * 60));
    serve_cmd->add_option("--session-hours", serve.session_hours, "Hours a sign-in lasts (default 12)")->check(CLI::Range(1, 24 * 90));
    serve_cmd->footer("Examples:\n  gongwen serve --index ~/gongwen-index   # then open http://127.0.0.1:8080/\n"
                      "  gongwen serve --index ~/gongwen-index --watch ~/公文/收文   # page and watch folder in one process\n"
                      "  gongwen user add wang --role editor && gongwen serve --host 0.0.0.0   # shared: asks for a login\n");

    // Internal: the extraction worker process that `ingest` starts (see worker_process.hpp).
    auto* worker_cmd = app.add_subcommand("worker", "")->group("");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int status = app.exit(error);
        return status == 0 ? kSuccess : kFatal;
    }
#if GONGWEN_FULL_PROGRAM
    if (*ingest_cmd) return run_ingest(ingest, global);
    if (*watch_cmd) return run_watch(watch, global);
    if (*extract_cmd) return run_extract(extract, global);
    if (*serve_cmd) return run_serve(serve, global);
    if (*worker_cmd) return run_worker(global);
    if (*user_cmd) {
        for (auto* sub : user_cmd->get_subcommands()) user.action = sub->get_name();
        return run_user(user, global);
    }
#else
    if (*ingest_cmd || *watch_cmd || *extract_cmd || *serve_cmd || *worker_cmd || *user_cmd) return exec_full_program(argv);
#endif
    if (*search_cmd) return run_search(search, global);
    if (*plugins_cmd) return run_plugins(plugins, global);
    if (*deadlines_cmd) return run_deadlines(deadlines, global);

    if (*task_cmd) return run_task(task, global);
    if (*compact_cmd) return run_compact(compact, global);
    if (*show_cmd) return run_show(show, global);
    return kFatal;
}
