// Web-page saves (tests/fixtures/websaves/): real documents inside the chrome of provincial and
// municipal sites, as PDFs printed by Chromium and as text saves. Every fixture runs through the
// real pipeline (extractor, docnumber, fields) and every labelled field must be exact: the labels
// were read off the documents by a person (labels.tsv), not taken from gongwen's output.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/core/pipeline.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

using gongwen::test::join;
using gongwen::test::split;
using gongwen::test::without_spaces;

const std::filesystem::path kFixtures = std::filesystem::path(GONGWEN_TEST_SOURCE_FIXTURES) / "websaves";

struct Label {
    std::string file, doc_number, issuers, title, doc_type, signed_date, recipients, printed_by, printed_date;
};

std::vector<Label> read_labels() {
    std::ifstream in(kFixtures / "labels.tsv");
    REQUIRE(in);
    std::vector<Label> labels;
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto cells = split(line, '\t');
        INFO("labels.tsv row: " << line);
        REQUIRE(cells.size() == 9);
        labels.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8]});
    }
    return labels;
}

const core::Pipeline& fields_pipeline() {
    static const core::Pipeline pipeline(test::in_tree_plugins(),
                                         core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", {}), nullptr);
    return pipeline;
}

// A body paragraph on one long line, as a page saved as text gives it: the short lines around it
// are not taken for a hard-wrapped paragraph, so each 版记 line stays a paragraph of its own.
const std::string kLongParagraph =
    "为做好今年防汛工作，确保人民群众生命财产安全，经市政府同意，现将有关事项通知如下：各区要落实防汛责任制，"
    "加强隐患排查，完善应急预案，备足抢险物资，严格执行汛期值班制度，确保信息畅通。\n";

Document extracted_text(const std::string& text) {
    test::TempDir dir;
    test::write_file(dir / "page.txt", text);
    return fields_pipeline().make_worker()->process(dir / "page.txt");
}

}  // namespace

TEST_CASE("every field of every web-page save is exact", "[fields][websaves]") {
    const auto labels = read_labels();
    REQUIRE(labels.size() >= 12);
    int pdfs = 0;
    auto worker = fields_pipeline().make_worker();
    for (const auto& want : labels) {
        if (std::filesystem::path(want.file).extension() == ".pdf") ++pdfs;
        const Document document = worker->process(kFixtures / want.file);
        INFO(want.file);
        CHECK((document.doc_number ? document.doc_number->normalized : "") == want.doc_number);
        CHECK(join(document.issuers, "、") == want.issuers);
        CHECK(without_spaces(document.title.value_or("")) == without_spaces(want.title));
        CHECK(document.doc_type.value_or("") == want.doc_type);
        CHECK(document.signed_date.value_or("") == want.signed_date);
        CHECK(join(document.recipients, "|") == want.recipients);
        CHECK(document.printed_by.value_or("") == want.printed_by);
        CHECK(document.printed_date.value_or("") == want.printed_date);
    }
    CHECK(pdfs * 2 >= static_cast<int>(labels.size()));
}

