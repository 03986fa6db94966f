// `gongwen serve`: the local web page (search, document view, deadline board) over the index.
// HTTP is cpp-httplib's; this file only maps URLs to the web API and the compiled-in assets and
// sets the limits and headers that keep the page read-only and self-contained.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <optional>
#include <span>
#include <thread>

// cpp-httplib listens with a backlog of 5: a burst of connections (a page opening several
// requests, a few colleagues at once, the 50-client test) overflows it, and Linux then drops the
// handshake's last ACK, leaving a client waiting for a response that never comes. This is the only
// file of the binary that includes httplib.h.
#define CPPHTTPLIB_LISTEN_BACKLOG 128
#include <httplib.h>

#include "commands.hpp"
#include "gongwen/core/content_hash.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/text.hpp"
#include "index_selection.hpp"
#include "web_api.hpp"
#include "web_assets.hpp"

namespace gongwen::app {
namespace {

constexpr std::size_t kMaxBodyBytes = 16 * 1024;   // a read-only API takes no bodies
constexpr std::size_t kMaxTargetBytes = 4096;

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
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

void add_routes(httplib::Server& server, const WebApi& api) {
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
        case 405: return "method not allowed";
        case 413: return "request too large";
        case 414: return "request target too long";
        default: return status >= 500 ? "server error" : "error";
    }
}

void add_limits_and_headers(httplib::Server& server) {
    server.set_payload_max_length(kMaxBodyBytes);
    // One request per connection: an idle keep-alive connection (or one left open after a
    // malformed request) would hold one of the server's few worker threads for seconds.
    server.set_keep_alive_max_count(1);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Content-Security-Policy", kContentSecurityPolicy}});
    // Read-only: GET and HEAD only; a target too long for any real page is refused before routing.
    server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& out) {
        if (request.method != "GET" && request.method != "HEAD") {
            out.status = 405;
            out.set_header("Allow", "GET, HEAD");
            out.set_content("{\"error\":\"read-only: only GET and HEAD\"}", "application/json; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (request.target.size() > kMaxTargetBytes) {
            out.status = 414;
            out.set_content("{\"error\":\"request target too long\"}", "application/json; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
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
    if (!is_loopback(options.host)) {
        std::cerr << "gongwen: warning: serving on " << options.host
                  << ", reachable from other machines; the page has no login, so anyone who can reach it can read every "
                     "indexed document\n";
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
    add_limits_and_headers(server);
    add_routes(server, *api);

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
