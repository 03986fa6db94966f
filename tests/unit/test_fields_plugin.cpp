// Tests for the fields enricher, element by element (GB/T 9704 head, signature block, 版记, web
// metadata, deadlines with their clause, provenance), through the real pipeline on small texts
// modeled on real documents. tests/unit/test_fields_labelled.cpp scores whole real documents.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gongwen/core/pipeline.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

Document extracted(const std::string& text) {
    test::TempDir dir;
    test::write_file(dir / "document.txt", text);
    const core::Config config = core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", {});
    const core::Pipeline pipeline(test::in_tree_plugins(), config, nullptr);
    return pipeline.make_worker()->process(dir / "document.txt");
}

// A fixture text rendered as a PDF at build time (tests/fixtures/texts/NAME.txt), extracted.
Document extracted_fixture(const std::string& name) {
    const core::Config config = core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", {});
    const core::Pipeline pipeline(test::in_tree_plugins(), config, nullptr);
    return pipeline.make_worker()->process(std::filesystem::path(GONGWEN_TEST_GENERATED_FIXTURES) / (name + ".pdf"));
}

using Strings = std::vector<std::string>;

const Deadline* deadline(const Document& document, const std::string& text) {
    const auto it = std::find_if(document.deadlines.begin(), document.deadlines.end(),
                                 [&](const Deadline& d) { return d.text == text; });
    return it == document.deadlines.end() ? nullptr : &*it;
}

// A 下行文 laid out as GB/T 9704 prints it: 份号, 密级, 紧急程度, 标志, 发文字号, a title over two
// lines, 主送, body, 附件说明, signature, date, 附注, 抄送, 印发.
const char* kFullNotice =
    "000123\n"
    "机密★1年\n"
    "特急\n"
    "江苏省人民政府办公厅文件\n"
    "苏政办发〔2019〕12号\n"
    "江苏省人民政府办公厅关于加快推进\n"
    "数字政府建设的通知\n"
    "各市、县（市、区）人民政府，省各委办厅局，省各直属单位：\n"
    "为贯彻落实《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号），现就有关事项通知如下。\n"
    "一、完善平台功能\n"
    "各地要于2019年6月底前完成省市平台对接，年底前实现政务服务事项全程网办。\n"
    "二、加强组织保障\n"
    "各地区、各部门要在三季度末前开展专项督查，力争到2020年基本建成全省一体化平台。\n"
    "附件：1. 重点任务分工表 2. 联系人名单\n"
    "江苏省人民政府办公厅\n"
    "2019年3月5日\n"
    "（此件公开发布）\n"
    "抄送：省委办公厅，省人大常委会办公厅，省政协办公厅。\n"
    "江苏省人民政府办公厅 2019年3月6日印发\n";

}  // namespace

TEST_CASE("every GB/T 9704 element of a notice is read", "[fields]") {
    const Document document = extracted(kFullNotice);
    REQUIRE(document.doc_number);
    CHECK(document.doc_number->normalized == "苏政办发〔2019〕12号");
    CHECK(document.secrecy == "机密★1年");
    CHECK(document.urgency == "特急");
    CHECK(document.issuers == Strings{"江苏省人民政府办公厅"});
    CHECK(document.title == "江苏省人民政府办公厅关于加快推进数字政府建设的通知");
    CHECK(document.doc_type == "通知");
    CHECK(document.recipients == Strings{"各市、县（市、区）人民政府", "省各委办厅局", "省各直属单位"});
    CHECK(document.signed_date == "2019-03-05");
    CHECK(document.note == "（此件公开发布）");
    CHECK(document.cc == Strings{"省委办公厅", "省人大常委会办公厅", "省政协办公厅"});
    CHECK(document.printed_by == "江苏省人民政府办公厅");
    CHECK(document.printed_date == "2019-03-06");
    CHECK(document.attachments == Strings{"重点任务分工表", "联系人名单"});
}

