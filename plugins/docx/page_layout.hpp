// Synthetic page geometry for formats that store text without positions (DOCX, XLSX): paragraphs
// are laid out as a word processor would on an A4 page (GB/T 9704 margins unless the file gives
// its own), so that paragraph rebuilding (indents, centred and right-aligned lines, lines that run
// to the margin) and the tables enricher see what they see on a born-digital PDF page.
// Linked statically into the office plugins; not SDK.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::office {

enum class Alignment { left, center, right, justify };

/// A piece of a paragraph's text in one font size.
struct TextRun {
    std::string text;
    double font_size = 16;
};

/// Page geometry in points (A4, GB/T 9704 text area by default: 37 mm top, 28 mm left, 35 mm
/// bottom margin, 156 mm text width).
struct PageGeometry {
    double width = 595.28, height = 841.89;
    double top = 104.88, bottom = 99.21, left = 79.37, right = 79.37;
    double text_width() const { return width - left - right; }
};

/// Lays paragraphs out line by line onto pages: wraps at the text width (Han and full-width
/// characters one em, others half an em), moves to a new page when a line would pass the bottom
/// margin, and starts pages on request.
class PageLayout {
public:
    explicit PageLayout(std::vector<Page>& pages) : pages_(pages) {}

    void set_geometry(const PageGeometry& geometry) { geometry_ = geometry; }
    const PageGeometry& geometry() const { return geometry_; }

    /// Writes one paragraph; `first_indent` and `left_indent` in points. Hard line breaks ('\n'
    /// in a run) start a new line. An empty paragraph leaves one line of space.
    void paragraph(const std::vector<TextRun>& runs, Alignment alignment, double left_indent, double first_indent);
    /// Writes one table row as one line: each cell's text (its paragraphs joined with spaces) at
    /// its column's position, `column_x` holding the left edge of each cell and one past the last.
    /// Returns the line's box (and the page it is on through current_page()).
    Box table_row(const std::vector<std::string>& cells, const std::vector<double>& column_x, double font_size);
    /// Starts a new page unless the current one is still empty.
    void page_break();
    /// The 1-based number of the page being written (a page is opened when needed).
    int current_page();

private:
    Page& page();
    double advance(double line_height);

    std::vector<Page>& pages_;
    PageGeometry geometry_;
    double y_ = 0;   // top of the next line on the current page
};

/// The display width of `text` in ems: Han and full-width characters 1, others 0.5.
double text_width_em(const std::string& text);

}  // namespace gongwen::office
