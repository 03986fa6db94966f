// Incremental re-index, checked on the index itself rather than on what ingest says it did: an
// unchanged tree leaves the Xapian revision and every table file untouched; a touched file with
// the same bytes keeps its entries; a changed file has its entries replaced and only those; a
// deleted file is removed by --prune (and only then).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/core/content_hash.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;

std::string notice(const std::string& marker) {
    return "关于" + marker + "工作的通知\n各有关单位：\n一、工作目标\n" + marker + "试点单位完成数据归集。\n"
           "二、工作要求\n各单位按期报送" + marker + "进展情况。\n";
}

// What a run wrote, as Xapian and the file system see it.
struct IndexSnapshot {
    Xapian::rev revision = 0;
    Xapian::docid last_docid = 0;
    Xapian::doccount entries = 0;
    std::map<std::string, std::filesystem::file_time_type> table_mtimes;   // the index's own files
};

IndexSnapshot snapshot(const std::filesystem::path& index) {
    IndexSnapshot shot;
    Xapian::Database db(index.string());
    shot.revision = db.get_revision();
    shot.last_docid = db.get_lastdocid();
    shot.entries = db.get_doccount();
    for (const auto& entry : std::filesystem::directory_iterator(index)) {
        const std::string name = entry.path().filename().string();
        // Not Xapian's data: the lock file and the PID note that every writer leaves (see index_writer.cpp).
        if (name == "flintlock" || name == "gongwen-writer.pid") continue;
        shot.table_mtimes[name] = entry.last_write_time();
    }
    return shot;
}

// The docids of every entry that came from `path` (F<short hash of path>).
std::set<Xapian::docid> entries_of(const std::filesystem::path& index, const std::filesystem::path& path) {
    Xapian::Database db(index.string());
    std::set<Xapian::docid> ids;
    const std::string term = "F" + core::short_hash(path.string());
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) ids.insert(*it);
    return ids;
}

bool has_file_record(const std::filesystem::path& index, const std::filesystem::path& path) {
    return !Xapian::Database(index.string()).get_metadata("file:" + core::short_hash(path.string())).empty();
}

json summary_of(const test::CommandResult& result) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(test::last_line(result.out));
}

struct Tree {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    Tree() {
        test::write_file(docs / "甲.txt", notice("甲类档案"));
        test::write_file(docs / "乙.txt", notice("乙类档案"));
        test::write_file(docs / "子目录" / "丙.txt", notice("丙类档案"));
        std::filesystem::copy_file(kGenerated / "notice_clauses.pdf", docs / "notice_clauses.pdf");
    }
    json ingest(const std::string& flags = "") const {
        return summary_of(test::run_gongwen("ingest --json --jobs 2 " + flags + " --index " + test::quote(index) + " " +
                                            test::quote(docs)));
    }
};

int hits(const std::filesystem::path& index, const std::string& query) {
    const auto result = test::run_gongwen("search --json --index " + test::quote(index) + " '" + query + "'");
    REQUIRE(result.status == 0);
    return json::parse(result.out)["total"].get<int>();
}

}  // namespace

TEST_CASE("re-ingest of an unchanged tree writes nothing: same revision, same table files", "[e2e][incremental]") {
    Tree tree;
    REQUIRE(tree.ingest()["indexed"] == 4);
    const IndexSnapshot before = snapshot(tree.index);
    REQUIRE(before.entries >= 4);   // one entry per document, one per task

    const json again = tree.ingest();
    CHECK(again["indexed"] == 0);
    CHECK(again["unchanged"] == 4);
    const IndexSnapshot after = snapshot(tree.index);
    CHECK(after.revision == before.revision);
    CHECK(after.last_docid == before.last_docid);
    CHECK(after.entries == before.entries);
    CHECK(after.table_mtimes == before.table_mtimes);

    // --prune with nothing to prune writes nothing either.
    CHECK(tree.ingest("--prune")["pruned"] == 0);
    CHECK(snapshot(tree.index).revision == before.revision);
}

