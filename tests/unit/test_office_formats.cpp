// The office plugins (docx, xlsx, legacy) on the one document every format is tested with
// (tests/fixtures/texts/formats_notice.txt): the DOCX must give the fields and tasks its PDF gives,
// the XLSX of its task table every task with units and due dates, and .doc/.wps/.xls/.et (made by
// LibreOffice at build time) what the DOCX/XLSX give — or, without LibreOffice, a rejection that
// says what to install while the rest of the batch is indexed.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <unistd.h>
#include <zip.h>

#include <map>

#include <nlohmann/json.hpp>

#include "gongwen/plugin.hpp"
#include "test_support.hpp"
#include "xlsx_reader.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;

json extract(const std::filesystem::path& file, const std::string& environment = "") {
    REQUIRE(std::filesystem::exists(file));
    const auto result = test::run_gongwen("extract --json " + test::quote(file), environment);
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

/// The fields compared between formats: everything a reader of the document would look up.
json fields_of(const json& record) {
    json cited = json::array();
    for (const auto& entry : record["cited_documents"]) cited.push_back({entry["title"], entry["doc_number"]});
    return {{"doc_number", record["doc_number"].is_null() ? json() : record["doc_number"]["normalized"]},
            {"issuers", record["issuers"]},
            {"title", record["title"].is_null() ? json() : json(test::without_spaces(record["title"].get<std::string>()))},
            {"doc_type", record["doc_type"]},
            {"signed_date", record["signed_date"]},
            {"recipients", record["recipients"]},
            {"cited", cited},
            {"attachments", record["attachments"]}};
}

/// The tasks without their page numbers (pages of a DOCX are laid out by gongwen, not printed).
json tasks_of(const json& record) {
    json out = json::array();
    for (const auto& task : record["tasks"]) {
        out.push_back({{"seq", task["seq"]}, {"task", task["task"]}, {"units", task["units"]}, {"lead_units", task["lead_units"]},
                       {"due", task["due"]}, {"kind", task["kind"]}, {"section", task["section"]}, {"deadline_text", task["deadline_text"]}});
    }
    return out;
}

using Units = std::vector<std::string>;

/// A zip of `members` written with libzip, as bytes.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
    test::TempDir dir;
    const auto path = dir / "out.zip";
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip);
    for (const auto& [name, content] : members) {
        REQUIRE(zip_file_add(zip, name.c_str(), zip_source_buffer(zip, content.data(), content.size(), 0), ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(zip) == 0);
    return test::read_file(path);
}

Document read_with(const std::string& plugin, const std::string& bytes) {
    auto instance = test::in_tree_plugins().instantiate(*test::in_tree_plugins().find(plugin), {}, nullptr);
    Document document;
    static_cast<Extractor&>(*instance).extract({"in", std::span(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size())}, document);
    return document;
}

const Line* line_starting(const Document& document, const std::string& start, int* page = nullptr) {
    for (const auto& p : document.pages) {
        for (const auto& line : p.lines) {
            if (line.text.starts_with(start)) {
                if (page) *page = p.number;
                return &line;
            }
        }
    }
    return nullptr;
}

/// The task table of formats_notice.txt, read off the text: what every format must give.
void check_notice_tasks(const json& tasks, bool exact_deadline_text = true) {
    REQUIRE(tasks.size() == 6);
    const auto units = [&](int i) { return tasks[i]["units"].get<Units>(); };
    const auto leads = [&](int i) { return tasks[i]["lead_units"].get<Units>(); };
    CHECK(tasks[0]["seq"] == 1);
    CHECK(tasks[0]["task"] == "推行企业开办全程网上办理，压缩开办时间至1个工作日内。");
    CHECK(units(0) == Units{"市市场监管局", "市公安局", "市税务局"});
    CHECK(leads(0) == Units{"市市场监管局"});
    CHECK(tasks[0]["due"] == "2024-06-30");
    CHECK(tasks[0]["section"] == "一、提升政务服务效能");
    CHECK(leads(1) == Units{"市政务服务管理局"});
    CHECK(tasks[1]["due"] == "2024-09-30");
    // 市政务服务管理局 is one cell merged over rows 2 and 3: it leads both.
    CHECK(leads(2) == Units{"市政务服务管理局"});
    CHECK(units(2) == Units{"市政务服务管理局", "市发展改革委", "市财政局"});
    CHECK(tasks[2]["due"] == "2024-12-31");
    CHECK(tasks[3]["kind"] == "ongoing");
    CHECK(tasks[3]["section"] == "二、强化要素保障");
    CHECK(units(3) == Units{"市自然资源和规划局", "市工业和信息化局"});
    CHECK(tasks[4]["kind"] == "recurring");
    CHECK(units(4) == Units{"市金融工作局", "人民银行澄江市分行"});
    CHECK(tasks[5]["due"] == "2024-12-31");
    CHECK(leads(5) == Units{"市税务局"});
    if (exact_deadline_text) CHECK(tasks[1]["deadline_text"] == "2024年9月30日前");
}

}  // namespace

