// Tests for paragraph reconstruction, page-number removal and folding.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"

using namespace gongwen;
using namespace gongwen::core;

namespace {

Line line_at(std::string text, double x0, double x1, double y, double font = 16) {
    Line line;
    line.text = std::move(text);
    line.box = {x0, y, x1, y + font};
    Word word;
    word.text = line.text;
    word.box = line.box;
    word.font_size = font;
    line.words.push_back(word);
    return line;
}

Page text_page(std::initializer_list<const char*> lines, int number = 1) {
    Page page;
    page.number = number;
    for (const char* text : lines) page.lines.push_back(Line{text, {}, {}});
    return page;
}

}  // namespace

TEST_CASE("running page numbers are recognised in their printed and OCR forms", "[normalizer]") {
    CHECK(is_page_number_line("— 3 —"));
    CHECK(is_page_number_line("-3-"));
    CHECK(is_page_number_line("－ 12 －"));
    CHECK(is_page_number_line("一5 一"));
    CHECK_FALSE(is_page_number_line("3"));
    CHECK_FALSE(is_page_number_line("一、总体要求"));
    CHECK_FALSE(is_page_number_line("— 2023年 —"));
}

TEST_CASE("spaces between Han characters are removed, Latin spacing kept", "[normalizer]") {
    CHECK(remove_spaces_between_han("营商环 境") == "营商环境");
    CHECK(remove_spaces_between_han("申报 2023 年度") == "申报2023年度");
    CHECK(remove_spaces_between_han("数字　经济") == "数字经济");
    CHECK(remove_spaces_between_han("ISO 9001 认证") == "ISO 9001认证");
}

TEST_CASE("spaces between Han characters: runs of spaces, at the ends, and bad bytes", "[normalizer]") {
    CHECK(remove_spaces_between_han("营 \t　商") == "营商");
    CHECK(remove_spaces_between_han("  营商 ") == "  营商 ");
    CHECK(remove_spaces_between_han("营 a") == "营 a");
    // Invalid UTF-8 comes out as U+FFFD, as everywhere else.
    CHECK(remove_spaces_between_han("营\xff 商") == "营\uFFFD 商");
}

TEST_CASE("UTF-8 decoding: three-byte sequences, and bad ones read as U+FFFD a byte at a time", "[normalizer]") {
    CHECK(to_u32("a中\u0800\uFFFF") == U"a中\u0800\uFFFF");
    CHECK(to_u32("\xed\xa0\x80") == U"\uFFFD\uFFFD\uFFFD");   // a surrogate
    CHECK(to_u32("\xe0\x80\x80") == U"\uFFFD\uFFFD\uFFFD");   // overlong
    CHECK(to_u32("\xe4\xb8") == U"\uFFFD\uFFFD");               // cut short
    CHECK(to_u32("\xe4\xb8" "a") == U"\uFFFD\uFFFDa");
    CHECK(to_u32("\xf0\x9f\x98\x80") == U"\U0001F600");
}

TEST_CASE("trim removes ASCII, ideographic and no-break spaces and line ends, nothing inside", "[normalizer]") {
    CHECK(trim(" \t　\u00a0营 商\r\n") == "营 商");
    CHECK(trim("　 \n") == "");
    CHECK(trim("营商") == "营商");
    CHECK(trim(" \xe4\xb8 营") == "\uFFFD\uFFFD 营");
    CHECK(is_blank(" \t　\u00a0\r\n"));
    CHECK(is_blank(""));
    CHECK_FALSE(is_blank(" 营 "));
    CHECK_FALSE(is_blank(" \xff "));
}

TEST_CASE("folding for matching maps full-width ASCII and case, nothing else", "[normalizer]") {
    CHECK(fold_for_matching("ＡＢＣ１２３") == "abc123");
    CHECK(fold_for_matching("（一）") == "(一)");
    CHECK(fold_for_matching("〔2019〕") == "〔2019〕");
}

