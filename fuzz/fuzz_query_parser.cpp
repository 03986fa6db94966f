// libFuzzer target: the search query parser. Any string a user can type must parse to a query or
// be refused with a QuerySyntaxError naming the problem (any other exception escaping here is a bug
// the fuzzer reports); snippets built from the query's needles stay valid UTF-8 with highlights inside.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "gongwen/index/aliases.hpp"
#include "gongwen/index/query_parser.hpp"
#include "gongwen/index/snippet.hpp"
#include "gongwen/text.hpp"

namespace {

// The shapes the clause scorer relies on: two parts for except, at least one for boosted, units in
// every unit leaf.
void check_pattern(const gongwen::index::ClausePattern& pattern) {
    using Kind = gongwen::index::ClausePattern::Kind;
    if (pattern.kind == Kind::except && pattern.parts.size() != 2) std::abort();
    if (pattern.kind == Kind::boosted && pattern.parts.empty()) std::abort();
    if ((pattern.kind == Kind::units || pattern.kind == Kind::word) && pattern.units.empty()) std::abort();
    for (const auto& part : pattern.parts) check_pattern(part);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gongwen::index::QueryParser parser(gongwen::index::AliasTable(std::vector<std::vector<std::string>>{{"发改委", "发展和改革委员会"}, {"人社局", "人力资源和社会保障局"}}));
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto parsed = parser.parse(text);
        check_pattern(parsed.clause);
        check_pattern(parsed.any_part);
        (void)parsed.document_query.get_description();
        if (!gongwen::is_valid_utf8(text)) return 0;
        const auto snippet = gongwen::index::make_snippet(text, parsed.highlight_needles, 40);
        if (!gongwen::is_valid_utf8(snippet.text)) std::abort();
        for (const auto& [from, to] : snippet.highlights) {
            if (from >= to || to > snippet.text.size() || !gongwen::is_valid_utf8(snippet.text.substr(from, to - from))) std::abort();
        }
        (void)gongwen::index::render_snippet(snippet, "<mark>", "</mark>", true);
    } catch (const gongwen::index::QuerySyntaxError&) {
        // A refused query with a message: fine.
    }
    return 0;
}
