// Who is asking, for `gongwen serve`, free of HTTP: sign-in with an account of the users table
// (user_store.hpp) when the page is shared, sessions with their CSRF token, and the lockout after
// too many wrong passwords. On loopback there is one fixed session: the OS user, editor.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "gongwen/index/user_store.hpp"

namespace gongwen::app {

/// Wrong passwords in a row after which an account is locked.
inline constexpr int kMaxFailedLogins = 10;

struct Session {
    std::string user;
    std::string role;       ///< viewer | editor (read from the users table at each request)
    std::string csrf_token; ///< sent back by the page in X-CSRF-Token on every write
};

struct LoginResult {
    int status = 200;       ///< 200 signed in, 401 wrong name or password, 429 locked
    std::string message;
    std::string session_id; ///< with 200
    Session session;
    std::int64_t retry_after = 0;   ///< with 429: seconds until the lockout ends
};

class WebAuth {
public:
    /// Loopback: no accounts, every request is `local_user` as editor.
    explicit WebAuth(std::string local_user);
    /// Shared: accounts from the users table of `users_file`. Throws index::TaskStateError.
    WebAuth(const std::filesystem::path& users_file, std::chrono::seconds lockout, std::chrono::seconds session_lifetime);

    bool shared() const { return users_.has_value(); }
    std::chrono::seconds session_lifetime() const { return lifetime_; }
    /// How many accounts there are (shared only).
    std::size_t account_count();

    LoginResult login(const std::string& name, const std::string& password);
    /// The session of a cookie value; nullopt when unknown, expired, or its account was removed or
    /// got a new password. On loopback, the local session whatever the cookie.
    std::optional<Session> session(const std::string& session_id);
    void logout(const std::string& session_id);

private:
    struct Entry {
        std::string user;
        std::string csrf_token;
        std::int64_t generation = 0;
        std::chrono::steady_clock::time_point expires;
    };
    std::optional<index::UserStore> users_;
    Session local_;
    std::chrono::seconds lockout_{15 * 60};
    std::chrono::seconds lifetime_{12 * 3600};
    std::mutex mutex_;   // over users_ (one SQLite connection) and sessions_
    std::unordered_map<std::string, Entry> sessions_;
};

}  // namespace gongwen::app