TEST_CASE("docx: the notice as DOCX gives the fields and tasks of its PDF", "[office][docx]") {
    const json pdf = extract(kGenerated / "formats_notice.pdf");
    const json docx = extract(kGenerated / "formats_notice.docx");
    CHECK(docx["source"]["format"] == "docx");
    CHECK(docx["source"]["extractor"] == "docx");
    // Field by field, so that a difference names itself.
    const json want = fields_of(pdf), got = fields_of(docx);
    for (const auto& [key, value] : want.items()) {
        INFO(key);
        CHECK(got[key] == value);
    }
    const json pdf_tasks = tasks_of(pdf), docx_tasks = tasks_of(docx);
    REQUIRE(docx_tasks.size() == pdf_tasks.size());
    for (std::size_t i = 0; i < pdf_tasks.size(); ++i) {
        for (const auto& [key, value] : pdf_tasks[i].items()) {
            INFO("task " << i + 1 << " " << key);
            CHECK(docx_tasks[i][key] == value);
        }
    }
    // Both right, not both wrong.
    CHECK(got["doc_number"] == "澄政办发〔2024〕9号");
    CHECK(got["issuers"] == Units{"澄江市人民政府办公室"});
    CHECK(got["signed_date"] == "2024-03-18");
    CHECK(got["doc_type"] == "通知");
    CHECK(got["recipients"].size() == 3);
    REQUIRE(got["cited"].size() == 1);
    CHECK(got["cited"][0][1] == "江政发〔2023〕15号");
    check_notice_tasks(docx["tasks"]);
    // The body's 一、/二、 are Word's automatic numbering: printed, they make the same clauses.
    std::vector<std::string> pdf_paths, docx_paths;
    for (const auto& clause : pdf["clauses"]) pdf_paths.push_back(clause["path"]);
    for (const auto& clause : docx["clauses"]) docx_paths.push_back(clause["path"]);
    CHECK(docx_paths == pdf_paths);
    CHECK(std::find(docx_paths.begin(), docx_paths.end(), "二、") != docx_paths.end());
    // The table: every row with its cells, and where its lines are.
    REQUIRE(docx["tables"].size() == 1);
    CHECK(docx["tables"][0]["tasks"] == 6);
    CHECK_FALSE(docx["tables"][0]["regions"].empty());
}

TEST_CASE("xlsx: the task table as XLSX gives every task with its units and due date, 1900 and 1904 dates", "[office][xlsx]") {
    for (const char* name : {"formats_notice.xlsx", "formats_notice_1904.xlsx"}) {
        INFO(name);
        const json sheet = extract(kGenerated / name);
        CHECK(sheet["source"]["format"] == "xlsx");
        CHECK(sheet["extra"]["sheets"] == "任务分工");
        // The exact dates are date serials in the sheet (one with format 14, one with a custom
        // yyyy"年"m"月"d"日"): read back as dates, the 前 the cell text had is not in the file.
        check_notice_tasks(sheet["tasks"], false);
        CHECK(sheet["tasks"][1]["deadline_text"] == "2024年9月30日");
        CHECK(sheet["tasks"][5]["deadline_text"] == "2024年12月31日");
        // Text deadlines stay as written.
        CHECK(sheet["tasks"][0]["deadline_text"] == "2024年6月底前");
        CHECK(sheet["tasks"][3]["deadline_text"] == "长期坚持");
        // A rich-text shared string (two runs and a phonetic run) reads as its runs' text only.
        CHECK(sheet["tasks"][0]["task"] == "推行企业开办全程网上办理，压缩开办时间至1个工作日内。");
    }
}

TEST_CASE("xlsx: the whole notice typed into a sheet above its table gives the fields and tasks of its PDF", "[office][xlsx]") {
    // formats_notice_sheet.xlsx: every paragraph a row merged across the sheet, centred, right-aligned
    // or indented as printed; then the task table. The rows above the table are read as text.
    const json pdf = extract(kGenerated / "formats_notice.pdf");
    const json sheet = extract(kGenerated / "formats_notice_sheet.xlsx");
    CHECK(sheet["source"]["format"] == "xlsx");
    const json want = fields_of(pdf), got = fields_of(sheet);
    for (const auto& [key, value] : want.items()) {
        INFO(key);
        CHECK(got[key] == value);
    }
    CHECK(got["doc_number"] == "澄政办发〔2024〕9号");
    CHECK(got["issuers"] == Units{"澄江市人民政府办公室"});
    CHECK(got["signed_date"] == "2024-03-18");
    CHECK(got["recipients"].size() == 3);
    REQUIRE(got["cited"].size() == 1);
    CHECK(got["cited"][0][1] == "江政发〔2023〕15号");
    const json pdf_tasks = tasks_of(pdf), sheet_tasks = tasks_of(sheet);
    REQUIRE(sheet_tasks.size() == pdf_tasks.size());
    for (std::size_t i = 0; i < pdf_tasks.size(); ++i) {
        for (const char* key : {"seq", "task", "units", "lead_units", "due", "kind", "section"}) {
            INFO("task " << i + 1 << " " << key);
            CHECK(sheet_tasks[i][key] == pdf_tasks[i][key]);
        }
    }
    // The notice is text, not rows of the table: one table, its header the table's own.
    REQUIRE(sheet["tables"].size() == 1);
    CHECK(sheet["tables"][0]["header"][0] == "序号");
}

