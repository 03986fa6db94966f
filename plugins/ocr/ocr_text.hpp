// Tesseract's lines made to read like a born-digital page's: no spaces inside Chinese text, and
// the misreadings of structured tokens (发文字号, years) repaired where the context leaves no doubt.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::ocr {

/// Without the second reading Tesseract sometimes makes of one line of print: a line whose box
/// lies within a taller line's height band and under the same words (`第18号` read once whole and
/// once from the tops of its glyphs, as `4好AD号`).
void drop_double_readings(std::vector<Line>& lines);

/// Lines in reading order top to bottom, lines that share a row merged (left to right): Tesseract
/// returns a table column by column, block after block; Poppler, and the table and field code
/// after it, expect rows.
std::vector<Line> order_rows(std::vector<Line> lines);

/// Decides the spaces between words (Tesseract puts one between every pair, also inside Chinese
/// text), repairs doc numbers and years, and sets line.text.
void tidy_line(Line& line);

/// tidy_line for the lines of one block read on its own (a table cell), after repairing them as
/// one text: a token a line break cuts (各县〈市、 | 区)人民政府, 2016年1 | ]月) is repaired whole.
void tidy_block(std::vector<Line>& lines);

/// Repairs, one code point for one (or dropping a stray one), the confusions OCR makes in structured tokens:
/// `苏政办发[2019]12号` / `(2019)` / `C2019J` / `【2019]j12号` → `苏政办发〔2019〕12号` (a doc number of Han agency,
/// bracketed year and serial followed by 号 or a look-alike), `2O19年` → `2019年`, `二0一九年` → `二〇一九年`,
/// `〈牵头)` → `（牵头）`, `各县〈市、区)` → `各县（市、区）`, `“一网通办"` → `“一网通办”`, `2016年1]月` → `2016年11月`,
/// `5月15目前` → `5月15日前`, a line `第18己` → `第18号` (the number of a 令 or 公告).
std::u32string repair_tokens(std::u32string text);

/// Mean word confidence weighted by characters; -1 without words.
double mean_confidence(const std::vector<Line>& lines);

/// Multiplies every box (and font size) by `factor`: image pixels to page units.
void scale_boxes(std::vector<Line>& lines, double factor);

}  // namespace gongwen::ocr
