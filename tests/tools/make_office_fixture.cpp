// Writes a fixture text (tests/fixtures/README.md: @center/@left/@right, @table … @end with `^`
// and `>` merges, `@span` section rows) as an Office file, so that the office plugins are tested
// on the same document as its PDF without binaries in git:
//   make_office_fixture docx IN.txt OUT.docx   the whole document: paragraphs with w:jc and a
//       first-line indent, 一、/（一） body headings as automatic numbering (numbering.xml), tables
//       as w:tbl with gridSpan/vMerge;
//   make_office_fixture xlsx [--date1904] IN.txt OUT.xlsx   the document's first table as a sheet,
//       under its title (the centred line above it) merged across the columns; merged cells as
//       mergeCells; exact dates (2024年9月30日前) as date serials with a date format (the first with
//       built-in format 14, the others with a custom yyyy"年"m"月"d"日"), in the 1900 or 1904 system;
//       with --notice the whole notice above the table too, one paragraph a row merged across the
//       sheet, centred, right-aligned or indented as printed (a 公文 typed into a workbook).
// Members get a fixed time stamp, so the output is the same on every run.
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "make_office_fixture: " << message << "\n";
    std::exit(1);
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> split_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, '|')) cells.push_back(trim(cell));
    return cells;
}

struct TableSpec {
    double size = 12;
    std::vector<double> widths;
    std::size_t header_rows = 1;
    std::vector<std::vector<std::string>> rows;
};

struct Block {
    enum Kind { indented, left, center, right, empty, page_break, table_block } kind = indented;
    std::string text;
    TableSpec table;
};

std::vector<Block> read_blocks(const std::string& path) {
    std::ifstream in(path);
    if (!in) fail("cannot read " + path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (i == 0 && line.starts_with("#!options")) continue;
        Block block;
        if (line.empty()) {
            block.kind = Block::empty;
        } else if (line == "\f" || line == "@landscape") {
            block.kind = Block::page_break;
        } else if (line == "@redrule") {
            continue;
        } else if (line.starts_with("@center ")) {
            block = {Block::center, line.substr(8), {}};
        } else if (line.starts_with("@masthead ")) {
            std::string text = line.substr(10);
            for (std::size_t bar; (bar = text.find('|')) != std::string::npos;) text.replace(bar, 1, "　");
            block = {Block::center, text, {}};
        } else if (line.starts_with("@pair ")) {   // LEFT | RIGHT on one line: set apart by ideographic spaces
            std::string text = line.substr(6);
            if (const auto bar = text.find(" | "); bar != std::string::npos) text.replace(bar, 3, "　　　　　　");
            block = {Block::left, text, {}};
        } else if (line.starts_with("@left ")) {
            block = {Block::left, line.substr(6), {}};
        } else if (line.starts_with("@right ")) {
            block = {Block::right, line.substr(7), {}};
        } else if (line == "@table" || line.starts_with("@table ")) {
            block.kind = Block::table_block;
            std::istringstream options(line.substr(6));
            for (std::string word; options >> word;) {
                if (word.starts_with("size=")) block.table.size = std::stod(word.substr(5));
                else if (word.starts_with("header-rows=")) block.table.header_rows = std::stoul(word.substr(12));
                else if (word.starts_with("widths=")) {
                    std::istringstream widths(word.substr(7));
                    for (std::string w; std::getline(widths, w, ',');) block.table.widths.push_back(std::stod(w));
                }
            }
            for (++i; i < lines.size() && lines[i] != "@end"; ++i) {
                std::vector<std::string> cells;
                if (lines[i].starts_with("@span ")) {
                    cells = {trim(lines[i].substr(6))};
                    cells.resize(block.table.widths.size(), ">");
                } else {
                    cells = split_cells(lines[i]);
                }
                if (cells.size() != block.table.widths.size()) fail("a table row with " + std::to_string(cells.size()) + " cells: " + lines[i]);
                block.table.rows.push_back(std::move(cells));
            }
            if (i == lines.size()) fail("@table without @end");
        } else {
            block = {Block::indented, line, {}};
        }
        blocks.push_back(std::move(block));
    }
    return blocks;
}

