// Reading an Excel workbook (see xlsx_reader.hpp). ECMA-376 Part 1 §18: xl/workbook.xml names the
// sheets and the date system, xl/_rels/workbook.xml.rels where each sheet's part is,
// xl/sharedStrings.xml the strings, xl/styles.xml the number formats that make a number a date.
// Only cells that hold something are kept: a sheet that declares a million rows (a dimension of
// A1:XFD1048576, or rows without cells) costs nothing for the rows it does not fill.
#include "xlsx_reader.hpp"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"
#include "page_layout.hpp"
#include "xml_document.hpp"

namespace gongwen::xlsx {
namespace {

using xml::Node;

constexpr std::size_t kMaxGridCells = 2'000'000;   // rows × columns of one sheet's table after empty ones are dropped
constexpr std::uint64_t kMaxSheetXmlBytes = 128ull << 20;
constexpr double kCellFontSize = 12;
// Rows of a notice above the table are laid out as the printed document's text (三号, 16 pt).
constexpr double kNoticeFontSize = 16;

// Days since 1970-01-01 → civil date (H. Hinnant's algorithm).
void civil_from_days(long long z, int& year, int& month, int& day) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

std::string chinese_date(int year, int month, int day) {
    return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string time_of_day(double serial) {
    double fraction = serial - std::floor(serial);
    auto minutes = static_cast<long long>(std::llround(fraction * 24 * 60));
    if (minutes >= 24 * 60) minutes = 24 * 60 - 1;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", minutes / 60, minutes % 60);
    return buffer;
}

// A number as Excel's General format shows it: integers without a point, others to 15 digits.
std::string general_number(double value) {
    if (!std::isfinite(value)) return "";
    if (std::fabs(value) < 1e15 && value == std::floor(value)) return std::to_string(static_cast<long long>(value));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

enum class NumberKind { number, date, time, date_time, percent };

// A custom number format's kind: quoted text, [colour]/[$-804] and escaped characters do not count.
NumberKind kind_of_format(const std::string& code) {
    std::string plain;
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            quoted = c != '"';
        } else if (bracket) {
            bracket = c != ']';
            if (c == 'h' || c == 'H' || c == 'm' || c == 's') plain += static_cast<char>(std::tolower(c));   // [h]:mm elapsed time
        } else if (c == '"') {
            quoted = true;
        } else if (c == '[') {
            bracket = true;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == ';') {
            break;   // the first section decides
        } else {
            plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    const bool date = plain.find_first_of("yd") != std::string::npos || plain.find('e') != std::string::npos;
    const bool time = plain.find_first_of("hs") != std::string::npos;
    if (date && time) return NumberKind::date_time;
    if (date) return NumberKind::date;
    if (time) return NumberKind::time;
    if (plain.find('m') != std::string::npos) return NumberKind::date;   // m/mmm alone: a month
    if (plain.find('%') != std::string::npos) return NumberKind::percent;
    return NumberKind::number;
}

// Built-in number formats (ECMA-376 §18.8.30, and the zh-CN ones Excel writes without a code).
NumberKind kind_of_builtin(int id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) return NumberKind::date;
    if (id == 22) return NumberKind::date_time;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) return NumberKind::time;
    if (id == 9 || id == 10) return NumberKind::percent;
    return NumberKind::number;
}

std::optional<long long> integer_attribute(const Node& node, std::string_view name) {
    const auto value = node.attribute(name);
    if (!value || value->empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const long long number = std::stoll(*value, &used);
        if (used == value->size()) return number;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

// The text of a rich-text string (<si>, <is>): its <t>, or its runs' <t>; phonetic runs (rPh) left out.
std::string rich_text(const Node& node) {
    std::string out;
    for (const Node& child : node.children()) {
        if (child.name() == "t") out += child.text();
        else if (child.name() == "r") out += child.child("t").text();
    }
    return out;
}

/// "B12" → column 2, row 12 (1-based); nothing when malformed or outside Excel's grid.
bool parse_reference(std::string_view reference, long long& column, long long& row) {
    std::size_t i = 0;
    column = 0, row = 0;
    while (i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i]))) {
        column = column * 26 + (std::toupper(static_cast<unsigned char>(reference[i])) - 'A' + 1);
        if (++i > 3) return false;
    }
    if (i == 0 || i == reference.size()) return false;
    for (; i < reference.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(reference[i]))) return false;
        row = row * 10 + (reference[i] - '0');
        if (row > 1'048'576) return false;
    }
    return column >= 1 && column <= 16'384 && row >= 1;
}

struct Cell {
    long long row, column;
    std::string text;
    long long style = -1;
};

