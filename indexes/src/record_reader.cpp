// Record lookup (see record_reader.hpp): every key form maps to one boolean term of the `Kdoc`
// entries, so a lookup is one filtered query, whatever the index size.
#include "gongwen/index/record_reader.hpp"

#include "gongwen/core/content_hash.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/stored_document.hpp"

namespace gongwen::index {
namespace {

/// The path as `ingest` stores it: absolute and lexically normal.
std::string ingested_form(const std::string& path) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error);
    return (error ? std::filesystem::path(path) : absolute).lexically_normal().string();
}

}  // namespace

RecordReader::RecordReader(const std::filesystem::path& directory) {
    database_ = open_index_for_reading(directory);
}

RecordReader::RecordReader(Xapian::Database database) : database_(std::move(database)) {
    require_current_schema(database_, "");
}

std::vector<nlohmann::json> RecordReader::records_with(const std::string& key_term) const {
    const Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(key_term), Xapian::Query(term(prefix::kind, "doc")));
    Xapian::Enquire enquire(database_);
    enquire.set_query(query);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<nlohmann::json> records;
    const Xapian::MSet matches = enquire.get_mset(0, database_.get_doccount());
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        auto record = stored_record(match.get_document().get_data());
        if (record.is_discarded()) throw IndexError("the stored record of index entry " + std::to_string(*match) + " is not valid JSON");
        records.push_back(std::move(record));
    }
    return records;
}

std::vector<nlohmann::json> RecordReader::find(const std::string& key) const {
    if (key.empty()) return {};
    if (auto records = records_with(term(prefix::unique, key)); !records.empty()) return records;
    if (auto records = records_with(term(prefix::file, core::short_hash(ingested_form(key)))); !records.empty()) return records;
    if (auto number = parse_doc_number(key)) return records_with(term(prefix::own_number, number->normalized));
    return {};
}

}  // namespace gongwen::index
