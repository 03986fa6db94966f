// Tests for the tables enricher: tables rebuilt from the word boxes of rendered PDFs (wrapped
// cells, page breaks, repeated or missing headers), tab-separated text, unit lists and task
// records. Expected task texts are read from the fixture's own @table rows, so every row is
// checked against what was printed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "gongwen/core/pipeline.hpp"
#include "gongwen/text.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/task_reader.hpp"
#include "raw_table.hpp"
#include "table_header.hpp"
#include "table_readers.hpp"
#include "task_builder.hpp"
#include "test_support.hpp"
#include "unit_list.hpp"

using namespace gongwen;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;

Document run_pipeline(const std::filesystem::path& path) { return test::run_table_pipeline(path); }

// The body rows of the last @table block of a fixture text, cells as printed.
std::vector<std::vector<std::string>> fixture_rows(const std::string& name) {
    std::ifstream in(kSource / "texts" / (name + ".txt"));
    std::vector<std::vector<std::string>> rows;
    bool inside = false, header = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("@table")) {
            inside = header = true;
            rows.clear();
        } else if (line == "@end") {
            inside = false;
        } else if (inside && header) {
            header = false;
        } else if (inside) {
            std::vector<std::string> cells;
            std::size_t start = 0;
            for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1) cells.push_back(line.substr(start, bar - start));
            cells.push_back(line.substr(start));
            rows.push_back(cells);
        }
    }
    return rows;
}

// Task text compared ignoring whitespace and the fixture's `\n` hard breaks.
std::string comparable(std::string text) {
    for (std::size_t at; (at = text.find("\\n")) != std::string::npos;) text.erase(at, 2);
    return tables::without_spaces(text);
}

struct Expected {
    int seq;
    std::vector<std::string> units;
    std::vector<std::string> lead_units;
    const char* deadline_text;
    const char* due;   // nullptr: no due date
    const char* kind;
    int page;
};

void check_tasks(const Document& document, const std::string& fixture, std::size_t task_column,
                 const std::vector<Expected>& expected) {
    const auto rows = fixture_rows(fixture);
    REQUIRE(rows.size() == expected.size());
    REQUIRE(document.tasks.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Task& task = document.tasks[i];
        INFO("row " << i + 1 << ": " << task.task);
        CHECK(task.seq == expected[i].seq);
        CHECK(comparable(task.task) == comparable(rows[i][task_column]));
        CHECK(task.units == expected[i].units);
        CHECK(task.lead_units == expected[i].lead_units);
        CHECK(task.deadline_text == expected[i].deadline_text);
        CHECK(task.due == (expected[i].due ? expected[i].due : ""));
        CHECK(task.kind == expected[i].kind);
        CHECK(task.page == expected[i].page);
    }
}

}  // namespace

TEST_CASE("a task table with wrapped cells, a repeated header and a row split by a page break", "[tables]") {
    const Document document = run_pipeline(kGenerated / "task_table.pdf");
    REQUIRE(document.signed_date == "2023-03-15");   // the reference for 每季度 and 每年
    REQUIRE(document.tables.size() == 1);
    CHECK(document.tables[0].header == std::vector<std::string>{"序号", "重点任务", "责任单位", "完成时限"});
    CHECK(document.tables[0].page == 2);
    CHECK(document.tables[0].tasks == 12);
    check_tasks(document, "task_table", 1,
                {{1, {"市市场监管局", "市公安局", "市税务局"}, {"市市场监管局"}, "2023年6月底前", "2023-06-30", "deadline", 2},
                 {2, {"市发展改革委", "区住房（城乡建设）局", "市税务局"}, {}, "2023年12月底前", "2023-12-31", "deadline", 2},
                 {3, {"市财政局", "市发展改革委", "市市场监管局"}, {"市财政局"}, "长期坚持", nullptr, "ongoing", 2},
                 {4, {"市发展改革委"}, {}, "每季度", "2023-03-31", "recurring", 2},
                 {5, {"市自然资源和规划局", "市住房城乡建设局", "国家税务总局苏州市税务局"}, {}, "2023年9月30日前", "2023-09-30", "deadline", 2},
                 {6, {"市水务局", "国网苏州供电公司", "市燃气集团"}, {}, "2023年底前", "2023-12-31", "deadline", 2},
                 {7, {"市政务办"}, {}, "持续推进", nullptr, "ongoing", 2},
                 {8, {"市知识产权局", "市中级人民法院", "市司法局"}, {}, "2024年上半年", "2024-06-30", "deadline", 2},
                 {9, {"市公共资源交易中心"}, {}, "2023年第三季度", "2023-09-30", "deadline", 2},
                 {10, {"市司法局", "各区人民政府"}, {}, "2023年10月底前", "2023-10-31", "deadline", 2},
                 {11, {"市工业和信息化局", "市财政局"}, {}, "2023年11月底前", "2023-11-30", "deadline", 3},
                 {12, {"市工业和信息化局", "市国资委"}, {}, "每年", "2023-12-31", "recurring", 3}});
}

