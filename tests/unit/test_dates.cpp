// Dates and deadlines: every written form the fields and task-table issues name, normalized.
#include <catch2/catch.hpp>

#include "gongwen/dates.hpp"

using namespace gongwen;

namespace {

const Date kReference{2023, 3, 15};

std::string due(std::string_view cell, std::optional<Date> reference = kReference) {
    const auto m = normalize_deadline(cell, reference);
    if (!m) return "no date phrase";
    return m->date ? m->date->iso() : std::string("-");
}

std::string kind(std::string_view cell, std::optional<Date> reference = kReference) {
    const auto m = normalize_deadline(cell, reference);
    return m ? to_string(m->kind) : "none";
}

}  // namespace

TEST_CASE("numbers as 公文 write them", "[dates]") {
    CHECK(parse_number("二〇二一") == 2021);
    CHECK(parse_number("二○一三") == 2013);   // ○ U+25CB, the usual look-alike of 〇
    CHECK(parse_number("十二") == 12);
    CHECK(parse_number("二十一") == 21);
    CHECK(parse_number("三十") == 30);
    CHECK(parse_number("十") == 10);
    CHECK(parse_number("一百零八") == 108);
    CHECK(parse_number("１２") == 12);
    CHECK(parse_number("二ОО六") == 2006);    // Cyrillic О (U+041E), as typed on moe.gov.cn
    CHECK(parse_number("二OO四") == 2004);    // Latin O
    CHECK(parse_number("87") == 87);
    CHECK_FALSE(parse_number("十二月"));
    CHECK_FALSE(parse_number(""));
}

TEST_CASE("a complete written date parses in every form, and only real days", "[dates]") {
    CHECK(parse_date("2021年3月5日")->iso() == "2021-03-05");
    CHECK(parse_date("二〇二一年三月五日")->iso() == "2021-03-05");
    CHECK(parse_date("二〇一三年五月二十日")->iso() == "2013-05-20");
    CHECK(parse_date("二〇一三年5月20日")->iso() == "2013-05-20");   // mixed forms occur
    CHECK(parse_date("二○○四年二月二日")->iso() == "2004-02-02");    // ○ U+25CB (浙政发〔2004〕4号)
    CHECK(parse_date("二ОО六年六月八日")->iso() == "2006-06-08");    // Cyrillic О (教社科司函〔2006〕68号)
    CHECK(parse_date("二ＯＯ六年十二月三十一日")->iso() == "2006-12-31");
    CHECK(parse_date("一九八一年五月二十三日")->iso() == "1981-05-23");
    CHECK(parse_date("2017   年   11   月   24   日")->iso() == "2017-11-24");   // a web page's padded signature date
    CHECK(parse_date(" 2021 年 3 月 5 日 ")->iso() == "2021-03-05");
    CHECK(parse_date("２０２１年３月５日")->iso() == "2021-03-05");
    CHECK(parse_date("2020年04月09日")->iso() == "2020-04-09");
    CHECK(parse_date("2021-03-08")->iso() == "2021-03-08");
    CHECK(parse_date("2021/3/8")->iso() == "2021-03-08");
    CHECK(parse_date("2021.3.8")->iso() == "2021-03-08");
    CHECK(parse_date("2020年2月29日")->iso() == "2020-02-29");
    CHECK_FALSE(parse_date("2021年2月29日"));
    CHECK_FALSE(parse_date("2021年13月1日"));
    CHECK_FALSE(parse_date("2021年3月"));
    CHECK_FALSE(parse_date("2021年3月5日印发"));
    CHECK_FALSE(parse_date("000014349/2019-00007"));
    CHECK(parse_iso_date("2023-06-30")->iso() == "2023-06-30");
    CHECK_FALSE(parse_iso_date("2023-6-30"));
    CHECK_FALSE(parse_iso_date("2023-02-30"));
}