TEST_CASE("deadlines carry their normalized day, kind and clause", "[fields]") {
    const Document document = extracted(kFullNotice);
    const Deadline* june = deadline(document, "2019年6月底前");
    REQUIRE(june);
    CHECK(june->due == "2019-06-30");
    CHECK(june->kind == "deadline");
    CHECK(june->clause == "一、");
    const Deadline* year_end = deadline(document, "年底前");   // the year of the document's date
    REQUIRE(year_end);
    CHECK(year_end->due == "2019-12-31");
    const Deadline* quarter = deadline(document, "三季度末前");
    REQUIRE(quarter);
    CHECK(quarter->due == "2019-09-30");
    CHECK(quarter->clause == "二、");
    const Deadline* target = deadline(document, "2020年");
    REQUIRE(target);
    CHECK(target->kind == "target");
    CHECK(target->due == "2020-12-31");
    // The signature date and the 印发 date are the document's own, not deadlines of its text.
    CHECK_FALSE(deadline(document, "2019年3月5日"));
}

TEST_CASE("every extracted value says where it was read", "[fields]") {
    const Document document = extracted(kFullNotice);
    for (const char* field : {"title", "issuer", "recipients", "signed_date", "note", "cc", "printed_date", "attachments",
                              "urgency", "secrecy"}) {
        INFO(field);
        REQUIRE(document.provenance.count(field));
        const Provenance& where = document.provenance.at(field);
        CHECK(where.page == 1);
        REQUIRE(where.paragraph >= 0);
        REQUIRE(static_cast<std::size_t>(where.paragraph) < document.paragraphs.size());
        CHECK(where.end > where.begin);
    }
    const Provenance& date = document.provenance.at("signed_date");
    CHECK(document.paragraphs[static_cast<std::size_t>(date.paragraph)].text.substr(date.begin, date.end - date.begin) ==
          "2019年3月5日");
    CHECK(document.paragraphs[static_cast<std::size_t>(document.provenance.at("title").paragraph)].text ==
          "江苏省人民政府办公厅关于加快推进");
}