TEST_CASE("a table continued without a header, lead and co-operating columns, and a statistics table", "[tables]") {
    const Document document = run_pipeline(kGenerated / "task_table_continued.pdf");
    REQUIRE(document.signed_date == "2022-02-18");
    REQUIRE(document.tables.size() == 2);
    // The statistics table is kept but gives no tasks.
    CHECK(document.tables[0].header.at(0) == "序号");
    CHECK(document.tables[0].header.at(1) == "地区");
    CHECK(document.tables[0].header.at(2) == "2021年事项数");
    CHECK(document.tables[0].rows.size() == 4);
    CHECK(document.tables[0].tasks == 0);
    CHECK(document.tables[1].tasks == 11);
    const std::vector<std::string> some_cities{"各市（县）", "区人民政府"};
    check_tasks(document, "task_table_continued", 1,
                {{1, {"市大数据管理局", "市公安局", "市市场监管局", "市自然资源和规划局"}, {"市大数据管理局"}, "2022年6月底前", "2022-06-30", "deadline", 2},
                 {2, {"市政务办", "市大数据管理局", "各市（县）", "区人民政府"}, {"市政务办"}, "2022年底前", "2022-12-31", "deadline", 2},
                 {3, {"市城运中心", "市公安局", "市城管局", "市应急管理局"}, {"市城运中心"}, "2023年6月底前", "2023-06-30", "deadline", 2},
                 {4, {"市委网信办", "市大数据管理局", "市公安局"}, {"市委网信办"}, "每年", "2022-12-31", "recurring", 2},
                 {5, {"市大数据管理局", "市政务办", "市各有关部门"}, {"市大数据管理局"}, "2022年9月底前", "2022-09-30", "deadline", 2},
                 {6, {"市大数据管理局", "市各有关部门"}, {"市大数据管理局"}, "2022年第三季度", "2022-09-30", "deadline", 2},
                 {7, {"市政务办", "市各有关部门", "各市（县）", "区人民政府"}, {"市政务办"}, "持续推进", nullptr, "ongoing", 2},
                 {8, {"市委督查办", "市大数据管理局"}, {"市委督查办"}, "2023年3月底前", "2023-03-31", "deadline", 2},
                 {9, {"市委组织部", "市人力资源社会保障局"}, {"市委组织部"}, "每季度", "2022-03-31", "recurring", 2},
                 {10, {"市自然资源和规划局", "市住房公积金管理中心"}, {"市自然资源和规划局"}, "2023年底前", "2023-12-31", "deadline", 3},
                 {11, {"市政务办", "市各有关部门"}, {"市政务办"}, "长期坚持", nullptr, "ongoing", 3}});
}

TEST_CASE("cells centred vertically (HTML-style tables): lines above a row's 序号 belong to it", "[tables]") {
    const Document document = run_pipeline(kGenerated / "task_table_centred.pdf");
    REQUIRE(document.signed_date == "2022-09-06");
    REQUIRE(document.tables.size() == 1);
    check_tasks(document, "task_table_centred", 1,
                {{1, {"市规划资源局"}, {}, "2022年底前", "2022-12-31", "deadline", 1},
                 {2, {"市房产局", "市建委", "各区人民政府"}, {}, "2023年6月底前", "2023-06-30", "deadline", 1},
                 {3, {"市发展改革委"}, {}, "每季度", "2022-09-30", "recurring", 1},
                 {4, {"市规划资源局", "市财政局", "人民银行南京分行"}, {}, "2023年3月底前", "2023-03-31", "deadline", 1},
                 {5, {"市建委"}, {}, "每年", "2022-12-31", "recurring", 1}});
}

TEST_CASE("a real legislative plan: unlabelled category column, 序号 restarting, two units on two lines", "[tables]") {
    const Document document = run_pipeline(kGenerated / "gansu_legislative_plan.pdf");
    REQUIRE(document.tables.size() == 1);
    CHECK(document.tables[0].header == std::vector<std::string>{"", "序号", "项目名称", "责任单位"});
    const auto rows = fixture_rows("gansu_legislative_plan");
    REQUIRE(document.tasks.size() == rows.size());
    REQUIRE(rows.size() == 24);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Task& task = document.tasks[i];
        INFO("row " << i + 1 << ": " << task.task);
        CHECK(std::to_string(task.seq) == tables::without_spaces(rows[i][1]));
        CHECK(comparable(task.task) == comparable(rows[i][2]));
        // The fixture writes two units on two lines as 省税务局\n省财政厅.
        std::vector<std::string> units;
        std::string cell = tables::without_spaces(rows[i][3]);
        for (std::size_t at; (at = cell.find("\\n")) != std::string::npos; cell.erase(0, at + 2)) units.push_back(cell.substr(0, at));
        units.push_back(cell);
        CHECK(task.units == units);
        CHECK(task.lead_units.empty());
        CHECK(task.deadline_text.empty());
        CHECK(task.due.empty());
        CHECK(task.page == (i < 14 ? 2 : 3));
    }
}

