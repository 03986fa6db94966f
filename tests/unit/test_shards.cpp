// Sharded indexes: `ingest --shard K/N` builds the shards, a stub file names them (two served by
// Debian's xapian-tcpsrv on loopback ports, one local), and search/show/deadlines answer exactly as
// one index built from the same files; a stopped server gives a partial answer that says so;
// compact merges the shards back into one index. The servers are started and stopped here.
#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gongwen/index/index_set.hpp"
#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/stored_document.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/shard_assignment.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gongwen;

namespace {

bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

// A port nobody listens on right now (the kernel's choice for port 0).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// One xapian-tcpsrv serving one shard on 127.0.0.1, in its own process group so that stopping it
// also stops the per-connection processes it forks. Stopped at scope exit at the latest.
class TcpServer {
public:
    explicit TcpServer(const fs::path& database) {
        // Another process may take the free port before the server binds it: then try another.
        for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) start(database, free_port());
        REQUIRE(pid_ > 0);
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    int port() const { return port_; }
    std::string name() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    void start(const fs::path& database, int port) {
        const pid_t child = ::fork();
        if (child == 0) {
            ::setpgid(0, 0);
            const std::string port_text = std::to_string(port);
            // Quiet: it reports every client that disconnects ("write failed ... Broken pipe").
            ::freopen("/dev/null", "w", stdout);
            ::freopen("/dev/null", "w", stderr);
            ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port_text.c_str(), "--quiet",
                     database.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::setpgid(child, child);
        // Wait until it listens, or until it has exited (port taken, or no xapian-tcpsrv at all).
        for (int waited = 0; waited < 400; ++waited) {
            if (accepts_connections(port)) {
                pid_ = child;
                port_ = port;
                return;
            }
            int status = 0;
            if (::waitpid(child, &status, WNOHANG) == child) {
                INFO("xapian-tcpsrv exited with status " << status << " (is xapian-tools installed?)");
                CHECK(WEXITSTATUS(status) != 127);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        ::kill(-child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }

    pid_t pid_ = -1;
    int port_ = 0;
};

// The fixture corpus (texts, and PDFs with responsibility tables), ingested once as one index
// and once as three shards.
struct ShardedCorpus {
    test::TempDir dir;
    fs::path corpus = dir / "corpus";
    fs::path whole = dir / "whole";
    std::vector<fs::path> shards{dir / "shard1", dir / "shard2", dir / "shard3"};

    ShardedCorpus() {
        fs::create_directories(corpus);
        for (const char* folder : {"texts", "tables"}) {
            for (const auto& entry : fs::directory_iterator(fs::path(GONGWEN_TEST_SOURCE_FIXTURES) / folder)) {
                if (entry.path().extension() == ".txt") fs::copy_file(entry.path(), corpus / entry.path().filename());
            }
        }
        // Two more saves of one notice (a blank line added: other bytes, so other ids and shards).
        const std::string notice = test::read_file(fs::path(GONGWEN_TEST_SOURCE_FIXTURES) / "texts" / "govcn-002.txt");
        test::write_file(corpus / "govcn-002-saved-again.txt", notice + "\n");
        test::write_file(corpus / "govcn-002-saved-twice.txt", notice + "\n\n");
        // Responsibility tables in PDFs (rendered at build time): the tasks `deadlines` lists.
        for (const char* name : {"task_table.pdf", "task_table_continued.pdf"}) {
            fs::copy_file(fs::path(GONGWEN_TEST_GENERATED_FIXTURES) / name, corpus / name);
        }
        const auto whole_run = test::run_gongwen("ingest --jobs 1 --index " + test::quote(whole) + " " + test::quote(corpus));
        INFO(whole_run.err);
        REQUIRE(whole_run.status == 0);
        for (int k = 1; k <= 3; ++k) {
            const auto run = test::run_gongwen("ingest --jobs 1 --shard " + std::to_string(k) + "/3 --index " +
                                               test::quote(shards[k - 1]) + " " + test::quote(corpus));
            INFO(run.err);
            REQUIRE(run.status == 0);
        }
    }
};

const ShardedCorpus& sharded_corpus() {
    static const ShardedCorpus corpus;
    return corpus;
}

// Document ids in an index (its `Kdoc` records).
std::set<std::string> document_ids(const fs::path& index) {
    const auto set = index::open_index_set(index);
    std::set<std::string> ids;
    for (auto it = set.database.postlist_begin("Kdoc"); it != set.database.postlist_end("Kdoc"); ++it) {
        ids.insert(index::stored_record(set.database.get_document(*it).get_data()).value("id", ""));
    }
    return ids;
}

// Scores to 10 significant digits: a shard set adds the same weights in another order, which may
// change the last bit of a double (3.743370327923956 vs 3.7433703279239565); nothing else may differ.
void round_scores(json& value) {
    if (value.is_object()) {
        for (auto& [key, item] : value.items()) {
            if (key == "score" && item.is_number()) {
                char text[32];
                std::snprintf(text, sizeof text, "%.10g", item.get<double>());
                item = std::stod(text);
            } else {
                round_scores(item);
            }
        }
    } else if (value.is_array()) {
        for (auto& item : value) round_scores(item);
    }
}

json run_json(const std::string& arguments, std::string* err = nullptr) {
    const auto result = test::run_gongwen(arguments);
    INFO(arguments << "\n" << result.err);
    REQUIRE(result.status == 0);
    if (err) *err = result.err;
    return json::parse(result.out);
}

const std::vector<std::string> kQueries = {"国务院", "人民政府", "实施意见", "通知", "营商环境", "2019", "国办发〔2019〕6号"};

json search(const fs::path& index, const std::string& query, std::string* err = nullptr, int limit = 50) {
    json answer = run_json("search --json --limit " + std::to_string(limit) + " --index " + test::quote(index) + " '" + query + "'", err);
    round_scores(answer);
    return answer;
}

json deadlines(const fs::path& index) {
    return run_json("deadlines --format json --today 2023-06-01 --index " + test::quote(index));
}

}  // namespace

TEST_CASE("ingest --shard splits the corpus by content id into disjoint shards", "[shards]") {
    const auto& corpus = sharded_corpus();
    const auto whole = document_ids(corpus.whole);
    REQUIRE(whole.size() >= 10);
    std::set<std::string> together;
    for (int k = 1; k <= 3; ++k) {
        const auto ids = document_ids(corpus.shards[k - 1]);
        CHECK(!ids.empty());
        for (const auto& id : ids) {
            CHECK(index::shard_of(id, 3) == k);   // anyone can tell a document's shard from its id
            CHECK(together.insert(id).second);    // in one shard only
        }
    }
    CHECK(together == whole);
}

TEST_CASE("a 3-shard set, two served by xapian-tcpsrv, answers search, deadlines and show like one index", "[shards][e2e]") {
    const auto& corpus = sharded_corpus();
    TcpServer first(corpus.shards[0]), second(corpus.shards[1]);
    const fs::path stub = corpus.dir / "set.stub";
    test::write_file(stub, "# two remote shards and a local one\nremote 127.0.0.1:" + std::to_string(first.port()) +
                               "\nremote 127.0.0.1:" + std::to_string(second.port()) + "\nauto shard3\n");

    for (const auto& query : kQueries) {
        INFO("query " << query);
        std::string warnings;
        json sharded = search(stub, query, &warnings);
        json single = search(corpus.whole, query);
        CHECK(warnings.empty());
        CHECK(sharded["partial"] == false);
        CHECK(sharded["missing_shards"] == json::array());
        CHECK(single["partial"] == false);
        CHECK(!single["results"].empty());
        // Same documents, same order, same clauses, snippets and scores, same total and facets.
        for (auto* answer : {&sharded, &single}) {
            answer->erase("partial");
            answer->erase("missing_shards");
        }
        CHECK(sharded == single);
        // A full first page: the facets and the total still count every matching document.
        json first_sharded = search(stub, query, nullptr, 1), first_single = search(corpus.whole, query, nullptr, 1);
        CHECK(first_sharded["facets"] == first_single["facets"]);
        CHECK(first_sharded["results"] == first_single["results"]);
        CHECK(first_sharded["total"] == first_single["total"]);
    }

    const json sharded_tasks = deadlines(stub), single_tasks = deadlines(corpus.whole);
    CHECK(sharded_tasks["tasks"].size() >= 20);
    std::set<int> task_shards;
    for (const auto& task : sharded_tasks["tasks"]) task_shards.insert(index::shard_of(task["doc_id"].get<std::string>(), 3));
    CHECK(task_shards.size() >= 2);   // tasks of a remote shard and of another one, merged in one order
    CHECK(sharded_tasks == single_tasks);
    // The bounded overdue read (task entries sorted by Xapian, tracked a few at a time) across
    // remote shards gives the single index's rows too.
    const std::string overdue = "deadlines --format json --overdue --sort latest --limit 3 --today 2023-06-01 --index ";
    const json sharded_overdue = run_json(overdue + test::quote(stub));
    CHECK(sharded_overdue["tasks"].size() == 3);
    CHECK(sharded_overdue["tasks"] == run_json(overdue + test::quote(corpus.whole))["tasks"]);

    // show finds a document in whichever shard holds it, by id and by doc number.
    for (const auto& id : document_ids(corpus.shards[1])) {
        const auto shown = run_json("show --json --index " + test::quote(stub) + " " + id);
        CHECK(shown["id"] == id);
        CHECK(shown == run_json("show --json --index " + test::quote(corpus.whole) + " " + id));
    }
    const auto by_number = run_json("show --json --index " + test::quote(stub) + " '国办发〔2019〕6号'");
    CHECK(by_number["doc_number"]["normalized"] == "国办发〔2019〕6号");

    // The same set through [index] shards in the config instead of a stub file.
    const fs::path config = corpus.dir / "shards.toml";
    test::write_file(config, "[index]\nshards = [\"" + first.name() + "\", \"" + second.name() + "\", \"" +
                                 corpus.shards[2].string() + "\"]\n");
    json configured = run_json("--config " + test::quote(config) + " search --json --limit 50 国务院");
    round_scores(configured);
    json single = search(corpus.whole, "国务院");
    CHECK(configured["results"] == single["results"]);
    CHECK(configured["total"] == single["total"]);
}

TEST_CASE("a set of local shards answers search like one index, copies in other shards included", "[shards][e2e]") {
    const auto& corpus = sharded_corpus();
    const fs::path stub = corpus.dir / "local.stub";
    test::write_file(stub, "auto shard1\nauto shard2\nauto shard3\n");
    // The three saves of 国办发〔2019〕6号 are spread over the shards: finding them is the copy look-up
    // that a local set does on two threads.
    std::set<int> saved_in;
    for (const auto& id : document_ids(corpus.whole)) {
        const auto shown = run_json("show --json --index " + test::quote(corpus.whole) + " " + id);
        if (shown["doc_number"].is_object() && shown["doc_number"].value("normalized", "") == "国办发〔2019〕6号") saved_in.insert(index::shard_of(id, 3));
    }
    CHECK(saved_in.size() >= 2);
    for (const auto& query : kQueries) {
        INFO("query " << query);
        json sharded = search(stub, query), single = search(corpus.whole, query);
        CHECK(!single["results"].empty());
        CHECK(sharded == single);
    }
    const json by_number = search(stub, "国办发〔2019〕6号");
    REQUIRE(!by_number["results"].empty());
    CHECK(by_number["results"][0]["copies"].size() == 3);
}

TEST_CASE("a stopped shard server gives a partial answer from the other shards, with a warning", "[shards][e2e]") {
    const auto& corpus = sharded_corpus();
    TcpServer first(corpus.shards[0]), second(corpus.shards[1]);
    const fs::path stub = corpus.dir / "partial.stub";
    test::write_file(stub, "remote 127.0.0.1:" + std::to_string(first.port()) + "\nremote 127.0.0.1:" +
                               std::to_string(second.port()) + "\nauto " + corpus.shards[2].string() + "\n");
    const std::string missing = first.name();
    first.stop();

    std::string warnings;
    const json partial = search(stub, "国务院", &warnings);
    CHECK(partial["partial"] == true);
    CHECK(partial["missing_shards"] == json::array({missing}));
    CHECK(warnings.find("warning") != std::string::npos);
    CHECK(warnings.find(missing) != std::string::npos);
    CHECK(warnings.find("partial") != std::string::npos);

    // Exactly the single index's documents without those of the missing shard. Their order may
    // differ where scores are close: without a shard, the collection statistics (document count,
    // average length) that every score uses are those of the other shards.
    std::vector<std::string> expected, got;
    const json whole = search(corpus.whole, "国务院");
    for (const auto& hit : whole["results"]) {
        if (index::shard_of(hit["doc_id"].get<std::string>(), 3) != 1) expected.push_back(hit["doc_id"]);
    }
    for (const auto& hit : partial["results"]) got.push_back(hit["doc_id"]);
    CHECK(!expected.empty());
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK(got == expected);

    // deadlines lists the tasks of the reachable shards and warns too.
    const auto tasks = test::run_gongwen("deadlines --format json --today 2023-06-01 --index " + test::quote(stub));
    CHECK(tasks.status == 0);
    CHECK(tasks.err.find(missing) != std::string::npos);
    std::size_t expected_tasks = 0;
    const json all_tasks = deadlines(corpus.whole);
    for (const auto& task : all_tasks["tasks"]) expected_tasks += index::shard_of(task["doc_id"].get<std::string>(), 3) != 1;
    CHECK(json::parse(tasks.out)["tasks"].size() == expected_tasks);

    // Text mode: the results, and the warning on stderr.
    const auto text = test::run_gongwen("search --index " + test::quote(stub) + " 国务院");
    CHECK(text.status == 0);
    CHECK(text.err.find(missing) != std::string::npos);
    CHECK(text.out.find("国务院") != std::string::npos);

    // With every shard gone there is no answer: a clear error, exit 1.
    second.stop();
    const fs::path dead = corpus.dir / "dead.stub";
    test::write_file(dead, "remote 127.0.0.1:" + std::to_string(first.port()) + "\nremote 127.0.0.1:" +
                               std::to_string(second.port()) + "\n");
    const auto none = test::run_gongwen("search --json --index " + test::quote(dead) + " 国务院");
    CHECK(none.status == 1);
    CHECK(none.err.find("no shard of stub file") != std::string::npos);
}

TEST_CASE("compact merges a shard set into one index that answers like the single index", "[shards][e2e]") {
    const auto& corpus = sharded_corpus();
    const fs::path stub = corpus.dir / "local.stub";
    test::write_file(stub, "auto shard1\nauto shard2\nglass " + corpus.shards[2].string() + "\n");
    const fs::path merged = corpus.dir / "merged";

    const auto in_place = test::run_gongwen("compact --index " + test::quote(stub));
    CHECK(in_place.status == 1);
    CHECK(in_place.err.find("--output") != std::string::npos);

    const auto result = test::run_gongwen("compact --json --index " + test::quote(stub) + " --output " + test::quote(merged));
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(json::parse(result.out)["entries"] == index::open_index_set(corpus.whole).database.get_doccount());
    CHECK(document_ids(merged) == document_ids(corpus.whole));
    for (const auto& query : kQueries) {
        INFO("query " << query);
        CHECK(search(merged, query) == search(corpus.whole, query));
    }
    CHECK(deadlines(merged) == deadlines(corpus.whole));
    // Each shard numbered its entries from 1: the merged index goes on after the highest of them.
    std::uint64_t highest = 0;
    for (const auto& shard : corpus.shards) highest = std::max(highest, index::last_sequence(Xapian::Database(shard.string())));
    CHECK(highest > 0);
    CHECK(index::last_sequence(Xapian::Database(merged.string())) == highest);
    // The merged index is a whole index again: plain ingest accepts it.
    const auto again = test::run_gongwen("ingest --jobs 1 --index " + test::quote(merged) + " " + test::quote(corpus.corpus));
    CHECK(again.status == 0);

    // A remote shard cannot be merged here.
    const fs::path remote = corpus.dir / "remote.stub";
    test::write_file(remote, "remote 127.0.0.1:9\nauto shard1\n");
    const auto refused = test::run_gongwen("compact --index " + test::quote(remote) + " --output " + test::quote(corpus.dir / "m2"));
    CHECK(refused.status == 1);
    CHECK(refused.err.find("tcp://127.0.0.1:9 is remote") != std::string::npos);
}

TEST_CASE("ingest --shard: bad K/N and a shard that contradicts the index are refused by name", "[shards][e2e]") {
    test::TempDir dir;
    const fs::path text = dir / "corpus" / "a.txt";
    test::write_file(text, "国务院办公厅关于测试的通知\n国办发〔2020〕1号\n各省人民政府：\n一、总体要求\n做好测试工作。\n");
    for (const char* bad : {"4/3", "0/3", "1/0", "x", "2-3", "1/3/4", "/3"}) {
        INFO(bad);
        const auto run = test::run_gongwen(std::string("ingest --shard '") + bad + "' --index " + test::quote(dir / "bad") + " " +
                                           test::quote(text));
        CHECK(run.status == 1);
        CHECK(run.err.find(std::string("--shard '") + bad + "'") != std::string::npos);
        CHECK(!fs::exists(dir / "bad"));
    }
    const fs::path shard = dir / "s1";
    REQUIRE(test::run_gongwen("ingest --shard 1/2 --index " + test::quote(shard) + " " + test::quote(text)).status == 0);
    const auto other = test::run_gongwen("ingest --shard 2/2 --index " + test::quote(shard) + " " + test::quote(text));
    CHECK(other.status == 1);
    CHECK(other.err.find("is shard 1/2, not 2/2") != std::string::npos);
    const auto whole = test::run_gongwen("ingest --index " + test::quote(shard) + " " + test::quote(text));
    CHECK(whole.status == 1);
    CHECK(whole.err.find("pass --shard 1/2") != std::string::npos);

    const fs::path plain = dir / "plain";
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(plain) + " " + test::quote(text)).status == 0);
    const auto into_whole = test::run_gongwen("ingest --shard 1/2 --index " + test::quote(plain) + " " + test::quote(text));
    CHECK(into_whole.status == 1);
    CHECK(into_whole.err.find("whole (unsharded) index") != std::string::npos);
}

TEST_CASE("stub files and shard locations are read as Xapian writes them, errors name the line", "[shards]") {
    test::TempDir dir;
    const fs::path stub = dir / "set.stub";
    test::write_file(stub, "# comment\n\nremote 10.0.0.5:33333\nauto shard1\nglass /srv/a\nremote [::1]:4000\nremote :xapian-progsrv /srv/b\n");
    const auto shards = index::read_stub_file(stub);
    REQUIRE(shards.size() == 5);
    CHECK(shards[0].name() == "tcp://10.0.0.5:33333");
    CHECK(shards[1].name() == (dir / "shard1").string());
    CHECK(shards[2].name() == "/srv/a");
    CHECK(shards[3].host == "::1");
    CHECK(shards[3].name() == "tcp://[::1]:4000");
    CHECK(shards[4].kind == index::ShardLocation::Kind::program);
    CHECK(shards[4].arguments == "/srv/b");

    test::write_file(stub, "auto a\nremote host:http\n");
    CHECK_THROWS_WITH(index::read_stub_file(stub), Catch::Contains("line 2") && Catch::Contains("port"));
    test::write_file(stub, "remote tcp 10.0.0.5 33333\n");
    CHECK_THROWS_WITH(index::read_stub_file(stub), Catch::Contains("line 1"));
    test::write_file(stub, "sharded a\n");
    CHECK_THROWS_WITH(index::read_stub_file(stub), Catch::Contains("line 1") && Catch::Contains("unknown line"));

    CHECK(index::parse_shard_location("tcp://idx-2.example:33333").port == 33333);
    CHECK_THROWS_WITH(index::parse_shard_location("tcp://host"), Catch::Contains("tcp://host"));
    CHECK_THROWS_WITH(index::parse_shard_location("http://host:80"), Catch::Contains("only tcp://"));

    CHECK(index::parse_shard_assignment("2/3").number == 2);
    CHECK_THROWS_WITH(index::parse_shard_assignment("3/2"), Catch::Contains("from 1 to 2"));
    // The split is stable: it depends on the id only (and is spread over the shards).
    CHECK(index::shard_of("0000000000000005", 3) == 3);
    CHECK(index::shard_of("ffffffffffffffff", 2) == 2);
}
