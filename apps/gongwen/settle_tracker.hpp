// The debounce of `gongwen watch`: a file is taken only once its size and mtime have stayed the
// same for the settle time, so that a file copied slowly, or written in pieces with pauses, is
// ingested once and complete instead of once per piece. Pure logic over an injected clock and
// stat, so that it is tested without sleeping.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongwen::app {

/// What the settle check compares: a missing file (deleted, moved away) is a state too, so a
/// deletion settles like a write and a file deleted and re-created at once is not pruned.
struct FileState {
    bool exists = false;
    bool is_directory = false;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileState&) const = default;
};

/// stat(2) of a path (not following a final symlink's loop checks: plain stat).
FileState stat_path(const std::string& path);

class SettleTracker {
public:
    using Clock = std::chrono::steady_clock;
    using StatFunction = std::function<FileState(const std::string&)>;

    explicit SettleTracker(Clock::duration settle) : settle_(settle) {}

    /// An event named `path`: it is pending, and its quiet time starts again now (an event can
    /// come with a size and mtime that did not change, e.g. within one mtime tick).
    void touched(const std::string& path, Clock::time_point now);

    struct Settled {
        std::string path;
        FileState state;
    };
    /// Stats every pending path; those whose state has not changed for the settle time leave the
    /// pending set and are returned (sorted by path).
    std::vector<Settled> take_settled(Clock::time_point now, const StatFunction& stat);

    bool empty() const { return pending_.empty(); }
    std::size_t size() const { return pending_.size(); }

private:
    struct Pending {
        std::optional<FileState> last;   // nothing until the first check after an event
        Clock::time_point quiet_since;
    };
    Clock::duration settle_;
    std::map<std::string, Pending> pending_;
};

}  // namespace gongwen::app
