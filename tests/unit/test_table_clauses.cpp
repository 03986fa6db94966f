// Tests for the clauses of documents with located tables: the body outside the table regions, one
// clause per task row, deadlines moved to the task that holds them; and, end to end, a search for
// a phrase of a task row of a ruled table lands on that row with a snippet from that row only.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "gongwen/core/clause_splitter.hpp"
#include "gongwen/core/table_clauses.hpp"
#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;
using json = nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
constexpr double kFont = 16;

// A line of words set apart by spaces, each word as wide as its characters, starting at x0.
Line line_at(const std::string& text, double x0, double y) {
    Line line;
    line.text = text;
    double x = x0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        Word word;
        word.text = text.substr(start, end - start);
        word.font_size = kFont;
        word.space_after = end < text.size();
        const double width = static_cast<double>(to_u32(word.text).size()) * kFont;
        word.box = {x, y, x + width, y + kFont};
        x += width + kFont;
        if (!word.text.empty()) line.words.push_back(word);
        start = end + 1;
    }
    line.box = {x0, y, x - kFont, y + kFont};
    return line;
}

Page page_of(int number, std::vector<Line> lines) {
    Page page;
    page.number = number;
    page.width = 595, page.height = 842;
    page.lines = std::move(lines);
    return page;
}

// A notice whose page 2 holds a task table at y 200..400, x 80..520: two task rows whose cells
// interleave line by line, a caption line beside the table joined to a table line, and a note below.
Document notice_with_table() {
    Document document;
    document.pages.push_back(page_of(1, {line_at("一、各责任单位要对照分工表，细化工作举措。", 80, 100),
                                         line_at("二、市发展改革委每季度汇总进展。", 80, 130)}));
    document.pages.push_back(page_of(2, {line_at("附件", 80, 100),
                                         line_at("营商环境重点任务分工表", 150, 150),
                                         line_at("序号 重点任务 责任单位 完成时限", 90, 210),
                                         line_at("1 推行企业开办全程 市市场监管局 2023年6", 90, 240),
                                         line_at("网上办理。 月底前", 110, 260),
                                         line_at("2 防止拖欠中小 市国资委 每年", 90, 300),
                                         line_at("企业账款。", 110, 320),
                                         // a caption beside the table, joined to a table line (below)
                                         line_at("续表", 10, 360),
                                         line_at("注：表中时限为最迟完成时间。", 80, 440)}));
    // The caption's word lies left of the region (x < 80), the table line's words inside.
    Line& joined = document.pages[1].lines[7];
    const Line row = line_at("3 完善制度 市政务办", 100, 360);
    joined.words.insert(joined.words.end(), row.words.begin(), row.words.end());
    joined.words.front().space_after = true;
    joined.text += " " + row.text;
    joined.box.x1 = row.box.x1;
    document.paragraphs = core::build_paragraphs(document.pages);
    document.clauses = core::split_clauses(document.paragraphs);

    Table table;
    table.page = 2;
    table.header = {"序号", "重点任务", "责任单位", "完成时限"};
    table.tasks = 2;
    table.ruled = true;
    table.regions = {{2, {80, 200, 520, 400}}};
    document.tables.push_back(table);
    Task first;
    first.seq = 1;
    first.task = "推行企业开办全程网上办理。";
    first.units = {"市市场监管局"};
    first.deadline_text = "2023年6月底前";
    first.due = "2023-06-30";
    first.page = 2;
    Task second;
    second.seq = 2;
    second.task = "防止拖欠中小企业账款。";
    second.units = {"市工业和信息化局", "市国资委"};
    second.deadline_text = "每年";
    second.page = 2;
    document.tasks = {first, second};
    // As the fields enricher read it from the interleaved table text.
    document.deadlines.push_back({"2023年6", "", "date", 2, "附件"});
    document.deadlines.push_back({"每季度", "", "recurring", 1, "二、"});
    return document;
}

std::string all_text(const std::vector<Clause>& clauses) {
    std::string text;
    for (const auto& clause : clauses) text += clause.text + "\n";
    return text;
}

// A snippet without the … that marks a cut at either end.
std::string without_ellipses(std::string snippet) {
    const std::string ellipsis = "…";
    if (snippet.starts_with(ellipsis)) snippet.erase(0, ellipsis.size());
    if (snippet.ends_with(ellipsis)) snippet.erase(snippet.size() - ellipsis.size());
    return snippet;
}