TEST_CASE("xlsx: Excel serial dates in both date systems", "[office][xlsx]") {
    CHECK(xlsx::serial_to_date(1, false) == "1900年1月1日");
    CHECK(xlsx::serial_to_date(59, false) == "1900年2月28日");
    CHECK(xlsx::serial_to_date(60, false) == "1900年2月29日");   // Excel's phantom leap day
    CHECK(xlsx::serial_to_date(61, false) == "1900年3月1日");
    CHECK(xlsx::serial_to_date(45565, false) == "2024年9月30日");
    CHECK(xlsx::serial_to_date(45565.75, false) == "2024年9月30日");   // a time of day does not move the date
    CHECK(xlsx::serial_to_date(0, true) == "1904年1月1日");
    CHECK(xlsx::serial_to_date(45565 - 1462, true) == "2024年9月30日");
    CHECK(xlsx::serial_to_date(-1, false).empty());
    CHECK(xlsx::serial_to_date(1e12, false).empty());
}

TEST_CASE("legacy: .doc, .wps and .rtf converted by LibreOffice give what the DOCX gives, .xls and .et what the XLSX gives", "[office][legacy]") {
    const json docx = extract(kGenerated / "formats_notice.docx");
    const json xlsx = extract(kGenerated / "formats_notice.xlsx");
    for (const char* name : {"formats_notice.doc", "formats_notice.wps", "formats_notice.rtf"}) {
        INFO(name);
        const json converted = extract(kGenerated / name);
        CHECK(converted["source"]["format"] == std::filesystem::path(name).extension().string().substr(1));
        CHECK(converted["source"]["extractor"] == "legacy");
        CHECK_THAT(converted["extra"]["converted_by"].get<std::string>(), Catch::StartsWith("LibreOffice"));
        CHECK(fields_of(converted) == fields_of(docx));
        CHECK(tasks_of(converted) == tasks_of(docx));
        check_notice_tasks(converted["tasks"]);
    }
    for (const char* name : {"formats_notice.xls", "formats_notice.et"}) {
        INFO(name);
        const json converted = extract(kGenerated / name);
        CHECK(converted["source"]["format"] == std::filesystem::path(name).extension().string().substr(1));
        CHECK(tasks_of(converted) == tasks_of(xlsx));
        check_notice_tasks(converted["tasks"], false);
    }
}

TEST_CASE("legacy: without LibreOffice the legacy files are rejected with the install hint, the rest of the batch indexed", "[office][legacy][bad-input]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    for (const char* name : {"formats_notice.doc", "formats_notice.xls", "formats_notice.et", "formats_notice.docx", "formats_notice.xlsx"}) {
        REQUIRE(std::filesystem::exists(kGenerated / name));
        std::filesystem::create_directories(docs);
        std::filesystem::copy_file(kGenerated / name, docs / name);
    }
    // soffice is looked up in PATH (the default option): a PATH without it.
    const auto result = test::run_gongwen("ingest --json --index " + test::quote(dir / "index") + " " + test::quote(docs), "PATH=/nonexistent");
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.status == 2);
    std::map<std::string, std::pair<std::string, std::string>> outcome;
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        if (event["event"] != "file") continue;
        outcome[std::filesystem::path(event["path"].get<std::string>()).filename().string()] = {event["status"], event.value("reason", "")};
    }
    for (const auto& [name, ext] : std::vector<std::pair<std::string, std::string>>{
             {"formats_notice.doc", ".doc"}, {"formats_notice.xls", ".xls"}, {"formats_notice.et", ".et"}}) {
        INFO(name);
        CHECK(outcome[name].first == "rejected");
        CHECK_THAT(outcome[name].second, Catch::Contains("needs LibreOffice to convert " + ext + " files"));
        CHECK_THAT(outcome[name].second, Catch::Contains("sudo apt install libreoffice-writer-nogui libreoffice-calc-nogui"));
    }
    CHECK(outcome["formats_notice.docx"].first == "indexed");
    CHECK(outcome["formats_notice.xlsx"].first == "indexed");
    const json summary = json::parse(test::last_line(result.out));
    CHECK(summary["indexed"] == 2);
    CHECK(summary["rejected"] == 3);

    // The plugin option naming a soffice that is not there: the same hint.
    test::write_file(dir / "gongwen.toml", "[plugins.legacy]\nsoffice = \"/nonexistent/soffice\"\n");
    const auto named = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " extract --json " + test::quote(docs / "formats_notice.doc"));
    CHECK(named.status != 0);
    CHECK_THAT(named.err, Catch::Contains("needs LibreOffice to convert .doc files"));
}

