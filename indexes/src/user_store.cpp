// The accounts of `gongwen serve` (see user_store.hpp).
#include "gongwen/index/user_store.hpp"

#include <sqlite3.h>

namespace gongwen::index {

struct UserStore::Connection {
    sqlite3* handle = nullptr;
    std::filesystem::path file;

    ~Connection() { sqlite3_close_v2(handle); }

    [[noreturn]] void fail(const std::string& what) const {
        throw TaskStateError("users in " + file.string() + ": " + what + ": " + sqlite3_errmsg(handle));
    }
    struct Statement {
        sqlite3_stmt* raw = nullptr;
        ~Statement() { sqlite3_finalize(raw); }
    };
    Statement prepare(const char* sql) const {
        Statement statement;
        if (sqlite3_prepare_v2(handle, sql, -1, &statement.raw, nullptr) != SQLITE_OK) fail("prepare");
        return statement;
    }
    void bind(Statement& statement, int index, const std::string& value) const {
        if (sqlite3_bind_text(statement.raw, index, value.c_str(), -1, SQLITE_TRANSIENT) != SQLITE_OK) fail("bind");
    }
    void bind(Statement& statement, int index, std::int64_t value) const {
        if (sqlite3_bind_int64(statement.raw, index, value) != SQLITE_OK) fail("bind");
    }
    /// Runs a statement that returns no rows; the number of rows it changed.
    int run(Statement& statement) const {
        if (sqlite3_step(statement.raw) != SQLITE_DONE) fail("write users");
        return sqlite3_changes(handle);
    }
};

namespace {

std::string text_at(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text ? reinterpret_cast<const char*>(text) : "";
}

constexpr const char* kSelect = "SELECT name, role, password_hash, generation, failed_logins, locked_until, created_at FROM users";

UserAccount account_at(sqlite3_stmt* statement) {
    return {text_at(statement, 0), text_at(statement, 1), text_at(statement, 2), sqlite3_column_int64(statement, 3),
            sqlite3_column_int(statement, 4), sqlite3_column_int64(statement, 5), text_at(statement, 6)};
}

}  // namespace

bool is_user_role(const std::string& word) { return word == "viewer" || word == "editor"; }

UserStore::UserStore(const std::filesystem::path& file) : db_(std::make_unique<Connection>()) {
    db_->file = file;
    // The task state store creates the file or migrates it to the schema with the users table.
    { TaskStateStore schema(file, true); }
    if (sqlite3_open_v2(file.c_str(), &db_->handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) db_->fail("cannot open");
    sqlite3_busy_timeout(db_->handle, 5000);
}

UserStore::~UserStore() = default;

std::vector<UserAccount> UserStore::all() const {
    auto statement = db_->prepare((std::string(kSelect) + " ORDER BY name").c_str());
    std::vector<UserAccount> accounts;
    int rc;
    while ((rc = sqlite3_step(statement.raw)) == SQLITE_ROW) accounts.push_back(account_at(statement.raw));
    if (rc != SQLITE_DONE) db_->fail("read users");
    return accounts;
}

std::optional<UserAccount> UserStore::find(const std::string& name) const {
    auto statement = db_->prepare((std::string(kSelect) + " WHERE name = ?").c_str());
    db_->bind(statement, 1, name);
    const int rc = sqlite3_step(statement.raw);
    if (rc == SQLITE_ROW) return account_at(statement.raw);
    if (rc != SQLITE_DONE) db_->fail("read users");
    return std::nullopt;
}

bool UserStore::add(const UserAccount& account) {
    if (!is_user_role(account.role)) throw TaskStateError("not a role: " + account.role + " (viewer or editor)");
    auto statement = db_->prepare("INSERT OR IGNORE INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
    db_->bind(statement, 1, account.name);
    db_->bind(statement, 2, account.role);
    db_->bind(statement, 3, account.password_hash);
    db_->bind(statement, 4, account.created_at);
    return db_->run(statement) == 1;
}

bool UserStore::remove(const std::string& name) {
    auto statement = db_->prepare("DELETE FROM users WHERE name = ?");
    db_->bind(statement, 1, name);
    return db_->run(statement) == 1;
}

bool UserStore::set_password(const std::string& name, const std::string& password_hash) {
    auto statement = db_->prepare(
        "UPDATE users SET password_hash = ?, generation = generation + 1, failed_logins = 0, locked_until = 0 WHERE name = ?");
    db_->bind(statement, 1, password_hash);
    db_->bind(statement, 2, name);
    return db_->run(statement) == 1;
}

bool UserStore::set_role(const std::string& name, const std::string& role) {
    if (!is_user_role(role)) throw TaskStateError("not a role: " + role + " (viewer or editor)");
    auto statement = db_->prepare("UPDATE users SET role = ? WHERE name = ?");
    db_->bind(statement, 1, role);
    db_->bind(statement, 2, name);
    return db_->run(statement) == 1;
}

std::optional<UserAccount> UserStore::record_failure(const std::string& name, std::int64_t now, int max_failures, std::int64_t lock_seconds) {
    // One statement: two wrong passwords at the same moment both count.
    auto statement = db_->prepare(
        "UPDATE users SET "
        "  locked_until = CASE WHEN failed_logins + 1 >= ?1 THEN ?2 + ?3 ELSE locked_until END, "
        "  failed_logins = CASE WHEN failed_logins + 1 >= ?1 THEN 0 ELSE failed_logins + 1 END "
        "WHERE name = ?4");
    db_->bind(statement, 1, static_cast<std::int64_t>(max_failures));
    db_->bind(statement, 2, now);
    db_->bind(statement, 3, lock_seconds);
    db_->bind(statement, 4, name);
    db_->run(statement);
    return find(name);
}

void UserStore::record_success(const std::string& name) {
    auto statement = db_->prepare("UPDATE users SET failed_logins = 0 WHERE name = ? AND failed_logins != 0");
    db_->bind(statement, 1, name);
    db_->run(statement);
}

bool UserStore::unlock(const std::string& name) {
    auto statement = db_->prepare("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE name = ?");
    db_->bind(statement, 1, name);
    return db_->run(statement) == 1;
}

}  // namespace gongwen::index