TEST_CASE("geometry: a line at the margin after a full line continues the paragraph", "[normalizer]") {
    Page page;
    page.number = 1;
    page.width = 595;
    page.lines.push_back(line_at("　　为持续深化改革，推行部门联合抽查，实现市场监管领域全覆", 111, 500, 100));
    page.lines.push_back(line_at("盖，现提出如下意见。", 79, 240, 130));
    page.lines.push_back(line_at("一、总体要求", 111, 220, 160));
    page.lines.push_back(line_at("— 1 —", 270, 320, 800));
    const auto paragraphs = build_paragraphs({page});
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[0].text.find("全覆盖，现提出") != std::string::npos);
    CHECK(paragraphs[1].text == "一、总体要求");
}

TEST_CASE("geometry: a sentence broken by a page break is joined", "[normalizer]") {
    Page first, second;
    first.number = 1, second.number = 2;
    first.lines.push_back(line_at("　　各地区要建立健全工作机制，切实加强组织领导，确保各项工", 111, 500, 100));
    first.lines.push_back(line_at("作任务落到实处，推动监管工作机", 79, 500, 130));
    first.lines.push_back(line_at("— 1 —", 270, 320, 800));
    second.lines.push_back(line_at("制不断完善。", 79, 200, 100));
    second.lines.push_back(line_at("　　二、主要目标", 111, 300, 130));
    const auto paragraphs = build_paragraphs({first, second});
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[0].text.find("监管工作机制不断完善") != std::string::npos);
    CHECK(paragraphs[0].page == 1);
    CHECK(paragraphs[1].page == 2);
}

TEST_CASE("geometry: a signature and date set flush right end their paragraphs, on the body's page or a page of their own", "[normalizer]") {
    Page body, tail, attachment;
    body.number = 1, tail.number = 2, attachment.number = 3;
    body.lines.push_back(line_at("　　各地区、各有关部门要进一步增强责任意识，对忠于职守、履职", 111, 500, 100));
    body.lines.push_back(line_at("尽责的，要给予表扬和鼓励；对未履行职责的，要依法依规严肃处", 79, 500, 130));
    body.lines.push_back(line_at("理，确保各项工作落到实处，推动监管工作取得实效，形成长效机", 79, 500, 160));
    body.lines.push_back(line_at("制。", 79, 111, 190));
    // The signature block fell onto a page of its own: its lines are the page's only ones.
    tail.lines.push_back(line_at("苏州市人民政府", 388, 500, 100));
    tail.lines.push_back(line_at("2019年4月2日", 404, 500, 130));
    attachment.lines.push_back(line_at("附件", 79, 111, 100));
    attachment.lines.push_back(line_at("部门联合抽查事项清单编制说明", 160, 384, 130));
    const auto paragraphs = build_paragraphs({body, tail, attachment});
    std::vector<std::string> texts;
    for (const auto& paragraph : paragraphs) texts.push_back(paragraph.text);
    CHECK(std::find(texts.begin(), texts.end(), "2019年4月2日") != texts.end());
    CHECK(std::find(texts.begin(), texts.end(), "附件") != texts.end());

    // On the body's page, the 抄送 line at the margin under the date is its own paragraph too.
    Page page;
    page.number = 1;
    page.lines = body.lines;
    page.lines.push_back(line_at("青州市财政局", 404, 500, 230));
    page.lines.push_back(line_at("2024年3月8日", 404, 500, 260));
    page.lines.push_back(line_at("抄送：市审计局。", 79, 207, 300));
    std::vector<std::string> same_page;
    for (const auto& paragraph : build_paragraphs({page})) same_page.push_back(paragraph.text);
    CHECK(std::find(same_page.begin(), same_page.end(), "2024年3月8日") != same_page.end());
    CHECK(std::find(same_page.begin(), same_page.end(), "抄送：市审计局。") != same_page.end());
}

