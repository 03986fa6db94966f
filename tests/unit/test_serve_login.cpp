// `gongwen serve` bound to an address other machines can reach: every page and API asks for a
// login, writes need the session's CSRF token and must come from the page itself, viewers only
// read, ten wrong passwords lock an account (also across a restart), and every change carries the
// editor's name. The server is bound to 0.0.0.0 and reached at 127.0.0.1: "shared" is decided by
// the address listened on, never by who connects. Plus `gongwen user` and the page's task
// updates on loopback.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "gongwen/index/task_state.hpp"
#include "serve_process.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;
constexpr const char* kEditorPassword = "editor-secret-1";
constexpr const char* kViewerPassword = "viewer-secret-1";

/// An index of the text task table (4 tasks) with an editor `wang` and a viewer `li`.
struct SharedCorpus {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    SharedCorpus() {
        std::filesystem::create_directories(docs);
        std::filesystem::copy_file(kSource / "tables" / "tsv_task_table.txt", docs / "tsv_task_table.txt");
        const auto ingest = test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(docs));
        INFO("ingest stderr: " << ingest.err);
        REQUIRE(ingest.status == 0);
        add_user("wang", kEditorPassword, "editor");
        add_user("li", kViewerPassword, "viewer");
    }
    test::CommandResult user(const std::string& arguments, const std::string& stdin_line = "") const {
        const std::string feed = stdin_line.empty() ? "" : "printf '%s\\n' " + test::quote(stdin_line) + " |";
        return test::run_gongwen("user " + arguments + " --index " + test::quote(index), feed);
    }
    void add_user(const std::string& name, const std::string& password, const std::string& role) const {
        const auto added = user("add " + name + " --role " + role + " --password-stdin", password);
        INFO(added.err);
        REQUIRE(added.status == 0);
    }
    std::vector<std::string> task_ids() const {
        const auto listed = test::run_gongwen("deadlines --format json --index " + test::quote(index));
        INFO(listed.out << listed.err);
        REQUIRE(listed.status == 0);
        const json tasks = json::parse(listed.out).at("tasks");
        std::vector<std::string> ids;
        for (const auto& task : tasks) ids.push_back(task["task_id"]);
        REQUIRE(ids.size() == 4);
        return ids;
    }
    /// Rows of the append-only history, read from the database itself.
    int history_rows() const {
        const auto file = index::TaskStateStore::location_for(index);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        sqlite3_stmt* statement = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM task_history", -1, &statement, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
        const int rows = sqlite3_column_int(statement, 0);
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return rows;
    }
};

/// `gongwen serve --host HOST --port 0 [extra…]` as a child process; the port is read from its first line.
class ServeProcess : public test::ServeProcess {
public:
    ServeProcess(const std::filesystem::path& index, const std::string& host, std::vector<std::string> extra = {})
        : test::ServeProcess(index, {host, std::move(extra), false}) {}
    /// A client of the server at 127.0.0.1 (it listens on every address).
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port());
        client.set_read_timeout(30, 0);
        return client;
    }
};

/// A signed-in browser, as far as the server can tell: the session cookie and the CSRF token.
struct SignedIn {
    std::string cookie;   ///< "gongwen_session=…"
    std::string csrf_token;
    std::string set_cookie;   ///< the whole Set-Cookie header of the sign-in
    httplib::Headers headers(bool with_token = true) const {
        httplib::Headers headers{{"Cookie", cookie}};
        if (with_token) headers.emplace("X-CSRF-Token", csrf_token);
        return headers;
    }
};

httplib::Result post_login(httplib::Client& client, const std::string& name, const std::string& password, httplib::Headers headers = {}) {
    return client.Post("/api/login", headers, json{{"name", name}, {"password", password}}.dump(), "application/json");
}

SignedIn sign_in(httplib::Client& client, const std::string& name, const std::string& password, httplib::Headers headers = {}) {
    const auto response = post_login(client, name, password, headers);
    REQUIRE(response);
    INFO(response->body);
    REQUIRE(response->status == 200);
    SignedIn session;
    session.set_cookie = response->get_header_value("Set-Cookie");
    session.cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
    session.csrf_token = json::parse(response->body)["csrf_token"];
    REQUIRE(session.cookie.rfind("gongwen_session=", 0) == 0);
    REQUIRE(session.cookie.size() == std::string("gongwen_session=").size() + 64);   // 32 random bytes
    return session;
}

