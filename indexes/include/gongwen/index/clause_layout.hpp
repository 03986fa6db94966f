// Where each clause of a document entry sits among the entry's positions, kept in
// slot::clause_layout: the clauses follow each other (clause c starts where clause c-1 ends; each
// clause ends with a free position, so no phrase bridges two clauses), and the title follows the
// last clause. The searcher reads it to tell a position's clause and to score clauses (a match in a
// short clause, or in its heading, weighs more) without reading the stored record.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::index {

struct ClauseLayout {
    std::uint32_t length = 0;       ///< positions the clause's text takes (units plus a free one per run)
    std::uint32_t heading_end = 0;  ///< positions before the end of its heading; 0 without a heading
    std::uint32_t start = 0;        ///< its first position (decoded, not stored)
};

/// The first position of the first clause.
inline constexpr std::uint32_t kFirstPosition = 1;

inline std::string encode_clause_layout(const std::vector<ClauseLayout>& clauses) {
    std::string out;
    const auto append = [&out](std::uint32_t number) {
        while (number >= 0x80) {
            out += static_cast<char>((number & 0x7F) | 0x80);
            number >>= 7;
        }
        out += static_cast<char>(number);
    };
    for (const auto& clause : clauses) {
        append(clause.length);
        append(clause.heading_end);
    }
    return out;
}

inline std::vector<ClauseLayout> decode_clause_layout(std::string_view value) {
    std::vector<ClauseLayout> clauses;
    std::size_t at = 0;
    const auto next = [&]() -> std::uint32_t {
        std::uint32_t number = 0;
        for (unsigned shift = 0; at < value.size() && shift < 32; shift += 7) {
            const auto byte = static_cast<unsigned char>(value[at++]);
            number |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) break;
        }
        return number;
    };
    std::uint32_t start = kFirstPosition;
    while (at < value.size()) {
        ClauseLayout clause;
        clause.length = next();
        clause.heading_end = next();
        clause.start = start;
        start += clause.length;
        clauses.push_back(clause);
    }
    return clauses;
}

/// The clause holding `position`: its index, or clauses.size() for the title (after the last clause).
inline std::size_t clause_at(const std::vector<ClauseLayout>& clauses, std::uint32_t position) {
    const auto after = std::upper_bound(clauses.begin(), clauses.end(), position,
                                        [](std::uint32_t p, const ClauseLayout& clause) { return p < clause.start; });
    if (after == clauses.begin()) return clauses.size();
    const std::size_t index = static_cast<std::size_t>(after - clauses.begin()) - 1;
    return position < clauses[index].start + clauses[index].length ? index : clauses.size();
}

}  // namespace gongwen::index
