// Makes a large index for latency measurements: every entry of a gongwen index (documents and
// tasks) copied N times under new document ids (`<id>~<copy>`), so that collapse, facets and
// snippets work on the copies exactly as on the original.
//
//   build/bin/make_big_index SOURCE_INDEX TARGET_INDEX COPIES
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/stored_document.hpp"

namespace {

using namespace gongwen::index;

// Replaces the term `prefix + old_value` (if present) by `prefix + new_value`, keeping it boolean.
void rename_term(Xapian::Document& document, const std::string& prefix, const std::string& old_value, const std::string& new_value) {
    try {
        document.remove_term(prefix + old_value);
        document.add_boolean_term(prefix + new_value);
    } catch (const Xapian::InvalidArgumentError&) {
        // The entry does not carry that term.
    }
}

// The copies stand for other documents of the same size, not for copies of one document
// (copy_groups.hpp): each gets its own copy key (its number and MinHash signature salted), so that
// search looks their copies up as it would in a real index, and finds none.
void give_own_copy_key(Xapian::Document& entry, int copy, const std::string& id_suffix, bool is_document) {
    auto info = decode_copy_info(entry.get_value(slot::copy_info));
    if (!info) return;
    if (is_document) {
        for (const auto& old_term : copy_terms(*info)) entry.remove_term(old_term);
    }
    if (!info->number.empty()) info->number += id_suffix;
    for (auto& value : info->signature) value ^= 0x9e3779b9u * static_cast<std::uint32_t>(copy + 1);
    info->doc_id += id_suffix;
    info->path += id_suffix;
    if (is_document) {
        for (const auto& new_term : copy_terms(*info)) entry.add_boolean_term(new_term);
    }
    entry.add_value(slot::copy_info, encode_copy_info(*info));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: make_big_index SOURCE_INDEX TARGET_INDEX COPIES\n";
        return 1;
    }
    const int copies = std::atoi(argv[3]);
    try {
        Xapian::Database source(argv[1]);
        Xapian::WritableDatabase target(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
        target.set_metadata(std::string(metadata::schema_version), source.get_metadata(std::string(metadata::schema_version)));
        for (int copy = 0; copy < copies; ++copy) {
            const std::string suffix = "~" + std::to_string(copy);
            for (auto it = source.postlist_begin(""); it != source.postlist_end(""); ++it) {
                Xapian::Document entry = source.get_document(*it);
                const std::string id = entry.get_value(slot::doc_id);
                // A document's data is a summary line and the record (stored_document.hpp); a task's is JSON.
                const std::string stored = entry.get_data();
                const bool is_document = stored.find('\n') != std::string::npos;
                auto data = stored_record(stored);
                std::string unique_suffix;
                if (!data.is_discarded() && data.contains("task") && data.contains("index")) unique_suffix = "@task" + std::to_string(data["index"].get<int>());
                rename_term(entry, std::string(prefix::doc_id), id, id + suffix);
                rename_term(entry, std::string(prefix::unique), id + unique_suffix, id + suffix + unique_suffix);
                entry.add_value(slot::doc_id, id + suffix);
                give_own_copy_key(entry, copy, suffix, is_document);
                if (!data.is_discarded() && data.contains("doc_id")) {   // a task
                    data["doc_id"] = id + suffix;
                    if (data.contains("path")) data["path"] = data["path"].get<std::string>() + suffix;
                    entry.set_data(data.dump());
                } else if (!data.is_discarded() && is_document) {
                    data["id"] = id + suffix;
                    if (data.contains("source") && data["source"].contains("path")) data["source"]["path"] = data["source"]["path"].get<std::string>() + suffix;
                    entry.set_data(encode_stored_document(data));
                }
                target.add_document(entry);
            }
            target.commit();
            std::cerr << "copy " << copy + 1 << "/" << copies << ": " << target.get_doccount() << " entries\n";
        }
        std::cout << target.get_doccount() << "\n";
    } catch (const Xapian::Error& error) {
        std::cerr << "make_big_index: " << error.get_description() << "\n";
        return 1;
    }
    return 0;
}
