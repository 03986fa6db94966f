// Tests for the docnumber enricher plugin, loaded the way the host loads it: the document's own
// number versus the numbers it cites, on paragraph lists modeled on real documents and on gov.cn texts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/doc_number.hpp"
#include "gongwen/plugin.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

std::unique_ptr<Plugin> docnumber_plugin(const std::map<std::string, std::string>& options = {}) {
    const core::LoadedPlugin* plugin = test::in_tree_plugins().find("docnumber");
    REQUIRE(plugin != nullptr);
    REQUIRE(plugin->kind == PluginKind::enricher);
    return test::in_tree_plugins().instantiate(*plugin, options, nullptr);
}

/// Runs the enricher over `lines`, one paragraph each, as the normalizer would hand them over.
Document enriched(const std::vector<std::string>& lines) {
    Document document;
    for (const auto& line : lines) document.paragraphs.push_back({line, 1, false});
    auto plugin = docnumber_plugin();
    static_cast<Enricher&>(*plugin).enrich(document);   // the host casts by kind the same way
    return document;
}

std::string own_number(const Document& document) { return document.doc_number ? document.doc_number->normalized : ""; }

const CitedDocument* cited(const Document& document, const std::string& number) {
    const auto it = std::find_if(document.cited_documents.begin(), document.cited_documents.end(),
                                 [&](const CitedDocument& c) { return c.doc_number == number; });
    return it == document.cited_documents.end() ? nullptr : &*it;
}

/// A gov.cn text file split into paragraphs by line, blank lines dropped.
std::vector<std::string> text_lines(const std::string& name) {
    std::ifstream in(std::string(GONGWEN_TEST_SOURCE_FIXTURES) + "/texts/" + name + ".txt");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    }
    return lines;
}

}  // namespace

TEST_CASE("the docnumber plugin declares itself as an enricher with a head_lines option and its repair data", "[docnumber]") {
    const core::LoadedPlugin* plugin = test::in_tree_plugins().find("docnumber");
    REQUIRE(plugin != nullptr);
    CHECK(plugin->version == "1.0.0");
    std::vector<std::string> keys;
    for (const auto& option : plugin->options) keys.push_back(option.key);
    CHECK(keys == std::vector<std::string>{"head_lines", "confusions", "agency_codes", "known_codes"});
    CHECK_THROWS_AS(docnumber_plugin({{"head_lines", "many"}}), ExtractionError);
    CHECK_NOTHROW(docnumber_plugin({{"head_lines", "20"}}));
}

TEST_CASE("the own number stands on its own line under the title, citations are not it", "[docnumber]") {
    const Document document = enriched({
        "国务院办公厅关于有效发挥政府性",
        "融资担保基金作用切实支持小微企业和“三农”发展的指导意见",
        "国办发〔2019〕6号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "为贯彻落实《国务院关于促进融资担保行业加快发展的意见》（国发〔2015〕43号），按照国办发〔2018〕3号文件要求，现提出以下意见。",
        "依据《国务院关于印发〈清理规范方案〉的通知》(国发〔2017〕1 号)第十二条，再次重申国发〔2015〕43号的要求。",
    });
    CHECK(own_number(document) == "国办发〔2019〕6号");
    REQUIRE(document.cited_documents.size() == 3);
    const CitedDocument* titled = cited(document, "国发〔2015〕43号");
    REQUIRE(titled);
    CHECK(titled->title == "国务院关于促进融资担保行业加快发展的意见");   // deduplicated, the titled one kept
    REQUIRE(cited(document, "国办发〔2018〕3号"));
    CHECK(cited(document, "国办发〔2018〕3号")->title.empty());
    REQUIRE(cited(document, "国发〔2017〕1号"));
    CHECK(cited(document, "国发〔2017〕1号")->title == "国务院关于印发〈清理规范方案〉的通知");
    CHECK_FALSE(cited(document, "国办发〔2019〕6号"));
}

