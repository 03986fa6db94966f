// How ingest walks its inputs and batches its writes: every file once however the inputs
// overlap, the same paths whatever the spelling of a folder, a reproducible order, and one commit
// per index.commit_every written documents.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

std::string notice(int i) {
    return "关于第" + std::to_string(i) + "号巡查工作的通知\n一、巡查范围\n编号" + std::to_string(i) + "的单位全部纳入巡查。\n";
}

// The file events of `ingest --json`, in order, and the summary.
struct IngestRun {
    std::vector<std::pair<std::string, std::string>> files;   // path, status
    json summary;
};

IngestRun ingest(const std::string& arguments, const std::string& global = "") {
    const auto result = test::run_gongwen(global + " ingest --json " + arguments);
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE(result.status == 0);
    IngestRun run;
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        if (event["event"] == "file") run.files.emplace_back(event["path"], event["status"]);
        if (event["event"] == "summary") run.summary = event;
    }
    return run;
}

}  // namespace

TEST_CASE("overlapping inputs and folder spellings: every file once, under one path", "[e2e][walk]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < 3; ++i) test::write_file(docs / "a" / ("n" + std::to_string(i) + ".txt"), notice(i));
    test::write_file(docs / "b" / "n3.txt", notice(3));
    test::write_file(docs / ".hidden" / "n4.txt", notice(4));
    test::write_file(docs / "a" / ".n5.txt", notice(5));
    std::filesystem::create_directory_symlink(docs / "a", docs / "b" / "link-to-a");

    const std::string index = " --index " + test::quote(dir / "index") + " ";
    // docs, a folder inside it, a file inside that, and docs again with a trailing slash.
    // One job, so that files are written (and reported) in the order they were walked.
    const IngestRun first = ingest("--jobs 1" + index + test::quote(docs) + " " + test::quote(docs / "a") + " " +
                                   test::quote(docs / "a" / "n1.txt") + " '" + docs.string() + "/'");
    CHECK(first.summary["indexed"] == 4);
    CHECK(first.summary["files"] == 4);
    // Depth first, each folder's entries sorted; hidden entries and folder symlinks skipped.
    std::vector<std::string> order;
    for (const auto& [path, status] : first.files) order.push_back(std::filesystem::path(path).lexically_relative(docs).string());
    CHECK(order == std::vector<std::string>{"a/n0.txt", "a/n1.txt", "a/n2.txt", "b/n3.txt"});

    // Named another way, the same files are recognised as unchanged (same stored paths).
    const IngestRun again = ingest(index + "'" + docs.string() + "/./a/../'");
    CHECK(again.summary["unchanged"] == 4);
    CHECK(again.summary["indexed"] == 0);
}

TEST_CASE("index.commit_every K: one commit per K written documents, and one at the end", "[e2e][walk]") {
    test::TempDir dir;
    for (int i = 0; i < 10; ++i) test::write_file(dir / "docs" / ("n" + std::to_string(i) + ".txt"), notice(i));
    // Without the compaction at the end (its own test below), which makes a revision of its own.
    test::write_file(dir / "k3.toml", "[index]\ncommit_every = 3\ncompact_after_percent = 0\n");

    const auto index = dir / "index-k3";
    ingest("--jobs 2 --index " + test::quote(index) + " " + test::quote(dir / "docs"), "--config " + test::quote(dir / "k3.toml"));
    // Revision 1 is the empty index's creation (committed before it is moved into place), then
    // commits after documents 3, 6 and 9, and the last one for document 10: revision 5.
    CHECK(Xapian::Database(index.string()).get_revision() == 5);
    CHECK(Xapian::Database(index.string()).get_termfreq("Kdoc") == 10);

    const auto default_index = dir / "index-default";
    test::write_file(dir / "default.toml", "[index]\ncompact_after_percent = 0\n");
    ingest("--index " + test::quote(default_index) + " " + test::quote(dir / "docs"), "--config " + test::quote(dir / "default.toml"));
    CHECK(Xapian::Database(default_index.string()).get_revision() == 2);   // creation, then 10 < 200: one commit
}

TEST_CASE("an ingest that changed a tenth of the index compacts it, a smaller update does not", "[e2e][walk]") {
    test::TempDir dir;
    for (int i = 0; i < 20; ++i) test::write_file(dir / "docs" / ("n" + std::to_string(i) + ".txt"), notice(i));
    const auto index = dir / "index";
    const std::string command = "ingest --index " + test::quote(index) + " " + test::quote(dir / "docs");

    const auto first = test::run_gongwen(command);
    INFO(first.err);
    REQUIRE(first.status == 0);
    CHECK(first.err.find("compacted the index") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(index.string() + ".compacting"));
    CHECK(Xapian::Database(index.string()).get_termfreq("Kdoc") == 20);
    const auto revision = Xapian::Database(index.string()).get_revision();

    // One file of 20 changed (5% < 10%): written in one commit, not compacted.
    test::write_file(dir / "docs" / "n0.txt", notice(100));
    const auto second = test::run_gongwen(command);
    INFO(second.err);
    REQUIRE(second.status == 0);
    CHECK(second.err.find("compacted") == std::string::npos);
    CHECK(Xapian::Database(index.string()).get_revision() == revision + 1);
    const auto found = test::run_gongwen("search --json --index " + test::quote(index) + " " + test::quote("编号100的"));
    CHECK(json::parse(found.out)["total"] == 1);
}

TEST_CASE("an index folder reached through a symlink is written and compacted where the link points", "[e2e][walk]") {
    test::TempDir dir;
    for (int i = 0; i < 3; ++i) test::write_file(dir / "docs" / ("n" + std::to_string(i) + ".txt"), notice(i));
    std::filesystem::create_directories(dir / "disk" / "index");
    std::filesystem::create_directory_symlink(dir / "disk" / "index", dir / "index");

    const auto run = test::run_gongwen("ingest --index " + test::quote(dir / "index") + " " + test::quote(dir / "docs"));
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.err.find("compacted the index") != std::string::npos);
    CHECK(std::filesystem::is_symlink(dir / "index"));
    CHECK(Xapian::Database((dir / "disk" / "index").string()).get_termfreq("Kdoc") == 3);
}
