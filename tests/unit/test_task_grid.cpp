// Tests for task tables as they really arrive (issue 16): ruled grids whose header and body cells
// wrap, merged 牵头单位 cells (one across a page break), section rows, tables across pages with and
// without a repeated header, a scan with a seal, a borderless table, a two-row header, a
// three-line table, a landscape table with a merged 重点任务 column, and tables that hold no
// tasks. The PDFs are rendered at build time from tests/fixtures/texts/grid_*.txt.
//
// Expected values are read from the fixture's own @table rows, so every row is checked against
// what was printed: the task text is the task cell with whitespace removed, the units are the unit
// cells split as the labels of ../shared/corpus/tables do (on 、，,； outside brackets, `（牵头）`
// removed and its unit a lead; a 牵头单位 column gives leads), a `^` cell inherits the text of the
// merged cell above, and the section is the `@span` row above the task. Due dates are the spec
// and are written here, next to each deadline form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "gongwen/core/pipeline.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;

Document run_pipeline(const std::filesystem::path& path) { return test::run_table_pipeline(path); }

// ---- the fixture's tables, as written ---------------------------------------------------------

// Text without whitespace (ASCII, U+3000) and without the fixture's `\n` hard breaks: what a
// reader that joins a cell's lines must give.
std::string compact(std::string text) {
    for (std::size_t at; (at = text.find("\\n")) != std::string::npos;) text.erase(at, 2);
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "\u3000") == 0) {
            i += 3;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += text[i];
        ++i;
    }
    return out;
}

struct FixtureRow {
    std::vector<std::string> cells;   // compacted; a `^` cell holds the merged text above it
    std::string section;              // the last `@span` row above it ("" if none)
};

struct FixtureTable {
    std::size_t header_rows = 1;
    std::vector<std::vector<std::string>> header;   // compacted, `^`/`>` kept
    std::vector<FixtureRow> rows;                   // body rows that are not section rows
    std::vector<std::string> sections;              // the section rows, in order
    bool rules = true;
};

std::vector<std::string> split_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1) cells.push_back(compact(line.substr(start, bar - start)));
    cells.push_back(compact(line.substr(start)));
    return cells;
}

// Every @table block of tests/fixtures/texts/NAME.txt.
std::vector<FixtureTable> fixture_tables(const std::string& name) {
    std::ifstream in(kSource / "texts" / (name + ".txt"));
    REQUIRE(in);
    std::vector<FixtureTable> tables;
    bool inside = false;
    std::string section;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("@table")) {
            inside = true;
            section.clear();
            FixtureTable table;
            std::istringstream options(line.substr(6));
            for (std::string option; options >> option;) {
                if (option.starts_with("header-rows=")) table.header_rows = std::stoul(option.substr(12));
                if (option == "no-rules") table.rules = false;
            }
            tables.push_back(table);
        } else if (line == "@end") {
            inside = false;
        } else if (inside) {
            FixtureTable& table = tables.back();
            if (line.starts_with("@span ")) {
                section = compact(line.substr(6));
                table.sections.push_back(section);
            } else if (table.header.size() < table.header_rows) {
                table.header.push_back(split_cells(line));
            } else {
                FixtureRow row{split_cells(line), section};
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    if (row.cells[c] == "^") {
                        REQUIRE_FALSE(table.rows.empty());
                        row.cells[c] = table.rows.back().cells[c];
                    }
                }
                table.rows.push_back(row);
            }
        }
    }
    return tables;
}

// ---- the label conventions --------------------------------------------------------------------

struct Units {
    std::vector<std::string> units, leads;
};

