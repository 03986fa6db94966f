// The 发文字号 grammar (GB/T 9704 §7.2.4 and the variants real documents use).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen {

/// A doc number found in a text, with its byte range.
struct DocNumberMatch {
    DocNumber number;
    std::size_t begin = 0;   ///< byte offset of the first character of the number
    std::size_t end = 0;     ///< byte offset one past the last
};

/// Every doc number in `text`, in order: 机关代字 + year in any bracket style (〔〕 [] ［］ () （）
/// 【】, mismatched pairs, spaces inside) + serial + 号, and the 令 form (财政部令第87号,
/// 交通运输部令2019年第12号). Rejects ICP/公网安备 footers and 索引号.
std::vector<DocNumberMatch> find_doc_numbers(std::string_view text);

/// `text` parsed as one doc number (surrounding whitespace allowed), or nothing.
std::optional<DocNumber> parse_doc_number(std::string_view text);

}  // namespace gongwen
