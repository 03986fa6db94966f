// End-to-end tests of `gongwen serve` on the real binary over a real index: the API mirrors the
// CLI, document values are escaped, original files are served only for indexed documents (every
// path-traversal form is a 404), malformed requests get 400 and never stop the server, and 50
// parallel searches are all answered while an ingest commits to the same index.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_writer.hpp"
#include "serve_process.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;

/// Three documents: a letter (国办函〔2004〕71号), a notice whose title and clauses contain
/// markup and which cites the letter, and a task table.
struct ServedCorpus {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    ServedCorpus() {
        std::filesystem::create_directories(docs);
        std::filesystem::copy_file(kSource / "fields" / "govcn-022.txt", docs / "govcn-022.txt");
        std::filesystem::copy_file(kSource / "serve" / "script_title_notice.txt", docs / "script_title_notice.txt");
        std::filesystem::copy_file(kSource / "tables" / "tsv_task_table.txt", docs / "tsv_task_table.txt");
        const auto ingest = test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(docs));
        INFO("ingest stderr: " << ingest.err);
        REQUIRE(ingest.status == 0);
    }
};

const ServedCorpus& corpus() {
    static const ServedCorpus shared;
    return shared;
}

/// `gongwen serve --port 0` as a child process; the port is read from its first line.
/// The server with its stderr kept: some tests read what it logged.
class ServeProcess : public test::ServeProcess {
public:
    explicit ServeProcess(const std::filesystem::path& index, const std::string& host = "127.0.0.1")
        : test::ServeProcess(index, {host, {}, true}) {}
};

