// The task state database (see task_state.hpp).
#include "gongwen/index/task_state.hpp"

#include <chrono>
#include <thread>

#include <sqlite3.h>

namespace gongwen::index {
namespace {

// Version 1. The history refuses UPDATE and DELETE by trigger: it is a record of who changed what.
constexpr const char* kSchemaVersion1 = R"sql(
CREATE TABLE task_state (
  task_id    TEXT PRIMARY KEY,
  doc_key    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  done_on    TEXT,
  note       TEXT,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  doc_number TEXT,
  title      TEXT,
  task       TEXT NOT NULL,
  path       TEXT NOT NULL
);
CREATE INDEX task_state_doc ON task_state (doc_key, seq);
CREATE TABLE task_history (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id    TEXT NOT NULL REFERENCES task_state (task_id),
  status     TEXT NOT NULL,
  done_on    TEXT,
  note       TEXT,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX task_history_task ON task_history (task_id, id);
CREATE TRIGGER task_history_no_update BEFORE UPDATE ON task_history
  BEGIN SELECT RAISE(ABORT, 'task_history is append-only'); END;
CREATE TRIGGER task_history_no_delete BEFORE DELETE ON task_history
  BEGIN SELECT RAISE(ABORT, 'task_history is append-only'); END;
PRAGMA user_version = 1;
)sql";

// Version 2: the accounts of `serve` on a shared address (user_store.hpp). The lockout lives here,
// not in the server's memory, so that restarting the server does not reset it; `generation`
// grows with each password change and ends the sessions made with the old password.
constexpr const char* kSchemaVersion2 = R"sql(
CREATE TABLE users (
  name            TEXT PRIMARY KEY,
  role            TEXT NOT NULL CHECK (role IN ('viewer', 'editor')),
  password_hash   TEXT NOT NULL,
  generation      INTEGER NOT NULL DEFAULT 0,
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL
);
PRAGMA user_version = 2;
)sql";

std::optional<std::string> column_text(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    if (!text) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(text));
}

}  // namespace

struct TaskStateStore::Connection {
    sqlite3* handle = nullptr;
    std::filesystem::path file;

    ~Connection() { sqlite3_close_v2(handle); }