/// A zip written member by member; the contents stay alive until close().
class ZipWriter {
public:
    explicit ZipWriter(const std::string& path) : path_(path) {
        int error = 0;
        zip_ = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        if (!zip_) fail("cannot create " + path);
    }
    void add(const std::string& name, std::string content) {
        contents_.push_back(std::make_unique<std::string>(std::move(content)));
        zip_source_t* source = zip_source_buffer(zip_, contents_.back()->data(), contents_.back()->size(), 0);
        const zip_int64_t index = source ? zip_file_add(zip_, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) fail("cannot add " + name + " to " + path_);
        zip_file_set_mtime(zip_, static_cast<zip_uint64_t>(index), 1577836800, 0);   // 2020-01-01
    }
    void close() {
        if (zip_close(zip_) != 0) fail("cannot write " + path_ + ": " + zip_strerror(zip_));
    }

private:
    std::string path_;
    zip_t* zip_;
    std::vector<std::unique_ptr<std::string>> contents_;
};

const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const char* kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                 "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// ---------------------------------------------------------------------------------------------
// DOCX

const std::vector<std::string> kChineseNumbers = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string run(const std::string& text, double size = 0) {
    std::string rpr = size > 0 ? "<w:rPr><w:sz w:val=\"" + std::to_string(static_cast<int>(size * 2)) + "\"/></w:rPr>" : "";
    return "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
}

class DocxWriter {
public:
    std::string paragraph(const Block& block) {
        switch (block.kind) {
            case Block::empty: return "<w:p/>";
            case Block::page_break: return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
            case Block::center: return "<w:p><w:pPr><w:pStyle w:val=\"Centered\"/></w:pPr>" + run(block.text) + "</w:p>";
            case Block::right: return "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>" + run(block.text) + "</w:p>";
            case Block::left: return "<w:p>" + run(block.text) + "</w:p>";
            case Block::indented: return numbered(block.text);
            case Block::table_block: return table(block.table);
        }
        return "";
    }

private:
    // 一、… and （一）… in the body as Word numbers them: the number comes from numbering.xml.
    std::string numbered(const std::string& text) {
        const std::string indent = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";
        if (top_ < kChineseNumbers.size() && text.starts_with(kChineseNumbers[top_] + "、")) {
            ++top_;
            second_ = 0;
            return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" + indent + "</w:pPr>" +
                   run(text.substr(kChineseNumbers[top_ - 1].size() + 3)) + "</w:p>";
        }
        if (second_ < kChineseNumbers.size() && text.starts_with("（" + kChineseNumbers[second_] + "）")) {
            ++second_;
            return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>" + indent + "</w:pPr>" +
                   run(text.substr(kChineseNumbers[second_ - 1].size() + 6)) + "</w:p>";
        }
        return "<w:p><w:pPr>" + indent + "</w:pPr>" + run(text) + "</w:p>";
    }

    static std::string cell_paragraphs(const std::string& text, double size) {
        std::string out;
        std::size_t start = 0;
        while (true) {
            const auto end = text.find("\\n", start);
            out += "<w:p>" + (text.empty() ? "" : run(text.substr(start, end == std::string::npos ? end : end - start), size)) + "</w:p>";
            if (end == std::string::npos) break;
            start = end + 2;
        }
        return out;
    }

    static std::string table(const TableSpec& spec) {
        std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>";
        for (const char* edge : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
            out += std::string("<w:") + edge + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
        }
        out += "</w:tblBorders></w:tblPr><w:tblGrid>";
        for (double w : spec.widths) out += "<w:gridCol w:w=\"" + std::to_string(static_cast<int>(w * spec.size * 20)) + "\"/>";
        out += "</w:tblGrid>";
        const auto& rows = spec.rows;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out += "<w:tr>";
            if (r < spec.header_rows) out += "<w:trPr><w:tblHeader/></w:trPr>";
            for (std::size_t c = 0; c < rows[r].size(); ++c) {
                if (rows[r][c] == ">") continue;
                std::size_t span = 1;
                while (c + span < rows[r].size() && rows[r][c + span] == ">") ++span;
                int width = 0;
                for (std::size_t k = c; k < c + span; ++k) width += static_cast<int>(spec.widths[k] * spec.size * 20);
                out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
                if (span > 1) out += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
                const bool continued = rows[r][c] == "^";
                if (continued) out += "<w:vMerge/>";
                else if (r + 1 < rows.size() && rows[r + 1][c] == "^") out += "<w:vMerge w:val=\"restart\"/>";
                out += "</w:tcPr>" + cell_paragraphs(continued ? "" : rows[r][c], spec.size) + "</w:tc>";
            }
            out += "</w:tr>";
        }
        return out + "</w:tbl><w:p/>";
    }

    std::size_t top_ = 0, second_ = 0;
};