TEST_CASE("geometry: a line of two fields set apart (发文字号 and 签发人) is not joined to the title under it", "[normalizer]") {
    Page page;
    page.number = 1;
    page.lines.push_back(line_at("　　今年入汛以来，我市遭受多轮强降雨袭击，部分水利设施受损，", 111, 500, 300));
    page.lines.push_back(line_at("为保障防汛救灾工作顺利开展，特申请追加防汛救灾资金一千五百", 79, 500, 330));
    page.lines.push_back(line_at("万元，妥否，请批示，并请市人民政府予以支持，抓紧研究办理。", 79, 500, 360));
    // The head of a 上行文: the number flush left, 签发人 flush right, on one line.
    Line head = line_at("青财预〔2024〕21号", 79, 215, 100);
    const Line signer = line_at("签发人：王建国", 388, 500, 100);
    head.text += " " + signer.text;
    head.box.x1 = signer.box.x1;
    head.words.push_back(signer.words.front());
    page.lines.insert(page.lines.begin(), head);
    page.lines.insert(page.lines.begin() + 1, line_at("青州市财政局关于申请追加2024年防汛救灾资", 79, 500, 140));
    page.lines.insert(page.lines.begin() + 2, line_at("金的请示", 260, 324, 170));
    const auto paragraphs = build_paragraphs({page});
    REQUIRE(paragraphs.size() >= 3);
    CHECK(paragraphs[0].text == "青财预〔2024〕21号签发人：王建国");
    CHECK(paragraphs[1].text == "青州市财政局关于申请追加2024年防汛救灾资");   // the fields join a title's lines
}

TEST_CASE("plain text: one paragraph a line stays as it is", "[normalizer]") {
    const auto paragraphs = build_paragraphs({text_page({"国务院关于推行部门联合监管的意见", "国发〔2019〕5号",
                                                         "各省、自治区、直辖市人民政府：",
                                                         "为持续深化改革，现提出如下意见。", "一、总体要求"})});
    REQUIRE(paragraphs.size() == 5);
    CHECK(paragraphs[1].text == "国发〔2019〕5号");
}

TEST_CASE("plain text: hard-wrapped lines without closing punctuation are joined", "[normalizer]") {
    const auto paragraphs = build_paragraphs({text_page({"　　为持续深化改革加快政府职能转变推行部门联合双随",
                                                         "机一公开监管实现市场监管领域全覆盖现提出如下意见。",
                                                         "一、总体要求"})});
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[0].text.find("联合双随机一公开") != std::string::npos);
}

TEST_CASE("plain text: a web page saved one paragraph a line keeps its short lines apart", "[normalizer]") {
    // Modeled on zj.gov.cn pages (tests/fixtures/fields/zhejiang-301789.txt): the title is the
    // 90th-percentile line (a long paragraph, many short names), so it looked like a full
    // hard-wrapped line and swallowed the `日期：…` line after it.
    std::vector<std::string> lines = {"文号： 浙政发〔2004〕4号", "浙江省人民政府关于表彰2002年冬季退役士兵安置工作先进单位和先进个人的通报",
                                      "日期：2012-07-14 23:08", std::string(100, 'a') + "。"};
    for (int i = 0; i < 12; ++i) lines.push_back("杭州市民政局林云伟");
    Page page;
    for (const auto& text : lines) page.lines.push_back(Line{text, {}, {}});
    const auto paragraphs = build_paragraphs({page});
    REQUIRE(paragraphs.size() == lines.size());
    CHECK(paragraphs[1].text == lines[1]);
    CHECK(paragraphs[2].text == "日期：2012-07-14 23:08");
}

TEST_CASE("plain text: the one longest line of a short document is not a wrapped line", "[normalizer]") {
    const auto paragraphs = build_paragraphs({text_page({"省政府办公厅关于推进教育现代化建设的实施意见", "各市、县（市、区）人民政府：",
                                                         "现提出如下意见。", "江苏省人民政府办公厅", "2013年5月13日"})});
    REQUIRE(paragraphs.size() == 5);
    CHECK(paragraphs[0].text == "省政府办公厅关于推进教育现代化建设的实施意见");
}
