// number_entries: gives the document entries of an index written before gongwen numbered them
// their ingest sequence terms (indexes/include/gongwen/index/ingest_sequence.hpp), in entry order,
// so that its shards can be searched behind xapian-tcpsrv with the rank window. Used for the
// benchmark's 1M shards (built in the fourth session) instead of a 2-hour rebuild; an index written
// by this gongwen has the terms already and is left alone.
//
//   number_entries INDEX...
#include <cstdio>
#include <string>

#include <xapian.h>

#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/schema.hpp"

namespace {

constexpr Xapian::doccount kCommitEvery = 20000;

int number(const std::string& folder) {
    using namespace gongwen::index;
    Xapian::WritableDatabase database(folder, Xapian::DB_OPEN);
    if (!database.get_metadata(std::string(metadata::sequence)).empty()) {
        std::printf("%s: numbered already (last %llu)\n", folder.c_str(), static_cast<unsigned long long>(last_sequence(database)));
        return 0;
    }
    const std::string kind = std::string(prefix::kind) + "doc";
    std::uint64_t sequence = 0;
    // Entry numbers follow ingest order (IndexWriter adds, never reuses): numbering in that order
    // gives what the writer would have given.
    for (auto it = database.postlist_begin(kind); it != database.postlist_end(kind); ++it) {
        Xapian::Document entry = database.get_document(*it);
        for (const auto& term : sequence_terms(++sequence)) entry.add_boolean_term(term);
        database.replace_document(*it, entry);   // terms only: Xapian leaves the stored record and positions alone
        if (sequence % kCommitEvery == 0) {
            database.commit();
            std::fprintf(stderr, "%s: %llu\n", folder.c_str(), static_cast<unsigned long long>(sequence));
        }
    }
    database.set_metadata(std::string(metadata::sequence), std::to_string(sequence));
    database.commit();
    std::printf("%s: numbered %llu document entries\n", folder.c_str(), static_cast<unsigned long long>(sequence));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: number_entries INDEX...\n");
        return 2;
    }
    try {
        for (int i = 1; i < argc; ++i) number(argv[i]);
    } catch (const Xapian::Error& error) {
        std::fprintf(stderr, "number_entries: %s\n", error.get_description().c_str());
        return 1;
    }
    return 0;
}
