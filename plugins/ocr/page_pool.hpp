// The pages of one document recognised in parallel: the caller's thread renders each page (the
// renderer is not thread-safe) and queues it; helper threads, each with its own Tesseract engine,
// take queued pages while they can lease a free core from the run (gongwen/cpu_slots.hpp), and
// the caller recognises pages too, with the plugin's first engine.
//
// Why threads inside the worker rather than pages split over worker processes: a document is one
// unit everywhere else (paragraphs run across pages, clauses and fields are found over the whole
// text, one record per file), so splitting it over processes would need a merge step and a second
// protocol; a thread pool keeps the document in one place and needs only the core count. Leasing
// cores run-wide keeps the total at --jobs: with every worker busy on a file of its own no helper
// gets a core and each worker reads its pages one by one as before; a scan that arrives while the
// other workers are idle is read on all cores.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gongwen/page_recognizer.hpp"
#include "ocr_options.hpp"
#include "tesseract_engine.hpp"

namespace gongwen::ocr {

/// Most engines (threads) one worker process recognises with. Each costs about 100 MB and
/// address space for its own malloc arena and stack, under ingest.worker_memory_mb.
constexpr int kMaxEnginesPerWorker = 8;

class PagePool {
public:
    explicit PagePool(const OcrOptions& options);
    ~PagePool();
    PagePool(const PagePool&) = delete;
    PagePool& operator=(const PagePool&) = delete;

    /// PageRecognizer::submit and finish (see gongwen/page_recognizer.hpp).
    bool submit(const PageRenderer& render, double units_per_inch, Page& page, PageRecognition& outcome);
    void finish();

private:
    struct Task {
        PageImage image;
        double units_per_inch = 0;
        Page* page = nullptr;
        PageRecognition* outcome = nullptr;
    };

    void start_helpers();
    void helper_loop(int engine_id);
    /// Recognises one task, keeping an engine failure or unexpected exception for finish().
    void run(Task& task, TesseractEngine& engine, int engine_id);
    /// Under mutex_: the oldest queued task, counted as running.
    Task take_locked();
    /// Takes the next queued page and reads it on the calling thread with its own engine; `lock`
    /// (held on entry and on return) is released while reading.
    void read_next_here(std::unique_lock<std::mutex>& lock);

    OcrOptions options_;
    TesseractEngine engine_;              ///< the caller's thread's engine (id 0)
    std::mutex mutex_;
    std::condition_variable work_ready_, work_done_;
    std::deque<Task> queue_;
    int running_ = 0;
    bool stopping_ = false;
    bool helpers_started_ = false;
    std::size_t helper_count_ = 0;
    std::exception_ptr error_;            ///< the first failure of the engine (or worse) since the last finish()
    std::vector<std::jthread> helpers_;
};

}  // namespace gongwen::ocr