TEST_CASE("joint issuers: a masthead, a title and a signature that list several organs", "[fields]") {
    const Document masthead = extracted("国务院办公厅 中央军委办公厅文件\n国办发〔2019〕9号\n关于做好退役军人安置工作的通知\n"
                                        "各省、自治区、直辖市人民政府：\n现就有关事项通知如下。\n国务院办公厅 中央军委办公厅\n2019年3月1日\n");
    CHECK(masthead.issuers == Strings{"国务院办公厅", "中央军委办公厅"});

    // zj.gov.cn prints joint issuers with a space in the title; only the space tells them apart.
    const Document title = extracted("浙江省人民政府　浙江省军区 关于表彰先进单位的通报\n各市、县人民政府，各军分区：\n"
                                     "现予通报表彰。\n二○○四年二月二日\n");
    CHECK(title.issuers == Strings{"浙江省人民政府", "浙江省军区"});
    CHECK(title.title == "浙江省人民政府浙江省军区关于表彰先进单位的通报");
    CHECK(title.signed_date == "2004-02-02");

    // A space inside one name is not a separator: 办公厅 alone is no organ.
    const Document spaced = extracted("江苏省人民政府 办公厅关于做好防汛工作的通知\n各市人民政府：\n现就有关事项通知如下。\n"
                                      "江苏省人民政府办公厅\n2019年6月1日\n");
    CHECK(spaced.issuers == Strings{"江苏省人民政府办公厅"});

    const Document signature = extracted("关于同意迁址新建的批复\n武警总部：\n同意迁址新建。\n国务院　中央军委\n一九九六年十一月五日\n");
    CHECK(signature.issuers == Strings{"国务院", "中央军委"});

    // The organs' names stacked on lines of their own above a 文件 line: the masthead, not the title.
    const Document stacked = extracted("青州市财政局\n青州市教育局\n文件\n青财教〔2024〕3号\n"
                                       "青州市财政局 青州市教育局关于印发《青州市学前教育发展专项资金管理办法》的通知\n"
                                       "各县（市、区）财政局、教育局：\n现将办法印发给你们，请遵照执行。\n青州市财政局 青州市教育局\n2024年3月8日\n");
    CHECK(stacked.issuers == Strings{"青州市财政局", "青州市教育局"});
    CHECK(stacked.title == "青州市财政局青州市教育局关于印发《青州市学前教育发展专项资金管理办法》的通知");
    CHECK(stacked.doc_type == "通知");

    // The same masthead as a scan reads it, on one line without a space: split where the place
    // starts again; organs of no place stay as printed.
    const Document glued = extracted("青州市财政局青州市教育局文件\n青财教〔2024〕3号\n关于印发学前教育发展专项资金管理办法的通知\n"
                                     "各县（市、区）财政局、教育局：\n现将办法印发给你们。\n2024年3月8日\n");
    CHECK(glued.issuers == Strings{"青州市财政局", "青州市教育局"});
    const Document one = extracted("青州市人民政府办公室文件\n青政办发〔2024〕3号\n关于做好春耕生产的通知\n各县（市、区）人民政府：\n现就有关事项通知如下。\n2024年3月8日\n");
    CHECK(one.issuers == Strings{"青州市人民政府办公室"});

    // A scanned title's first line as OCR reads it: a mark between the joint issuers, the last
    // character of the line lost. The signature spells the names out: they complete the issuers
    // and the title's head.
    const Document cut = extracted("青教联〔2024〕2号\n青州市教育局”青州市卫生健康委员\n关于2023年度全市学校卫生工作检查情况的通报\n"
                                   "各县（市、区）教育局、卫生健康局：\n现将检查情况通报如下。\n青州市教育局　青州市卫生健康委员会\n2024年1月22日\n");
    CHECK(cut.issuers == Strings{"青州市教育局", "青州市卫生健康委员会"});
    CHECK(cut.title == "青州市教育局青州市卫生健康委员会关于2023年度全市学校卫生工作检查情况的通报");
    const Document cut_one = extracted("青财预〔2024〕2号\n青州市财政\n关于下达2024年专项资金的通知\n各县（市、区）财政局：\n"
                                       "现将资金下达给你们。\n青州市财政局\n2024年1月22日\n");
    CHECK(cut_one.issuers == Strings{"青州市财政局"});
    CHECK(cut_one.title == "青州市财政局关于下达2024年专项资金的通知");
    // A different organ in the signature (a forwarded report's author) completes nothing.
    const Document other = extracted("青政办发〔2024〕2号\n青州市人民政府办公室关于转发市财政局报告的通知\n各县（市、区）人民政府：\n"
                                     "现将报告转发给你们。\n青州市人民政府办公室\n2024年1月22日\n");
    CHECK(other.issuers == Strings{"青州市人民政府办公室"});
}

// A 上行文 (tests/fixtures/texts/upward_request.txt, as a PDF): its 发文字号 flush left and the
// 签发人 flush right on one line, which runs from margin to margin but is no wrapped text line;
// the title under it is two lines, the first as wide as the text.
TEST_CASE("a 请示 whose 发文字号 shares its line with the 签发人 keeps its title", "[fields]") {
    const Document document = extracted_fixture("upward_request");
    REQUIRE(document.doc_number);
    CHECK(document.doc_number->normalized == "青财预〔2024〕21号");
    CHECK(document.title == "青州市财政局关于申请追加2024年防汛救灾资金和水毁工程修复资金的请示");
    CHECK(document.doc_type == "请示");
    CHECK(document.issuers == Strings{"青州市财政局"});
    CHECK(document.recipients == Strings{"市人民政府"});
    CHECK(document.signed_date == "2024-07-15");
    CHECK(document.attachments.size() == 2);
}

