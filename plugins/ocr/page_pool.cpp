// Pages recognised in parallel (see page_pool.hpp).
#include "page_pool.hpp"

#include <algorithm>
#include <chrono>

#include "gongwen/cpu_slots.hpp"
#include "gongwen/error.hpp"
#include "page_ocr.hpp"

namespace gongwen::ocr {
namespace {

// How often a helper with queued pages and no free core looks again. A page takes about a second,
// so a core freed meanwhile is put to use with a delay of at most 2% of a page.
constexpr auto kRetryLease = std::chrono::milliseconds(20);

}  // namespace

PagePool::PagePool(const OcrOptions& options)
    : options_(options), engine_(options.tessdata, options.languages, thresholding_method(options.binarization)) {}

PagePool::~PagePool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    helpers_.clear();   // joins
}

void PagePool::start_helpers() {
    helpers_started_ = true;
    const int engines = std::min(cpu_slots().total(), kMaxEnginesPerWorker);
    helper_count_ = static_cast<std::size_t>(std::max(0, engines - 1));
    for (std::size_t i = 0; i < helper_count_; ++i) {
        helpers_.emplace_back([this, id = static_cast<int>(i) + 1] { helper_loop(id); });
    }
}

PagePool::Task PagePool::take_locked() {
    Task task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    return task;
}

void PagePool::run(Task& task, TesseractEngine& engine, int engine_id) {
    try {
        recognise_page(task.image, task.units_per_inch, options_, engine, *task.page, *task.outcome);
        task.outcome->engine = engine_id;
    } catch (const ExtractionError& error) {
        if (error.scope() == FailureScope::plugin) {
            const std::lock_guard lock(mutex_);
            if (!error_) error_ = std::current_exception();
        } else {
            task.outcome->warning = "page " + std::to_string(task.page->number) + ": " + error.what();
        }
    } catch (...) {
        // Out of memory and the like: not this page's fault alone; finish() passes it on.
        const std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
    }
    task.image = {};   // a rendered page is megabytes: free it before waiting for the next
}

bool PagePool::submit(const PageRenderer& render, double units_per_inch, Page& page, PageRecognition& outcome) {
    if (!helpers_started_) start_helpers();
    {
        // The engine cannot work: say so now, so that the caller stops rendering pages for it.
        const std::lock_guard lock(mutex_);
        if (error_) std::rethrow_exception(error_);
    }
    std::optional<PageImage> image = render_for_recognition(render, units_per_inch, options_, page, outcome);
    if (!image) return false;
    std::unique_lock lock(mutex_);
    queue_.push_back(Task{std::move(*image), units_per_inch, &page, &outcome});
    work_ready_.notify_one();
    // At most one waiting page per helper: the rest this thread reads itself, so that rendered
    // pages never pile up in memory and, with no helper (one core), this is the sequential loop.
    while (queue_.size() > helper_count_) read_next_here(lock);
    return true;
}

void PagePool::read_next_here(std::unique_lock<std::mutex>& lock) {
    Task task = take_locked();
    lock.unlock();
    run(task, engine_, 0);
    lock.lock();
    --running_;
    work_done_.notify_all();
}

void PagePool::finish() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!queue_.empty()) {
            read_next_here(lock);
            continue;
        }
        if (running_ == 0) break;
        work_done_.wait(lock);
    }
    if (error_) {
        const std::exception_ptr error = error_;
        error_ = nullptr;
        std::rethrow_exception(error);
    }
}

void PagePool::helper_loop(int engine_id) {
    std::unique_ptr<TesseractEngine> engine;   // loaded on this thread's first page
    std::unique_lock lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        lock.unlock();
        CpuSlots::Lease lease = cpu_slots().try_acquire();
        lock.lock();
        if (!lease) {
            // Every core of the run is busy (other workers' files): leave the pages to the
            // caller's thread, and look again shortly.
            work_ready_.wait_for(lock, kRetryLease, [&] { return stopping_; });
            continue;
        }
        if (queue_.empty()) continue;
        Task task = take_locked();
        lock.unlock();
        if (!engine) engine = std::make_unique<TesseractEngine>(options_.tessdata, options_.languages, thresholding_method(options_.binarization));
        run(task, *engine, engine_id);
        lease.release();
        lock.lock();
        --running_;
        work_done_.notify_all();
    }
}

}  // namespace gongwen::ocr