TEST_CASE("deadline cells normalize to the day the work is due", "[dates]") {
    CHECK(due("2023年6月底前") == "2023-06-30");
    CHECK(due("2023年6月底") == "2023-06-30");
    CHECK(due("2024年2月底前") == "2024-02-29");
    CHECK(due("2023年12月31日前") == "2023-12-31");
    CHECK(due("2023年9月30日以前") == "2023-09-30");
    CHECK(due("2023年\n6月\n底前") == "2023-06-30");   // a wrapped cell after joining with newlines kept
    CHECK(due("2023年底前") == "2023-12-31");
    CHECK(due("年底前") == "2023-12-31");               // the year in force
    CHECK(due("2024年上半年") == "2024-06-30");
    CHECK(due("上半年") == "2023-06-30");
    CHECK(due("2023年下半年") == "2023-12-31");
    CHECK(due("第三季度") == "2023-09-30");
    CHECK(due("三季度末") == "2023-09-30");
    CHECK(due("2024年第一季度") == "2024-03-31");
    CHECK(due("2023年6月") == "2023-06-30");            // a bare month in a time column: its end
    CHECK(due("2025年") == "2025-12-31");
    CHECK(due("2025年前") == "2025-12-31");
    CHECK(due("5月20日前") == "2023-05-20");
    CHECK(due("二〇二三年六月底前") == "2023-06-30");
    CHECK(due("2023年6月上旬") == "2023-06-10");
    CHECK(due("2023年6月下旬") == "2023-06-30");
    CHECK(due("2024年底前完成，并持续推进") == "2024-12-31");
    CHECK(kind("2024年底前完成，并持续推进") == "deadline");
    // A range: due when it ends; the end takes the start's year, or the next one.
    CHECK(due("2024年3月—12月") == "2024-12-31");
    CHECK(due("2024年4月至9月") == "2024-09-30");
    CHECK(due("2024年4月 - 6月底") == "2024-06-30");
    CHECK(due("2024年10月-2025年3月") == "2025-03-31");
    CHECK(due("2024年11月～2月") == "2025-02-28");
    CHECK(due("3月至5月") == "2023-05-31");
    CHECK(due("2023—2025年") == "2025-12-31");
    CHECK(normalize_deadline("2024年4月至9月", Date{2023, 3, 1})->text == "2024年4月至9月");
    // A list of months or quarters is due with its last; a year and month written as numbers at the month's end.
    CHECK(due("2024年6月、12月") == "2024-12-31");
    CHECK(due("2024年第二、三季度") == "2024-09-30");
    CHECK(due("2024.06") == "2024-06-30");
    CHECK(due("2024-6") == "2024-06-30");
    CHECK(due("2024-2026年") == "2026-12-31");   // a range of years, not a month
    // The year in force as a whole.
    CHECK(due("全年") == "2023-12-31");
    CHECK(due("年内完成") == "2023-12-31");
    CHECK(kind("全年") == "deadline");
    // Years named from the document's: 今年 / 当年, 次年 / 明年.
    CHECK(due("次年3月底前") == "2024-03-31");
    CHECK(due("明年6月") == "2024-06-30");
    CHECK(due("当年底前") == "2023-12-31");
    // Before an event of a year: no day (the year's end would be months too late), still a deadline.
    CHECK(due("2024年春节前") == "-");
    CHECK(kind("2024年春节前") == "deadline");
    CHECK(due("2025年汛期前") == "-");
    CHECK(normalize_deadline("2025年汛期前", kReference)->text == "2025年汛期前");
    CHECK(due("2025年完成") == "2025-12-31");
    // The loose parts of a year and a month.
    CHECK(due("2024年年初") == "2024-02-29");
    CHECK(due("2024年年中") == "2024-06-30");
    CHECK(due("2024年6月初") == "2024-06-05");
    CHECK(due("2024年6月中") == "2024-06-15");
    CHECK(due("2024年6月中旬") == "2024-06-20");
    // Days after the document's issue; working days wait for the year's holiday notice.
    CHECK(due("自印发之日起30日内") == "2023-04-14");
    CHECK(due("本通知印发后15天内") == "2023-03-30");
    CHECK(normalize_deadline("自印发之日起30日内", kReference)->text == "自印发之日起30日内");
    CHECK(due("印发后15个工作日内") == "-");
    CHECK(kind("印发后15个工作日内") == "deadline");
    CHECK(due("30日内") == "-");   // from what is not said
}

TEST_CASE("time-limit cells as OCR reads them: a lost 月, a dash read as 一", "[dates]") {
    CHECK(due("2024年11") == "2024-11-30");
    CHECK(due("2024年5至10月") == "2024-10-31");
    CHECK(due("2024年1-6月") == "2024-06-30");
    CHECK(due("2024年3月一4月") == "2024-04-30");
    CHECK(due("2024年3月一日前") == "2024-03-01");   // 一 before a day is the numeral
    CHECK(due("2024年前") == "2024-12-31");
    // In prose a year and a number are no month: `2024年5个项目`.
    CHECK(find_dates("2024年5个项目全部完工", kReference).empty());
}

TEST_CASE("a day stated before a recurring part is the deadline", "[dates]") {
    CHECK(due("2024年6月底前，每半年报送一次进展") == "2024-06-30");
    CHECK(kind("2024年6月底前，每半年报送一次进展") == "deadline");
    CHECK(kind("每年12月底前报送") == "recurring");
    CHECK(due("每月10日前") == "2023-04-10");
}