// A 令 (tests/fixtures/texts/order_decree.txt): its 标志 names the issuer, the number is the 标志
// and the `第18号` under it, the title is the regulation it promulgates. Scanned, the red 标志 is
// read apart from the body (Page::masthead) and must still give all three.
TEST_CASE("a 令: issuer and number from its 标志, the regulation's name as title, also scanned", "[fields]") {
    for (const char* name : {"order_decree", "order_decree_scanned"}) {
        INFO(name);
        const Document document = extracted_fixture(name);
        REQUIRE(document.doc_number);
        CHECK(document.doc_number->normalized == "青州市人民政府令第18号");
        CHECK(document.issuers == Strings{"青州市人民政府"});
        CHECK(document.doc_type == "命令");
        CHECK(document.title == "青州市城市绿化管理办法");
        CHECK(document.signed_date == "2024-04-20");
    }
}

// A 纪要 (tests/fixtures/texts/minutes_meeting.txt, as a PDF): no 主送, no signature; its 标志 is its
// title, the issuing office and the date share the line under the number.
TEST_CASE("a 纪要: its 标志 is the title, the office and date under its number are issuer and date", "[fields]") {
    const Document document = extracted_fixture("minutes_meeting");
    CHECK(document.title == "青州市人民政府常务会议纪要");
    CHECK(document.doc_type == "纪要");
    CHECK(document.issuers == Strings{"青州市人民政府办公室"});
    CHECK(document.signed_date == "2024-04-02");
    CHECK(document.recipients.empty());
    const Deadline* reserve = deadline(document, "2024年5月15日前");
    REQUIRE(reserve);
    CHECK(reserve->due == "2024-05-15");

    // Scanned, the red 标志 is read apart from the body text (Page::masthead): still the title.
    const Document scanned = extracted_fixture("minutes_meeting_scanned");
    CHECK(scanned.title == "青州市人民政府常务会议纪要");
    CHECK(scanned.doc_type == "纪要");
    CHECK(scanned.issuers == Strings{"青州市人民政府办公室"});
    CHECK(scanned.signed_date == "2024-04-02");

    // A title ending in 纪要 that names what it issues is a title like any other.
    const Document issuing = extracted("青州市人民政府办公室文件\n青政办发〔2024〕20号\n青州市人民政府办公室关于印发2024年第一次常务会议纪要\n的通知\n"
                                       "各县（市、区）人民政府：\n现将会议纪要印发给你们。\n青州市人民政府办公室\n2024年4月3日\n");
    CHECK(issuing.title == "青州市人民政府办公室关于印发2024年第一次常务会议纪要的通知");
    CHECK(issuing.doc_type == "通知");
}

TEST_CASE("a 公告 numbered 第3号 under its title: the number is not part of the title", "[fields]") {
    const Document notice = extracted("青州市人民政府\n公　告\n第3号\n为加强城市管理，市人民政府决定，自2024年5月1日起在城区主干道禁止燃放烟花爆竹。\n"
                                      "特此公告。\n青州市人民政府\n2024年4月10日\n");
    CHECK(notice.title == "青州市人民政府公告");
    CHECK(notice.doc_type == "公告");
    CHECK(notice.issuers == Strings{"青州市人民政府"});
    CHECK(notice.signed_date == "2024-04-10");
    CHECK_FALSE(notice.doc_number);
}

// A bureau's notice whose 成文日期, set flush right, has the 版记 right under it at the left margin
// (tests/fixtures/texts/redhead_bureau_banji.txt, as a PDF): the date is a paragraph of its own, not
// the start of one that runs on into 抄送.
TEST_CASE("a 成文日期 set flush right is not joined to the 抄送 line under it", "[fields]") {
    const Document document = extracted_fixture("redhead_bureau_banji");
    CHECK(document.signed_date == "2024-03-08");
    CHECK(document.issuers == Strings{"青州市财政局"});
    CHECK(document.cc == Strings{"市审计局", "市人大常委会预算工作委员会"});
    CHECK(document.printed_date == "2024-03-11");
    const auto date_alone = std::find_if(document.paragraphs.begin(), document.paragraphs.end(),
                                         [](const Paragraph& paragraph) { return paragraph.text == "2024年3月8日"; });
    CHECK(date_alone != document.paragraphs.end());
}

