// The Xapian writer (see index_writer.hpp). Every change to a file's entries and its file record
// happens between two commits, so an interrupted run leaves each file either old or new, never mixed.
#include "gongwen/index/index_writer.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/index/clause_layout.hpp"
#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/number_postings.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/stored_document.hpp"
#include "gongwen/index/task_identity.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

std::string file_key(const std::string& path) {
    return term(metadata::file_record, core::short_hash(path));
}

std::string title_of(const Document& document) { return document.title.value_or(""); }

std::string date_value(const Document& document) {
    if (!document.signed_date || document.signed_date->size() != 10) return "";
    const std::string& date = *document.signed_date;
    return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

// Terms every entry of a document carries, for deletion and filtering, and its copy value (task
// entries too: the deadline board groups copies from the tasks alone).
void add_common_terms(Xapian::Document& entry, const Document& document, const std::string& path, const std::string& copy_value) {
    entry.add_boolean_term(term(prefix::doc_id, document.id));
    entry.add_boolean_term(term(prefix::file, core::short_hash(path)));
    entry.add_value(slot::doc_id, document.id);
    entry.add_value(slot::copy_info, copy_value);
    if (const std::string date = date_value(document); !date.empty()) entry.add_value(slot::signed_date, date);
    add_filter_terms(entry, document);
}

// Where each clause's heading ends, in positions from the clause's start (0 without a heading).
unsigned heading_end(const Clause& clause) {
    if (clause.heading.empty()) return 0;
    const auto at = clause.text.find(clause.heading);
    if (at == std::string::npos) return 0;
    return positions_taken(std::string_view(clause.text).substr(0, at + clause.heading.size()));
}

// The one entry of a document: its text (clause after clause, then the title: clause_layout.hpp),
// doc numbers at the clauses that print them, filter terms, facets, and the record.
Xapian::Document document_entry(const Document& document, const std::string& path, const CopyInfo& copy) {
    Xapian::Document entry;
    entry.add_boolean_term(term(prefix::kind, "doc"));
    entry.add_boolean_term(term(prefix::unique, document.id));
    add_common_terms(entry, document, path, encode_copy_info(copy));
    for (const auto& copy_term : copy_terms(copy)) entry.add_boolean_term(copy_term);
    if (const std::string facets = facet_value(document); !facets.empty()) entry.add_value(slot::facets, facets);

    std::vector<ClauseLayout> layout;
    layout.reserve(document.clauses.size());
    Xapian::termpos start = kFirstPosition;
    for (const Clause& clause : document.clauses) {
        const unsigned taken = add_unit_terms(entry, clause.text);
        layout.push_back({taken, heading_end(clause), start});
        start += taken;
    }
    // Doc numbers: the document's own number marks the clause that prints it (or the first
    // clause); every other number in a clause is a citation.
    const std::string own = document.doc_number ? document.doc_number->normalized : "";
    std::set<std::string> cited_in_text;
    for (const auto& posting : number_postings(layout, [&](std::size_t i) { return document.clauses[i].text; }, own)) {
        entry.add_posting(posting.term, posting.position);
        if (posting.term.starts_with(prefix::cited_number)) cited_in_text.insert(posting.term.substr(prefix::cited_number.size()));
    }
    // Citations the fields found where the clause text does not print them as a doc number.
    for (const auto& cited : document.cited_documents) {
        if (!cited.doc_number.empty() && !cited_in_text.contains(cited.doc_number)) entry.add_term(term(prefix::cited_number, cited.doc_number));
    }
    add_unit_terms(entry, title_of(document));
    entry.add_value(slot::clause_layout, encode_clause_layout(layout));

    nlohmann::json record = core::document_to_json(document);
    record["source"]["path"] = path;
    entry.set_data(encode_stored_document(record));
    return entry;
}

// The ids a task can be given, as terms (prefix::task_key_id). Tasks that share a key are numbered
// (task_id's occurrence) across the tracked tasks of their document key; from one document alone
// its own repeats of the key are known, and three more cover that many other documents given the
// same number with the same row (copies are not numbered: only the best copy's tasks are tracked).
// One list for the document: made once, not per task (a table of thousands of rows).
std::vector<std::vector<std::string>> task_id_terms(const Document& document) {
    std::vector<TaskKey> keys;
    keys.reserve(document.tasks.size());
    for (const Task& task : document.tasks) {
        IndexedTask entry;
        entry.doc_id = document.id;
        if (document.doc_number) entry.doc_number = document.doc_number->normalized;
        entry.task = task;
        keys.push_back(task_key(entry));
    }
    std::map<std::pair<int, std::string>, int> repeats;   // (序号, text) → tasks with that key (one doc key per document)
    for (const TaskKey& key : keys) ++repeats[{key.seq, key.text}];
    std::vector<std::vector<std::string>> terms(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const int occurrences = repeats[{keys[i].seq, keys[i].text}] + 3;
        for (int occurrence = 0; occurrence < occurrences; ++occurrence) terms[i].push_back(term(prefix::task_key_id, task_id(keys[i], occurrence)));
        terms[i].emplace_back(prefix::task_key_id);
    }
    return terms;
}

// One entry per task, so that `gongwen deadlines` reads tasks without parsing whole documents.
Xapian::Document task_entry(const Document& document, std::size_t index, const std::string& path, const std::string& copy_value,
                            const std::vector<std::string>& id_terms) {
    const Task& task = document.tasks[index];
    Xapian::Document entry;
    entry.add_boolean_term(term(prefix::kind, "task"));
    entry.add_boolean_term(term(prefix::unique, document.id + "@task" + std::to_string(index)));
    add_common_terms(entry, document, path, copy_value);
    if (task.due.size() == 10) entry.add_value(slot::task_due, task.due.substr(0, 4) + task.due.substr(5, 2) + task.due.substr(8, 2));
    for (const auto& id_term : id_terms) entry.add_boolean_term(id_term);
    entry.add_boolean_term(std::string(prefix::task_schedule));
    entry.add_boolean_term(term(prefix::task_schedule, task.kind.empty() ? "none" : task.kind));
    nlohmann::json data{{"doc_id", document.id},
                        {"path", path},
                        {"doc_number", document.doc_number ? nlohmann::json(document.doc_number->normalized) : nlohmann::json(nullptr)},
                        {"title", document.title ? nlohmann::json(*document.title) : nlohmann::json(nullptr)},
                        {"signed_date", document.signed_date ? nlohmann::json(*document.signed_date) : nlohmann::json(nullptr)},
                        {"index", index},
                        {"seq", task.seq},
                        {"task", task.task},
                        {"units", task.units},
                        {"lead_units", task.lead_units},
                        {"deadline_text", task.deadline_text},
                        {"due", task.due.empty() ? nlohmann::json(nullptr) : nlohmann::json(task.due)},
                        {"kind", task.kind},
                        {"page", task.page}};
    // Only when present: a task entry of a plain table stays as small as before.
    if (!task.section.empty()) data["section"] = task.section;
    if (!task.parent.empty()) data["parent"] = task.parent;
    if (!task.milestones.empty()) data["milestones"] = task.milestones;
    entry.set_data(core::dump_json(data));
    return entry;
}

nlohmann::json to_json(const FileRecord& record) {
    nlohmann::json json{{"path", record.path}, {"size", record.size}, {"mtime_ns", record.mtime_ns},
                        {"content_hash", record.content_hash}, {"doc_id", record.doc_id}};
    // A file name that is not UTF-8 is stored lossy for display and exactly in hex, so that
    // re-ingest and --prune still recognise the file.
    if (!is_valid_utf8(record.path)) {
        static constexpr char digits[] = "0123456789abcdef";
        std::string hex;
        for (unsigned char c : record.path) hex += {digits[c >> 4], digits[c & 15]};
        json["path_hex"] = hex;
    }
    return json;
}

constexpr const char* kWriterPidFile = "gongwen-writer.pid";

/// Creates a new, empty index at `directory` so that it appears there complete or not at all:
/// built and committed in a hidden sibling folder, then renamed into place. Xapian creating a
/// database in place and killed half-way (kill -9 in the first milliseconds of an ingest) leaves a
/// folder with a torn revision file that no later run can open. Staging folders of killed runs are
/// removed here. If another process created the index meanwhile, its index is kept.
void create_index_atomically(std::filesystem::path directory) {
    if (directory.filename().empty()) directory = directory.parent_path();   // "index/"
    // An index folder reached through a symlink is created where the link points; the link stays.
    if (std::filesystem::is_symlink(directory)) directory = std::filesystem::canonical(directory);
    const std::filesystem::path parent = directory.parent_path().empty() ? "." : directory.parent_path();
    std::filesystem::create_directories(parent);
    const std::string stem = "." + directory.filename().string() + ".creating-";
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(parent, ignored)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(stem, 0) != 0) continue;
        const long pid = std::atol(name.c_str() + stem.size());
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) std::filesystem::remove_all(entry.path(), ignored);
    }
    const std::filesystem::path staging = parent / (stem + std::to_string(::getpid()));
    std::filesystem::remove_all(staging, ignored);
    {
        Xapian::WritableDatabase database(staging.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        database.set_metadata(std::string(metadata::schema_version), std::to_string(kSchemaVersion));
        database.set_metadata(std::string(metadata::sequence), "0");   // numbered from the first entry (not after the seed)
        // Xapian creates the document-data and position tables when first written, and a table it
        // creates in a later session, after the database was reopened, stores its entries without
        // zlib compression (measured: stored records 2.4x larger). One entry written and deleted
        // here creates them in the session that creates the database.
        Xapian::Document seed;
        seed.set_data("seed");
        seed.add_posting("seed", 1);
        seed.add_value(slot::doc_id, "seed");
        database.delete_document(database.add_document(seed));
        database.commit();
    }
    if (std::filesystem::is_directory(directory) && std::filesystem::is_empty(directory)) std::filesystem::remove(directory, ignored);
    std::error_code renamed;
    std::filesystem::rename(staging, directory, renamed);
    if (renamed) std::filesystem::remove_all(staging, ignored);   // created meanwhile, or not empty: open what is there
}