httplib::Result post_task(httplib::Client& client, const std::string& id, const json& body, const httplib::Headers& headers) {
    return client.Post(("/api/tasks/" + id).c_str(), headers, body.dump(), "application/json");
}

}  // namespace

TEST_CASE("serve shared: every page and API asks for a login, a wrong password is refused, the cookie is HttpOnly and SameSite=Strict", "[e2e][serve][login]") {
    const SharedCorpus corpus;
    const ServeProcess server(corpus.index, "0.0.0.0");
    auto client = server.client();

    const auto page = client.Get("/deadlines?status=done&unit=%E5%B8%82");
    REQUIRE(page);
    CHECK(page->status == 302);
    // Back to the whole target afterwards (the value is percent-encoded; cpp-httplib's client shows it decoded).
    CHECK(page->get_header_value("Location").rfind("/login?next=", 0) == 0);
    CHECK(page->get_header_value("Location").find("deadlines") != std::string::npos);
    CHECK(client.Get("/file/0123456789abcdef")->status == 302);   // opened from a link: to the sign-in page too
    for (const char* target : {"/api/search?q=养老", "/api/deadlines", "/api/session", "/api/tasks/0123456789ab"}) {
        const auto api = client.Get(target);
        REQUIRE(api);
        INFO(target);
        CHECK(api->status == 401);
        CHECK(api->body.find("sign in") != std::string::npos);
    }
    const auto login_page = client.Get("/login");
    REQUIRE(login_page);
    CHECK(login_page->status == 200);
    CHECK(login_page->body.find("/assets/login.js") != std::string::npos);
    CHECK(client.Get("/assets/app.css")->status == 200);

    const auto wrong = post_login(client, "wang", "not-the-password");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(wrong->get_header_value("Set-Cookie").empty());
    const auto nobody = post_login(client, "nobody", kEditorPassword);
    REQUIRE(nobody);
    CHECK(nobody->status == 401);
    CHECK(json::parse(nobody->body)["error"] == json::parse(wrong->body)["error"]);   // the answer does not tell which names exist
    CHECK(client.Post("/api/login", "{not json", "application/json")->status == 400);

    const SignedIn wang = sign_in(client, "wang", kEditorPassword);
    CHECK(wang.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(wang.set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(wang.set_cookie.find("Path=/") != std::string::npos);
    CHECK(wang.set_cookie.find("Secure") == std::string::npos);   // plain HTTP
    const auto search = client.Get("/api/search?q=" + httplib::detail::encode_query_param("养老服务"), wang.headers(false));
    REQUIRE(search);
    CHECK(search->status == 200);
    CHECK(search->get_header_value("Cache-Control") == "no-store");   // answers for one person stay out of caches
    const auto session = client.Get("/api/session", wang.headers(false));
    REQUIRE(session);
    CHECK(json::parse(session->body)["user"] == "wang");
    CHECK(json::parse(session->body)["can_edit"] == true);
    CHECK(session->get_header_value("Cache-Control") == "no-store");
    CHECK(client.Get("/", wang.headers(false))->status == 200);
    // A forged or stale cookie is no session.
    CHECK(client.Get("/api/deadlines", {{"Cookie", "gongwen_session=" + std::string(64, 'a')}})->status == 401);

    // X-Forwarded-Proto is believed only with --trust-proxy: anyone can send the header.
    const auto spoofed = post_login(client, "wang", kEditorPassword, {{"X-Forwarded-Proto", "https"}});
    REQUIRE(spoofed);
    CHECK(spoofed->get_header_value("Set-Cookie").find("Secure") == std::string::npos);

    // Sign out: the session is gone.
    CHECK(client.Post("/api/logout", wang.headers(), "{}", "application/json")->status == 200);
    CHECK(client.Get("/api/deadlines", wang.headers(false))->status == 401);
}

TEST_CASE("serve shared: behind a proxy with --trust-proxy an HTTPS sign-in gets a Secure cookie", "[e2e][serve][login]") {
    const SharedCorpus corpus;
    const ServeProcess server(corpus.index, "0.0.0.0", {"--trust-proxy"});
    auto client = server.client();
    CHECK(sign_in(client, "wang", kEditorPassword, {{"X-Forwarded-Proto", "https"}}).set_cookie.find("; Secure") != std::string::npos);
    CHECK(sign_in(client, "wang", kEditorPassword, {{"X-Forwarded-Proto", "http"}}).set_cookie.find("Secure") == std::string::npos);
}

TEST_CASE("serve shared: ten wrong passwords lock the account, also across a restart, until it is unlocked", "[e2e][serve][login]") {
    const SharedCorpus corpus;
    {
        const ServeProcess server(corpus.index, "0.0.0.0", {"--lockout-minutes", "30"});
        auto client = server.client();
        for (int attempt = 1; attempt <= 9; ++attempt) {
            const auto wrong = post_login(client, "li", "guess-" + std::to_string(attempt));
            REQUIRE(wrong);
            CHECK(wrong->status == 401);
        }
        const auto tenth = post_login(client, "li", "guess-10");
        REQUIRE(tenth);
        CHECK(tenth->status == 429);
        CHECK(tenth->body.find("locked until") != std::string::npos);
        CHECK(tenth->body.find("gongwen user unlock li") != std::string::npos);
        CHECK(tenth->has_header("Retry-After"));
        CHECK(std::stoi(tenth->get_header_value("Retry-After")) > 29 * 60);
        // Now even the right password is refused, with the same message.
        const auto right = post_login(client, "li", kViewerPassword);
        REQUIRE(right);
        CHECK(right->status == 429);
        // Other accounts are not affected.
        sign_in(client, "wang", kEditorPassword);
    }
    {
        const ServeProcess restarted(corpus.index, "0.0.0.0");
        auto client = restarted.client();
        const auto still = post_login(client, "li", kViewerPassword);
        REQUIRE(still);
        CHECK(still->status == 429);
    }
    const auto listed = corpus.user("list");
    CHECK(listed.out.find("locked until") != std::string::npos);
    REQUIRE(corpus.user("unlock li").status == 0);
    const ServeProcess unlocked(corpus.index, "0.0.0.0");
    auto client = unlocked.client();
    sign_in(client, "li", kViewerPassword);
}

TEST_CASE("serve shared: a viewer cannot write, a write needs the CSRF token and the page's own origin, an editor's change carries the name", "[e2e][serve][login][tasks]") {
    const SharedCorpus corpus;
    const auto ids = corpus.task_ids();
    const ServeProcess server(corpus.index, "0.0.0.0");
    auto client = server.client();
    const SignedIn li = sign_in(client, "li", kViewerPassword);
    const SignedIn wang = sign_in(client, "wang", kEditorPassword);
    const json done{{"action", "done"}, {"note", "已报送市政府"}, {"date", "2023-06-01"}};

    const auto viewer = post_task(client, ids[0], done, li.headers());
    REQUIRE(viewer);
    CHECK(viewer->status == 403);
    CHECK(viewer->body.find("viewer") != std::string::npos);
    CHECK(json::parse(client.Get("/api/session", li.headers(false))->body)["can_edit"] == false);

    const auto no_token = post_task(client, ids[0], done, wang.headers(false));
    REQUIRE(no_token);
    CHECK(no_token->status == 403);
    CHECK(no_token->body.find("X-CSRF-Token") != std::string::npos);
    auto wrong_token = wang.headers(false);
    wrong_token.emplace("X-CSRF-Token", li.csrf_token);   // another session's token
    CHECK(post_task(client, ids[0], done, wrong_token)->status == 403);
    auto cross_origin = wang.headers();
    cross_origin.emplace("Origin", "http://evil.example");
    CHECK(post_task(client, ids[0], done, cross_origin)->status == 403);
    auto cross_site = wang.headers();
    cross_site.emplace("Sec-Fetch-Site", "cross-site");
    CHECK(post_task(client, ids[0], done, cross_site)->status == 403);
    CHECK(client.Post("/api/login", {{"Origin", "http://evil.example"}}, json{{"name", "wang"}, {"password", kEditorPassword}}.dump(),
                      "application/json")->status == 403);
    CHECK(post_task(client, ids[0], done, {})->status == 401);   // no session at all
    CHECK(corpus.history_rows() == 0);

    // Bad bodies and unknown ids.
    CHECK(post_task(client, ids[0], json{{"action", "fly"}}, wang.headers())->status == 400);
    CHECK(post_task(client, ids[0], json{{"action", "start"}, {"date", "2023-06-01"}}, wang.headers())->status == 400);
    CHECK(post_task(client, ids[0], json{{"action", "done"}, {"date", "yesterday"}}, wang.headers())->status == 400);
    CHECK(post_task(client, ids[0], json{{"action", "done"}, {"extra", 1}}, wang.headers())->status == 400);
    CHECK(client.Post(("/api/tasks/" + ids[0]).c_str(), wang.headers(), "not json", "application/json")->status == 400);
    CHECK(post_task(client, "0123456789ab", done, wang.headers())->status == 404);
    CHECK(post_task(client, ids[0], json{{"action", "done"}, {"note", std::string(9000, 'x')}}, wang.headers())->status == 413);
    CHECK(corpus.history_rows() == 0);

    // The editor's change lands, with the name, as `gongwen task` would record it.
    const auto changed = post_task(client, ids[0], done, wang.headers());
    REQUIRE(changed);
    INFO(changed->body);
    REQUIRE(changed->status == 200);
    const json state = json::parse(changed->body);
    CHECK(state["state"] == "done");
    CHECK(state["done_on"] == "2023-06-01");
    CHECK(state["changed_by"] == "wang");
    REQUIRE(state["history"].size() == 1);
    CHECK(state["history"][0]["changed_by"] == "wang");
    CHECK(state["history"][0]["note"] == "已报送市政府");
    const auto reopened = post_task(client, ids[0], json{{"action", "reopen"}}, wang.headers());
    REQUIRE(reopened);
    CHECK(json::parse(reopened->body)["history"].size() == 2);
    const auto shown = test::run_gongwen("task show " + ids[0] + " --index " + test::quote(corpus.index));
    CHECK(shown.out.find("by wang  — 已报送市政府") != std::string::npos);
    // The viewer reads the state and history.
    const auto read = client.Get(("/api/tasks/" + ids[0]).c_str(), li.headers(false));
    REQUIRE(read);
    CHECK(json::parse(read->body)["history"].size() == 2);

    // A removed account's session ends at its next request.
    REQUIRE(corpus.user("remove wang").status == 0);
    CHECK(client.Get("/api/deadlines", wang.headers(false))->status == 401);
}

TEST_CASE("serve: GET never writes, whatever it asks", "[e2e][serve][login][tasks]") {
    const SharedCorpus corpus;
    const auto ids = corpus.task_ids();
    const ServeProcess server(corpus.index, "0.0.0.0");
    auto client = server.client();
    const SignedIn wang = sign_in(client, "wang", kEditorPassword);
    const std::vector<std::string> targets{"/api/tasks/" + ids[1] + "?action=done", "/api/tasks/" + ids[1] + "?action=done&note=x",
                                           "/api/login?name=wang&password=x", "/api/logout", "/api/deadlines?status=done"};
    for (const auto& target : targets) {
        const auto response = client.Get(target.c_str(), wang.headers());
        REQUIRE(response);
        INFO(target << " -> " << response->status);
        CHECK(response->status != 500);
    }
    CHECK(client.Get("/api/deadlines", wang.headers(false))->status == 200);   // GET /api/logout did not sign out
    CHECK(corpus.history_rows() == 0);
    CHECK(json::parse(client.Get(("/api/tasks/" + ids[1]).c_str(), wang.headers(false))->body)["state"] == "open");
    // Other methods are refused before anything is read.
    CHECK(client.Put(("/api/tasks/" + ids[1]).c_str(), wang.headers(), "{\"action\":\"done\"}", "application/json")->status == 405);
    CHECK(client.Delete(("/api/tasks/" + ids[1]).c_str(), wang.headers())->status == 405);
    CHECK(corpus.history_rows() == 0);
}

TEST_CASE("serve on loopback: no login, a write still needs the page's token, and it is recorded as the OS user", "[e2e][serve][tasks]") {
    const SharedCorpus corpus;
    const auto ids = corpus.task_ids();
    const ServeProcess server(corpus.index, "127.0.0.1");
    auto client = server.client();
    CHECK(client.Get("/deadlines")->status == 200);
    CHECK(client.Get("/login")->status == 302);   // nothing to sign in to
    const json session = json::parse(client.Get("/api/session")->body);
    CHECK(session["shared"] == false);
    CHECK(session["can_edit"] == true);
    const std::string token = session["csrf_token"];
    CHECK(post_task(client, ids[2], json{{"action", "done"}}, {})->status == 403);
    // A page that reached 127.0.0.1 under another name (DNS rebinding) may not write.
    CHECK(post_task(client, ids[2], json{{"action", "done"}}, {{"X-CSRF-Token", token}, {"Host", "evil.example:80"}})->status == 403);
    const auto changed = post_task(client, ids[2], json{{"action", "start"}, {"note", "在办"}}, {{"X-CSRF-Token", token}});
    REQUIRE(changed);
    INFO(changed->body);
    REQUIRE(changed->status == 200);
    const auto me = test::run_gongwen("task show " + ids[2] + " --index " + test::quote(corpus.index));
    const json state = json::parse(changed->body);
    CHECK(state["state"] == "in_progress");
    CHECK(!state["changed_by"].get<std::string>().empty());
    CHECK(me.out.find("by " + state["changed_by"].get<std::string>()) != std::string::npos);
    // The document page lists each task's id and state.
    const json document = json::parse(client.Get(("/api/doc/" + state["doc_id"].get<std::string>()).c_str())->body);
    REQUIRE(document["task_states"].size() == 4);
    bool seen = false;
    for (const auto& task : document["task_states"]) seen = seen || (task["task_id"] == ids[2] && task["state"] == "in_progress");
    CHECK(seen);
}

TEST_CASE("user: add refuses a duplicate name, an empty or short password and a missing terminal, with a message and status 1", "[login]") {
    const SharedCorpus corpus;
    const auto duplicate = corpus.user("add wang --password-stdin", "another-secret");
    CHECK(duplicate.status == 1);
    CHECK(duplicate.err.find("user wang exists already") != std::string::npos);
    CHECK(duplicate.err.find("gongwen user passwd wang") != std::string::npos);
    const auto empty = test::run_gongwen("user add zhao --password-stdin --index " + test::quote(corpus.index), "printf '\\n' |");
    CHECK(empty.status == 1);
    CHECK(empty.err.find("password is empty") != std::string::npos);
    const auto short_one = corpus.user("add zhao --password-stdin", "short");
    CHECK(short_one.status == 1);
    CHECK(short_one.err.find("at least 8 characters") != std::string::npos);
    const auto no_terminal = test::run_gongwen("user add zhao --index " + test::quote(corpus.index) + " </dev/null");
    CHECK(no_terminal.status == 1);
    CHECK(no_terminal.err.find("--password-stdin") != std::string::npos);
    const auto bad_name = corpus.user("add 'a b' --password-stdin", "long-enough-1");
    CHECK(bad_name.status == 1);
    CHECK(bad_name.err.find("cannot be a user name") != std::string::npos);
    CHECK(corpus.user("remove nobody").status == 1);
    CHECK(corpus.user("passwd nobody --password-stdin", "long-enough-1").status == 1);
    const auto listed = corpus.user("list --json");
    REQUIRE(listed.status == 0);
    CHECK(json::parse(listed.out).size() == 2);   // nothing was added by the refusals
    CHECK(listed.out.find("$argon2") == std::string::npos);   // hashes are never printed
    const auto help = test::run_gongwen("user add --help");
    CHECK(help.out.find("--password-stdin") != std::string::npos);

    // The hash in the file is Argon2id.
    const auto file = index::TaskStateStore::location_for(corpus.index);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT password_hash FROM users WHERE name = 'wang'", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))).rfind("$argon2id$", 0) == 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
}

TEST_CASE("a version-1 task state file is migrated: its states stay, users can be added", "[login][tasks]") {
    const SharedCorpus corpus;   // creates the file at version 2
    const auto ids = corpus.task_ids();
    REQUIRE(test::run_gongwen("task done " + ids[0] + " --note 旧 --index " + test::quote(corpus.index)).status == 0);
    // Back to what a version-1 gongwen wrote: no users table.
    const auto file = index::TaskStateStore::location_for(corpus.index);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP TABLE users; PRAGMA user_version = 1", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const auto listed = corpus.user("list");
    REQUIRE(listed.status == 0);
    CHECK(listed.out.find("no users yet") != std::string::npos);
    corpus.add_user("zhao", "zhao-secret-1", "editor");
    const auto shown = test::run_gongwen("task show " + ids[0] + " --index " + test::quote(corpus.index));
    CHECK(shown.out.find("旧") != std::string::npos);
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(sqlite3_column_int(statement, 0) == index::kTaskStateSchemaVersion);
    sqlite3_finalize(statement);
    sqlite3_close(db);
}
