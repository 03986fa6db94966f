// `gongwen serve`: the local web page (search, document view, deadline board) over the index.
// HTTP is cpp-httplib's; this file only maps URLs to the web API and the compiled-in assets and
// sets the limits and headers that keep the page read-only and self-contained.
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <iostream>
#include <optional>
#include <span>
#include <thread>

// cpp-httplib listens with a backlog of 5: a burst of connections (a page opening several
// requests, a few colleagues at once, the 50-client test) overflows it, and Linux then drops the
// handshake's last ACK, leaving a client waiting for a response that never comes, or reset. The
// define below only reaches a header-only build; Debian's libcpp-httplib is compiled with 5, so
// the listening socket is also given kListenBacklog by hand (listen_with_backlog). This is the
// only file of the binary that includes httplib.h.
#define CPPHTTPLIB_LISTEN_BACKLOG 128
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/text.hpp"
#include "index_selection.hpp"
#include "password_hash.hpp"
#include "task_update.hpp"
#include "web_api.hpp"
#include "web_assets.hpp"
#include "web_auth.hpp"

namespace gongwen::app {
namespace {

constexpr std::size_t kMaxBodyBytes = 16 * 1024;   // reads take no bodies
constexpr std::size_t kMaxJsonBodyBytes = 8 * 1024; // a write (task change, sign-in) is a small JSON object
constexpr std::size_t kMaxTargetBytes = 4096;
constexpr int kListenBacklog = 128;
constexpr const char* kSessionCookie = "gongwen_session";
constexpr const char* kJson = "application/json; charset=utf-8";

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// The host part of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1").
std::string host_name(const std::string& host_header) {
    if (host_header.starts_with("[")) return host_header.substr(1, host_header.find(']') - 1);
    return host_header.substr(0, host_header.find(':'));
}

std::string cookie_value(const httplib::Request& request, const std::string& name) {
    const std::string cookies = request.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < cookies.size()) {
        std::size_t end = cookies.find(';', at);
        if (end == std::string::npos) end = cookies.size();
        const std::string pair = gongwen::trim(cookies.substr(at, end - at));
        if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 && pair[name.size()] == '=') {
            return pair.substr(name.size() + 1);
        }
        at = end + 1;
    }
    return "";
}

/// The Content-Length a request announces (0 without one; "too large" for a malformed one).
std::uint64_t content_length(const httplib::Request& request) {
    const std::string text = request.get_header_value("Content-Length");
    if (text.empty()) return 0;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return UINT64_MAX;
    return std::stoull(text);
}

/// Every byte but the unreserved ones (RFC 3986) percent-encoded: a whole target as one query value.
std::string url_encoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

void send_error(httplib::Response& out, int status, const std::string& message) {
    out.status = status;
    out.set_content(core::dump_json(nlohmann::json{{"error", message}}, -1), kJson);
}

// The routes a POST may go to; everything else is read-only.
bool is_write_route(const std::string& path) {
    return path == "/api/login" || path == "/api/logout" || (path.starts_with("/api/tasks/") && path.find('/', 11) == std::string::npos);
}

// What anyone may fetch without signing in: the sign-in page and what it needs.
bool is_public_route(const std::string& path) {
    return path == "/login" || path == "/api/login" || path.starts_with("/assets/");
}

QueryParams params_of(const httplib::Request& request) {
    QueryParams params;
    for (const auto& [name, value] : request.params) params.emplace(name, value);   // first value of a repeated name wins
    return params;
}

void send(httplib::Response& out, const WebResponse& response) {
    out.status = response.status;
    for (const auto& [name, value] : response.headers) out.set_header(name, value);
    out.set_content(response.body, response.content_type);
}

/// Whether an If-None-Match header (a list of quoted tags, weak `W/"…"` ones compared alike, or
/// `*`) names `etag`: the client's copy is current.
bool names_etag(const std::string& if_none_match, const std::string& etag) {
    return if_none_match.find(etag) != std::string::npos || gongwen::trim(if_none_match) == "*";
}

/// Whether the one byte range asked for starts inside a body of `size` bytes.
bool satisfiable(const httplib::Range& range, std::size_t size) {
    const auto [first, last] = range;
    if (first >= 0) return static_cast<std::size_t>(first) < size && (last < 0 || last >= first);
    return last > 0 && size > 0;   // suffix range: the last N bytes
}

