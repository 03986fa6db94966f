// The state of tasks (open, in progress, done, cancelled; done date, note, who and when) in an
// embedded SQLite database beside the index, with an append-only history of every change.
// State never goes into Xapian: the index stays read-only for its readers, and a compaction or
// re-ingest (which rewrite the index) cannot lose it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::index {

/// The database cannot be opened, is from a newer gongwen, or a write failed.
class TaskStateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The schema version this binary writes (PRAGMA user_version); a newer database is refused, an
/// older one is migrated when opened for writing. 1: task state and history; 2: + users (serve's
/// accounts, user_store.hpp).
inline constexpr int kTaskStateSchemaVersion = 2;

/// open | in_progress | done | cancelled
bool is_task_status(std::string_view word);

/// One change of a task's state, as the history keeps it.
struct TaskChange {
    std::string status;
    std::optional<std::string> done_on;   ///< YYYY-MM-DD, for done
    std::optional<std::string> note;
    std::string changed_by;               ///< the user who made the change
    std::string changed_at;               ///< UTC, YYYY-MM-DDTHH:MM:SSZ
};

/// A task's current state, with its key (task_identity.hpp) and what the task looked like when it
/// was last changed, so that a task whose document has left the index can still be shown.
struct TaskState {
    std::string task_id;
    std::string doc_key;
    int seq = 0;
    std::string text;                     ///< normalized task text of the key
    TaskChange current;
    std::optional<std::string> doc_number, title;
    std::string task;                     ///< the task text as printed
    std::string path;                     ///< the file it came from
};

class TaskStateStore {
public:
    /// Where the state of the index at `index` lives: `<index>.tasks.sqlite` next to it (for
    /// /srv/idx, /srv/idx.tasks.sqlite), never inside it, because `compact` replaces the index
    /// directory. A stub file of shards gets one beside it too. Throws for a tcp:// remote index.
    static std::filesystem::path location_for(const std::filesystem::path& index);

    /// Opens (creating when `writable`) the database. Throws TaskStateError when it is from a newer
    /// schema or cannot be opened. A reader of a missing file sees no state.
    TaskStateStore(const std::filesystem::path& file, bool writable);
    ~TaskStateStore();
    TaskStateStore(const TaskStateStore&) = delete;
    TaskStateStore& operator=(const TaskStateStore&) = delete;

    std::vector<TaskState> all() const;
    std::optional<TaskState> find(const std::string& task_id) const;
    /// Oldest first.
    std::vector<TaskChange> history(const std::string& task_id) const;
    /// Sets the state and appends `state.current` to the history, in one transaction.
    void record(const TaskState& state);

private:
    struct Connection;
    std::unique_ptr<Connection> db_;
};

}  // namespace gongwen::index
