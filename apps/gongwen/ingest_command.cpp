// `gongwen ingest`: walk the inputs, run the pipeline on N workers, write from one thread.
#include <cerrno>
#include <csignal>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

#include "commands.hpp"
#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/index/index_writer.hpp"
#include "progress_reporter.hpp"
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

std::string absolute_path(const std::filesystem::path& path) {
    std::error_code error;
    auto absolute = std::filesystem::absolute(path, error);
    return (error ? path : absolute).lexically_normal().string();
}

// Files under the inputs, sorted so runs are reproducible. Directory symlinks are not followed
// (no loops); hidden files in folders are skipped; a missing input is reported as rejected.
std::vector<std::string> collect_files(const std::vector<std::filesystem::path>& inputs,
                                       std::vector<std::pair<std::string, std::string>>& missing) {
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        std::error_code error;
        const auto status = std::filesystem::status(input, error);
        if (error || !std::filesystem::exists(status)) {
            missing.emplace_back(input.string(), "no such file or directory");
        } else if (std::filesystem::is_directory(status)) {
            std::filesystem::recursive_directory_iterator it(input, std::filesystem::directory_options::skip_permission_denied, error);
            for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
                const std::string name = it->path().filename().string();
                if (name.starts_with(".")) {
                    if (it->is_directory(error)) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(error)) {
                    files.push_back(absolute_path(it->path()));
                } else if (it->is_symlink(error) && !std::filesystem::exists(it->path(), error)) {
                    // A dangling or looping link is a file the user expects to be read: say why not.
                    missing.emplace_back(it->path().string(), error.value() == ELOOP ? "symbolic link loop"
                                                                                     : "broken symbolic link");
                }
                error.clear();
            }
            if (error) missing.emplace_back(input.string(), "cannot list folder: " + error.message());
        } else {
            files.push_back(absolute_path(input));
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

bool stat_file(const std::string& path, Job& job) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return false;
    job.size = static_cast<std::uintmax_t>(info.st_size);
    job.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    return true;
}

// Workers take jobs from a shared list and hand outcomes to the writer through a bounded queue.
class WorkQueue {
public:
    WorkQueue(std::vector<Job> jobs, std::size_t capacity) : jobs_(std::move(jobs)), capacity_(capacity) {}

    std::optional<Job> next_job() {
        const std::size_t index = next_.fetch_add(1);
        if (index >= jobs_.size()) return std::nullopt;
        return std::move(jobs_[index]);
    }
    void push(Outcome outcome) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return outcomes_.size() < capacity_; });
        outcomes_.push_back(std::move(outcome));
        ready_.notify_one();
    }
    std::optional<Outcome> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !outcomes_.empty() || delivered_ == jobs_.size(); });
        if (outcomes_.empty()) return std::nullopt;
        Outcome outcome = std::move(outcomes_.front());
        outcomes_.pop_front();
        ++delivered_;
        space_.notify_one();
        return outcome;
    }

private:
    std::vector<Job> jobs_;
    std::atomic<std::size_t> next_{0};
    std::size_t capacity_;
    std::size_t delivered_ = 0;
    std::deque<Outcome> outcomes_;
    std::mutex mutex_;
    std::condition_variable ready_, space_;
};

}  // namespace

