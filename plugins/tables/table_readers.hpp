// Finding tables in a document's pages. Two readers, one result type: positioned words (Poppler
// for born-digital PDFs, Tesseract for scans: the same code, it only sees boxes) and
// tab-separated text lines (documents that arrive as text).
#pragma once

#include <vector>

#include "gongwen/document.hpp"
#include "raw_table.hpp"

namespace gongwen::tables {

/// Tables rebuilt from word boxes: columns from aligned x-extents, rows from the 序号 column (or
/// vertical gaps when there is none), wrapped cells joined, a header repeated on a following page
/// dropped, a table that continues on the next page (with or without a header) kept as one.
/// Lines without words (text documents) are ignored.
/// Lines inside `skip` (tables already read from their grid) are left out.
std::vector<RawTable> read_positioned_tables(const std::vector<Page>& pages, const std::vector<TableRegion>& skip = {});

/// Tables from cell grids built of the pages' ruling lines (Page::rules): glyphs by cell, headers
/// from the first grid rows (wrapped or two rows high), merged cells spread over the rows they
/// span, section rows kept as headings, tables continued on the next page. `ruled` is set.
std::vector<RawTable> read_grid_tables(const std::vector<Page>& pages);

/// Tables an extractor read from the file's own cells (Document::tables on entry, see Table):
/// header rows, section rows and merged cells found as in a ruled grid; the extractor's regions
/// kept. Tables of one column, or of a header alone, are dropped.
std::vector<RawTable> read_cell_tables(const std::vector<Table>& given);

/// Tables from runs of tab-separated lines (lines without words only): the first line that looks
/// like a header (else the first line) is the header; a repeated header is dropped; a line whose
/// 序号 cell is empty continues the row above.
std::vector<RawTable> read_text_tables(const std::vector<Page>& pages);

}  // namespace gongwen::tables
