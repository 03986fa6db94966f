// An index can be one directory or a set of shards searched as one: local shard directories and
// remote shards served by Xapian's `xapian-tcpsrv`, named in a Xapian stub database file or in
// `[index] shards`. Every reader (search, show, deadlines) opens its database here, so a set
// behaves exactly like one index; a shard that cannot be reached is left out and reported instead
// of failing the whole answer.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

namespace gongwen::index {

/// Where one shard lives.
struct ShardLocation {
    enum class Kind { local, tcp, program };
    Kind kind = Kind::local;
    std::string path;        ///< local: the shard directory; program: the program to run
    std::string host;        ///< tcp
    unsigned port = 0;       ///< tcp
    std::string arguments;   ///< program: its arguments (Xapian's `remote :PROGRAM ARGS`)

    /// How users write it and how it is reported: the path, `tcp://HOST:PORT`, or `:PROGRAM ARGS`.
    std::string name() const;
};

/// Reads `tcp://HOST:PORT` (IPv6 as `tcp://[::1]:PORT`) or a local path (`~/` expanded).
/// Throws IndexError naming the text and what is wrong with it.
ShardLocation parse_shard_location(const std::string& text);

/// Reads a Xapian stub database file (the format Xapian itself opens): one shard per line,
/// `auto PATH` / `glass PATH` (relative to the stub's folder), `remote HOST:PORT`,
/// `remote :PROGRAM ARGS`; `#` comments and blank lines are ignored. Throws IndexError naming
/// the file and line of anything else.
std::vector<ShardLocation> read_stub_file(const std::filesystem::path& stub);

struct IndexSet {
    Xapian::Database database;                 ///< every reachable shard, searched as one
    std::vector<std::string> shards;           ///< every shard of the set, by name
    std::vector<std::string> missing_shards;   ///< shards that could not be opened, by name
    std::vector<std::string> problems;         ///< per missing shard: "NAME: why"

    bool partial() const { return !missing_shards.empty(); }
    /// Some shard is read over a connection (xapian-tcpsrv, a program): every read is a round trip,
    /// so readers batch what they can (IndexSearcher looks up copies in one match).
    bool remote = false;
    /// The shards in `database`, in its order (entry numbers depend on it), for open_again.
    std::vector<ShardLocation> opened;
};

/// Another handle of the shards an IndexSet opened (IndexSet::opened), numbering entries as its
/// database does: a Xapian database is read by one thread at a time, so a second thread reads
/// through its own.
Xapian::Database open_again(const std::vector<ShardLocation>& opened);

inline constexpr std::chrono::milliseconds kDefaultShardConnectTimeout{2000};

/// Opens `location`: an index directory (the usual case: one shard, and failing to open it is an
/// error), a stub file naming shards, or `tcp://HOST:PORT`. Throws IndexError when there is no
/// index there or no shard of the set can be opened.
IndexSet open_index_set(const std::filesystem::path& location,
                        std::chrono::milliseconds connect_timeout = kDefaultShardConnectTimeout);

/// Opens the shards named in config (`[index] shards`: paths and `tcp://HOST:PORT`). Shards that
/// cannot be opened are reported in `missing_shards`; throws IndexError when none can be.
IndexSet open_index_set(const std::vector<std::string>& shards,
                        std::chrono::milliseconds connect_timeout = kDefaultShardConnectTimeout);

/// The database of the index (or shard set) at `location` for a reader, with the errors a user
/// sees when there is none: "no index at …: run `gongwen ingest` first", or why it cannot be opened.
Xapian::Database open_index_for_reading(const std::filesystem::path& location);

/// Throws IndexError when `database` was written with another schema version than this gongwen's
/// (its terms would not match the queries: searches would quietly find less). `name` names the
/// index in the message.
void require_current_schema(const Xapian::Database& database, const std::string& name);

}  // namespace gongwen::index
