// The settle check of `gongwen watch` (see settle_tracker.hpp).
#include "settle_tracker.hpp"

#include <sys/stat.h>

namespace gongwen::app {

FileState stat_path(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return {};
    return FileState{true, S_ISDIR(info.st_mode), static_cast<std::uintmax_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

void SettleTracker::touched(const std::string& path, Clock::time_point now) {
    Pending& pending = pending_[path];
    pending.quiet_since = now;
}

std::vector<SettleTracker::Settled> SettleTracker::take_settled(Clock::time_point now, const StatFunction& stat) {
    std::vector<Settled> settled;
    for (auto it = pending_.begin(); it != pending_.end();) {
        const FileState state = stat(it->first);
        Pending& pending = it->second;
        if (!pending.last || !(*pending.last == state)) {
            // Changed since the last look, or not looked at yet (the event may be older than a
            // batch that kept the watcher busy): stable only if it stays so from now on.
            pending.quiet_since = now;
            pending.last = state;
        }
        if (now - pending.quiet_since >= settle_) {
            settled.push_back({it->first, state});
            it = pending_.erase(it);
        } else {
            ++it;
        }
    }
    return settled;
}

}  // namespace gongwen::app