TEST_CASE("a 版记 on two lines gives the 印发机关 and the date, a wrapped 抄送 list stays whole", "[fields][websaves]") {
    const Document document = extracted_text(
        "XX市人民政府办公室关于做好防汛工作的通知\n"
        "各区人民政府，市政府各部门：\n" +
        kLongParagraph +
        "XX市人民政府办公室\n"
        "2021年3月1日\n"
        "抄送：市委各部门，市人大常委会办公厅，\n"
        "市政协办公厅，市法院，市检察院。\n"
        "XX市人民政府办公室\n"
        "2021年3月2日印发\n");
    CHECK(document.signed_date == "2021-03-01");
    CHECK(document.printed_by == "XX市人民政府办公室");
    CHECK(document.printed_date == "2021-03-02");
    CHECK(document.cc == std::vector<std::string>{"市委各部门", "市人大常委会办公厅", "市政协办公厅", "市法院", "市检察院"});
    REQUIRE(document.provenance.count("printed_by"));
    CHECK(document.provenance.at("printed_by").paragraph == 7);

    // On one line the 印发机关 is still read, and a date line above is no 印发机关.
    const Document one_line = extracted_text("XX市人民政府关于做好防汛工作的通知\n各区人民政府：\n" + kLongParagraph +
                                             "XX市人民政府\n2021年3月1日\nXX市人民政府办公室　　2021年3月2日印发\n");
    CHECK(one_line.printed_by == "XX市人民政府办公室");
    const Document no_agency = extracted_text("XX市人民政府关于做好防汛工作的通知\n各区人民政府：\n" + kLongParagraph +
                                              "XX市人民政府\n2021年3月1日\n2021年3月2日印发\n");
    CHECK(no_agency.printed_date == "2021-03-02");
    CHECK_FALSE(no_agency.printed_by);
}

TEST_CASE("a web page's metadata fills the fields the document lacks and says so", "[fields][websaves]") {
    // No signature date in the text: the metadata's 成文日期 fills it; 发布日期 never does, nor the
    // date of an article listed under the document.
    const Document document = extracted_text(
        "首页 > 政务公开 > 政策文件\n"
        "发文机关：\tXX市人民政府\n成文日期：\t2021-03-08\n发布日期：\t2021-03-20\n主送机关：\n"
        "关于做好防汛工作的通知\n"
        "各区人民政府：\n现将有关事项通知如下。\n"
        "相关文章\n关于做好抗旱工作的通知 2021-05-06\n");
    CHECK(document.issuers == std::vector<std::string>{"XX市人民政府"});
    CHECK(document.signed_date == "2021-03-08");
    CHECK(document.recipients == std::vector<std::string>{"各区人民政府"});
    REQUIRE(document.provenance.count("signed_date"));
    CHECK(document.provenance.at("signed_date").source == "metadata");
    REQUIRE(document.provenance.count("issuer"));
    CHECK(document.provenance.at("issuer").source == "metadata");

    // The 文号 and 成文日期 only in the metadata, the signature without a date under the text.
    const Document undated = extracted_text("首页 > 文件\n索引号：123/2021-1\n发文字号：温政办〔2021〕9号\n成文日期：2021-03-02\n"
                                            "关于做好防汛工作的通知\n各区人民政府：\n" + kLongParagraph + "温州市人民政府办公室\n");
    REQUIRE(undated.doc_number.has_value());
    CHECK(undated.doc_number->normalized == "温政办〔2021〕9号");
    CHECK(undated.provenance.at("doc_number").source == "metadata");
    CHECK(undated.provenance.at("doc_number").paragraph == 2);
    CHECK(undated.signed_date == "2021-03-02");
    CHECK(undated.issuers == std::vector<std::string>{"温州市人民政府办公室"});
    CHECK(undated.provenance.at("issuer").source.empty());

    // With a signature date the body wins and the metadata only confirms.
    const Document signed_one = extracted_text(
        "发文机关：XX市人民政府\n成文日期：2021-03-08\n关于做好防汛工作的通知\n各区人民政府：\n现将有关事项通知如下。\n"
        "XX市人民政府\n2021年3月8日\n");
    CHECK(signed_one.signed_date == "2021-03-08");
    CHECK(signed_one.provenance.at("signed_date").source.empty());
}

