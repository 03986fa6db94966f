// `gongwen show DOC`: the stored record of one indexed document, all its fields.
#include <algorithm>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "index_selection.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/record_reader.hpp"
#include "search_json.hpp"

namespace gongwen::app {
namespace {

using nlohmann::json;

/// A scalar or list field as one line of text; empty when the record has no value.
std::string field_text(const json& value, const std::string& separator = "、") {
    if (value.is_null()) return "";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) return value.dump();
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            const std::string text = field_text(item, separator);
            if (!text.empty()) out += (out.empty() ? "" : separator) + text;
        }
        return out;
    }
    return value.dump();
}

void print_line(const std::string& label, const std::string& text) {
    if (!text.empty()) std::cout << label << text << "\n";
}

void print_record(const json& record) {
    const json& number = record.value("doc_number", json());
    const json& source = record.value("source", json::object());
    print_line("id:           ", field_text(record.value("id", json())));
    print_line("file:         ", field_text(source.value("path", json())));
    print_line("format:       ", field_text(source.value("format", json())) + " (" + field_text(source.value("pages", json())) +
                                     " pages, " + field_text(source.value("extractor", json())) + " plugin)");
    std::cout << "doc number:   " << (number.is_object() ? field_text(number.value("normalized", json())) : "—") << "\n";
    if (number.is_object()) {
        std::cout << "  agency " << field_text(number.value("agency", json())) << ", year "
                  << (number.value("year", json()).is_null() ? "—" : field_text(number["year"])) << ", serial "
                  << field_text(number.value("serial", json())) << ", as written " << field_text(number.value("text", json()))
                  << "\n";
    }
    print_line("issuer:       ", field_text(record.value("issuers", json())));
    print_line("title:        ", field_text(record.value("title", json())));
    print_line("doc type:     ", field_text(record.value("doc_type", json())));
    print_line("recipients:   ", field_text(record.value("recipients", json())));
    print_line("signed:       ", field_text(record.value("signed_date", json())));
    print_line("urgency:      ", field_text(record.value("urgency", json())));
    print_line("secrecy:      ", field_text(record.value("secrecy", json())));
    print_line("note:         ", field_text(record.value("note", json())));
    print_line("cc:           ", field_text(record.value("cc", json())));
    print_line("printed by:   ", field_text(record.value("printed_by", json())));
    print_line("printed date: ", field_text(record.value("printed_date", json())));
    if (const json& attachments = record.value("attachments", json::array()); !attachments.empty()) {
        std::cout << "attachments:\n";
        for (const auto& title : attachments) std::cout << "  " << field_text(title) << "\n";
    }
    if (const json& metadata = record.value("metadata", json::object()); metadata.is_object() && !metadata.empty()) {
        std::cout << "web metadata:\n";
        for (const auto& [label, value] : metadata.items()) std::cout << "  " << label << "：" << field_text(value) << "\n";
    }
    if (const json& cited = record.value("cited_documents", json::array()); !cited.empty()) {
        std::cout << "cited (" << cited.size() << "):\n";
        for (const auto& citation : cited) {
            const std::string title = field_text(citation.value("title", json()));
            std::cout << "  " << field_text(citation.value("doc_number", json())) << (title.empty() ? "" : "  《" + title + "》")
                      << "\n";
        }
    }
    if (const json& deadlines = record.value("deadlines", json::array()); !deadlines.empty()) {
        std::cout << "deadlines (" << deadlines.size() << "):\n";
        for (const auto& deadline : deadlines) {
            const std::string due = field_text(deadline.value("due", json()));
            const std::string clause = field_text(deadline.value("clause", json()));
            std::cout << "  " << (due.empty() ? "—" : due) << "  " << field_text(deadline.value("kind", json())) << "  "
                      << field_text(deadline.value("text", json())) << "  (p." << field_text(deadline.value("page", json()))
                      << (clause.empty() ? "" : ", " + clause) << ")\n";
        }
    }
    if (const json& tasks = record.value("tasks", json::array()); !tasks.empty()) {
        std::cout << "tasks (" << tasks.size() << "):\n";
        for (const auto& task : tasks) {
            const std::string due = field_text(task.value("due", json()));
            std::cout << "  " << field_text(task.value("seq", json())) << ". " << (due.empty() ? "—" : due) << "  "
                      << field_text(task.value("kind", json())) << "  " << field_text(task.value("task", json())) << "  ["
                      << field_text(task.value("units", json())) << "]\n";
        }
    }
    if (const json& clauses = record.value("clauses", json::array()); !clauses.empty()) {
        std::cout << "clauses:      " << clauses.size() << "\n";
    }
    for (const auto& warning : record.value("warnings", json::array())) std::cout << "warning:      " << field_text(warning) << "\n";
    if (const json& copies = record.value("copies", json::array()); copies.size() > 1) {
        std::cout << "copies (" << copies.size() << ", best first):\n";
        const std::string shown = field_text(source.value("path", json()));
        for (const auto& copy : copies) {
            const std::string path = field_text(copy.value("path", json()));
            const std::string ocr = field_text(copy.value("ocr_pages", json()), ",");
            std::cout << "  " << path << "  (" << field_text(copy.value("extractor", json())) << " plugin"
                      << (ocr.empty() ? "" : ", OCR pages " + ocr) << ")" << (path == shown ? "  ← shown" : "") << "\n";
        }
    }
}

