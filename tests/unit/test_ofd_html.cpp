// The ofd and html plugins: the reference 公文 (tests/fixtures/texts/formats_notice.txt) as OFD,
// HTML (UTF-8 and GB2312) and MHTML gives the fields and tasks of its PDF, field by field; real OFD
// samples are read; the web-page saves' HTML sources give their labelled fields; the parsers'
// pieces (DeltaX repeats, quoted-printable, charsets) on their own.
#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gongwen/core/pipeline.hpp"
#include "gongwen/text.hpp"
#include "html_source.hpp"
#include "ofd_package.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::filesystem::path kFixtures = GONGWEN_TEST_SOURCE_FIXTURES;

json extract_json(const std::filesystem::path& file) {
    const auto result = test::run_gongwen("extract --json " + test::quote(file));
    INFO(file << "\nstderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

/// The fields a reader of the notice cares about, compared between two extractions of it.
void check_same_fields(const json& want, const json& got) {
    CHECK(got["doc_number"]["normalized"] == want["doc_number"]["normalized"]);
    CHECK(got["issuers"] == want["issuers"]);
    CHECK(test::without_spaces(got["title"].get<std::string>()) == test::without_spaces(want["title"].get<std::string>()));
    CHECK(got["doc_type"] == want["doc_type"]);
    CHECK(got["recipients"] == want["recipients"]);
    CHECK(got["signed_date"] == want["signed_date"]);
    CHECK(got["attachments"] == want["attachments"]);
    CHECK(got["note"] == want["note"]);
    std::vector<std::string> cited_want, cited_got;
    for (const auto& cited : want["cited_documents"]) cited_want.push_back(cited["doc_number"].is_null() ? "" : cited["doc_number"].get<std::string>());
    for (const auto& cited : got["cited_documents"]) cited_got.push_back(cited["doc_number"].is_null() ? "" : cited["doc_number"].get<std::string>());
    CHECK(cited_got == cited_want);
    REQUIRE(got["tasks"].size() == want["tasks"].size());
    for (std::size_t i = 0; i < want["tasks"].size(); ++i) {
        const json& a = want["tasks"][i];
        const json& b = got["tasks"][i];
        INFO("task " << i + 1);
        CHECK(b["seq"] == a["seq"]);
        CHECK(test::without_spaces(b["task"].get<std::string>()) == test::without_spaces(a["task"].get<std::string>()));
        CHECK(b["units"] == a["units"]);
        CHECK(b["lead_units"] == a["lead_units"]);
        CHECK(b["deadline_text"] == a["deadline_text"]);
        CHECK(b["due"] == a["due"]);
        CHECK(b["kind"] == a["kind"]);
        CHECK(b["section"] == a["section"]);
        CHECK(b["parent"] == a["parent"]);
    }
}

/// What the notice says, whatever the format: a few direct expectations beside the comparison.
void check_notice(const json& document) {
    CHECK(document["doc_number"]["normalized"] == "澄政办发〔2024〕9号");
    CHECK(document["issuers"] == json::array({"澄江市人民政府办公室"}));
    CHECK(document["signed_date"] == "2024-03-18");
    CHECK(document["recipients"].size() == 3);
    bool cites = false;
    for (const auto& cited : document["cited_documents"]) cites = cites || cited["doc_number"] == "江政发〔2023〕15号";
    CHECK(cites);
    REQUIRE(document["tasks"].size() == 6);
    CHECK(document["tasks"][0]["section"] == "一、提升政务服务效能");
    CHECK(document["tasks"][2]["lead_units"] == json::array({"市政务服务管理局"}));   // the merged 牵头单位 of tasks 2 and 3
    CHECK(document["tasks"][5]["due"] == "2024-12-31");
}

/// A fresh instance of an in-tree extractor plugin, configured with `options`.
std::unique_ptr<Extractor> extractor(const std::string& name, const std::map<std::string, std::string>& options = {}) {
    void* library = ::dlopen((std::string(GONGWEN_TEST_PLUGIN_DIR "/gongwen-") + name + ".so").c_str(), RTLD_NOW | RTLD_LOCAL);
    INFO((library ? "" : ::dlerror()));
    REQUIRE(library != nullptr);
    using Entry = const GongwenPluginDescriptor* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(library, GONGWEN_PLUGIN_ENTRY_POINT));
    REQUIRE(entry != nullptr);
    std::unique_ptr<Extractor> instance(static_cast<Extractor*>(entry()->create()));
    PluginContext context;
    context.options = options;
    instance->configure(context);
    return instance;
}

std::span<const std::byte> bytes_of(const std::string& data) { return {reinterpret_cast<const std::byte*>(data.data()), data.size()}; }

const core::Pipeline& fields_pipeline() {
    static const core::Pipeline pipeline(test::in_tree_plugins(),
                                         core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", {}), nullptr);
    return pipeline;
}

}  // namespace

TEST_CASE("ofd: the reference notice as OFD gives the fields and tasks of its PDF", "[ofd]") {
    const json pdf = extract_json(kGenerated / "formats_notice.pdf");
    const json ofd = extract_json(kGenerated / "formats_notice.ofd");
    CHECK(ofd["source"]["format"] == "ofd");
    CHECK(ofd["source"]["extractor"] == "ofd");
    CHECK(ofd["source"]["pages"] == pdf["source"]["pages"]);
    check_notice(pdf);
    check_same_fields(pdf, ofd);
    check_notice(ofd);
    // The DocInfo and CustomData of the package, read as the page metadata the fields plugin knows.
    CHECK(ofd["metadata"]["发文字号"] == "澄政办发〔2024〕9号");
    CHECK(test::without_spaces(ofd["metadata"]["标题"].get<std::string>()) == test::without_spaces(ofd["title"].get<std::string>()));
    CHECK(ofd["extra"]["ofd_creator"] == "make_ofd_fixture");
    // The table came from the OFD's path objects: a ruled grid, as in the PDF.
    REQUIRE_FALSE(ofd["tables"].empty());
    CHECK(ofd["tables"][0]["ruled"] == true);
}

TEST_CASE("ofd: a three-page task table as OFD gives the tasks of its PDF", "[ofd]") {
    const json pdf = extract_json(kGenerated / "task_table.pdf");
    const json ofd = extract_json(kGenerated / "task_table.ofd");
    REQUIRE_FALSE(pdf["tasks"].empty());
    check_same_fields(pdf, ofd);
}

TEST_CASE("ofd: real OFD samples are read, their signatures listed as not read", "[ofd]") {
    // n.ofd: a 批复 exported by iOFD, two pages, with an electronic seal (Signatures.xml).
    const json notice = extract_json(kFixtures / "ofd" / "n.ofd");
    CHECK(notice["source"]["format"] == "ofd");
    CHECK(notice["source"]["pages"] == 2);
    CHECK(notice["doc_number"]["normalized"] == "路卫发〔2011〕76号");
    CHECK(test::without_spaces(notice["title"].get<std::string>()).find("关于同意张阿三同志辞职的批复") != std::string::npos);
    CHECK(notice["extra"]["ofd_ignored"].get<std::string>().find("signatures") != std::string::npos);
    // helloworld.ofd: one TextObject of mixed Han and Latin text with explicit advances.
    const json hello = extract_json(kFixtures / "ofd" / "helloworld.ofd");
    bool found = false;
    for (const auto& clause : hello["clauses"]) found = found || clause["text"].get<std::string>().find("你好呀，OFD Reader&Writer！") != std::string::npos;
    CHECK(found);
}

TEST_CASE("ofd: a page that is only an image is read by OCR", "[ofd][ocr]") {
    const json scan = extract_json(kGenerated / "scan_notice_image.ofd");
    CHECK(scan["source"]["format"] == "ofd");
    CHECK(scan["source"]["ocr_pages"] == json::array({1}));
    CHECK(scan["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
    CHECK(scan["signed_date"] == "2019-05-08");
    // The same scan under a stamped page number (a text layer of three characters): OCR'd too.
    const json stamped = extract_json(kGenerated / "scan_notice_stamped.ofd");
    CHECK(stamped["source"]["ocr_pages"] == json::array({1}));
    CHECK(stamped["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
    // Without the ocr plugin the file is refused with what to do about it.
    test::TempDir dir;
    test::write_file(dir / "no-ocr.toml", "[plugins]\ndisabled = [\"ocr\"]\n");
    const auto refused = test::run_gongwen("--config " + test::quote(dir / "no-ocr.toml") + " extract --json " +
                                           test::quote(kGenerated / "scan_notice_image.ofd"));
    CHECK(refused.status != 0);
    CHECK_THAT(refused.err, Catch::Contains("no OCR plugin is loaded") && Catch::Contains("enable the ocr plugin"));
}

TEST_CASE("ofd: identified by the OFD.xml in the first zip members, options checked", "[ofd]") {
    const auto ofd = extractor("ofd");
    const std::string package = test::read_file(kGenerated / "formats_notice.ofd");
    CHECK(ofd->identify(bytes_of(package.substr(0, 4096)), "x.bin") == 100);
    CHECK(ofd->identify(bytes_of(test::read_file(kGenerated / "formats_notice.pdf").substr(0, 4096)), "x.ofd") == 0);
    CHECK(ofd->identify(bytes_of(std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml word/document.xml"), "x.docx") == 0);
    CHECK(ofd->identify({}, "empty.ofd") == 0);
    // The same file read twice gives the same lines (no state kept between documents).
    Document first, second;
    ofd->extract({"a.ofd", bytes_of(package)}, first);
    ofd->extract({"a.ofd", bytes_of(package)}, second);
    REQUIRE(first.pages.size() == second.pages.size());
    CHECK(first.pages[0].lines.size() == second.pages[0].lines.size());
    CHECK(first.pages[0].rules.size() == second.pages[0].rules.size());
    // Not a zip at all: a reason, not a crash.
    Document broken;
    CHECK_THROWS_WITH(ofd->extract({"b.ofd", bytes_of("PK\x03\x04 not really")}, broken), Catch::Contains("not a readable OFD"));
    CHECK_THROWS_WITH(extractor("ofd", {{"line_tolerance", "3"}}), Catch::Contains("line_tolerance"));
}

TEST_CASE("ofd: a part whose bytes do not match its declared encoding is refused without a word on stderr", "[ofd]") {
    const auto result = test::run_gongwen("extract --json " + test::quote(kGenerated / "formats_notice_bad_encoding.ofd"));
    CHECK(result.status != 0);
    CHECK_THAT(result.err, Catch::Contains("Content.xml is not well-formed XML"));
    // libxml2 reports encoding errors on stderr unless told not to: only gongwen's line is there.
    CHECK_THAT(result.err, !Catch::Contains("encoding error"));
    CHECK_THAT(result.err, !Catch::Contains("I/O error"));
}

TEST_CASE("ofd: a package of several documents: the first is read, the rest named in a warning", "[ofd]") {
    const json document = extract_json(kGenerated / "formats_notice_two_documents.ofd");
    CHECK(document["doc_number"]["normalized"] == "澄政办发〔2024〕9号");
    bool warned = false;
    for (const auto& warning : document["warnings"]) warned = warned || warning.get<std::string>().find("holds 2 documents") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("ofd: DeltaX arrays with g repeats and number lists", "[ofd]") {
    CHECK(ofd::parse_deltas("g 3 1.5 2", 10) == std::vector<double>{1.5, 1.5, 1.5, 2});
    CHECK(ofd::parse_deltas("1 g 2 0.5", 10) == std::vector<double>{1, 0.5, 0.5});
    // A repeat count far beyond the text is capped, not allocated.
    CHECK(ofd::parse_deltas("g 1000000000 3", 4).size() == 4);
    CHECK(ofd::parse_deltas("g 2", 4).empty());   // a cut-off repeat is ignored
    CHECK(ofd::parse_numbers("0 0 210.5,297") == std::vector<double>{0, 0, 210.5, 297});
    CHECK(ofd::parse_numbers("1 nan x 2").size() == 2);
}

TEST_CASE("html: the reference notice as a web page gives the fields and tasks of its PDF", "[html]") {
    const json pdf = extract_json(kGenerated / "formats_notice.pdf");
    for (const char* name : {"formats_notice.html", "formats_notice_gbk.html", "formats_notice.mhtml", "formats_notice_gbk_base64.mht"}) {
        INFO(name);
        const json page = extract_json(kGenerated / name);
        CHECK(page["source"]["format"] == "html");
        CHECK(page["source"]["extractor"] == "html");
        check_same_fields(pdf, page);
        check_notice(page);
        // The site's menu, breadcrumb, footer, scripts and hidden blocks are not the document.
        const std::string text = page.dump();
        CHECK(text.find("办事服务") == std::string::npos);
        CHECK(text.find("网站标识码") == std::string::npos);
        CHECK(text.find("隐藏的统计代码") == std::string::npos);
        CHECK(text.find("var menu") == std::string::npos);
    }
    CHECK(extract_json(kGenerated / "formats_notice_gbk.html")["extra"]["html_charset"] == "gb2312");
    CHECK(extract_json(kGenerated / "formats_notice_gbk_base64.mht")["extra"]["html_charset"] == "gb2312");
    const json archive = extract_json(kGenerated / "formats_notice.mhtml");
    CHECK(archive["extra"]["html_location"] == "http://www.chengjiang.gov.cn/zwgk/zcwj/2024/0318/9.html");
}

TEST_CASE("html: the web-page saves' HTML sources give their labelled fields", "[html][websaves]") {
    std::ifstream in(kFixtures / "websaves" / "labels.tsv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);   // header
    auto worker = fields_pipeline().make_worker();
    int read = 0;
    while (std::getline(in, line)) {
        const auto cells = test::split(line, '\t');
        REQUIRE(cells.size() == 9);
        const auto html = kFixtures / "websaves" / "html" / (std::filesystem::path(cells[0]).stem().string() + ".html");
        if (!std::filesystem::exists(html)) continue;
        ++read;
        INFO(html.filename());
        const Document document = worker->process(html);
        CHECK(document.source.format == "html");
        CHECK((document.doc_number ? document.doc_number->normalized : "") == cells[1]);
        CHECK(test::join(document.issuers, "、") == cells[2]);
        CHECK(test::without_spaces(document.title.value_or("")) == test::without_spaces(cells[3]));
        CHECK(document.doc_type.value_or("") == cells[4]);
        CHECK(document.signed_date.value_or("") == cells[5]);
        CHECK(test::join(document.recipients, "|") == cells[6]);
        CHECK(document.printed_by.value_or("") == cells[7]);
        CHECK(document.printed_date.value_or("") == cells[8]);
    }
    CHECK(read == 8);
}

TEST_CASE("html: a GBK page laid out with tables, as older government sites are", "[html]") {
    const json page = extract_json(kFixtures / "html" / "layout_table_gbk.html");
    CHECK(page["extra"]["html_charset"] == "gb2312");
    CHECK(page["doc_number"]["normalized"] == "临应急〔2023〕12号");
    CHECK(page["issuers"] == json::array({"临江市应急管理局"}));
    CHECK(page["title"] == "临江市应急管理局关于做好2023年度安全生产工作的通知");
    CHECK(page["signed_date"] == "2023-03-01");
    CHECK(page["recipients"] == json::array({"各区县人民政府", "市各有关部门"}));
    CHECK(page["attachments"] == json::array({"安全生产责任清单.doc"}));
    REQUIRE(page["cited_documents"].size() == 1);
    CHECK(page["cited_documents"][0]["doc_number"] == "江政发〔2022〕8号");
    std::vector<std::string> due;
    for (const auto& deadline : page["deadlines"]) due.push_back(deadline["due"].is_null() ? "" : deadline["due"].get<std::string>());
    CHECK(due == std::vector<std::string>{"2023-04-30", "2023-06-30"});
    // The menu cell (links to other pages) and the script are not read.
    const std::string text = page.dump();
    CHECK(text.find("互动交流") == std::string::npos);
    CHECK(text.find("广告") == std::string::npos);
    // The clauses are the body's: 一、 and 二、 with their texts, nothing of the layout around them.
    std::vector<std::string> paths;
    for (const auto& clause : page["clauses"]) paths.push_back(clause["path"]);
    CHECK(paths == std::vector<std::string>{"", "一、", "二、"});
}

TEST_CASE("html: identified by content, ahead of the text plugin", "[html]") {
    test::TempDir dir;
    auto worker = fields_pipeline().make_worker();
    // No doctype, no <html>, no extension: a fragment that starts with <meta> is a page, not text.
    test::write_file(dir / "fragment", "<meta charset=\"utf-8\"><p style=\"text-align:center\">关于开展安全检查的通知</p><p>各单位：</p>");
    const Document fragment = worker->process(dir / "fragment");
    CHECK(fragment.source.extractor == "html");
    REQUIRE_FALSE(fragment.pages.empty());
    REQUIRE(fragment.pages[0].lines.size() == 2);
    const Line& title = fragment.pages[0].lines[0];
    // Centred: as far from the left margin as from the right one.
    CHECK(std::abs((title.box.x0 - 79.37) - (79.37 + 448 - title.box.x1)) < 1);
    // A site banner in <header> is left out; a <header> that holds the page's <h1> is read.
    test::write_file(dir / "header.html",
                     "<html><body><header><div>某某市人民政府门户网站</div></header><div><header><h1>关于开展安全检查的通知</h1></header>"
                     "<p>各单位：</p></div><footer>版权所有</footer></body></html>");
    const Document headed = worker->process(dir / "header.html");
    std::string text;
    for (const auto& line : headed.pages.at(0).lines) text += line.text + "\n";
    CHECK(text == "关于开展安全检查的通知\n各单位：\n");
    // Lists of links to other pages (a menu without a telling class, related articles) are left
    // out; a list of links to files (the attachments) and a link inside a sentence are kept.
    test::write_file(dir / "links.html",
                     "<html><body><div><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a> <a href='/bs/'>办事服务</a></div>"
                     "<div><h1>关于开展安全检查的通知</h1><p>各单位：</p>"
                     "<p>请按<a href='/zcwj/1.html'>《安全检查办法》</a>组织开展检查，于2024年5月31日前报送检查情况。</p>"
                     "<p>文档附件：<a href='/files/1.doc'>检查表.doc</a> <a href='/files/2.xls'>汇总表.xls</a> "
                     "<a href='/files/3.pdf?v=2'>说明.pdf</a></p></div>"
                     "<ul><li><a href='/a/1.html'>关于做好防汛工作的通知</a></li><li><a href='/a/2.html'>关于做好抗旱工作的通知</a></li>"
                     "<li><a href='/a/3.html'>关于做好消防工作的通知</a></li></ul></body></html>");
    const Document linked = worker->process(dir / "links.html");
    std::string linked_text;
    for (const auto& line : linked.pages.at(0).lines) linked_text += line.text + "\n";
    CHECK(linked_text.find("办事服务") == std::string::npos);
    CHECK(linked_text.find("防汛工作") == std::string::npos);
    CHECK(linked_text.find("《安全检查办法》") != std::string::npos);
    CHECK(linked_text.find("检查表.doc 汇总表.xls 说明.pdf") != std::string::npos);
    // Plain text that mentions tags is still text.
    test::write_file(dir / "plain.txt", "关于<html>标签的说明\n正文。\n");
    CHECK(worker->process(dir / "plain.txt").source.extractor == "text");
}

TEST_CASE("html: options leave furniture in and set the charset of undeclared pages", "[html]") {
    const std::string page = test::read_file(kGenerated / "formats_notice.html");
    const auto text_of = [](const Document& document) {
        std::string text;
        for (const auto& line : document.pages.at(0).lines) text += line.text + "\n";
        return text;
    };
    Document stripped, kept;
    extractor("html")->extract({"a.html", bytes_of(page)}, stripped);
    extractor("html", {{"leave_out_furniture", "false"}})->extract({"a.html", bytes_of(page)}, kept);
    CHECK(text_of(stripped).find("办事服务") == std::string::npos);
    CHECK(text_of(kept).find("办事服务") != std::string::npos);
    CHECK(text_of(kept).find("隐藏的统计代码") == std::string::npos);   // hidden stays hidden
    // 關於 in Big5, in a page that declares nothing.
    Document big5;
    extractor("html", {{"fallback_charset", "big5"}})->extract({"b.html", bytes_of("<html><body><p>\xC3\xF6\xA9\xF3</p></body></html>")}, big5);
    CHECK(text_of(big5) == "關於\n");
    CHECK_FALSE(big5.warnings.empty());
    CHECK_THROWS_WITH(extractor("html", {{"fallback_charset", "no-such-charset"}}), Catch::Contains("fallback_charset"));
    CHECK_THROWS_WITH(extractor("html", {{"leave_out_furniture", "yes"}}), Catch::Contains("true or false"));
}

TEST_CASE("html: a colspan that runs into a rowspan from above stops short of it", "[html]") {
    // Found by fuzz/fuzz_html_page.cpp: the section row's colspan=5 starts in column 2 beside two
    // rowspans from the header and ran over the 完成时限 cell; browsers draw the cells overlapping.
    const std::string page =
        "<table><tr><td rowspan=2>序号</td><td rowspan=2>重点任务</td><td colspan=2>责任单位</td><td rowspan=2>完成时限</td></tr>"
        "<tr><td colspan=5>一、提升政务服务效能</td></tr><tr><td>1</td><td>推行企业开办</td><td>市市场监管局</td><td>市公安局</td>"
        "<td>2024年6月底前</td></tr></table>";
    Document document;
    extractor("html")->extract({"t.html", bytes_of(page)}, document);
    REQUIRE(document.tables.size() == 1);
    const Table& table = document.tables[0];
    CHECK(table.rows.size() == 3);
    CHECK(table.rows[0].size() == 5);   // no columns added by the overrun
    std::set<std::pair<int, int>> covered;
    for (const CellMerge& merge : table.merges) {
        for (int r = merge.row; r < merge.row + merge.rows; ++r) {
            for (int c = merge.column; c < merge.column + merge.columns; ++c) CHECK(covered.insert({r, c}).second);
        }
    }
    CHECK(table.rows[1][2] == "一、提升政务服务效能");
}

TEST_CASE("html: MHTML pieces and charsets", "[html]") {
    CHECK(html::decode_quoted_printable("=E5=85=B3=\r\nabc=3D") == "\xE5\x85\xB3" "abc=");
    CHECK(html::decode_base64("5YWz5LqO") == "关于");
    CHECK(html::sniff("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n") == html::SourceKind::mhtml);
    CHECK(html::sniff("  <!DOCTYPE html><html>") == html::SourceKind::html);
    // Internet Explorer's "mark of the web" comes first in pages it saved.
    CHECK(html::sniff("<!-- saved from url=(0043)http://www.gov.cn/zhengce/content/1.htm -->\r\n<HTML><HEAD>") == html::SourceKind::html);
    CHECK(html::sniff("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">") ==
          html::SourceKind::html);
    CHECK(html::sniff("关于印发的通知") == html::SourceKind::not_html);
    CHECK(html::sniff(std::string("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14)) == html::SourceKind::html);   // UTF-16LE
    CHECK(html::sniff(std::string("\xFE\xFF\0<\0h\0t\0m\0l\0>", 14)) == html::SourceKind::html);   // UTF-16BE
    const std::string utf16 = std::string("\xFF\xFE<\0p\0>\0\x73\x51\x8E\x4E", 12);          // <p>关于
    CHECK(html::decode_page(utf16).html == "<p>关于");
    // A lone surrogate (UTF-7 encodes UTF-16 units: +2AA- is D800 alone) becomes U+FFFD, never
    // invalid UTF-8 (found by fuzz/fuzz_html_page.cpp).
    const auto lone = html::decode_page("<html><head><meta charset=\"utf-7\"></head><body>+2AA-</body></html>");
    CHECK(lone.html.find("<body>\xEF\xBF\xBD</body>") != std::string::npos);
    CHECK(is_valid_utf8(lone.html));
    // GB2312 declared in the page: converted; a page that declares UTF-8 but is GBK is read as GBK.
    const std::string gbk_title = "\xB9\xD8\xD3\xDA";   // 关于 in GBK
    CHECK(html::decode_page("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>" + gbk_title +
                            "</body></html>")
              .html.find("关于") != std::string::npos);
    const auto mislabelled = html::decode_page("<html><head><meta charset=\"utf-8\"></head><body>" + gbk_title + "</body></html>");
    CHECK(mislabelled.html.find("关于") != std::string::npos);
    CHECK(mislabelled.charset_guessed);
    CHECK_THROWS_WITH(html::decode_page("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"),
                      Catch::Contains("without an HTML part"));
}