TEST_CASE("documents without task tables give no tasks", "[tables]") {
    for (const char* name : {"notice_clauses.pdf", "opinion_pages.pdf", "short_letter.pdf", "govcn-022.pdf", "govcn-045.pdf"}) {
        INFO(name);
        const Document document = run_pipeline(kGenerated / name);
        CHECK(document.tasks.empty());
        CHECK(document.tables.empty());
    }
    // Real gov.cn texts with tab-separated tables: reform measures to promote (序号 | 改革举措 |
    // 主要内容 | 指导部门 | 推广范围) and enrolment statistics. Kept as tables, no tasks.
    for (const char* name : {"govcn-010.txt", "govcn-052.txt"}) {
        INFO(name);
        const Document document = run_pipeline(kSource / "tables" / name);
        CHECK_FALSE(document.tables.empty());
        CHECK(document.tasks.empty());
    }
    const Document reforms = run_pipeline(kSource / "tables" / "govcn-010.txt");
    CHECK(reforms.tables.front().header.at(1) == "改革举措");
    REQUIRE(reforms.tables.size() == 1);   // category rows (一、知识产权保护方面) do not cut it
    CHECK(reforms.tables.front().rows.size() == 22);   // 17 measures (section 四 lists none) and 5 category rows
    CHECK(reforms.tables.front().rows.back().at(0) == "23");
}

TEST_CASE("a tab-separated task table in a text document: same header logic, rows continued across a page", "[tables]") {
    const Document document = run_pipeline(kSource / "tables" / "tsv_task_table.txt");
    REQUIRE(document.signed_date == "2021-05-10");
    REQUIRE(document.tasks.size() == 4);
    CHECK(document.tasks[0].units == std::vector<std::string>{"市民政局", "各辖市", "区人民政府"});
    CHECK(document.tasks[0].lead_units == std::vector<std::string>{"市民政局"});
    CHECK(document.tasks[0].due == "2021-12-31");
    CHECK(document.tasks[1].due == "2022-06-30");
    CHECK(document.tasks[2].task == "开展养老护理员职业技能培训，每年培训不少于2000人次。");
    CHECK(document.tasks[2].lead_units == std::vector<std::string>{"市人力资源社会保障局"});
    CHECK(document.tasks[2].units == std::vector<std::string>{"市人力资源社会保障局", "市民政局"});
    CHECK(document.tasks[2].kind == "recurring");
    CHECK(document.tasks[2].due == "2021-12-31");
    CHECK(document.tasks[3].seq == 4);
    CHECK(document.tasks[3].kind == "ongoing");
    CHECK(document.tasks[3].page == 2);
}

TEST_CASE("header synonyms decide whether a table holds tasks", "[tables]") {
    using tables::ColumnRole;
    CHECK(tables::classify_header("序 号") == ColumnRole::number);
    CHECK(tables::classify_header("主要任务及措施") == ColumnRole::task);
    CHECK(tables::classify_header("牵头单位") == ColumnRole::lead_unit);
    CHECK(tables::classify_header("配合单位") == ColumnRole::unit);
    CHECK(tables::classify_header("责任主体") == ColumnRole::unit);
    CHECK(tables::classify_header("进度安排") == ColumnRole::time);
    // Headers offices also use: a measure column (the task), 负责/协助 units, dates and bare 时限.
    CHECK(tables::classify_header("具体内容") == ColumnRole::task);
    CHECK(tables::classify_header("推进措施") == ColumnRole::task);
    CHECK(tables::classify_header("负责单位") == ColumnRole::unit);
    CHECK(tables::classify_header("协助单位") == ColumnRole::unit);
    CHECK(tables::classify_header("牵头责任单位") == ColumnRole::lead_unit);
    CHECK(tables::classify_header("完成日期") == ColumnRole::time);
    CHECK(tables::classify_header("时限") == ColumnRole::time);
    CHECK(tables::classify_header("计划完成时间") == ColumnRole::time);
    CHECK(tables::classify_header("建设年限") == ColumnRole::time);
    CHECK(tables::is_bare_header("时间"));
    CHECK_FALSE(tables::is_bare_header("完成时间"));
    CHECK(tables::classify_header("2022年事项数") == ColumnRole::other);
    CHECK(tables::classify_header("各地要按照重点任务的要求完成时限内的工作") == ColumnRole::other);
    for (const char* task : {"工作任务", "重点任务", "主要任务", "任务内容", "工作内容"}) {
        for (const char* other : {"责任单位", "牵头单位", "配合单位", "责任部门", "责任主体", "时间进度", "完成时限",
                                  "完成时间", "时间节点", "进度安排"}) {
            tables::RawTable table{{"序号", task, other}, {{{"1", "做好某项工作", "市某局"}, 1}}, 1, 1};
            CHECK(tables::tasks_from_table(table, {}).size() == 1);
        }
    }
    const tables::RawTable statistics{{"序号", "地区", "人数"}, {{{"1", "南京", "100"}, 1}}, 1, 1};
    CHECK(tables::tasks_from_table(statistics, {}).empty());
    // A bare 时间 is a time limit only when its cells say so: a training schedule's clock times are not.
    const tables::RawTable schedule{{"日期", "时间", "主要内容", "主讲人", "地点"},
                                    {{{"9月12日", "9:00—9:30", "开班动员", "市委组织部负责同志", "报告厅"}, 1},
                                     {{"9月12日", "9:40—11:40", "学习贯彻党的二十大精神", "市委党校教授", "报告厅"}, 1}},
                                    1, 1};
    CHECK(tables::tasks_from_table(schedule, {}).empty());
    const tables::RawTable bare{{"序号", "主要内容", "时间"},
                                {{{"1", "完成城市更新专项规划编制。", "2024年6月底前"}, 1}, {{"2", "启动老旧小区改造。", "2024年底前"}, 1}},
                                1, 1};
    CHECK(tables::tasks_from_table(bare, {}).size() == 2);
}

