// End-to-end tests of `gongwen deadlines` on an ingested corpus of task-table fixtures (three
// rendered PDFs, a tab-separated text, a letter without tasks): every flag and every format. The
// iCalendar output is read back with libical, a real RFC 5545 parser.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "deadline_formats.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;
// 12 + 11 + 24 + 4 tasks.
constexpr std::size_t kAllTasks = 51;

// One ingested corpus for the whole file: ingesting is the slow part.
const std::filesystem::path& corpus_index() {
    static test::TempDir dir;
    static const std::filesystem::path index = [] {
        const auto docs = dir / "docs";
        std::filesystem::create_directories(docs);
        for (const char* name : {"task_table.pdf", "task_table_continued.pdf", "gansu_legislative_plan.pdf", "short_letter.pdf"}) {
            std::filesystem::copy_file(kGenerated / name, docs / name);
        }
        std::filesystem::copy_file(kSource / "tables" / "tsv_task_table.txt", docs / "tsv_task_table.txt");
        const auto result = test::run_gongwen("ingest --index " + test::quote(dir / "index") + " " + test::quote(docs));
        INFO(result.err);
        REQUIRE(result.status == 0);
        return dir / "index";
    }();
    return index;
}

test::CommandResult deadlines(const std::string& flags, const std::string& environment = "") {
    return test::run_gongwen("deadlines --index " + test::quote(corpus_index()) + " --today 2023-06-20 " + flags, environment);
}

