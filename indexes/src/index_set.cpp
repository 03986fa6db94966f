// Opening an index or a set of shards (see index_set.hpp). Each shard is opened on its own and
// added to one Xapian::Database, instead of letting Xapian open the stub file in one go: Xapian
// would fail the whole database when one remote shard is down, and we want the others' answer.
#include "gongwen/index/index_set.hpp"

#include <cstdlib>
#include <exception>
#include <fstream>
#include <optional>
#include <thread>

#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

namespace fs = std::filesystem;

// Xapian's own limit for one operation on a remote shard (a search of a large shard may take a
// while); only connecting uses the short, configurable timeout.
constexpr unsigned kRemoteOperationTimeoutMs = 10000;

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

std::string expand_home(const std::string& path) {
    if (path.rfind("~/", 0) != 0) return path;
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + path.substr(1);
}

// HOST:PORT, HOST possibly [IPv6]. Empty `why` when well formed.
ShardLocation parse_host_port(const std::string& text, std::string& why) {
    ShardLocation location;
    location.kind = ShardLocation::Kind::tcp;
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        why = "expected HOST:PORT";
        return location;
    }
    location.host = text.substr(0, colon);
    if (location.host.size() > 2 && location.host.front() == '[' && location.host.back() == ']') {
        location.host = location.host.substr(1, location.host.size() - 2);
    }
    const std::string port = text.substr(colon + 1);
    char* end = nullptr;
    const long value = std::strtol(port.c_str(), &end, 10);
    if (*end != '\0' || value < 1 || value > 65535) {
        why = "the port must be a number from 1 to 65535, got '" + port + "'";
        return location;
    }
    location.port = static_cast<unsigned>(value);
    return location;
}

Xapian::Database open_shard(const ShardLocation& shard, std::chrono::milliseconds connect_timeout) {
    switch (shard.kind) {
        case ShardLocation::Kind::tcp:
            return Xapian::Remote::open(shard.host, shard.port, kRemoteOperationTimeoutMs,
                                        static_cast<unsigned>(connect_timeout.count()));
        case ShardLocation::Kind::program:
            return Xapian::Remote::open(shard.path, shard.arguments, kRemoteOperationTimeoutMs);
        case ShardLocation::Kind::local:
            if (!fs::is_directory(shard.path)) throw Xapian::DatabaseOpeningError("no index directory there");
            return Xapian::Database(shard.path);
    }
    throw Xapian::InvalidArgumentError("unknown shard kind");
}

// A shard opened, or why not.
struct OpenedShard {
    std::optional<Xapian::Database> database;
    std::string problem;                ///< Xapian's message when the shard could not be opened
    std::exception_ptr refusal;         ///< e.g. the IndexError of a shard of another schema
};

OpenedShard open_checked(const ShardLocation& shard, std::chrono::milliseconds connect_timeout) {
    OpenedShard opened;
    try {
        Xapian::Database database = open_shard(shard, connect_timeout);
        // A shard of another schema is refused, not left out: its answers would be wrong, not missing.
        require_current_schema(database, shard.name());
        opened.database = std::move(database);
    } catch (const Xapian::Error& error) {
        opened.problem = error.get_msg();
    } catch (...) {
        opened.refusal = std::current_exception();
    }
    return opened;
}

IndexSet open_shards(const std::vector<ShardLocation>& shards, std::chrono::milliseconds connect_timeout,
                     const std::string& set_name) {
    // Each xapian-tcpsrv shard is opened on a thread of its own: opening one waits for the server to
    // start a process for the connection and open its shard (1-2 ms on one machine, a network round
    // trip or the connect timeout elsewhere), and a command paid those waits one after another. The
    // others are opened here meanwhile (a program shard forks: not from several threads at once,
    // lest a child inherit another connection's socket).
    std::vector<OpenedShard> opened(shards.size());
    const auto on_own_thread = [&](std::size_t i) { return shards.size() > 1 && shards[i].kind == ShardLocation::Kind::tcp; };
    {
        std::vector<std::jthread> connecting;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            if (on_own_thread(i)) connecting.emplace_back([&, i] { opened[i] = open_checked(shards[i], connect_timeout); });
        }
        for (std::size_t i = 0; i < shards.size(); ++i) {
            if (!on_own_thread(i)) opened[i] = open_checked(shards[i], connect_timeout);
        }
    }
    IndexSet set;
    for (std::size_t i = 0; i < shards.size(); ++i) {   // in the stub's order: entry numbers depend on it
        set.shards.push_back(shards[i].name());
        if (opened[i].refusal) std::rethrow_exception(opened[i].refusal);
        if (!opened[i].database) {
            set.missing_shards.push_back(shards[i].name());
            set.problems.push_back(shards[i].name() + ": " + opened[i].problem);
            continue;
        }
        set.database.add_database(*opened[i].database);
        set.opened.push_back(shards[i]);
        set.remote = set.remote || shards[i].kind != ShardLocation::Kind::local;
    }
    if (shards.empty()) throw IndexError(set_name + " names no shards");
    if (set.missing_shards.size() == shards.size()) {
        std::string why;
        for (const auto& problem : set.problems) why += (why.empty() ? "" : "; ") + problem;
        throw IndexError("no shard of " + set_name + " can be opened: " + why);
    }
    return set;
}

}  // namespace

