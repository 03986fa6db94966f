// Tracking some task entries exactly (see task_subset.hpp).
#include "gongwen/index/task_subset.hpp"

#include "gongwen/doc_number.hpp"
#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/tasks_by_due.hpp"

namespace gongwen::index {

TaskSubsetTracker::TaskSubsetTracker(Xapian::Database database, std::vector<TaskState> states) : database_(std::move(database)) {
    for (auto& state : states) states_by_key_[state.doc_key].push_back(std::move(state));
}

TaskSubsetTracker::Entry* TaskSubsetTracker::entry(Xapian::docid docid) {
    auto [it, added] = read_.try_emplace(docid);
    if (added) {
        const Xapian::Document document = database_.get_document(docid, Xapian::DOC_ASSUME_VALID);
        if (auto task = task_of_entry(document)) it->second = Entry{std::move(*task), document.get_value(slot::copy_info), std::nullopt};
    }
    return it->second ? &*it->second : nullptr;
}

// Decoded once, and only for the entries tracked: a copy value is most of an entry's bytes.
const std::optional<CopyInfo>& TaskSubsetTracker::copy_of(Entry& entry) {
    if (!entry.copy) entry.copy = decode_copy_info(entry.copy_value);
    return *entry.copy;
}

// TaskKey::doc_key without the task's text, once per doc number (parsing a number is not free).
std::string TaskSubsetTracker::doc_key_of(const IndexedTask& task) {
    if (!task.doc_number) return "id:" + task.doc_id;
    auto [it, added] = doc_key_of_number_.try_emplace(*task.doc_number);
    if (added) {
        IndexedTask bare;   // no doc id: a number that normalizes to nothing gives "id:", completed below
        bare.doc_number = task.doc_number;
        it->second = task_key(bare).doc_key;
    }
    return it->second == "id:" ? "id:" + task.doc_id : it->second;
}

// A document entry's copy value, decoded once: the entries sharing a number are met again for
// each of their tasks shown.
const std::optional<CopyInfo>& TaskSubsetTracker::document_copy(Xapian::docid docid) {
    auto [it, added] = document_copies_.try_emplace(docid);
    if (added) it->second = decode_copy_info(database_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(slot::copy_info));
    return it->second;
}

const IndexedTask* TaskSubsetTracker::task(Xapian::docid docid) {
    Entry* found = entry(docid);
    return found ? &found->task : nullptr;
}

// The task entries among the entries that carry `term`, in docid order (matching_entries).
std::vector<Xapian::docid> TaskSubsetTracker::task_entries_with(const std::string& term) {
    return matching_entries(database_, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), Xapian::Query(std::string(prefix::kind) + "task")));
}

bool TaskSubsetTracker::is_lesser_copy(Entry& start) {
    if (const auto known = lesser_copy_.find(start.task.path); known != lesser_copy_.end()) return known->second;
    const auto& start_copy = copy_of(start);
    if (!start_copy) return false;   // written before copies were detected: always listed
    // The files with tasks joined to this one by copy links (a shared copy term and are_copies(), the
    // links group_copies joins by), followed until none is new: the only files whose copy values can
    // change this file's group. Only links, not every entry sharing a term: in a big archive the
    // entries sharing terms with entries sharing terms… reach most of the index (1M documents: 11 s).
    std::map<std::string, CopyInfo> group_of_files{{start.task.path, *start_copy}};
    std::vector<CopyInfo> to_follow{*start_copy};
    std::set<Xapian::docid> seen;
    while (!to_follow.empty()) {
        const CopyInfo info = std::move(to_follow.back());
        to_follow.pop_back();
        for (const auto& term : copy_terms(info)) {
            // Most documents have no copy: each of their terms is theirs alone, nothing to read.
            if (database_.get_termfreq(term) < 2) continue;
            for (auto it = database_.postlist_begin(term); it != database_.postlist_end(term); ++it) {   // document entries only
                if (!seen.insert(*it).second) continue;
                const auto& other = document_copy(*it);
                if (!other || !are_copies(info, *other)) continue;
                // As all_tasks() has it: the file of its tasks, with the copy value of its first task entry that has one.
                for (const Xapian::docid task : task_entries_with(std::string(prefix::doc_id) + other->doc_id)) {
                    Entry* found = entry(task);
                    if (!found || !copy_of(*found)) continue;
                    if (are_copies(info, *copy_of(*found)) && group_of_files.emplace(found->task.path, *copy_of(*found)).second) {
                        to_follow.push_back(*copy_of(*found));
                    }
                    break;
                }
            }
        }
    }
    const auto lesser = lesser_copies(group_of_files);
    for (const auto& [path, info] : group_of_files) lesser_copy_[path] = lesser.contains(path);
    return lesser_copy_[start.task.path];
}

