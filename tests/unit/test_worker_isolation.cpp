// Extraction runs in worker processes: a plugin that crashes, hangs or exhausts memory costs its
// file only. The misbehaving test plugin (tests/plugins/misbehaving) does each on demand.
#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

TEST_CASE("a crashing, hanging or memory-hungry plugin costs its file only", "[e2e][isolation]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    test::write_file(docs / "segv.gwtest", "GONGWEN-MISBEHAVE segv\n");
    test::write_file(docs / "abort.gwtest", "GONGWEN-MISBEHAVE abort\n");
    test::write_file(docs / "hang.gwtest", "GONGWEN-MISBEHAVE hang\n");
    test::write_file(docs / "hog.gwtest", "GONGWEN-MISBEHAVE hog\n");
    test::write_file(docs / "fine.gwtest", "GONGWEN-MISBEHAVE ok\n关于隔离测试的通知\n一、要求\n插件崩溃不影响其他文件。\n");
    for (int i = 0; i < 4; ++i) {
        test::write_file(docs / ("notice-" + std::to_string(i) + ".txt"),
                         "关于第" + std::to_string(i) + "批次归档的通知\n一、范围\n批次" + std::to_string(i) + "的档案全部入库。\n");
    }
    // A short timeout for the hang, and a memory limit the hog reaches quickly.
    test::write_file(dir / "gongwen.toml", "[ingest]\nfile_timeout_s = 3\nworker_memory_mb = 1024\n");

    const auto result = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " ingest --json --jobs 2 --index " +
                                              test::quote(dir / "index") + " " + test::quote(docs),
                                          "GONGWEN_PLUGIN_PATH=" GONGWEN_TEST_MISBEHAVING_PLUGIN_DIR);
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.status == 2);

    std::map<std::string, std::pair<std::string, std::string>> outcome;   // file name → status, reason
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        if (event["event"] != "file") continue;
        outcome[std::filesystem::path(event["path"].get<std::string>()).filename().string()] = {event["status"], event.value("reason", "")};
    }
    CHECK(outcome["segv.gwtest"].first == "rejected");
    CHECK_THAT(outcome["segv.gwtest"].second, Catch::Contains("crashed in the misbehaving plugin: signal 11 (SIGSEGV)"));
    CHECK_THAT(outcome["abort.gwtest"].second, Catch::Contains("crashed in the misbehaving plugin: signal 6 (SIGABRT)"));
    CHECK_THAT(outcome["hang.gwtest"].second, Catch::Contains("timed out after 3 s in the misbehaving plugin"));
    CHECK(outcome["hog.gwtest"].first == "rejected");
#if !defined(__SANITIZE_ADDRESS__)   // sanitizer builds run workers without a memory limit
    CHECK_THAT(outcome["hog.gwtest"].second, Catch::Contains("memory limit"));
#endif
    CHECK(outcome["fine.gwtest"].first == "indexed");
    for (int i = 0; i < 4; ++i) CHECK(outcome["notice-" + std::to_string(i) + ".txt"].first == "indexed");

    const auto search = test::run_gongwen("search --json --index " + test::quote(dir / "index") + " 档案全部入库");
    REQUIRE(search.status == 0);
    CHECK(json::parse(search.out)["total"] == 4);
    const auto fine = test::run_gongwen("search --json --index " + test::quote(dir / "index") + " 插件崩溃不影响");
    CHECK(json::parse(fine.out)["total"] == 1);
}