// A unit cell split on 、，,； outside brackets; `X（牵头）` makes X a lead.
Units split_units(const std::string& cell) {
    static const std::string separators[] = {"、", "，", ",", "；"};
    static const std::string marker = "（牵头）";
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < cell.size();) {
        if (cell.compare(i, 3, "（") == 0 || cell[i] == '(') ++depth;
        if (cell.compare(i, 3, "）") == 0 || cell[i] == ')') --depth;
        bool split = false;
        if (depth == 0) {
            for (const std::string& separator : separators) {
                if (cell.compare(i, separator.size(), separator) == 0) {
                    parts.push_back(current);
                    current.clear();
                    i += separator.size();
                    split = true;
                    break;
                }
            }
        }
        if (split) continue;
        const std::size_t length = (static_cast<unsigned char>(cell[i]) >= 0xE0) ? 3 : (static_cast<unsigned char>(cell[i]) >= 0xC0 ? 2 : 1);
        current += cell.substr(i, length);
        i += length;
    }
    parts.push_back(current);
    Units units;
    for (std::string& part : parts) {
        if (part.empty()) continue;
        const bool lead = part.size() > marker.size() && part.ends_with(marker);
        if (lead) part.erase(part.size() - marker.size());
        units.units.push_back(part);
        if (lead) units.leads.push_back(part);
    }
    return units;
}

/// Which fixture column holds what; -1: none.
struct Columns {
    int seq = 0;
    int task = 1;
    int units = -1;    // 责任单位 or 配合单位: `（牵头）` marks leads
    int lead = -1;     // 牵头单位: every unit a lead, listed first
    int time = -1;
    int parent = -1;   // 重点任务 over a 具体措施 task column
};

struct Due {
    const char* due;   // nullptr: no due date
    const char* kind;
};
using DueSpec = std::map<std::string, Due>;

struct ExpectedTask {
    int seq = 0;
    std::string task, parent, section;
    std::vector<std::string> units, leads;
    std::string deadline_text;
    std::string due, kind;
};

std::vector<ExpectedTask> expected_tasks(const FixtureTable& table, const Columns& columns, const DueSpec& dues) {
    std::vector<ExpectedTask> tasks;
    for (const FixtureRow& row : table.rows) {
        ExpectedTask task;
        task.seq = std::stoi(row.cells.at(columns.seq));
        task.task = row.cells.at(columns.task);
        if (columns.parent >= 0) task.parent = row.cells.at(columns.parent);
        task.section = row.section;
        if (columns.lead >= 0) {
            const Units leads = split_units(row.cells.at(columns.lead));
            task.units = leads.units;
            task.leads = leads.units;
        }
        if (columns.units >= 0) {
            const Units units = split_units(row.cells.at(columns.units));
            task.units.insert(task.units.end(), units.units.begin(), units.units.end());
            task.leads.insert(task.leads.end(), units.leads.begin(), units.leads.end());
        }
        if (columns.time >= 0) {
            task.deadline_text = row.cells.at(columns.time);
            const auto spec = dues.find(task.deadline_text);
            INFO("deadline form without a spec in this test: " << task.deadline_text);
            REQUIRE(spec != dues.end());
            task.due = spec->second.due ? spec->second.due : "";
            task.kind = spec->second.kind;
        }
        tasks.push_back(task);
    }
    return tasks;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : "|") + item;
    return out;
}

std::string describe(const Task& task) {
    std::ostringstream out;
    out << "produced: seq=" << task.seq << " task=" << task.task << " units=" << join(task.units) << " leads="
        << join(task.lead_units) << " deadline=" << task.deadline_text << " due=" << task.due << " kind=" << task.kind
        << " section=" << task.section << " parent=" << task.parent << " page=" << task.page;
    return out.str();
}

std::string describe(const ExpectedTask& task) {
    std::ostringstream out;
    out << "expected: seq=" << task.seq << " task=" << task.task << " units=" << join(task.units) << " leads="
        << join(task.leads) << " deadline=" << task.deadline_text << " due=" << task.due << " kind=" << task.kind
        << " section=" << task.section << " parent=" << task.parent;
    return out.str();
}

