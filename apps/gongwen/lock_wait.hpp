// Waiting for the index's write lock: `ingest --wait` and `compact --wait` try again while another
// writer (a watcher's batch, a compaction, another ingest) holds it, up to a deadline.
#pragma once

#include <chrono>
#include <iostream>
#include <thread>

#include "app_context.hpp"
#include "gongwen/index/index_writer.hpp"

namespace gongwen::app {

/// Calls `attempt` until it does not throw index::IndexLockedError or `wait_seconds` have passed
/// (then the error is thrown on). Says once on stderr that it waits. `attempt` must throw that error
/// before it reads or writes anything, as IndexWriter's constructor does.
template <typename Attempt>
auto retry_while_locked(double wait_seconds, Attempt&& attempt) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    bool told = false;
    for (;;) {
        try {
            return attempt();
        } catch (const index::IndexLockedError& error) {
            if (std::chrono::steady_clock::now() >= deadline) throw;
            if (!told) {
                std::cerr << "gongwen: " << error.what() << "; waiting up to " << wait_seconds << " s (--wait)\n";
                told = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
}

/// Reports on stderr that the index stayed locked, with what to do: how long was waited, or that
/// --wait would wait. Returns the fatal exit status for the command to return.
inline int report_locked(const index::IndexLockedError& error, double wait_seconds) {
    std::cerr << "gongwen: " << error.what();
    if (wait_seconds > 0) {
        std::cerr << " (still held after waiting " << wait_seconds << " s)\n";
    } else {
        std::cerr << " (or pass --wait SECONDS to wait for it)\n";
    }
    return kFatal;
}

}  // namespace gongwen::app
