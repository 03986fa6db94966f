// libFuzzer target: dates and deadlines. Invariants: mentions lie inside the input, in order, their
// text is the input's bytes at their offsets, and every normalized day exists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gongwen/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const gongwen::Date reference{2023, 3, 15};
    std::size_t previous_end = 0;
    for (const auto& m : gongwen::find_dates(text, reference)) {
        if (m.begin >= m.end || m.end > text.size() || m.begin < previous_end) std::abort();
        if (text.substr(m.begin, m.end - m.begin) != m.text) std::abort();
        if (m.date && !gongwen::is_valid(*m.date)) std::abort();
        previous_end = m.end;
    }
    if (const auto m = gongwen::normalize_deadline(text, reference); m && m->date && !gongwen::is_valid(*m->date)) {
        std::abort();
    }
    if (const auto d = gongwen::parse_date(text); d && !gongwen::is_valid(*d)) std::abort();
    (void)gongwen::parse_number(text);
    return 0;
}