TEST_CASE("columns the header does not name are judged by their cells, and only where tasks are expected", "[tables]") {
    using tables::ColumnRole;
    const tables::TableContext expecting{gongwen::Date{2023, 3, 1}, false, true};
    // A header OCR garbled (医生区 | 机人人 | 寸 | 时问): the cells still show 序号, task, units, deadline.
    const tables::RawTable garbled{{"医生区", "机人人", "寸", "时问"},
                                   {{{"1", "推行企业开办全程网上办理，压缩开办时间。", "市市场监管局、市公安局", "2023年6月底前"}, 1},
                                    {{"2", "建设全市统一的工程建设项目审批管理系统。", "市发展改革委", "2023年12月底前"}, 1},
                                    {{"3", "清理规范涉企收费，建立收费目录清单。", "市财政局", "长期坚持"}, 1}},
                                   1, 1};
    CHECK(tables::column_roles(garbled, expecting) ==
          std::vector<ColumnRole>{ColumnRole::number, ColumnRole::task, ColumnRole::unit, ColumnRole::time});
    const auto tasks = tables::tasks_from_table(garbled, expecting);
    REQUIRE(tasks.size() == 3);
    CHECK(tasks[0].due == "2023-06-30");
    CHECK(tasks[1].units == std::vector<std::string>{"市发展改革委"});
    // The same table in a document that does not speak of tasks gives none.
    CHECK(tables::tasks_from_table(garbled, {gongwen::Date{2023, 3, 1}, false, false}).empty());
    // A list of documents (名称 | 发文单位 | 发布日期) is no task table: bare dates are not time limits.
    const tables::RawTable documents{{"序号", "文件名称", "发文单位", "发布日期"},
                                     {{{"1", "关于进一步优化营商环境的若干措施", "市发展改革委", "2021年3月5日"}, 1},
                                      {{"2", "关于加强城市管理工作的实施意见", "市城市管理局", "2021年6月12日"}, 1}},
                                     1, 1};
    CHECK(tables::tasks_from_table(documents, expecting).empty());
    // A named table learns only what its header left out: 备注 with deadlines becomes its time column.
    const tables::RawTable named{{"序号", "重点任务", "责任单位", "备注"},
                                 {{{"1", "做好某项工作", "市某局", "2023年6月底前"}, 1}, {{"2", "做好另一项工作", "市某局", "年底前"}, 1}},
                                 1, 1};
    CHECK(tables::tasks_from_table(named, {gongwen::Date{2023, 3, 1}, false, false}).at(1).due == "2023-12-31");
}

TEST_CASE("the sentences that make the first unit listed the lead", "[tables]") {
    for (const char* text : {"任务分工中列第一位的为牵头单位，其他为配合单位。", "责任单位（牵头单位列第一位）",
                             "责任单位（第一个单位为牵头单位）", "排在首位的部门为牵头部门", "多个单位的，排名第一的为牵头单位"}) {
        INFO(text);
        CHECK(tables::says_first_unit_leads(text));
    }
    for (const char* text : {"要把安全生产放在第一位，由市应急管理局牵头，各单位配合。", "确定第一批示范创建牵头单位名单。",
                             "由市发展改革委牵头，市直有关单位配合。"}) {
        INFO(text);
        CHECK_FALSE(tables::says_first_unit_leads(text));
    }
}

