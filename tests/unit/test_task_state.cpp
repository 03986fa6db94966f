// Task state (gongwen/index/task_state.hpp) end to end through the real binary: `gongwen task`
// records it in the SQLite file beside the index, `gongwen deadlines` shows it, and it follows its
// task through re-ingest, compaction, moving the file, a pruned and returning document and a task
// text that OCR read a little differently. Plus the identity functions on their own.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "gongwen/index/task_identity.hpp"
#include "gongwen/index/task_matching.hpp"
#include "gongwen/index/task_state.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

/// The first column of the first row `sql` gives (a PRAGMA's answer), as text.
std::string first_text(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const std::string text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return text;
}

const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;
const std::string kTsv = test::read_file(kSource / "tables" / "tsv_task_table.txt");
constexpr const char* kNumber = "常政办发〔2021〕30号";

// An index of one copy of the text task table (4 tasks of 常政办发〔2021〕30号) under `dir`.
struct Corpus {
    test::TempDir dir;
    std::filesystem::path index = dir / "index";
    std::filesystem::path file = dir / "docs" / "tsv_task_table.txt";

    Corpus() {
        test::write_file(file, kTsv);
        ingest(dir / "docs");
    }
    void ingest(const std::filesystem::path& path, const std::string& flags = "") const {
        const auto result = test::run_gongwen("ingest --index " + test::quote(index) + " " + flags + " " + test::quote(path));
        INFO(result.err);
        REQUIRE(result.status == 0);
    }
    test::CommandResult run(const std::string& arguments) const {
        return test::run_gongwen(arguments + " --index " + test::quote(index));
    }
    json tasks(const std::string& flags = "") const {
        const auto result = run("deadlines --today 2023-06-20 --format json " + flags);
        INFO(result.err);
        REQUIRE(result.status == 0);
        return json::parse(result.out).at("tasks");
    }
    json task(int seq) const {
        for (const auto& task : tasks()) {
            if (task["doc_number"] == kNumber && task["seq"] == seq) return task;
        }
        FAIL("no task " << seq);
        return json();
    }
    void mark(const std::string& action, const std::string& id, const std::string& flags = "") const {
        const auto result = run("task " + action + " " + id + " " + flags);
        INFO(result.err);
        REQUIRE(result.status == 0);
    }
};

}  // namespace

TEST_CASE("task ids: 12 hex digits from doc number, 序号 and the text without spaces and punctuation", "[tasks]") {
    CHECK(index::normalized_task_text("建设 区域性，养老服务中心。（1家）") == "建设区域性养老服务中心1家");
    index::IndexedTask a;
    a.doc_id = "0123456789abcdef";
    a.doc_number = "常政办发[2021]30号";
    a.task.seq = 1;
    a.task.task = "建设区域性养老服务中心，每个辖市、区至少建成1家。";
    index::IndexedTask b = a;
    b.doc_id = "fedcba9876543210";           // another file (a re-scan) of the same document
    b.doc_number = kNumber;                 // another bracket style
    b.task.task = "建设区域性养老服务中心, 每个辖市 、区至少建成1家";   // re-flowed, other punctuation
    const std::string id = index::task_id(index::task_key(a));
    CHECK(index::is_task_id(id));
    CHECK(index::task_id(index::task_key(b)) == id);
    b.task.seq = 2;
    CHECK(index::task_id(index::task_key(b)) != id);
    a.doc_number.reset();   // no number: the content hash names the document
    CHECK(index::task_key(a).doc_key == "id:0123456789abcdef");
    // A 序号 and text printed twice in one document: two tasks, two ids, the same ones each time.
    index::IndexedTask twice = a;
    twice.index = 7;
    const auto tracked = index::track_tasks({twice, a}, {});
    REQUIRE(tracked.size() == 2);
    CHECK(tracked[0].task_id != tracked[1].task_id);
    CHECK(tracked[1].task_id == index::task_id(index::task_key(a)));   // the first in document order
    CHECK(index::track_tasks({a, twice}, {})[1].task_id == tracked[0].task_id);
    CHECK(index::edit_similarity("一二三四五六七八九十", "一二三四五六七八九千") == Approx(0.9));
    CHECK(index::edit_similarity("", "") == 1.0);
}

