// Rules as data: the 机关代字 table (config/agency_codes.toml) and extra date forms
// (config/date_forms.toml) that the fields plugin reads at start-up. The files are parsed
// directly, then used through the real pipeline and the real binary; a broken file must stop the
// run with its path and line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "gongwen/core/config.hpp"
#include "gongwen/core/pipeline.hpp"
#include "rule_files.hpp"
#include "test_support.hpp"

using namespace gongwen;
using fields::AgencyCodes;
using fields::DateForms;
using fields::RuleFileError;
using Strings = std::vector<std::string>;

namespace {

const std::filesystem::path kShippedConfig = std::filesystem::path(GONGWEN_TEST_CONFIG).parent_path();
const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;

// A config folder of its own: gongwen.toml plus whatever rule files the test writes next to it.
struct ConfigFolder {
    test::TempDir dir;
    core::Config config() const {
        return core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", dir / "gongwen.toml");
    }
};

Document extracted(const core::Config& config, const std::filesystem::path& file) {
    const core::Pipeline pipeline(test::in_tree_plugins(), config, nullptr);
    return pipeline.make_worker()->process(file);
}

Document extracted_text(const core::Config& config, const std::string& text) {
    test::TempDir dir;
    test::write_file(dir / "document.txt", text);
    return extracted(config, dir / "document.txt");
}

const Deadline* deadline(const Document& document, const std::string& text) {
    const auto it = std::find_if(document.deadlines.begin(), document.deadlines.end(), [&](const Deadline& d) { return d.text == text; });
    return it == document.deadlines.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("agency codes: exact 机关代字, else the longest prefix, joint issuers as a list", "[rules]") {
    const AgencyCodes codes = AgencyCodes::parse(
        "[codes]\n\"国发\" = \"国务院\"\n\"国办发\" = \"国务院办公厅\"\n\"沪府\" = \"上海市人民政府\"\n\"沪府办\" = \"上海市人民政府办公厅\"\n"
        "\"国办发联\" = [\"国务院办公厅\", \"中央军委办公厅\"]\n",
        "codes.toml");
    CHECK(codes.issuers_of("国发") == Strings{"国务院"});
    CHECK(codes.issuers_of("国办发") == Strings{"国务院办公厅"});
    CHECK(codes.issuers_of("国发明电") == Strings{"国务院"});
    CHECK(codes.issuers_of("沪府规") == Strings{"上海市人民政府"});
    CHECK(codes.issuers_of("沪府办发") == Strings{"上海市人民政府办公厅"});
    CHECK(codes.issuers_of("国办发联") == Strings{"国务院办公厅", "中央军委办公厅"});
    CHECK(codes.issuers_of("苏政发").empty());
    CHECK(codes.issuers_of("").empty());
}

TEST_CASE("the shipped agency_codes.toml loads and maps the codes checked against the corpus", "[rules]") {
    const AgencyCodes codes = AgencyCodes::load(kShippedConfig / "agency_codes.toml");
    CHECK(codes.size() >= 20);
    CHECK(codes.issuers_of("国发") == Strings{"国务院"});
    CHECK(codes.issuers_of("国办发") == Strings{"国务院办公厅"});
    CHECK(codes.issuers_of("国函") == Strings{"国务院"});
    CHECK(codes.issuers_of("苏政发") == Strings{"江苏省人民政府"});
    CHECK(codes.issuers_of("苏政办发") == Strings{"江苏省人民政府办公厅"});
    CHECK(codes.issuers_of("辽政发") == Strings{"辽宁省人民政府"});
    CHECK(codes.issuers_of("浙政发") == Strings{"浙江省人民政府"});
    CHECK(codes.issuers_of("渝府办发") == Strings{"重庆市人民政府办公厅"});
    CHECK(codes.issuers_of("粤办函") == Strings{"广东省人民政府办公厅"});
    CHECK(codes.issuers_of("国办发明电") == Strings{"国务院办公厅"});
}

TEST_CASE("a broken agency code file is an error naming file:line", "[rules]") {
    CHECK_THROWS_WITH(AgencyCodes::parse("[codes]\n\"国发\" = \"国务院\n", "/x/agency_codes.toml"),
                      Catch::StartsWith("/x/agency_codes.toml:2:"));
    CHECK_THROWS_WITH(AgencyCodes::parse("[codes]\n\"国发\" = \"国务院\"\n\"国函\" = 3\n", "/x/agency_codes.toml"),
                      Catch::StartsWith("/x/agency_codes.toml:3:") && Catch::Contains("国函"));
    CHECK_THROWS_WITH(AgencyCodes::parse("[codes]\n\"国函\" = [\"国务院\", 7]\n", "a.toml"), Catch::StartsWith("a.toml:2:"));
    CHECK_THROWS_WITH(AgencyCodes::parse("[codes]\n\"国函\" = \"\"\n", "a.toml"), Catch::StartsWith("a.toml:2:"));
    CHECK_THROWS_WITH(AgencyCodes::parse("# comment\ncode = 1\n", "a.toml"), Catch::StartsWith("a.toml:2:") && Catch::Contains("unknown key"));
    CHECK_THROWS_WITH(AgencyCodes::parse("codes = 1\n", "a.toml"), Catch::StartsWith("a.toml:1:"));
    CHECK_THROWS_WITH(AgencyCodes::load("/nonexistent/agency_codes.toml"), Catch::Contains("/nonexistent/agency_codes.toml"));
}

TEST_CASE("date forms: named days and tables, taken from the document's year, not after a number", "[rules]") {
    const DateForms forms = DateForms::parse(
        "[forms]\n\"年内\" = \"year_end\"\n\"春节前\" = { month = 1, day = 31 }\n\"明年春节前\" = { month = 1, day = 31, year_offset = 1 }\n"
        "\"月末前\" = { month = 2, kind = \"target\" }\n\"常态化\" = \"ongoing\"\n",
        "forms.toml");
    CHECK(forms.size() == 5);
    const Date reference{2024, 3, 5};
    const auto found = forms.find("年内完成摸底，春节前报送，明年春节前验收，月末前，常态化推进。力争两年内完成，2023年内见效。", reference);
    REQUIRE(found.size() == 5);
    CHECK(found[0].text == "年内");
    CHECK(found[0].date->iso() == "2024-12-31");
    CHECK(found[0].kind == DateKind::deadline);
    CHECK(found[1].text == "春节前");
    CHECK(found[1].date->iso() == "2024-01-31");
    CHECK(found[2].text == "明年春节前");   // the longer phrase, not 春节前 inside it
    CHECK(found[2].date->iso() == "2025-01-31");
    CHECK(found[3].date->iso() == "2024-02-29");   // no day: the month's last, leap year
    CHECK(found[3].kind == DateKind::target);
    CHECK(found[4].kind == DateKind::ongoing);
    CHECK_FALSE(found[4].date);
    // Without a document date the phrase is still found, with no day.
    const auto undated = forms.find("春节前报送", std::nullopt);
    REQUIRE(undated.size() == 1);
    CHECK_FALSE(undated[0].date);
}

TEST_CASE("a broken date form file is an error naming file:line", "[rules]") {
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"年内\" = \"year_ending\"\n", "d.toml"),
                      Catch::StartsWith("d.toml:2:") && Catch::Contains("year_end"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\n\"春节前\" = { month = 13 }\n", "d.toml"), Catch::StartsWith("d.toml:3:"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"春节前\" = { day = 3 }\n", "d.toml"), Catch::StartsWith("d.toml:2:") && Catch::Contains("month"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"春节前\" = { month = 2, day = 30 }\n", "d.toml"), Catch::StartsWith("d.toml:2:"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"春节前\" = { month = 1, kind = \"soon\" }\n", "d.toml"), Catch::StartsWith("d.toml:2:"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"春节前\" = { month = 1, months = 2 }\n", "d.toml"), Catch::StartsWith("d.toml:2:"));
    CHECK_THROWS_WITH(DateForms::parse("[forms]\n\"春节前\" = 131\n", "d.toml"), Catch::StartsWith("d.toml:2:"));
    CHECK_THROWS_WITH(DateForms::parse("[forms\n", "d.toml"), Catch::StartsWith("d.toml:1:"));
    CHECK_NOTHROW(DateForms::load(kShippedConfig / "date_forms.toml"));
}