    [[noreturn]] void fail(const std::string& what) const {
        throw TaskStateError("task state " + file.string() + ": " + what + ": " + sqlite3_errmsg(handle));
    }
    void exec(const char* sql) const {
        if (sqlite3_exec(handle, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
    }

    // A prepared statement, finalized at scope exit.
    struct Statement {
        sqlite3_stmt* raw = nullptr;
        ~Statement() { sqlite3_finalize(raw); }
    };
    Statement prepare(const char* sql) const {
        Statement statement;
        if (sqlite3_prepare_v2(handle, sql, -1, &statement.raw, nullptr) != SQLITE_OK) fail("prepare");
        return statement;
    }
    void bind(Statement& statement, int index, const std::optional<std::string>& value) const {
        const int rc = value ? sqlite3_bind_text(statement.raw, index, value->c_str(), -1, SQLITE_TRANSIENT) : sqlite3_bind_null(statement.raw, index);
        if (rc != SQLITE_OK) fail("bind");
    }
    int user_version() const {
        Statement statement = prepare("PRAGMA user_version");
        return sqlite3_step(statement.raw) == SQLITE_ROW ? sqlite3_column_int(statement.raw, 0) : 0;
    }
};

bool is_task_status(std::string_view word) {
    return word == "open" || word == "in_progress" || word == "done" || word == "cancelled";
}

std::filesystem::path TaskStateStore::location_for(const std::filesystem::path& index) {
    const std::string text = index.string();
    if (text.starts_with("tcp://")) {
        throw TaskStateError("task state lives beside a local index; " + text + " is remote: pass --index with the local directory or stub file");
    }
    std::filesystem::path path = std::filesystem::absolute(index).lexically_normal();
    if (!path.has_filename()) path = path.parent_path();   // "/srv/idx/" → "/srv/idx"
    return path.parent_path() / (path.filename().string() + ".tasks.sqlite");
}

TaskStateStore::TaskStateStore(const std::filesystem::path& file, bool writable) : db_(std::make_unique<Connection>()) {
    db_->file = file;
    if (!writable && !std::filesystem::exists(file)) return;   // nothing recorded yet: every task is open
    const int flags = writable ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(file.c_str(), &db_->handle, flags, nullptr) != SQLITE_OK) db_->fail("cannot open");
    // Two writers (a CLI and the web page) wait for each other instead of failing at once.
    sqlite3_busy_timeout(db_->handle, 5000);
    const int version = db_->user_version();
    if (version > kTaskStateSchemaVersion) {
        throw TaskStateError("task state " + file.string() + " has schema version " + std::to_string(version) +
                             ", but this gongwen knows only up to version " + std::to_string(kTaskStateSchemaVersion) +
                             ": it was written by a newer gongwen; upgrade gongwen (the file is left untouched)");
    }
    db_->exec("PRAGMA foreign_keys = ON");
    if (!writable) return;
    // Two processes that open a new file at once race to turn on WAL, and the loser gets an I/O
    // error the busy handler does not wait out (seen in the concurrent-writers test): try again
    // for a moment, then report.
    for (int attempt = 0;; ++attempt) {
        if (sqlite3_exec(db_->handle, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr) == SQLITE_OK) break;
        if (attempt == 100) db_->fail("PRAGMA journal_mode = WAL");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    db_->exec("PRAGMA synchronous = NORMAL");   // WAL: durable at each checkpoint, never corrupt
    if (version < kTaskStateSchemaVersion) {
        // Each step checks the version again inside the transaction: another process may have
        // created or migrated the file meanwhile. A version-1 file keeps every row it had.
        db_->exec("BEGIN IMMEDIATE");
        try {
            if (db_->user_version() == 0) db_->exec(kSchemaVersion1);
            if (db_->user_version() == 1) db_->exec(kSchemaVersion2);
            db_->exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
}

TaskStateStore::~TaskStateStore() = default;

std::vector<TaskState> TaskStateStore::all() const {
    std::vector<TaskState> states;
    if (!db_->handle || db_->user_version() == 0) return states;
    auto statement = db_->prepare(
        "SELECT task_id, doc_key, seq, text, status, done_on, note, changed_by, changed_at, doc_number, title, task, path "
        "FROM task_state ORDER BY task_id");
    int rc;
    while ((rc = sqlite3_step(statement.raw)) == SQLITE_ROW) {
        TaskState state;
        state.task_id = column_text(statement.raw, 0).value_or("");
        state.doc_key = column_text(statement.raw, 1).value_or("");
        state.seq = sqlite3_column_int(statement.raw, 2);
        state.text = column_text(statement.raw, 3).value_or("");
        state.current.status = column_text(statement.raw, 4).value_or("open");
        state.current.done_on = column_text(statement.raw, 5);
        state.current.note = column_text(statement.raw, 6);
        state.current.changed_by = column_text(statement.raw, 7).value_or("");
        state.current.changed_at = column_text(statement.raw, 8).value_or("");
        state.doc_number = column_text(statement.raw, 9);
        state.title = column_text(statement.raw, 10);
        state.task = column_text(statement.raw, 11).value_or("");
        state.path = column_text(statement.raw, 12).value_or("");
        states.push_back(std::move(state));
    }
    if (rc != SQLITE_DONE) db_->fail("read task_state");
    return states;
}

std::optional<TaskState> TaskStateStore::find(const std::string& task_id) const {
    for (auto& state : all()) {
        if (state.task_id == task_id) return std::move(state);
    }
    return std::nullopt;
}

std::vector<TaskChange> TaskStateStore::history(const std::string& task_id) const {
    std::vector<TaskChange> changes;
    if (!db_->handle || db_->user_version() == 0) return changes;
    auto statement = db_->prepare("SELECT status, done_on, note, changed_by, changed_at FROM task_history WHERE task_id = ? ORDER BY id");
    db_->bind(statement, 1, task_id);
    int rc;
    while ((rc = sqlite3_step(statement.raw)) == SQLITE_ROW) {
        changes.push_back({column_text(statement.raw, 0).value_or(""), column_text(statement.raw, 1), column_text(statement.raw, 2),
                           column_text(statement.raw, 3).value_or(""), column_text(statement.raw, 4).value_or("")});
    }
    if (rc != SQLITE_DONE) db_->fail("read task_history");
    return changes;
}

void TaskStateStore::record(const TaskState& state) {
    if (!db_->handle) throw TaskStateError("task state " + db_->file.string() + " was opened read-only");
    if (!is_task_status(state.current.status)) throw TaskStateError("not a task status: " + state.current.status);
    db_->exec("BEGIN IMMEDIATE");
    try {
        auto upsert = db_->prepare(
            "INSERT INTO task_state (task_id, doc_key, seq, text, status, done_on, note, changed_by, changed_at, doc_number, title, task, path) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            "ON CONFLICT (task_id) DO UPDATE SET doc_key = ?2, seq = ?3, text = ?4, status = ?5, done_on = ?6, note = ?7, "
            "changed_by = ?8, changed_at = ?9, doc_number = ?10, title = ?11, task = ?12, path = ?13");
        db_->bind(upsert, 1, state.task_id);
        db_->bind(upsert, 2, state.doc_key);
        if (sqlite3_bind_int(upsert.raw, 3, state.seq) != SQLITE_OK) db_->fail("bind");
        db_->bind(upsert, 4, state.text);
        db_->bind(upsert, 5, state.current.status);
        db_->bind(upsert, 6, state.current.done_on);
        db_->bind(upsert, 7, state.current.note);
        db_->bind(upsert, 8, state.current.changed_by);
        db_->bind(upsert, 9, state.current.changed_at);
        db_->bind(upsert, 10, state.doc_number);
        db_->bind(upsert, 11, state.title);
        db_->bind(upsert, 12, state.task);
        db_->bind(upsert, 13, state.path);
        if (sqlite3_step(upsert.raw) != SQLITE_DONE) db_->fail("write task_state");
        auto append = db_->prepare("INSERT INTO task_history (task_id, status, done_on, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)");
        db_->bind(append, 1, state.task_id);
        db_->bind(append, 2, state.current.status);
        db_->bind(append, 3, state.current.done_on);
        db_->bind(append, 4, state.current.note);
        db_->bind(append, 5, state.current.changed_by);
        db_->bind(append, 6, state.current.changed_at);
        if (sqlite3_step(append.raw) != SQLITE_DONE) db_->fail("append task_history");
        db_->exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace gongwen::index
