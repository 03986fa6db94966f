// Task entries out of the index (see task_reader.hpp).
#include "gongwen/index/task_reader.hpp"

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

TaskReader::TaskReader(const std::filesystem::path& directory) { database_ = open_index_for_reading(directory); }

TaskReader::TaskReader(Xapian::Database database) : database_(std::move(database)) {
    require_current_schema(database_, "");
}

std::vector<IndexedTask> TaskReader::all_tasks() const {
    std::vector<IndexedTask> tasks;
    const std::string kind = std::string(prefix::kind) + "task";
    for (auto it = database_.postlist_begin(kind); it != database_.postlist_end(kind); ++it) {
        const auto json = nlohmann::json::parse(database_.get_document(*it).get_data(), nullptr, false);
        if (json.is_discarded() || !json.is_object()) continue;
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
        tasks.push_back(std::move(entry));
    }
    return tasks;
}

}  // namespace gongwen::index
