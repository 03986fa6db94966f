// Converting legacy office files with LibreOffice (see libreoffice_converter.hpp).
#include "libreoffice_converter.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "gongwen/error.hpp"

namespace gongwen::legacy {
namespace {

namespace fs = std::filesystem;

std::atomic<int> instance_counter{0};

bool is_executable(const fs::path& path) {
    std::error_code error;
    return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The last non-empty lines of LibreOffice's messages, without its harmless Java warning.
std::string message_tail(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.find("javaldx") == std::string::npos) lines.push_back(line);
    }
    std::string out;
    for (std::size_t i = lines.size() > 2 ? lines.size() - 2 : 0; i < lines.size(); ++i) out += (out.empty() ? "" : " / ") + lines[i];
    return out.size() > 400 ? out.substr(0, 400) + "…" : out;
}

/// A temporary directory removed with everything in it at scope exit.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::string pattern = (fs::temp_directory_path() / "gongwen-legacy-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw ExtractionError("cannot create a temporary directory for LibreOffice: " + pattern);
        path_ = pattern;
    }
    ~TemporaryDirectory() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

struct RunResult {
    bool timed_out = false;
    int status = -1;   // exit status, or -1 when killed by a signal
};

/// Runs `argv` in its own process group with stdout and stderr to files; kills the group when it
/// runs past `timeout_seconds`.
RunResult run(const std::vector<std::string>& argv, int timeout_seconds, const fs::path& out, const fs::path& err) {
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw ExtractionError("cannot start LibreOffice: fork failed");
    if (pid == 0) {
        // The child: async-signal-safe calls only (the worker may have other threads).
        ::setpgid(0, 0);
        const int in_fd = ::open("/dev/null", O_RDONLY);
        const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in_fd < 0 || out_fd < 0 || err_fd < 0) ::_exit(126);
        ::dup2(in_fd, 0), ::dup2(out_fd, 1), ::dup2(err_fd, 2);
        // The worker's pipes to the host must not stay open in LibreOffice.
        if (::syscall(SYS_close_range, 3u, ~0u, 0u) != 0) {
            for (int fd = 3; fd < 1024; ++fd) ::close(fd);
        }
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::setpgid(pid, pid);   // also from here: no race with the kill below
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    RunResult result;
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            result.timed_out = true;
            return result;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(-pid, SIGKILL);   // anything LibreOffice left behind in its group
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string file_url(const fs::path& path) {
    std::string out = "file://";
    for (const unsigned char c : path.string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            static const char* hex = "0123456789ABCDEF";
            out += '%', out += hex[c >> 4], out += hex[c & 15];
        }
    }
    return out;
}

fs::path default_profile_root() {
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache) return fs::path(cache) / "gongwen";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "gongwen";
    return fs::temp_directory_path() / "gongwen";
}

// Profiles of workers that were killed (timeout, memory limit) before their destructor ran:
// `lo-profile-<pid>-<n>` whose process is gone. Each is tens of MB.
void remove_stale_profiles(const fs::path& root) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(root, error)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("lo-profile-")) continue;
        const long pid = std::atol(name.c_str() + 11);
        if (pid <= 0 || pid == ::getpid()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;   // alive, or not ours to judge
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
    }
}

}  // namespace

LibreOfficeConverter::LibreOfficeConverter(std::string soffice, int timeout_seconds, std::string profile_root)
    : soffice_(std::move(soffice)), timeout_seconds_(timeout_seconds), profile_root_(std::move(profile_root)) {}

LibreOfficeConverter::~LibreOfficeConverter() {
    if (profile_dir_.empty()) return;
    std::error_code ignored;
    fs::remove_all(profile_dir_, ignored);
}

std::string LibreOfficeConverter::executable() const {
    if (soffice_.empty()) return "";
    if (soffice_.find('/') != std::string::npos) return is_executable(soffice_) ? soffice_ : "";
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / soffice_;
        if (is_executable(candidate)) return candidate.string();
    }
    return "";
}

std::string LibreOfficeConverter::convert(std::span<const std::byte> input, const std::string& input_extension, const std::string& target) {
    const std::string soffice = executable();
    if (soffice.empty()) throw ExtractionError("LibreOffice (soffice) not found");   // the plugin words the hint
    if (profile_dir_.empty()) {
        const fs::path root = profile_root_.empty() ? default_profile_root() : fs::path(profile_root_);
        profile_dir_ = (fs::absolute(root) / ("lo-profile-" + std::to_string(::getpid()) + "-" + std::to_string(++instance_counter))).string();
        remove_stale_profiles(fs::absolute(root));
    }
    std::error_code error;
    fs::create_directories(profile_dir_, error);
    if (error) throw ExtractionError("cannot create LibreOffice's profile directory " + profile_dir_ + ": " + error.message(), FailureScope::plugin);
    const TemporaryDirectory work;
    const fs::path in = work.path() / ("document." + input_extension);
    {
        std::ofstream out(in, std::ios::binary);
        out.write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
        if (!out) throw ExtractionError("cannot write a temporary copy for LibreOffice in " + work.path().string());
    }
    const fs::path out_dir = work.path() / "out";
    fs::create_directories(out_dir);
    const RunResult result = run({soffice, "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
                                  "-env:UserInstallation=" + file_url(profile_dir_), "--convert-to", target, "--outdir",
                                  out_dir.string(), in.string()},
                                 timeout_seconds_, work.path() / "stdout", work.path() / "stderr");
    if (result.timed_out) {
        throw ExtractionError("LibreOffice did not convert it within " + std::to_string(timeout_seconds_) +
                              " s and was stopped; raise [plugins.legacy] timeout_s for very large files");
    }
    const fs::path converted = out_dir / ("document." + target);
    if (result.status != 0 || !fs::exists(converted)) {
        const std::string said = message_tail(read_whole(work.path() / "stderr") + "\n" + read_whole(work.path() / "stdout"));
        throw ExtractionError("LibreOffice could not convert it to " + target + " (exit status " + std::to_string(result.status) + ")" +
                              (said.empty() ? "" : ": " + said) + "; the file may be damaged or password-protected");
    }
    return read_whole(converted);
}

const std::string& LibreOfficeConverter::version() {
    if (!version_.empty()) return version_;
    version_ = "LibreOffice";
    const std::string soffice = executable();
    if (soffice.empty()) return version_;
    try {
        const TemporaryDirectory work;
        const RunResult result = run({soffice, "--version"}, 30, work.path() / "stdout", work.path() / "stderr");
        std::istringstream words(read_whole(work.path() / "stdout"));
        std::string name, number;
        words >> name >> number;
        if (result.status == 0 && !name.empty() && !number.empty()) version_ = name + " " + number;
    } catch (const ExtractionError&) {
    }
    return version_;
}

}  // namespace gongwen::legacy
