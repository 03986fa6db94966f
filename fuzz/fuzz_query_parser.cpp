// libFuzzer target: the search query parser. Any string a user can type must parse to a query (never
// throw: an exception escaping here is a bug the fuzzer reports).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/snippet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gongwen::index::QueryParser parser;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto parsed = parser.parse(text);
    (void)parsed.query.get_description();
    const auto snippet = gongwen::index::make_snippet(text, parsed.highlight_needles, 40);
    (void)gongwen::index::render_snippet(snippet, "<mark>", "</mark>", true);
    return 0;
}