TEST_CASE("an organ's name alone above the doc number stands for the masthead", "[fields]") {
    // tests/fixtures/tables/tsv_task_table.txt, as Changzhou's web page prints it.
    const Document document = extracted("常州市人民政府办公室\n常政办发〔2021〕30号\n市政府办公室关于印发养老服务体系建设工作任务分工的通知\n"
                                        "各辖市、区人民政府，市各委办局：\n现将任务分工印发给你们。\n常州市人民政府办公室\n2021年5月10日\n");
    CHECK(document.title == "市政府办公室关于印发养老服务体系建设工作任务分工的通知");
    CHECK(document.issuers == Strings{"常州市人民政府办公室"});
    CHECK(document.doc_type == "通知");
    CHECK(document.signed_date == "2021-05-10");
}

TEST_CASE("a title glued to the 主送 line by the PDF line builder is split off", "[fields]") {
    // tests/fixtures/texts/task_table.txt rendered: the full-width title line and the 主送 line
    // under it become one paragraph.
    const Document document = extracted("苏州市人民政府办公室\n苏府办〔2023〕15号\n"
                                        "市政府办公室关于优化营商环境重点任务分工的实施意见各区人民政府，市各委办局，各直属单位：\n"
                                        "现就重点任务分工提出如下实施意见。\n苏州市人民政府办公室\n2023年3月15日\n");
    CHECK(document.title == "市政府办公室关于优化营商环境重点任务分工的实施意见");
    CHECK(document.recipients == Strings{"各区人民政府", "市各委办局", "各直属单位"});
    CHECK(document.doc_type == "意见");
    const Document chain = extracted("江苏省人民政府办公厅关于转发《省财政厅关于加强预算管理的通知》的\n通知各市、县（市、区）人民政府：\n"
                                     "现转发给你们。\n江苏省人民政府办公厅\n2023年3月15日\n");
    CHECK(chain.title == "江苏省人民政府办公厅关于转发《省财政厅关于加强预算管理的通知》的通知");
    CHECK(chain.recipients == Strings{"各市、县（市、区）人民政府"});
}

TEST_CASE("a 令 is titled by the regulation it promulgates, even when the name wraps", "[fields]") {
    const Document document = extracted("中华人民共和国国务院令\n第707号\n现公布修订后的《中华人民共和国个人所得税法实施条\n"
                                        "例》，自2019年1月1日起施行。\n总理　李克强\n2018年12月18日\n");
    CHECK(document.doc_number->normalized == "国务院令第707号");
    CHECK(document.title == "中华人民共和国个人所得税法实施条例");
    CHECK(document.doc_type == "命令");
    CHECK(document.issuers == Strings{"国务院"});
    CHECK(document.signed_date == "2018-12-18");
}

TEST_CASE("a spelled-out signature beats a title that abbreviates the issuer, not one that names it", "[fields]") {
    const Document abbreviated = extracted("苏政办发〔2013〕85号\n省政府办公厅关于推进教育现代化建设的实施意见\n各市、县（市、区）人民政府：\n"
                                           "现提出如下意见。\n江苏省人民政府办公厅\n2013年5月13日\n");
    CHECK(abbreviated.issuers == Strings{"江苏省人民政府办公厅"});
    CHECK(abbreviated.doc_type == "意见");

    // A forwarded report closes with its author's name; the title names the issuer in full.
    const Document forwarded = extracted("国务院办公厅转发国家地震局关于加强防震减灾工作报告的通知\n各省、自治区、直辖市人民政府：\n"
                                         "国家地震局《关于加强防震减灾工作的报告》已经国务院同意，现转发给你们。\n国家地震局\n1998年5月4日\n");
    CHECK(forwarded.issuers == Strings{"国务院办公厅"});

    // A short line above the date that is no organ (an attachment title) is not a signature.
    const Document no_signature = extracted("市工业和信息化局关于组织申报推荐工作的通知\n各区工业和信息化主管部门：\n现就有关工作通知如下。\n"
                                            "附件：1. 推荐企业汇总表\n2. 企业申报材料\n2021年6月17日\n");
    CHECK(no_signature.issuers == Strings{"市工业和信息化局"});
    CHECK(no_signature.attachments == Strings{"推荐企业汇总表", "企业申报材料"});
}

