// Sign-in, sessions and lockout of `gongwen serve` (web_auth.hpp) on their own, with lifetimes
// short enough to watch expire: the HTTP side is in test_serve_login.cpp.
#include <catch2/catch.hpp>

#include <ctime>
#include <thread>

#include "gongwen/index/task_state.hpp"
#include "gongwen/index/user_store.hpp"
#include "password_hash.hpp"
#include "test_support.hpp"
#include "web_auth.hpp"

using namespace gongwen;
using namespace std::chrono_literals;

namespace {

std::filesystem::path users_file(const test::TempDir& dir) {
    app::init_crypto();
    const auto file = dir / "index.tasks.sqlite";
    index::UserStore users(file);
    REQUIRE(users.add({"wang", "editor", app::hash_password("wang-secret-1"), 0, 0, 0, "2026-01-01T00:00:00Z"}));
    REQUIRE(users.add({"li", "viewer", app::hash_password("li-secret-1"), 0, 0, 0, "2026-01-01T00:00:00Z"}));
    return file;
}

}  // namespace

TEST_CASE("web auth: a session expires after its lifetime, sign-out and a new password end it at once", "[login]") {
    test::TempDir dir;
    const auto file = users_file(dir);
    app::WebAuth auth(file, 15min, 1s);
    REQUIRE(auth.shared());
    const auto signed_in = auth.login("wang", "wang-secret-1");
    REQUIRE(signed_in.status == 200);
    CHECK(signed_in.session_id.size() == 64);
    CHECK(signed_in.session.csrf_token.size() == 64);
    CHECK(signed_in.session_id != signed_in.session.csrf_token);
    const auto session = auth.session(signed_in.session_id);
    REQUIRE(session);
    CHECK(session->user == "wang");
    CHECK(session->role == "editor");
    CHECK(!auth.session("nope"));
    CHECK(!auth.session(""));
    std::this_thread::sleep_for(1100ms);
    CHECK(!auth.session(signed_in.session_id));   // expired

    const auto again = auth.login("wang", "wang-secret-1");
    REQUIRE(auth.session(again.session_id));
    auth.logout(again.session_id);
    CHECK(!auth.session(again.session_id));

    // A new password (another process: `gongwen user passwd`) ends the sessions made before it;
    // a new role applies at the next request.
    const auto third = auth.login("li", "li-secret-1");
    REQUIRE(auth.session(third.session_id)->role == "viewer");
    index::UserStore(file).set_role("li", "editor");
    CHECK(auth.session(third.session_id)->role == "editor");
    index::UserStore(file).set_password("li", app::hash_password("li-secret-2"));
    CHECK(!auth.session(third.session_id));
    CHECK(auth.login("li", "li-secret-1").status == 401);
    CHECK(auth.login("li", "li-secret-2").status == 200);
}

TEST_CASE("web auth: ten wrong passwords lock the account for the lockout time, a good one in between resets the count", "[login]") {
    test::TempDir dir;
    const auto file = users_file(dir);
    app::WebAuth auth(file, 2s, 1h);
    for (int i = 0; i < 9; ++i) CHECK(auth.login("wang", "wrong").status == 401);
    CHECK(auth.login("wang", "wang-secret-1").status == 200);   // the count starts again
    for (int i = 0; i < 9; ++i) CHECK(auth.login("wang", "wrong").status == 401);
    const auto locked = auth.login("wang", "wrong");
    CHECK(locked.status == 429);
    CHECK(locked.retry_after > 0);
    CHECK(locked.retry_after <= 2);
    CHECK(auth.login("wang", "wang-secret-1").status == 429);
    CHECK(auth.login("li", "li-secret-1").status == 200);   // only that account
    // Another server on the same file sees the lock (it is in SQLite, not in memory).
    app::WebAuth restarted(file, 2s, 1h);
    CHECK(restarted.login("wang", "wang-secret-1").status == 429);
    std::this_thread::sleep_for(2100ms);
    CHECK(restarted.login("wang", "wang-secret-1").status == 200);
}

TEST_CASE("web auth: on loopback every request is the local user, editor, with one token per run", "[login]") {
    app::WebAuth earlier_run("someone");
    app::WebAuth auth("someone");
    CHECK(!auth.shared());
    const auto session = auth.session("");
    REQUIRE(session);
    CHECK(session->user == "someone");
    CHECK(session->role == "editor");
    CHECK(session->csrf_token.size() == 64);
    CHECK(auth.session("anything")->csrf_token == session->csrf_token);
    CHECK(earlier_run.session("")->csrf_token != session->csrf_token);
    CHECK(auth.login("someone", "x").status == 400);
}
