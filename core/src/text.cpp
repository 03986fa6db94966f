// UTF-8 helpers shared by the core and plugins (see gongwen/text.hpp).
#include "gongwen/text.hpp"

#include <algorithm>
#include <vector>

namespace gongwen {

char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    // Fast paths for what nearly all text is, ASCII and well-formed three-byte sequences (Han);
    // anything else, errors included, takes the general path below.
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    if ((lead >> 4) == 0xE && pos + 3 <= text.size()) {
        const unsigned char b1 = byte(pos + 1), b2 = byte(pos + 2);
        if ((b1 >> 6) == 0x2 && (b2 >> 6) == 0x2) {
            const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
                pos += 3;
                return cp;
            }
        }
    }
    int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || pos + length > text.size()) {
        ++pos;
        return 0xFFFD;
    }
    char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next >> 6) != 0x2) {
            ++pos;
            return 0xFFFD;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return 0xFFFD;
    }
    pos += length;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    // One append of the whole sequence: a push_back per byte checks the capacity each time.
    char bytes[4];
    std::size_t length;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
        return;
    } else if (cp < 0x800) {
        bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
        bytes[1] = static_cast<char>(0x80 | (cp & 0x3F));
        length = 2;
    } else if (cp < 0x10000) {
        bytes[0] = static_cast<char>(0xE0 | (cp >> 12));
        bytes[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        bytes[2] = static_cast<char>(0x80 | (cp & 0x3F));
        length = 3;
    } else {
        bytes[0] = static_cast<char>(0xF0 | (cp >> 18));
        bytes[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        bytes[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        bytes[3] = static_cast<char>(0x80 | (cp & 0x3F));
        length = 4;
    }
    out.append(bytes, length);
}

std::u32string to_u32(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) out += next_code_point(text, pos);
    return out;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t cp : text) append_utf8(out, cp);
    return out;
}

bool is_han(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x323AF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t before = pos;
        if (next_code_point(text, pos) == 0xFFFD && pos == before + 1 &&
            static_cast<unsigned char>(text[before]) >= 0x80) {
            return false;
        }
    }
    return true;
}

char32_t fold_width(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    if (cp == 0x3000) return U' ';
    return cp;
}

std::string fold_width(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) append_utf8(out, fold_width(next_code_point(text, pos)));
    return out;
}

namespace {
bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0; }
bool is_digit(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= 0xFF10 && cp <= 0xFF19); }
bool joins_without_space(char32_t left, char32_t right) {
    return (is_han(left) && (is_han(right) || is_digit(right))) || (is_digit(left) && is_han(right));
}
// What trim() removes.
bool is_trimmed(char32_t cp) { return is_space(cp) || cp == U'\n' || cp == U'\r'; }
}  // namespace

// Both below decode as they go instead of through a UTF-32 copy: they run on every line and
// paragraph. The output is re-encoded code point by code point, so invalid bytes still come out
// as U+FFFD.

std::string remove_spaces_between_han(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool any = false;        // a code point was kept
    char32_t last = 0;       // the last code point kept
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t cp = next_code_point(text, pos);
        if (is_space(cp) && any) {
            // Look past the run of spaces: dropped when it sits between two characters that join.
            std::size_t after = pos;
            char32_t next = 0;
            bool found = false;
            while (after < text.size()) {
                std::size_t at = after;
                next = next_code_point(text, at);
                if (!is_space(next)) {
                    found = true;
                    break;
                }
                after = at;
            }
            if (found && joins_without_space(last, next)) {
                pos = after;
                continue;
            }
        }
        append_utf8(out, cp);
        last = cp;
        any = true;
    }
    return out;
}

std::string trim(std::string_view text) {
    std::size_t begin = text.size(), end = 0;   // bytes of the first and past the last kept code point
    bool invalid = false;                      // a byte that decodes to U+FFFD by replacement
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t at = pos;
        const char32_t cp = next_code_point(text, pos);
        if (is_trimmed(cp)) continue;
        if (begin == text.size()) begin = at;
        end = pos;
        invalid = invalid || (cp == 0xFFFD && pos == at + 1);
    }
    if (begin >= end) return {};
    const std::string_view kept = text.substr(begin, end - begin);
    if (!invalid) return std::string(kept);
    std::string out;
    out.reserve(kept.size() + 8);
    for (std::size_t pos = 0; pos < kept.size();) append_utf8(out, next_code_point(kept, pos));
    return out;
}

bool is_blank(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        if (!is_trimmed(next_code_point(text, pos))) return false;
    }
    return true;
}

double edit_similarity(std::string_view a, std::string_view b) {
    const std::u32string x = to_u32(a), y = to_u32(b);
    const std::size_t longer = std::max(x.size(), y.size());
    if (longer == 0) return 1.0;
    // Levenshtein distance, one row at a time.
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return 1.0 - static_cast<double>(row[y.size()]) / static_cast<double>(longer);
}

}  // namespace gongwen
