// `gongwen watch`: the settle check on a fake clock, and the real binary watching a real folder
// (a child process, stopped with SIGTERM): files copied in, written slowly, changed, deleted, in
// new subfolders, and while another writer (as a compaction does) holds the index's lock.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <map>
#include <regex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "gongwen/index/index_writer.hpp"
#include "settle_tracker.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kTexts = std::filesystem::path(GONGWEN_TEST_SOURCE_FIXTURES) / "texts";

// ---- the settle check -------------------------------------------------------------------------

struct FakeFiles {
    std::map<std::string, app::FileState> states;
    app::FileState operator()(const std::string& path) const {
        const auto it = states.find(path);
        return it == states.end() ? app::FileState{} : it->second;
    }
};

std::vector<std::string> paths_of(const std::vector<app::SettleTracker::Settled>& settled) {
    std::vector<std::string> paths;
    for (const auto& item : settled) paths.push_back(item.path);
    return paths;
}

// ---- the real binary --------------------------------------------------------------------------

/// `gongwen watch --settle 0.5` as a child process; its stderr goes to a file the test reads.
class WatchProcess {
public:
    WatchProcess(const std::filesystem::path& index, const std::vector<std::filesystem::path>& folders, const std::filesystem::path& log)
        : log_(log) {
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, STDERR_FILENO);
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            std::vector<std::string> args = {GONGWEN_TEST_BINARY, "--config", GONGWEN_TEST_CONFIG, "watch", "--index", index.string(),
                                             "--settle", "0.5", "--jobs", "1"};
            for (const auto& folder : folders) args.push_back(folder.string());
            std::vector<char*> argv;
            for (auto& arg : args) argv.push_back(arg.data());
            argv.push_back(nullptr);
            ::execv(GONGWEN_TEST_BINARY, argv.data());
            ::_exit(127);
        }
        // Ready once the catch-up run has printed its summary.
        REQUIRE(wait_for_log([](const std::string& log) { return log.find(" files: ") != std::string::npos; }, 15s));
    }
    ~WatchProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::string log() const { return test::read_file(log_); }
    pid_t pid() const { return pid_; }
    bool wait_for_log(const std::function<bool(const std::string&)>& done, std::chrono::milliseconds timeout) const {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            if (done(log())) return true;
            std::this_thread::sleep_for(50ms);
        }
        return done(log());
    }
    /// SIGTERM, then the exit status (-1: killed by a signal or did not exit in time).
    int stop() {
        ::kill(pid_, SIGTERM);
        const auto until = std::chrono::steady_clock::now() + 15s;
        int status = 0;
        while (std::chrono::steady_clock::now() < until) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(20ms);
        }
        return -1;
    }

private:
    std::filesystem::path log_;
    pid_t pid_ = -1;
};

/// How many documents a search finds (0 when the index is not there yet).
int hits(const std::filesystem::path& index, const std::string& query) {
    const auto result = test::run_gongwen("search --index " + test::quote(index) + " --json " + query);
    if (result.status != 0) return 0;
    return nlohmann::json::parse(result.out).value("total", 0);
}

/// Polls the search until it finds `expected` documents.
bool hits_become(const std::filesystem::path& index, const std::string& query, int expected, std::chrono::milliseconds timeout = 10s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (hits(index, query) == expected) return true;
        std::this_thread::sleep_for(100ms);
    }
    return hits(index, query) == expected;
}

/// A real notice with a last clause of our own, whose words say which file (and version) it is.
std::string document_ending_with(const std::string& fixture, const std::string& last_clause) {
    return test::read_file(kTexts / fixture) + "\n五、" + last_clause + "\n";
}

/// Files indexed over every batch summary the watcher printed ("N files: K indexed, …").
int indexed_in_summaries(const std::string& log) {
    static const std::regex summary(R"(files: (\d+) indexed)");
    int total = 0;
    for (std::sregex_iterator it(log.begin(), log.end(), summary), end; it != end; ++it) total += std::stoi((*it)[1]);
    return total;
}

}  // namespace

