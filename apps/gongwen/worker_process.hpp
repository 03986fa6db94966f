// Extraction in worker processes. Poppler and Tesseract are large C++ libraries that can crash or
// hang on hostile files; run in the process that holds the index writer, one bad file would end
// the whole ingest. A worker process reads one file at a time, builds its index entries, and sends
// them back; the parent kills a worker that takes too long and replaces one that dies, and reports
// that file with the reason while the batch goes on.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "app_context.hpp"

namespace gongwen::app {

/// What a worker made of one file.
struct WorkResult {
    enum class Kind { indexed, unchanged, rejected } kind = Kind::rejected;
    std::string content_hash;
    std::string doc_id;
    std::string reason;                  ///< for rejected files: what went wrong, for the user
    int pages = 0;
    int clauses = 0;
    std::vector<std::string> warnings;
    std::vector<std::string> entries;    ///< serialised Xapian documents (index::serialise_entries)
};

/// One worker process, started on first use and restarted after it dies. Not thread-safe: one per
/// supervising thread.
class WorkerProcess {
public:
    /// Bytes read from the worker and not yet taken as frames: an answer is read with a few large
    /// reads instead of two system calls per frame.
    struct Inbox {
        std::string bytes;
        std::size_t begin = 0;
    };
    /// `arguments` are the gongwen global options to pass on (--config, -v); the worker runs
    /// `gongwen [arguments] worker`.
    /// `cpu_slots_fd`: the run's core slot file (gongwen/cpu_slots.hpp), given to the worker as
    /// descriptor kCpuSlotsFd; -1 for none.
    WorkerProcess(std::vector<std::string> arguments, int timeout_seconds, int cpu_slots_fd = -1);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    /// Processes one file. Never throws for a bad file: crashes, timeouts and memory exhaustion
    /// come back as rejected results naming the plugin that was running.
    WorkResult run(const std::string& path, const std::string& previous_hash);

private:
    void start();
    void stop(bool kill);
    std::string describe_death(int wait_status, const std::string& plugin) const;

    std::vector<std::string> arguments_;
    int timeout_seconds_;
    int cpu_slots_fd_;
    pid_t pid_ = -1;
    int to_child_ = -1;
    int from_child_ = -1;
    Inbox inbox_;
};

/// The `gongwen worker` loop: reads requests on fd 3, answers on fd 4, until fd 3 closes.
int run_worker(const GlobalOptions& global);

}  // namespace gongwen::app
