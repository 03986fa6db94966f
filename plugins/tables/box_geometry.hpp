// The few measures of boxes and numbers both table readers take (grid and alignment).
#pragma once

#include <algorithm>
#include <cctype>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::tables {

inline double centre_x(const Box& box) { return (box.x0 + box.x1) / 2; }
inline double centre_y(const Box& box) { return (box.y0 + box.y1) / 2; }
inline double overlap_x(const Box& a, const Box& b) { return std::min(a.x1, b.x1) - std::max(a.x0, b.x0); }
inline Box unite(const Box& a, const Box& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

inline bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// The middle value (the upper one of an even count); 0 for none. Medians, not means, because
/// OCR gives the odd glyph a box twice as tall as the rest.
inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

}  // namespace gongwen::tables