/// An original file. PDF viewers (pdf.js, the browsers' own) fetch large files in byte ranges and
/// give up on a 200 that carries a Content-Range. cpp-httplib slices a body to the request's ranges
/// itself and answers 206 when the handler leaves the status unset, so a file response leaves it
/// unset; a range that starts past the end is answered here with 416 and the size (RFC 9110
/// §15.5.17), and a client holding the current bytes (If-None-Match) gets 304 without them.
void send_file(const httplib::Request& request, httplib::Response& out, const WebResponse& response) {
    if (response.status != 200) {
        send(out, response);
        return;
    }
    const std::string etag = "\"" + core::content_hash(std::as_bytes(std::span(response.body.data(), response.body.size()))) + "\"";
    for (const auto& [name, value] : response.headers) out.set_header(name, value);
    out.set_header("ETag", etag);
    out.set_header("Accept-Ranges", "bytes");
    out.set_header("Cache-Control", "no-cache");   // revalidate: the file may change on disk
    if (names_etag(request.get_header_value("If-None-Match"), etag)) {
        out.status = 304;
        return;
    }
    const std::size_t size = response.body.size();
    const bool bad_range = !request.ranges.empty() &&
                           std::none_of(request.ranges.begin(), request.ranges.end(),
                                        [size](const httplib::Range& range) { return satisfiable(range, size); });
    if (bad_range) {
        out.status = 416;
        out.set_header("Content-Range", "bytes */" + std::to_string(size));
        return;
    }
    out.set_content(response.body, response.content_type);   // status left unset: 200, or 206 for a range
}

void send_asset(httplib::Response& out, std::string_view name) {
    const auto asset = find_web_asset(name);
    if (!asset) {
        out.status = 404;
        out.set_content("not found", "text/plain; charset=utf-8");
        return;
    }
    out.set_content(std::string(asset->body), std::string(asset->content_type));
    out.set_header("Cache-Control", "no-cache");
}