TEST_CASE("a rule file option: \"\" is none, a leading ? makes the file optional", "[rules]") {
    test::TempDir dir;
    CHECK_FALSE(fields::rule_file_to_read(""));
    CHECK_FALSE(fields::rule_file_to_read("?" + (dir / "absent.toml").string()));
    CHECK(fields::rule_file_to_read((dir / "absent.toml").string()) == dir / "absent.toml");   // must exist: read fails
    test::write_file(dir / "here.toml", "");
    CHECK(fields::rule_file_to_read("?" + (dir / "here.toml").string()) == dir / "here.toml");
}

TEST_CASE("a 批转 notice that names no issuer gets the organ of its 机关代字", "[rules][fields]") {
    const auto notice = kSource / "rules" / "liaoning-311464-pizhuan.txt";
    // Without a table: the notice names no issuer (its closing names are the forwarded report's).
    ConfigFolder bare;
    const Document without = extracted(bare.config(), notice);
    REQUIRE(without.doc_number);
    CHECK(without.doc_number->agency == "辽政发");
    CHECK(without.issuers.empty());

    ConfigFolder folder;
    std::filesystem::copy_file(kShippedConfig / "agency_codes.toml", folder.dir / "agency_codes.toml");
    const Document with = extracted(folder.config(), notice);
    CHECK(with.issuers == Strings{"辽宁省人民政府"});
    CHECK(with.extra.at("issuer_source") == "agency_codes");
    REQUIRE(with.provenance.contains("issuer"));
    REQUIRE(with.provenance.contains("agency_codes"));
    const auto& where = with.provenance.at("issuer");
    CHECK(with.paragraphs.at(where.paragraph).text.substr(where.begin, where.end - where.begin) == "辽政发〔1998〕34号");
}