json deadlines_json(const std::string& flags) {
    const auto result = deadlines("--format json " + flags);
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

std::vector<std::string> keys_of(const json& task) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : task.items()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

// "doc_number seq" of each task, to compare selections.
std::set<std::string> ids(const json& tasks) {
    std::set<std::string> out;
    for (const auto& task : tasks) out.insert(task["doc_number"].get<std::string>() + " " + std::to_string(task["seq"].get<int>()));
    return out;
}

// A CSV parser for the quoted cells Excel writes: "" inside quotes is a quote.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
            else if (c == '"') quoted = false;
            else rows.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            rows.emplace_back(1);
        } else {
            rows.back().back() += c;   // anything unquoted outside a separator makes the test fail below
        }
    }
    if (rows.back().size() == 1 && rows.back().front().empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("deadlines --format json: every task, by due date, with status relative to --today", "[e2e][deadlines]") {
    const json out = deadlines_json("");
    const json& tasks = out.at("tasks");
    REQUIRE(tasks.size() == kAllTasks);
    const std::vector<std::string> contract{"deadline_text", "doc_id", "doc_number", "done_on", "due", "kind", "lead_units", "note",
                                            "section", "seq", "state", "status", "task", "task_id", "title", "units"};
    for (const auto& task : tasks) {
        CHECK(keys_of(task) == contract);
        // No state recorded for this index: every task is open, with its id for `gongwen task`.
        CHECK(task["state"] == "open");
        CHECK(task["done_on"].is_null());
        CHECK(task["note"].is_null());
        CHECK(task["task_id"].get<std::string>().size() == 12);
    }
    // Sorted by due date; tasks without one come last.
    std::string previous;
    bool undated = false;
    for (const auto& task : tasks) {
        if (task["due"].is_null()) {
            undated = true;
            continue;
        }
        CHECK_FALSE(undated);
        CHECK(task["due"].get<std::string>() >= previous);
        previous = task["due"].get<std::string>();
    }
    auto find = [&](const std::string& number, int seq) {
        for (const auto& task : tasks) {
            if (task["doc_number"] == number && task["seq"] == seq) return task;
        }
        FAIL("no task " << number << " " << seq);
        return json();
    };
    CHECK(find("常政办发〔2021〕30号", 1)["status"] == "overdue");
    CHECK(find("苏府办〔2023〕15号", 1)["status"] == "due_soon");   // 2023-06-30, 10 days ahead
    CHECK(find("苏府办〔2023〕15号", 1)["lead_units"] == json::array({"市市场监管局"}));
    CHECK(find("苏府办〔2023〕15号", 2)["status"] == "open");
    CHECK(find("苏府办〔2023〕15号", 2)["units"] == json::array({"市发展改革委", "区住房（城乡建设）局", "市税务局"}));
    CHECK(find("苏府办〔2023〕15号", 3)["status"] == "ongoing");
    CHECK(find("苏府办〔2023〕15号", 3)["due"].is_null());
    // 每季度 from a 2023-03-15 document: on 2023-06-20 the next quarter end is due, not overdue.
    CHECK(find("苏府办〔2023〕15号", 4)["due"] == "2023-06-30");
    CHECK(find("苏府办〔2023〕15号", 4)["kind"] == "recurring");
    CHECK(find("甘政办发〔2020〕25号", 1)["status"] == "open");
    CHECK(find("甘政办发〔2020〕25号", 1)["due"].is_null());
    CHECK(find("苏府办〔2023〕15号", 1)["doc_id"].get<std::string>().size() == 16);
}

TEST_CASE("deadlines --unit matches through the alias table and anywhere in the unit list", "[e2e][deadlines]") {
    const json short_name = deadlines_json("--unit 市发改委")["tasks"];
    CHECK(ids(short_name) == std::set<std::string>{"苏府办〔2023〕15号 2", "苏府办〔2023〕15号 3", "苏府办〔2023〕15号 4"});
    CHECK(ids(deadlines_json("--unit 市发展和改革委员会")["tasks"]) == ids(short_name));
    CHECK(ids(deadlines_json("--unit 市发展改革委")["tasks"]) == ids(short_name));
    // Anywhere in the list: 市发展改革委 is the second unit of task 3.
    CHECK(ids(deadlines_json("--unit 区人民政府")["tasks"]) ==
          std::set<std::string>{"苏府办〔2023〕15号 10", "锡政发〔2022〕8号 2", "锡政发〔2022〕8号 7", "常政办发〔2021〕30号 1"});
    CHECK(deadlines_json("--unit 省司法厅")["tasks"].size() == 7);
    CHECK(deadlines_json("--unit 市无此局")["tasks"].empty());

    // The alias table is the config's ([search] aliases, shared with search): a group added there
    // works at once. 市监局 is 市市场监管局 here.
    test::TempDir dir;
    test::write_file(dir / "my-aliases.toml", "groups = [[\"市监局\", \"市市场监管局\", \"市市场监督管理局\"]]\n");
    test::write_file(dir / "gongwen.toml", "[search]\naliases = \"my-aliases.toml\"\n");
    const auto result = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " deadlines --format json --index " +
                                          test::quote(corpus_index()) + " --today 2023-06-20 --unit 市监局");
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(ids(json::parse(result.out)["tasks"]) ==
          std::set<std::string>{"苏府办〔2023〕15号 1", "苏府办〔2023〕15号 3", "锡政发〔2022〕8号 1"});
    // A broken alias file is an error naming it.
    test::write_file(dir / "broken.toml", "groups = [[\"市监局\"]]\n");
    test::write_file(dir / "broken-config.toml", "[search]\naliases = \"broken.toml\"\n");
    const auto broken = test::run_gongwen("--config " + test::quote(dir / "broken-config.toml") + " deadlines --index " +
                                          test::quote(corpus_index()) + " --unit 市监局");
    CHECK(broken.status == 1);
    CHECK(broken.err.find("broken.toml") != std::string::npos);
}