TEST_CASE("search 机关: finds a web save by the issuer its page names", "[fields][websaves][e2e]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    std::filesystem::create_directories(docs);
    for (const char* file : {"04-zhejiang.pdf", "09-tianjin-shuiwu.txt", "12-henan.txt"}) {
        std::filesystem::copy_file(kFixtures / file, docs / file);
    }
    const auto ingest = test::run_gongwen("ingest --index " + test::quote(dir / "index") + " " + test::quote(docs));
    INFO("stderr: " << ingest.err);
    REQUIRE(ingest.status == 0);
    auto found = [&](const std::string& query) {
        const auto result = test::run_gongwen("search --json --index " + test::quote(dir / "index") + " '" + query + "'");
        INFO("stderr: " << result.err);
        REQUIRE(result.status == 0);
        std::vector<std::string> files;
        const json page = json::parse(result.out);   // held: a range-for over a temporary's member dangles
        for (const auto& hit : page["results"]) {
            files.push_back(std::filesystem::path(hit["path"].get<std::string>()).filename().string());
        }
        std::sort(files.begin(), files.end());
        files.erase(std::unique(files.begin(), files.end()), files.end());
        return files;
    };
    CHECK(found("机关:天津") == std::vector<std::string>{"09-tianjin-shuiwu.txt"});
    CHECK(found("机关:浙江省军区") == std::vector<std::string>{"04-zhejiang.pdf"});
    CHECK(found("机关:河南省人民政府 就业") == std::vector<std::string>{"12-henan.txt"});
}

TEST_CASE("the page's own lines of other layouts are never fields", "[fields][websaves]") {
    // A menu set apart by spaces under the site's name, a `〔年〕号 + 标题` heading, empty fields of
    // labels the metadata reader does not list, and a list of articles dated 年月日 with no header.
    const Document document = extracted_text(
        "无锡市人民政府\n"
        "首页　政务公开　政务服务　互动交流　走进无锡\n"
        "〔2021〕12号 无锡市人民政府办公室关于做好稳就业工作的通知\n"
        "发文机构：\n联合发文单位：\n实施日期：\n"
        "锡政办发〔2021〕12号\n"
        "各市（县）、区人民政府，市各委办局，市各直属单位：\n" +
        kLongParagraph +
        "无锡市人民政府办公室\n"
        "2021年3月2日\n"
        "无锡市人民政府关于加快发展数字经济的实施意见\n"
        "2021年05月06日\n"
        "关于开展安全生产大检查的通知\n"
        "2021-04-01\n"
        "联系电话：0510-12345678　网站标识码：3202000001\n");
    CHECK(document.issuers == std::vector<std::string>{"无锡市人民政府办公室"});
    CHECK(document.title == "无锡市人民政府办公室关于做好稳就业工作的通知");
    CHECK(document.doc_number.has_value());
    CHECK(document.recipients == std::vector<std::string>{"各市（县）、区人民政府", "市各委办局", "市各直属单位"});
    CHECK(document.signed_date == "2021-03-02");

    // A site's status before its heading (`[有效]`, `（已废止）`) is not part of the title.
    for (const char* status : {"[有效]", "（已废止）"}) {
        const Document marked = extracted_text("首页 > 文件\n" + std::string(status) + "浙江省人民政府关于做好防汛工作的通知\n发布日期：2021-03-05\n"
                                               "各市、县（市、区）人民政府：\n" + kLongParagraph + "浙江省人民政府\n2021年3月2日\n");
        CHECK(marked.title == "浙江省人民政府关于做好防汛工作的通知");
        CHECK(marked.issuers == std::vector<std::string>{"浙江省人民政府"});
    }
}

TEST_CASE("a number in the list of other documents under a short notice is not its own", "[fields][websaves][docnumber]") {
    const Document document = extracted_text(
        "首页 > 政务公开 > 文件\n关于做好防汛工作的通知\n文号：\n各区人民政府：\n" + kLongParagraph +
        "温州市人民政府办公室\n2021年3月2日\n相关文件\n温政办〔2020〕5号 关于做好抗旱工作的通知 2020-05-01\n"
        "温政发〔2019〕8号\n关于加强河道管理的通知\n");
    CHECK_FALSE(document.doc_number.has_value());
    CHECK(document.signed_date == "2021-03-02");
    CHECK(document.issuers == std::vector<std::string>{"温州市人民政府办公室"});

    // The same list under a document that has its number: the number above the body is its own.
    const Document numbered = extracted_text(
        "关于做好防汛工作的通知\n温政办〔2021〕9号\n各区人民政府：\n" + kLongParagraph +
        "温州市人民政府办公室\n2021年3月2日\n相关文件\n温政发〔2019〕8号\n关于加强河道管理的通知\n");
    REQUIRE(numbered.doc_number.has_value());
    CHECK(numbered.doc_number->normalized == "温政办〔2021〕9号");
}

