// `gongwen compact`: the compacted index is smaller after churn, answers the same searches, keeps
// its file records (the next ingest skips everything), and refuses a locked or missing index.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/index/index_writer.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

std::string notice(int i, const std::string& version) {
    return "关于第" + std::to_string(i) + "批" + version + "档案整理工作的通知\n一、工作目标\n编号" + std::to_string(i) +
           "的单位完成" + version + "档案归集。\n二、工作要求\n各单位按期报送编号" + std::to_string(i) + "的进展情况。\n";
}

json run_json(const std::string& arguments) {
    const auto result = test::run_gongwen(arguments);
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(test::last_line(result.out));
}

std::vector<std::string> result_paths(const std::filesystem::path& index, const std::string& query) {
    const auto result = test::run_gongwen("search --json --limit 100 --index " + test::quote(index) + " '" + query + "'");
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    std::vector<std::string> paths;
    const json parsed = json::parse(result.out);
    for (const auto& hit : parsed["results"]) paths.push_back(hit["path"]);
    return paths;
}

struct ChurnedIndex {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    std::string ingest = "ingest --json --index " + test::quote(index) + " " + test::quote(docs);
    ChurnedIndex() {
        // Index 40 files, then rewrite every file twice: the index is full of freed blocks.
        for (const char* version : {"旧版", "中版", "新版"}) {
            for (int i = 0; i < 40; ++i) test::write_file(docs / ("n" + std::to_string(i) + ".txt"), notice(i, version));
            REQUIRE(run_json(ingest)["indexed"] == 40);
        }
    }
};

}  // namespace

TEST_CASE("compact in place: smaller, same answers, file records kept", "[e2e][compact]") {
    ChurnedIndex churned;
    const auto before_entries = Xapian::Database(churned.index.string()).get_doccount();
    const auto before_paths = result_paths(churned.index, "新版档案归集");
    REQUIRE(before_paths.size() == 40);

    const json compacted = run_json("compact --json --index " + test::quote(churned.index));
    CHECK(compacted["bytes_after"].get<std::uintmax_t>() < compacted["bytes_before"].get<std::uintmax_t>());
    CHECK(compacted["entries"] == before_entries);
    CHECK(Xapian::Database(churned.index.string()).get_doccount() == before_entries);
    CHECK(result_paths(churned.index, "新版档案归集") == before_paths);
    CHECK(result_paths(churned.index, "旧版档案归集").empty());
    CHECK_FALSE(std::filesystem::exists(churned.index.string() + ".compacting"));

    // The file records survived: nothing is re-extracted, and a changed file still replaces its entries.
    const json again = run_json(churned.ingest);
    CHECK(again["unchanged"] == 40);
    CHECK(again["indexed"] == 0);
    test::write_file(churned.docs / "n7.txt", notice(7, "终版"));
    CHECK(run_json(churned.ingest)["indexed"] == 1);
    CHECK(result_paths(churned.index, "终版档案归集").size() == 1);
    CHECK(result_paths(churned.index, "新版档案归集").size() == 39);
}

TEST_CASE("compact --output leaves the index alone and writes a searchable copy", "[e2e][compact]") {
    ChurnedIndex churned;
    const auto revision = Xapian::Database(churned.index.string()).get_revision();
    const auto copy = churned.dir / "compacted";
    const json compacted = run_json("compact --json --index " + test::quote(churned.index) + " --output " + test::quote(copy));
    CHECK(compacted["output"] == copy.string());
    CHECK(Xapian::Database(churned.index.string()).get_revision() == revision);
    CHECK(result_paths(copy, "新版档案归集") == result_paths(churned.index, "新版档案归集"));

    // A non-empty target is refused rather than overwritten.
    const auto again = test::run_gongwen("compact --index " + test::quote(churned.index) + " --output " + test::quote(copy));
    CHECK(again.status == 1);
    CHECK(again.err.find("not empty") != std::string::npos);
}

TEST_CASE("compact refuses a locked index and a missing one, exit 1", "[e2e][compact]") {
    ChurnedIndex churned;
    {
        index::IndexWriter writer(churned.index);   // as a running ingest would
        const auto locked = test::run_gongwen("compact --index " + test::quote(churned.index));
        CHECK(locked.status == 1);
        CHECK(locked.err.find("locked by PID " + std::to_string(::getpid())) != std::string::npos);
        CHECK(locked.err.find("--wait") != std::string::npos);
        const auto waited = test::run_gongwen("compact --wait 0.5 --index " + test::quote(churned.index));
        CHECK(waited.status == 1);
        CHECK(waited.err.find("still held after waiting 0.5 s") != std::string::npos);
    }
    const auto missing = test::run_gongwen("compact --index " + test::quote(churned.dir / "none"));
    CHECK(missing.status == 1);
    CHECK(missing.err.find("no index at") != std::string::npos);
}

TEST_CASE("compact --wait waits for a writer that lets go of the index, then compacts it", "[e2e][compact]") {
    ChurnedIndex churned;
    std::optional<index::IndexWriter> writer(std::in_place, churned.index);   // as a watcher writing a batch would
    std::jthread release([&writer] {
        // Long enough that the command, however slow to start on a loaded machine, first finds it held.
        std::this_thread::sleep_for(std::chrono::seconds(3));
        writer.reset();
    });
    const auto compact = test::run_gongwen("compact --json --wait 30 --index " + test::quote(churned.index));
    INFO("stdout: " << compact.out << "\nstderr: " << compact.err);
    REQUIRE(compact.status == 0);
    CHECK(compact.err.find("waiting up to 30 s") != std::string::npos);
    const json sizes = json::parse(test::last_line(compact.out));
    CHECK(sizes["bytes_after"] < sizes["bytes_before"]);
    CHECK(result_paths(churned.index, "新版档案归集").size() == 40);
}