TEST_CASE("settle check: a file is taken once its size and mtime stay unchanged for the settle time", "[watch]") {
    using Clock = app::SettleTracker::Clock;
    const Clock::time_point t0{};
    app::SettleTracker tracker(2s);
    FakeFiles files;
    files.states["/w/a.pdf"] = {true, false, 100, 1};
    tracker.touched("/w/a.pdf", t0);
    CHECK(tracker.take_settled(t0, std::cref(files)).empty());
    CHECK(tracker.take_settled(t0 + 1s, std::cref(files)).empty());
    // Still being written: it grows, and the quiet time starts again.
    files.states["/w/a.pdf"] = {true, false, 200, 2};
    CHECK(tracker.take_settled(t0 + 1500ms, std::cref(files)).empty());
    CHECK(tracker.take_settled(t0 + 3s, std::cref(files)).empty());
    const auto settled = tracker.take_settled(t0 + 3500ms, std::cref(files));
    CHECK(paths_of(settled) == std::vector<std::string>{"/w/a.pdf"});
    REQUIRE(settled.size() == 1);
    CHECK(settled[0].state.size == 200);
    CHECK(tracker.empty());
    // Taken once: nothing more without a new event.
    CHECK(tracker.take_settled(t0 + 10s, std::cref(files)).empty());
}

TEST_CASE("settle check: a new event restarts the quiet time even when the size and mtime look the same", "[watch]") {
    using Clock = app::SettleTracker::Clock;
    const Clock::time_point t0{};
    app::SettleTracker tracker(1s);
    FakeFiles files;
    files.states["/w/b.txt"] = {true, false, 10, 5};
    tracker.touched("/w/b.txt", t0);
    CHECK(tracker.take_settled(t0, std::cref(files)).empty());
    tracker.touched("/w/b.txt", t0 + 900ms);
    CHECK(tracker.take_settled(t0 + 1200ms, std::cref(files)).empty());
    CHECK(paths_of(tracker.take_settled(t0 + 1900ms, std::cref(files))) == std::vector<std::string>{"/w/b.txt"});
}

TEST_CASE("settle check: deletions settle too, each path on its own clock", "[watch]") {
    using Clock = app::SettleTracker::Clock;
    const Clock::time_point t0{};
    app::SettleTracker tracker(500ms);
    FakeFiles files;
    files.states["/w/new.txt"] = {true, false, 1, 1};
    tracker.touched("/w/gone.txt", t0);   // not in `files`: deleted
    tracker.touched("/w/new.txt", t0);
    CHECK(tracker.take_settled(t0, std::cref(files)).empty());
    files.states["/w/new.txt"] = {true, false, 2, 2};
    const auto first = tracker.take_settled(t0 + 600ms, std::cref(files));
    REQUIRE(paths_of(first) == std::vector<std::string>{"/w/gone.txt"});
    CHECK_FALSE(first[0].state.exists);
    CHECK(tracker.size() == 1);
    CHECK(paths_of(tracker.take_settled(t0 + 1200ms, std::cref(files))) == std::vector<std::string>{"/w/new.txt"});
}

TEST_CASE("watch: a copied file becomes searchable, a changed one is replaced, a deleted one is pruned, SIGTERM exits 0", "[watch][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index";
    std::filesystem::create_directories(docs);
    // One file is there before the watcher starts: the catch-up run takes it.
    test::write_file(docs / "before.txt", document_ending_with("govcn-022.txt", "本通知由启动前观测站负责解释。"));
    WatchProcess watch(index, {docs}, dir / "watch.log");
    CHECK(watch.log().find("watching 1 folder") != std::string::npos);
    CHECK(hits(index, "启动前观测站") == 1);

    test::write_file(dir / "copy.txt", document_ending_with("govcn-033.txt", "本办法由青海湖观测站负责解释。"));
    std::filesystem::copy_file(dir / "copy.txt", docs / "notice.txt");
    CHECK(hits_become(index, "青海湖观测站", 1));

    // Changed in place: the new words are found, the old ones no longer.
    test::write_file(docs / "notice.txt", document_ending_with("govcn-033.txt", "本办法由洞庭湖观测站负责解释。"));
    CHECK(hits_become(index, "洞庭湖观测站", 1));
    CHECK(hits(index, "青海湖观测站") == 0);

    std::filesystem::remove(docs / "notice.txt");
    CHECK(hits_become(index, "洞庭湖观测站", 0));
    CHECK(hits(index, "启动前观测站") == 1);   // the other file stays

    INFO("watch log: " << watch.log());
    CHECK(watch.stop() == 0);
    // The index opens for writing (not half-written, lock released) and for searching.
    CHECK_NOTHROW(index::IndexWriter(index));
    CHECK(hits(index, "启动前观测站") == 1);
}