TEST_CASE("a task's final full stop that OCR read as a Latin character is restored", "[tables]") {
    const tables::RawTable scanned{{"序号", "重点任务", "责任单位", "完成时限"},
                                   {{{"1", "实施城镇老旧小区改造，开工改造小区120个5", "市住建局", "2023年6月底前"}, 1},
                                    {{"2", "发展保障性租赁住房，筹集房源3000套s", "市住建局", "2023年底前"}, 1},
                                    {{"3", "推进公共数据开放，新增开放数据集100个|D", "市数据局", "2023年底前"}, 1},
                                    {{"4", "推进城市更新片区规划编制。", "市规划局", "2023年底前"}, 1},
                                    {{"5", "建设5G基站800个，覆盖主城区。", "市工信局", "2023年底前"}, 1},
                                    {{"6", "推广新能源汽车应用，新增充电桩5G", "市发展改革委", "2023年底前"}, 1},
                                    {{"7", "编制应急预案，择优选用方案B", "市应急局", "2023年底前"}, 1}},
                                   1, 1};
    const auto tasks = tables::tasks_from_table(scanned, {});
    REQUIRE(tasks.size() == 7);
    CHECK(tasks[0].task == "实施城镇老旧小区改造，开工改造小区120个。");
    CHECK(tasks[1].task == "发展保障性租赁住房，筹集房源3000套。");
    CHECK(tasks[2].task == "推进公共数据开放，新增开放数据集100个。");
    CHECK(tasks[3].task == "推进城市更新片区规划编制。");
    CHECK(tasks[5].task == "推广新能源汽车应用，新增充电桩5G");   // two characters: a word, left alone
    CHECK(tasks[6].task == "编制应急预案，择优选用方案B");       // a capital ends a name
    // A table whose tasks end without 。 keeps its endings.
    const tables::RawTable plain{{"序号", "重点任务", "责任单位", "完成时限"},
                                 {{{"1", "编制专项规划", "市规划局", "2023年6月底前"}, 1}, {{"2", "建设充电站A", "市住建局", "2023年底前"}, 1}},
                                 1, 1};
    CHECK(tables::tasks_from_table(plain, {}).at(1).task == "建设充电站A");
}