/// How a cell style places its text: horizontal alignment and indent (Excel's levels of ~3 spaces).
struct CellPlacement {
    office::Alignment alignment = office::Alignment::left;
    int indent = 0;
};

struct Sheet {
    std::string name;
    std::string part;
};

/// A cell as the worksheet stores it.
struct SheetCell {
    long long row = 0, column = 0;
    std::string type = "n";
    long long style = 0;
    bool has_value = false;
    std::string value;         ///< <v>
    std::string inline_text;   ///< <is>: its <t> or its runs' <t>, phonetic runs left out
};

void ignore_message(void*, const char*, ...) {}

std::string attribute_of(xmlTextReaderPtr reader, const char* name) {
    xmlChar* value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
    if (!value) return "";
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

/// Reads a worksheet as a stream (libxml2's xmlTextReader): one callback per cell, the merged
/// ranges collected; memory grows with the cells, not with the rows or the size a sheet declares
/// (a DOM of a million empty <row/> elements would take hundreds of MB). Locked down like
/// xml::Document: no network, no entity substitution, a DOCTYPE refused.
void stream_sheet(const std::string& xml, const std::string& what, const std::function<void(SheetCell&)>& on_cell,
                  std::vector<std::string>& merges) {
    // libxml2 prints encoding errors through its generic handler whatever the options say (per thread).
    thread_local const bool silenced = (xmlSetGenericErrorFunc(nullptr, &ignore_message), true);
    (void)silenced;
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
    std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
        xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), what.c_str(), nullptr, options), xmlFreeTextReader);
    if (!reader) throw xml::XmlError(what + " cannot be read as XML");
    SheetCell cell;
    bool in_cell = false, in_value = false, in_inline = false, in_text = false;
    int in_phonetic = 0;
    long long row = 0, column = 0;
    int status = 0;
    while ((status = xmlTextReaderRead(reader.get())) == 1) {
        const int type = xmlTextReaderNodeType(reader.get());
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            throw xml::XmlError(what + " declares a DOCTYPE (document types and entities are refused: a possible XML external entity attack)");
        }
        const auto* local = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
        const std::string_view name = local ? local : "";
        if (type == XML_READER_TYPE_ELEMENT) {
            const bool empty = xmlTextReaderIsEmptyElement(reader.get()) == 1;
            if (name == "row") {
                const std::string r = attribute_of(reader.get(), "r");
                row = r.empty() ? row + 1 : std::atoll(r.c_str());
                column = 0;
            } else if (name == "c") {
                cell = SheetCell{};
                long long ref_column = 0, ref_row = 0;
                if (parse_reference(attribute_of(reader.get(), "r"), ref_column, ref_row)) column = ref_column, row = ref_row;
                else ++column;
                cell.row = row, cell.column = column;
                const std::string t = attribute_of(reader.get(), "t");
                if (!t.empty()) cell.type = t;
                cell.style = std::atoll(attribute_of(reader.get(), "s").c_str());
                in_cell = !empty;
            } else if (in_cell && name == "v") {
                cell.has_value = true;
                in_value = !empty;
            } else if (in_cell && name == "is") {
                in_inline = !empty;
            } else if (in_inline && name == "rPh") {
                if (!empty) ++in_phonetic;
            } else if (in_inline && name == "t") {
                in_text = !empty && in_phonetic == 0;
            } else if (name == "mergeCell") {
                merges.push_back(attribute_of(reader.get(), "ref"));
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (name == "c" && in_cell) {
                in_cell = in_value = in_inline = in_text = false;
                in_phonetic = 0;
                on_cell(cell);
            } else if (name == "v") {
                in_value = false;
            } else if (name == "is") {
                in_inline = false;
            } else if (name == "rPh") {
                if (in_phonetic > 0) --in_phonetic;
            } else if (name == "t") {
                in_text = false;
            }
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_CDATA) {
            const auto* value = reinterpret_cast<const char*>(xmlTextReaderConstValue(reader.get()));
            if (!value) continue;
            if (in_value) cell.value += value;
            else if (in_text) cell.inline_text += value;
        }
    }
    if (status != 0) throw xml::XmlError(what + " is not well-formed XML (damaged or truncated)");
}

class WorkbookReader {
public:
    WorkbookReader(zip::Archive& archive, Document& document) : archive_(archive), document_(document) {}