TEST_CASE("docx: a DOCX named .doc is read as the DOCX it is", "[office][docx]") {
    test::TempDir dir;
    std::filesystem::copy_file(kGenerated / "formats_notice.docx", dir / "renamed.doc");
    const json record = extract(dir / "renamed.doc");
    CHECK(record["source"]["format"] == "docx");
    CHECK(record["doc_number"]["normalized"] == "澄政办发〔2024〕9号");
}

TEST_CASE("office extractors: identify by content and never throw, damaged bytes are a file error, output is deterministic", "[office][plugins]") {
    const core::PluginHost& host = test::in_tree_plugins();
    const auto bytes_of = [](const std::string& text) { return std::span(reinterpret_cast<const std::byte*>(text.data()), text.size()); };
    const std::string docx = test::read_file(kGenerated / "formats_notice.docx");
    const std::string xlsx = test::read_file(kGenerated / "formats_notice.xlsx");
    const std::string doc = test::read_file(kGenerated / "formats_notice.doc");
    const std::string pdf = test::read_file(kGenerated / "formats_notice.pdf");
    REQUIRE_FALSE(docx.empty());
    REQUIRE_FALSE(doc.empty());
    std::string random_bytes(4096, '\0');
    std::mt19937 random(7);
    for (auto& c : random_bytes) c = static_cast<char>(random() & 0xff);
    const auto head = [](const std::string& bytes) { return bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096)); };
    std::map<std::string, std::map<std::string, int>> scores;   // plugin → input → score
    for (const char* name : {"docx", "xlsx", "legacy"}) {
        const auto* plugin = host.find(name);
        REQUIRE(plugin);
        auto instance = host.instantiate(*plugin, {}, nullptr);
        auto& extractor = static_cast<Extractor&>(*instance);
        for (const auto& [input, bytes] : std::vector<std::pair<std::string, std::string>>{
                 {"docx", head(docx)}, {"xlsx", head(xlsx)}, {"doc", head(doc)}, {"pdf", head(pdf)}, {"random", random_bytes},
                 {"empty", ""}, {"zip-magic", "PK\x03\x04"}, {"ole-magic", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)}}) {
            INFO(name << " on " << input);
            CHECK_NOTHROW(scores[name][input] = extractor.identify(bytes_of(bytes), "file"));
        }
        // Damaged input is the file's fault, never a crash or another exception type.
        for (const std::string& damaged : {std::string(), docx.substr(0, docx.size() / 2), random_bytes, doc.substr(0, 600)}) {
            Document document;
            CHECK_THROWS_AS(extractor.extract({"damaged", bytes_of(damaged)}, document), ExtractionError);
        }
    }
    CHECK(scores["docx"]["docx"] > scores["xlsx"]["docx"]);
    CHECK(scores["xlsx"]["xlsx"] > scores["docx"]["xlsx"]);
    CHECK(scores["legacy"]["doc"] > 0);
    CHECK(scores["docx"]["doc"] == 0);
    for (const char* input : {"pdf", "random", "empty"}) {
        INFO(input);
        CHECK(scores["docx"][input] == 0);
        CHECK(scores["xlsx"][input] == 0);
        CHECK(scores["legacy"][input] == 0);
    }
    // The same bytes give the same pages, lines and boxes every time.
    auto instance = host.instantiate(*host.find("docx"), {}, nullptr);
    Document first, second;
    static_cast<Extractor&>(*instance).extract({"a.docx", bytes_of(docx)}, first);
    static_cast<Extractor&>(*instance).extract({"a.docx", bytes_of(docx)}, second);
    REQUIRE(first.pages.size() == second.pages.size());
    for (std::size_t p = 0; p < first.pages.size(); ++p) {
        REQUIRE(first.pages[p].lines.size() == second.pages[p].lines.size());
        for (std::size_t l = 0; l < first.pages[p].lines.size(); ++l) {
            CHECK(first.pages[p].lines[l].text == second.pages[p].lines[l].text);
            CHECK(first.pages[p].lines[l].box.x0 == second.pages[p].lines[l].box.x0);
            CHECK(first.pages[p].lines[l].box.y0 == second.pages[p].lines[l].box.y0);
        }
    }
    CHECK(first.tables.size() == 1);
    CHECK(first.tables.front().merges.size() == second.tables.front().merges.size());
}