TEST_CASE("a web page's metadata block fills what the text lacks and is never the title", "[fields]") {
    const Document document = extracted("索  引  号：000014349/2021-00012 主题分类：综合政务\n发文机关：江苏省人民政府\n"
                                        "成文日期：2021-03-08 发布日期：2021-03-10\n文　　号：苏政发〔2021〕18号\n"
                                        "关于公布省级权力清单的通知\n日期：2021-03-10 09:30\n来源：省政府办公厅\n"
                                        "各市、县（市、区）人民政府：\n现将清单予以公布。\n");
    CHECK(document.title == "关于公布省级权力清单的通知");
    CHECK(document.issuers == Strings{"江苏省人民政府"});
    CHECK(document.signed_date == "2021-03-08");
    CHECK(document.doc_number->normalized == "苏政发〔2021〕18号");
    CHECK(document.metadata.at("发布日期") == "2021-03-10");
    CHECK(document.deadlines.empty());   // 日期：2021-03-10 is the page's, not the text's

    // Text and metadata disagree: the text wins, with a warning.
    const Document clash = extracted("成文日期：2021-03-08\n关于公布省级权力清单的通知\n各市人民政府：\n现将清单予以公布。\n"
                                     "江苏省人民政府\n2021年3月9日\n");
    CHECK(clash.signed_date == "2021-03-09");
    CHECK(std::any_of(clash.warnings.begin(), clash.warnings.end(),
                      [](const std::string& w) { return w.find("成文日期") != std::string::npos; }));
}

TEST_CASE("the date paragraph: glued to the note, and the first one when a notice carries another document", "[fields]") {
    // gov.cn PDFs print （此件公开发布） right under the date; the paragraph builder joins them.
    const Document glued = extracted("国务院办公厅关于加强三级公立医院绩效考核工作的意见\n国办发〔2019〕4号\n各省、自治区、直辖市人民政府：\n"
                                     "现提出如下意见。\n附件：三级公立医院绩效考核指标\n国务院办公厅\n2019年1月16日（此件公开发布）\n");
    CHECK(glued.signed_date == "2019-01-16");
    CHECK(glued.note == "（此件公开发布）");
    CHECK(glued.issuers == Strings{"国务院办公厅"});

    // govcn-046 as a PDF: the attachment page's label joins the date paragraph.
    const Document attachment = extracted("国务院关于同意组建首都国际机场协调委员会的批复\n国函〔2006〕38号\n民航总局：\n同意组建。\n"
                                          "附件：协调委员会组建方案\n国务院\n二〇〇六年五月二十三日附件：\n协调委员会组建方案\n");
    CHECK(attachment.signed_date == "2006-05-23");
    const Document numbered = extracted("国务院关于深圳湾口岸港方口岸区范围的批复\n国函〔2006〕132号\n广东省人民政府：\n同意。\n"
                                        "附件：1.界址点坐标\n2.桥面界址点坐标\n国务院\n二〇〇六年十二月三十日附件1.\n界址点坐标\n");
    CHECK(numbered.signed_date == "2006-12-30");
    const Document ascii_note = extracted("国务院关于促进综合保税区开放发展的若干意见\n国发〔2019〕3号\n各省、自治区、直辖市人民政府：\n"
                                          "现提出以下意见。\n国务院\n2019年1月12日\n(此件公开发布)\n");
    CHECK(ascii_note.note == "（此件公开发布）");   // as the text version of the same document prints it
    CHECK(attachment.issuers == Strings{"国务院"});

    // govcn-052: the forwarded 请示 keeps its own signature and date after the notice's.
    const Document forwarding = extracted("国务院办公厅转发国家教委关于内地西藏班扩大规模有关问题请示的通知\n国办发〔1996〕32号\n"
                                          "北京、天津、上海人民政府：\n国家教委《关于内地西藏班扩大规模有关问题的请示》已经国务院同意，现转发给你们。\n"
                                          "国务院办公厅\n一九九六年七月十七日\n关于内地西藏班扩大规模有关问题的请示\n国务院：\n"
                                          "以上意见如无不妥，请批转各有关省（市）人民政府执行。\n国家教委\n一九九六年五月十三日\n");
    CHECK(forwarding.signed_date == "1996-07-17");
    CHECK(forwarding.issuers == Strings{"国务院办公厅"});
}

