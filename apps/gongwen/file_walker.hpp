// The files under ingest's inputs, one at a time. A records office's tree can hold millions of
// files, so nothing is collected up front: the walker keeps only the sorted listing of each folder
// on the way down to the current one, and ingest starts on the first file at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gongwen::app {

struct WalkItem {
    std::string path;      ///< absolute, lexically normal (as given for non-UTF-8 names)
    std::string problem;   ///< empty: a regular file to read; else why it cannot be (broken link, …)
};

class FileWalker {
public:
    /// Inputs are files and folders. Duplicates and inputs inside another input folder are
    /// dropped, so no file is visited twice.
    explicit FileWalker(const std::vector<std::filesystem::path>& inputs);

    /// The next file (or problem) in a reproducible order: inputs sorted, each folder's entries
    /// sorted by name, depth first. Folders symlinked into the tree are not followed (no loops);
    /// hidden files and folders are skipped; other non-regular files (FIFOs, sockets) are ignored.
    std::optional<WalkItem> next();

private:
    struct Folder {
        std::vector<std::filesystem::path> entries;   // sorted
        std::size_t next = 0;
    };
    void open_folder(const std::filesystem::path& folder);

    std::vector<std::filesystem::path> inputs_;
    std::size_t next_input_ = 0;
    std::vector<Folder> stack_;
    std::vector<WalkItem> pending_;   // problems found while opening a folder
};

}  // namespace gongwen::app
