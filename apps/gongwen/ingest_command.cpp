// `gongwen ingest`: walk the inputs, run the pipeline on N workers, write from one thread.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <csignal>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

#include "commands.hpp"
#include "ingest_run.hpp"
#include "lock_wait.hpp"
#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/cpu_slots.hpp"
#include "gongwen/index/index_compaction.hpp"
#include "gongwen/index/index_writer.hpp"
#include "file_walker.hpp"
#include "progress_reporter.hpp"
#include "shard_filter.hpp"
#include "worker_process.hpp"

namespace gongwen::app {
namespace {

struct Job {
    std::string path;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::optional<index::FileRecord> previous;
};

struct Outcome {
    Job job;
    WorkResult result;
};

bool stat_file(const std::string& path, Job& job) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return false;
    job.size = static_cast<std::uintmax_t>(info.st_size);
    job.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    return true;
}

// Between the ingest thread and the threads that supervise worker processes. The ingest thread
// walks, skips unchanged files itself, and hands the rest over only while fewer than `capacity`
// files are in flight (queued, being extracted, or extracted and not yet written): memory stays
// bounded whatever the size of the tree, and workers never wait on the writer.
class WorkQueue {
public:
    explicit WorkQueue(std::size_t capacity) : capacity_(capacity) {}

    bool has_room() {
        std::lock_guard lock(mutex_);
        return in_flight_ < capacity_;
    }
    void submit(Job job) {
        std::lock_guard lock(mutex_);
        ++in_flight_;
        jobs_.push_back(std::move(job));
        job_ready_.notify_one();
    }
    /// No more jobs: workers finish what is queued and stop.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        job_ready_.notify_all();
    }
    /// For supervising threads: the next job, or nothing once closed and empty.
    std::optional<Job> next_job() {
        std::unique_lock lock(mutex_);
        job_ready_.wait(lock, [&] { return !jobs_.empty() || closed_; });
        if (jobs_.empty()) return std::nullopt;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        return job;
    }
    void finished(Outcome outcome) {
        std::lock_guard lock(mutex_);
        outcomes_.push_back(std::move(outcome));
        outcome_ready_.notify_one();
    }
    /// For the ingest thread: an outcome if one is ready; with `wait`, waits while files are in
    /// flight. Nothing: none ready (or none in flight when waiting).
    std::optional<Outcome> take_outcome(bool wait) {
        std::unique_lock lock(mutex_);
        if (wait) outcome_ready_.wait(lock, [&] { return !outcomes_.empty() || in_flight_ == 0; });
        if (outcomes_.empty()) return std::nullopt;
        Outcome outcome = std::move(outcomes_.front());
        outcomes_.pop_front();
        --in_flight_;
        return outcome;
    }

private:
    const std::size_t capacity_;
    std::size_t in_flight_ = 0;
    bool closed_ = false;
    std::deque<Job> jobs_;
    std::deque<Outcome> outcomes_;
    std::mutex mutex_;
    std::condition_variable job_ready_, outcome_ready_;
};

// On a terminal the progress bar wants a total for its ETA: count the files on the side (a
// listing walk, no index lookups) while ingest goes on.
std::jthread count_files_for(ProgressReporter& progress, const std::vector<std::filesystem::path>& inputs, bool wanted) {
    if (!wanted) return {};
    return std::jthread([&progress, inputs](std::stop_token stop) {
        FileWalker walker(inputs);
        int count = 0;
        while (!stop.stop_requested() && walker.next()) ++count;
        if (!stop.stop_requested()) progress.set_total(count);
    });
}

// Whether this run changed enough of the index that compacting it now pays (config
// index.compact_after_percent); a first ingest always does.
bool worth_compacting(std::size_t changed, Xapian::doccount entries, int percent) {
    if (percent <= 0 || changed == 0) return false;
    return changed * 100 >= static_cast<std::size_t>(entries) * static_cast<std::size_t>(percent);
}

// A failed compaction costs nothing but space: the index stays as written and the user is told.
void compact_after_ingest(const std::filesystem::path& index_path, bool json) {
    try {
        const auto started = std::chrono::steady_clock::now();
        // The real directory: an index reached through a symlink keeps its link and its place.
        const index::CompactionResult result = index::compact_index(std::filesystem::canonical(index_path));
        if (!json) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::fprintf(stderr, "gongwen: compacted the index: %.1f MB -> %.1f MB in %.1f s\n", result.bytes_before / 1048576.0,
                         result.bytes_after / 1048576.0, seconds);
        }
    } catch (const std::exception& error) {
        std::cerr << "gongwen: the index was written but not compacted: " << error.what()
                  << " (it works as it is; `gongwen compact` can try again)\n";
    }
}