TEST_CASE("task done: deadlines shows it done, never overdue, --status done lists it, JSON has the state", "[tasks][deadlines]") {
    const Corpus corpus;
    const json before = corpus.task(1);   // 2021年底前: overdue on 2023-06-20
    CHECK(before["status"] == "overdue");
    CHECK(before["state"] == "open");
    CHECK(before["done_on"].is_null());
    CHECK(before["note"].is_null());
    const std::string id = before["task_id"];
    REQUIRE(index::is_task_id(id));

    corpus.mark("done", id, "--date 2023-06-01 --note '已报送市政府'");
    const json after = corpus.task(1);
    CHECK(after["task_id"] == id);
    CHECK(after["state"] == "done");
    CHECK(after["status"] == "done");
    CHECK(after["done_on"] == "2023-06-01");
    CHECK(after["note"] == "已报送市政府");
    CHECK(corpus.tasks("--status done").size() == 1);
    CHECK(corpus.tasks("--status done")[0]["task_id"] == id);
    for (const auto& task : corpus.tasks("--status overdue")) CHECK(task["task_id"] != id);
    for (const auto& task : corpus.tasks("--overdue")) CHECK(task["task_id"] != id);

    corpus.mark("start", corpus.task(2)["task_id"]);
    CHECK(corpus.tasks("--status in_progress").size() == 1);
    corpus.mark("cancel", corpus.task(4)["task_id"]);
    CHECK(corpus.task(4)["status"] == "cancelled");

    const auto table = corpus.run("deadlines --today 2023-06-20");
    REQUIRE(table.status == 0);
    CHECK(table.out.find("已完成") != std::string::npos);
    CHECK(table.out.find("进行中") != std::string::npos);
    CHECK(table.out.find("已取消") != std::string::npos);
    CHECK(table.out.find(id) != std::string::npos);
    CHECK(table.out.find("1 done") != std::string::npos);

    // The database lives beside the index, never inside it (compaction replaces the directory).
    CHECK(std::filesystem::exists(corpus.dir / "index.tasks.sqlite"));
    CHECK_FALSE(std::filesystem::exists(corpus.index / "index.tasks.sqlite"));

    // The calendar leaves done and cancelled tasks out unless asked.
    const auto ics = corpus.run("deadlines --today 2023-06-20 --format ics");
    CHECK(ics.out.find("STATUS:CANCELLED") == std::string::npos);
    const auto with_done = corpus.run("deadlines --today 2023-06-20 --format ics --include-done");
    CHECK(with_done.out.find("STATUS:CANCELLED") != std::string::npos);
}

TEST_CASE("task history is append-only and in order, task show prints it", "[tasks]") {
    const Corpus corpus;
    const std::string id = corpus.task(2)["task_id"];
    corpus.mark("start", id, "--note 第一次");
    corpus.mark("done", id, "--date 2023-05-02");
    corpus.mark("reopen", id, "--note 退回补充");
    const auto shown = corpus.run("task show " + id);
    REQUIRE(shown.status == 0);
    CHECK(shown.out.find("市卫生健康委") != std::string::npos);
    CHECK(shown.out.find(kNumber) != std::string::npos);
    CHECK(shown.out.find("退回补充") != std::string::npos);
    const auto started = shown.out.find("in_progress  by");
    const auto done = shown.out.find("done on 2023-05-02");
    const auto reopened = shown.out.find("open  by");
    REQUIRE(started != std::string::npos);
    REQUIRE(done != std::string::npos);
    REQUIRE(reopened != std::string::npos);
    CHECK(started < done);
    CHECK(done < reopened);

    const auto file = index::TaskStateStore::location_for(corpus.index);
    {
        const index::TaskStateStore store(file, false);
        const auto history = store.history(id);
        REQUIRE(history.size() == 3);
        CHECK(history[0].status == "in_progress");
        CHECK(history[1].status == "done");
        CHECK(history[2].status == "open");
        CHECK_FALSE(history[2].changed_by.empty());
        CHECK(history[0].changed_at <= history[2].changed_at);
    }
    // The history refuses to be rewritten, even by hand.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE task_history SET status = 'done'", nullptr, nullptr, nullptr) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM task_history", nullptr, nullptr, nullptr) != SQLITE_OK);
    CHECK(first_text(db, "PRAGMA journal_mode") == "wal");
    sqlite3_close(db);
}