TEST_CASE("截止, 截至, 以前, 之前 and 前 all mark a deadline", "[dates]") {
    for (const char* cell : {"截止2023年6月30日", "截至2023年6月30日", "2023年6月30日以前", "2023年6月30日之前", "2023年6月30日前"}) {
        INFO(cell);
        CHECK(due(cell) == "2023-06-30");
        CHECK(kind(cell) == "deadline");
    }
    const auto found = find_dates("申报截止日期为2023年6月30日，逾期不予受理。", kReference);
    REQUIRE(found.size() == 1);
    CHECK(found[0].date->iso() == "2023-06-30");
}

TEST_CASE("a deadline without a year takes the year of the document, spaces and all", "[dates]") {
    // The issue's own example, with the spaces web pages leave around the digits.
    const auto found = find_dates("请于 5 月 20 日前报送书面材料。", kReference);
    REQUIRE(found.size() == 1);
    CHECK(found[0].date->iso() == "2023-05-20");
    CHECK(found[0].kind == DateKind::deadline);
    CHECK(due("五月二十日前") == "2023-05-20");
    CHECK(due("十二月底前") == "2023-12-31");
}

TEST_CASE("targets: 到 a year and 力争", "[dates]") {
    CHECK(kind("到2020年") == "target");
    CHECK(due("到2020年") == "2020-12-31");
    CHECK(kind("力争2025年") == "target");
    CHECK(due("力争2025年") == "2025-12-31");
    CHECK(kind("到二〇三五年") == "target");
    CHECK(due("到二〇三五年") == "2035-12-31");
}

TEST_CASE("a month without a year well before the reference belongs to the next year", "[dates]") {
    CHECK(due("1月15日前", Date{2023, 11, 20}) == "2024-01-15");
    CHECK(due("11月30日前", Date{2023, 11, 20}) == "2023-11-30");
    CHECK(due("10月底前", Date{2023, 11, 20}) == "2023-10-31");   // within three months: a late reminder
}

TEST_CASE("forms that need a year give no day without a reference", "[dates]") {
    CHECK(due("年底前", std::nullopt) == "-");
    CHECK(due("5月20日前", std::nullopt) == "-");
    CHECK(due("2023年6月底前", std::nullopt) == "2023-06-30");
}

TEST_CASE("ongoing and recurring work", "[dates]") {
    CHECK(kind("长期坚持") == "ongoing");
    CHECK(due("长期坚持") == "-");
    CHECK(kind("持续推进") == "ongoing");
    CHECK(kind("常态化开展") == "ongoing");
    CHECK(kind("每年") == "recurring");
    CHECK(due("每年") == "2023-12-31");
    CHECK(due("每季度") == "2023-03-31");                        // the next quarter end after 03-15
    CHECK(due("每季度", Date{2023, 3, 31}) == "2023-06-30");     // strictly after the reference
    CHECK(due("每半年") == "2023-06-30");
    CHECK(due("每月") == "2023-03-31");
    CHECK(due("每月28日前") == "2023-03-28");
    CHECK(due("每月10日前") == "2023-04-10");
    CHECK(kind("按要求落实") == "none");
}

TEST_CASE("dates and deadlines in running text, with kinds and exact offsets", "[dates]") {
    const std::string text =
        "各地要于2023年6月底前完成摸底，年底前报送工作总结。到2025年，基本建成全省统一平台。"
        "力争到2030年实现全覆盖。2019年，我省启动试点。请于5月20日前报送，会议于2023年3月5日召开。";
    const auto found = find_dates(text, kReference);
    REQUIRE(found.size() == 6);
    CHECK(found[0].text == "2023年6月底前");
    CHECK(found[0].date->iso() == "2023-06-30");
    CHECK(found[0].kind == DateKind::deadline);
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == found[0].text);
    CHECK(found[1].text == "年底前");
    CHECK(found[1].date->iso() == "2023-12-31");
    CHECK(found[2].text == "2025年");
    CHECK(found[2].kind == DateKind::target);
    CHECK(found[2].date->iso() == "2025-12-31");
    CHECK(found[3].text == "2030年");
    CHECK(found[3].kind == DateKind::target);
    CHECK(found[4].text == "5月20日前");
    CHECK(found[4].date->iso() == "2023-05-20");
    CHECK(found[4].kind == DateKind::deadline);
    CHECK(found[5].text == "2023年3月5日");
    CHECK(found[5].kind == DateKind::date);
    CHECK(text.substr(found[5].begin, found[5].end - found[5].begin) == "2023年3月5日");
}

TEST_CASE("numbers that are not dates are left alone", "[dates]") {
    CHECK(find_dates("索引号：000014349/2019-00007，电话12345678，共2019个项目", kReference).empty());
    CHECK(find_dates("（2021—2025年）", kReference).empty());   // a plan period, not a deadline
    CHECK(find_dates("第三季度GDP增长", kReference).empty());   // a period named in prose
    const auto quarter = find_dates("第三季度末前完成", kReference);
    REQUIRE(quarter.size() == 1);
    CHECK(quarter[0].date->iso() == "2023-09-30");
}
