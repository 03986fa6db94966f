// Joins the tasks of the index with their recorded state (task_state.hpp) by key
// (task_identity.hpp): exactly first, then by the fuzzy fallback for texts that changed a little.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gongwen/index/task_identity.hpp"
#include "gongwen/index/task_reader.hpp"
#include "gongwen/index/task_state.hpp"

namespace gongwen::index {

/// A task of the index with its id and, when one was recorded, its state.
struct TrackedTask {
    IndexedTask entry;
    TaskKey key;
    /// The id of its state when it has one (kept when the state was found by the fuzzy fallback,
    /// so an id once used stays valid), else the id of its key.
    std::string task_id;
    std::optional<TaskState> state;
};

/// Every task of `tasks`, in the same order, with its state. A state whose key is not among the
/// tasks goes to the task of the same document and 序号 whose normalized text is the most similar,
/// at least kFuzzyTaskSimilarity, and that has no state of its own. States that match no task
/// (their document left the index) are not returned: see archived_states.
std::vector<TrackedTask> track_tasks(std::vector<IndexedTask> tasks, const std::vector<TaskState>& states);
/// The same with the key of each task (task_key(tasks[i]) == keys[i]) already made.
std::vector<TrackedTask> track_tasks(std::vector<IndexedTask> tasks, std::vector<TaskKey> keys, const std::vector<TaskState>& states);

/// The states of `states` that no task of `tracked` carries.
std::vector<TaskState> archived_states(const std::vector<TrackedTask>& tracked, const std::vector<TaskState>& states);

}  // namespace gongwen::index
