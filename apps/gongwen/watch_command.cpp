// `gongwen watch`: keep an index up to date with folders. inotify says which paths changed
// (folder_watcher.hpp), the settle check waits until each has stopped changing
// (settle_tracker.hpp), and the settled paths go through ingest's own run (ingest_run.hpp) in
// batches: same workers, limits and log lines, and one writer that holds the index's lock only
// while a batch is written, so that `gongwen compact` (and a manual ingest) can take it between
// batches. A batch that finds the lock taken stays pending and is tried again: nothing is dropped.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <set>
#include <thread>

#include "commands.hpp"
#include "folder_watcher.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/index/index_writer.hpp"
#include "ingest_run.hpp"
#include "settle_tracker.hpp"

namespace gongwen::app {
namespace {

using Clock = std::chrono::steady_clock;

// What the next ingest run must do. Paths stay here until a run has written them.
struct Batch {
    bool rescan = false;                  // walk the roots (start-up, overflow): changed files are found by ingest
    std::set<std::string> files;          // settled and present: ingest
    std::set<std::string> gone;           // settled and missing: prune entries at or below

    bool empty() const { return !rescan && files.empty() && gone.empty(); }
    void take(const SettleTracker::Settled& settled) {
        // The latest state of a path wins: a file deleted and written again is ingested, not pruned.
        if (settled.state.exists) {
            gone.erase(settled.path);
            files.insert(settled.path);
        } else {
            files.erase(settled.path);
            gone.insert(settled.path);
        }
    }
};

enum class BatchResult { written, locked, failed };

// One try at writing the batch. Unless it is written, the caller keeps the batch for the next try.
BatchResult run_batch(const Batch& batch, const std::vector<std::string>& roots, const WatchOptions& options, const GlobalOptions& global,
               const AppContext& context, std::stop_token stop) {
    IngestOptions ingest;
    ingest.index = options.index;
    ingest.jobs = options.jobs;
    IngestScope scope;
    scope.stop = stop;
    if (batch.rescan) {
        ingest.paths.assign(roots.begin(), roots.end());
        scope.prune_under = roots;
    } else {
        ingest.paths.assign(batch.files.begin(), batch.files.end());
        scope.prune_under.assign(batch.gone.begin(), batch.gone.end());
    }
    // A batch of deletions only walks nothing: ingest with no paths just prunes.
    try {
        // Rejected files (kPartial) are written as ingest writes them: reported, not retried.
        return ingest_into_index(ingest, global, context, scope) == kFatal ? BatchResult::failed : BatchResult::written;
    } catch (const index::IndexLockedError&) {
        return BatchResult::locked;
    }
}

}  // namespace

int watch_folders(const WatchOptions& options, const GlobalOptions& global, std::stop_token stop) {
    AppContext context;
    std::unique_ptr<FolderWatcher> watcher;
    try {
        load_context(context, global);
        const core::Pipeline check(context.plugins, context.config, plugin_logger(global.verbose));
        // The watches go on before the catch-up run, so that nothing written meanwhile is missed.
        watcher = std::make_unique<FolderWatcher>(options.folders);
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    const auto settle = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.settle_seconds));
    const auto index_path = options.index.value_or(context.config.index_path);
    std::fprintf(stderr, "gongwen: watching %zu folder%s (%zu inotify watches with the subfolders) → %s; files are taken %.1f s after they stop changing\n",
                 watcher->roots().size(), watcher->roots().size() == 1 ? "" : "s", watcher->folder_count(), index_path.c_str(),
                 options.settle_seconds);

    SettleTracker tracker(settle);
    Batch batch;
    batch.rescan = true;   // catch up with what changed while nobody watched
    Clock::time_point next_try = Clock::now();
    bool told_locked = false;
    while (!stop.stop_requested()) {
        // Short waits: the settle check needs its stat()s, and a stop request must be seen soon.
        const auto events = watcher->wait(std::chrono::milliseconds(100));
        const auto now = Clock::now();
        if (events.overflowed) {
            std::cerr << "gongwen: too many changes at once (inotify queue overflow): walking the folders again\n";
            try {
                watcher->rewatch();
            } catch (const std::exception& error) {
                std::cerr << "gongwen: " << error.what() << "\n";
            }
            batch.rescan = true;
        }
        for (const auto& path : events.paths) tracker.touched(path, now);
        for (const auto& settled : tracker.take_settled(now, stat_path)) batch.take(settled);

        if (batch.empty() || now < next_try) continue;
        const BatchResult result = run_batch(batch, watcher->roots(), options, global, context, stop);
        if (stop.stop_requested()) break;   // the run may have stopped early: the batch counts as pending
        if (result == BatchResult::written) {
            if (told_locked) std::cerr << "gongwen: the index is free again; the waiting files are written\n";
            batch = {};
            told_locked = false;
        } else if (result == BatchResult::failed) {
            // The index could not be opened or written (the error is printed above). What was
            // committed stays; the whole batch is tried again, incremental ingest skips the rest.
            std::cerr << "gongwen: " << batch.files.size() + batch.gone.size() << " change(s) kept; trying again in 10 s\n";
            next_try = now + std::chrono::seconds(10);
        } else {
            if (!told_locked) {
                std::cerr << "gongwen: the index is locked (a compaction or another ingest is writing it); "
                          << batch.files.size() + batch.gone.size() << " change(s) wait and are written when it is free\n";
            }
            told_locked = true;
            next_try = now + std::chrono::milliseconds(500);
        }
    }
    if (!tracker.empty() || !batch.empty()) {
        std::cerr << "gongwen: stopped; " << (batch.rescan ? "the catch-up walk and " : "")
                  << tracker.size() + batch.files.size() + batch.gone.size()
                  << " change(s) may not be written yet: the next `watch` (or `ingest --prune`) picks them up\n";
    } else {
        std::cerr << "gongwen: stopped watching\n";
    }
    return kSuccess;
}

int run_watch(const WatchOptions& options, const GlobalOptions& global) {
    // SIGINT/SIGTERM end the loop from a thread of their own, as in serve: the batch being written
    // is finished and committed first. The mask is inherited by the worker processes, so a Ctrl-C
    // on the terminal (sent to the whole process group) does not kill a worker mid-file either;
    // they end when the watcher closes their pipe.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::stop_source stop;
    std::atomic<bool> finished = false;
    std::thread stopper([&stop, &finished, stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        if (!finished) std::cerr << "gongwen: stopping (the batch being written is finished first)\n";
        stop.request_stop();
    });
    const int status = watch_folders(options, global, stop.get_token());
    finished = true;
    pthread_kill(stopper.native_handle(), SIGTERM);   // wake the stopper if the loop ended on its own
    stopper.join();
    return status;
}

}  // namespace gongwen::app