int run_ingest(const IngestOptions& options, const GlobalOptions& global) {
    AppContext context;
    std::unique_ptr<index::IndexWriter> writer;
    std::filesystem::path index_path;
    try {
        load_context(context, global);
        // Plugins and config are checked here, in the parent, so that a bad config is one fatal
        // error instead of one per worker.
        const core::Pipeline check(context.plugins, context.config, plugin_logger(global.verbose));
        index_path = options.index.value_or(context.config.index_path);
        writer = std::make_unique<index::IndexWriter>(index_path);
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }

    std::vector<std::pair<std::string, std::string>> missing;
    const std::vector<std::string> files = collect_files(options.paths, missing);
    ProgressReporter progress(options.json, static_cast<int>(files.size() + missing.size()));
    for (const auto& [path, reason] : missing) progress.file_rejected(path, reason);

    // Unchanged size and mtime: nothing to read. Everything else goes to the workers.
    std::vector<Job> jobs;
    for (const auto& path : files) {
        Job job{path};
        if (!stat_file(path, job)) {
            progress.file_rejected(path, "cannot read: the file disappeared or is not accessible");
            continue;
        }
        job.previous = writer->file_record(path);
        if (job.previous && job.previous->size == job.size && job.previous->mtime_ns == job.mtime_ns) {
            progress.file_unchanged(path);
            continue;
        }
        jobs.push_back(std::move(job));
    }

    int jobs_count = options.jobs.value_or(context.config.jobs);
    if (jobs_count <= 0) jobs_count = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    jobs_count = std::min<int>(jobs_count, static_cast<int>(std::max<std::size_t>(1, jobs.size())));
    const std::size_t job_total = jobs.size();
    WorkQueue queue(std::move(jobs), static_cast<std::size_t>(jobs_count) * 2);
    std::vector<std::jthread> workers;
    // Each thread supervises one worker process (see worker_process.hpp).
    std::vector<std::string> worker_arguments;
    if (global.config_file) worker_arguments = {"--config", std::filesystem::absolute(*global.config_file).string()};
    if (global.verbose) worker_arguments.push_back("--verbose");
    ::signal(SIGPIPE, SIG_IGN);   // a worker that dies must not take the writer with it
    for (int i = 0; i < jobs_count && job_total > 0; ++i) {
        workers.emplace_back([&] {
            WorkerProcess worker(worker_arguments, context.config.file_timeout_s);
            while (auto job = queue.next_job()) {
                Outcome outcome{std::move(*job), {}};
                try {
                    outcome.result = worker.run(outcome.job.path, outcome.job.previous ? outcome.job.previous->content_hash : "");
                } catch (const std::exception& error) {
                    outcome.result.reason = error.what();
                }
                queue.push(std::move(outcome));
            }
        });
    }

    int status = kSuccess;
    try {
        int since_commit = 0;
        while (auto outcome = queue.pop()) {
            const std::string& path = outcome->job.path;
            const WorkResult& result = outcome->result;
            index::FileRecord record{path, outcome->job.size, outcome->job.mtime_ns, result.content_hash, ""};
            if (result.kind == WorkResult::Kind::rejected) {
                progress.file_rejected(path, result.reason);
                continue;
            }
            if (result.kind == WorkResult::Kind::unchanged) {
                record.doc_id = outcome->job.previous->doc_id;
                writer->update_file_record(record);
                progress.file_unchanged(path);
            } else {
                record.doc_id = result.doc_id;
                writer->replace_serialised(result.entries, record);
                for (const auto& warning : result.warnings) progress.warning(path, warning);
                progress.file_indexed(path, result.pages, result.clauses);
            }
            if (++since_commit >= context.config.commit_every) {
                writer->commit();
                since_commit = 0;
            }
        }
        if (options.prune) {
            for (const auto& path : writer->indexed_paths()) {
                std::error_code error;
                if (!std::filesystem::exists(path, error)) {
                    writer->remove(path);
                    progress.file_pruned(path);
                }
            }
        }
        writer->commit();
    } catch (const Xapian::Error& error) {
        std::cerr << "gongwen: index error: " << error.get_description()
                  << " (documents committed before this point are safe; run ingest again to finish)\n";
        status = kFatal;
        while (queue.pop()) {
            // Let the workers finish so that they can be joined; their results are not written.
        }
    }
    workers.clear();
    const IngestTotals& totals = progress.finish(index_path.string());
    if (status == kSuccess && totals.rejected > 0) status = kPartial;
    return status;
}

}  // namespace gongwen::app
