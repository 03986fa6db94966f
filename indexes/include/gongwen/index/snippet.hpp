// Snippets: a window of a clause around the first match, with every match marked.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen::index {

struct Snippet {
    std::string text;                                          ///< plain UTF-8, may start/end with …
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< byte ranges in `text`, sorted, disjoint
};

/// The part of `text` around the first occurrence of any needle (matched on the folded view:
/// full-width and case do not matter), at most `max_chars` code points, with every occurrence of
/// every needle inside the window highlighted. Without a match, the start of the text.
Snippet make_snippet(std::string_view text, const std::vector<std::string>& needles, std::size_t max_chars = 120);

/// The snippet with each highlight wrapped in `open`/`close`; with `escape_html`, the text between
/// marks is HTML-escaped (for `<mark>` output).
std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close, bool escape_html);

}  // namespace gongwen::index