TEST_CASE("deadlines --unit uses the groups of aliases.toml, the table search uses, a new group needs no rebuild", "[e2e][deadlines]") {
    // A copy of the shipped config folder: gongwen.toml finds the aliases.toml next to it.
    test::TempDir dir;
    const std::filesystem::path shipped = std::filesystem::path(GONGWEN_TEST_CONFIG).parent_path();
    std::filesystem::copy_file(shipped / "gongwen.toml", dir / "gongwen.toml");
    std::filesystem::copy_file(shipped / "aliases.toml", dir / "aliases.toml");
    const auto unit_ids = [&](const std::string& unit) {
        const auto result = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " deadlines --format json --index " +
                                              test::quote(corpus_index()) + " --today 2023-06-20 --unit " + unit);
        INFO(result.err);
        REQUIRE(result.status == 0);
        return ids(json::parse(result.out)["tasks"]);
    };
    const std::set<std::string> ndrc{"苏府办〔2023〕15号 2", "苏府办〔2023〕15号 3", "苏府办〔2023〕15号 4"};
    CHECK(unit_ids("市发改委") == ndrc);
    CHECK(unit_ids("市发展和改革委员会") == ndrc);

    // 市数据局 is no name of 市大数据管理局 yet; staff add the group to aliases.toml and ask again.
    CHECK(unit_ids("市数据局").empty());
    std::ofstream(dir / "aliases.toml", std::ios::app) << "groups += []\n";
    {
        const auto broken = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " deadlines --index " +
                                              test::quote(corpus_index()) + " --unit 市数据局");
        CHECK(broken.status == 1);
        CHECK_THAT(broken.err, Catch::Contains((dir / "aliases.toml").string() + ":"));
    }
    std::filesystem::copy_file(shipped / "aliases.toml", dir / "aliases.toml", std::filesystem::copy_options::overwrite_existing);
    std::string text = test::read_file(dir / "aliases.toml");
    text.insert(text.rfind(']'), "  [\"数据局\", \"大数据管理局\"],\n");
    test::write_file(dir / "aliases.toml", text);
    const auto data_bureau = unit_ids("市数据局");
    CHECK(data_bureau == unit_ids("市大数据管理局"));
    CHECK(data_bureau.size() >= 4);
}

TEST_CASE("deadlines --overdue and --from/--to select by due date", "[e2e][deadlines]") {
    const json overdue = deadlines_json("--overdue")["tasks"];
    CHECK(ids(overdue) == std::set<std::string>{"常政办发〔2021〕30号 1", "常政办发〔2021〕30号 2", "锡政发〔2022〕8号 1",
                                                "锡政发〔2022〕8号 2", "锡政发〔2022〕8号 5", "锡政发〔2022〕8号 6",
                                                "锡政发〔2022〕8号 8"});
    for (const auto& task : overdue) CHECK(task["status"] == "overdue");
    // Later, more is overdue; recurring work never is.
    const auto later = test::run_gongwen("deadlines --format json --overdue --index " + test::quote(corpus_index()) + " --today 2024-01-15");
    REQUIRE(later.status == 0);
    // Parsed once and kept: a range-for over a member of a temporary reads freed memory.
    const json later_tasks = json::parse(later.out)["tasks"];
    for (const auto& task : later_tasks) CHECK(task["kind"] == "deadline");
    CHECK(later_tasks.size() == 16);   // 7 + 7 + 2 dated deadlines before 2024-01-15

    const json window = deadlines_json("--from 2023-09-01 --to 2023-10-31")["tasks"];
    CHECK(ids(window) == std::set<std::string>{"苏府办〔2023〕15号 5", "苏府办〔2023〕15号 9", "苏府办〔2023〕15号 10"});
    const json from_only = deadlines_json("--from 2024-01-01")["tasks"];
    CHECK(ids(from_only) == std::set<std::string>{"苏府办〔2023〕15号 8"});
    CHECK(ids(deadlines_json("--to 2021-12-31")["tasks"]) == std::set<std::string>{"常政办发〔2021〕30号 1"});
    CHECK(ids(deadlines_json("--unit 市大数据管理局 --overdue --from 2022-09-01")["tasks"]) ==
          std::set<std::string>{"锡政发〔2022〕8号 2", "锡政发〔2022〕8号 5", "锡政发〔2022〕8号 6", "锡政发〔2022〕8号 8"});
}