TEST_CASE("a touched file with the same bytes keeps its entries, the next run is stat-only", "[e2e][incremental]") {
    Tree tree;
    REQUIRE(tree.ingest()["indexed"] == 4);
    const IndexSnapshot before = snapshot(tree.index);
    const auto touched = tree.docs / "notice_clauses.pdf";
    const auto entries_before = entries_of(tree.index, touched);
    REQUIRE_FALSE(entries_before.empty());

    std::filesystem::last_write_time(touched, std::filesystem::last_write_time(touched) + std::chrono::hours(1));
    const json run = tree.ingest();
    CHECK(run["indexed"] == 0);
    CHECK(run["unchanged"] == 4);
    // No entry was written: no new docids, the same entries for the file.
    const IndexSnapshot after = snapshot(tree.index);
    CHECK(after.last_docid == before.last_docid);
    CHECK(after.entries == before.entries);
    CHECK(entries_of(tree.index, touched) == entries_before);
    // (The postlist table also holds Xapian's user metadata, where the file record lives.)
    for (const char* table : {"position.glass", "termlist.glass", "docdata.glass"}) {
        INFO(table);
        CHECK(after.table_mtimes.at(table) == before.table_mtimes.at(table));
    }

    // Its new mtime was remembered (one metadata record), so the run after that only stats it.
    const json next = tree.ingest();
    CHECK(next["unchanged"] == 4);
    CHECK(snapshot(tree.index).revision == after.revision);
}

TEST_CASE("a changed file has its entries replaced, and only its entries", "[e2e][incremental]") {
    Tree tree;
    REQUIRE(tree.ingest()["indexed"] == 4);
    const IndexSnapshot before = snapshot(tree.index);
    const auto changed = tree.docs / "乙.txt";
    const auto other = tree.docs / "甲.txt";
    const auto old_entries = entries_of(tree.index, changed);
    const auto other_entries = entries_of(tree.index, other);
    REQUIRE(hits(tree.index, "乙类档案试点单位") == 1);

    test::write_file(changed, notice("丁类档案") + "三、监督检查\n每季度抽查一次丁类档案。\n");
    const json run = tree.ingest();
    CHECK(run["indexed"] == 1);
    CHECK(run["unchanged"] == 3);

    const auto new_entries = entries_of(tree.index, changed);
    CHECK(new_entries.size() == old_entries.size());   // the document's one entry, replaced
    for (auto id : new_entries) CHECK(old_entries.count(id) == 0);
    CHECK(entries_of(tree.index, other) == other_entries);
    CHECK(snapshot(tree.index).entries == before.entries);
    CHECK(hits(tree.index, "乙类档案试点单位") == 0);
    CHECK(hits(tree.index, "丁类档案试点单位") == 1);
    CHECK(hits(tree.index, "每季度抽查一次") == 1);
}

TEST_CASE("a deleted file stays until --prune, which removes its entries and its record", "[e2e][incremental]") {
    Tree tree;
    REQUIRE(tree.ingest()["indexed"] == 4);
    const IndexSnapshot before = snapshot(tree.index);
    const auto deleted = tree.docs / "子目录" / "丙.txt";
    const auto deleted_entries = entries_of(tree.index, deleted);
    const auto kept_entries = entries_of(tree.index, tree.docs / "甲.txt");
    REQUIRE_FALSE(deleted_entries.empty());
    std::filesystem::remove(deleted);

    // Without --prune the index keeps what it had, untouched.
    CHECK(tree.ingest()["unchanged"] == 3);
    CHECK(snapshot(tree.index).revision == before.revision);
    CHECK(hits(tree.index, "丙类档案试点单位") == 1);

    const json pruned = tree.ingest("--prune");
    CHECK(pruned["pruned"] == 1);
    CHECK(pruned["unchanged"] == 3);
    CHECK(entries_of(tree.index, deleted).empty());
    CHECK_FALSE(has_file_record(tree.index, deleted));
    CHECK(entries_of(tree.index, tree.docs / "甲.txt") == kept_entries);
    CHECK(snapshot(tree.index).entries == before.entries - deleted_entries.size());
    CHECK(hits(tree.index, "丙类档案试点单位") == 0);
    CHECK(hits(tree.index, "甲类档案试点单位") == 1);
}
