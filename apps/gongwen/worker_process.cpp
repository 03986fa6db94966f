#include "worker_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <new>
#include <optional>
#include <stdexcept>

#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/cpu_slots.hpp"
#include "gongwen/index/index_writer.hpp"

extern char** environ;

namespace gongwen::app {
namespace {

// The worker's end of the two pipes. Fixed numbers so that nothing a library prints on stdout
// can corrupt the protocol.
constexpr int kRequestFd = 3;
constexpr int kResponseFd = 4;

using Clock = std::chrono::steady_clock;

// Framing: a message is a sequence of frames, each a 32-bit length (host order: both ends are
// the same binary on the same machine) and that many bytes.

bool write_all(int fd, const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void append_frame(std::string& message, std::string_view frame) {
    const auto size = static_cast<std::uint32_t>(frame.size());
    message.append(reinterpret_cast<const char*>(&size), sizeof size);
    message.append(frame);
}

bool write_frame(int fd, const std::string& frame) {
    const auto size = static_cast<std::uint32_t>(frame.size());
    return write_all(fd, &size, sizeof size) && write_all(fd, frame.data(), frame.size());
}

enum class ReadStatus { ok, closed, timed_out };

/// Reads exactly `size` bytes, waiting at most until `deadline` (none: wait for ever).
ReadStatus read_all(int fd, char* out, std::size_t size, std::optional<Clock::time_point> deadline) {
    while (size > 0) {
        if (deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
            if (left <= 0) return ReadStatus::timed_out;
            pollfd p{fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
            if (ready < 0 && errno == EINTR) continue;
            if (ready == 0) continue;
        }
        const ssize_t n = ::read(fd, out, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return ReadStatus::closed;
        out += n;
        size -= static_cast<std::size_t>(n);
    }
    return ReadStatus::ok;
}

ReadStatus read_frame(int fd, std::string& frame, std::optional<Clock::time_point> deadline = std::nullopt) {
    std::uint32_t size = 0;
    if (auto status = read_all(fd, reinterpret_cast<char*>(&size), sizeof size, deadline); status != ReadStatus::ok) return status;
    frame.resize(size);
    return read_all(fd, frame.data(), size, deadline);
}

/// Makes at least `size` unread bytes available in `inbox`, reading as much as the pipe holds,
/// waiting at most until `deadline`.
ReadStatus fill(int fd, WorkerProcess::Inbox& inbox, std::size_t size, Clock::time_point deadline) {
    while (inbox.bytes.size() - inbox.begin < size) {
        if (inbox.begin > 0) {   // what was taken goes before more is read
            inbox.bytes.erase(0, inbox.begin);
            inbox.begin = 0;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return ReadStatus::timed_out;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) continue;
        const std::size_t used = inbox.bytes.size();
        inbox.bytes.resize(used + std::max<std::size_t>(size, 64 * 1024));
        const ssize_t n = ::read(fd, inbox.bytes.data() + used, inbox.bytes.size() - used);
        inbox.bytes.resize(used + (n > 0 ? static_cast<std::size_t>(n) : 0));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return ReadStatus::closed;
    }
    return ReadStatus::ok;
}

ReadStatus read_frame(int fd, WorkerProcess::Inbox& inbox, std::string& frame, Clock::time_point deadline) {
    if (auto status = fill(fd, inbox, sizeof(std::uint32_t), deadline); status != ReadStatus::ok) return status;
    std::uint32_t size = 0;
    std::memcpy(&size, inbox.bytes.data() + inbox.begin, sizeof size);
    inbox.begin += sizeof size;
    if (auto status = fill(fd, inbox, size, deadline); status != ReadStatus::ok) return status;
    frame.assign(inbox.bytes, inbox.begin, size);
    inbox.begin += size;
    return ReadStatus::ok;
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV";
        case SIGABRT: return "SIGABRT";
        case SIGBUS: return "SIGBUS";
        case SIGFPE: return "SIGFPE";
        case SIGILL: return "SIGILL";
        case SIGKILL: return "SIGKILL";
        default: return "";
    }
}

/// Address-space limit for the worker. Sanitizer builds reserve terabytes of shadow memory up
/// front and cannot run under one, so they go without.
void limit_memory(long long megabytes) {
#if defined(__SANITIZE_ADDRESS__)
    (void)megabytes;
#else
    if (megabytes <= 0) return;
    const rlim_t bytes = static_cast<rlim_t>(megabytes) * 1024 * 1024;
    const rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &limit);
#endif
}

}  // namespace

WorkerProcess::WorkerProcess(std::vector<std::string> arguments, int timeout_seconds, int cpu_slots_fd)
    : arguments_(std::move(arguments)), timeout_seconds_(timeout_seconds), cpu_slots_fd_(cpu_slots_fd) {}

WorkerProcess::~WorkerProcess() { stop(false); }

void WorkerProcess::start() {
    int requests[2], responses[2];
    if (::pipe2(requests, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot start a worker: pipe: ") + std::strerror(errno));
    if (::pipe2(responses, O_CLOEXEC) != 0) {
        ::close(requests[0]);
        ::close(requests[1]);
        throw std::runtime_error(std::string("cannot start a worker: pipe: ") + std::strerror(errno));
    }
    std::vector<std::string> argv_strings = {"/proc/self/exe"};
    argv_strings.insert(argv_strings.end(), arguments_.begin(), arguments_.end());
    argv_strings.push_back("worker");
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, requests[0], kRequestFd);
    posix_spawn_file_actions_adddup2(&actions, responses[1], kResponseFd);
    if (cpu_slots_fd_ >= 0) posix_spawn_file_actions_adddup2(&actions, cpu_slots_fd_, kCpuSlotsFd);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    // /proc/self/exe is resolved in the parent at spawn time: the same gongwen binary.
    std::string exe(4096, '\0');
    const ssize_t length = ::readlink("/proc/self/exe", exe.data(), exe.size() - 1);
    exe.resize(length > 0 ? static_cast<std::size_t>(length) : 0);
    const int error = ::posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(requests[0]);
    ::close(responses[1]);
    if (error != 0) {
        ::close(requests[1]);
        ::close(responses[0]);
        pid_ = -1;
        throw std::runtime_error(std::string("cannot start a worker process: ") + std::strerror(error));
    }
    to_child_ = requests[1];
    from_child_ = responses[0];
    inbox_ = {};
}

void WorkerProcess::stop(bool kill) {
    if (pid_ < 0) return;
    if (kill) ::kill(pid_, SIGKILL);
    ::close(to_child_);   // end of requests: a healthy worker exits
    ::close(from_child_);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    to_child_ = from_child_ = -1;
}

std::string WorkerProcess::describe_death(int wait_status, const std::string& plugin) const {
    const std::string where = plugin.empty() ? "" : " in the " + plugin + " plugin";
    if (WIFSIGNALED(wait_status)) {
        const int signal = WTERMSIG(wait_status);
        const std::string name = signal_name(signal);
        return "crashed" + where + ": signal " + std::to_string(signal) + (name.empty() ? "" : " (" + name + ")") +
               "; the file is probably malformed — the rest of the batch goes on";
    }
    return "the worker process exited" + where + " with status " +
           std::to_string(WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
}

WorkResult WorkerProcess::run(const std::string& path, const std::string& previous_hash) {
    WorkResult result;
    if (pid_ < 0) start();
    if (!write_frame(to_child_, path) || !write_frame(to_child_, previous_hash)) {
        // The worker died between files (it exits on its own only when asked): start afresh once.
        stop(true);
        start();
        if (!write_frame(to_child_, path) || !write_frame(to_child_, previous_hash)) {
            stop(true);
            result.reason = "cannot hand the file to a worker process";
            return result;
        }
    }

    const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds_);
    std::string plugin, frame;
    for (;;) {
        const ReadStatus status = read_frame(from_child_, inbox_, frame, deadline);
        if (status == ReadStatus::timed_out) {
            stop(true);
            result.reason = "timed out after " + std::to_string(timeout_seconds_) + " s" +
                            (plugin.empty() ? "" : " in the " + plugin + " plugin") +
                            " (raise ingest.file_timeout_s for very large files)";
            return result;
        }
        if (status == ReadStatus::closed) {
            int wait_status = 0;
            while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
            }
            ::close(to_child_);
            ::close(from_child_);
            pid_ = -1;
            result.reason = describe_death(wait_status, plugin);
            return result;
        }
        if (frame == "plugin") {
            read_frame(from_child_, inbox_, plugin, deadline);   // a failure shows as closed or timed out next round
            continue;
        }
        if (frame != "result") continue;
        std::string kind, pages, clauses, count;
        read_frame(from_child_, inbox_, kind, deadline);
        read_frame(from_child_, inbox_, result.content_hash, deadline);
        read_frame(from_child_, inbox_, result.doc_id, deadline);
        read_frame(from_child_, inbox_, result.reason, deadline);
        read_frame(from_child_, inbox_, pages, deadline);
        read_frame(from_child_, inbox_, clauses, deadline);
        result.pages = std::atoi(pages.c_str());
        result.clauses = std::atoi(clauses.c_str());
        read_frame(from_child_, inbox_, count, deadline);
        result.warnings.resize(static_cast<std::size_t>(std::atoi(count.c_str())));
        for (auto& warning : result.warnings) read_frame(from_child_, inbox_, warning, deadline);
        read_frame(from_child_, inbox_, count, deadline);
        result.entries.resize(static_cast<std::size_t>(std::atoi(count.c_str())));
        for (auto& entry : result.entries) read_frame(from_child_, inbox_, entry, deadline);
        result.kind = kind == "indexed" ? WorkResult::Kind::indexed
                      : kind == "unchanged" ? WorkResult::Kind::unchanged
                                            : WorkResult::Kind::rejected;
        return result;
    }
}

int run_worker(const GlobalOptions& global) {
    AppContext context;
    try {
        load_context(context, global);
    } catch (const std::exception& error) {
        std::cerr << "gongwen worker: " << error.what() << "\n";
        return kFatal;   // the supervisor reports the files it could not hand over
    }
    limit_memory(context.config.worker_memory_mb);
    // The run's cores, shared with the other workers: the pages of a scan are read on as many of
    // them as no other worker is using (gongwen/cpu_slots.hpp).
    if (const char* slots = std::getenv(kCpuSlotsVariable); slots && ::fcntl(kCpuSlotsFd, F_GETFD) != -1) {
        cpu_slots().configure_shared(kCpuSlotsFd, std::max(1, std::atoi(slots)));
    }
    const core::Pipeline pipeline(context.plugins, context.config, plugin_logger(global.verbose));
    auto worker = pipeline.make_worker();
    // Sent before the plugin runs, so that a crash in it is reported with its name. One write.
    worker->on_plugin = [](const std::string& name) {
        std::string message;
        append_frame(message, "plugin");
        append_frame(message, name);
        write_all(kResponseFd, message.data(), message.size());
    };

    std::string path, previous_hash;
    while (read_frame(kRequestFd, path) == ReadStatus::ok && read_frame(kRequestFd, previous_hash) == ReadStatus::ok) {
        WorkResult result;
        try {
            const std::vector<std::byte> bytes = core::read_file_bytes(path, context.config.max_file_mb);
            result.content_hash = core::content_hash(bytes);
            if (!previous_hash.empty() && previous_hash == result.content_hash) {
                result.kind = WorkResult::Kind::unchanged;   // touched, not changed: no extraction
            } else {
                const Document document = worker->process(path, bytes);
                result.entries = index::serialise_entries(document, path);
                result.doc_id = document.id;
                result.pages = document.source.pages;
                result.clauses = static_cast<int>(document.clauses.size());
                result.warnings = document.warnings;
                result.kind = WorkResult::Kind::indexed;
            }
        } catch (const core::FileRejected& error) {
            result.reason = error.what();
        } catch (const std::bad_alloc&) {
            result.reason = "over the memory limit (ingest.worker_memory_mb = " + std::to_string(context.config.worker_memory_mb) + ")";
        } catch (const std::exception& error) {
            result.reason = std::string("internal error: ") + error.what();
        }
        const char* kind = result.kind == WorkResult::Kind::indexed     ? "indexed"
                           : result.kind == WorkResult::Kind::unchanged ? "unchanged"
                                                                        : "rejected";
        // The whole answer in one buffer and one write (not two system calls per frame).
        std::size_t size = 256;
        for (const auto& warning : result.warnings) size += warning.size() + 4;
        for (const auto& entry : result.entries) size += entry.size() + 4;
        std::string message;
        message.reserve(size);
        append_frame(message, "result");
        append_frame(message, kind);
        append_frame(message, result.content_hash);
        append_frame(message, result.doc_id);
        append_frame(message, result.reason);
        append_frame(message, std::to_string(result.pages));
        append_frame(message, std::to_string(result.clauses));
        append_frame(message, std::to_string(result.warnings.size()));
        for (const auto& warning : result.warnings) append_frame(message, warning);
        append_frame(message, std::to_string(result.entries.size()));
        for (const auto& entry : result.entries) append_frame(message, entry);
        if (!write_all(kResponseFd, message.data(), message.size())) return kFatal;   // the supervisor is gone
    }
    return kSuccess;
}

}  // namespace gongwen::app