TEST_CASE("deadlines --format csv: UTF-8 with BOM, quoted cells, CRLF, the same rows as JSON", "[e2e][deadlines]") {
    const auto result = deadlines("--format csv --unit 市发改委", "LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8");
    REQUIRE(result.status == 0);
    REQUIRE(result.out.starts_with("\xEF\xBB\xBF\"doc_number\","));
    const auto rows = parse_csv(result.out.substr(3));
    const json tasks = deadlines_json("--unit 市发改委")["tasks"];
    REQUIRE(rows.size() == tasks.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"doc_number", "title", "seq", "task", "units", "lead_units", "deadline_text",
                                              "due", "kind", "status", "section", "task_id", "state", "done_on", "note"});
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        REQUIRE(rows[i + 1].size() == 15);
        CHECK(rows[i + 1][11] == tasks[i]["task_id"]);
        CHECK(rows[i + 1][12] == "open");
        CHECK(rows[i + 1][0] == tasks[i]["doc_number"]);
        CHECK(rows[i + 1][3] == tasks[i]["task"]);
        CHECK(rows[i + 1][7] == (tasks[i]["due"].is_null() ? "" : tasks[i]["due"].get<std::string>()));
        CHECK(rows[i + 1][9] == tasks[i]["status"]);
    }
    CHECK(rows[2][4] == "市发展改革委、区住房（城乡建设）局、市税务局");
    // Every cell is quoted: no line has an unquoted character.
    std::size_t quotes = std::count(result.out.begin(), result.out.end(), '"');
    CHECK(quotes >= 2 * 10 * rows.size());
}

TEST_CASE("deadlines --format csv --headers zh: the header row staff read in Excel, the same rows", "[e2e][deadlines]") {
    const auto english = deadlines("--format csv --headers en --unit 市发改委");
    const auto chinese = deadlines("--format csv --headers zh --unit 市发改委");
    REQUIRE(english.status == 0);
    REQUIRE(chinese.status == 0);
    const auto en_rows = parse_csv(english.out.substr(3));
    const auto zh_rows = parse_csv(chinese.out.substr(3));
    REQUIRE(zh_rows.size() == en_rows.size());
    CHECK(zh_rows[0] == std::vector<std::string>{"文号", "文件标题", "序号", "任务", "责任单位", "牵头单位", "完成时限", "截止日期",
                                                 "类型", "状态", "分类", "任务编号", "办理状态", "完成日期", "备注"});
    CHECK(std::equal(zh_rows.begin() + 1, zh_rows.end(), en_rows.begin() + 1));
    // Without --headers, the locale decides.
    CHECK(deadlines("--format csv --unit 市发改委", "LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8").out == chinese.out);
    CHECK(deadlines("--format csv --unit 市发改委", "LC_ALL=C.UTF-8").out == english.out);
    const auto wrong = deadlines("--format csv --headers fr");
    CHECK(wrong.status != 0);
    CHECK(wrong.err.find("--headers") != std::string::npos);
}

