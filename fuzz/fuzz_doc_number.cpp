// libFuzzer target: the 发文字号 grammar. Invariants: matches lie inside the input, in order, and a
// normalized number parses back to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gongwen/doc_number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t previous_end = 0;
    for (const auto& match : gongwen::find_doc_numbers(text)) {
        if (match.begin >= match.end || match.end > text.size() || match.begin < previous_end) std::abort();
        previous_end = match.end;
        const auto again = gongwen::parse_doc_number(match.number.normalized);
        if (!again || again->normalized != match.number.normalized) std::abort();
    }
    (void)gongwen::parse_doc_number(text);
    return 0;
}
