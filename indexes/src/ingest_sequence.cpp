// Ingest sequence terms (see ingest_sequence.hpp).
#include "gongwen/index/ingest_sequence.hpp"

#include <algorithm>
#include <charconv>

#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

// Block sizes: 2^8, 2^12, ... 2^24 numbers. A range's ends take at most 15 blocks of each size
// below the largest; the largest holds 16 million numbers, more than a shard is written with.
constexpr unsigned kSmallestBits = 8, kBitsPerLevel = 4, kLevels = 5;

std::string block_term(unsigned level, std::uint64_t block) {
    return std::string(prefix::ingest_sequence) + std::to_string(level) + ":" + std::to_string(block);
}

}  // namespace

std::vector<std::string> sequence_terms(std::uint64_t sequence) {
    std::vector<std::string> terms;
    for (unsigned level = 0; level < kLevels; ++level) terms.push_back(block_term(level, sequence >> (kSmallestBits + level * kBitsPerLevel)));
    return terms;
}

RecentSequences recent_sequences(std::uint64_t first, std::uint64_t last) {
    std::vector<std::string> terms;
    std::uint64_t block = std::max<std::uint64_t>(first, 1) >> kSmallestBits;
    const std::uint64_t start = block << kSmallestBits;
    for (unsigned level = 0; level < kLevels; ++level) {
        const unsigned bits = kSmallestBits + level * kBitsPerLevel;
        const bool largest = level + 1 == kLevels;
        // Single blocks of this size up to one that starts a block of the next size, or to the end.
        while ((largest || block % (1u << kBitsPerLevel) != 0) && (block << bits) <= last) terms.push_back(block_term(level, block++));
        if ((block << bits) > last) break;
        block >>= kBitsPerLevel;   // a whole block of the next size starts here
    }
    return {Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), std::max<std::uint64_t>(start, 1)};
}

std::uint64_t last_sequence(const Xapian::Database& database) {
    const std::string stored = database.get_metadata(std::string(metadata::sequence));
    std::uint64_t last = 0;
    const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), last);
    return error == std::errc() && end == stored.data() + stored.size() ? last : 0;
}

}  // namespace gongwen::index
