// Progress output for `ingest` (see progress_reporter.hpp). Rejections always get their own line.
#include "gongwen/core/document_json.hpp"
#include "progress_reporter.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace gongwen::app {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string clock_text(double seconds) {
    const int total = static_cast<int>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%d:%02d", total / 60, total % 60);
    return text;
}

}  // namespace

ProgressReporter::ProgressReporter(bool json) : json_(json), terminal_(!json && isatty(STDERR_FILENO)) {}

void ProgressReporter::clear_line() {
    if (terminal_) std::cerr << "\r\033[K";
}

void ProgressReporter::redraw(const std::string& current) {
    if (!terminal_) return;
    const auto now = std::chrono::steady_clock::now();
    const int total = total_files_;
    if (now - last_draw_ < std::chrono::milliseconds(100) && totals_.seen != total) return;
    last_draw_ = now;
    const double elapsed = seconds_since(started_);
    const double rate = elapsed > 0 ? totals_.pages / elapsed : 0;
    std::string name = current.size() > 40 ? "…" + current.substr(current.size() - 40) : current;
    std::cerr << "\r\033[K";
    if (total >= 0) {
        // The walk and the count run side by side, so `seen` can briefly pass a count of a tree
        // that is growing.
        const int done = std::min(totals_.seen, total);
        const double remaining = done > 0 ? elapsed / done * (total - done) : 0;
        const int width = 24, filled = total ? width * done / total : width;
        std::cerr << "[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << totals_.seen << "/"
                  << total << " files  " << static_cast<int>(rate) << " pages/s  ETA " << clock_text(remaining);
    } else {
        std::cerr << totals_.seen << " files  " << static_cast<int>(rate) << " pages/s  (counting)";
    }
    std::cerr << "  " << name << std::flush;
}

void ProgressReporter::file_indexed(const std::string& path, int pages, int clauses) {
    ++totals_.seen, ++totals_.indexed, totals_.pages += pages;
    if (json_) {
        std::cout << core::dump_json(nlohmann::json{{"event", "file"}, {"path", path}, {"status", "indexed"}, {"pages", pages}, {"clauses", clauses}})
                  << std::endl;
    }
    redraw(path);
}

void ProgressReporter::file_unchanged(const std::string& path) {
    ++totals_.seen, ++totals_.unchanged;
    if (json_) std::cout << core::dump_json(nlohmann::json{{"event", "file"}, {"path", path}, {"status", "unchanged"}}) << std::endl;
    redraw(path);
}

void ProgressReporter::file_rejected(const std::string& path, const std::string& reason) {
    ++totals_.seen, ++totals_.rejected;
    if (json_) {
        std::cout << core::dump_json(nlohmann::json{{"event", "file"}, {"path", path}, {"status", "rejected"}, {"reason", reason}}) << std::endl;
    } else {
        clear_line();
        std::cerr << "gongwen: " << path << ": rejected: " << reason << "\n";
    }
    redraw(path);
}

void ProgressReporter::file_pruned(const std::string& path) {
    ++totals_.pruned;
    if (json_) std::cout << core::dump_json(nlohmann::json{{"event", "file"}, {"path", path}, {"status", "pruned"}}) << std::endl;
}

void ProgressReporter::warning(const std::string& path, const std::string& message) {
    if (json_) {
        std::cout << core::dump_json(nlohmann::json{{"event", "warning"}, {"path", path}, {"message", message}}) << std::endl;
    } else {
        clear_line();
        std::cerr << "gongwen: " << path << ": warning: " << message << "\n";
    }
}

const IngestTotals& ProgressReporter::finish(const std::string& index_path) {
    const double elapsed = seconds_since(started_);
    if (json_) {
        std::cout << core::dump_json(nlohmann::json{{"event", "summary"},       {"index", index_path},
                                    {"files", totals_.seen},     {"indexed", totals_.indexed},
                                    {"unchanged", totals_.unchanged}, {"rejected", totals_.rejected},
                                    {"pruned", totals_.pruned},  {"pages", totals_.pages},
                                    {"seconds", elapsed}})
                  << std::endl;
    } else {
        clear_line();
        std::cerr << "gongwen: " << totals_.seen << " files: " << totals_.indexed << " indexed, " << totals_.unchanged
                  << " unchanged, " << totals_.rejected << " rejected" << (totals_.pruned ? ", " : "")
                  << (totals_.pruned ? std::to_string(totals_.pruned) + " pruned" : "") << "; " << totals_.pages
                  << " pages in " << clock_text(elapsed) << " → " << index_path << "\n";
    }
    return totals_;
}

}  // namespace gongwen::app
