// The accounts of `gongwen serve` on a shared address: name, role, Argon2id password hash and the
// lockout counters, in the users table of the task state file (task_state.hpp, schema version 2),
// so that one file beside the index holds everything the page writes. This store only keeps what
// it is given: hashing and checking passwords is the caller's (libsodium, in the app).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongwen/index/task_state.hpp"

namespace gongwen::index {

struct UserAccount {
    std::string name;
    std::string role;            ///< viewer | editor
    std::string password_hash;   ///< crypto_pwhash_str's string (it names its algorithm and limits)
    std::int64_t generation = 0; ///< grows with each password change: older sessions end
    int failed_logins = 0;       ///< wrong passwords since the last good one or lockout
    std::int64_t locked_until = 0;   ///< Unix seconds; 0 or past: not locked
    std::string created_at;      ///< UTC, YYYY-MM-DDTHH:MM:SSZ
};

/// viewer | editor
bool is_user_role(const std::string& word);

class UserStore {
public:
    /// Opens the task state file `file` for writing (creating or migrating it, as TaskStateStore
    /// does). Throws TaskStateError.
    explicit UserStore(const std::filesystem::path& file);
    ~UserStore();
    UserStore(const UserStore&) = delete;
    UserStore& operator=(const UserStore&) = delete;

    std::vector<UserAccount> all() const;   ///< by name
    std::optional<UserAccount> find(const std::string& name) const;
    /// False when the name is taken.
    bool add(const UserAccount& account);
    /// False when there is no such user.
    bool remove(const std::string& name);
    /// New hash, generation + 1, lockout cleared. False when there is no such user.
    bool set_password(const std::string& name, const std::string& password_hash);
    bool set_role(const std::string& name, const std::string& role);
    /// One more wrong password at `now`: at `max_failures` the account is locked until
    /// now + lock_seconds and the count starts again. Returns the account after the change.
    std::optional<UserAccount> record_failure(const std::string& name, std::int64_t now, int max_failures, std::int64_t lock_seconds);
    /// A good password: the count of wrong ones is cleared.
    void record_success(const std::string& name);
    /// Clears the lockout and the count.
    bool unlock(const std::string& name);

private:
    struct Connection;
    std::unique_ptr<Connection> db_;
};

}  // namespace gongwen::index