TEST_CASE("task state survives re-ingest, re-OCR, compaction and moving the file", "[tasks]") {
    const Corpus corpus;
    const std::string id = corpus.task(1)["task_id"];
    corpus.mark("done", id, "--date 2023-06-01");

    corpus.ingest(corpus.dir / "docs");               // unchanged: skipped
    CHECK(corpus.task(1)["state"] == "done");
    corpus.ingest(corpus.dir / "docs", "--re-ocr");   // extracted again
    CHECK(corpus.task(1)["state"] == "done");

    const auto compacted = corpus.run("compact");
    INFO(compacted.err);
    REQUIRE(compacted.status == 0);
    CHECK(corpus.task(1)["task_id"] == id);
    CHECK(corpus.task(1)["state"] == "done");

    std::filesystem::create_directories(corpus.dir / "moved");
    std::filesystem::rename(corpus.file, corpus.dir / "moved" / "常政办发30号.txt");
    corpus.ingest(corpus.dir / "moved", "--prune");
    const auto tasks = corpus.tasks();
    REQUIRE(tasks.size() == 4);
    CHECK(corpus.task(1)["task_id"] == id);
    CHECK(corpus.task(1)["state"] == "done");
    CHECK(corpus.task(1)["done_on"] == "2023-06-01");
}

TEST_CASE("a pruned document's task state is archived and comes back with the document", "[tasks]") {
    const Corpus corpus;
    const std::string id = corpus.task(3)["task_id"];
    corpus.mark("done", id, "--note 已培训");
    std::filesystem::rename(corpus.file, corpus.dir / "aside.txt");
    corpus.ingest(corpus.dir / "docs", "--prune");
    CHECK(corpus.tasks().empty());
    const auto archived = corpus.run("task show " + id);
    REQUIRE(archived.status == 0);
    CHECK(archived.out.find("archived") != std::string::npos);
    CHECK(archived.out.find("已培训") != std::string::npos);
    // `deadlines --status archived` lists it, with its state, text and id.
    const json listed = corpus.tasks("--status archived");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["task_id"] == id);
    CHECK(listed[0]["status"] == "archived");
    CHECK(listed[0]["state"] == "done");
    CHECK(listed[0]["note"] == "已培训");
    CHECK(listed[0]["doc_number"] == kNumber);
    const auto table = corpus.run("deadlines --status archived");
    CHECK(table.out.find("已归档（已完成）") != std::string::npos);
    CHECK(table.out.find(id) != std::string::npos);

    std::filesystem::rename(corpus.dir / "aside.txt", corpus.file);
    corpus.ingest(corpus.dir / "docs");
    CHECK(corpus.task(3)["task_id"] == id);
    CHECK(corpus.task(3)["state"] == "done");
    CHECK(corpus.task(3)["note"] == "已培训");
    CHECK(corpus.tasks("--status archived").empty());   // back in the index: no longer archived
}