    void read() {
        const auto workbook_xml = archive_.read_if_present("xl/workbook.xml");
        if (!workbook_xml) throw ExtractionError("no xl/workbook.xml: not an Excel workbook, or a damaged one");
        const auto workbook = xml::Document::parse(*workbook_xml, "xl/workbook.xml");
        const std::string date1904 = workbook.root().child("workbookPr").attribute_or("date1904");
        date1904_ = date1904 == "1" || date1904 == "true";
        read_shared_strings();
        read_styles();
        const std::vector<Sheet> sheets = sheets_of(workbook.root());
        if (sheets.empty()) throw ExtractionError("the workbook lists no worksheets");
        office::PageLayout layout(document_.pages);
        document_.pages.clear();
        document_.tables.clear();
        std::string names;
        for (const Sheet& sheet : sheets) {
            if (read_sheet(sheet, layout)) names += (names.empty() ? "" : ", ") + sheet.name;
        }
        if (document_.pages.empty() || document_.pages.back().lines.empty()) {
            throw ExtractionError("no text found: every sheet of the workbook is empty");
        }
        document_.source.pages = static_cast<int>(document_.pages.size());
        document_.extra["sheets"] = names;
    }

private:
    void read_shared_strings() {
        const auto xml = archive_.read_if_present("xl/sharedStrings.xml");
        if (!xml) return;
        const auto parsed = xml::Document::parse(*xml, "xl/sharedStrings.xml");
        for (const Node& si : parsed.root().children("si")) strings_.push_back(rich_text(si));
    }

    void read_styles() {
        const auto xml = archive_.read_if_present("xl/styles.xml");
        if (!xml) return;
        const auto parsed = xml::Document::parse(*xml, "xl/styles.xml");
        std::map<long long, NumberKind> custom;
        for (const Node& format : parsed.root().child("numFmts").children("numFmt")) {
            if (auto id = integer_attribute(format, "numFmtId")) custom[*id] = kind_of_format(format.attribute_or("formatCode"));
        }
        for (const Node& xf : parsed.root().child("cellXfs").children("xf")) {
            const long long id = integer_attribute(xf, "numFmtId").value_or(0);
            const auto it = custom.find(id);
            style_kinds_.push_back(it != custom.end() ? it->second : kind_of_builtin(static_cast<int>(id)));
            CellPlacement placement;
            const Node alignment = xf.child("alignment");
            const std::string horizontal = alignment.attribute_or("horizontal");
            if (horizontal == "center" || horizontal == "centerContinuous") placement.alignment = office::Alignment::center;
            else if (horizontal == "right") placement.alignment = office::Alignment::right;
            placement.indent = static_cast<int>(std::clamp<long long>(integer_attribute(alignment, "indent").value_or(0), 0, 15));
            style_placements_.push_back(placement);
        }
    }

    std::vector<Sheet> sheets_of(const Node& workbook) {
        std::map<std::string, std::string> targets;
        if (const auto rels = archive_.read_if_present("xl/_rels/workbook.xml.rels")) {
            const auto parsed = xml::Document::parse(*rels, "xl/_rels/workbook.xml.rels");
            for (const Node& rel : parsed.root().children("Relationship")) {
                const std::string type = rel.attribute_or("Type");
                if (!type.ends_with("/worksheet")) continue;
                std::string target = rel.attribute_or("Target");
                target = target.starts_with("/") ? target.substr(1) : "xl/" + target;
                targets[rel.attribute_or("Id")] = target;
            }
        }
        std::vector<Sheet> sheets;
        std::size_t index = 0;
        for (const Node& sheet : workbook.child("sheets").children("sheet")) {
            ++index;
            const auto target = targets.find(sheet.attribute_or("id"));
            // Without relationships, sheets are where Excel puts them.
            std::string part = target != targets.end() ? target->second : "xl/worksheets/sheet" + std::to_string(index) + ".xml";
            if (target == targets.end() && !targets.empty()) continue;   // a chart sheet or macro sheet
            sheets.push_back({sheet.attribute_or("name", "Sheet" + std::to_string(index)), std::move(part)});
        }
        return sheets;
    }