const std::map<Xapian::docid, TrackedTask>& TaskSubsetTracker::tracked_key(const std::string& doc_key, const Entry* sample) {
    if (const auto known = tracked_.find(doc_key); known != tracked_.end()) return known->second;
    // Every task entry of the document key: those of the doc id, or of every document with the
    // number (a key known from a state alone: its number is the normalized one the terms carry).
    std::string term;
    if (sample) {
        term = doc_key.starts_with("id:") || !sample->task.doc_number ? std::string(prefix::doc_id) + sample->task.doc_id
                                                                      : std::string(prefix::filter_number) + *sample->task.doc_number;
    } else {
        term = (doc_key.starts_with("id:") ? std::string(prefix::doc_id) : std::string(prefix::filter_number)) + doc_key.substr(3);
    }
    std::vector<Xapian::docid> docids;
    std::vector<IndexedTask> tasks;
    std::vector<TaskKey> keys;
    for (const Xapian::docid docid : task_entries_with(term)) {   // in docid order, as all_tasks() reads them
        Entry* found = entry(docid);
        if (!found || doc_key_of(found->task) != doc_key || is_lesser_copy(*found)) continue;
        docids.push_back(docid);
        tasks.push_back(found->task);
        keys.push_back(TaskKey{doc_key, found->task.task.seq, normalized_task_text(found->task.task.task)});   // task_key, its number parsed once
    }
    auto tracked = track_tasks(std::move(tasks), std::move(keys), states_by_key_[doc_key]);
    auto& out = tracked_[doc_key];
    for (std::size_t i = 0; i < docids.size(); ++i) out.emplace(docids[i], std::move(tracked[i]));
    return out;
}

std::vector<TrackedTask> TaskSubsetTracker::track(const std::vector<Xapian::docid>& entries) {
    std::vector<TrackedTask> tracked;
    for (const Xapian::docid docid : entries) {
        Entry* found = entry(docid);
        if (!found || is_lesser_copy(*found)) continue;
        const std::string doc_key = doc_key_of(found->task);
        const auto& of_key = tracked_key(doc_key, found);
        if (const auto it = of_key.find(docid); it != of_key.end()) {
            tracked.push_back(it->second);
        } else {
            // Not found by its own number's term (an entry written unlike index_writer writes them):
            // tracked on its own, with the states of its key.
            tracked.push_back(track_tasks({found->task}, states_by_key_[doc_key]).front());
        }
    }
    return tracked;
}

std::optional<TrackedTask> TaskSubsetTracker::find(const std::string& task_id) {
    std::map<std::string, const Entry*> keys;   // doc key → an entry of it, when one led there
    for (const auto& [doc_key, states] : states_by_key_) {
        for (const auto& state : states) {
            if (state.task_id == task_id) keys.try_emplace(doc_key, nullptr);
        }
    }
    for (const Xapian::docid docid : task_entries_with(std::string(prefix::task_key_id) + task_id)) {
        if (Entry* found = entry(docid)) keys.insert_or_assign(doc_key_of(found->task), found);
    }
    for (const auto& [doc_key, sample] : keys) {
        for (const auto& [docid, tracked] : tracked_key(doc_key, sample)) {
            if (tracked.task_id == task_id) return tracked;
        }
    }
    return std::nullopt;
}

std::vector<TrackedTask> TaskSubsetTracker::document_tasks(const std::string& doc_id) {
    return track(task_entries_with(std::string(prefix::doc_id) + doc_id));
}

std::optional<std::vector<TrackedTask>> TaskSubsetTracker::tasks_of_state_keys() {
    std::vector<TrackedTask> tasks;
    for (const auto& [doc_key, states] : states_by_key_) {
        if (!searchable_key(doc_key)) return std::nullopt;
        for (const auto& [docid, tracked] : tracked_key(doc_key, nullptr)) tasks.push_back(tracked);
    }
    return tasks;
}

std::optional<std::vector<TaskState>> TaskSubsetTracker::archived_states() {
    const auto tasks = tasks_of_state_keys();
    if (!tasks) return std::nullopt;
    std::set<std::string> carried;
    for (const auto& tracked : *tasks) {
        if (tracked.state) carried.insert(tracked.state->task_id);
    }
    std::vector<TaskState> archived;
    for (const auto& [doc_key, states] : states_by_key_) {
        for (const auto& state : states) {
            if (!carried.contains(state.task_id)) archived.push_back(state);
        }
    }
    return archived;
}

bool TaskSubsetTracker::searchable_key(const std::string& doc_key) {
    if (doc_key.starts_with("id:")) return true;
    if (!doc_key.starts_with("no:")) return false;
    const auto number = parse_doc_number(doc_key.substr(3));
    return number && number->normalized == doc_key.substr(3);
}

bool TaskSubsetTracker::ids_indexed() const {
    return database_.get_termfreq(std::string(prefix::task_key_id)) == database_.get_termfreq(std::string(prefix::kind) + "task");
}

}  // namespace gongwen::index
