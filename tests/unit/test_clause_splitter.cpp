// Tests for clause markers, numbering validation and clause paths.
#include <catch2/catch.hpp>

#include "gongwen/core/clause_splitter.hpp"

using namespace gongwen;
using namespace gongwen::core;

namespace {

std::vector<Paragraph> paragraphs_of(std::initializer_list<const char*> texts) {
    std::vector<Paragraph> out;
    int page = 1;
    for (const char* text : texts) out.push_back({text, page++, true});
    return out;
}

}  // namespace

TEST_CASE("clause markers of every level are recognised with their canonical label", "[clauses]") {
    struct Case { const char* text; MarkerKind kind; int number; const char* label; };
    const Case cases[] = {
        {"一、总体要求", MarkerKind::level1, 1, "一、"},
        {"十二、保障措施", MarkerKind::level1, 12, "十二、"},
        {"（三）建立健全随机抽查“两库”。", MarkerKind::level2, 3, "（三）"},
        {"(十一)加强宣传", MarkerKind::level2, 11, "（十一）"},
        {"2.严格落实责任", MarkerKind::level3, 2, "2."},
        {"２．严格落实责任", MarkerKind::level3, 2, "2."},
        {"3、加强监督", MarkerKind::level3, 3, "3."},
        {"（1）建立清单", MarkerKind::level4, 1, "（1）"},
        {"第三章　监督管理", MarkerKind::chapter, 3, "第三章"},
        {"第二十一条 本办法自印发之日起施行。", MarkerKind::article, 21, "第二十一条"},
        {"第二部分　主要任务", MarkerKind::part, 2, "第二部分"},
        {"第二部分主要任务", MarkerKind::part, 2, "第二部分"},   // a short heading line, glued
        {"第三篇 构建现代产业体系", MarkerKind::part, 3, "第三篇"},
        {"第2部分 保障措施", MarkerKind::part, 2, "第二部分"},
        {"第一节　优化空间布局", MarkerKind::section, 1, "第一节"},
        {"2）落实属地责任", MarkerKind::level4, 2, "（2）"},
        {"③完善考核办法", MarkerKind::level5, 3, "③"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto marker = parse_clause_marker(c.text);
        REQUIRE(marker);
        CHECK(marker->kind == c.kind);
        CHECK(marker->number == c.number);
        CHECK(marker->label == c.label);
    }
}

TEST_CASE("numbers that are not clause markers are rejected", "[clauses]") {
    CHECK_FALSE(parse_clause_marker("1.5亿元用于补贴"));
    CHECK_FALSE(parse_clause_marker("2023.6"));
    CHECK_FALSE(parse_clause_marker("一是加强领导"));
    CHECK_FALSE(parse_clause_marker("第三条规定的情形"));
    CHECK_FALSE(parse_clause_marker("第二部分提出的任务要在2025年底前全面完成，各地要抓紧落实。"));
    CHECK_FALSE(parse_clause_marker("一、"));
    CHECK_FALSE(parse_clause_marker("①"));
    CHECK_FALSE(parse_clause_marker("一）加强领导"));   // a Chinese numeral needs both brackets
    CHECK_FALSE(parse_clause_marker("二〇一九年三月五日"));
}

TEST_CASE("Chinese numerals are read", "[clauses]") {
    CHECK(parse_numeral(U"十") == 10);
    CHECK(parse_numeral(U"十一") == 11);
    CHECK(parse_numeral(U"二十") == 20);
    CHECK(parse_numeral(U"九十九") == 99);
    CHECK(parse_numeral(U"一百零三") == 103);
    CHECK(parse_numeral(U"１２") == 12);
}

TEST_CASE("clauses follow the numbering hierarchy with paths", "[clauses]") {
    const auto clauses = split_clauses(paragraphs_of({
        "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见",
        "各省、自治区、直辖市人民政府：",
        "一、总体要求",
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
        "（二）基本原则。坚持依法监管。",
        "二、重点任务",
        "（三）统筹建设监管工作平台。",
        "1.建立清单。各部门要建立抽查事项清单。",
        "（1）按年度更新。",
        "2.动态调整。",
        "本段没有编号，属于上一条。",
    }));
    REQUIRE(clauses.size() == 9);
    CHECK(clauses[0].path.empty());
    CHECK(clauses[0].text.find("各省、自治区") != std::string::npos);
    CHECK(clauses[1].path == "一、");
    CHECK(clauses[1].heading == "总体要求");
    CHECK(clauses[2].path == "一、（一）");
    CHECK(clauses[2].heading == "指导思想");
    CHECK(clauses[4].path == "二、");
    // 国务院-style opinions number （一）…（N） continuously across 一、二、…
    CHECK(clauses[5].path == "二、（三）");
    CHECK(clauses[6].path == "二、（三）1.");
    CHECK(clauses[7].path == "二、（三）1.（1）");
    CHECK(clauses[8].path == "二、（三）2.");
    CHECK(clauses[8].text.find("本段没有编号") != std::string::npos);
    CHECK(clauses[8].page == 10);
}

TEST_CASE("a marker that breaks the sequence is body text", "[clauses]") {
    const auto clauses = split_clauses(paragraphs_of({"一、总体要求", "到2025年，实现以下目标：", "3.以上目标",
                                                      "二、重点任务"}));
    REQUIRE(clauses.size() == 2);
    CHECK(clauses[0].text.find("3.以上目标") != std::string::npos);
    CHECK(clauses[1].path == "二、");
}

TEST_CASE("attachments restart numbering under their own prefix", "[clauses]") {
    const auto clauses = split_clauses(paragraphs_of({"一、总体要求", "二、重点任务", "附件2", "重点任务分工表", "一、目标"}));
    REQUIRE(clauses.size() == 4);
    CHECK(clauses[2].path == "附件2");
    CHECK(clauses[3].path == "附件2 一、");
}

// A plan in parts (the brief's `第二部分（三）2.`): a part's numbering of （一） starts afresh, and a
// part's heading closes the clause before it.
TEST_CASE("plans split into parts, their clauses under each part", "[clauses]") {
    const auto clauses = split_clauses(paragraphs_of({"第一部分　发展基础", "（一）取得的成效", "1.参保率稳定。", "第二部分　主要任务",
                                                      "（一）健全保障体系", "（二）优化公共服务", "1.推进标准化。", "2.全面实现异地就医直接结算。",
                                                      "第三部分　保障措施", "（一）加强组织领导"}));
    REQUIRE(clauses.size() == 10);
    CHECK(clauses[2].path == "第一部分（一）1.");
    CHECK(clauses[7].path == "第二部分（二）2.");
    CHECK(clauses[7].text == "2.全面实现异地就医直接结算。");
    CHECK(clauses[9].path == "第三部分（一）");
    const auto planned = split_clauses(paragraphs_of({"第一篇 总体要求", "第一章 发展环境", "第一节 发展基础", "一、经济实力", "第二节 面临形势"}));
    REQUIRE(planned.size() == 5);
    CHECK(planned[3].path == "第一篇第一章第一节一、");
    CHECK(planned[4].path == "第一篇第一章第二节");
}

TEST_CASE("regulations split into chapters and articles", "[clauses]") {
    const auto clauses = split_clauses(paragraphs_of({"第一章 总则", "第一条 为了规范管理，制定本条例。",
                                                      "第二条 本条例适用于全国。", "第二章 管理", "第三条 依照第二条规定的情形处理。"}));
    REQUIRE(clauses.size() == 5);
    CHECK(clauses[1].path == "第一章第一条");
    CHECK(clauses[4].path == "第二章第三条");
}