    std::string cell_text(const SheetCell& c) {
        const std::string& type = c.type;
        if (type == "inlineStr") return c.inline_text;
        if (!c.has_value) return "";
        const std::string& value = c.value;
        if (type == "s") {
            try {
                const unsigned long i = std::stoul(value);
                return i < strings_.size() ? strings_[i] : std::string();
            } catch (const std::exception&) {
                return "";
            }
        }
        if (type == "b") return value == "1" ? "TRUE" : "FALSE";
        if (type == "str" || type == "e") return value;
        if (type == "d") {   // an ISO 8601 date
            int year = 0, month = 0, day = 0;
            if (std::sscanf(value.c_str(), "%d-%d-%d", &year, &month, &day) == 3) return chinese_date(year, month, day);
            return value;
        }
        double number = 0;
        try {
            number = std::stod(value);
        } catch (const std::exception&) {
            return value;
        }
        const long long style = c.style;
        const NumberKind kind = style >= 0 && static_cast<std::size_t>(style) < style_kinds_.size()
                                    ? style_kinds_[static_cast<std::size_t>(style)] : NumberKind::number;
        switch (kind) {
            case NumberKind::date: {
                const std::string date = serial_to_date(number, date1904_);
                return date.empty() ? general_number(number) : date;
            }
            case NumberKind::date_time: {
                const std::string date = serial_to_date(number, date1904_);
                if (date.empty()) return general_number(number);
                return number == std::floor(number) ? date : date + " " + time_of_day(number);
            }
            case NumberKind::time: return number >= 0 && number < 1e7 ? time_of_day(number) : general_number(number);
            case NumberKind::percent: return general_number(number * 100) + "%";
            case NumberKind::number: break;
        }
        return general_number(number);
    }

    // Reads one worksheet; false when it holds nothing.
    bool read_sheet(const Sheet& sheet, office::PageLayout& layout) {
        const auto xml = archive_.read_if_present(sheet.part);
        if (!xml) throw ExtractionError("the workbook names sheet \"" + sheet.name + "\" at " + sheet.part + ", which is missing");
        if (xml->size() > kMaxSheetXmlBytes) {
            throw ExtractionError("sheet \"" + sheet.name + "\" is " + std::to_string(xml->size() >> 20) +
                                  " MB of XML: more than a document's table; export the part that matters");
        }
        std::vector<Cell> cells;
        std::vector<std::string> merge_refs;
        stream_sheet(*xml, sheet.part, [&](SheetCell& c) {
            std::string text = cell_text(c);
            if (is_blank(text)) return;
            if (++cell_count_ > kMaxCells) {
                throw ExtractionError("the workbook has more than " + std::to_string(kMaxCells) +
                                      " non-empty cells: a data set, not a document; export the sheets that matter");
            }
            cells.push_back({c.row, c.column, std::move(text), c.style});
        }, merge_refs);
        if (cells.empty()) return false;
        // Rows and columns that hold something, in order: the table's rows and columns.
        std::set<long long> row_set, column_set;
        for (const Cell& cell : cells) row_set.insert(cell.row), column_set.insert(cell.column);
        const std::vector<long long> rows(row_set.begin(), row_set.end()), columns(column_set.begin(), column_set.end());
        if (rows.size() * columns.size() > kMaxGridCells) {
            throw ExtractionError("sheet \"" + sheet.name + "\" spreads its cells over " + std::to_string(rows.size()) + " rows and " +
                                  std::to_string(columns.size()) + " columns: too wide a grid to read as a table");
        }
        const auto index_of = [](const std::vector<long long>& kept, long long value) {
            return static_cast<int>(std::lower_bound(kept.begin(), kept.end(), value) - kept.begin());
        };
        Table table;
        table.rows.assign(rows.size(), std::vector<std::string>(columns.size()));
        std::vector<long long> first_style(rows.size(), -1);   // per row: the style of its first non-empty cell
        for (Cell& cell : cells) {
            const auto r = static_cast<std::size_t>(index_of(rows, cell.row));
            const auto c = static_cast<std::size_t>(index_of(columns, cell.column));
            if (first_style[r] < 0 || c == 0) first_style[r] = cell.style;
            table.rows[r][c] = std::move(cell.text);
        }
        for (const std::string& ref : merge_refs) {
            const auto colon = ref.find(':');
            long long c0 = 0, r0 = 0, c1 = 0, r1 = 0;
            if (colon == std::string::npos || !parse_reference(std::string_view(ref).substr(0, colon), c0, r0) ||
                !parse_reference(std::string_view(ref).substr(colon + 1), c1, r1) || c1 < c0 || r1 < r0) {
                continue;
            }
            // The merge over the kept rows and columns it covers.
            const int top = index_of(rows, r0), bottom = index_of(rows, r1 + 1);
            const int left = index_of(columns, c0), right = index_of(columns, c1 + 1);
            if (bottom - top < 1 || right - left < 1 || (bottom - top == 1 && right - left == 1)) continue;
            table.merges.push_back({top, left, bottom - top, right - left});
        }
        // A notice typed above its table (title, 发文字号, 主送, body, 署名, date: one a row, in one
        // cell or one merged across the sheet) is text, not table rows: the fields are read from it.
        std::vector<std::pair<std::string, CellPlacement>> notice;
        std::size_t notice_rows = 0;
        for (; notice_rows < table.rows.size(); ++notice_rows) {
            const auto& row = table.rows[notice_rows];
            const auto filled = std::count_if(row.begin(), row.end(), [](const std::string& text) { return !is_blank(text); });
            if (filled != 1) break;
            const std::string& text = *std::find_if(row.begin(), row.end(), [](const std::string& t) { return !is_blank(t); });
            const long long style = first_style[notice_rows];
            notice.emplace_back(text, style >= 0 && static_cast<std::size_t>(style) < style_placements_.size()
                                          ? style_placements_[static_cast<std::size_t>(style)] : CellPlacement{});
        }
        if (notice_rows > 0) {
            table.rows.erase(table.rows.begin(), table.rows.begin() + static_cast<std::ptrdiff_t>(notice_rows));
            const int dropped = static_cast<int>(notice_rows);
            std::erase_if(table.merges, [&](const CellMerge& merge) { return merge.row < dropped; });
            for (CellMerge& merge : table.merges) merge.row -= dropped;
        }
        // The page: one line per row, columns as wide as their longest text (up to 20 characters).
        std::vector<double> widths(columns.size(), 2);
        for (const auto& row : table.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], std::min(20.0, office::text_width_em(row[c]) + 1));
        }
        office::PageGeometry geometry;
        geometry.left = geometry.right = geometry.top = geometry.bottom = 36;
        double total = 0;
        for (double w : widths) total += w * kCellFontSize;
        geometry.width = std::max(595.28, total + geometry.left + geometry.right);
        geometry.height = std::max(841.89, geometry.top + geometry.bottom + (static_cast<double>(rows.size()) + 1) * kCellFontSize * 1.8);
        layout.set_geometry(geometry);
        layout.page_break();
        for (const auto& [text, placement] : notice) {
            // An indented cell is a body paragraph: its first line indented two characters, as printed.
            layout.paragraph({office::TextRun{text, kNoticeFontSize}}, placement.alignment, 0,
                             placement.indent > 0 ? 2 * kNoticeFontSize : 0);
        }
        if (table.rows.empty()) return true;
        std::vector<double> column_x{geometry.left};
        for (double w : widths) column_x.push_back(column_x.back() + w * kCellFontSize);
        Box region{};
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const Box box = layout.table_row(table.rows[r], column_x, kCellFontSize);
            if (r == 0) region = box;
            region.y1 = box.y1;
        }
        table.page = layout.current_page();
        table.regions.push_back({table.page, region});
        document_.tables.push_back(std::move(table));
        return true;
    }

    static bool is_blank(const std::string& text) { return gongwen::trim(text).empty(); }

    zip::Archive& archive_;
    Document& document_;
    bool date1904_ = false;
    std::vector<std::string> strings_;
    std::vector<NumberKind> style_kinds_;
    std::vector<CellPlacement> style_placements_;
    std::size_t cell_count_ = 0;
};

}  // namespace