// The copies of a record, best first (copy_groups.hpp).
std::vector<index::CopyFinder::Member> copies_of(const index::CopyFinder& finder, const json& record) {
    return finder.copies_of(field_text(record.value("id", json())));
}

// Several records for one key are one document when they are all copies of the first: a doc
// number printed by a PDF and its scan names one document, shown from its best copy. Otherwise
// nullopt (the key is ambiguous).
std::optional<json> one_document(const index::RecordReader& reader, const index::CopyFinder& finder, const std::vector<json>& records) {
    const auto members = copies_of(finder, records.front());
    if (members.empty()) return std::nullopt;
    for (const auto& record : records) {
        const std::string id = field_text(record.value("id", json()));
        if (std::none_of(members.begin(), members.end(), [&](const auto& member) { return member.info.doc_id == id; })) return std::nullopt;
    }
    const std::string& best_path = members.front().info.path;
    for (const auto& record : records) {
        if (field_text(record.value("source", json::object()).value("path", json())) == best_path) return record;
    }
    // The best copy does not print the number (its OCR missed it): read it by its path.
    if (auto best = reader.find(best_path); !best.empty()) return best.front();
    return records.front();
}

}  // namespace

int run_show(const ShowOptions& options, const GlobalOptions& global) {
    auto loaded = load_config_or_report(global);
    if (!loaded) return kFatal;
    core::Config config = std::move(*loaded);
    const auto directory = options.index.value_or(config.shards.empty() ? config.index_path : "([index] shards)");
    try {
        const index::IndexSet index_set = open_selected_index(options.index, config);
        warn_about_missing_shards(index_set);
        const index::RecordReader reader(index_set.database);
        const index::CopyFinder finder(index_set.database);
        auto records = reader.find(options.document);
        if (records.size() > 1) {
            if (auto record = one_document(reader, finder, records)) records = {std::move(*record)};
        }
        if (records.empty()) {
            std::cerr << "gongwen: no document '" << options.document << "' in the index " << directory.string()
                      << " (give a document id, an ingested file path or a doc number; `gongwen search` lists them)\n";
            return kFatal;
        }
        if (records.size() > 1) {
            std::cerr << "gongwen: " << records.size() << " documents match '" << options.document
                      << "'; give the id or the path of one:\n";
            for (const auto& record : records) {
                std::cerr << "  " << field_text(record.value("id", json())) << "  "
                          << field_text(record.value("source", json::object()).value("path", json())) << "\n";
            }
            return kFatal;
        }
        json record = std::move(records.front());
        std::vector<index::Copy> copies;
        for (const auto& member : copies_of(finder, record)) {
            if (!member.info.doc_id.empty()) copies.push_back(index::copy_of(member.info));
        }
        record["copies"] = copies_json(copies);
        if (options.json) std::cout << core::dump_json(record, 2) << "\n";
        else print_record(record);
        return kSuccess;
    } catch (...) {
        return report_index_error();
    }
}

}  // namespace gongwen::app
