// One change of a task's state, shared by `gongwen task` and the web page's POST /api/tasks/ID, so
// that both find the task, carry its key and record the change the same way.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "gongwen/dates.hpp"
#include "gongwen/index/task_matching.hpp"
#include "gongwen/index/task_state.hpp"

namespace gongwen::app {

/// done | start | reopen | cancel
bool is_task_action(const std::string& word);
/// The status an action records: done, in_progress, open, cancelled.
std::string status_of_action(const std::string& action);

/// The login of this process, for changes made from the command line or the loopback page.
std::string os_user_name();

/// A task found by id: in the index (with its recorded state, if any), or only in the state
/// database (archived: its document left the index).
struct FoundTask {
    std::optional<index::TrackedTask> tracked;
    std::optional<index::TaskState> state;
};

/// Looks `task_id` up among the tasks of `database` and the states of `store`; nullopt when
/// neither knows it.
std::optional<FoundTask> find_task(const Xapian::Database& database, const index::TaskStateStore& store, const std::string& task_id);

struct TaskUpdate {
    std::string action;                  ///< done | start | reopen | cancel
    std::optional<std::string> note;     ///< without one, the last note stays
    std::optional<Date> done_on;         ///< for done; required then
    std::string user;                    ///< who changes it
};

/// Records `update` for the task `found` (task_id `task_id`) and returns the state written.
index::TaskState apply_task_update(index::TaskStateStore& store, const std::string& task_id, const FoundTask& found, const TaskUpdate& update);

}  // namespace gongwen::app