std::string stored_path(const nlohmann::json& json) {
    if (!json.contains("path_hex")) return json.value("path", "");
    const std::string hex = json["path_hex"].get<std::string>();
    std::string path;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) path += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return path;
}

}  // namespace

std::vector<std::string> serialise_entries(const Document& document, const std::string& path) {
    std::vector<std::string> entries;
    entries.reserve(document.tasks.size() + 1);
    const CopyInfo copy = copy_info(document, path);
    const std::string copy_value = encode_copy_info(copy);
    const auto id_terms = task_id_terms(document);
    for (std::size_t i = 0; i < document.tasks.size(); ++i) entries.push_back(task_entry(document, i, path, copy_value, id_terms[i]).serialise());
    entries.push_back(document_entry(document, path, copy).serialise());
    return entries;
}

IndexWriter::IndexWriter(const std::filesystem::path& directory) {
    try {
        if (!std::filesystem::exists(directory / "iamglass")) create_index_atomically(directory);
        database_ = Xapian::WritableDatabase(directory.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        // Xapian's lock does not tell who holds it; the writer leaves its PID next to the index.
        std::string holder = "another process";
        if (std::ifstream pid_file(directory / kWriterPidFile); pid_file) {
            long pid = 0;
            if (pid_file >> pid && pid > 0) holder = "PID " + std::to_string(pid);
        }
        throw IndexLockedError("index " + directory.string() + " is locked by " + holder +
                         " (a `gongwen ingest`, `watch` or `compact` writing it); try again when it is done");
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot open index " + directory.string() + ": " + error.get_msg());
    } catch (const std::filesystem::filesystem_error& error) {
        throw IndexError("cannot create index directory " + directory.string() + ": " + error.code().message());
    }
    // Only read when the lock is refused, so a file left by a killed run does no harm.
    std::ofstream(directory / kWriterPidFile, std::ios::trunc) << ::getpid() << "\n";
    // An index from before entries were numbered: what it holds is older than all it is given next.
    last_sequence_ = database_.get_metadata(std::string(metadata::sequence)).empty() ? database_.get_lastdocid() : last_sequence(database_);
    const std::string version = database_.get_metadata(std::string(metadata::schema_version));
    if (version.empty()) {
        database_.set_metadata(std::string(metadata::schema_version), std::to_string(kSchemaVersion));
    } else if (version != std::to_string(kSchemaVersion)) {
        throw IndexError("index " + directory.string() + " was written with schema version " + version +
                         ", this gongwen writes version " + std::to_string(kSchemaVersion) +
                         ": ingest into a new index directory");
    }
}

IndexWriter::~IndexWriter() {
    try {
        database_.commit();
    } catch (...) {
        // Destructors must not throw; an uncommitted batch is simply redone by the next run.
    }
}

std::optional<FileRecord> IndexWriter::file_record(const std::string& path) const {
    const std::string stored = database_.get_metadata(file_key(path));
    if (stored.empty()) return std::nullopt;
    const auto json = nlohmann::json::parse(stored, nullptr, false);
    if (json.is_discarded() || stored_path(json) != path) return std::nullopt;
    return FileRecord{path, json.value("size", std::uintmax_t{0}), json.value("mtime_ns", std::int64_t{0}),
                      json.value("content_hash", ""), json.value("doc_id", "")};
}

void IndexWriter::update_file_record(const FileRecord& record) {
    database_.set_metadata(file_key(record.path), core::dump_json(to_json(record)));
}

void IndexWriter::replace(const Document& document, const FileRecord& record) {
    replace_serialised(serialise_entries(document, record.path), record);
}

void IndexWriter::replace_serialised(const std::vector<std::string>& entries, const FileRecord& record) {
    remove(record.path);
    const std::string document_kind = term(prefix::kind, "doc");
    for (const auto& entry : entries) {
        Xapian::Document document = Xapian::Document::unserialise(entry);
        if (auto kind = document.termlist_begin(); kind.skip_to(document_kind), kind != document.termlist_end() && *kind == document_kind) {
            for (const auto& sequence_term : sequence_terms(++last_sequence_)) document.add_boolean_term(sequence_term);
        }
        database_.add_document(document);
    }
    database_.set_metadata(std::string(metadata::sequence), std::to_string(last_sequence_));
    update_file_record(record);
}

void IndexWriter::remove(const std::string& path) {
    database_.delete_document(term(prefix::file, core::short_hash(path)));
    database_.set_metadata(file_key(path), "");
}

std::vector<std::string> IndexWriter::indexed_paths() const {
    std::vector<std::string> paths;
    for_each_indexed_path([&](const std::string& path) { paths.push_back(path); });
    return paths;
}

void IndexWriter::for_each_indexed_path(const std::function<void(const std::string&)>& visit) const {
    const std::string key_prefix(metadata::file_record);
    for (auto key = database_.metadata_keys_begin(key_prefix); key != database_.metadata_keys_end(key_prefix); ++key) {
        const auto json = nlohmann::json::parse(database_.get_metadata(*key), nullptr, false);
        if (!json.is_discarded() && json.contains("path")) visit(stored_path(json));
    }
}

void IndexWriter::commit() { database_.commit(); }

Xapian::doccount IndexWriter::document_count() const { return database_.get_doccount(); }

std::string IndexWriter::shard_assignment() const { return database_.get_metadata(std::string(metadata::shard)); }

void IndexWriter::set_shard_assignment(const std::string& assignment) {
    database_.set_metadata(std::string(metadata::shard), assignment);
}

void IndexWriter::compact_into(const std::filesystem::path& output) {
    database_.commit();
    try {
        database_.compact(output.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot compact the index into " + output.string() + ": " + error.get_description());
    }
}

}  // namespace gongwen::index