// What differs between a produced task and its row: "" when nothing does.
std::string differences(const Task& task, const ExpectedTask& want) {
    std::ostringstream out;
    auto compare = [&](const char* field, const std::string& got, const std::string& wanted) {
        if (got != wanted) out << "\n    " << field << ": produced \"" << got << "\", expected \"" << wanted << "\"";
    };
    compare("seq", std::to_string(task.seq), std::to_string(want.seq));
    compare("task", compact(task.task), want.task);
    compare("units", join(task.units), join(want.units));
    compare("lead_units", join(task.lead_units), join(want.leads));
    compare("deadline_text", task.deadline_text, want.deadline_text);
    compare("due", task.due, want.due);
    compare("kind", task.kind, want.kind);
    compare("section", task.section, want.section);
    compare("parent", task.parent, want.parent);
    return out.str();
}

// Every produced task against its row, in table order: one check per row, naming every field that
// differs with the produced and the expected value.
void check_tasks(const std::vector<Task>& produced, const std::vector<ExpectedTask>& expected) {
    CHECK(produced.size() == expected.size());
    for (std::size_t i = 0; i < std::min(produced.size(), expected.size()); ++i) {
        INFO("row " << i + 1 << "\n  " << describe(produced[i]) << "\n  " << describe(expected[i]));
        CHECK(differences(produced[i], expected[i]) == "");
    }
    // No task comes from anything but a task row: not from a header, a section row or furniture.
    for (const Task& task : produced) {
        INFO(describe(task));
        const bool known = std::any_of(expected.begin(), expected.end(), [&](const ExpectedTask& want) { return want.task == compact(task.task); });
        CHECK(known);
        CHECK_FALSE(task.task.empty());
    }
}

// The header as printed, each cell's lines joined.
std::vector<std::string> printed_header(const FixtureTable& table) {
    REQUIRE(table.header_rows == 1);
    return table.header.front();
}

// The task table of a document runs from page `first` to its last page: one region per page, tasks
// in page order (a task's page is where its row starts).
void check_pages(const Document& document, const Table& table, int first) {
    CHECK(table.page == first);
    std::vector<int> pages;
    for (const TableRegion& region : table.regions) pages.push_back(region.page);
    std::vector<int> wanted;
    for (int page = first; page <= document.source.pages; ++page) wanted.push_back(page);
    CHECK(pages == wanted);   // one region per page the table covers
    for (std::size_t i = 1; i < document.tasks.size(); ++i) CHECK(document.tasks[i - 1].page <= document.tasks[i].page);
    if (!document.tasks.empty()) CHECK(document.tasks.front().page == first);
}

}  // namespace

// a. Narrow 序号 and unit columns: 序/号 and 责任单/位 wrap by themselves, 时间/进度 is broken by
// hand (as Word users do); unit cells wrap (市发改/委, 各/县（市、/区）人/民政府, 市大数据局（牵/头）)
// and date cells wrap (2023年9月/底前, 2023年12/月底前); row 9 is cut by the page break.
TEST_CASE("grid: a ruled table whose header cells and unit and date cells wrap", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_wrapped_header.pdf");
    REQUIRE(document.signed_date == "2023-03-20");
    const auto tables = fixture_tables("grid_wrapped_header");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年9月底前", {"2023-09-30", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"每季度", {"2023-03-31", "recurring"}},   // the first quarter end after 2023-03-20
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年上半年", {"2023-06-30", "deadline"}},
                       {"2024年6月30日前", {"2024-06-30", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 9);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));   // 序号, 工作任务, 责任单位, 时间进度: one line each
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());   // a wrapped line is never a row of its own
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
    REQUIRE(document.tasks.size() == expected.size());
    CHECK(document.tasks.back().page == 2);   // row 9 starts on page 2 and ends on page 3
}

