// Small UTF-8 helpers that plugins and the core share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

/// Decodes one code point at `pos` and advances `pos`; invalid bytes yield U+FFFD and advance by one.
char32_t next_code_point(std::string_view text, std::size_t& pos);
/// Appends `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);
/// The text as code points.
std::u32string to_u32(std::string_view text);
/// Code points back to UTF-8.
std::string to_utf8(std::u32string_view text);
/// True for Han ideographs (CJK Unified, Extension A/B…, Compatibility) and 〇.
bool is_han(char32_t cp);
/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);
/// Full-width ASCII (！-～) and the ideographic space folded to ASCII; everything else unchanged.
char32_t fold_width(char32_t cp);
/// fold_width over a string.
std::string fold_width(std::string_view text);
/// Removes spaces (ASCII, U+3000, NBSP) between two Han characters, and between Han and a digit
/// or a digit and Han: PDF extraction and OCR put them there (`营商环 境`, `2023 年`).
std::string remove_spaces_between_han(std::string_view text);
/// Trims ASCII and ideographic whitespace at both ends.
std::string trim(std::string_view text);
/// True when trim(text) is empty, without building the trimmed copy.
bool is_blank(std::string_view text);
/// 1 − Levenshtein distance / the longer length, over code points: 1 for equal texts (two empty
/// ones too), 0 when one is empty. How alike an OCR copy's words are to the text layer's.
double edit_similarity(std::string_view a, std::string_view b);

}  // namespace gongwen
