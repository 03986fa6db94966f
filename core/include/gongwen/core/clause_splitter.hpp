// Splits a document body into clauses along the numbering hierarchy 一、 / （一） / 1. / （1）
// (and 第N章 / 第N条 for regulations), each with its path, heading and page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::core {

/// The kinds of clause numbers, outermost first.
/// From the outermost: 第一部分 / 第一篇, 第一章, 第一节, 第一条, 一、, （一）, 1., （1） (also 1）), ①.
enum class MarkerKind { part, chapter, section, article, level1, level2, level3, level4, level5 };

/// A clause number at the start of a paragraph.
struct ClauseMarker {
    MarkerKind kind;
    int number = 0;                 ///< 3 for 三、 / （三） / 3. / 第三条
    std::string label;              ///< canonical form used in paths: 三、 （三） 3. （3） 第三部分 第三章 第三节 第三条
    std::size_t length_bytes = 0;   ///< how much of the paragraph the marker takes, trailing spaces included
};

/// The clause marker the paragraph starts with, if any. `1.5亿` and `2023.` are not markers.
std::optional<ClauseMarker> parse_clause_marker(std::string_view paragraph);

/// True when the line starts with something that looks like a clause number.
bool starts_with_clause_marker(std::string_view line);

/// Reads a Chinese numeral (一 … 九十九, 百, 〇/零) or Arabic digits; 0 when it is neither.
int parse_numeral(std::u32string_view text);

/// Clauses of the paragraphs, in order. Text before the first heading is one clause with an
/// empty path. A marker that breaks the numbering sequence is body text, not a heading.
std::vector<Clause> split_clauses(const std::vector<Paragraph>& paragraphs);

}  // namespace gongwen::core