TEST_CASE("docx: boxes mimic a printed page: centred title, right-aligned signature, indented body, table lines inside the region", "[office][docx]") {
    const core::PluginHost& host = test::in_tree_plugins();
    auto instance = host.instantiate(*host.find("docx"), {}, nullptr);
    const std::string docx = test::read_file(kGenerated / "formats_notice.docx");
    Document document;
    static_cast<Extractor&>(*instance).extract({"a.docx", std::span(reinterpret_cast<const std::byte*>(docx.data()), docx.size())}, document);
    const auto find_line = [&](const std::string& text) -> const Line* {
        for (const auto& page : document.pages) {
            for (const auto& line : page.lines) {
                if (line.text == text) return &line;
            }
        }
        return nullptr;
    };
    const Line* number = find_line("澄政办发〔2024〕9号");
    const Line* date = find_line("2024年3月18日");
    const Line* recipients = find_line("各区人民政府，市政府各部门，市各直属单位：");
    REQUIRE(number);
    REQUIRE(date);
    REQUIRE(recipients);
    const double page_centre = document.pages.front().width / 2 + (79.35 - 67.95) / 2;   // the text area's centre
    CHECK(std::abs((number->box.x0 + number->box.x1) / 2 - page_centre) < 1);
    CHECK(date->box.x1 == Approx(595.3 - 67.95).margin(1));                              // flush right
    CHECK(recipients->box.x0 == Approx(79.35).margin(0.5));                              // flush left
    // 一、 printed from numbering.xml, and the body paragraph under it indented two characters.
    const Line* heading = find_line("一、压实工作责任");
    REQUIRE(heading);
    CHECK(heading->box.x0 == Approx(79.35 + 32).margin(0.5));
    // Every line of the table lies in the table's region on its page.
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables.front();
    CHECK(table.rows.size() == 10);   // two header rows, two section rows, six tasks
    CHECK(table.rows[0][2] == "责任单位");
    CHECK(table.rows[1][2] == "牵头");
    REQUIRE_FALSE(table.regions.empty());
    // Each line of a row lies inside the region of its page (a table crossing a page has one per page).
    int rows_inside = 0;
    for (const auto& page : document.pages) {
        for (const auto& line : page.lines) {
            if (!line.text.starts_with("1 推行企业") && !line.text.starts_with("6 落实减税")) continue;
            for (const auto& region : table.regions) {
                if (region.page == page.number && line.box.y0 >= region.box.y0 && line.box.y1 <= region.box.y1) ++rows_inside;
            }
        }
    }
    CHECK(rows_inside == 2);
    // gridSpan and vMerge as merges: 责任单位 over two columns, 市政务服务管理局 over two rows.
    const auto has_merge = [&](int r, int c, int rows, int columns) {
        return std::any_of(table.merges.begin(), table.merges.end(), [&](const CellMerge& m) {
            return m.row == r && m.column == c && m.rows == rows && m.columns == columns;
        });
    };
    CHECK(has_merge(0, 2, 1, 2));
    CHECK(has_merge(0, 0, 2, 1));
    CHECK(has_merge(2, 0, 1, 5));
    CHECK(has_merge(4, 2, 2, 1));
}

TEST_CASE("docx: typed indents, page and section breaks, numbering levels, deleted, hidden and field-code text", "[office][docx]") {
    const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const auto p = [](const std::string& inner, const std::string& ppr = "") { return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + inner + "</w:p>"; };
    const auto r = [](const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; };
    const auto num = [](int level) { return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"3\"/></w:numPr>"; };
    const std::string body =
        p(r("　　为贯彻落实有关要求，现将事项通知如下。")) +
        p(r("总体要求"), num(0)) + p(r("明确目标"), num(1)) + p(r("压实责任"), num(1)) +
        p(r("保障措施"), num(0)) + p(r("加强领导"), num(1)) + p(r("细化分工"), num(2)) +
        p(r("保留文字") + "<w:del><w:r><w:delText>删除文字</w:delText></w:r></w:del><w:ins>" + r("插入文字") + "</w:ins>" +
          "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>") +
        p(r("分页之前") + "<w:r><w:br w:type=\"page\"/></w:r>" + r("分页之后")) +
        p(r("段前分页"), "<w:pageBreakBefore/>") +
        p(r("第一节结束"), "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\"/></w:sectPr>") +
        p(r("横向附件")) +
        "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"1417\" w:right=\"1588\" w:bottom=\"1417\" w:left=\"1588\"/></w:sectPr>";
    const std::string numbering = "<w:numbering " + w + "><w:abstractNum w:abstractNumId=\"7\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>";
    const std::string styles = "<w:styles " + w + "><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
    const Document document = read_with("docx", zip_of({{"[Content_Types].xml", "<Types/>"},
                                                        {"word/document.xml", "<w:document " + w + "><w:body>" + body + "</w:body></w:document>"},
                                                        {"word/styles.xml", styles}, {"word/numbering.xml", numbering}}));
    // Two ideographic spaces typed before the text: an indent of two characters, not text.
    const Line* typed = line_starting(document, "为贯彻落实");
    REQUIRE(typed);
    CHECK(typed->box.x0 == Approx(79.4 + 32).margin(0.5));
    // Automatic numbers as printed; a lower level restarts under each higher one.
    for (const char* heading : {"一、总体要求", "（一）明确目标", "（二）压实责任", "二、保障措施", "（一）加强领导", "1. 细化分工"}) {
        INFO(heading);
        CHECK(line_starting(document, heading));
    }
    // Deleted text, hidden text and field codes are not printed; inserted text is.
    const Line* kept = line_starting(document, "保留文字");
    REQUIRE(kept);
    CHECK(kept->text == "保留文字插入文字");
    // A page break inside a paragraph, a paragraph that starts a page, a section break to a
    // landscape section.
    int before = 0, after = 0, own = 0, landscape = 0, section_end = 0;
    REQUIRE(line_starting(document, "分页之前", &before));
    REQUIRE(line_starting(document, "分页之后", &after));
    REQUIRE(line_starting(document, "段前分页", &own));
    REQUIRE(line_starting(document, "第一节结束", &section_end));
    REQUIRE(line_starting(document, "横向附件", &landscape));
    CHECK(after == before + 1);
    CHECK(own == after + 1);
    CHECK(section_end == own);
    CHECK(landscape == own + 1);
    CHECK(document.pages.at(static_cast<std::size_t>(own - 1)).width == Approx(595.3));
    CHECK(document.pages.at(static_cast<std::size_t>(landscape - 1)).width == Approx(841.9));
    CHECK(document.source.pages == landscape);
}