// The page makes no request anywhere but here, runs only its own scripts and cannot be framed.
const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Records the listening socket as cpp-httplib creates it (the last one it tries is the one that
/// binds), with the SO_REUSEADDR its default options would set, so that its backlog can be raised
/// after binding: listen(2) again on a listening socket only changes the backlog.
class ListeningSocket {
public:
    void watch(httplib::Server& server) {
        server.set_socket_options([this](socket_t fd) {
            int yes = 1;
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            fd_ = fd;
        });
    }
    void raise_backlog() const {
        if (fd_ >= 0 && ::listen(fd_, kListenBacklog) != 0) std::cerr << "gongwen: warning: cannot raise the listen backlog; bursts of connections may be refused\n";
    }

private:
    socket_t fd_ = -1;
};

/// How the server was started, for the sign-in routes.
struct AccessPolicy {
    WebAuth& auth;
    bool trust_proxy = false;
};

// Whether the request reached the proxy in front over HTTPS: believed only with --trust-proxy,
// since without a proxy anyone can send the header.
bool came_over_https(const httplib::Request& request, const AccessPolicy& policy) {
    return policy.trust_proxy && request.get_header_value("X-Forwarded-Proto") == "https";
}

std::string session_cookie(const std::string& value, std::int64_t max_age, bool secure) {
    return std::string(kSessionCookie) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

void add_session_routes(httplib::Server& server, const AccessPolicy& policy) {
    server.Get("/login", [&policy](const httplib::Request&, httplib::Response& out) {
        if (!policy.auth.shared()) {   // nothing to sign in to on loopback
            out.status = 302;
            out.set_header("Location", "/");
            return;
        }
        send_asset(out, "login.html");
    });
    // Who is signed in, and the CSRF token the page sends back with every write. Only a page of
    // this origin can read it (no CORS header is ever sent).
    server.Get("/api/session", [&policy](const httplib::Request& request, httplib::Response& out) {
        const auto session = policy.auth.session(cookie_value(request, kSessionCookie));
        out.set_header("Cache-Control", "no-store");
        if (!session) return send_error(out, 401, "sign in first: open /login");
        out.set_content(core::dump_json(nlohmann::json{{"shared", policy.auth.shared()}, {"user", session->user}, {"role", session->role},
                                                       {"can_edit", session->role == "editor"}, {"csrf_token", session->csrf_token}},
                                        -1),
                        kJson);
    });
    server.Post("/api/login", [&policy](const httplib::Request& request, httplib::Response& out) {
        out.set_header("Cache-Control", "no-store");
        nlohmann::json body;
        try {
            body = nlohmann::json::parse(request.body);
        } catch (const nlohmann::json::exception&) {
            return send_error(out, 400, "the body is not JSON: send {\"name\": \"…\", \"password\": \"…\"}");
        }
        if (!body.is_object() || !body.value("name", nlohmann::json()).is_string() || !body.value("password", nlohmann::json()).is_string()) {
            return send_error(out, 400, "send {\"name\": \"…\", \"password\": \"…\"}");
        }
        const auto result = policy.auth.login(body["name"].get<std::string>(), body["password"].get<std::string>());
        if (result.retry_after > 0) out.set_header("Retry-After", std::to_string(result.retry_after));
        if (result.status != 200) return send_error(out, result.status, result.message);
        out.set_header("Set-Cookie", session_cookie(result.session_id, policy.auth.session_lifetime().count(), came_over_https(request, policy)));
        out.set_content(core::dump_json(nlohmann::json{{"shared", true}, {"user", result.session.user}, {"role", result.session.role},
                                                       {"can_edit", result.session.role == "editor"}, {"csrf_token", result.session.csrf_token}},
                                        -1),
                        kJson);
    });
    server.Post("/api/logout", [&policy](const httplib::Request& request, httplib::Response& out) {
        policy.auth.logout(cookie_value(request, kSessionCookie));
        out.set_header("Set-Cookie", session_cookie("", 0, came_over_https(request, policy)));
        out.set_content("{\"signed_out\":true}", kJson);
    });
}

void add_routes(httplib::Server& server, const WebApi& api, const AccessPolicy& policy) {
    add_session_routes(server, policy);
    server.Get(R"(/api/tasks/([^/]+))",
               [&api](const httplib::Request& request, httplib::Response& out) { send(out, api.task(request.matches[1].str())); });
    server.Post(R"(/api/tasks/([^/]+))", [&api, &policy](const httplib::Request& request, httplib::Response& out) {
        // The pre-routing check let only an editor's session with its token through.
        const auto session = policy.auth.session(cookie_value(request, kSessionCookie));
        if (!session) return send_error(out, 401, "sign in first: open /login");
        send(out, api.update_task(request.matches[1].str(), request.body, session->user));
    });
    server.Get("/", [](const httplib::Request&, httplib::Response& out) { send_asset(out, "index.html"); });
    server.Get("/doc", [](const httplib::Request&, httplib::Response& out) { send_asset(out, "doc.html"); });
    server.Get("/deadlines", [](const httplib::Request&, httplib::Response& out) { send_asset(out, "deadlines.html"); });
    server.Get(R"(/assets/([A-Za-z0-9_-]+\.(?:css|js)))",
               [](const httplib::Request& request, httplib::Response& out) { send_asset(out, request.matches[1].str()); });
    server.Get("/api/search", [&api](const httplib::Request& request, httplib::Response& out) { send(out, api.search(params_of(request))); });
    server.Get(R"(/api/doc/([^/]+))",
               [&api](const httplib::Request& request, httplib::Response& out) { send(out, api.document(request.matches[1].str())); });
    server.Get("/api/deadlines", [&api](const httplib::Request& request, httplib::Response& out) {
        send(out, api.deadlines(params_of(request), "json"));
    });
    server.Get("/api/deadlines.csv", [&api](const httplib::Request& request, httplib::Response& out) {
        send(out, api.deadlines(params_of(request), "csv"));
    });
    server.Get("/api/deadlines.ics", [&api](const httplib::Request& request, httplib::Response& out) {
        send(out, api.deadlines(params_of(request), "ics"));
    });
    server.Get(R"(/file/([^/]+))",
               [&api](const httplib::Request& request, httplib::Response& out) { send_file(request, out, api.original_file(request.matches[1].str())); });
}

const char* error_name(int status) {
    switch (status) {
        case 400: return "bad request";
        case 404: return "not found";
        case 401: return "sign in first: open /login";
        case 403: return "forbidden";
        case 405: return "method not allowed";
        case 413: return "request too large";
        case 414: return "request target too long";
        default: return status >= 500 ? "server error" : "error";
    }
}

/// Why a write is refused, or nullopt when it may go on: it must come from a page of this server
/// (Origin, Sec-Fetch-Site), carry the session's CSRF token, and on loopback name a loopback host
/// (a DNS-rebinding page that calls itself 127.0.0.1 under another name is refused).
std::optional<std::pair<int, std::string>> refuse_write(const httplib::Request& request, const AccessPolicy& policy,
                                                        const std::optional<Session>& session) {
    const std::string host = request.get_header_value("Host");
    if (!policy.auth.shared() && !is_loopback(host_name(host))) {
        return std::pair{403, "this server listens on loopback: open the page as http://127.0.0.1:PORT/ to change anything"};
    }
    const std::string fetch_site = request.get_header_value("Sec-Fetch-Site");
    if (!fetch_site.empty() && fetch_site != "same-origin") return std::pair{403, "cross-site request refused: use the page of this server"};
    const std::string origin = request.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + host && origin != "https://" + host) {
        return std::pair{403, "cross-site request refused (Origin " + origin + "): use the page of this server"};
    }
    if (request.path == "/api/login") return std::nullopt;   // no session yet: Origin and Sec-Fetch-Site are the check
    if (!session) return std::pair{401, "sign in first: open /login"};
    if (!same_token(request.get_header_value("X-CSRF-Token"), session->csrf_token)) {
        return std::pair{403, "missing or wrong X-CSRF-Token: reload the page (its token comes from /api/session) and try again"};
    }
    if (request.path.starts_with("/api/tasks/") && session->role != "editor") {
        return std::pair{403, "your account " + session->user + " is a viewer and may only read; ask the administrator for the editor role "
                              "(`gongwen user role " + session->user + " editor`)"};
    }
    return std::nullopt;
}

void add_limits_and_headers(httplib::Server& server, const AccessPolicy& policy) {
    server.set_payload_max_length(kMaxBodyBytes);
    // One request per connection: an idle keep-alive connection (or one left open after a
    // malformed request) would hold one of the server's few worker threads for seconds.
    server.set_keep_alive_max_count(1);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Content-Security-Policy", kContentSecurityPolicy}});
    // Reads are GET and HEAD; a POST goes only to a write route. All of it is decided here, before
    // the body is read: the method, the target's size, the sign-in (shared address) and, for a
    // write, where it comes from, its CSRF token and the role.
    server.set_pre_routing_handler([&policy](const httplib::Request& request, httplib::Response& out) {
        const bool write = request.method == "POST" && is_write_route(request.path);
        if (request.method != "GET" && request.method != "HEAD" && !write) {
            out.status = 405;
            out.set_header("Allow", is_write_route(request.path) ? "POST" : "GET, HEAD");
            out.set_content("{\"error\":\"only GET and HEAD here; changes go to POST /api/tasks/ID\"}", kJson);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (request.target.size() > kMaxTargetBytes) {
            out.status = 414;
            out.set_content("{\"error\":\"request target too long\"}", kJson);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (write && content_length(request) > kMaxJsonBodyBytes) {
            send_error(out, 413, "the body is larger than " + std::to_string(kMaxJsonBodyBytes) + " bytes");
            return httplib::Server::HandlerResponse::Handled;
        }
        const auto session = policy.auth.session(cookie_value(request, kSessionCookie));
        if (!session && !is_public_route(request.path)) {
            if (request.path.starts_with("/api/")) {
                send_error(out, 401, "sign in first: open /login");
            } else {   // a page or an original file opened from a link: to the sign-in page, and back here afterwards
                out.status = 302;
                out.set_header("Location", "/login?next=" + url_encoded(request.target));
            }
            return httplib::Server::HandlerResponse::Handled;
        }
        if (write) {
            if (const auto refused = refuse_write(request, policy, session)) {
                send_error(out, refused->first, refused->second);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& out) {
        if (!out.body.empty()) return;   // the API already explained
        out.set_content("{\"error\":\"" + std::string(error_name(out.status)) + "\"}", "application/json; charset=utf-8");
    });
    server.set_exception_handler([](const httplib::Request& request, httplib::Response& out, std::exception_ptr error) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& caught) {
            what = caught.what();
        } catch (...) {
        }
        std::cerr << "gongwen serve: " << request.method << " " << request.path << ": " << what << "\n";
        out.status = 500;
        out.set_content("{\"error\":\"internal error\"}", "application/json; charset=utf-8");
    });
}

}  // namespace

int run_serve(const ServeOptions& options, const GlobalOptions& global) {
    auto loaded = load_config_or_report(global);
    if (!loaded) return kFatal;
    core::Config config = std::move(*loaded);
    // Opened once here so that a missing index is an error at start, not on the first page.
    std::string index_name;
    try {
        // With --watch the watcher fills the index: an index that does not exist yet is created
        // (empty) so that the page works from the start and fills as the catch-up run goes.
        if (!options.watch.empty()) index::IndexWriter(options.index.value_or(config.index_path));
        const index::IndexSet index_set = open_selected_index(options.index, config);
        warn_about_missing_shards(index_set);
        for (const auto& shard : index_set.shards) index_name += (index_name.empty() ? "" : ", ") + shard;
    } catch (...) {
        return report_index_error();
    }
    // Shared or not is decided by the address listened on, never by who connects: on loopback
    // only this machine's users reach the page; on any other address everyone must sign in.
    std::optional<WebAuth> auth;
    try {
        init_crypto();
        if (is_loopback(options.host)) {
            auth.emplace(os_user_name());
        } else {
            const auto location = task_state_location(options.index, config);
            if (!location) {
                std::cerr << "gongwen: serving on " << options.host << " needs accounts, kept beside a local index; this one is remote: "
                             "serve it on 127.0.0.1, or pass --index with the local index\n";
                return kFatal;
            }
            auth.emplace(*location, std::chrono::minutes(options.lockout_minutes), std::chrono::hours(options.session_hours));
            if (auth->account_count() == 0) {
                std::cerr << "gongwen: serving on " << options.host << " makes the page reachable from other machines, so it asks for a "
                             "login, and there is no account yet: add one with `gongwen user add NAME --role editor"
                          << (options.index ? " --index " + options.index->string() : std::string()) << "` (or serve on 127.0.0.1)\n";
                return kFatal;
            }
            std::cerr << "gongwen: warning: serving on " << options.host << ", reachable from other machines: every page asks for a login "
                      << "(accounts: `gongwen user list`)" << (options.trust_proxy ? "; X-Forwarded-Proto is trusted (--trust-proxy)" : "")
                      << "\n";
        }
    } catch (const index::TaskStateError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    } catch (const std::runtime_error& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }

    // SIGINT/SIGTERM stop the server from a thread of their own (stop() is not async-signal-safe).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::optional<WebApi> api;
    try {
        api.emplace(options.index, config);
    } catch (const index::AliasError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    httplib::Server server;
    const AccessPolicy policy{*auth, options.trust_proxy};
    add_limits_and_headers(server, policy);
    add_routes(server, *api, policy);
    ListeningSocket listening;
    listening.watch(server);

    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
        if (port < 0) {
            std::cerr << "gongwen: cannot listen on " << options.host << "\n";
            return kFatal;
        }
    } else if (!server.bind_to_port(options.host, port)) {
        std::cerr << "gongwen: cannot listen on " << options.host << ":" << port << " (in use, or not an address of this machine)\n";
        return kFatal;
    }
    listening.raise_backlog();
    const bool v6 = options.host.find(':') != std::string::npos;
    std::cout << "gongwen serve: http://" << (v6 ? "[" + options.host + "]" : options.host) << ":" << port << "/  (index "
              << index_name << "; Ctrl-C stops)" << std::endl;

    // --watch: the watcher runs on a thread of its own (its batches start worker processes as
    // ingest does); the web API opens the index afresh per request, so pages see each batch as
    // soon as it is committed. Started after the signal mask is set, so that it inherits it.
    std::jthread watcher;
    if (!options.watch.empty()) {
        WatchOptions watch_options;
        watch_options.index = options.index;
        watch_options.folders = options.watch;
        watch_options.settle_seconds = options.settle_seconds;
        watcher = std::jthread([watch_options, global](std::stop_token stop) { watch_folders(watch_options, global, stop); });
    }

    std::atomic<bool> listen_returned = false;
    std::thread stopper([&server, &listen_returned, stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        // stop() does nothing until listening has begun: a signal right after the address line
        // (a script that starts and stops the server at once) would otherwise be lost.
        while (!server.is_running() && !listen_returned) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.stop();
    });
    const bool served = server.listen_after_bind();
    listen_returned = true;
    // Wake the stopper if the server ended on its own (it then waits for a signal that never comes).
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    // The batch in progress is committed before the process ends.
    watcher.request_stop();
    if (watcher.joinable()) watcher.join();
    return served ? kSuccess : kFatal;
}

}  // namespace gongwen::app
