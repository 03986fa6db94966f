// The document model: what extractors produce and enrichers read and extend.
// Plain value types so that plugins, the index and the JSON writer share one shape.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongwen {

/// A rectangle in page coordinates: points for PDF pages, pixels for images; origin top-left.
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// A run of text without spaces as the extractor saw it, with its position.
struct Word {
    std::string text;                ///< UTF-8
    Box box;
    std::vector<Box> char_boxes;     ///< one per code point when the extractor knows them
    bool space_after = false;
    double font_size = 0;
    double confidence = -1;          ///< OCR confidence 0..100; -1 for born-digital text
};

/// A visual line of a page, words in reading order.
struct Line {
    std::string text;                ///< the words joined, with spaces where the extractor saw them
    Box box;
    std::vector<Word> words;
};

/// A ruling line drawn on a page (a table's border or cell rule), in the page's coordinates: a
/// horizontal rule is a box much wider than tall, a vertical one much taller than wide. Extractors
/// report what is drawn (PDF strokes and thin filled rectangles, rules found in a scan's pixels);
/// the tables enricher builds cell grids from them.
struct Rule {
    Box box;
};

/// One page of a source file.
struct Page {
    int number = 1;                  ///< 1-based
    double width = 0, height = 0;
    std::vector<Line> lines;
    std::vector<Rule> rules;         ///< horizontal and vertical ruling lines; empty when unknown
    bool ocr = false;                ///< true when the text came from OCR
    double ocr_confidence = -1;      ///< mean word confidence for OCR'd pages
    /// Text read apart from `lines` because the body reading drops it: the red 发文机关标志
    /// (`XX局文件`) of a scanned page, which OCR removes with the rest of the red ink. Empty when
    /// none was read.
    std::string masthead;
};

/// A paragraph after normalization: broken lines joined, page furniture removed.
/// `text` is for display; search folds it further without changing it.
struct Paragraph {
    std::string text;
    int page = 1;
    bool starts_indented = false;    ///< the first line was indented (a new paragraph in GB/T 9704)
};

/// A 发文字号 split into its parts. `normalized` uses 〔〕, Arabic digits and no spaces.
struct DocNumber {
    std::string text;                ///< as it appears in the document
    std::string normalized;          ///< 苏财规〔2021〕8号, 财政部令第87号
    std::string agency;              ///< 机关代字: 苏财规, 财政部令
    int year = 0;                    ///< 0 when the form has no year (国务院令第699号)
    int serial = 0;
    std::string form;                ///< "bracket" or "order"
    /// The number as read when OCR slips were repaired to give `normalized` (人社画〔2019〕105号);
    /// empty when the number was read as printed.
    std::string repaired_from;
};

/// A document cited in the text: 《title》（doc number） or a bare doc number.
struct CitedDocument {
    std::string title;               ///< empty for a bare number
    std::string doc_number;          ///< normalized; empty for a title without a number
    std::string repaired_from;       ///< as read, when OCR slips were repaired; else empty
};

/// A numbered clause of the body (一、 / （一） / 1. / （1） / 第N条).
struct Clause {
    std::string path;                ///< 二、（三）2. ; empty for the text before the first heading
    std::string heading;             ///< the heading words, without the number
    std::string text;                ///< the clause's full text including its heading
    int page = 1;
    int level = 0;                   ///< 0 for the preamble, 1 for 一、 …
};

/// A date or deadline found in the text.
struct Deadline {
    std::string text;
    std::string due;                 ///< YYYY-MM-DD or empty
    std::string kind;                ///< deadline | target | date
    int page = 1;
    std::string clause;              ///< path of the clause it sits in ("" for the preamble)
};

/// Where an extracted value came from: a paragraph of `Document::paragraphs` and byte offsets in
/// its text, so that a UI can highlight it.
struct Provenance {
    int page = 1;
    int paragraph = -1;
    std::size_t begin = 0, end = 0;
    /// Where the value was read when not from a paragraph: "masthead" (Page::masthead),
    /// "metadata" (a web page's metadata block), "agency_codes" (the 机关代字 table). Empty for
    /// the body text.
    std::string source;
};