TEST_CASE("unit cells split outside brackets, wraps are not separators, leads only when marked", "[tables]") {
    auto units = [](const char* cell) { return tables::parse_unit_cell(cell, false); };
    CHECK(units("市发展改革委、区住房（城乡建设）局，市税务局").units ==
          std::vector<std::string>{"市发展改革委", "区住房（城乡建设）局", "市税务局"});
    CHECK(units("市发展改革委、区住房（城乡建设）局，市税务局").lead_units.empty());
    // A long name wrapped in a narrow column (the reader keeps only a line that ended early as a break).
    CHECK(units("区住房（城乡\n建设）局；市财政局").units == std::vector<std::string>{"区住房（城乡建设）局", "市财政局"});
    CHECK(units("市大数据管理局、各市\n（县）、区人民政府").units == std::vector<std::string>{"市大数据管理局", "各市（县）", "区人民政府"});
    CHECK(units("省税务局\n省财政厅").units == std::vector<std::string>{"省税务局", "省财政厅"});
    CHECK(units("各乡（镇、街道）人民政府,市民政局").units == std::vector<std::string>{"各乡（镇、街道）人民政府", "市民政局"});
    const auto marked = units("市教育局（牵头）、市财政局");
    CHECK(marked.units == std::vector<std::string>{"市教育局", "市财政局"});
    CHECK(marked.lead_units == std::vector<std::string>{"市教育局"});
    const auto split_roles = units("市教育局、市科技局牵头，市财政局、市人力资源社会保障局配合");
    CHECK(split_roles.units == std::vector<std::string>{"市教育局", "市科技局", "市财政局", "市人力资源社会保障局"});
    CHECK(split_roles.lead_units == std::vector<std::string>{"市教育局", "市科技局"});
    CHECK(tables::parse_unit_cell("市发展改革委、市财政局", true).lead_units ==
          std::vector<std::string>{"市发展改革委", "市财政局"});
    // A marker wrapped onto its own line belongs to the unit before it, not a unit of its own.
    const auto wrapped_marker = units("市市场监管局\n（牵头）、市公安局");
    CHECK(wrapped_marker.units == std::vector<std::string>{"市市场监管局", "市公安局"});
    CHECK(wrapped_marker.lead_units == std::vector<std::string>{"市市场监管局"});
    const auto spaced_marker = units("市市场监管局 （牵头） 市公安局");
    CHECK(spaced_marker.units == std::vector<std::string>{"市市场监管局", "市公安局"});
    CHECK(spaced_marker.lead_units == std::vector<std::string>{"市市场监管局"});
    // Role labels in the cell (one column for both roles): the label is not a unit, it names the
    // role of the units after it until the next label, across separators and line breaks.
    const auto labelled = units("牵头单位：市住建局；配合单位：市财政局、各区（市）人民政府");
    CHECK(labelled.units == std::vector<std::string>{"市住建局", "市财政局", "各区（市）人民政府"});
    CHECK(labelled.lead_units == std::vector<std::string>{"市住建局"});
    const auto on_lines = units("牵头部门:市应急局、市水利局\n配合部门：市气象局");
    CHECK(on_lines.units == std::vector<std::string>{"市应急局", "市水利局", "市气象局"});
    CHECK(on_lines.lead_units == std::vector<std::string>{"市应急局", "市水利局"});
    CHECK(units("责任单位：市教育局、市卫生健康委").units == std::vector<std::string>{"市教育局", "市卫生健康委"});
    CHECK(units("责任单位：市教育局、市卫生健康委").lead_units.empty());
    CHECK(tables::parse_unit_cell("配合单位：市财政局", true).lead_units.empty());
    CHECK(units("市发展改革委/市工信局").units == std::vector<std::string>{"市发展改革委", "市工信局"});
    // Roles in words after the units: 按职责分工负责, 参与, and 由 before the lead.
    const auto in_words = units("市生态环境局牵头，市住房城乡建设局、市水务局按职责分工负责");
    CHECK(in_words.units == std::vector<std::string>{"市生态环境局", "市住房城乡建设局", "市水务局"});
    CHECK(in_words.lead_units == std::vector<std::string>{"市生态环境局"});
    const auto led_by = units("由市教育局牵头，市人力资源社会保障局参与");
    CHECK(led_by.units == std::vector<std::string>{"市教育局", "市人力资源社会保障局"});
    CHECK(led_by.lead_units == std::vector<std::string>{"市教育局"});
    CHECK(units("市财政局负责").units == std::vector<std::string>{"市财政局"});
    // A line that fills the cell and ends a name before the next line starts one is a break; a
    // long name wrapped after 局 in its middle (…总局 / 东川监管局) is not.
    CHECK(tables::ends_before_another_unit("市文化广电旅游局", "各县（市、区）人民政府"));
    CHECK(tables::ends_before_another_unit("市商务局", "中共青州市委宣传部"));
    CHECK_FALSE(tables::ends_before_another_unit("国家金融监督管理总局", "东川监管局"));
    CHECK_FALSE(tables::ends_before_another_unit("市文化广电旅游", "局"));
    CHECK_FALSE(tables::ends_before_another_unit("市财政局、人民银行", "市中心支行"));
    CHECK_FALSE(tables::ends_before_another_unit("市司法局、市政府", "各部门"));
    CHECK(tables::ends_before_another_unit("市司法局、市政府", "各县（市、区）人民政府"));
    // Stray OCR marks at a name's edge go; quotes the name closes stay.
    CHECK(units("”各街道办事处、市财政局|").units == std::vector<std::string>{"各街道办事处", "市财政局"});
    CHECK(units("“一网通办”工作专班").units == std::vector<std::string>{"“一网通办”工作专班"});
    // ASCII brackets and OCR's 〈〉 become the full-width brackets unit names print.
    CHECK(units("各县〈市、区)人民政府、区住房(城乡建设)局").units ==
          std::vector<std::string>{"各县（市、区）人民政府", "区住房（城乡建设）局"});
}

TEST_CASE("tasks are stored in the index and replaced with their file", "[tables][index]") {
    test::TempDir dir;
    Document document = run_pipeline(kGenerated / "task_table.pdf");
    REQUIRE(document.tasks.size() == 12);
    const std::string path = (kGenerated / "task_table.pdf").string();
    {
        index::IndexWriter writer(dir / "index");
        writer.replace(document, {path, 1, 1, "hash", document.id});
        writer.commit();
    }
    auto tasks = index::TaskReader(dir / "index").all_tasks();
    REQUIRE(tasks.size() == 12);
    std::sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) { return a.task.seq < b.task.seq; });
    CHECK(tasks[1].doc_number == "苏府办〔2023〕15号");
    CHECK(tasks[1].doc_id == document.id);
    CHECK(tasks[1].path == path);
    CHECK(tasks[1].task.task == document.tasks[1].task);
    CHECK(tasks[1].task.units == document.tasks[1].units);
    CHECK(tasks[0].task.lead_units == document.tasks[0].lead_units);
    CHECK(tasks[1].task.due == "2023-12-31");
    CHECK(tasks[2].task.due.empty());
    CHECK(tasks[2].task.kind == "ongoing");
    CHECK(tasks[11].task.page == 3);

    document.tasks.resize(2);   // the file changed: its old tasks go
    {
        index::IndexWriter writer(dir / "index");
        writer.replace(document, {path, 2, 2, "hash2", document.id});
        writer.commit();
    }
    CHECK(index::TaskReader(dir / "index").all_tasks().size() == 2);
    CHECK_THROWS_WITH(index::TaskReader(dir / "missing"), Catch::Contains("no index at"));
}

namespace {

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

}  // namespace

