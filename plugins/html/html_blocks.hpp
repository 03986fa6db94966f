// An HTML page (UTF-8) read into the blocks a printed page would show, in reading order: text
// lines (one per paragraph, heading, list item or <br>-separated run) with their alignment and
// indent, and data tables with their real cells. What is not the document is left out: scripts,
// styles and hidden elements always; the site's furniture — navigation, menus, breadcrumbs,
// footers (by tag, class or id) and lists of links to other pages (menus and related articles
// without a telling class) — unless asked to keep it. libxml2's HTML parser reads the markup; only html_blocks.cpp sees it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::html {

enum class Align { left, center, right };

struct TextBlock {
    std::string text;           ///< whitespace collapsed, trimmed
    Align align = Align::left;
    double indent_em = 0;       ///< first-line indent (text-indent, leading ideographic spaces)
    int heading = 0;            ///< 1..6 for <h1>..<h6>, else 0
};

struct TableCell {
    std::string text;           ///< lines of the cell joined by '\n'
    int row = 0, column = 0, rows = 1, columns = 1;
};

struct TableBlock {
    int row_count = 0, column_count = 0;
    std::vector<TableCell> cells;   ///< each at its top-left grid position
};

struct Block {
    enum class Kind { text, table } kind = Kind::text;
    TextBlock text;
    TableBlock table;
};

struct PageBlocks {
    std::string title;           ///< <title>
    std::vector<Block> blocks;
};

/// Reads `html` (UTF-8). With `leave_out_furniture` false, navigation, menus, breadcrumbs,
/// headers and footers are read like the rest (scripts, styles and hidden elements never are).
/// Throws ExtractionError when libxml2 cannot parse it at all.
PageBlocks read_blocks(std::string_view html, bool leave_out_furniture = true);

}  // namespace gongwen::html
