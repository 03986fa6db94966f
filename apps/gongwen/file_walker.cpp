// Depth-first walk with one sorted listing per open folder (see file_walker.hpp).
#include "file_walker.hpp"

#include <algorithm>
#include <cerrno>

namespace gongwen::app {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const fs::path& path) {
    std::error_code error;
    const auto absolute = fs::absolute(path, error);
    fs::path normal = (error ? path : absolute).lexically_normal();
    // "docs/" and "docs" are the same input, and file paths under it must not depend on the slash.
    if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
    return normal;
}

// True when `inner` is `outer` or lies under it, compared by path components.
bool within(const fs::path& inner, const fs::path& outer) {
    auto at = inner.begin();
    for (const auto& part : outer) {
        if (at == inner.end() || *at != part) return false;
        ++at;
    }
    return true;
}

}  // namespace

FileWalker::FileWalker(const std::vector<fs::path>& inputs) {
    for (const auto& input : inputs) inputs_.push_back(absolute_normal(input));
    std::sort(inputs_.begin(), inputs_.end());
    inputs_.erase(std::unique(inputs_.begin(), inputs_.end()), inputs_.end());
    // Sorted, a folder comes before everything inside it.
    std::vector<fs::path> kept;
    for (const auto& input : inputs_) {
        const bool covered = std::any_of(kept.begin(), kept.end(), [&](const fs::path& folder) {
            std::error_code error;
            return fs::is_directory(folder, error) && within(input, folder);
        });
        if (!covered) kept.push_back(input);
    }
    inputs_ = std::move(kept);
}

void FileWalker::open_folder(const fs::path& folder) {
    Folder listing;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        listing.entries.push_back(it->path());
    }
    if (error) {
        pending_.push_back({folder.string(), "cannot list folder: " + error.message()});
        return;
    }
    std::sort(listing.entries.begin(), listing.entries.end());
    stack_.push_back(std::move(listing));
}

std::optional<WalkItem> FileWalker::next() {
    for (;;) {
        if (!pending_.empty()) {
            WalkItem item = std::move(pending_.back());
            pending_.pop_back();
            return item;
        }
        if (stack_.empty()) {
            if (next_input_ == inputs_.size()) return std::nullopt;
            const fs::path& input = inputs_[next_input_++];
            std::error_code error;
            const auto status = fs::status(input, error);
            if (error || !fs::exists(status)) return WalkItem{input.string(), "no such file or directory"};
            if (!fs::is_directory(status)) return WalkItem{input.string(), ""};   // named explicitly: read it
            open_folder(input);
            continue;
        }
        Folder& folder = stack_.back();
        if (folder.next == folder.entries.size()) {
            stack_.pop_back();
            continue;
        }
        const fs::path path = folder.entries[folder.next++];
        if (path.filename().string().starts_with(".")) continue;
        std::error_code error;
        const auto link_status = fs::symlink_status(path, error);
        if (error) continue;   // gone since the listing
        if (fs::is_symlink(link_status)) {
            const auto target = fs::status(path, error);
            if (error || !fs::exists(target)) {
                // A dangling or looping link is a file the user expects to be read: say why not.
                return WalkItem{path.string(), error.value() == ELOOP ? "symbolic link loop" : "broken symbolic link"};
            }
            if (fs::is_regular_file(target)) return WalkItem{path.string(), ""};
            continue;   // a linked folder: not followed
        }
        if (fs::is_directory(link_status)) {
            open_folder(path);
            continue;
        }
        if (fs::is_regular_file(link_status)) return WalkItem{path.string(), ""};
    }
}

}  // namespace gongwen::app
