// Joining tasks with their state (see task_matching.hpp).
#include "gongwen/index/task_matching.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace gongwen::index {

std::vector<TrackedTask> track_tasks(std::vector<IndexedTask> tasks, const std::vector<TaskState>& states) {
    std::vector<TaskKey> keys;
    keys.reserve(tasks.size());
    for (const auto& entry : tasks) keys.push_back(task_key(entry));
    return track_tasks(std::move(tasks), std::move(keys), states);
}

std::vector<TrackedTask> track_tasks(std::vector<IndexedTask> tasks, std::vector<TaskKey> keys, const std::vector<TaskState>& states) {
    std::vector<TrackedTask> tracked;
    tracked.reserve(tasks.size());
    std::map<std::string, std::vector<std::size_t>> same_key;   // the key's id → positions in `tracked`
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        TrackedTask task{std::move(tasks[i]), std::move(keys[i]), {}, std::nullopt};
        task.task_id = task_id(task.key);
        same_key[task.task_id].push_back(tracked.size());
        tracked.push_back(std::move(task));
    }
    // Every id names one task: tasks sharing a key are numbered in document order (the reader's
    // order is none), so each keeps its id from one listing to the next.
    std::map<std::string, std::size_t> by_id;
    for (auto& [id, positions] : same_key) {
        std::sort(positions.begin(), positions.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(tracked[a].entry.doc_id, tracked[a].entry.index) < std::tie(tracked[b].entry.doc_id, tracked[b].entry.index);
        });
        for (std::size_t k = 0; k < positions.size(); ++k) {
            TrackedTask& task = tracked[positions[k]];
            if (k > 0) task.task_id = task_id(task.key, static_cast<int>(k));
            by_id.emplace(task.task_id, positions[k]);
        }
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