void write_docx(const std::vector<Block>& blocks, const std::string& path) {
    DocxWriter writer;
    std::string body;
    for (const Block& block : blocks) body += writer.paragraph(block);
    // A4, GB/T 9704 margins: 37 mm top, 35 mm bottom, 28 mm left, 28 characters of 16 pt wide.
    body += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1359\" w:bottom=\"1984\" "
            "w:left=\"1587\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>";
    ZipWriter zip(path);
    zip.add("[Content_Types].xml", std::string(kXmlHead) +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
        "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
        "</Types>");
    zip.add("_rels/.rels", std::string(kXmlHead) +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
        "</Relationships>");
    zip.add("word/document.xml", std::string(kXmlHead) + "<w:document " + kW + "><w:body>" + body + "</w:body></w:document>");
    zip.add("word/_rels/document.xml.rels", std::string(kXmlHead) +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
        "</Relationships>");
    // 16 pt (三号) text by default; the centred style the title lines use.
    zip.add("word/styles.xml", std::string(kXmlHead) + "<w:styles " + kW + ">"
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"FangSong\" w:eastAsia=\"FangSong\"/><w:sz w:val=\"32\"/>"
        "<w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Centered\"><w:name w:val=\"Centered\"/><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
        "</w:styles>");
    zip.add("word/numbering.xml", std::string(kXmlHead) + "<w:numbering " + kW + ">"
        "<w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:suff w:val=\"nothing\"/>"
        "<w:lvlText w:val=\"%1、\"/><w:lvlJc w:val=\"left\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:suff w:val=\"nothing\"/>"
        "<w:lvlText w:val=\"（%2）\"/><w:lvlJc w:val=\"left\"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
    zip.close();
}

// ---------------------------------------------------------------------------------------------
// XLSX

std::string column_name(std::size_t column) {   // 0 → A
    std::string out;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    return out;
}

long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void write_xlsx(const std::vector<Block>& blocks, const std::string& path, bool date1904, bool with_notice) {
    const TableSpec* table = nullptr;
    std::string title;
    std::vector<const Block*> before;   // the notice above the table, for --notice
    for (const Block& block : blocks) {
        if (block.kind == Block::table_block) {
            table = &block.table;
            break;
        }
        if (block.kind == Block::center) title = block.text;
        if (!block.text.empty() && block.kind != Block::empty && block.kind != Block::page_break) before.push_back(&block);
    }
    if (!table) fail("no @table in the input: nothing to write as a sheet");
    const std::size_t columns = table->widths.size();
    std::vector<std::vector<std::string>> grid;
    // With --notice every paragraph above the table is a row of its own, merged across the sheet and
    // aligned as printed (styles 3 centre, 4 right, 5 left, 6 left with an indent: a body paragraph);
    // else only the table's title.
    std::vector<int> row_style;
    if (with_notice) {
        for (const Block* block : before) {
            std::vector<std::string> row(columns, ">");
            row[0] = block->text;
            grid.push_back(row);
            row_style.push_back(block->kind == Block::center ? 3 : block->kind == Block::right ? 4 : block->kind == Block::left ? 5 : 6);
        }
    } else if (!title.empty()) {
        std::vector<std::string> title_row(columns, ">");
        title_row[0] = title;
        grid.push_back(title_row);
        row_style.push_back(-1);
    }
    const std::size_t lead_rows = grid.size();
    for (const auto& row : table->rows) grid.push_back(row);

    std::vector<std::string> shared;
    std::string merges, rows;
    const std::regex exact_date(R"(^(\d{4})年(\d{1,2})月(\d{1,2})日前?$)");
    int dates = 0;
    const long long epoch = date1904 ? days_from_civil(1904, 1, 1) : days_from_civil(1899, 12, 30);
    for (std::size_t r = 0; r < grid.size(); ++r) {
        rows += "<row r=\"" + std::to_string(r + 1) + "\">";
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string& text = grid[r][c];
            const std::string ref = column_name(c) + std::to_string(r + 1);
            if (text == ">" || text == "^" || text.empty()) continue;
            // The merged cell: rightwards over `>`, downwards over `^`.
            std::size_t right = c, bottom = r;
            while (right + 1 < columns && grid[r][right + 1] == ">") ++right;
            while (bottom + 1 < grid.size() && grid[bottom + 1][c] == "^") ++bottom;
            if (right > c || bottom > r) merges += "<mergeCell ref=\"" + ref + ":" + column_name(right) + std::to_string(bottom + 1) + "\"/>";
            std::smatch date;
            std::string cell_text = text;
            for (std::size_t nl; (nl = cell_text.find("\\n")) != std::string::npos;) cell_text.replace(nl, 2, "\n");
            if (r < lead_rows && row_style[r] >= 0) {   // a notice line, as typed (a date too)
                rows += "<c r=\"" + ref + "\" s=\"" + std::to_string(row_style[r]) + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" +
                        escape(cell_text) + "</t></is></c>";
            } else if (std::regex_match(text, date, exact_date)) {
                const long long serial = days_from_civil(std::stoll(date[1]), static_cast<unsigned>(std::stoul(date[2])),
                                                         static_cast<unsigned>(std::stoul(date[3]))) - epoch;
                rows += "<c r=\"" + ref + "\" s=\"" + (dates++ == 0 ? "1" : "2") + "\"><v>" + std::to_string(serial) + "</v></c>";
            } else if (std::regex_match(text, std::regex(R"(^\d+$)"))) {
                rows += "<c r=\"" + ref + "\"><v>" + text + "</v></c>";
            } else if (r < table->header_rows + lead_rows || right > c) {
                // Header, title and section cells as inline strings; the rest shared.
                rows += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(cell_text) + "</t></is></c>";
            } else {
                rows += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
                shared.push_back(cell_text);
            }
        }
        rows += "</row>";
    }
    // Rich text: the first long shared string in two runs, as Excel writes a cell with two fonts.
    std::string strings;
    bool rich = false;
    for (const std::string& text : shared) {
        const auto cut = text.find("，");
        if (!rich && cut != std::string::npos) {
            rich = true;
            strings += "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">" + escape(text.substr(0, cut)) + "</t></r><r><t xml:space=\"preserve\">" +
                       escape(text.substr(cut)) + "</t></r><rPh sb=\"0\" eb=\"1\"><t>ピン</t></rPh></si>";
        } else {
            strings += "<si><t xml:space=\"preserve\">" + escape(text) + "</t></si>";
        }
    }
    std::string cols = "<cols>";
    for (std::size_t c = 0; c < columns; ++c) {
        cols += "<col min=\"" + std::to_string(c + 1) + "\" max=\"" + std::to_string(c + 1) + "\" width=\"" +
                std::to_string(table->widths[c] * 2.2) + "\" customWidth=\"1\"/>";
    }
    cols += "</cols>";
    const char* main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    ZipWriter zip(path);
    zip.add("[Content_Types].xml", std::string(kXmlHead) +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        "</Types>");
    zip.add("_rels/.rels", std::string(kXmlHead) +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>");
    zip.add("xl/workbook.xml", std::string(kXmlHead) + "<workbook " + main + ">" +
        (date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") +
        "<sheets><sheet name=\"任务分工\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    zip.add("xl/_rels/workbook.xml.rels", std::string(kXmlHead) +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "</Relationships>");
    zip.add("xl/worksheets/sheet1.xml", std::string(kXmlHead) + "<worksheet " + main + "><dimension ref=\"A1:" +
        column_name(columns - 1) + std::to_string(grid.size()) + "\"/>" + cols + "<sheetData>" + rows + "</sheetData>" +
        (merges.empty() ? "" : "<mergeCells>" + merges + "</mergeCells>") + "</worksheet>");
    zip.add("xl/sharedStrings.xml", std::string(kXmlHead) + "<sst " + main + " count=\"" + std::to_string(shared.size()) +
        "\" uniqueCount=\"" + std::to_string(shared.size()) + "\">" + strings + "</sst>");
    zip.add("xl/styles.xml", std::string(kXmlHead) + "<styleSheet " + main + ">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
        "<fonts count=\"1\"><font><sz val=\"12\"/><name val=\"SimSun\"/></font></fonts>"
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        "<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"176\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"right\"/></xf>"
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"left\"/></xf>"
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"left\" indent=\"1\"/></xf></cellXfs>"
        "</styleSheet>");
    zip.close();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool date1904 = false, with_notice = false;
    std::erase_if(args, [&](const std::string& arg) { return arg == "--date1904" && (date1904 = true); });
    std::erase_if(args, [&](const std::string& arg) { return arg == "--notice" && (with_notice = true); });
    if (args.size() != 3 || (args[0] != "docx" && args[0] != "xlsx")) {
        fail("usage: make_office_fixture docx IN.txt OUT.docx | make_office_fixture xlsx [--date1904] [--notice] IN.txt OUT.xlsx");
    }
    const auto blocks = read_blocks(args[1]);
    if (args[0] == "docx") write_docx(blocks, args[2]);
    else write_xlsx(blocks, args[2], date1904, with_notice);
    return 0;
}
