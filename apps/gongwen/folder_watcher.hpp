// The inotify side of `gongwen watch`: every folder under the watched roots has a watch (new
// folders get one as they appear), and each event becomes the path it names. What to do with a
// path (wait until it settles, ingest, prune) is the caller's business (watch_command.cpp).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gongwen::app {

class FolderWatcher {
public:
    /// Watches `roots` (folders) and every folder below them. Throws std::runtime_error with a
    /// message naming the folder (missing, not a folder, out of inotify watches).
    explicit FolderWatcher(const std::vector<std::filesystem::path>& roots);
    ~FolderWatcher();
    FolderWatcher(const FolderWatcher&) = delete;
    FolderWatcher& operator=(const FolderWatcher&) = delete;

    struct Events {
        /// Files created, written, moved in, deleted or moved away; a folder deleted or moved
        /// away is named once (its files are gone with it). The files of a folder that appeared
        /// (created, or moved in whole, which gives no event for its contents) are listed.
        std::vector<std::string> paths;
        /// The kernel's event queue overflowed: events were lost, the roots must be walked again.
        bool overflowed = false;
    };
    /// Waits up to `timeout` for events and returns what they name (nothing on timeout).
    Events wait(std::chrono::milliseconds timeout);

    /// Watches every folder under the roots again (after an overflow, folders may have been missed).
    void rewatch();

    std::size_t folder_count() const { return folders_.size(); }
    const std::vector<std::string>& roots() const { return roots_; }

private:
    void watch_tree(const std::filesystem::path& folder, std::vector<std::string>* files);
    void forget_tree(const std::string& folder);

    int fd_ = -1;
    std::vector<std::string> roots_;
    std::map<int, std::string> folders_;   // watch descriptor -> folder path
};

}  // namespace gongwen::app