TEST_CASE("docx: a Word file of pictures only, and a zip that is some other office format, say what they are", "[office][docx]") {
    const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const std::string pictures = zip_of({{"[Content_Types].xml", "<Types/>"},
                                         {"word/document.xml", "<w:document " + w + "><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>"}});
    CHECK_THROWS_WITH(read_with("docx", pictures), Catch::Contains("holds only pictures"));
    const std::string ofd = zip_of({{"Doc_0/Document.xml", "<x/>"}, {"OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"}});
    CHECK_THROWS_WITH(read_with("docx", ofd), Catch::Contains("an OFD document, not a Word document"));
    const std::string xlsx = test::read_file(kGenerated / "formats_notice.xlsx");
    CHECK_THROWS_WITH(read_with("xlsx", test::read_file(kGenerated / "formats_notice.docx")), Catch::Contains("a Word document (DOCX), not an Excel workbook"));
    // An XLSX that reaches the docx plugin (its first members did not say what it is) is read as the workbook it is.
    const Document sheet = read_with("docx", xlsx);
    CHECK(sheet.source.format == "xlsx");
    CHECK(sheet.tables.size() == 1);
}

TEST_CASE("legacy: LibreOffice's profile is private to the worker, removed after, and a killed worker's left-over is swept", "[office][legacy]") {
    test::TempDir dir;
    const auto profiles = dir / "profiles";
    // A profile left by a worker that was killed: its process is gone.
    const pid_t gone = ::fork();
    if (gone == 0) ::_exit(0);
    REQUIRE(gone > 0);
    ::waitpid(gone, nullptr, 0);
    const auto stale = profiles / ("lo-profile-" + std::to_string(gone) + "-1");
    test::write_file(stale / "user" / "registrymodifications.xcu", "<x/>");
    test::write_file(dir / "gongwen.toml", "[plugins.legacy]\nprofile_dir = \"" + profiles.string() + "\"\n");
    const auto result = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " extract --json " +
                                          test::quote(kGenerated / "formats_notice.doc"));
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(json::parse(result.out)["doc_number"]["normalized"] == "澄政办发〔2024〕9号");
    CHECK_FALSE(std::filesystem::exists(stale));
    int left = 0;
    for (const auto& entry : std::filesystem::directory_iterator(profiles)) left += entry.path().filename().string().starts_with("lo-profile-");
    CHECK(left == 0);
}

TEST_CASE("docx: a main part not named word/document.xml is found through the package relationships", "[office][docx]") {
    const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                             "Target=\"/word/document2.xml\"/></Relationships>";
    const Document document = read_with("docx", zip_of({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", rels},
                                                        {"word/document2.xml", "<w:document " + w + "><w:body><w:p><w:r><w:t>关于开展档案检查的通知</w:t></w:r></w:p></w:body></w:document>"}}));
    REQUIRE(line_starting(document, "关于开展档案检查的通知"));
    CHECK(document.source.pages == 1);
}

TEST_CASE("docx: every fixture text written as DOCX gives the fields, clauses and tasks of its PDF", "[office][docx][fixtures]") {
    int compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(GONGWEN_TEST_SOURCE_FIXTURES) / "texts")) {
        const std::string name = entry.path().stem().string();
        INFO(name);
        const json pdf = extract(kGenerated / (name + ".pdf"));
        const json docx = extract(kGenerated / "docx" / (name + ".docx"));
        const json want = fields_of(pdf), got = fields_of(docx);
        for (const auto& [key, value] : want.items()) {
            INFO(key);
            CHECK(got[key] == value);
        }
        CHECK(tasks_of(docx) == tasks_of(pdf));
        std::vector<std::string> pdf_paths, docx_paths;
        for (const auto& clause : pdf["clauses"]) pdf_paths.push_back(clause["path"]);
        for (const auto& clause : docx["clauses"]) docx_paths.push_back(clause["path"]);
        CHECK(docx_paths == pdf_paths);
        ++compared;
    }
    CHECK(compared >= 38);
}