TEST_CASE("deadlines --format ics: all-day events with a reminder the day before, recurring tasks repeat", "[e2e][deadlines]") {
    const json tasks = deadlines_json("")["tasks"];
    std::multiset<std::string> expected_days;
    std::size_t recurring = 0;
    for (const auto& task : tasks) {
        if (task["due"].is_null()) continue;
        expected_days.insert(task["due"].get<std::string>());
        recurring += task["kind"] == "recurring";
    }
    REQUIRE(recurring > 0);
    const auto result = deadlines("--format ics");
    REQUIRE(result.status == 0);
    icalcomponent* calendar = icalparser_parse_string(result.out.c_str());
    REQUIRE(calendar != nullptr);
    CHECK(icalrestriction_check(calendar) == 1);
    CHECK(icalcomponent_count_errors(calendar) == 0);
    CHECK(icalcomponent_count_components(calendar, ICAL_VTODO_COMPONENT) == 0);
    std::multiset<std::string> days;
    std::size_t repeating = 0;
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        const icaltimetype start = icalcomponent_get_dtstart(event);
        const icaltimetype end = icalcomponent_get_dtend(event);
        CHECK(start.is_date == 1);
        CHECK(icaltime_as_timet(end) - icaltime_as_timet(start) == 24 * 3600);   // one whole day
        char day[11];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", start.year, start.month, start.day);
        days.insert(day);
        icalcomponent* alarm = icalcomponent_get_first_component(event, ICAL_VALARM_COMPONENT);
        REQUIRE(alarm != nullptr);
        const icaltriggertype trigger = icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
        CHECK(icaldurationtype_as_int(trigger.duration) == -15 * 3600);   // 09:00 the day before
        if (icalproperty* rule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY)) {
            ++repeating;
            const icalrecurrencetype recurrence = icalproperty_get_rrule(rule);
            CHECK((recurrence.freq == ICAL_MONTHLY_RECURRENCE || recurrence.freq == ICAL_YEARLY_RECURRENCE));
        }
    }
    CHECK(days == expected_days);
    CHECK(repeating == recurring);
    icalcomponent_free(calendar);

    // --alarm-days 3: 09:00 three days before; 0: no reminder.
    const auto three = deadlines("--format ics --alarm-days 3");
    REQUIRE(three.status == 0);
    CHECK(three.out.find("TRIGGER:-PT63H") != std::string::npos);
    const auto silent = deadlines("--format ics --alarm-days 0");
    REQUIRE(silent.status == 0);
    CHECK(silent.out.find("BEGIN:VEVENT") != std::string::npos);
    CHECK(silent.out.find("VALARM") == std::string::npos);
}

TEST_CASE("recurrence rules from the period a deadline names", "[deadlines]") {
    CHECK(app::recurrence_rule("每季度") == "FREQ=MONTHLY;INTERVAL=3");
    CHECK(app::recurrence_rule("每半年报送一次") == "FREQ=MONTHLY;INTERVAL=6");
    CHECK(app::recurrence_rule("每年12月底前") == "FREQ=YEARLY");
    CHECK(app::recurrence_rule("每月10日前") == "FREQ=MONTHLY");
    CHECK(app::recurrence_rule("2023年6月底前") == std::nullopt);
}

TEST_CASE("a quarterly task due at a month's end recurs at each quarter's end, as libical expands it", "[deadlines]") {
    // RFC 5545 skips months that lack the start's day: from 03-31 a plain INTERVAL=3 rule would
    // jump to 12-31 (khal showed exactly that), so a month-end start repeats on the month's last day.
    const auto rule = app::recurrence_rule("每季度", "2024-03-31");
    REQUIRE(rule == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1");
    CHECK(app::recurrence_rule("每季度", "2024-03-15") == "FREQ=MONTHLY;INTERVAL=3");
    CHECK(app::recurrence_rule("每年", "2024-12-31") == "FREQ=YEARLY");
    const icalrecurrencetype recurrence = icalrecurrencetype_from_string(rule->c_str());
    icalrecur_iterator* occurrences = icalrecur_iterator_new(recurrence, icaltime_from_string("20240331"));
    REQUIRE(occurrences != nullptr);
    std::vector<std::string> days;
    for (int i = 0; i < 5; ++i) {
        const icaltimetype next = icalrecur_iterator_next(occurrences);
        char day[11];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", next.year, next.month, next.day);
        days.emplace_back(day);
    }
    icalrecur_iterator_free(occurrences);
    CHECK(days == std::vector<std::string>{"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"});
}

TEST_CASE("deadlines --format ics --ics-kind todo: a valid RFC 5545 calendar, one all-day VTODO per dated task", "[e2e][deadlines]") {
    const auto result = deadlines("--format ics --ics-kind todo");
    REQUIRE(result.status == 0);
    const json tasks = deadlines_json("")["tasks"];
    std::size_t dated = 0;
    for (const auto& task : tasks) dated += !task["due"].is_null();

    icalcomponent* calendar = icalparser_parse_string(result.out.c_str());
    REQUIRE(calendar != nullptr);
    CHECK(icalcomponent_isa(calendar) == ICAL_VCALENDAR_COMPONENT);
    CHECK(icalrestriction_check(calendar) == 1);   // RFC 5545 property rules hold
    CHECK(icalcomponent_count_errors(calendar) == 0);
    std::set<std::string> uids;
    std::multiset<std::string> dues;
    std::size_t todos = 0;
    for (icalcomponent* todo = icalcomponent_get_first_component(calendar, ICAL_VTODO_COMPONENT); todo;
         todo = icalcomponent_get_next_component(calendar, ICAL_VTODO_COMPONENT)) {
        ++todos;
        const icaltimetype due = icalcomponent_get_due(todo);
        CHECK(due.is_date == 1);
        char day[11];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", due.year, due.month, due.day);
        dues.insert(day);
        uids.insert(icalcomponent_get_uid(todo));
        CHECK(std::string(icalcomponent_get_summary(todo)).size() > 10);
    }
    CHECK(todos == dated);
    CHECK(uids.size() == todos);
    std::multiset<std::string> expected;
    for (const auto& task : tasks) {
        if (!task["due"].is_null()) expected.insert(task["due"].get<std::string>());
    }
    CHECK(dues == expected);
    // Folded lines: none longer than 75 octets.
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 76);   // 75 + the CR
    icalcomponent_free(calendar);
}