TEST_CASE("a web page's own dates after the signature are not the signature date", "[fields]") {
    const Document document = extracted("关于最终成果鉴定出版有关事项的通知\n教社科司函〔2006〕68号\n有关高等学校：\n现就有关事项通知如下。\n"
                                        "教育部社会科学司\n二ОО六年六月八日\n扫一扫分享本页\n发布日期：2008-04-25\n");
    CHECK(document.signed_date == "2006-06-08");
    CHECK(document.issuers == Strings{"教育部社会科学司"});
}

TEST_CASE("names padded with em spaces and separator lines are read as what they are", "[fields]") {
    // shanghai.gov.cn pages saved as Markdown: a rule under the metadata, a signature indented with
    // two U+2003.
    const Document document = extracted("---\n关于印发《行动方案》的通知\n沪府办发〔2025〕17号\n各区人民政府：\n现将《行动方案》印发给你们。\n"
                                        "\u2003\u2003上海市人民政府办公厅\n2025年9月4日\n");
    CHECK(document.title == "关于印发《行动方案》的通知");
    CHECK(document.issuers == Strings{"上海市人民政府办公厅"});
}

TEST_CASE("a title only the metadata gives still names its issuer, Markdown heading marks are dropped", "[fields]") {
    const Document front_matter = extracted("---\n标题: 上海市交通委员会 关于开展2023年核查工作的通知\n文号: 沪交港〔2023〕129号\n---\n"
                                            "各有关单位：\n现就有关事项通知如下。\n");
    CHECK(front_matter.title == "上海市交通委员会关于开展2023年核查工作的通知");
    CHECK(front_matter.issuers == Strings{"上海市交通委员会"});
    const Document heading = extracted("# 上海市交通委员会关于印发《行动方案》的通知\n沪交综〔2026〕149号\n各区人民政府：\n现予印发。\n");
    CHECK(heading.title == "上海市交通委员会关于印发《行动方案》的通知");
    CHECK(heading.issuers == Strings{"上海市交通委员会"});
}

TEST_CASE("文种 from the title, qualifiers and forwarding chains included", "[fields]") {
    auto type_of = [](const std::string& title) {
        return extracted(title + "\n各有关单位：\n现予印发。\n").doc_type.value_or("");
    };
    CHECK(type_of("国务院关于在市场监管领域全面推行部门联合监管的意见") == "意见");
    CHECK(type_of("省政府关于推进教育现代化建设的实施意见（试行）") == "意见");
    CHECK(type_of("国务院办公厅关于同意以深圳市名义申办大运会的复函") == "函");
    CHECK(type_of("国务院关于表彰先进单位的决定") == "决定");
    CHECK(type_of("关于召开全省工作会议的会议纪要") == "纪要");
    CHECK(type_of("市政府关于印发《2023年重点工作任务》的通知") == "通知");
    CHECK(type_of("国务院办公厅对十届全国人大四次会议第7240号建议的答复").empty());   // 答复 is none of the 15
}