TEST_CASE("a task text read a little differently keeps its state and id, a different text does not take it", "[tasks]") {
    const Corpus corpus;
    const std::string id = corpus.task(1)["task_id"];
    const std::string other = corpus.task(2)["task_id"];
    corpus.mark("done", id);
    corpus.mark("start", other);
    // A re-scanned copy: OCR reads 1 as l in task 1, and task 2 is another task altogether.
    std::string rescanned = kTsv;
    const std::string one = "至少建成1家", ell = "至少建成l家";
    rescanned.replace(rescanned.find(one), one.size(), ell);
    const std::string two = "推进医养结合，二级以上综合医院设立老年医学科的比例达到60%以上。";
    rescanned.replace(rescanned.find(two), two.size(), "完善居家社区养老服务网络。");
    test::write_file(corpus.file, rescanned);
    corpus.ingest(corpus.dir / "docs");
    const json first = corpus.task(1);
    CHECK(first["task"].get<std::string>().find("l家") != std::string::npos);
    CHECK(first["task_id"] == id);
    CHECK(first["state"] == "done");
    const json second = corpus.task(2);
    CHECK(second["task_id"] != other);
    CHECK(second["state"] == "open");
    // Marking the changed task again moves its key to the new text: the id stays.
    corpus.mark("reopen", id);
    CHECK(corpus.task(1)["task_id"] == id);
    CHECK(corpus.task(1)["state"] == "open");
}

TEST_CASE("two processes marking tasks at once lose nothing, the database stays consistent", "[tasks]") {
    const Corpus corpus;
    const std::string first = corpus.task(1)["task_id"], second = corpus.task(2)["task_id"];
    constexpr int kChanges = 8;
    // Two shells, each marking its task kChanges times, both at once: SQLite's lock and the
    // busy timeout serialize the writes, none may fail or vanish.
    auto loop = [&](const std::string& id) {
        return "(for i in $(seq " + std::to_string(kChanges) + "); do " + std::string(GONGWEN_TEST_BINARY) + " --config " GONGWEN_TEST_CONFIG +
               " task start " + id + " --note n$i --index " + test::quote(corpus.index) + " >/dev/null || exit 1; done)";
    };
    const std::string command = loop(first) + " & a=$!; " + loop(second) + " & b=$!; wait $a && wait $b";
    REQUIRE(std::system(command.c_str()) == 0);   // /bin/sh
    const auto file = index::TaskStateStore::location_for(corpus.index);
    const index::TaskStateStore store(file, false);
    CHECK(store.history(first).size() == kChanges);
    CHECK(store.history(second).size() == kChanges);
    CHECK(store.find(first)->current.note == "n" + std::to_string(kChanges));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(first_text(db, "PRAGMA integrity_check") == "ok");
    sqlite3_close(db);
}