TEST_CASE("the numbers of a list of related articles under a web document are not its citations", "[fields][websaves][docnumber]") {
    const Document document = extracted_text(
        "首页 > 政务公开 > 文件\n关于做好防汛工作的通知\n温政办〔2021〕9号\n各区人民政府：\n"
        "根据《浙江省人民政府关于加强防汛工作的通知》（浙政发〔2020〕3号）要求，现将有关事项通知如下。" + kLongParagraph +
        "温州市人民政府办公室\n2021年3月2日\n相关文件\n温政办〔2020〕5号 关于做好抗旱工作的通知 2020-05-01\n"
        "温政发〔2019〕8号\n关于加强河道管理的通知\n");
    std::vector<std::string> cited;
    for (const auto& citation : document.cited_documents) cited.push_back(citation.doc_number);
    CHECK(cited == std::vector<std::string>{"浙政发〔2020〕3号"});

    // A number both cited in the text and listed under it stays cited.
    const Document both = extracted_text(
        "首页 > 政务公开 > 文件\n关于做好防汛工作的通知\n温政办〔2021〕9号\n各区人民政府：\n"
        "根据《温州市人民政府关于加强河道管理的通知》（温政发〔2019〕8号）要求，现将有关事项通知如下。" + kLongParagraph +
        "温州市人民政府办公室\n2021年3月2日\n相关文件\n温政发〔2019〕8号\n关于加强河道管理的通知\n");
    cited.clear();
    for (const auto& citation : both.cited_documents) cited.push_back(citation.doc_number);
    CHECK(cited == std::vector<std::string>{"温政发〔2019〕8号"});
}

TEST_CASE("a metadata table whose label cells have no colon is read as metadata, not as the head", "[fields][websaves]") {
    // Many sites print the block as a table: `成文日期<TAB>2023-02-08`, `文　　号 杭政办〔2023〕2号`.
    // The text has no signature: the issuer and date come from the cells.
    const Document document = extracted_text(
        "您的位置：首页 > 政务公开 > 政府文件\n"
        "关于进一步加强城市道路停车管理的实施意见\n"
        "发文单位\t杭州市人民政府办公厅\n成文日期\t2023-02-08\n文　　号　杭政办〔2023〕2号\n有效性 有效\n"
        "各区、县（市）人民政府，市政府各部门、各直属单位：\n" + kLongParagraph);
    REQUIRE(document.doc_number.has_value());
    CHECK(document.doc_number->normalized == "杭政办〔2023〕2号");
    CHECK(document.cited_documents.empty());
    CHECK(document.title == "关于进一步加强城市道路停车管理的实施意见");
    CHECK(document.issuers == std::vector<std::string>{"杭州市人民政府办公厅"});
    REQUIRE(document.provenance.count("issuer"));
    CHECK(document.provenance.at("issuer").source == "metadata");
    CHECK(document.signed_date == "2023-02-08");
    CHECK(document.recipients == std::vector<std::string>{"各区、县（市）人民政府", "市政府各部门、各直属单位"});

    // A body line that starts with a label word and a space is not metadata without a block to
    // stand in: a sentence keeps its words.
    const Document body = extracted_text("关于做好防汛工作的通知\n各区人民政府：\n标题 党建引领的做法要总结推广。\n" + kLongParagraph +
                                         "温州市人民政府办公室\n2021年3月2日\n");
    CHECK(body.metadata.count("标题") == 0);
    CHECK(body.title == "关于做好防汛工作的通知");
}