// The same document as "a task table with wrapped cells…", printed and scanned (300 DPI, 0.6°
// askew): the tables plugin reads the OCR's word boxes with the same code. Tesseract drops or
// confuses a few characters (a whole cell line, 集团 read into the next cell), so the checks allow for the
// OCR's character errors; measured on this scan: task text CER 3.5% (11 of 12 rows under 5%),
// 12 of 12 due dates and 序号, 21 of 27 unit names exact.
TEST_CASE("a scanned task table gives the same tasks within the OCR's character errors", "[tables][ocr]") {
    const Document document = run_pipeline(kGenerated / "task_table_scanned.pdf");
    REQUIRE(document.source.ocr_pages == std::vector<int>{1, 2, 3});
    REQUIRE(document.signed_date == "2023-03-15");
    const auto rows = fixture_rows("task_table");
    REQUIRE(document.tasks.size() == rows.size());   // every row, none invented, none from furniture
    const char* const dues[] = {"2023-06-30", "2023-12-31", "", "2023-03-31", "2023-09-30", "2023-12-31",
                                "", "2024-06-30", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"};
    std::size_t errors = 0, characters = 0, close_rows = 0, right_dues = 0, units_found = 0, units_expected = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Task& task = document.tasks[i];
        CHECK(task.seq == static_cast<int>(i + 1));
        const std::u32string expected = to_u32(comparable(rows[i][1])), got = to_u32(comparable(task.task));
        const std::size_t distance = edit_distance(got, expected);
        errors += distance;
        characters += expected.size();
        close_rows += distance * 10 <= expected.size();   // at most 10% wrong
        right_dues += task.due == dues[i];
        std::string cell = rows[i][2];
        for (std::size_t at; (at = cell.find("（牵头）")) != std::string::npos;) cell.erase(at, std::string("（牵头）").size());
        for (const auto& unit : tables::parse_unit_cell(cell, false).units) {
            ++units_expected;
            units_found += std::find(task.units.begin(), task.units.end(), unit) != task.units.end();
        }
    }
    INFO("CER " << errors << "/" << characters << ", close rows " << close_rows << ", dues " << right_dues << ", units "
                << units_found << "/" << units_expected);
    CHECK(errors * 100 <= characters * 6);   // character error rate of the task texts at most 6%
    CHECK(close_rows >= 10);
    CHECK(right_dues >= 10);
    CHECK(units_found * 100 >= units_expected * 65);
    CHECK(document.tasks[0].lead_units == std::vector<std::string>{"市市场监管局"});
}

namespace {

// A word as an extractor reports it: text and box, 12 pt.
Word word_at(const char* text, double x0, double y0, double x1) {
    Word word;
    word.text = text;
    word.box = {x0, y0, x1, y0 + 12};
    word.font_size = 12;
    return word;
}

void add_line(Page& page, std::vector<Word> words) {
    Line line;
    line.box = words.front().box;
    for (const Word& word : words) {
        line.box = {std::min(line.box.x0, word.box.x0), std::min(line.box.y0, word.box.y0), std::max(line.box.x1, word.box.x1),
                    std::max(line.box.y1, word.box.y1)};
        line.text += (line.text.empty() ? "" : " ") + word.text;
    }
    line.words = std::move(words);
    page.lines.push_back(std::move(line));
}

}  // namespace

// Some offices rule a table only between its columns and under its header: the body is one tall
// grid row. The numbers in its first column, one above the other, start the table's rows.
TEST_CASE("a table ruled only between columns: each 序号 in the tall body row starts a row", "[tables][grid]") {
    const double xs[] = {80, 120, 320, 440, 520};
    Page page;
    page.width = 595, page.height = 842;
    for (double x : xs) page.rules.push_back({{x - 0.5, 100, x + 0.5, 330}});
    for (double y : {100.0, 130.0, 330.0}) page.rules.push_back({{80, y - 0.5, 520, y + 0.5}});
    add_line(page, {word_at("序号", 88, 108, 112), word_at("重点任务", 196, 108, 244), word_at("责任单位", 356, 108, 404),
                    word_at("完成时限", 456, 108, 504)});
    add_line(page, {word_at("1", 96, 136, 103), word_at("推进政务服务事项标准化，", 124, 136, 268), word_at("市政务服务数据管理局", 324, 136, 436),
                    word_at("2023年6月底前", 444, 136, 516)});
    add_line(page, {word_at("统一事项名称和编码。", 124, 152, 244)});
    add_line(page, {word_at("2", 96, 176, 103), word_at("建设一体化政务大数据平台。", 124, 176, 280), word_at("市大数据中心", 324, 176, 396),
                    word_at("2023年底前", 444, 176, 504)});
    add_line(page, {word_at("市政府各部门", 324, 192, 396)});
    add_line(page, {word_at("3", 96, 216, 103), word_at("推动高频事项掌上办。", 124, 216, 244), word_at("市公安局", 324, 216, 372),
                    word_at("持续推进", 444, 216, 492)});

    const auto tables = tables::read_grid_tables({page});
    REQUIRE(tables.size() == 1);
    CHECK(tables[0].ruled);
    CHECK(tables[0].header == std::vector<std::string>{"序号", "重点任务", "责任单位", "完成时限"});
    REQUIRE(tables[0].rows.size() == 3);
    const auto tasks = tables::tasks_from_table(tables[0], {gongwen::Date{2023, 3, 1}});
    REQUIRE(tasks.size() == 3);
    CHECK(tasks[0].seq == 1);
    CHECK(tasks[0].task == "推进政务服务事项标准化，统一事项名称和编码。");
    CHECK(tasks[0].due == "2023-06-30");
    CHECK(tasks[1].units == std::vector<std::string>{"市大数据中心", "市政府各部门"});
    CHECK(tasks[1].due == "2023-12-31");
    CHECK(tasks[2].task == "推动高频事项掌上办。");
    CHECK(tasks[2].kind == "ongoing");
}

