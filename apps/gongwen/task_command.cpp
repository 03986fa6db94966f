// `gongwen task done|start|reopen|cancel|show TASK_ID`: records a task's state in the task state
// database beside the index (gongwen/index/task_state.hpp) and shows it with its history.
#include <ctime>
#include <iostream>

#include "commands.hpp"
#include "deadline_formats.hpp"
#include "deadline_view.hpp"
#include "index_selection.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/task_matching.hpp"
#include "task_update.hpp"

namespace gongwen::app {
namespace {

const char* status_word(const std::string& status) {
    if (status == "done") return "已完成 (done)";
    if (status == "in_progress") return "进行中 (in_progress)";
    if (status == "cancelled") return "已取消 (cancelled)";
    return "未完成 (open)";
}

void print_change(std::ostream& out, const index::TaskChange& change) {
    out << "  " << change.changed_at << "  " << change.status;
    if (change.done_on) out << " on " << *change.done_on;
    out << "  by " << change.changed_by;
    if (change.note) out << "  — " << *change.note;
    out << "\n";
}

void print_task(std::ostream& out, const std::string& id, const index::TrackedTask* tracked, const std::optional<index::TaskState>& state,
                const std::vector<index::TaskChange>& history) {
    out << "task " << id << (tracked ? "" : "  [archived: its document is no longer in the index; the state is kept and "
                                            "comes back when the document is ingested again]")
        << "\n";
    if (tracked) {
        const auto& entry = tracked->entry;
        const Task& task = entry.task;
        out << "document:  " << entry.doc_number.value_or("-") << "  " << entry.title.value_or("") << "\n"
            << "file:      " << entry.path << "  (doc id " << entry.doc_id << ")\n"
            << "序号:      " << task.seq << "\n"
            << "task:      " << task.task << "\n";
        if (!task.units.empty()) {
            std::string units;
            for (const auto& unit : task.units) units += (units.empty() ? "" : "、") + unit;
            out << "units:     " << units << "\n";
        }
        out << "deadline:  " << (task.deadline_text.empty() ? "-" : task.deadline_text) << (task.due.empty() ? "" : "  (" + task.due + ")")
            << "\n";
    } else if (state) {
        out << "document:  " << state->doc_number.value_or("-") << "  " << state->title.value_or("") << "\n"
            << "file:      " << state->path << "  (as last seen)\n"
            << "序号:      " << state->seq << "\n"
            << "task:      " << state->task << "\n";
    }
    out << "state:     " << status_word(state ? state->current.status : "open");
    if (state && state->current.done_on) out << " on " << *state->current.done_on;
    out << "\n";
    if (state && state->current.note) out << "note:      " << *state->current.note << "\n";
    if (state) out << "changed:   " << state->current.changed_at << " by " << state->current.changed_by << "\n";
    out << "history:" << (history.empty() ? "   none (never changed)" : "") << "\n";
    for (const auto& change : history) print_change(out, change);
}

}  // namespace

int run_task(const TaskOptions& options, const GlobalOptions& global) {
    auto loaded = load_config_or_report(global);
    if (!loaded) return kFatal;
    const core::Config config = std::move(*loaded);
    const bool change = options.action != "show";
    if (options.date && options.action != "done") {
        std::cerr << "gongwen: --date is the done date: it goes with `task done` only\n";
        return kFatal;
    }
    std::optional<Date> done_on;
    if (options.date && !(done_on = parse_iso_date(*options.date))) {
        std::cerr << "gongwen: --date " << *options.date << ": not a date (expected YYYY-MM-DD)\n";
        return kFatal;
    }
    if (options.action == "done" && !done_on && !(done_on = local_today())) {
        std::cerr << "gongwen: cannot read today's date from the system clock; pass --date YYYY-MM-DD\n";
        return kFatal;
    }
    try {
        const auto location = task_state_location(options.index, config);
        if (!location) {
            std::cerr << "gongwen: task state is kept beside a local index, and this one is remote: pass --index with the "
                         "local index directory or stub file\n";
            return kFatal;
        }
        const index::IndexSet index_set = open_selected_index(options.index, config);
        warn_about_missing_shards(index_set);
        index::TaskStateStore store(*location, change);
        const auto found = find_task(index_set.database, store, options.task_id);
        if (!found) {
            std::cerr << "gongwen: no task " << options.task_id << " in " << options.index.value_or(config.index_path).string()
                      << " (task ids are in the ID column of `gongwen deadlines`, or its --format json)\n";
            return kFatal;
        }
        if (!change) {
            print_task(std::cout, options.task_id, found->tracked ? &*found->tracked : nullptr, found->state, store.history(options.task_id));
            return kSuccess;
        }
        const index::TaskState next =
            apply_task_update(store, options.task_id, *found, {options.action, options.note, done_on, os_user_name()});
        std::cout << "task " << options.task_id << ": " << status_word(next.current.status)
                  << (next.current.done_on ? " on " + *next.current.done_on : std::string()) << " — " << next.task << "\n";
        return kSuccess;
    } catch (const index::TaskStateError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    } catch (...) {
        return report_index_error();
    }
}

}  // namespace gongwen::app
