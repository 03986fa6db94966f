// One change of a task's state (see task_update.hpp).
#include "task_update.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "deadline_view.hpp"
#include "gongwen/index/task_reader.hpp"
#include "gongwen/index/task_subset.hpp"

namespace gongwen::app {

bool is_task_action(const std::string& word) { return word == "done" || word == "start" || word == "reopen" || word == "cancel"; }

std::string status_of_action(const std::string& action) {
    if (action == "done") return "done";
    if (action == "start") return "in_progress";
    if (action == "cancel") return "cancelled";
    return "open";   // reopen
}

std::string os_user_name() {
    if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name) return entry->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "uid " + std::to_string(::getuid());
}

std::optional<FoundTask> find_task(const Xapian::Database& database, const index::TaskStateStore& store, const std::string& task_id) {
    const auto states = store.all();
    FoundTask found;
    // The tasks of the one document key the id leads to (a few entries, at any archive size), or,
    // in an index written before task entries carried their ids, every task.
    index::TaskSubsetTracker tracker(database, states);
    if (auto task = tracker.find(task_id)) {
        found.state = task->state;
        found.tracked = std::move(*task);
        return found;
    }
    // Not found: an answer only when every task entry carries its ids and the id's states name keys
    // whose entries the terms find; else the full read decides.
    const bool states_searchable = std::all_of(states.begin(), states.end(), [&](const index::TaskState& state) {
        return state.task_id != task_id || index::TaskSubsetTracker::searchable_key(state.doc_key);
    });
    if (!tracker.ids_indexed() || !states_searchable) {
        for (auto& candidate : index::track_tasks(index::TaskReader(database).all_tasks(), states)) {
            if (candidate.task_id == task_id) {
                found.state = candidate.state;
                found.tracked = std::move(candidate);
                return found;
            }
        }
    }
    for (const auto& archived : states) {
        if (archived.task_id == task_id) found.state = archived;
    }
    if (!found.state) return std::nullopt;
    return found;
}

index::TaskState apply_task_update(index::TaskStateStore& store, const std::string& task_id, const FoundTask& found, const TaskUpdate& update) {
    index::TaskState next = found.state.value_or(index::TaskState{});
    next.task_id = task_id;
    if (found.tracked) {   // the key and what the task looks like now: a fuzzy match moves the state to the new text
        const auto& task = *found.tracked;
        next.doc_key = task.key.doc_key;
        next.seq = task.key.seq;
        next.text = task.key.text;
        next.doc_number = task.entry.doc_number;
        next.title = task.entry.title;
        next.task = task.entry.task.task;
        next.path = task.entry.path;
    }
    next.current.status = status_of_action(update.action);
    next.current.done_on = next.current.status == "done" && update.done_on ? std::optional(update.done_on->iso()) : std::nullopt;
    if (update.note) next.current.note = *update.note;
    next.current.changed_by = update.user;
    next.current.changed_at = utc_time("%Y-%m-%dT%H:%M:%SZ");
    store.record(next);
    return next;
}

}  // namespace gongwen::app
