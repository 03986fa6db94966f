// inotify watches over folder trees for `gongwen watch` (see folder_watcher.hpp).
#include "folder_watcher.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace gongwen::app {
namespace {

namespace fs = std::filesystem;

// Close-write rather than modify: one event per writer instead of one per write(2); a file
// written without closing (or through mmap) is still caught, because the settle check stats it.
constexpr std::uint32_t kWatchMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                     IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;

// Hidden names are what ingest's walker skips too: editor swap files, rsync's and browsers'
// partial downloads (renamed to their real name when complete, which is an IN_MOVED_TO).
bool hidden(const std::string& name) { return !name.empty() && name.front() == '.'; }

bool is_under(const std::string& path, const std::string& root) {
    return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

}  // namespace

FolderWatcher::FolderWatcher(const std::vector<fs::path>& roots) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(std::string("cannot start inotify: ") + std::strerror(errno));
    for (const auto& root : roots) {
        std::error_code error;
        if (!fs::is_directory(root, error)) {
            ::close(fd_);
            throw std::runtime_error(root.string() + " is not a folder: watch takes folders");
        }
        roots_.push_back(fs::absolute(root).lexically_normal().string());
        if (roots_.back().size() > 1 && roots_.back().back() == '/') roots_.back().pop_back();
    }
    try {
        rewatch();
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

FolderWatcher::~FolderWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void FolderWatcher::rewatch() {
    for (const auto& root : roots_) watch_tree(root, nullptr);
}

void FolderWatcher::watch_tree(const fs::path& folder, std::vector<std::string>* files) {
    // The watch goes on before the listing: a file created in between is then listed, or has an
    // event, or both (the settle check takes it once either way).
    const int wd = ::inotify_add_watch(fd_, folder.c_str(), kWatchMask);
    if (wd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return;   // gone again already
        const std::string reason = errno == ENOSPC ? "the inotify watch limit is reached (raise fs.inotify.max_user_watches)"
                                                   : std::strerror(errno);
        throw std::runtime_error("cannot watch " + folder.string() + ": " + reason);
    }
    folders_[wd] = folder.string();   // the same folder again keeps its descriptor: the path is refreshed
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const fs::path& entry = it->path();
        if (hidden(entry.filename().string())) continue;
        std::error_code status_error;
        const auto status = it->symlink_status(status_error);
        // Folders linked into the tree are not followed, as ingest's walker does not follow them.
        if (fs::is_directory(status)) {
            watch_tree(entry, files);
        } else if (files && fs::is_regular_file(status)) {
            files->push_back(entry.string());
        }
    }
}

void FolderWatcher::forget_tree(const std::string& folder) {
    for (auto it = folders_.begin(); it != folders_.end();) {
        if (it->second == folder || is_under(it->second, folder)) {
            ::inotify_rm_watch(fd_, it->first);
            it = folders_.erase(it);
        } else {
            ++it;
        }
    }
}

FolderWatcher::Events FolderWatcher::wait(std::chrono::milliseconds timeout) {
    Events events;
    pollfd poll_fd{fd_, POLLIN, 0};
    if (::poll(&poll_fd, 1, static_cast<int>(timeout.count())) <= 0) return events;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t length = ::read(fd_, buffer, sizeof buffer);
        if (length <= 0) break;   // EAGAIN: read everything there was
        for (ssize_t offset = 0; offset < length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                events.overflowed = true;
                continue;
            }
            const auto folder = folders_.find(event->wd);
            if (folder == folders_.end()) continue;   // a watch already forgotten
            if (event->mask & IN_IGNORED) {
                folders_.erase(folder);
                continue;
            }
            if (event->mask & IN_DELETE_SELF) {
                // Only a root reports itself: a folder below was reported by its parent.
                for (const auto& root : roots_) {
                    if (root == folder->second) std::cerr << "gongwen: watched folder " << root << " was deleted\n";
                }
                events.paths.push_back(folder->second);
                continue;
            }
            const std::string name = event->len ? event->name : "";
            if (name.empty() || hidden(name)) continue;
            const std::string path = folder->second + "/" + name;
            if (event->mask & IN_ISDIR) {
                if (event->mask & (IN_CREATE | IN_MOVED_TO)) {
                    watch_tree(path, &events.paths);
                } else if (event->mask & (IN_DELETE | IN_MOVED_FROM)) {
                    forget_tree(path);
                    events.paths.push_back(path);
                }
                continue;
            }
            events.paths.push_back(path);
        }
    }
    return events;
}

}  // namespace gongwen::app
