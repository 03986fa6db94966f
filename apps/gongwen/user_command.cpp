// `gongwen user add|list|remove|passwd|role|unlock`: the accounts that `gongwen serve` asks for
// when it listens on an address other machines can reach. They live in the task state file beside
// the index (user_store.hpp), with Argon2id password hashes (password_hash.hpp).
#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "deadline_view.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/index/user_store.hpp"
#include "index_selection.hpp"
#include "password_hash.hpp"

namespace gongwen::app {
namespace {

// Long enough that ten guesses (then the lockout) cannot find it; no other rule, as NIST SP
// 800-63B advises against composition rules.
constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 1024;

bool valid_user_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name) {
        if (c < 0x21 || c == 0x7F || c == ':' || c == '/' || c == '"' || c == '\\') return false;
    }
    return true;
}

// One line from the terminal with echo off; nullopt at end of input.
std::optional<std::string> read_hidden_line(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    termios saved{};
    const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    if (!got) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The new password: one line of stdin with --password-stdin, else typed twice on the terminal.
std::optional<std::string> read_new_password(bool from_stdin, const std::string& name) {
    std::optional<std::string> password;
    if (from_stdin) {
        std::string line;
        if (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            password = line;
        }
        if (!password) {
            std::cerr << "gongwen: --password-stdin: no password on standard input (give it as one line, e.g. printf '%s\\n' \"$PW\" | gongwen user ...)\n";
            return std::nullopt;
        }
    } else {
        if (!::isatty(STDIN_FILENO)) {
            std::cerr << "gongwen: no terminal to read the password from: type it in a terminal, or pass --password-stdin and give it as one line on standard input\n";
            return std::nullopt;
        }
        password = read_hidden_line("Password for " + name + ": ");
        const auto again = read_hidden_line("Password again: ");
        if (!password || !again) {
            std::cerr << "gongwen: no password was typed; run the command again\n";
            return std::nullopt;
        }
        if (*password != *again) {
            std::cerr << "gongwen: the two passwords differ; run the command again and type the same password twice\n";
            return std::nullopt;
        }
    }
    if (password->empty()) {
        std::cerr << "gongwen: the password is empty; choose one of at least " << kMinPasswordLength << " characters\n";
        return std::nullopt;
    }
    if (password->size() < kMinPasswordLength) {
        std::cerr << "gongwen: the password is too short; choose one of at least " << kMinPasswordLength << " characters\n";
        return std::nullopt;
    }
    if (password->size() > kMaxPasswordLength) {
        std::cerr << "gongwen: the password is longer than " << kMaxPasswordLength << " bytes; choose a shorter one\n";
        return std::nullopt;
    }
    return password;
}

std::string lock_text(std::int64_t locked_until) {
    const std::time_t when = static_cast<std::time_t>(locked_until);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

int no_such_user(const std::string& name) {
    std::cerr << "gongwen: no user " << name << " (`gongwen user list` shows the accounts)\n";
    return kFatal;
}

}  // namespace

int run_user(const UserOptions& options, const GlobalOptions& global) {
    auto loaded = load_config_or_report(global);
    if (!loaded) return kFatal;
    const core::Config config = std::move(*loaded);
    if (options.action != "list" && !valid_user_name(options.name)) {
        std::cerr << "gongwen: \"" << options.name << "\" cannot be a user name: use 1 to 64 characters without spaces, ':', '/', '\"' or '\\'\n";
        return kFatal;
    }
    try {
        init_crypto();
        const auto location = task_state_location(options.index, config);
        if (!location) {
            std::cerr << "gongwen: users are kept beside a local index, and this one is remote: pass --index with the local "
                         "index directory or stub file that `gongwen serve` serves\n";
            return kFatal;
        }
        index::UserStore users(*location);
        const std::int64_t now = std::time(nullptr);
        if (options.action == "list") {
            const auto accounts = users.all();
            if (options.json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& account : accounts) {
                    out.push_back({{"name", account.name}, {"role", account.role}, {"created_at", account.created_at},
                                   {"locked_until", account.locked_until > now ? nlohmann::json(lock_text(account.locked_until)) : nlohmann::json(nullptr)}});
                }
                std::cout << core::dump_json(out, 2) << "\n";
                return kSuccess;
            }
            if (accounts.empty()) {
                std::cout << "no users yet (`gongwen user add NAME --role editor` adds one); " << location->string() << "\n";
                return kSuccess;
            }
            for (const auto& account : accounts) {
                std::cout << account.name << "\t" << account.role << "\tsince " << account.created_at;
                if (account.locked_until > now) std::cout << "\tlocked until " << lock_text(account.locked_until);
                std::cout << "\n";
            }
            return kSuccess;
        }
        if (options.action == "add") {
            if (users.find(options.name)) {
                std::cerr << "gongwen: user " << options.name << " exists already; pick another name, or change the password with "
                          << "`gongwen user passwd " << options.name << "`\n";
                return kFatal;
            }
            const auto password = read_new_password(options.password_stdin, options.name);
            if (!password) return kFatal;
            if (!users.add({options.name, options.role, hash_password(*password), 0, 0, 0, utc_time("%Y-%m-%dT%H:%M:%SZ")})) {
                std::cerr << "gongwen: user " << options.name << " exists already (added meanwhile); pick another name\n";
                return kFatal;
            }
            std::cout << "added user " << options.name << " (" << options.role << ")\n";
            return kSuccess;
        }
        if (options.action == "remove") {
            if (!users.remove(options.name)) return no_such_user(options.name);
            std::cout << "removed user " << options.name << "; their sessions end at their next request\n";
            return kSuccess;
        }
        if (options.action == "passwd") {
            if (!users.find(options.name)) return no_such_user(options.name);
            const auto password = read_new_password(options.password_stdin, options.name);
            if (!password) return kFatal;
            if (!users.set_password(options.name, hash_password(*password))) return no_such_user(options.name);
            std::cout << "changed the password of " << options.name << "; the account is unlocked and its old sessions end\n";
            return kSuccess;
        }
        if (options.action == "role") {
            if (!users.set_role(options.name, options.role)) return no_such_user(options.name);
            std::cout << options.name << " is now " << options.role << "\n";
            return kSuccess;
        }
        if (options.action == "unlock") {
            if (!users.unlock(options.name)) return no_such_user(options.name);
            std::cout << "unlocked " << options.name << "\n";
            return kSuccess;
        }
        std::cerr << "gongwen: unknown user action " << options.action << "\n";
        return kFatal;
    } catch (const index::TaskStateError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    } catch (const std::runtime_error& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
}

}  // namespace gongwen::app