// ---------------------------------------------------------------------------------------------
// Tables an extractor read from the file's own cells (DOCX, XLSX, HTML): Table::rows + merges.

TEST_CASE("cell tables: a two-row header, a section row and a merged 牵头单位 are read as in a ruled grid", "[tables][cells]") {
    gongwen::Table given;
    given.page = 2;
    given.rows = {
        {"附件：重点任务分工表", "", "", "", ""},                                    // a title row across the table
        {"序号", "重点任务", "责任单位", "", "完成时限"},
        {"", "", "牵头", "配合", ""},
        {"一、优化营商环境", "", "", "", ""},
        {"1", "推行企业开办一网通办", "市市场监管局", "市政务办\n市税务局", "2023年6月底前"},
        {"2", "压减工程建设项目审批时间", "", "市住建局", "2023年年底前"},
        {"二、加强要素保障", "", "", "", ""},
        {"3", "建立用地保障机制", "市自然资源局", "", "长期坚持"},
    };
    given.merges = {
        {0, 0, 1, 5},   // title
        {1, 0, 2, 1},   // 序号 over two header rows
        {1, 1, 2, 1},   // 重点任务
        {1, 2, 1, 2},   // 责任单位 over 牵头 | 配合
        {1, 4, 2, 1},   // 完成时限
        {3, 0, 1, 5},   // section row
        {4, 2, 2, 1},   // 市市场监管局 leads rows 1 and 2
        {6, 0, 1, 5},   // section row
    };
    given.regions = {{2, {10, 20, 500, 300}}};
    const auto read = tables::read_cell_tables({given});
    REQUIRE(read.size() == 1);
    const tables::RawTable& table = read.front();
    CHECK(table.header == std::vector<std::string>{"序号", "重点任务", "牵头单位", "配合单位", "完成时限"});
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[0].section == "一、优化营商环境");
    CHECK(table.rows[1].cells[2] == "市市场监管局");   // the merged cell gives its text to both rows
    CHECK(table.rows[1].spanned[2]);
    CHECK(table.rows[2].section == "二、加强要素保障");
    CHECK(table.first_page == 2);
    REQUIRE(table.regions.size() == 1);
    CHECK(table.regions.front().box.x1 == 500);   // the extractor's box, not grid units

    const auto tasks = tables::tasks_from_table(table, {gongwen::Date{2023, 3, 1}, false, true});
    REQUIRE(tasks.size() == 3);
    CHECK(tasks[0].lead_units == std::vector<std::string>{"市市场监管局"});
    CHECK(tasks[0].units == std::vector<std::string>{"市市场监管局", "市政务办", "市税务局"});
    CHECK(tasks[0].due == "2023-06-30");
    CHECK(tasks[1].lead_units == std::vector<std::string>{"市市场监管局"});
    CHECK(tasks[1].due == "2023-12-31");
    CHECK(tasks[2].section == "二、加强要素保障");
    CHECK(tasks[2].kind == "ongoing");
}

TEST_CASE("cell tables: merges that leave the table or overlap are ignored, one-column tables dropped", "[tables][cells]") {
    gongwen::Table hostile;
    hostile.rows = {{"序号", "工作任务", "责任单位"}, {"1", "开展专项检查", "市应急局"}};
    hostile.merges = {{0, 0, 5, 1}, {0, 1, 1, 9}, {-1, 0, 1, 1}, {1, 2, 1, 1}, {1, 2, 1, 1}};   // the last overlaps the one before
    const auto read = tables::read_cell_tables({hostile});
    REQUIRE(read.size() == 1);
    CHECK(read.front().rows.at(0).cells == std::vector<std::string>{"1", "开展专项检查", "市应急局"});

    gongwen::Table boxed;
    boxed.rows = {{"注：本表由市政府办公室负责解释。"}, {"联系电话：12345"}};
    CHECK(tables::read_cell_tables({boxed}).empty());
}
