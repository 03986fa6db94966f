// Rebuilds paragraphs from extracted lines: joins lines a PDF broke mid-sentence, drops running
// page numbers, removes the spaces extraction puts between Han characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::core {

/// True for a running page number line: `— 3 —`, `-3-`, `－ 12 －`, and OCR's `一5 一`.
bool is_page_number_line(std::string_view line);

/// True when a line ends a sentence or a paragraph (。！？；：” etc.).
bool ends_with_closing_punctuation(std::string_view line);

/// Paragraphs of the whole document in reading order. Uses line geometry where the extractor
/// gave it (indented first lines, short last lines) and punctuation otherwise.
std::vector<Paragraph> build_paragraphs(const std::vector<Page>& pages);

/// The matching view of a text: full-width ASCII folded, letters lower-cased. Display text keeps
/// its original form; only search terms are folded.
std::string fold_for_matching(std::string_view text);

}  // namespace gongwen::core