TEST_CASE("kill -9 in the middle of state writes leaves a consistent database", "[tasks]") {
    const Corpus corpus;
    const std::string id = corpus.task(3)["task_id"];
    corpus.mark("start", id, "--note before");
    // Writers killed at different moments of their run (start-up, reading the index, the write).
    std::string command;
    for (int i = 1; i <= 6; ++i) {
        command += std::string(GONGWEN_TEST_BINARY) + " --config " GONGWEN_TEST_CONFIG + " task done " + id + " --note killed" +
                   std::to_string(i) + " --index " + test::quote(corpus.index) + " >/dev/null 2>&1 & p=$!; sleep 0.0" +
                   std::to_string(i * 15 % 100) + "; kill -9 $p 2>/dev/null; wait $p; ";
    }
    // Its exit status is the last kill's; the shell's "Killed" notices go to /dev/null.
    const int killed = std::system(("{ " + command + "} 2>/dev/null").c_str());
    (void)killed;
    const auto file = index::TaskStateStore::location_for(corpus.index);
    {
        const index::TaskStateStore store(file, false);
        const auto state = store.find(id);
        const auto history = store.history(id);
        REQUIRE(state);
        REQUIRE_FALSE(history.empty());
        // The state and its last history row were written in one transaction: never one without the other.
        CHECK(state->current.status == history.back().status);
        CHECK(state->current.note == history.back().note);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(first_text(db, "PRAGMA integrity_check") == "ok");
    sqlite3_close(db);
    // And the next write goes through.
    corpus.mark("done", id, "--note after");
    CHECK(corpus.task(3)["note"] == "after");
}

TEST_CASE("a re-scanned copy of a PDF keeps the state of the rows OCR reads nearly right", "[tasks]") {
    test::TempDir dir;
    const auto index = dir / "index";
    const auto file = dir / "docs" / "苏府办15号.pdf";
    std::filesystem::create_directories(file.parent_path());
    std::filesystem::copy_file(std::filesystem::path(GONGWEN_TEST_GENERATED_FIXTURES) / "task_table.pdf", file);
    auto ingest = [&](const std::string& flags = "") {
        const auto result = test::run_gongwen("ingest --index " + test::quote(index) + " " + flags + " " + test::quote(file.parent_path()));
        INFO(result.err);
        REQUIRE(result.status == 0);
    };
    auto tasks = [&] {
        const auto result = test::run_gongwen("deadlines --format json --index " + test::quote(index));
        REQUIRE(result.status == 0);
        std::map<int, json> by_seq;
        const json out = json::parse(result.out);
        for (const auto& task : out["tasks"]) by_seq[task["seq"].get<int>()] = task;
        return by_seq;
    };
    ingest();
    auto before = tasks();
    REQUIRE(before.size() == 12);
    for (int seq : {1, 5, 8, 9}) {
        const auto result = test::run_gongwen("task done " + before[seq]["task_id"].get<std::string>() + " --index " + test::quote(index));
        REQUIRE(result.status == 0);
    }
    // The same document scanned: OCR misreads row 8 (3 characters of 65), row 5 (4 of 26) and row 1
    // badly (将轴字关计顷到个工作日以); row 9 it reads exactly.
    std::filesystem::copy_file(std::filesystem::path(GONGWEN_TEST_GENERATED_FIXTURES) / "task_table_scanned.pdf", file,
                               std::filesystem::copy_options::overwrite_existing);
    ingest();
    auto after = tasks();
    REQUIRE(after.size() == 12);
    for (int seq : {5, 8, 9}) {
        INFO("seq " << seq << ": " << after[seq]["task"]);
        CHECK(after[seq]["task_id"] == before[seq]["task_id"]);
        CHECK(after[seq]["state"] == "done");
    }
    CHECK(after[8]["task"] != before[8]["task"]);
    CHECK(after[1]["state"] == "open");   // too far from the text it was marked under: not guessed
    // OCR again from scratch (no cached pages): the same reading, the same states.
    ingest("--re-ocr");
    auto again = tasks();
    for (int seq : {5, 8, 9}) CHECK(again[seq]["state"] == "done");
    const auto archived = test::run_gongwen("task show " + before[1]["task_id"].get<std::string>() + " --index " + test::quote(index));
    CHECK(archived.status == 0);
    CHECK(archived.out.find("archived") != std::string::npos);
}

TEST_CASE("task: unknown ids and wrong flags are refused with a message and status 1", "[tasks]") {
    const Corpus corpus;
    const auto unknown = corpus.run("task done 0123456789ab");
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("no task 0123456789ab") != std::string::npos);
    CHECK(corpus.run("task show 0123456789ab").status == 1);
    const std::string id = corpus.task(1)["task_id"];
    const auto bad_date = corpus.run("task done " + id + " --date 2023-02-30");
    CHECK(bad_date.status == 1);
    CHECK(bad_date.err.find("not a date") != std::string::npos);
    CHECK(corpus.run("task start " + id + " --date 2023-02-01").status == 1);
    CHECK(corpus.run("task finish " + id).status == 1);
    CHECK(corpus.task(1)["state"] == "open");   // nothing was written
    const auto help = test::run_gongwen("task --help");
    CHECK(help.status == 0);
    CHECK(help.out.find("reopen") != std::string::npos);
}

TEST_CASE("a task state database from a newer gongwen is refused with a message", "[tasks]") {
    const Corpus corpus;
    const auto file = index::TaskStateStore::location_for(corpus.index);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE future (x); PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const auto listed = corpus.run("deadlines --format json");
    CHECK(listed.status == 1);
    CHECK(listed.err.find("schema version 99") != std::string::npos);
    CHECK(listed.err.find("newer gongwen") != std::string::npos);
    const auto marked = corpus.run("task done 0123456789ab");
    CHECK(marked.status == 1);
    CHECK(marked.err.find("newer gongwen") != std::string::npos);
    CHECK_THROWS_AS(index::TaskStateStore(file, true), index::TaskStateError);
}