// Whether `path` is `root` or lies below it (both absolute and lexically normal, as walked).
bool is_under(const std::string& path, const std::string& root) {
    if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
    return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

// The core slot file is made once per process: `watch` runs many ingests, and one memfd per
// batch would be a descriptor leaked per batch. Its size is the first run's --jobs, which every
// later run of the same process shares.
int shared_slot_file(int jobs_count) {
    static const int slot_fd = [jobs_count] {
        const int fd = CpuSlots::make_shared_slot_file(jobs_count);
        if (fd >= 0) cpu_slots().configure_shared(fd, jobs_count);
        return fd;
    }();
    return slot_fd;
}

}  // namespace

int run_ingest(const IngestOptions& options, const GlobalOptions& global) {
    AppContext context;
    try {
        load_context(context, global);
        // Plugins and config are checked here, in the parent, so that a bad config is one fatal
        // error instead of one per worker.
        const core::Pipeline check(context.plugins, context.config, plugin_logger(global.verbose));
        return retry_while_locked(options.wait_seconds, [&] { return ingest_into_index(options, global, context, {}); });
    } catch (const index::IndexLockedError& error) {
        return report_locked(error, options.wait_seconds);
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
}

int ingest_into_index(const IngestOptions& options, const GlobalOptions& global, const AppContext& context, const IngestScope& scope) {
    std::unique_ptr<index::IndexWriter> writer;
    std::unique_ptr<ShardFilter> shard;
    const std::filesystem::path index_path = options.index.value_or(context.config.index_path);
    try {
        if (options.shard) index::parse_shard_assignment(*options.shard);   // a typo must not create a directory
        writer = std::make_unique<index::IndexWriter>(index_path);
        shard = std::make_unique<ShardFilter>(options.shard, *writer, index_path,
                                              static_cast<std::uintmax_t>(context.config.max_file_mb) * 1024 * 1024);
    } catch (const index::IndexLockedError&) {
        throw;   // the caller decides: ingest reports it, watch waits and tries again
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }

    ProgressReporter progress(options.json);
    std::jthread counter = count_files_for(progress, options.paths, progress.shows_bar());

    const int jobs_count = effective_jobs(options.jobs, context.config);
    WorkQueue queue(static_cast<std::size_t>(jobs_count) * 4);
    std::vector<std::jthread> workers;
    // Each thread supervises one worker process (see worker_process.hpp); a process is started
    // on the first file it gets, so a run over an unchanged tree starts none.
    std::vector<std::string> worker_arguments;
    if (global.config_file) worker_arguments = {"--config", std::filesystem::absolute(*global.config_file).string()};
    if (global.verbose) worker_arguments.push_back("--verbose");
    ::signal(SIGPIPE, SIG_IGN);   // a worker that dies must not take the writer with it
    if (options.re_ocr) ::setenv(kRefreshPageCacheVariable, "1", 1);   // inherited by the workers
    // One core slot per job, shared with the workers (gongwen/cpu_slots.hpp): a supervisor holds
    // its slot while its worker has a file, and a worker reads a scan's pages on the slots no
    // other file holds. Without the slot file (memfd unavailable) each worker reads page by page.
    const int slot_fd = shared_slot_file(jobs_count);
    if (slot_fd >= 0) ::setenv(kCpuSlotsVariable, std::to_string(jobs_count).c_str(), 1);   // inherited by the workers
    for (int i = 0; i < jobs_count; ++i) {
        workers.emplace_back([&, slot = i] {
            WorkerProcess worker(worker_arguments, context.config.file_timeout_s, slot_fd);
            while (auto job = queue.next_job()) {
                Outcome outcome{std::move(*job), {}};
                const bool holds_slot = cpu_slots().lock_slot(slot);
                try {
                    outcome.result = worker.run(outcome.job.path, outcome.job.previous ? outcome.job.previous->content_hash : "");
                } catch (const std::exception& error) {
                    outcome.result.reason = error.what();
                }
                if (holds_slot) cpu_slots().unlock_slot(slot);
                queue.finished(std::move(outcome));
            }
        });
    }

    int status = kSuccess;
    int since_commit = 0;
    std::size_t entries_changed = 0;   // documents replaced or removed in this run
    const auto write = [&](Outcome& outcome) {
        const std::string& path = outcome.job.path;
        const WorkResult& result = outcome.result;
        index::FileRecord record{path, outcome.job.size, outcome.job.mtime_ns, result.content_hash, ""};
        if (result.kind == WorkResult::Kind::rejected) {
            progress.file_rejected(path, result.reason);
            return;
        }
        if (result.kind == WorkResult::Kind::unchanged) {
            // Touched, same bytes: the entries stay as they are; only the new mtime is remembered,
            // so that the next run recognises the file from a stat alone.
            record.doc_id = outcome.job.previous->doc_id;
            writer->update_file_record(record);
            progress.file_unchanged(path);
        } else {
            record.doc_id = result.doc_id;
            writer->replace_serialised(result.entries, record);
            ++entries_changed;
            for (const auto& warning : result.warnings) progress.warning(path, warning);
            progress.file_indexed(path, result.pages, result.clauses);
        }
        if (++since_commit >= context.config.commit_every) {
            writer->commit();
            since_commit = 0;
        }
    };
    try {
        FileWalker walker(options.paths);
        bool walking = true;
        for (;;) {
            // Write what the workers have finished first: it is what holds memory.
            while (auto outcome = queue.take_outcome(false)) write(*outcome);
            // Asked to stop (watch on SIGTERM): start nothing new, write what is in flight.
            if (walking && scope.stop.stop_requested()) {
                walking = false;
                queue.close();
            }
            if (walking && queue.has_room()) {
                auto item = walker.next();
                if (!item) {
                    walking = false;
                    queue.close();
                    continue;
                }
                if (!item->problem.empty()) {
                    progress.file_rejected(item->path, item->problem);
                    continue;
                }
                Job job{item->path};
                if (!stat_file(job.path, job)) {
                    progress.file_rejected(job.path, "cannot read: the file disappeared or is not accessible");
                    continue;
                }
                // Unchanged size and mtime: nothing to read, nothing to write. --re-ocr asks for
                // every file to be read again (the worker then OCRs without the cache).
                job.previous = writer->file_record(job.path);
                if (options.re_ocr && job.previous) job.previous->content_hash.clear();
                if (!options.re_ocr && job.previous && job.previous->size == job.size && job.previous->mtime_ns == job.mtime_ns) {
                    progress.file_unchanged(job.path);
                    continue;
                }
                if (!shard->wants(job.path, job.size)) {
                    // Another shard's file; if its content moved it out of this shard, its old entries go.
                    if (job.previous) {
                        writer->remove(job.path);
                        progress.file_pruned(job.path);
                    }
                    continue;
                }
                queue.submit(std::move(job));
                continue;
            }
            auto outcome = queue.take_outcome(true);
            if (!outcome) {
                if (!walking) break;   // walked everything, nothing in flight
                continue;
            }
            write(*outcome);
        }
        if (options.prune || !scope.prune_under.empty()) {
            // Only the missing paths are held, not every indexed one.
            std::vector<std::string> gone;
            writer->for_each_indexed_path([&](const std::string& path) {
                const bool in_scope = options.prune || std::any_of(scope.prune_under.begin(), scope.prune_under.end(),
                                                                   [&](const std::string& root) { return is_under(path, root); });
                std::error_code error;
                if (in_scope && !std::filesystem::exists(path, error)) gone.push_back(path);
            });
            for (const auto& path : gone) {
                writer->remove(path);
                ++entries_changed;
                progress.file_pruned(path);
            }
        }
        writer->commit();
    } catch (const Xapian::Error& error) {
        std::cerr << "gongwen: index error: " << error.get_description()
                  << " (documents committed before this point are safe; run ingest again to finish)\n";
        status = kFatal;
        queue.close();
        while (queue.take_outcome(true)) {
            // Let the workers finish so that they can be joined; their results are not written.
        }
    }
    queue.close();
    counter = {};
    workers.clear();
    const IngestTotals& totals = progress.finish(index_path.string());
    if (shard->active()) {
        std::cerr << "gongwen: shard " << shard->text() << ": " << shard->skipped() << " file(s) belong to other shards\n";
    }
    if (status == kSuccess && totals.rejected > 0) status = kPartial;
    if (status != kFatal && worth_compacting(entries_changed, writer->document_count(), context.config.compact_after_percent)) {
        shard.reset();
        writer.reset();   // compact_index takes the write lock itself
        compact_after_ingest(index_path, options.json);
    }
    return status;
}

}  // namespace gongwen::app
