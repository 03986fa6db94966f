// Some task entries of an index, tracked (task_matching.hpp) exactly as tracking every task would
// track them: what lets the deadline view read the tasks it shows and not the whole index.
//
// Why reading a few is enough:
// - Copies. all_tasks() leaves out the tasks of every copy but the best of its group, and groups
//   are joined transitively among the files with tasks (lesser_copies). The group of a document is
//   found by following its copy terms from document to document until no new file with tasks turns
//   up; grouping that closed set (ordered by path, as all_tasks orders it) gives the same groups.
// - Identity and state. Everything track_tasks does stays within one document key (TaskKey::doc_key):
//   tasks sharing a key are numbered among themselves, an id is the hash of a key so a state's exact
//   match has the state's document key, and the fuzzy fallback only looks at tasks of the state's
//   document key. So the tasks of one document key (read whole, by its doc number or doc id term)
//   with the states of that key get the ids and states the whole index would give them.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "gongwen/index/task_matching.hpp"

namespace gongwen::index {

class TaskSubsetTracker {
public:
    /// `states`: every state of the task state database (TaskStateStore::all), in its order.
    TaskSubsetTracker(Xapian::Database database, std::vector<TaskState> states);

    /// The tasks of `entries` (task entries of the database) as track_tasks(TaskReader::all_tasks(),
    /// states) has them, in the order of `entries`; an entry all_tasks() leaves out (the task of a
    /// lesser copy, data that is no task) is left out here too.
    std::vector<TrackedTask> track(const std::vector<Xapian::docid>& entries);

    /// The task of one task entry as read, before copies and states (nullptr when its data is no
    /// task): enough to order the entries of a day as the view orders its rows, before tracking them.
    const IndexedTask* task(Xapian::docid entry);

    /// The task with id `task_id`, tracked as track_tasks(all_tasks(), states) tracks it: looked for
    /// among the tasks of the document keys that the states with that id, and the task entries
    /// whose key gives it (schema.hpp, prefix::task_key_id), name. nullopt when none has it there.
    std::optional<TrackedTask> find(const std::string& task_id);

    /// The tasks of the document `doc_id` as track_tasks(all_tasks(), states) has them (none when it
    /// is a lesser copy: its best copy lists them), in the order of their entries.
    std::vector<TrackedTask> document_tasks(const std::string& doc_id);

    /// Every task of the document keys that have a recorded state, tracked as the full read tracks
    /// them: the only tasks that can carry a state (a state only ever goes to a task of its own key),
    /// so every task whose state is done, cancelled or in progress is among them. nullopt when a
    /// state's key cannot be looked up by its terms (a number that does not parse back to itself).
    std::optional<std::vector<TrackedTask>> tasks_of_state_keys();

    /// The states no task carries (archived_states(track_tasks(all_tasks(), states), states)), found
    /// by tracking only the document keys of the states: a state only ever goes to a task of its own
    /// key. nullopt when a state's key cannot be looked up by its terms (a number that does not
    /// parse back to itself): then only the full read can tell.
    std::optional<std::vector<TaskState>> archived_states();

    /// Whether the task entries of a document key can be found by its terms: an "id:" key, or a
    /// "no:" key whose number parses back to itself (the number the entries' terms carry).
    static bool searchable_key(const std::string& doc_key);

    /// Whether every task entry carries its id terms: then find() not finding an id means that no
    /// task of the index has it (in an index written before them, a full read must decide).
    bool ids_indexed() const;

    /// How many task entries have been read so far (for tests and measurements).
    std::size_t entries_read() const { return read_.size(); }

private:
    struct Entry {
        IndexedTask task;
        std::string copy_value;                       ///< slot::copy_info, decoded when first needed
        std::optional<std::optional<CopyInfo>> copy;
    };
    Entry* entry(Xapian::docid docid);
    const std::optional<CopyInfo>& copy_of(Entry& entry);
    std::string doc_key_of(const IndexedTask& task);
    const std::optional<CopyInfo>& document_copy(Xapian::docid docid);
    std::vector<Xapian::docid> task_entries_with(const std::string& term);
    bool is_lesser_copy(Entry& entry);
    const std::map<Xapian::docid, TrackedTask>& tracked_key(const std::string& doc_key, const Entry* sample);

    Xapian::Database database_;
    std::map<std::string, std::vector<TaskState>> states_by_key_;   ///< doc_key → its states, in store order
    std::map<Xapian::docid, std::optional<Entry>> read_;
    std::map<std::string, std::string> doc_key_of_number_;             ///< doc number → TaskKey::doc_key
    std::map<Xapian::docid, std::optional<CopyInfo>> document_copies_;   ///< document entry → its copy value
    std::map<std::string, bool> lesser_copy_;                        ///< path → left out as a lesser copy
    std::map<std::string, std::map<Xapian::docid, TrackedTask>> tracked_;   ///< doc_key → its tasks, tracked
};

}  // namespace gongwen::index
