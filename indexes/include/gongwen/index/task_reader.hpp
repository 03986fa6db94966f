// Reads the task entries of an index (one per row of a responsibility table, see schema.hpp):
// what `gongwen deadlines` lists.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/document.hpp"
#include "gongwen/index/copy_groups.hpp"

namespace gongwen::index {

/// A task with the document it comes from.
struct IndexedTask {
    std::string doc_id;
    std::string path;
    std::optional<std::string> doc_number;
    std::optional<std::string> title;
    std::optional<std::string> signed_date;
    std::size_t index = 0;   ///< position of the task in its document (tasks may repeat a 序号)
    Task task;
};

/// The task a task entry holds; nullopt when its data is not a task's.
std::optional<IndexedTask> task_of_entry(const Xapian::Document& entry);

/// The files among `copy_of_path` (a file with tasks → its copy value) whose tasks the deadline view
/// leaves out: every copy but the best of its group (copy_groups.hpp), so a document lists its tasks once.
std::set<std::string> lesser_copies(const std::map<std::string, CopyInfo>& copy_of_path);

class TaskReader {
public:
    /// Reads an opened index or shard set (see index_set.hpp).
    explicit TaskReader(Xapian::Database database);
    /// Opens the index read-only. Throws IndexError when it does not exist or cannot be read.
    explicit TaskReader(const std::filesystem::path& directory);

    /// Every task in the index, in no particular order.
    std::vector<IndexedTask> all_tasks() const;

private:
    Xapian::Database database_;
};

}  // namespace gongwen::index
