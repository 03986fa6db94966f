// Sign-in, sessions and lockout for `gongwen serve` (see web_auth.hpp).
#include "web_auth.hpp"

#include <ctime>

#include "password_hash.hpp"

namespace gongwen::app {
namespace {

std::string utc_clock(std::int64_t seconds) {
    const std::time_t when = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

std::string locked_message(const std::string& name, std::int64_t until) {
    return "too many wrong passwords: the account " + name + " is locked until " + utc_clock(until) +
           ". Wait until then, or ask the administrator to run `gongwen user unlock " + name + "`.";
}

// Sessions beyond this are refused a new sign-in until some expire: memory stays bounded.
constexpr std::size_t kMaxSessions = 10000;

}  // namespace

WebAuth::WebAuth(std::string local_user) : local_{std::move(local_user), "editor", random_token()} {}

WebAuth::WebAuth(const std::filesystem::path& users_file, std::chrono::seconds lockout, std::chrono::seconds session_lifetime)
    : lockout_(lockout), lifetime_(session_lifetime) {
    users_.emplace(users_file);
}

std::size_t WebAuth::account_count() {
    std::lock_guard lock(mutex_);
    return users_ ? users_->all().size() : 0;
}

LoginResult WebAuth::login(const std::string& name, const std::string& password) {
    if (!users_) return {400, "this server listens on loopback only: no sign-in is needed", {}, {}};
    const std::int64_t now = std::time(nullptr);
    std::optional<index::UserAccount> account;
    {
        std::lock_guard lock(mutex_);
        account = users_->find(name);
    }
    if (!account) {
        verify_dummy_password(password);   // as slow as a real check: the answer does not tell which names exist
        return {401, "wrong user name or password", {}, {}};
    }
    if (account->locked_until > now) return {429, locked_message(name, account->locked_until), {}, {}, account->locked_until - now};
    // The hash is checked without the lock: Argon2id takes a tenth of a second on purpose.
    const bool good = verify_password(account->password_hash, password);
    std::lock_guard lock(mutex_);
    if (!good) {
        const auto after = users_->record_failure(name, now, kMaxFailedLogins, lockout_.count());
        if (after && after->locked_until > now) return {429, locked_message(name, after->locked_until), {}, {}, after->locked_until - now};
        return {401, "wrong user name or password", {}, {}};
    }
    users_->record_success(name);
    const auto clock = std::chrono::steady_clock::now();
    if (sessions_.size() >= kMaxSessions) std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires <= clock; });
    if (sessions_.size() >= kMaxSessions) return {503, "too many signed-in sessions; try again later", {}, {}};
    LoginResult result{200, "", random_token(), {name, account->role, random_token()}};
    sessions_[result.session_id] = {name, result.session.csrf_token, account->generation, clock + lifetime_};
    return result;
}

std::optional<Session> WebAuth::session(const std::string& session_id) {
    if (!users_) return local_;
    if (session_id.empty()) return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto found = sessions_.find(session_id);
    if (found == sessions_.end()) return std::nullopt;
    if (found->second.expires <= std::chrono::steady_clock::now()) {
        sessions_.erase(found);
        return std::nullopt;
    }
    // The account as it is now: a removed account or a changed password ends the session, a new
    // role applies at once.
    const auto account = users_->find(found->second.user);
    if (!account || account->generation != found->second.generation) {
        sessions_.erase(found);
        return std::nullopt;
    }
    return Session{account->name, account->role, found->second.csrf_token};
}

void WebAuth::logout(const std::string& session_id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(session_id);
}

}  // namespace gongwen::app