// b. 牵头单位 merged over 5, 2, 5 and 3 rows (row 8 has its own), printed once in the middle of its span; the span of
// 市农业农村局 (rows 9–13) crosses the page break: on page 3 its part under the repeated header is
// empty, as Chromium prints a merged cell's text once, in its first part.
TEST_CASE("grid: a 牵头单位 cell merged over several rows, one span across a page break", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_rowspan_lead.pdf");
    REQUIRE(document.signed_date == "2023-04-10");
    const auto tables = fixture_tables("grid_rowspan_lead");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年7月底前", {"2023-07-31", "deadline"}},
                       {"2023年第四季度", {"2023-12-31", "deadline"}},
                       {"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"每季度", {"2023-06-30", "recurring"}},   // the first quarter end after 2023-04-10
                       {"2023年11月底前", {"2023-11-30", "deadline"}},
                       {"2023年10月底前", {"2023-10-31", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年9月30日前", {"2023-09-30", "deadline"}},
                       {"2024年上半年", {"2024-06-30", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 3, .lead = 2, .time = 4}, dues);
    REQUIRE(expected.size() == 16);
    REQUIRE(expected[12].leads == std::vector<std::string>{"市农业农村局"});   // the row after the break
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
    // The merged cell's text is printed on page 2 only; row 13 is on page 3 and still has its lead.
    REQUIRE(document.tasks.size() == expected.size());
    CHECK(document.tasks[12].page == 3);
    CHECK(document.tasks[11].page == 2);
}

// c. Section rows (一、… spanning all columns) between tasks numbered 1–9 straight through; row 5
// has a two-stage deadline.
TEST_CASE("grid: section rows spanning all columns, 序号 continuous", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_sections.pdf");
    REQUIRE(document.signed_date == "2023-02-28");
    const auto tables = fixture_tables("grid_sections");
    REQUIRE(tables.size() == 1);
    REQUIRE(tables[0].sections.size() == 3);
    const DueSpec dues{{"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年9月底前", {"2023-09-30", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年10月底前", {"2023-10-31", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"每年12月", {"2023-12-31", "recurring"}},
                       // two stages: the date by which the task must be finished, the last one
                       {"2023年6月底前完成规划编制，2023年12月底前全面建成", {"2023-12-31", "deadline"}},
                       {"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 9);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    check_pages(document, document.tables[0], 2);
    check_tasks(document.tasks, expected);
    for (const Task& task : document.tasks) {
        for (const std::string& section : tables[0].sections) CHECK(compact(task.task) != section);   // a section row is no task
    }
}

// c'. Section rows （一）… with 序号 restarting at 1 in each section.
TEST_CASE("grid: section rows with 序号 restarting in each section", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_sections_restart.pdf");
    REQUIRE(document.signed_date == "2023-03-06");
    const auto tables = fixture_tables("grid_sections_restart");
    REQUIRE(tables.size() == 1);
    REQUIRE(tables[0].sections.size() == 3);
    const DueSpec dues{{"2023年11月底前", {"2023-11-30", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"每季度", {"2023-03-31", "recurring"}},   // the first quarter end after 2023-03-06
                       {"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年上半年", {"2023-06-30", "deadline"}},
                       {"2023年12月20日前", {"2023-12-20", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 7);
    REQUIRE(expected[3].seq == 1);
    REQUIRE(document.tables.size() == 1);
    CHECK(document.tables[0].ruled);
    CHECK(document.tables[0].tasks == expected.size());
    check_pages(document, document.tables[0], 2);
    check_tasks(document.tasks, expected);
}

// d. 22 rows over 3 pages, the header repeated on each, rows 10 and 21 cut by the page breaks.
TEST_CASE("grid: a long table across pages with a repeated header and rows split by the page break", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_long_repeat.pdf");
    REQUIRE(document.signed_date == "2023-05-08");
    REQUIRE(document.source.pages == 4);
    const auto tables = fixture_tables("grid_long_repeat");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年10月底前", {"2023-10-31", "deadline"}},
                       {"2023年11月底前", {"2023-11-30", "deadline"}},
                       {"2023年第四季度", {"2023-12-31", "deadline"}},
                       {"2023年5月31日前", {"2023-05-31", "deadline"}},
                       {"2024年6月底前", {"2024-06-30", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"2024年底前", {"2024-12-31", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}},
                       {"每年", {"2023-12-31", "recurring"}},
                       {"2023年9月底前", {"2023-09-30", "deadline"}},
                       {"2023年下半年", {"2023-12-31", "deadline"}},
                       {"2023年7月底前", {"2023-07-31", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年12月15日前", {"2023-12-15", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 22);
    REQUIRE(document.tables.size() == 1);   // the repeated headers start no new table
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());   // neither a repeated header nor a row's continuation is a row
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
    REQUIRE(document.tasks.size() == expected.size());
    CHECK(document.tasks[9].page == 2);    // row 10 starts on page 2, ends on page 3
    CHECK(document.tasks[10].page == 3);
    CHECK(document.tasks.back().page == 4);
}

// d'. 18 rows over 2 pages, no header on page 3, row 11 cut by the page break: its continuation
// (task text only, no 序号) is the top of page 3.
TEST_CASE("grid: a long table across pages without a repeated header, a row split by the page break", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_long_norepeat.pdf");
    REQUIRE(document.signed_date == "2023-03-28");
    REQUIRE(document.source.pages == 3);
    const auto tables = fixture_tables("grid_long_norepeat");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"2023年10月底前", {"2023-10-31", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年9月底前", {"2023-09-30", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年第四季度", {"2023-12-31", "deadline"}},
                       {"2023年11月底前", {"2023-11-30", "deadline"}},
                       {"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"每年", {"2023-12-31", "recurring"}},
                       {"2023年下半年", {"2023-12-31", "deadline"}},
                       {"常态化推进", {nullptr, "ongoing"}},
                       {"2023年12月31日前", {"2023-12-31", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 18);
    REQUIRE(document.tables.size() == 1);   // page 3 continues the table without a header
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
    REQUIRE(document.tasks.size() == expected.size());
    CHECK(document.tasks[10].page == 2);   // row 11 starts on page 2, ends on page 3
    CHECK(document.tasks[11].page == 3);
}

// e. The table of (a) printed and scanned: 300 DPI, 0.6° askew, a red seal over the date. OCR
// errors are allowed in the texts; no row may be lost or invented.
TEST_CASE("grid: a ruled scan with a seal (wrapped header and cells)", "[tables][grid][ocr]") {
    const Document document = run_pipeline(kGenerated / "grid_wrapped_header_scanned.pdf");
    REQUIRE(document.source.ocr_pages == std::vector<int>{1, 2, 3});
    const auto tables = fixture_tables("grid_wrapped_header");
    const DueSpec dues{{"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年9月底前", {"2023-09-30", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"每季度", {"2023-03-31", "recurring"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"长期坚持", {nullptr, "ongoing"}},
                       {"2023年上半年", {"2023-06-30", "deadline"}},
                       {"2024年6月30日前", {"2024-06-30", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(document.tables.size() >= 1);
    CHECK(document.tables[0].ruled);   // rules found in the pixels
    REQUIRE(document.tasks.size() == expected.size());   // every row, none invented
    std::size_t right_dues = 0, right_seqs = 0, units_found = 0, units_expected = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Task& task = document.tasks[i];
        INFO("row " << i + 1 << "\n  " << describe(task) << "\n  " << describe(expected[i]));
        right_dues += task.due == expected[i].due;
        right_seqs += task.seq == expected[i].seq;
        for (const std::string& unit : expected[i].units) {
            ++units_expected;
            units_found += std::find(task.units.begin(), task.units.end(), unit) != task.units.end();
        }
        CHECK_FALSE(task.task.empty());
    }
    INFO("dues " << right_dues << "/" << expected.size() << ", 序号 " << right_seqs << ", units " << units_found << "/" << units_expected);
    CHECK(right_dues * 10 >= expected.size() * 9);         // due dates ≥ 90% right
    CHECK(units_found * 10 >= units_expected * 9);          // unit names ≥ 90% found exactly
    CHECK(right_seqs * 10 >= expected.size() * 9);
}

// f. No rules at all: the alignment reader, with 序/号 wrapping by itself, 完成/时限 broken by
// hand, and wrapped unit and date cells.
TEST_CASE("grid: a borderless table with a wrapped header and wrapped cells", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_borderless.pdf");
    REQUIRE(document.signed_date == "2023-04-03");
    const auto tables = fixture_tables("grid_borderless");
    REQUIRE(tables.size() == 1);
    REQUIRE_FALSE(tables[0].rules);
    const DueSpec dues{{"2023年6月底前", {"2023-06-30", "deadline"}},
                       {"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}},
                       {"2023年11月底前", {"2023-11-30", "deadline"}},
                       {"每季度", {"2023-06-30", "recurring"}}};   // the first quarter end after 2023-04-03
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 7);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK_FALSE(table.ruled);
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
}

// g. A statistics table in the body and a contact list (联络员) on the next page, in a notice
// without a task table: both kept as tables, neither gives a task.
TEST_CASE("grid: a statistics table and a contact list give no tasks", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_nontask.pdf");
    const auto tables = fixture_tables("grid_nontask");
    REQUIRE(tables.size() == 2);
    CHECK(document.tasks.empty());
    REQUIRE(document.tables.size() == tables.size());
    for (std::size_t k = 0; k < tables.size(); ++k) {
        INFO("table " << k + 1);
        const Table& table = document.tables[k];
        CHECK(table.header == printed_header(tables[k]));   // 2022年（亿元） wraps in its cell
        CHECK(table.ruled);
        CHECK(table.tasks == 0);
        REQUIRE(table.rows.size() == tables[k].rows.size());
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            std::vector<std::string> cells;
            for (const std::string& cell : table.rows[r]) cells.push_back(compact(cell));
            CHECK(cells == tables[k].rows[r].cells);
        }
    }
    CHECK(document.tables[0].page == 1);
    CHECK(document.tables[1].page == 2);
    for (std::size_t k = 0; k < document.tables.size(); ++k) {
        INFO("table " << k + 1);
        REQUIRE(document.tables[k].regions.size() == 1);   // each on one page
        CHECK(document.tables[k].regions[0].page == static_cast<int>(k + 1));
    }
}

// h. 责任单位 over two sub-columns 牵头 | 配合; 序号, 重点任务 and 完成时限 span both header rows.
TEST_CASE("grid: a two-row header, 责任单位 over 牵头 and 配合", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_two_row_header.pdf");
    REQUIRE(document.signed_date == "2023-05-16");
    const auto tables = fixture_tables("grid_two_row_header");
    REQUIRE(tables.size() == 1);
    REQUIRE(tables[0].header_rows == 2);
    const DueSpec dues{{"2023年9月", {"2023-09-30", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年11月", {"2023-11-30", "deadline"}},
                       {"2023年10月底前", {"2023-10-31", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年第四季度", {"2023-12-31", "deadline"}},
                       {"2023年12月20日前", {"2023-12-20", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 3, .lead = 2, .time = 4}, dues);
    REQUIRE(expected.size() == 8);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());   // the second header row is no data row
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
}

// h'. Rules only above the header, under it and under the table.
TEST_CASE("grid: a three-line table", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_three_line.pdf");
    REQUIRE(document.signed_date == "2024-02-26");
    const auto tables = fixture_tables("grid_three_line");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"6月10日前", {"2024-06-10", "deadline"}},   // no year: the document's
                       {"2024年第一季度", {"2024-03-31", "deadline"}},
                       {"2024年第二季度", {"2024-06-30", "deadline"}},
                       {"常态化推进", {nullptr, "ongoing"}},
                       {"2024年5月底前", {"2024-05-31", "deadline"}},
                       {"8月20日前", {"2024-08-20", "deadline"}},
                       {"2024年11月底前", {"2024-11-30", "deadline"}}};
    const auto expected = expected_tasks(tables[0], {.seq = 0, .task = 1, .units = 2, .time = 3}, dues);
    REQUIRE(expected.size() == 7);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.tasks == expected.size());
    CHECK(table.rows.size() == expected.size());
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
}

// i. A landscape attachment: 序号 | 重点任务 (merged over 3, 2, 1, 2 rows) | 具体措施 | 牵头单位 |
// 配合单位 | 完成时限. The task is the 具体措施, its parent the 重点任务 over it.
TEST_CASE("grid: a landscape 6-column table with a merged 重点任务 over 具体措施", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_landscape.pdf");
    REQUIRE(document.signed_date == "2023-04-12");
    REQUIRE(document.pages.size() == 2);
    CHECK(document.pages[1].width > document.pages[1].height);   // the attachment page is landscape
    const auto tables = fixture_tables("grid_landscape");
    REQUIRE(tables.size() == 1);
    const DueSpec dues{{"2023年第二季度", {"2023-06-30", "deadline"}},
                       {"2023年底前", {"2023-12-31", "deadline"}},
                       {"2023年12月底前", {"2023-12-31", "deadline"}},
                       {"2023年第三季度", {"2023-09-30", "deadline"}},
                       {"2023年第四季度", {"2023-12-31", "deadline"}},
                       {"持续推进", {nullptr, "ongoing"}},
                       {"2023年8月底前", {"2023-08-31", "deadline"}},
                       {"2023年11月底前", {"2023-11-30", "deadline"}}};
    const auto expected =
        expected_tasks(tables[0], {.seq = 0, .task = 2, .units = 4, .lead = 3, .time = 5, .parent = 1}, dues);
    REQUIRE(expected.size() == 8);
    REQUIRE(expected[2].parent == "强化企业科技创新主体地位");
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.header == printed_header(tables[0]));
    CHECK(table.ruled);
    CHECK(table.tasks == expected.size());
    check_pages(document, table, 2);
    check_tasks(document.tasks, expected);
}

namespace {

using Names = std::vector<std::string>;

// Each task's 序号 (1, 2, … in table order), its units and its leads.
void check_units_and_leads(const std::vector<Task>& tasks, const std::vector<std::pair<Names, Names>>& expected) {
    REQUIRE(tasks.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("task " << i + 1 << ": " << tasks[i].task);
        CHECK(tasks[i].seq == static_cast<int>(i) + 1);
        CHECK(tasks[i].units == expected[i].first);
        CHECK(tasks[i].lead_units == expected[i].second);
    }
}

}  // namespace

// A 责任单位 column whose cells name the roles themselves (牵头单位：…；配合单位：…), as many offices
// write one column for both, in a narrow column where the cells wrap: the labels are not units,
// the units after 牵头单位： are the leads, and a 工作任务 column beside 工作措施 is the parent.
TEST_CASE("grid: role labels inside the unit cells", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_role_labels.pdf");
    REQUIRE(document.tables.size() == 1);
    REQUIRE(document.tasks.size() == 5);
    const std::vector<std::pair<Names, Names>> expected{
        {{"市住建局", "市财政局", "各县（市、区）人民政府"}, {"市住建局"}},
        {{"市城管局", "市交通运输局"}, {"市城管局"}},
        {{"市水务局", "市住建局", "市应急局"}, {"市水务局", "市住建局"}},
        {{"市民政局", "市卫生健康委"}, {}},
        {{"市政务服务中心", "市直各部门"}, {"市政务服务中心"}}};
    check_units_and_leads(document.tasks, expected);
    CHECK(document.tasks[0].parent == "推进老旧小区改造");
    CHECK(document.tasks[0].task == "完成改造小区42个，惠及居民1.2万户。");
    CHECK(document.tasks[2].due == "2024-05-31");
    CHECK(document.tasks[4].kind == "ongoing");
}

// A 责任人 column (people, not units) beside a narrow 完成时限 column whose cells wrap, so that a row's
// line ends with a whole day (`李红　2024年10月15日` / `前`) after the signature: the 成文日期 is still
// the signature's, the people are no units.
TEST_CASE("grid: a column of people and a wrapped day after the signature", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_person_column.pdf");
    CHECK(document.signed_date == "2024-03-08");
    REQUIRE(document.tasks.size() == 3);
    CHECK(document.tasks[0].units == Names{"市住建局"});
    CHECK(document.tasks[1].units == Names{"市城管局"});
    CHECK(document.tasks[1].due == "2024-10-15");
    CHECK(document.tasks[2].units == Names{"市工信局"});
}

// Unit cells as offices write them in words: a complete name that fills its line exactly before
// the next name (`市文化广电旅游局` / `各县（市、区）人民政府`), `X牵头，Y、Z配合`, `…按职责分工负责`,
// `由X牵头，Y参与`; and a 任务名称 | 具体内容 pair of columns (the 具体内容 is the task).
TEST_CASE("grid: unit cells in words and a 具体内容 column", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_unit_phrases.pdf");
    REQUIRE(document.tables.size() == 1);
    REQUIRE(document.tasks.size() == 5);
    const std::vector<std::pair<Names, Names>> expected{
        {{"市文化广电旅游局", "各县（市、区）人民政府"}, {}},
        {{"市城管局", "市农业农村局", "市财政局"}, {"市城管局"}},
        {{"市生态环境局", "市住房城乡建设局", "市水务局"}, {"市生态环境局"}},
        {{"市教育局", "市人力资源社会保障局"}, {"市教育局"}},
        {{"市商务局", "市市场监管局"}, {}}};
    check_units_and_leads(document.tasks, expected);
    CHECK(document.tasks[0].parent == "创建全域旅游示范区");
    CHECK(document.tasks[0].task == "完善旅游公共服务体系，创建国家全域旅游示范区。");
    CHECK(document.tasks[1].due == "2024-09-30");
    CHECK(document.tasks[4].due == "2024-09-30");
}

// A borderless table whose cells' lines are set almost as far apart as its rows (LibreOffice):
// the lines of one row fall into bands of their own, one row is cut by the page break, the last
// row wraps too. Each row is still one task, its time range due at the range's end.
TEST_CASE("grid: a borderless table with widely spaced cell lines", "[tables][grid]") {
    const Document document = run_pipeline(kGenerated / "grid_borderless_leading.pdf");
    REQUIRE(document.signed_date == "2024-02-28");
    REQUIRE(document.tables.size() == 1);
    CHECK_FALSE(document.tables[0].ruled);
    const auto tables = fixture_tables("grid_borderless_leading");
    REQUIRE(tables.size() == 1);
    REQUIRE(document.tasks.size() == tables[0].rows.size());
    const std::vector<std::string> dues{"2024-04-30", "2024-10-31", "2024-11-30", "2024-12-31"};
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        const Task& task = document.tasks[i];
        INFO("task " << i + 1 << ": " << task.task);
        CHECK(task.seq == static_cast<int>(i) + 1);
        CHECK(compact(task.task) == tables[0].rows[i].cells[1]);
        CHECK(task.due == dues[i]);
    }
    CHECK(document.tasks[0].units == std::vector<std::string>{"区委宣传部（区文明办）"});
    CHECK(document.tasks[3].units == std::vector<std::string>{"区直各单位", "各街道办事处"});
}