TEST_CASE("watch: a file written slowly in two halves is ingested once, complete", "[watch][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index";
    std::filesystem::create_directories(docs);
    WatchProcess watch(index, {docs}, dir / "watch.log");
    const int before = indexed_in_summaries(watch.log());

    const std::string text = document_ending_with("govcn-038.txt", "本意见由鄱阳湖观测站负责解释。");
    const std::size_t half = text.size() / 2;
    {
        std::ofstream out(docs / "slow.txt", std::ios::binary);
        out.write(text.data(), static_cast<std::streamsize>(half));
        out.flush();
        // A pause shorter than the settle time (0.5 s): the file is not taken half written.
        std::this_thread::sleep_for(300ms);
        out.write(text.data() + half, static_cast<std::streamsize>(text.size() - half));
    }
    CHECK(hits_become(index, "鄱阳湖观测站", 1));
    // Some time for a second, needless ingest to show up if the first half had been taken.
    std::this_thread::sleep_for(1500ms);
    INFO("watch log: " << watch.log());
    CHECK(indexed_in_summaries(watch.log()) - before == 1);
    CHECK(watch.stop() == 0);
}

TEST_CASE("watch: files in a new subfolder and in a folder moved in whole are picked up, a folder moved away is pruned", "[watch][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index";
    std::filesystem::create_directories(docs);
    WatchProcess watch(index, {docs}, dir / "watch.log");

    std::filesystem::create_directories(docs / "2026" / "一月");
    std::this_thread::sleep_for(200ms);   // the new folder's watch, then a file in it
    test::write_file(docs / "2026" / "一月" / "a.txt", document_ending_with("govcn-022.txt", "本通知由太湖观测站负责解释。"));
    CHECK(hits_become(index, "太湖观测站", 1));

    // A folder prepared elsewhere and moved in: no event for its files, only for the folder.
    test::write_file(dir / "staging" / "inner" / "b.txt", document_ending_with("govcn-045.txt", "本通知由巢湖观测站负责解释。"));
    std::filesystem::rename(dir / "staging", docs / "staging");
    CHECK(hits_become(index, "巢湖观测站", 1));

    // Moved away whole: its file's entries go.
    std::filesystem::rename(docs / "2026", dir / "archived");
    CHECK(hits_become(index, "太湖观测站", 0));
    CHECK(hits(index, "巢湖观测站") == 1);
    INFO("watch log: " << watch.log());
    CHECK(watch.stop() == 0);
}

TEST_CASE("watch: a file that arrives while another process holds the index's lock waits and is written afterwards", "[watch][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index";
    std::filesystem::create_directories(docs);
    WatchProcess watch(index, {docs}, dir / "watch.log");
    {
        // What `gongwen compact` holds for the whole compaction.
        index::IndexWriter held(index);
        test::write_file(docs / "during.txt", document_ending_with("govcn-033.txt", "本办法由洱海观测站负责解释。"));
        REQUIRE(watch.wait_for_log([](const std::string& log) { return log.find("the index is locked") != std::string::npos; }, 10s));
        std::this_thread::sleep_for(1s);
        CHECK(hits(index, "洱海观测站") == 0);
    }
    CHECK(hits_become(index, "洱海观测站", 1));
    // And a real compaction in between changes nothing of that. The watcher may still hold the
    // lock (a first ingest compacts the new index), hence --wait.
    const auto compact = test::run_gongwen("compact --wait 60 --index " + test::quote(index));
    INFO("compact printed: " << compact.err);
    CHECK(compact.status == 0);
    test::write_file(docs / "after.txt", document_ending_with("govcn-022.txt", "本通知由滇池观测站负责解释。"));
    CHECK(hits_become(index, "滇池观测站", 1));
    CHECK(hits(index, "洱海观测站") == 1);
    INFO("watch log: " << watch.log());
    CHECK(watch.stop() == 0);
}