TEST_CASE("docx: a text box's paragraphs are read once, after the paragraph that anchors it", "[office][docx]") {
    const std::string ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                           "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
                           "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
                           "xmlns:v=\"urn:schemas-microsoft-com:vml\"";
    const std::string box = "<w:txbxContent><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>澄江市人民政府办公室文件</w:t></w:r></w:p></w:txbxContent>";
    const std::string anchor = "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>" + box +
                               "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>" + box +
                               "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    const std::string body = anchor + "<w:p><w:r><w:t>关于开展档案检查的通知</w:t></w:r></w:p>";
    const Document document = read_with("docx", zip_of({{"[Content_Types].xml", "<Types/>"},
                                                        {"word/document.xml", "<w:document " + ns + "><w:body>" + body + "</w:body></w:document>"}}));
    int seen = 0;
    std::vector<std::string> order;
    for (const auto& page : document.pages) {
        for (const auto& line : page.lines) {
            order.push_back(line.text);
            seen += line.text == "澄江市人民政府办公室文件";
        }
    }
    CHECK(seen == 1);
    CHECK(order == std::vector<std::string>{"澄江市人民政府办公室文件", "关于开展档案检查的通知"});
}

TEST_CASE("xlsx: the task table of every fixture text written as a sheet gives the tasks of its PDF", "[office][xlsx][fixtures]") {
    test::TempDir dir;
    int compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(GONGWEN_TEST_SOURCE_FIXTURES) / "texts")) {
        if (test::read_file(entry.path()).find("\n@table") == std::string::npos) continue;
        const std::string name = entry.path().stem().string();
        INFO(name);
        const auto sheet_path = dir / (name + ".xlsx");
        REQUIRE(std::system((std::string(GONGWEN_TEST_OFFICE_TOOL) + " xlsx " + test::quote(entry.path()) + " " + test::quote(sheet_path)).c_str()) == 0);
        const json sheet = extract(sheet_path);
        // The sheet holds the document's first table only: in task_table_continued that is a
        // statistics table (地区 | 2021年事项数 | …), which must give no task.
        if (name == "task_table_continued") {
            CHECK(sheet["tasks"].empty());
            CHECK(sheet["tables"].size() == 1);
            continue;
        }
        // A sheet has no signed date: deadlines without a year (6月10日前, 每季度) cannot be dated, and
        // exact dates are date cells without their 前. Everything else as in the PDF.
        const auto comparable = [](const json& record) {
            json out = json::array();
            for (const auto& task : record["tasks"]) {
                out.push_back({{"seq", task["seq"]}, {"task", task["task"]}, {"units", task["units"]}, {"lead_units", task["lead_units"]},
                               {"section", task["section"]}, {"parent", task["parent"]}, {"kind", task["kind"]}});
            }
            return out;
        };
        CHECK(comparable(sheet) == comparable(extract(kGenerated / (name + ".pdf"))));
        ++compared;
    }
    CHECK(compared >= 14);
}

