// kill -9 during ingest, several times at different moments: the index must open, answer
// searches, hold every file whose batch was committed (and only whole files), and the next run
// must finish the rest without duplicates.
#include <catch2/catch.hpp>

#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/index/clause_layout.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/index_writer.hpp"
#include "test_support.hpp"

extern char** environ;

using namespace gongwen;

namespace {

constexpr int kFiles = 240;

std::string notice(int i) {
    // Every file has its own marker phrase so that a search tells exactly which files are in.
    return "关于第" + std::to_string(i) + "号试点工作的通知\n一、工作目标\n编号" + std::to_string(i) +
           "的试点单位完成数据归集。\n二、工作要求\n各单位按期报送编号" + std::to_string(i) + "的进展情况。\n";
}

pid_t spawn_ingest(const std::filesystem::path& config, const std::filesystem::path& index, const std::filesystem::path& docs) {
    const std::string binary = GONGWEN_TEST_BINARY;
    std::vector<std::string> args = {binary, "--config", config.string(), "ingest", "--jobs", "2", "--index", index.string(), docs.string()};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int status = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(status == 0);
    return pid;
}

struct IndexState {
    int records = 0;         // document records (Kdoc)
    int clauses = 0;         // clauses of those records (their clause layouts)
    int file_records = 0;    // metadata file:<hash> entries with content
};

IndexState inspect(const std::filesystem::path& index) {
    Xapian::Database db(index.string());
    IndexState state;
    state.records = static_cast<int>(db.get_termfreq("Kdoc"));
    for (auto it = db.postlist_begin("Kdoc"); it != db.postlist_end("Kdoc"); ++it) {
        state.clauses += static_cast<int>(index::decode_clause_layout(db.get_document(*it).get_value(index::slot::clause_layout)).size());
    }
    for (auto key = db.metadata_keys_begin("file:"); key != db.metadata_keys_end("file:"); ++key) {
        if (!db.get_metadata(*key).empty()) ++state.file_records;
    }
    return state;
}

}  // namespace

TEST_CASE("kill -9 at random moments leaves a consistent index that the next run completes", "[e2e][interrupt]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < kFiles; ++i) test::write_file(docs / ("notice-" + std::to_string(i) + ".txt"), notice(i));
    // Small batches, so that kills land between commits as well as inside them.
    test::write_file(dir / "gongwen.toml", "[index]\ncommit_every = 7\n");

    // Kill moments spread over a whole run, whatever this machine's speed: time one full run first.
    const auto timed_start = std::chrono::steady_clock::now();
    const pid_t timed = spawn_ingest(dir / "gongwen.toml", dir / "index-timed", docs);
    int timed_status = 0;
    ::waitpid(timed, &timed_status, 0);
    REQUIRE(WIFEXITED(timed_status));
    REQUIRE(WEXITSTATUS(timed_status) == 0);
    const auto full_run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - timed_start).count();

    int partial_runs = 0;
    for (int percent : {10, 25, 40, 55, 70, 85}) {
        const int delay_ms = static_cast<int>(full_run_ms * percent / 100);
        INFO("killed after " << delay_ms << " ms");
        const auto index = dir / ("index-" + std::to_string(percent));
        const pid_t pid = spawn_ingest(dir / "gongwen.toml", index, docs);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);

        if (std::filesystem::exists(index / "iamglass")) {
            // What a killed run left: whole files only, each with all of its clauses and its file record.
            const IndexState after_kill = inspect(index);
            if (after_kill.records > 0 && after_kill.records < kFiles) ++partial_runs;
            CHECK(after_kill.records == after_kill.file_records);
            CHECK(after_kill.clauses == after_kill.records * 3);   // preamble + 一、 + 二、
            // It answers searches (and the answer agrees with what it holds).
            index::IndexSearcher searcher(index);
            const auto results = searcher.search("试点单位完成数据归集", 1000, 1);
            CHECK(static_cast<int>(results.total) == after_kill.records);
        }

        // The next run completes the rest: every file once.
        const auto rerun = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " ingest --index " +
                                             test::quote(index) + " " + test::quote(docs));
        INFO(rerun.err);
        CHECK(rerun.status == 0);
        const IndexState complete = inspect(index);
        CHECK(complete.records == kFiles);
        CHECK(complete.file_records == kFiles);
        CHECK(complete.clauses == kFiles * 3);
        index::IndexSearcher searcher(index);
        CHECK(searcher.search("编号17的试点单位", 10, 1).total == 1);
        CHECK(searcher.search("编号239的进展", 10, 1).total == 1);
    }
    // Otherwise every kill came too early or too late and nothing above was put to the test.
    CHECK(partial_runs >= 2);
}

TEST_CASE("a second ingest on a locked index fails fast and names the PID that holds it", "[e2e][interrupt]") {
    test::TempDir dir;
    test::write_file(dir / "docs" / "a.txt", notice(1));
    const auto index = dir / "index";
    const index::IndexWriter holder(index);   // this test process holds the write lock
    const auto start = std::chrono::steady_clock::now();
    const auto second = test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(dir / "docs"));
    CHECK(second.status == 1);
    CHECK_THAT(second.err, Catch::Contains("is locked by PID " + std::to_string(::getpid())));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));   // fails fast, does not wait
    CHECK_THAT(second.err, Catch::Contains("--wait"));   // and says how to wait instead
}

TEST_CASE("ingest --wait waits for the writer that holds the index, then ingests", "[e2e][interrupt]") {
    test::TempDir dir;
    test::write_file(dir / "docs" / "a.txt", notice(1));
    const auto index = dir / "index";
    std::optional<index::IndexWriter> holder(std::in_place, index);   // as a watcher writing a batch would
    std::jthread release([&holder] {
        // Long enough that the command, however slow to start on a loaded machine, first finds it held.
        std::this_thread::sleep_for(std::chrono::seconds(3));
        holder.reset();
    });
    const auto waited = test::run_gongwen("ingest --json --wait 30 --index " + test::quote(index) + " " + test::quote(dir / "docs"));
    INFO("stderr: " << waited.err);
    REQUIRE(waited.status == 0);
    CHECK_THAT(waited.err, Catch::Contains("waiting up to 30 s"));
    CHECK(index::IndexSearcher(index).search("编号1的试点单位", 10, 1).total == 1);
}

TEST_CASE("a new index appears complete or not at all, and a killed creation leaves nothing in the way", "[index][interrupted]") {
    test::TempDir dir;
    // What a run killed while creating the index leaves since creation is staged: a hidden
    // sibling named after its (now dead) PID. INT_MAX is above any pid_max, so no process has it.
    const auto stale = dir / ".index.creating-2147483647";
    std::filesystem::create_directories(stale);
    test::write_file(stale / "iamglass", "");   // torn, as Xapian leaves it when killed

    { index::IndexWriter writer(dir / "index"); }
    CHECK(std::filesystem::exists(dir / "index" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK_NOTHROW(Xapian::Database((dir / "index").string()));

    // An empty folder the user made for the index is used, and a trailing slash is the same index.
    std::filesystem::create_directories(dir / "made-by-hand");
    { index::IndexWriter writer(dir / "made-by-hand/"); }
    CHECK(std::filesystem::exists(dir / "made-by-hand" / "iamglass"));
    std::size_t leftovers = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) leftovers += entry.path().filename().string().rfind(".", 0) == 0;
    CHECK(leftovers == 0);
}
