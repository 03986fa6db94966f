// Task entries out of the index (see task_reader.hpp).
#include "gongwen/index/task_reader.hpp"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

std::optional<std::string> optional_string(const nlohmann::json& json, const char* key) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

}  // namespace

std::set<std::string> lesser_copies(const std::map<std::string, CopyInfo>& copy_of_path) {
    std::set<std::string> dropped;
    if (copy_of_path.size() < 2) return dropped;
    std::vector<CopyInfo> infos;
    for (const auto& [path, info] : copy_of_path) infos.push_back(info);
    const auto groups = group_copies(infos);
    std::map<std::size_t, std::size_t> best_of_group;
    for (std::size_t i = 0; i < infos.size(); ++i) {
        auto [best, added] = best_of_group.emplace(groups[i], i);
        if (!added && better_copy(infos[i], infos[best->second])) best->second = i;
    }
    for (std::size_t i = 0; i < infos.size(); ++i) {
        if (best_of_group[groups[i]] != i) dropped.insert(infos[i].path);
    }
    return dropped;
}

std::optional<IndexedTask> task_of_entry(const Xapian::Document& document) {
    const auto json = nlohmann::json::parse(document.get_data(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::nullopt;
    IndexedTask entry;
    entry.doc_id = json.value("doc_id", "");
    entry.path = json.value("path", "");
    entry.doc_number = optional_string(json, "doc_number");
    entry.title = optional_string(json, "title");
    entry.signed_date = optional_string(json, "signed_date");
    entry.index = json.value("index", std::size_t{0});
    entry.task.seq = json.value("seq", 0);
    entry.task.task = json.value("task", "");
    entry.task.units = json.value("units", std::vector<std::string>{});
    entry.task.lead_units = json.value("lead_units", std::vector<std::string>{});
    entry.task.deadline_text = json.value("deadline_text", "");
    entry.task.due = optional_string(json, "due").value_or("");
    entry.task.kind = json.value("kind", "deadline");
    entry.task.page = json.value("page", 1);
    entry.task.section = json.value("section", "");
    entry.task.parent = json.value("parent", "");
    entry.task.milestones = json.value("milestones", std::vector<std::string>{});
    return entry;
}

TaskReader::TaskReader(const std::filesystem::path& directory) { database_ = open_index_for_reading(directory); }

TaskReader::TaskReader(Xapian::Database database) : database_(std::move(database)) {
    require_current_schema(database_, "");
}

std::vector<IndexedTask> TaskReader::all_tasks() const {
    std::vector<IndexedTask> tasks;
    // The copy value of each file's tasks (copy_groups.hpp): copies of one document list their tasks
    // once, from the best copy that has tasks. Grouped among the files with tasks only, in memory: a
    // copy without tasks has nothing to list twice.
    std::map<std::string, CopyInfo> copy_of_path;
    const std::string kind = std::string(prefix::kind) + "task";
    for (auto it = database_.postlist_begin(kind); it != database_.postlist_end(kind); ++it) {
        const Xapian::Document document = database_.get_document(*it);
        auto read = task_of_entry(document);
        if (!read) continue;
        IndexedTask& entry = *read;
        if (!copy_of_path.contains(entry.path)) {
            if (auto info = decode_copy_info(document.get_value(slot::copy_info))) copy_of_path.emplace(entry.path, std::move(*info));
        }
        tasks.push_back(std::move(entry));
    }
    // Copies of one document list their tasks once: every copy but the best of its group is left out
    // (entries without a copy value, written before copies were detected, are kept).
    const auto dropped = lesser_copies(copy_of_path);
    std::erase_if(tasks, [&](const IndexedTask& task) { return dropped.contains(task.path); });
    return tasks;
}

}  // namespace gongwen::index