TEST_CASE("a body that only cites numbers has no own number", "[docnumber]") {
    // Modeled on a Henan 实施意见 whose web copy starts at the 主送机关 (no 发文字号 line at all).
    const Document document = enriched({
        "各省辖市、省直管县（市）人民政府，省人民政府各部门：",
        "为贯彻落实《国务院关于做好当前和今后一个时期促进就业工作的若干意见》（国发〔2018〕39号），现提出如下实施意见。",
        "一、加大援企稳岗支持力度",
    });
    CHECK_FALSE(document.doc_number);
    REQUIRE(document.cited_documents.size() == 1);
    CHECK(document.cited_documents[0].doc_number == "国发〔2018〕39号");
}

TEST_CASE("a 上行文 number shares its line with 签发人", "[docnumber]") {
    const Document document = enriched({"江苏省财政厅文件", "苏财预〔2023〕15号　　　　签发人：张某", "江苏省财政厅关于2023年预算执行情况的报告"});
    CHECK(own_number(document) == "苏财预〔2023〕15号");
}

TEST_CASE("a number glued to the title by a web page is the own number", "[docnumber]") {
    const Document document = enriched({"鞍立政发〔2023〕2号立山区人民政府关于印发立山区2023年重点工作任务的通知", "各街道办事处："});
    CHECK(own_number(document) == "鞍立政发〔2023〕2号");
}

TEST_CASE("a 令 header puts the 标志 and 第N号 on separate lines", "[docnumber]") {
    const Document document = enriched({
        "中华人民共和国交通运输部令",
        "2019年第12号",
        "《国内水路运输管理规定》已于2019年4月12日经第7次部务会议通过，现予公布。",
        "（2014年1月3日交通运输部令2014年第3号发布）",
    });
    CHECK(own_number(document) == "交通运输部令2019年第12号");
    REQUIRE(cited(document, "交通运输部令2014年第3号"));
}

TEST_CASE("web metadata gives the number when the body has none, a body list of 文号 does not", "[docnumber]") {
    const Document metadata = enriched({"索  引  号: 011217651/2016-17785 文      号: 鄂州政发〔2016〕9号", "发布日期：2016-05-03",
                                        "各区人民政府，市政府各部门：", "根据鄂政发〔2015〕3号文件精神，现通知如下。"});
    CHECK(own_number(metadata) == "鄂州政发〔2016〕9号");
    CHECK_FALSE(cited(metadata, "鄂州政发〔2016〕9号"));
    REQUIRE(cited(metadata, "鄂政发〔2015〕3号"));

    // Modeled on a Shanghai notice that repeals documents, listing each with `文号：`.
    const Document repeal = enriched({"各有关单位：", "现将以下规范性文件宣布失效：", "1.上海市大学生科技创业基金管理办法（试行）",
                                      "发文单位：市科委、市教委", "文号：沪科合〔2005〕第11号"});
    CHECK_FALSE(repeal.doc_number);
    CHECK(cited(repeal, "沪科合〔2005〕11号"));
}

TEST_CASE("body and metadata that disagree keep the body and warn", "[docnumber]") {
    const Document document = enriched({"国发〔2019〕5号", "各省、自治区、直辖市人民政府：", "索引号：000014349/2019-00007", "发文字号：国发〔2019〕6号"});
    CHECK(own_number(document) == "国发〔2019〕5号");
    CHECK(document.warnings.size() == 1);
}

TEST_CASE("the own number of gov.cn texts matches their label", "[docnumber]") {
    // tests/fixtures/govcn_labels.tsv: the gov.cn 发文字号 of the texts copied to fixtures/texts.
    std::ifstream labels(GONGWEN_TEST_SOURCE_FIXTURES "/govcn_labels.tsv");
    REQUIRE(labels);
    std::string row;
    std::getline(labels, row);   // header
    int checked = 0;
    while (std::getline(labels, row)) {
        const std::string name = row.substr(0, row.find('\t'));
        const std::string label = row.substr(row.find('\t') + 1);
        INFO(name << " labelled " << label);
        const auto lines = text_lines(name);
        REQUIRE_FALSE(lines.empty());
        const auto expected = parse_doc_number(label);
        REQUIRE(expected);
        const Document document = enriched(lines);
        CHECK(own_number(document) == expected->normalized);
        for (const auto& citation : document.cited_documents) CHECK(citation.doc_number != expected->normalized);
        ++checked;
    }
    CHECK(checked >= 3);
}
