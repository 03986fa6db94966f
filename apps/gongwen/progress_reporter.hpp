// Progress and summary of `ingest`: a progress line on a terminal, JSON lines with --json.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace gongwen::app {

struct IngestTotals {
    int seen = 0;
    int indexed = 0;
    int unchanged = 0;
    int rejected = 0;
    int pruned = 0;
    long long pages = 0;
};

class ProgressReporter {
public:
    explicit ProgressReporter(bool json);
    /// True when a progress bar is drawn (stderr is a terminal and not --json): only then is a
    /// total worth counting.
    bool shows_bar() const { return terminal_; }
    /// The number of files, once known (counted alongside the ingest; until then no ETA).
    void set_total(int total_files) { total_files_ = total_files; }
    void file_indexed(const std::string& path, int pages, int clauses);
    void file_unchanged(const std::string& path);
    void file_rejected(const std::string& path, const std::string& reason);
    void file_pruned(const std::string& path);
    void warning(const std::string& path, const std::string& message);
    /// Prints the summary; returns the totals.
    const IngestTotals& finish(const std::string& index_path);

private:
    void redraw(const std::string& current);
    void clear_line();

    bool json_;
    bool terminal_;
    std::atomic<int> total_files_{-1};   // -1: not counted yet
    IngestTotals totals_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace gongwen::app
