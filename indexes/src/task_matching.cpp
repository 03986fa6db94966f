// Joining tasks with their state (see task_matching.hpp).
#include "gongwen/index/task_matching.hpp"

#include <map>
#include <set>

namespace gongwen::index {

std::vector<TrackedTask> track_tasks(std::vector<IndexedTask> tasks, const std::vector<TaskState>& states) {
    std::vector<TrackedTask> tracked;
    tracked.reserve(tasks.size());
    std::map<std::string, std::size_t> by_id;   // the key's id → position in `tracked`
    for (auto& entry : tasks) {
        TrackedTask task{std::move(entry), {}, {}, std::nullopt};
        task.key = task_key(task.entry);
        task.task_id = task_id(task.key);
        by_id.emplace(task.task_id, tracked.size());
        tracked.push_back(std::move(task));
    }
    std::vector<const TaskState*> unmatched;
    for (const auto& state : states) {
        const auto found = by_id.find(state.task_id);
        if (found != by_id.end() && !tracked[found->second].state) tracked[found->second].state = state;
        else unmatched.push_back(&state);
    }
    // The fuzzy fallback, after every exact match so that it never takes a task that has its own.
    for (const TaskState* state : unmatched) {
        TrackedTask* best = nullptr;
        double best_similarity = kFuzzyTaskSimilarity;
        for (auto& task : tracked) {
            if (task.state || task.key.doc_key != state->doc_key || task.key.seq != state->seq) continue;
            const double similarity = edit_similarity(task.key.text, state->text);
            if (similarity >= best_similarity) best = &task, best_similarity = similarity;
        }
        if (best) {
            best->state = *state;
            best->task_id = state->task_id;
        }
    }
    return tracked;
}

std::vector<TaskState> archived_states(const std::vector<TrackedTask>& tracked, const std::vector<TaskState>& states) {
    std::set<std::string> carried;
    for (const auto& task : tracked) {
        if (task.state) carried.insert(task.state->task_id);
    }
    std::vector<TaskState> archived;
    for (const auto& state : states) {
        if (!carried.count(state.task_id)) archived.push_back(state);
    }
    return archived;
}

}  // namespace gongwen::index