/// Sends `request` as raw bytes (no client library that could normalise it) and returns the whole reply.
std::string raw_exchange(int port, const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    // No half-close: the server reads a closed write side as a client that left. Every request
    // here says Connection: close (or is malformed), so the server ends the exchange.
    timeval timeout{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string reply;
    char buffer[8192];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return reply;
}

std::string raw_get(int port, const std::string& target) {
    return raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

int status_of(const std::string& reply) {
    if (reply.rfind("HTTP/1.1 ", 0) != 0 || reply.size() < 12) return -1;
    return std::stoi(reply.substr(9, 3));
}

json get_json(httplib::Client& client, const std::string& target, int expected_status = 200) {
    const auto response = client.Get(target.c_str());
    REQUIRE(response);
    INFO(target << " -> " << response->status << " " << response->body);
    REQUIRE(response->status == expected_status);
    CHECK(response->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return json::parse(response->body);
}

std::string doc_id_of(const std::filesystem::path& file) {
    const auto result = test::run_gongwen("extract --json " + test::quote(file));
    REQUIRE(result.status == 0);
    return json::parse(result.out)["id"];
}

json without_key(json results, const char* key) {
    for (auto& result : results["results"]) result.erase(key);
    return results;
}

}  // namespace

TEST_CASE("serve: the API mirrors the CLI, pages and assets are compiled in", "[e2e][serve]") {
    const auto& served = corpus();
    ServeProcess server(served.index);
    CHECK(server.first_line().find("http://127.0.0.1:") != std::string::npos);
    httplib::Client client("127.0.0.1", server.port());

    // /api/search is `search --json`, plus each result's issuers, date and 文种.
    const auto cli = test::run_gongwen("search --json --index " + test::quote(served.index) + " 推行部门联合");
    REQUIRE(cli.status == 0);
    const json api = get_json(client, "/api/search?q=" + httplib::detail::encode_query_param("推行部门联合"));
    CHECK(without_key(api, "document") == json::parse(cli.out));
    REQUIRE(api["results"].size() == 1);
    CHECK(api["results"][0]["signed_date"] == "2030-01-15");
    CHECK(api["results"][0]["document"]["doc_type"] == "通知");
    CHECK(api["facets"]["year"][0]["value"] == "2030");

    // A word no document has: the documents with the other words come in "some_words", with their
    // issuers and 文种 like the results.
    const json some = get_json(client, "/api/search?q=" + httplib::detail::encode_query_param("外汇局 推行部门联合"));
    CHECK(some["total"] == 0);
    REQUIRE_FALSE(some["some_words"]["results"].empty());
    CHECK(some["some_words"]["results"][0]["document"]["doc_type"] == "通知");

    // /api/doc/{id}: the stored record (as `show --json`), cited documents linked when indexed, "cited by".
    const std::string notice = doc_id_of(served.docs / "script_title_notice.txt");
    const std::string letter = doc_id_of(served.docs / "govcn-022.txt");
    const auto show = test::run_gongwen("show --json --index " + test::quote(served.index) + " " + notice);
    REQUIRE(show.status == 0);
    const json document = get_json(client, "/api/doc/" + notice);
    CHECK(document["record"] == json::parse(show.out));
    REQUIRE(document["cited"].size() >= 1);
    CHECK(document["cited"][0]["doc_number"] == "国办函〔2004〕71号");
    CHECK(document["cited"][0]["doc_id"] == letter);
    const json cited = get_json(client, "/api/doc/" + letter);
    REQUIRE(cited["cited_by"].size() == 1);
    CHECK(cited["cited_by"][0]["doc_id"] == notice);
    get_json(client, "/api/doc/0123456789abcdef", 404);

    // /api/deadlines is `deadlines --format json` with the same filters; CSV and ICS are the CLI's bytes.
    const std::string flags = "--unit 市民政局 --today 2021-06-01";
    const auto cli_tasks = test::run_gongwen("deadlines --format json --index " + test::quote(served.index) + " " + flags);
    REQUIRE(cli_tasks.status == 0);
    json tasks = get_json(client, "/api/deadlines?unit=" + httplib::detail::encode_query_param("市民政局") + "&today=2021-06-01");
    CHECK(tasks["today"] == "2021-06-01");
    tasks.erase("today");
    CHECK(tasks == json::parse(cli_tasks.out));
    CHECK(!tasks["tasks"].empty());
    // limit as `deadlines --limit`: the first rows, with the count of all of them for the page.
    const json all = get_json(client, "/api/deadlines?today=2021-06-01");
    const json first = get_json(client, "/api/deadlines?limit=1&today=2021-06-01");
    REQUIRE(first["tasks"].size() == 1);
    CHECK(first["tasks"][0] == all["tasks"][0]);
    CHECK(first["total"] == all["tasks"].size());
    CHECK(first["total_exact"] == true);
    CHECK(get_json(client, "/api/deadlines?status=overdue&sort=latest&limit=0&today=2021-06-01")["total_exact"] == true);
    const auto csv = client.Get(("/api/deadlines.csv?unit=" + httplib::detail::encode_query_param("市民政局") + "&today=2021-06-01").c_str());
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    // The page's download is for Excel users: Chinese headers, as `--headers zh` writes them.
    const auto cli_csv = test::run_gongwen("deadlines --format csv --headers zh --index " + test::quote(served.index) + " " + flags);
    CHECK(csv->body == cli_csv.out);
    const auto ics = client.Get("/api/deadlines.ics?today=2021-06-01");
    REQUIRE(ics);
    CHECK(ics->status == 200);
    CHECK(ics->body.find("BEGIN:VCALENDAR") == 0);
    CHECK(ics->body.find("BEGIN:VEVENT") != std::string::npos);

    // The original file of an indexed document, byte for byte.
    const auto file = client.Get(("/file/" + letter).c_str());
    REQUIRE(file);
    CHECK(file->status == 200);
    CHECK(file->body == test::read_file(served.docs / "govcn-022.txt"));
    CHECK(file->get_header_value("Content-Type") == "text/plain; charset=utf-8");
    CHECK(file->get_header_value("Accept-Ranges") == "bytes");

    // PDF viewers read large files in byte ranges: 206 with the slice and where it lies, 416 with
    // the size for a range past the end, 304 for a copy whose ETag is current.
    const std::string original = test::read_file(served.docs / "govcn-022.txt");
    REQUIRE(original.size() > 300);
    const auto part = client.Get(("/file/" + letter).c_str(), {{"Range", "bytes=100-199"}});
    REQUIRE(part);
    CHECK(part->status == 206);
    CHECK(part->body == original.substr(100, 100));
    CHECK(part->get_header_value("Content-Range") == "bytes 100-199/" + std::to_string(original.size()));
    const auto tail = client.Get(("/file/" + letter).c_str(), {{"Range", "bytes=-50"}});
    REQUIRE(tail);
    CHECK(tail->status == 206);
    CHECK(tail->body == original.substr(original.size() - 50));
    const auto past_end = client.Get(("/file/" + letter).c_str(), {{"Range", "bytes=" + std::to_string(original.size() + 10) + "-"}});
    REQUIRE(past_end);
    CHECK(past_end->status == 416);
    CHECK(past_end->get_header_value("Content-Range") == "bytes */" + std::to_string(original.size()));
    const std::string etag = file->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    const auto unchanged = client.Get(("/file/" + letter).c_str(), {{"If-None-Match", etag}});
    REQUIRE(unchanged);
    CHECK(unchanged->status == 304);
    CHECK(unchanged->body.empty());
    const auto stale = client.Get(("/file/" + letter).c_str(), {{"If-None-Match", "\"0123\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(stale->body == original);

    // Pages and assets come from the binary; no page names another host.
    for (const char* page : {"/", "/doc", "/deadlines", "/assets/app.css", "/assets/common.js", "/assets/search.js", "/assets/doc.js",
                             "/assets/deadlines.js"}) {
        const auto response = client.Get(page);
        REQUIRE(response);
        INFO(page);
        CHECK(response->status == 200);
        CHECK(response->body.find("http://") == std::string::npos);
        CHECK(response->body.find("https://") == std::string::npos);
        CHECK(response->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    }
}

TEST_CASE("serve: document values are escaped, never markup", "[e2e][serve]") {
    const auto& served = corpus();
    ServeProcess server(served.index);
    httplib::Client client("127.0.0.1", server.port());
    const std::string notice = doc_id_of(served.docs / "script_title_notice.txt");

    // The title keeps its <script> as text inside JSON; the API is never served as HTML.
    const json document = get_json(client, "/api/doc/" + notice);
    CHECK(document["record"]["title"].get<std::string>().find("<script>alert(\"gongwen\")</script>") != std::string::npos);
    const json found = get_json(client, "/api/search?q=" + httplib::detail::encode_query_param("标签"));
    REQUIRE(found["results"].size() == 1);
    const std::string snippet = found["results"][0]["snippet"];
    CHECK(snippet.find("&lt;b&gt;<mark>标签</mark>&lt;/b&gt;") != std::string::npos);
    CHECK(snippet.find("<b>") == std::string::npos);

    // The pages render data with textContent only: no script of the page assigns HTML.
    for (const char* script : {"/assets/common.js", "/assets/search.js", "/assets/doc.js", "/assets/deadlines.js"}) {
        const auto response = client.Get(script);
        REQUIRE(response);
        INFO(script);
        CHECK(response->body.find("innerHTML") == std::string::npos);
        CHECK(response->body.find("outerHTML") == std::string::npos);
        CHECK(response->body.find("insertAdjacentHTML") == std::string::npos);
        CHECK(response->body.find("document.write") == std::string::npos);
    }
    // And inline scripts would not run anyway: the policy allows only the page's own files.
    const auto page = client.Get("/doc");
    REQUIRE(page);
    CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self';") != std::string::npos);
    CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("serve: only indexed files are served, every path-traversal form is a 404", "[e2e][serve]") {
    const auto& served = corpus();
    ServeProcess server(served.index);
    const std::vector<std::string> targets{"/file/../../etc/passwd", "/file/..%2F..%2Fetc%2Fpasswd", "/file/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
          "/file/%252e%252e%252fetc%252fpasswd", "/file/..%5c..%5cetc%5cpasswd", "/file/%2Fetc%2Fpasswd", "/file//etc/passwd",
          "/file/....//....//etc/passwd", "/file/%c0%ae%c0%ae/etc/passwd", "/assets/../../../../etc/passwd",
          "/assets/..%2f..%2f..%2fetc%2fpasswd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/doc/..%2F..%2Fetc%2Fpasswd",
          "/file/" + test::quote(served.docs / "govcn-022.txt"), "/file/%2Ftmp", "/file/0123456789abcdef",
          "/file/ABCDEF0123456789", "/etc/passwd"};
    for (const auto& target : targets) {
        const std::string reply = raw_get(server.port(), target);
        INFO(target << " -> " << reply.substr(0, reply.find("\r\n")));
        CHECK(status_of(reply) == 404);
        CHECK(reply.find("root:") == std::string::npos);
    }
    CHECK(server.running());
}

TEST_CASE("serve: malformed and oversized requests get 400 (or 405/414), and the server keeps serving", "[e2e][serve]") {
    const auto& served = corpus();
    ServeProcess server(served.index);
    const int port = server.port();
    CHECK(status_of(raw_exchange(port, "THIS IS NOT HTTP\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(port, "GET\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(port, "GET /api/search?q=x HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(port, "GET / HTTP/1.1\r\nX-Big: " + std::string(10000, 'a') + "\r\nConnection: close\r\n\r\n")) == 400);
    CHECK(status_of(raw_get(port, "/api/search?q=" + std::string(600, 'a'))) == 400);                 // query over 512 bytes
    CHECK(status_of(raw_get(port, "/api/search?q=%FF%FE")) == 400);                                    // not UTF-8
    CHECK(status_of(raw_get(port, "/api/search?q=x&limit=abc")) == 400);
    CHECK(status_of(raw_get(port, "/api/search?q=x&limit=100000")) == 400);
    CHECK(status_of(raw_get(port, "/api/search?q=x&limit=-1")) == 400);
    CHECK(status_of(raw_get(port, "/api/deadlines?from=2023-13-45")) == 400);
    CHECK(status_of(raw_get(port, "/api/deadlines?today=yesterday")) == 400);
    CHECK(status_of(raw_get(port, "/api/deadlines?status=lost")) == 400);
    CHECK(status_of(raw_get(port, "/api/deadlines?sort=random")) == 400);
    CHECK(status_of(raw_get(port, "/api/deadlines?limit=-1")) == 400);
    CHECK(status_of(raw_get(port, "/api/search?q=" + std::string(20000, 'a'))) == 414);               // request line over the limit
    CHECK(status_of(raw_exchange(port, "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")) == 405);
    CHECK(status_of(raw_exchange(port, "DELETE /file/0123 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) == 405);
    // A body announced far over the limit is never read: the method is refused first.
    CHECK(status_of(raw_exchange(port, "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n")) == 405);
    // A quote in the query is text, not a syntax error that crashes anything.
    CHECK(status_of(raw_get(port, "/api/search?q=%22%22%22-%28")) != 500);

    REQUIRE(server.running());
    CHECK(status_of(raw_get(port, "/api/search?q=" + httplib::detail::encode_query_param("推行部门联合"))) == 200);
}

TEST_CASE("serve: 50 parallel searches are all answered correctly while an ingest commits to the index", "[e2e][serve]") {
    test::TempDir dir;
    const auto docs = dir / "docs", more = dir / "more", index = dir / "index";
    std::filesystem::create_directories(docs);
    std::filesystem::create_directories(more);
    std::filesystem::copy_file(kSource / "fields" / "govcn-022.txt", docs / "govcn-022.txt");
    std::filesystem::copy_file(kSource / "serve" / "script_title_notice.txt", docs / "script_title_notice.txt");
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(docs)).status == 0);
    // Eight more documents (govcn-045 among them, looked for at the end), one commit each.
    for (const char* name : {"govcn-002.txt", "govcn-016.txt", "govcn-024.txt", "govcn-027.txt", "govcn-045.txt", "jiangsu-230103.txt",
                             "moe-288487.txt", "tianjin-49083.txt"}) {
        std::filesystem::copy_file(kSource / "fields" / name, more / name);
    }
    const std::string letter = doc_id_of(docs / "govcn-022.txt");
    const std::string notice = doc_id_of(docs / "script_title_notice.txt");

    ServeProcess server(index);
    // The ingest commits after every document, so the searches meet many commits.
    std::string config = test::read_file(GONGWEN_TEST_CONFIG);
    const auto setting = config.find("commit_every = 200");
    REQUIRE(setting != std::string::npos);
    config.replace(setting, 18, "commit_every = 1");
    test::write_file(dir / "commit_each.toml", config);
    std::atomic<bool> ingest_done = false;
    int ingest_status = -1;
    std::thread ingest([&] {
        ingest_status = test::run_gongwen("--config " + test::quote(dir / "commit_each.toml") + " ingest --jobs 1 --index " + test::quote(index) + " " + test::quote(more)).status;
        ingest_done = true;
    });

    // 50 clients in parallel, each searching again and again until the ingest has finished, so
    // that searches run during its commits.
    constexpr int kClients = 50;
    std::vector<int> answered(kClients, 0), wrong(kClients, 0);
    std::vector<std::string> last_problem(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            // Half ask for the letter by its doc number in another bracket style, half for a phrase of the notice.
            const std::string query = i % 2 ? "国办函[2004]71号" : "推行部门联合";
            const std::string expected = i % 2 ? letter : notice;
            do {
                httplib::Client client("127.0.0.1", server.port());
                client.set_read_timeout(60, 0);
                const auto response = client.Get(("/api/search?q=" + httplib::detail::encode_query_param(query)).c_str());
                const json body = response ? json::parse(response->body, nullptr, false) : json();
                if (response && response->status == 200 && body.is_object() && !body["results"].empty() &&
                    body["results"][0]["doc_id"] == expected) {
                    ++answered[i];
                } else {
                    ++wrong[i];
                    last_problem[i] = response ? std::to_string(response->status) + " " + response->body : "no response";
                }
            } while (!ingest_done);
        });
    }
    for (auto& client : clients) client.join();
    ingest.join();
    CHECK(ingest_status == 0);
    int total = 0;
    for (int i = 0; i < kClients; ++i) {
        INFO("client " << i << ": " << last_problem[i]);
        CHECK(wrong[i] == 0);
        CHECK(answered[i] >= 1);
        total += answered[i];
    }
    INFO(total << " searches answered during the ingest");
    CHECK(total >= kClients);
    CHECK(server.running());
    INFO(server.stderr_text());
    // After the ingest the server sees the new documents without a restart.
    httplib::Client client("127.0.0.1", server.port());
    const json after = get_json(client, "/api/search?q=" + httplib::detail::encode_query_param("武警总部后勤部"));
    CHECK(!after["results"].empty());
}

TEST_CASE("serve: loopback by default, another host without accounts is refused with what to do, a missing index is an error", "[e2e][serve]") {
    const auto& served = corpus();
    {
        // Shared pages ask for a login (test_serve_login.cpp); with no account yet the server says how to add one.
        const auto refused = test::run_gongwen("serve --host 0.0.0.0 --port 0 --index " + test::quote(served.index));
        CHECK(refused.status == 1);
        CHECK(refused.err.find("gongwen user add NAME --role editor") != std::string::npos);
    }
    {
        ServeProcess server(served.index);
        CHECK(server.stderr_text().find("warning") == std::string::npos);
    }
    test::TempDir empty;
    const auto missing = test::run_gongwen("serve --port 0 --index " + test::quote(empty / "nothing"));
    CHECK(missing.status == 1);
    CHECK(missing.err.find("no index at") != std::string::npos);
}

TEST_CASE("serve: a shard set is served like the single index it was split from", "[e2e][serve][shards]") {
    const auto& served = corpus();
    test::TempDir dir;
    for (int k = 1; k <= 2; ++k) {
        const auto run = test::run_gongwen("ingest --jobs 1 --shard " + std::to_string(k) + "/2 --index " +
                                           test::quote(dir / ("shard" + std::to_string(k))) + " " + test::quote(served.docs));
        INFO(run.err);
        REQUIRE(run.status == 0);
    }
    const auto stub = dir / "set.stub";
    test::write_file(stub, "auto shard1\nauto shard2\n");
    ServeProcess single(served.index), sharded(stub);
    httplib::Client single_client("127.0.0.1", single.port()), sharded_client("127.0.0.1", sharded.port());

    // Every document is found through the set (的 is in all three, which the two shards split), with
    // the same facets as from one index.
    for (const std::string query : {"的", "推行部门联合", "国办函〔2004〕71号", "民政"}) {
        const std::string target = "/api/search?q=" + httplib::detail::encode_query_param(query);
        const json one = get_json(single_client, target), set = get_json(sharded_client, target);
        INFO(query);
        REQUIRE(!one["results"].empty());
        std::set<std::string> one_ids, set_ids;
        for (const auto& result : one["results"]) one_ids.insert(result["doc_id"].get<std::string>());
        for (const auto& result : set["results"]) set_ids.insert(result["doc_id"].get<std::string>());
        CHECK(set_ids == one_ids);
        CHECK(set["facets"] == one["facets"]);
        if (query == "的") CHECK(one_ids.size() == 3);
    }
    // Records and tasks come from whichever shard holds them.
    const std::string notice = doc_id_of(served.docs / "script_title_notice.txt");
    CHECK(get_json(sharded_client, "/api/doc/" + notice)["record"] == get_json(single_client, "/api/doc/" + notice)["record"]);
    const std::string tasks = "/api/deadlines?today=2021-06-01";
    CHECK(get_json(sharded_client, tasks)["tasks"].size() == get_json(single_client, tasks)["tasks"].size());
    CHECK(!get_json(single_client, tasks)["tasks"].empty());
}

TEST_CASE("serve: a CSV or calendar download holds every task the filters select, the page lists the first 1000", "[e2e][serve]") {
    test::TempDir dir;
    const auto index = dir / "index";
    {
        // One notice with 1,005 tasks: more than the page lists at once.
        Document notice;
        notice.id = "many";
        notice.doc_number = parse_doc_number("测发〔2021〕1号");
        notice.title = "关于印发重点任务分工的通知";
        notice.clauses.push_back({"一、", "", "各单位按分工落实。", 1, 1});
        for (int i = 1; i <= 1005; ++i) {
            Task task;
            task.seq = i;
            task.task = "落实第" + std::to_string(i) + "项重点任务";
            task.units = {"市发展改革委"};
            task.due = "2021-0" + std::to_string(1 + i % 9) + "-15";
            task.deadline_text = task.due;
            notice.tasks.push_back(task);
        }
        index::IndexWriter writer(index);
        writer.replace(notice, {"/docs/many.pdf", 1, 1, "many", "many"});
        writer.commit();
    }
    ServeProcess server(index);
    httplib::Client client("127.0.0.1", server.port());
    const json page = get_json(client, "/api/deadlines?today=2021-12-01");
    CHECK(page["tasks"].size() == 1000);
    CHECK(page["total"] >= 1005);
    const auto csv = client.Get("/api/deadlines.csv?today=2021-12-01");
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    CHECK(std::count(csv->body.begin(), csv->body.end(), '\n') == 1006);   // the header and every task
    const auto ics = client.Get("/api/deadlines.ics?today=2021-12-01");
    REQUIRE(ics);
    std::size_t events = 0;
    for (std::size_t at = ics->body.find("BEGIN:VEVENT"); at != std::string::npos; at = ics->body.find("BEGIN:VEVENT", at + 1)) ++events;
    CHECK(events == 1005);
    const auto first_ten = client.Get("/api/deadlines.csv?limit=10&today=2021-12-01");   // a limit, when asked for
    REQUIRE(first_ten);
    CHECK(std::count(first_ten->body.begin(), first_ten->body.end(), '\n') == 11);
}

TEST_CASE("serve: a very common query is ranked in the default window, and rank_all asks for every match", "[e2e][serve]") {
    test::TempDir dir;
    const auto index = dir / "index";
    {
        // 5,000 notices with the same phrase, oldest first: more matches than two default windows
        // (search.rank_window = 2000 in config/gongwen.toml).
        index::IndexWriter writer(index);
        for (int i = 0; i < 5000; ++i) {
            Document notice;
            notice.id = "n" + std::to_string(10000 + i);
            notice.doc_number = parse_doc_number("测发〔2021〕" + std::to_string(i + 1) + "号");
            notice.clauses.push_back({"", "", i == 0 ? "推进异地就医直接结算。" : "各地要推进异地就医直接结算工作，完善配套措施并按时报送进展情况。", 1, 1});
            writer.replace(notice, {"/docs/n" + std::to_string(i) + ".txt", 1, 1, notice.id, notice.id});
        }
        writer.commit();
    }
    ServeProcess server(index);
    httplib::Client client("127.0.0.1", server.port());
    const json windowed = get_json(client, "/api/search?q=%E5%BC%82%E5%9C%B0%E5%B0%B1%E5%8C%BB");   // 异地就医
    CHECK(windowed["ranked_fraction"] < 0.9);
    CHECK(windowed["total_exact"] == false);
    REQUIRE_FALSE(windowed["results"].empty());
    for (const auto& result : windowed["results"]) CHECK(result["doc_id"] >= "n11000");   // recent entries only
    const json whole = get_json(client, "/api/search?q=%E5%BC%82%E5%9C%B0%E5%B0%B1%E5%8C%BB&rank_all=1");
    CHECK(whole["ranked_fraction"] == 1);
    CHECK(whole["total"] == 5000);
    REQUIRE_FALSE(whole["results"].empty());
    CHECK(whole["results"][0]["doc_id"] == "n10000");   // the oldest says it best: found when every match is ranked
}