/// A row of a responsibility table.
struct Task {
    int seq = 0;
    std::string task;
    std::vector<std::string> units;
    std::vector<std::string> lead_units;
    std::string deadline_text;       ///< the time cell as printed, line breaks removed
    std::string due;                 ///< YYYY-MM-DD (the last stage's date) or empty
    std::string kind;                ///< deadline | ongoing | recurring
    int page = 1;
    std::string section;             ///< the section row above it (一、优化营商环境), or ""
    std::string parent;              ///< a merged 重点任务 cell over its 具体措施, or ""
    std::vector<std::string> milestones;   ///< YYYY-MM-DD of every stage when the cell names several
};

/// Where a table lies on one page (page coordinates): text inside is table text, not body text.
struct TableRegion {
    int page = 1;
    Box box;
};

/// A merged cell of a table an extractor read from the file's own cells (DOCX gridSpan/vMerge,
/// XLSX mergeCells, HTML rowspan/colspan): rows [row, row + rows) and columns [column,
/// column + columns) of `Table::rows`, its text in the top-left cell only, as files store it.
struct CellMerge {
    int row = 0, column = 0, rows = 1, columns = 1;
};

/// A table of the document as rebuilt from its layout (filled by the tables enricher): the
/// header and rows of cell texts (wrapped lines joined; a hard line break kept as '\n').
///
/// An extractor whose format has real cells (DOCX, XLSX, HTML) fills `Document::tables` itself,
/// with every row of the grid in `rows` (header rows included, `header` left empty) and its
/// merged cells in `merges`; `regions` are the boxes of the lines it wrote for the table's text,
/// so that the table is not read a second time as body text. The tables enricher then finds the
/// header, the section rows and the tasks of those tables exactly as it does for a ruled grid on a
/// PDF page, instead of guessing tables from positions.
struct Table {
    int page = 1;                                   ///< the page where it starts
    std::vector<std::string> header;                ///< "" for a column without a title
    std::vector<std::vector<std::string>> rows;
    std::size_t tasks = 0;                          ///< tasks made from it; 0 for statistics, forms
    std::vector<TableRegion> regions;               ///< one per page it covers; empty for text tables
    bool ruled = false;                             ///< read from a grid of ruling lines
    std::vector<CellMerge> merges;                  ///< given by an extractor that read cells; see above
};

/// Where a document came from.
struct SourceInfo {
    std::string path;
    std::string format;              ///< pdf | image | text
    std::string mime_type;
    std::string extractor;           ///< plugin name
    std::string content_hash;        ///< hex XXH3-128 of the file bytes
    int pages = 0;
    std::vector<int> ocr_pages;
};

/// Everything gongwen knows about one file. Extractors fill `source` and `pages`; the core fills
/// `paragraphs` and `clauses`; enrichers fill the fields.
struct Document {
    std::string id;                  ///< stable id derived from the content hash
    SourceInfo source;
    std::vector<Page> pages;
    std::vector<Paragraph> paragraphs;
    std::vector<Clause> clauses;

    std::optional<DocNumber> doc_number;
    std::vector<std::string> issuers;   ///< one, or several for joint issuers
    std::optional<std::string> title;
    std::optional<std::string> doc_type;
    std::vector<std::string> recipients;
    std::optional<std::string> signed_date;
    std::optional<std::string> printed_by;
    std::optional<std::string> printed_date;
    std::vector<std::string> cc;
    std::vector<std::string> attachments;
    std::optional<std::string> urgency;     ///< 紧急程度: 特急, 加急
    std::optional<std::string> secrecy;     ///< 密级: 秘密★1年
    std::optional<std::string> note;        ///< 附注: （此件公开发布）
    /// A government web page's metadata block (索引号, 主题分类, 发布日期, …), label → value.
    std::map<std::string, std::string> metadata;
    /// Field name (title, issuer, signed_date, …) → where it was read.
    std::map<std::string, Provenance> provenance;
    std::vector<CitedDocument> cited_documents;
    std::vector<Deadline> deadlines;
    std::vector<Task> tasks;
    std::vector<std::string> warnings;
    std::vector<Table> tables;

    /// Fields from plugins that have no slot above, printed under "extra" in JSON.
    std::map<std::string, std::string> extra;
};

}  // namespace gongwen