TEST_CASE("deadlines --format table, --sort, and errors", "[e2e][deadlines]") {
    const auto table = deadlines("");
    REQUIRE(table.status == 0);
    CHECK(table.out.starts_with("STATUS"));
    CHECK(table.out.find("51 tasks, 7 overdue, 4 due within 14 days") != std::string::npos);
    CHECK(table.out.find("市市场监管局（牵头）") != std::string::npos);

    const json by_unit = deadlines_json("--sort unit")["tasks"];
    REQUIRE(by_unit.size() == kAllTasks);
    auto first_unit = [](const json& task) {
        return task["lead_units"].empty() ? task["units"][0].get<std::string>() : task["lead_units"][0].get<std::string>();
    };
    for (std::size_t i = 1; i < by_unit.size(); ++i) CHECK(first_unit(by_unit[i - 1]) <= first_unit(by_unit[i]));
    const json by_document = deadlines_json("--sort document")["tasks"];
    for (std::size_t i = 1; i < by_document.size(); ++i) CHECK(by_document[i - 1]["doc_number"] <= by_document[i]["doc_number"]);

    const auto bad_date = deadlines("--from 2023-13-01");
    CHECK(bad_date.status == 1);
    CHECK(bad_date.err.find("--from 2023-13-01: not a date") != std::string::npos);
    CHECK(deadlines("--format xml").status == 1);
    test::TempDir dir;
    const auto missing = test::run_gongwen("deadlines --index " + test::quote(dir / "none"));
    CHECK(missing.status == 1);
    CHECK(missing.err.find("no index at") != std::string::npos);
}

// A time limit without a day (2024年春节前) is shown as written, wider than a date: the columns
// after it stay apart and aligned.
TEST_CASE("the deadlines table widens its DUE column for a time limit shown as written", "[deadlines]") {
    const auto row = [](const std::string& due, const std::string& deadline_text, const std::string& task) {
        app::DeadlineRow r;
        r.entry.doc_number = "青政办发〔2024〕8号";
        r.entry.task.task = task;
        r.entry.task.seq = 1;
        r.entry.task.units = {"市财政局"};
        r.entry.task.deadline_text = deadline_text;
        r.due = due;
        r.status = "open";
        r.task_id = "0123456789ab";
        return r;
    };
    std::ostringstream out;
    app::write_deadline_table(out, {row("2024-03-31", "2024年3月底前", "第一项"), row("", "2024年秋季学期开学前", "第二项")});
    std::istringstream lines(out.str());
    std::string header, first, second;
    std::getline(lines, header);
    std::getline(lines, first);
    std::getline(lines, second);
    // The terminal column where the document number starts: Han characters take two.
    const auto document_at = [](const std::string& line) {
        std::size_t column = 0;
        for (char32_t cp : to_u32(line.substr(0, line.find("青政办发")))) column += cp >= 0x2E80 ? 2 : 1;
        return column;
    };
    CHECK(second.find("2024年秋季学期开学前  青政办发") != std::string::npos);
    CHECK(document_at(first) == document_at(second));
    CHECK(document_at(header.substr(0, header.find("DOCUMENT")) + "青政办发") == document_at(first));
}