const Clause* clause_at(const std::vector<Clause>& clauses, const std::string& path) {
    for (const auto& clause : clauses) {
        if (clause.path == path) return &clause;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("text inside a table region leaves the body clauses; each task row becomes a clause", "[tables][clauses]") {
    Document document = notice_with_table();
    const std::vector<Paragraph> paragraphs = document.paragraphs;
    REQUIRE_THAT(all_text(document.clauses), Catch::Contains("推行企业开办全程"));   // interleaved before
    core::separate_table_clauses(document);

    const std::string body = all_text(std::vector<Clause>(document.clauses.begin(), document.clauses.end() - 2));
    for (const char* inside : {"序号", "推行企业开办全程", "市市场监管局", "2023年6", "月底前", "防止拖欠", "企业账款", "每年", "完善制度", "市政务办"}) {
        CHECK_THAT(body, !Catch::Contains(inside));
    }
    for (const char* outside : {"各责任单位要对照分工表", "市发展改革委每季度汇总进展", "营商环境重点任务分工表", "续表",
                                "注：表中时限为最迟完成时间。"}) {
        CHECK_THAT(body, Catch::Contains(outside));
    }
    REQUIRE(document.clauses.size() >= 2);
    const Clause& first = document.clauses[document.clauses.size() - 2];
    const Clause& second = document.clauses.back();
    CHECK(first.path == "附件 第1项");
    CHECK(first.text == "推行企业开办全程网上办理。　责任单位：市市场监管局　完成时限：2023年6月底前");
    CHECK(first.heading == "推行企业开办全程网上办理");
    CHECK(first.page == 2);
    CHECK(first.level == 1);
    CHECK(second.path == "附件 第2项");
    CHECK(second.text == "防止拖欠中小企业账款。　责任单位：市工业和信息化局、市国资委　完成时限：每年");

    // The body's own clauses keep their paths; the paragraphs (fields' provenance) are untouched.
    CHECK(clause_at(document.clauses, "一、") != nullptr);
    CHECK(clause_at(document.clauses, "二、") != nullptr);
    CHECK(clause_at(document.clauses, "附件") != nullptr);
    REQUIRE(document.paragraphs.size() == paragraphs.size());
    for (std::size_t i = 0; i < paragraphs.size(); ++i) CHECK(document.paragraphs[i].text == paragraphs[i].text);

    // Lines on either side of the table never join into one paragraph; the caption stands alone.
    const auto outside = core::paragraphs_outside_tables(document);
    const auto has_paragraph = [&](const std::string& text) {
        return std::any_of(outside.begin(), outside.end(), [&](const Paragraph& p) { return p.text == text; });
    };
    CHECK(has_paragraph("营商环境重点任务分工表"));
    CHECK(has_paragraph("续表"));
    CHECK(has_paragraph("注：表中时限为最迟完成时间。"));

    // A date read from the table text now points at its task's clause; one in the body stays put.
    CHECK(document.deadlines[0].clause == "附件 第1项");
    CHECK(document.deadlines[1].clause == "二、");
}

TEST_CASE("a document without table regions keeps its clauses", "[tables][clauses]") {
    Document document = notice_with_table();
    document.tables[0].regions.clear();   // a text table: nothing located
    const auto before = document.clauses;
    const auto deadlines = document.deadlines;
    core::separate_table_clauses(document);
    REQUIRE(document.clauses.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        CHECK(document.clauses[i].path == before[i].path);
        CHECK(document.clauses[i].text == before[i].text);
    }
    CHECK(document.deadlines[0].clause == deadlines[0].clause);
}

TEST_CASE("task clause paths stay unique: sections restarting 序号, a numbered attachment, two tables", "[tables][clauses]") {
    Document document = notice_with_table();
    document.pages[1].lines[0] = line_at("附件2", 80, 100);
    Task task;
    task.page = 2;
    task.task = "任务";
    task.units = {"市政务办"};
    std::vector<Task> tasks;
    for (const char* section : {"一、优化营商环境", "二、强化要素保障"}) {
        for (int seq = 1; seq <= 2; ++seq) {
            task.seq = seq;
            task.section = section;
            tasks.push_back(task);
        }
    }
    document.tasks = tasks;
    document.tables[0].tasks = 4;
    // A second located table in the same attachment, a borderless one on page 2 as well.
    Table other = document.tables[0];
    other.tasks = 1;
    other.regions = {{2, {80, 420, 520, 430}}};
    document.tables.push_back(other);
    task.seq = 1;
    task.section.clear();
    document.tasks.push_back(task);

    core::separate_table_clauses(document);
    std::vector<std::string> paths;
    for (const auto& clause : document.clauses) {
        if (clause.level == 1 && clause.path.starts_with("附件")) paths.push_back(clause.path);
    }
    CHECK(paths == std::vector<std::string>{"附件2 表1 一、第1项", "附件2 表1 一、第2项", "附件2 表1 二、第1项", "附件2 表1 二、第2项",
                                            "附件2 表2 第1项"});
    CHECK_THAT(document.clauses[document.clauses.size() - 2].text, Catch::EndsWith("　所属：二、强化要素保障"));
}

TEST_CASE("the rows of a located table without tasks become clauses; a line no table read stays body text", "[tables][clauses]") {
    Document document = notice_with_table();
    document.tasks.clear();
    document.tables[0].tasks = 0;   // not a task table, say
    document.tables[0].rows = {{"1", "推行企业开办全程\n网上办理。", "市市场监管局", "2023年6月底前"}, {"2", "防止拖欠中小企业账款。", "", ""}};
    document.tables[0].header[2] = "";
    // A section row across the whole table: the reader keeps it in no row.
    document.pages[1].lines.push_back(line_at("一、知识产权保护方面（共5项）", 90, 380));
    core::separate_table_clauses(document);
    REQUIRE(document.clauses.size() >= 2);
    CHECK(document.clauses[document.clauses.size() - 2].path == "附件 第1行");
    CHECK(document.clauses[document.clauses.size() - 2].text == "序号：1　重点任务：推行企业开办全程网上办理。　市市场监管局　完成时限：2023年6月底前");
    CHECK(document.clauses.back().path == "附件 第2行");
    CHECK(document.clauses.back().text == "序号：2　重点任务：防止拖欠中小企业账款。");
    const std::string body = all_text(std::vector<Clause>(document.clauses.begin(), document.clauses.end() - 2));
    CHECK_THAT(body, !Catch::Contains("推行企业开办全程") && !Catch::Contains("月底前"));
    const Clause* section = clause_at(document.clauses, "附件 一、");
    REQUIRE(section != nullptr);
    CHECK(section->text == "一、知识产权保护方面（共5项）");
}

TEST_CASE("a search for a phrase of a task row of a ruled table shows that row's clause and words only", "[tables][clauses][e2e]") {
    const auto pdf = kGenerated / "task_table.pdf";
    const auto extracted = test::run_gongwen("extract --json " + test::quote(pdf));
    REQUIRE(extracted.status == 0);
    const json record = json::parse(extracted.out);
    REQUIRE(record["tables"].size() == 1);
    INFO("the tables reader must locate the ruled table (Table::regions) for its text to leave the body");
    REQUIRE_FALSE(record["tables"][0]["regions"].empty());
    std::string row_text;
    for (const auto& clause : record["clauses"]) {
        if (clause["path"] == "附件 第12项") row_text = clause["text"].get<std::string>();
    }
    REQUIRE(row_text.find("落实中小企业款项支付规定，防止拖欠中小企业账款。") == 0);
    CHECK_THAT(row_text, Catch::Contains("市工业和信息化局、市国资委") && Catch::Contains("每年"));

    test::TempDir dir;
    const auto index = dir / "index";
    const auto ingested = test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(pdf));
    INFO("ingest stderr: " << ingested.err);
    REQUIRE(ingested.status == 0);
    const auto searched = test::run_gongwen("search --json --index " + test::quote(index) + " 防止拖欠中小企业账款");
    REQUIRE(searched.status == 0);
    const json found = json::parse(searched.out);
    REQUIRE(found["results"].size() == 1);
    const json& best = found["results"][0]["clauses"][0];
    CHECK(best["clause_path"] == "附件 第12项");
    CHECK(best["page"] == 3);
    const std::string snippet = without_ellipses(best["snippet_text"].get<std::string>());
    INFO("snippet: " << snippet);
    CHECK_THAT(snippet, Catch::Contains("防止拖欠中小企业账款"));
    CHECK_THAT(row_text, Catch::Contains(snippet));   // no word of a neighbouring row or column
    // The marked snippet is the same text with marks around the hits.
    std::string marked = best["snippet"].get<std::string>();
    for (const std::string mark : {"<mark>", "</mark>"}) {
        for (std::size_t at; (at = marked.find(mark)) != std::string::npos;) marked.erase(at, mark.size());
    }
    CHECK(without_ellipses(marked) == snippet);
}