TEST_CASE("the agency code table never overrides an issuer the document names", "[rules][fields]") {
    ConfigFolder folder;
    test::write_file(folder.dir / "agency_codes.toml", "[codes]\n\"苏政办发\" = \"某某机关\"\n");
    const Document document = extracted_text(folder.config(),
                                             "江苏省人民政府办公厅文件\n苏政办发〔2019〕12号\n江苏省人民政府办公厅关于加快推进数字政府建设的通知\n"
                                             "各市人民政府：\n现就有关事项通知如下。\n江苏省人民政府办公厅\n2019年3月5日\n");
    CHECK(document.issuers == Strings{"江苏省人民政府办公厅"});
    CHECK_FALSE(document.extra.contains("issuer_source"));
    CHECK_FALSE(document.provenance.contains("agency_codes"));
}

TEST_CASE("date forms from the config folder join the deadlines of the text", "[rules][fields]") {
    const std::string text =
        "苏政办发〔2023〕5号\n关于做好冬春季安全生产工作的通知\n各市人民政府：\n一、排查隐患\n各地要在春节前完成隐患排查，年内建立长效机制，力争两年内全面达标。\n"
        "江苏省人民政府办公厅\n2023年1月5日\n";
    ConfigFolder bare;
    const Document before = extracted_text(bare.config(), text);
    CHECK_FALSE(deadline(before, "春节前"));

    ConfigFolder folder;
    test::write_file(folder.dir / "date_forms.toml", "[forms]\n\"年内\" = \"year_end\"\n\"春节前\" = { month = 1, day = 31, kind = \"deadline\" }\n");
    const Document after = extracted_text(folder.config(), text);
    const Deadline* festival = deadline(after, "春节前");
    REQUIRE(festival);
    CHECK(festival->due == "2023-01-31");
    CHECK(festival->kind == "deadline");
    CHECK(festival->clause == "一、");
    const Deadline* year = deadline(after, "年内");
    REQUIRE(year);
    CHECK(year->due == "2023-12-31");
    CHECK(std::count_if(after.deadlines.begin(), after.deadlines.end(), [](const Deadline& d) { return d.text == "年内"; }) == 1);
}

TEST_CASE("a broken rule file stops the pipeline, extract and ingest with file:line", "[rules][e2e]") {
    ConfigFolder folder;
    test::write_file(folder.dir / "agency_codes.toml", "[codes]\n\"国发\" = \"国务院\"\n\"国函\" = 42\n");
    CHECK_THROWS_WITH(core::Pipeline(test::in_tree_plugins(), folder.config(), nullptr),
                      Catch::Contains("plugin 'fields'") && Catch::Contains((folder.dir / "agency_codes.toml").string() + ":3:"));

    // The real binary, with the shipped config copied next to a broken date_forms.toml.
    test::TempDir dir;
    std::filesystem::copy_file(kShippedConfig / "gongwen.toml", dir / "gongwen.toml");
    test::write_file(dir / "date_forms.toml", "[forms]\n\"年内\" = \"year_end\"\n\"春节前\" = { month = 1, day = 32 }\n");
    test::write_file(dir / "doc.txt", "国发〔2019〕5号\n国务院关于某事的通知\n");
    const std::string config = "--config " + test::quote(dir / "gongwen.toml");
    const auto extract = test::run_gongwen(config + " extract --json " + test::quote(dir / "doc.txt"));
    CHECK(extract.status == 1);
    CHECK_THAT(extract.err, Catch::Contains((dir / "date_forms.toml").string() + ":3:"));
    CHECK(extract.out.empty());
    const auto ingest = test::run_gongwen(config + " ingest --index " + test::quote(dir / "index") + " " + test::quote(dir / "doc.txt"));
    CHECK(ingest.status == 1);
    CHECK_THAT(ingest.err, Catch::Contains((dir / "date_forms.toml").string() + ":3:"));
    CHECK_FALSE(std::filesystem::exists(dir / "index"));

    // Fixed without a build: the same binary now extracts, with the staff's rule applied.
    test::write_file(dir / "date_forms.toml", "[forms]\n\"春节前\" = { month = 1, day = 31 }\n");
    test::write_file(dir / "doc.txt", "国发〔2019〕5号\n国务院关于某事的通知\n各省人民政府：\n请于春节前报送。\n国务院\n2019年1月5日\n");
    const auto fixed = test::run_gongwen(config + " extract --json " + test::quote(dir / "doc.txt"));
    INFO(fixed.err);
    CHECK(fixed.status == 0);
    CHECK_THAT(fixed.out, Catch::Contains("\"2019-01-31\""));
}
