// The per-clause numbers a document entry keeps in slot::clause_layout: how many positions each
// clause's text takes and where its heading ends. The searcher reads them to score clauses (a
// match in a short clause, or in its heading, weighs more) without reading the stored record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::index {

struct ClauseLayout {
    std::uint16_t length = 0;       ///< positions the clause's text takes (units plus run gaps), capped
    std::uint16_t heading_end = 0;  ///< positions before the end of its heading; 0 without a heading
};

inline std::string encode_clause_layout(const std::vector<ClauseLayout>& clauses) {
    std::string out;
    out.reserve(clauses.size() * 4);
    for (const auto& clause : clauses) {
        for (std::uint16_t number : {clause.length, clause.heading_end}) {
            out += static_cast<char>(number >> 8);
            out += static_cast<char>(number & 0xFF);
        }
    }
    return out;
}

inline std::vector<ClauseLayout> decode_clause_layout(std::string_view value) {
    std::vector<ClauseLayout> clauses(value.size() / 4);
    const auto number_at = [&](std::size_t at) {
        return static_cast<std::uint16_t>((static_cast<unsigned char>(value[at]) << 8) | static_cast<unsigned char>(value[at + 1]));
    };
    for (std::size_t i = 0; i < clauses.size(); ++i) clauses[i] = {number_at(4 * i), number_at(4 * i + 2)};
    return clauses;
}

}  // namespace gongwen::index
