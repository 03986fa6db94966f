// Snippet windows and highlighting on code points, so marks never split a UTF-8 sequence.
#include "gongwen/index/snippet.hpp"

#include <algorithm>
#include <tuple>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

std::u32string folded_u32(std::string_view text) { return to_u32(core::fold_for_matching(text)); }

void append_escaped(std::string& out, std::string_view text, bool escape_html) {
    if (!escape_html) {
        out += text;
        return;
    }
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
}

// Where `pattern` (without soft separators) occurs in `text` at or after `from`, skipping soft
// separators of the text between its characters as the index does (以防为主防抗救 finds
// 以防为主、防抗救): [begin, end) in code points, begin = npos when it does not.
std::pair<std::size_t, std::size_t> find_loose(const std::u32string& text, const std::u32string& pattern, std::size_t from) {
    for (std::size_t at = text.find(pattern[0], from); at != std::u32string::npos; at = text.find(pattern[0], at + 1)) {
        std::size_t i = at, k = 0;
        while (i < text.size() && k < pattern.size()) {
            if (text[i] == pattern[k]) {
                ++i, ++k;
            } else if (is_soft_separator(text[i])) {
                ++i;
            } else {
                break;
            }
        }
        if (k == pattern.size()) return {at, i};
    }
    return {std::u32string::npos, std::u32string::npos};
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<std::string>& needles, std::size_t max_chars) {
    const std::u32string original = to_u32(text);
    // fold_for_matching maps code point to code point, so indices agree between the two views.
    const std::u32string folded = folded_u32(text);
    struct Match {
        std::size_t from, to, needle;
    };
    std::vector<Match> matches;  // code point ranges
    for (std::size_t n = 0; n < needles.size(); ++n) {
        std::u32string pattern = folded_u32(needles[n]);
        if (pattern.size() != to_u32(needles[n]).size()) continue;
        std::erase_if(pattern, is_soft_separator);
        if (pattern.empty()) continue;
        for (auto [at, end] = find_loose(folded, pattern, 0); at != std::u32string::npos; std::tie(at, end) = find_loose(folded, pattern, at + 1)) {
            matches.push_back({at, end, n});
        }
    }
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.from != b.from ? a.from < b.from : a.to > b.to; });
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& match : matches) {
        if (!merged.empty() && match.from <= merged.back().second) merged.back().second = std::max(merged.back().second, match.to);
        else merged.emplace_back(match.from, match.to);
    }

    // The window: starting a little before some match, the one that shows the most different needles
    // (so that a query's words spread over a long clause are all visible when they fit), earliest on ties.
    const std::size_t lead = max_chars / 4;
    const auto window_start = [&](std::size_t first) { return first < lead ? 0 : first - lead; };
    std::size_t begin = merged.empty() ? 0 : window_start(merged.front().first);
    std::size_t best_seen = 0;
    for (const auto& candidate : merged) {
        const std::size_t start = window_start(candidate.first);
        std::vector<bool> seen(needles.size(), false);
        std::size_t distinct = 0;
        for (const auto& match : matches) {
            if (match.from >= start && match.to <= start + max_chars && !seen[match.needle]) {
                seen[match.needle] = true;
                ++distinct;
            }
        }
        if (distinct > best_seen) {
            best_seen = distinct;
            begin = start;
        }
    }
    std::size_t end = std::min(original.size(), begin + max_chars);
    if (end - begin < max_chars && end == original.size()) begin = end > max_chars ? end - max_chars : 0;

    Snippet snippet;
    if (begin > 0) snippet.text += "…";
    std::size_t cursor = begin;
    for (const auto& [from, to] : merged) {
        if (to <= begin || from >= end) continue;
        const std::size_t a = std::max(from, begin), b = std::min(to, end);
        snippet.text += to_utf8(std::u32string_view(original).substr(cursor, a - cursor));
        const std::size_t start_byte = snippet.text.size();
        snippet.text += to_utf8(std::u32string_view(original).substr(a, b - a));
        snippet.highlights.emplace_back(start_byte, snippet.text.size());
        cursor = b;
    }
    snippet.text += to_utf8(std::u32string_view(original).substr(cursor, end - cursor));
    if (end < original.size()) snippet.text += "…";
    std::replace(snippet.text.begin(), snippet.text.end(), '\n', ' ');
    return snippet;
}

std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close, bool escape_html) {
    std::string out;
    std::size_t cursor = 0;
    const std::string_view text = snippet.text;
    for (const auto& [from, to] : snippet.highlights) {
        append_escaped(out, text.substr(cursor, from - cursor), escape_html);
        out += open;
        append_escaped(out, text.substr(from, to - from), escape_html);
        out += close;
        cursor = to;
    }
    append_escaped(out, text.substr(cursor), escape_html);
    return out;
}

}  // namespace gongwen::index