std::string ShardLocation::name() const {
    switch (kind) {
        case Kind::tcp:
            return "tcp://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
        case Kind::program:
            return ":" + path + (arguments.empty() ? "" : " " + arguments);
        case Kind::local:
            break;
    }
    return path;
}

ShardLocation parse_shard_location(const std::string& text) {
    const std::string trimmed = trim(text);
    if (trimmed.empty()) throw IndexError("empty shard location (expected a directory or tcp://HOST:PORT)");
    if (trimmed.rfind("tcp://", 0) == 0) {
        std::string why;
        ShardLocation location = parse_host_port(trimmed.substr(6), why);
        if (!why.empty()) throw IndexError("shard '" + trimmed + "': " + why + " (tcp://HOST:PORT)");
        return location;
    }
    if (trimmed.find("://") != std::string::npos) {
        throw IndexError("shard '" + trimmed + "': only tcp://HOST:PORT (xapian-tcpsrv) and local directories are supported");
    }
    ShardLocation location;
    location.path = expand_home(trimmed);
    return location;
}

std::vector<ShardLocation> read_stub_file(const fs::path& stub) {
    std::ifstream in(stub);
    if (!in) throw IndexError("cannot read stub file " + stub.string());
    std::vector<ShardLocation> shards;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find_first_of(" \t");
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? std::string() : trim(line.substr(space + 1));
        const auto fail = [&](const std::string& why) {
            throw IndexError("stub file " + stub.string() + " line " + std::to_string(number) + ": " + why);
        };
        if (rest.empty()) fail("'" + type + "' needs an argument");
        if (type == "auto" || type == "glass" || type == "chert") {
            ShardLocation location;
            // Xapian reads relative paths in a stub as relative to the stub's folder.
            location.path = (stub.parent_path() / rest).lexically_normal().string();
            if (fs::path(rest).is_absolute()) location.path = rest;
            shards.push_back(location);
        } else if (type == "remote" && rest[0] == ':') {
            ShardLocation location;
            location.kind = ShardLocation::Kind::program;
            const auto gap = rest.find_first_of(" \t");
            location.path = rest.substr(1, gap == std::string::npos ? std::string::npos : gap - 1);
            if (gap != std::string::npos) location.arguments = trim(rest.substr(gap));
            shards.push_back(location);
        } else if (type == "remote") {
            std::string why;
            ShardLocation location = parse_host_port(rest, why);
            if (!why.empty()) fail("remote " + rest + ": " + why);
            shards.push_back(location);
        } else {
            fail("unknown line '" + line + "' (expected auto PATH, glass PATH, remote HOST:PORT or remote :PROGRAM ARGS)");
        }
    }
    return shards;
}

IndexSet open_index_set(const fs::path& location, std::chrono::milliseconds connect_timeout) {
    const std::string text = location.string();
    if (text.rfind("tcp://", 0) == 0) return open_shards({parse_shard_location(text)}, connect_timeout, text);
    std::error_code error;
    if (!fs::exists(location, error)) {
        throw IndexError("no index at " + text + ": run `gongwen ingest` first (or pass --index DIR)");
    }
    if (fs::is_regular_file(location, error)) return open_shards(read_stub_file(location), connect_timeout, "stub file " + text);
    IndexSet set;
    set.shards.push_back(text);
    set.opened.push_back(ShardLocation{ShardLocation::Kind::local, text, {}, 0, {}});
    try {
        set.database = Xapian::Database(text);
    } catch (const Xapian::Error& failure) {
        throw IndexError("cannot open index " + text + ": " + failure.get_msg());
    }
    require_current_schema(set.database, text);
    return set;
}

IndexSet open_index_set(const std::vector<std::string>& shards, std::chrono::milliseconds connect_timeout) {
    std::vector<ShardLocation> locations;
    for (const auto& shard : shards) locations.push_back(parse_shard_location(shard));
    return open_shards(locations, connect_timeout, "[index] shards");
}

Xapian::Database open_again(const std::vector<ShardLocation>& opened) {
    Xapian::Database database;
    for (const auto& shard : opened) database.add_database(open_shard(shard, kDefaultShardConnectTimeout));
    return database;
}

void require_current_schema(const Xapian::Database& database, const std::string& name) {
    const std::string version = database.get_metadata(std::string(metadata::schema_version));
    if (version.empty() || version == std::to_string(kSchemaVersion)) return;
    throw IndexError((name.empty() ? std::string("the index") : "index " + name) + " was written with schema version " + version + ", this gongwen reads version " +
                     std::to_string(kSchemaVersion) + ": ingest the documents again into a new index directory " +
                     "(gongwen ingest --index NEW_DIR FOLDER) and use that one");
}

Xapian::Database open_index_for_reading(const std::filesystem::path& location) {
    if (!std::filesystem::exists(location) && location.string().rfind("tcp://", 0) != 0) {
        throw IndexError("no index at " + location.string() + ": run `gongwen ingest` first (or pass --index DIR)");
    }
    try {
        return open_index_set(location).database;
    } catch (const Xapian::Error& error) {
        throw IndexError("cannot open index " + location.string() + ": " + error.get_msg());
    }
}

}  // namespace gongwen::index