std::string serial_to_date(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return "";
    const auto days = static_cast<long long>(std::floor(serial));
    if (!date1904 && days == 60) return chinese_date(1900, 2, 29);   // Excel's phantom leap day (Lotus 1-2-3 compatibility)
    if (!date1904 && days == 0) return "";
    // 1970-01-01 is serial 25569 in the 1900 system (past the phantom day), 24107 in the 1904 one.
    long long since_epoch = date1904 ? days - 24107 : (days < 60 ? days - 25568 : days - 25569);
    int year = 0, month = 0, day = 0;
    civil_from_days(since_epoch, year, month, day);
    return chinese_date(year, month, day);
}

void read(zip::Archive& archive, Document& document) {
    try {
        if (!archive.contains("xl/workbook.xml")) {
            if (archive.kind() == zip::ContainerKind::docx) {
                throw ExtractionError("a Word document (DOCX), not an Excel workbook: it has word/document.xml but no xl/workbook.xml");
            }
            throw ExtractionError("a zip archive that is not a Word, Excel or OFD document (no word/document.xml, xl/workbook.xml or OFD.xml)");
        }
        WorkbookReader(archive, document).read();
    } catch (const zip::ArchiveError& error) {
        throw ExtractionError(error.what());
    } catch (const xml::XmlError& error) {
        throw ExtractionError(error.what());
    }
}

void read(std::span<const std::byte> bytes, Document& document) {
    try {
        zip::Archive archive(bytes);
        read(archive, document);
    } catch (const zip::ArchiveError& error) {
        throw ExtractionError(error.what());
    }
}

}  // namespace gongwen::xlsx