TEST_CASE("legacy: a LibreOffice that hangs is stopped at timeout_s with its whole process group, one that fails is quoted", "[office][legacy]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    std::filesystem::create_directories(docs);
    std::filesystem::copy_file(kGenerated / "formats_notice.doc", docs / "hangs.doc");
    // A stand-in soffice that starts a child in its group, records both, and waits for ever.
    const auto hanging = dir / "hanging-soffice";
    test::write_file(hanging, "#!/bin/sh\nsleep 300 &\necho $$ $! > '" + (dir / "pids").string() + "'\nwait\n");
    const auto failing = dir / "failing-soffice";
    test::write_file(failing, "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n");
    for (const auto& script : {hanging, failing}) std::filesystem::permissions(script, std::filesystem::perms::owner_all);

    test::write_file(dir / "hang.toml", "[plugins.legacy]\nsoffice = \"" + hanging.string() + "\"\ntimeout_s = 2\n");
    const auto hung = test::run_gongwen("--config " + test::quote(dir / "hang.toml") + " extract " + test::quote(docs / "hangs.doc"));
    CHECK(hung.status != 0);
    CHECK_THAT(hung.err, Catch::Contains("LibreOffice did not convert it within 2 s and was stopped"));
    std::istringstream pids(test::read_file(dir / "pids"));
    pid_t shell = 0, sleeper = 0;
    pids >> shell >> sleeper;
    REQUIRE(shell > 0);
    REQUIRE(sleeper > 0);
    // Gone, or a zombie (killed, waiting for a parent that reaps orphans; not every container's init does).
    const auto ended = [](pid_t pid) {
        const std::string stat = test::read_file("/proc/" + std::to_string(pid) + "/stat");
        const auto close = stat.rfind(')');
        return stat.empty() || (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z');
    };
    // SIGKILL to the group is delivered at once, but an orphan's exit is finished by the kernel
    // on its own time (the fresh-clone CI once looked in between): allow it two seconds.
    const auto ends_within_2s = [&](pid_t pid) {
        for (int tries = 0; tries < 200 && !ended(pid); ++tries) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return ended(pid);
    };
    CHECK(ends_within_2s(shell));
    CHECK(ends_within_2s(sleeper));   // the group went, not only its leader

    test::write_file(dir / "fail.toml", "[plugins.legacy]\nsoffice = \"" + failing.string() + "\"\n");
    const auto failed = test::run_gongwen("--config " + test::quote(dir / "fail.toml") + " extract " + test::quote(docs / "hangs.doc"));
    CHECK(failed.status != 0);
    CHECK_THAT(failed.err, Catch::Contains("LibreOffice could not convert it to docx (exit status 1): Error: source file could not be loaded"));
}

TEST_CASE("docx, xlsx: a part whose bytes do not match its declared encoding is rejected without libxml2 printing", "[office][bad-input]") {
    test::TempDir dir;
    const std::string bad_gb2312 = "<?xml version=\"1.0\" encoding=\"GB2312\"?>";
    const std::string broken = std::string("\xc3\xd7\x32\x22\xff\xff", 6);
    test::write_file(dir / "enc.docx", zip_of({{"[Content_Types].xml", "<Types/>"},
        {"word/document.xml", bad_gb2312 + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" +
                              broken + "</w:t></w:r></w:p></w:body></w:document>"}}));
    test::write_file(dir / "enc.xlsx", zip_of({{"[Content_Types].xml", "<Types/>"},
        {"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>"},
        {"xl/worksheets/sheet1.xml", bad_gb2312 + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
                                     "<c r=\"A1\" t=\"inlineStr\"><is><t>" + broken + "</t></is></c></row></sheetData></worksheet>"}}));
    for (const char* name : {"enc.docx", "enc.xlsx"}) {
        INFO(name);
        const auto result = test::run_gongwen("extract " + test::quote(dir / name));
        CHECK(result.status != 0);
        CHECK_THAT(result.err, Catch::Contains("rejected"));
        CHECK_THAT(result.err, !Catch::Contains("encoding error") && !Catch::Contains("I/O error"));
    }
}

TEST_CASE("docx: hostile tables and numbers are bounded: 600 columns clipped with a warning, 2 million cells refused, huge list starts", "[office][docx][bad-input]") {
    const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const auto docx = [&](const std::string& body, const std::string& numbering = "") {
        std::vector<std::pair<std::string, std::string>> members{
            {"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document " + w + "><w:body>" + body + "</w:body></w:document>"}};
        if (!numbering.empty()) members.push_back({"word/numbering.xml", numbering});
        return zip_of(members);
    };
    std::string wide = "<w:p><w:r><w:t>关于统计表的说明</w:t></w:r></w:p><w:tbl><w:tr>";
    for (int c = 0; c < 600; ++c) wide += "<w:tc><w:p><w:r><w:t>格" + std::to_string(c) + "</w:t></w:r></w:p></w:tc>";
    wide += "</w:tr></w:tbl>";
    const Document clipped = read_with("docx", docx(wide));
    REQUIRE(clipped.tables.size() == 1);
    CHECK(clipped.tables.front().rows.front().size() == 512);
    REQUIRE(clipped.warnings.size() == 1);
    CHECK_THAT(clipped.warnings.front(), Catch::Contains("more than 512 columns"));

    std::string huge = "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"500\"/></w:tcPr><w:p/></w:tc></w:tr>";
    for (int r = 0; r < 4100; ++r) huge += "<w:tr><w:tc><w:p><w:r><w:t>行</w:t></w:r></w:p></w:tc></w:tr>";
    huge += "</w:tbl>";
    CHECK_THROWS_WITH(read_with("docx", docx(huge)), Catch::Contains("a table of more than 2000000 cells"));

    // A list starting near INT_MAX in Roman numerals: numbers stop growing, Roman gives way to digits.
    const std::string numbering = "<w:numbering " + w + "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"2147483646\"/>"
                                  "<w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
                                  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    std::string listed;
    for (int i = 0; i < 3; ++i) listed += "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>条目</w:t></w:r></w:p>";
    const Document numbered = read_with("docx", docx(listed, numbering));
    REQUIRE(numbered.pages.size() == 1);
    REQUIRE(numbered.pages.front().lines.size() == 3);
    CHECK(numbered.pages.front().lines[0].text == "1000000000. 条目");
    CHECK(numbered.pages.front().lines[2].text == "1000000000. 条目");
}
