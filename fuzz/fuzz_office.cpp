// libFuzzer target: the DOCX and XLSX readers of the office plugins. The input is the XML of one
// part, wrapped into a container with libzip (fuzzing zip bytes themselves would mostly exercise
// libzip's rejections): the first byte chooses word/document.xml of a DOCX (with the styles and
// numbering of tests/tools/make_office_fixture) or xl/worksheets/sheet1.xml of an XLSX (with
// shared strings and a date style). Invariants: a reader either fills the document or throws
// ExtractionError; all text out is valid UTF-8; every table's merges lie inside its rows and
// columns; every line box is finite.
#include <zip.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "docx_reader.hpp"
#include "gongwen/error.hpp"
#include "gongwen/text.hpp"
#include "xlsx_reader.hpp"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
    require(source != nullptr);
    zip_t* zip = zip_open_from_source(source, ZIP_TRUNCATE, &error);
    require(zip != nullptr);
    zip_source_keep(source);
    for (const auto& [name, content] : members) {
        zip_source_t* member = zip_source_buffer(zip, content.data(), content.size(), 0);
        require(member && zip_file_add(zip, name.c_str(), member, 0) >= 0);
    }
    require(zip_close(zip) == 0);
    std::string out;
    require(zip_source_open(source) == 0);
    char buffer[8192];
    for (zip_int64_t got; (got = zip_source_read(source, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(got));
    zip_source_close(source);
    zip_source_free(source);
    zip_error_fini(&error);
    return out;
}

const char* kWord = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
const std::string kStyles = std::string("<w:styles ") + kWord + "><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\"/></w:rPr>"
    "</w:rPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:styleId=\"Centered\"><w:basedOn w:val=\"Centered\"/>"
    "<w:pPr><w:jc w:val=\"center\"/><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";
const std::string kNumbering = std::string("<w:numbering ") + kWord + "><w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"（%2）%1\"/><w:isLgl/></w:lvl>"
    "<w:lvl w:ilvl=\"8\"><w:numFmt w:val=\"decimalEnclosedCircle\"/><w:lvlText w:val=\"%9%5\"/></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"-5\"/>"
    "</w:lvlOverride></w:num></w:numbering>";
const char* kSheet = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
const std::string kWorkbook = std::string("<workbook ") + kSheet + "><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>";
const std::string kStrings = std::string("<sst ") + kSheet + "><si><t>序号</t></si><si><r><t>重点</t></r><r><t>任务</t></r></si></sst>";
const std::string kSheetStyles = std::string("<styleSheet ") + kSheet + "><numFmts><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"20\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";

void check(const gongwen::Document& document) {
    for (const auto& page : document.pages) {
        for (const auto& line : page.lines) {
            require(gongwen::is_valid_utf8(line.text));
            require(std::isfinite(line.box.x0) && std::isfinite(line.box.x1) && std::isfinite(line.box.y0) && std::isfinite(line.box.y1));
            for (const auto& word : line.words) require(gongwen::is_valid_utf8(word.text));
        }
    }
    for (const auto& table : document.tables) {
        const int rows = static_cast<int>(table.rows.size());
        for (const auto& row : table.rows) {
            require(row.size() == table.rows.front().size());
            for (const auto& cell : row) require(gongwen::is_valid_utf8(cell));
        }
        const int columns = rows ? static_cast<int>(table.rows.front().size()) : 0;
        for (const auto& merge : table.merges) {
            require(merge.row >= 0 && merge.column >= 0 && merge.rows >= 1 && merge.columns >= 1);
            require(merge.row + merge.rows <= rows && merge.column + merge.columns <= columns);
        }
    }
    for (const auto& [key, value] : document.extra) require(gongwen::is_valid_utf8(value));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string part(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string container;
    if (data[0] & 1) {
        container = zip_of({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", kWorkbook}, {"xl/sharedStrings.xml", kStrings},
                            {"xl/styles.xml", kSheetStyles}, {"xl/worksheets/sheet1.xml", part}});
    } else {
        container = zip_of({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", part}, {"word/styles.xml", kStyles},
                            {"word/numbering.xml", kNumbering}});
    }
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(container.data()), container.size());
    gongwen::Document document;
    try {
        if (data[0] & 1) gongwen::xlsx::read(bytes, document);
        else gongwen::docx::read(bytes, document);
    } catch (const gongwen::ExtractionError&) {
        return 0;
    }
    check(document);
    return 0;
}