TEST_CASE("deadlines --limit: the first N rows, stderr says how many were left out, --limit 0 for all", "[e2e][deadlines]") {
    const json all = deadlines_json("")["tasks"];
    REQUIRE(all.size() == kAllTasks);   // under the default limit: every task, as before
    // The first five by due date come from the oldest days alone: the count is a bound then (every
    // task entry, copies included), and says so.
    const auto cut = deadlines("--format json --limit 5");
    REQUIRE(cut.status == 0);
    const json listing = json::parse(cut.out);
    REQUIRE(listing["tasks"].size() == 5);
    for (std::size_t i = 0; i < 5; ++i) CHECK(listing["tasks"][i]["task_id"] == all[i]["task_id"]);
    CHECK(listing["total_exact"] == false);
    CHECK(listing["total"] >= kAllTasks);
    CHECK(cut.err.find("gongwen: showing 5 of at most " + std::to_string(listing["total"].get<std::size_t>()) +
                       " tasks (the count includes copies and tasks marked done); --limit 0 for all") != std::string::npos);
    // An order the due dates do not give reads every task and counts exactly.
    const auto by_unit_cut = deadlines("--format json --limit 5 --sort unit");
    REQUIRE(by_unit_cut.status == 0);
    CHECK(by_unit_cut.err.find("gongwen: showing 5 of 51 tasks; --limit 0 for all") != std::string::npos);
    CHECK(json::parse(by_unit_cut.out)["total"] == kAllTasks);
    CHECK(json::parse(by_unit_cut.out)["total_exact"] == true);
    const auto everything = deadlines("--format json --limit 0");
    REQUIRE(everything.status == 0);
    CHECK(everything.err.find("showing") == std::string::npos);
    CHECK(json::parse(everything.out)["tasks"].size() == kAllTasks);
    CHECK(deadlines("--limit -1").status == 1);

    // The overdue listing, most recently overdue first: the rows of the full list with the latest
    // due dates, and a count that says it is a bound when it is one.
    std::vector<std::string> overdue_dues;
    const json overdue = deadlines_json("--overdue")["tasks"];   // kept: a range-for over a temporary's member reads freed memory
    for (const auto& task : overdue) overdue_dues.push_back(task["due"].get<std::string>());
    std::sort(overdue_dues.rbegin(), overdue_dues.rend());
    const auto latest = deadlines("--format json --overdue --sort latest --limit 2");
    REQUIRE(latest.status == 0);
    const json latest_tasks = json::parse(latest.out)["tasks"];
    REQUIRE(latest_tasks.size() == 2);
    CHECK(latest_tasks[0]["due"] == overdue_dues[0]);
    CHECK(latest_tasks[1]["due"] == overdue_dues[1]);
    CHECK(latest.err.find(" overdue tasks") != std::string::npos);
    CHECK(latest.err.find(json::parse(latest.out)["total_exact"] == true ? "showing 2 of 7 overdue" : "showing 2 of at most ") !=
          std::string::npos);
    const auto oldest = deadlines("--overdue --limit 2");
    CHECK(oldest.err.find("--sort latest for the most recently overdue first") != std::string::npos);

    const json by_latest = deadlines_json("--sort latest")["tasks"];
    REQUIRE(by_latest.size() == kAllTasks);
    for (std::size_t i = 1; i < by_latest.size(); ++i) {
        if (by_latest[i]["due"].is_null()) continue;
        CHECK_FALSE(by_latest[i - 1]["due"].is_null());   // tasks without a due date last
        CHECK(by_latest[i - 1]["due"].get<std::string>() >= by_latest[i]["due"].get<std::string>());
    }
}