TEST_CASE("serve --watch: the page finds a file dropped into the watched folder, SIGTERM stops both", "[watch][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index", log = dir / "serve.log";
    std::filesystem::create_directories(docs);
    int out[2];
    REQUIRE(::pipe(out) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, STDERR_FILENO);
        ::close(out[0]);
        // No index yet: serve --watch creates it and the watcher fills it.
        ::execl(GONGWEN_TEST_BINARY, GONGWEN_TEST_BINARY, "--config", GONGWEN_TEST_CONFIG, "serve", "--index", index.c_str(), "--port",
                "0", "--watch", docs.c_str(), "--settle", "0.5", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    INFO("serve printed: " << line << "\nserve log: " << test::read_file(log));
    const auto colon = line.rfind(':', line.find("/ "));
    REQUIRE(colon != std::string::npos);
    httplib::Client client("127.0.0.1", std::stoi(line.substr(colon + 1)));

    // The file arrives once the watcher runs (its catch-up walk may take it too: either way once).
    const auto watching_until = std::chrono::steady_clock::now() + 10s;
    while (test::read_file(log).find("gongwen: watching") == std::string::npos && std::chrono::steady_clock::now() < watching_until) {
        std::this_thread::sleep_for(20ms);
    }
    test::write_file(docs / "dropped.txt", document_ending_with("govcn-033.txt", "本办法由千岛湖观测站负责解释。"));
    const auto found = [&] {
        const auto response = client.Get("/api/search?q=" + httplib::detail::encode_query_param("千岛湖观测站"));
        return response && response->status == 200 && nlohmann::json::parse(response->body).value("total", 0) == 1;
    };
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!found() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(100ms);
    CHECK(found());

    ::kill(pid, SIGTERM);
    int status = -1;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (::waitpid(pid, &status, WNOHANG) != pid && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
    if (std::chrono::steady_clock::now() >= deadline) ::kill(pid, SIGKILL), ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // "stopped watching", or — when SIGTERM comes while the file's own event is still settling
    // (the catch-up walk may have written it already) — "stopped; 1 change(s) may not be written yet".
    CHECK(test::read_file(log).find("gongwen: stopped") != std::string::npos);
    CHECK_NOTHROW(index::IndexWriter(index));
}

/// The kernel's inotify queue length (events beyond it are dropped with one IN_Q_OVERFLOW).
int inotify_queue_length() {
    const std::string text = test::read_file("/proc/sys/fs/inotify/max_queued_events");
    return text.empty() ? 16384 : std::stoi(text);
}

TEST_CASE("watch: 1,000 files dropped at once are all indexed (a queue overflow makes it walk the folder again)", "[watch][e2e][scale]") {
    test::TempDir dir;
    const auto docs = dir / "docs", index = dir / "index";
    std::filesystem::create_directories(docs);
    WatchProcess watch(index, {docs}, dir / "watch.log");
    constexpr int kFiles = 1000;
    // With the watcher paused (SIGSTOP) and each file closed after writing again and again, the
    // events outgrow the kernel's queue: the overflow path (walk the folder again) must find every file.
    const bool overflow = GENERATE(false, true);
    const int rounds = overflow ? inotify_queue_length() / kFiles + 2 : 0;
    if (overflow && rounds > 40) {
        WARN("inotify queue of " << inotify_queue_length() << " events: too long to overflow quickly, the overflow case is skipped");
        return;
    }
    if (overflow) REQUIRE(::kill(watch.pid(), SIGSTOP) == 0);
    // Small distinct notices: each names its own station (a Latin token search finds exactly one).
    const char* places[] = {"青海湖", "洞庭湖", "鄱阳湖", "太湖", "巢湖", "洪泽湖", "滇池", "洱海"};
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < kFiles; ++i) {
        const std::string token = "obs" + std::to_string(10000 + i);
        const std::string place = places[i % 8];
        test::write_file(docs / ("notice-" + std::to_string(i) + ".txt"),
                         "关于设立" + place + "第" + std::to_string(i) + "号观测站的通知\n"
                         "一、在" + place + "设立观测站，编号 " + token + "。\n"
                         "二、观测站自" + std::to_string(2000 + i % 25) + "年起每月报送水位数据 " + std::to_string(i * 7919 % 100000) + " 条。\n");
    }
    int reopened = 0;
    for (int round = 0; round < rounds; ++round) {   // one IN_CLOSE_WRITE per file and round (other names in between: not merged)
        for (int i = 0; i < kFiles; ++i) {
            const int fd = ::open((docs / ("notice-" + std::to_string(i) + ".txt")).c_str(), O_WRONLY | O_APPEND);
            if (fd >= 0) ++reopened, ::close(fd);
        }
    }
    CHECK(reopened == rounds * kFiles);
    if (overflow) REQUIRE(::kill(watch.pid(), SIGCONT) == 0);
    // Bounded: the watcher's batches (and a rescan after an overflow) must take every file.
    const bool all = watch.wait_for_log([](const std::string& log) { return indexed_in_summaries(log) >= kFiles; }, 150s);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string log = watch.log();
    INFO("indexed " << indexed_in_summaries(log) << " in " << seconds << " s; overflow rescan: "
                    << (log.find("queue overflow") != std::string::npos ? "yes" : "no"));
    CHECK(all);
    if (overflow) CHECK(log.find("queue overflow") != std::string::npos);
    CHECK(log.find(": rejected:") == std::string::npos);
    for (int i : {0, 1, 499, 998, 999}) CHECK(hits(index, "obs" + std::to_string(10000 + i)) == 1);
    CHECK(watch.stop() == 0);
}
