// The few string tests every reader of the fields plugin asks of a line, in one place.
#pragma once

#include <cstddef>
#include <string_view>

#include "gongwen/text.hpp"

namespace gongwen::fields {

inline bool starts_with(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }
inline bool ends_with(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }
inline bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

/// Code points in valid UTF-8 `text`: what a person counts as characters of a Chinese line.
inline std::size_t char_count(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); ++count) gongwen::next_code_point(text, pos);
    return count;
}

}  // namespace gongwen::fields
