// Tests for the search query language: free text, phrases, AND/OR/NOT, field filters, aliases,
// ranking tiers, --sort date and facets, on small indexes written with IndexWriter.
#include <catch2/catch.hpp>

#include <set>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_writer.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::index;

namespace {

struct Spec {
    std::string id;
    std::vector<std::pair<std::string, std::string>> clauses;  // path, text (the heading is the text up to the first 。)
    std::string number;
    std::vector<std::string> issuers;
    std::string doc_type;
    std::string signed_date;
    std::vector<std::string> cited;
    std::vector<std::string> task_units;
};

Document make_document(const Spec& spec) {
    Document document;
    document.id = spec.id;
    document.title = "文件" + spec.id;
    for (const auto& [path, text] : spec.clauses) {
        const auto stop = text.find("。");
        document.clauses.push_back({path, path.empty() ? "" : text.substr(0, stop), text, 1, path.empty() ? 0 : 1});
    }
    if (!spec.number.empty()) document.doc_number = parse_doc_number(spec.number);
    document.issuers = spec.issuers;
    if (!spec.doc_type.empty()) document.doc_type = spec.doc_type;
    if (!spec.signed_date.empty()) document.signed_date = spec.signed_date;
    for (const auto& cited : spec.cited) document.cited_documents.push_back({"", parse_doc_number(cited)->normalized});
    if (!spec.task_units.empty()) {
        Task task;
        task.task = "落实任务";
        task.units = spec.task_units;
        document.tasks.push_back(task);
    }
    return document;
}

// Five documents with fields; built once per test (small: a few ms).
struct Fixture {
    test::TempDir dir;
    Fixture() {
        IndexWriter writer(dir.path());
        const std::vector<Spec> specs{
            {"medical",
             {{"", "国务院办公厅关于做好异地就医直接结算工作的通知"},
              {"一、", "推进异地就医直接结算。全面实现跨省异地就医住院费用直接结算。"},
              {"二、", "加强医保基金监管。各地人力资源和社会保障局要落实责任。"}},
             "国办发〔2019〕6号", {"国务院办公厅"}, "通知", "2019-02-14", {}, {"省医疗保障局", "省财政厅"}},
            {"market",
             {{"一、", "推行部门联合抽查。市场监管部门推行部门联合抽查，减少检查次数。"},
              {"二、", "完善信用监管。根据《关于推进工作的通知》（国办发〔2019〕6号）要求，建立信用档案。"}},
             "国发〔2019〕5号", {"国务院"}, "意见", "2019-02-15", {"国办发〔2019〕6号"}, {}},
            {"spread",
             {{"一、", "总体要求。推行政务公开。"}, {"二、", "工作措施。加强抽查结果运用。"}},
             "苏政发[2018]3号", {"江苏省人民政府"}, "意见", "2018-05-01", {}, {}},
            {"local",
             {{"一、", "职责分工。市发展和改革委员会负责统筹协调，市人力资源和社会保障局负责就业。"}},
             "沪府办发（2016）12号", {"上海市人民政府办公厅", "上海市发展和改革委员会"}, "通知", "2016-07-01", {"国办发〔2019〕6号"},
             {"市发展和改革委员会"}},
            {"old",
             {{"一、", "工作要求。做好档案管理，推行部门联合抽查制度。"}},
             "", {"浙江省人民政府"}, "决定", "2012-03-01", {}, {}},
        };
        for (const auto& spec : specs) writer.replace(make_document(spec), {"/" + spec.id, 1, 1, spec.id, spec.id});
        writer.commit();
    }
    std::vector<std::string> ids(const std::string& query, SearchRequest request = {}, const AliasTable& aliases = {}) const {
        IndexSearcher searcher(dir.path(), aliases);
        std::vector<std::string> out;
        for (const auto& document : searcher.search(query, request).documents) out.push_back(document.doc_id);
        return out;
    }
    SearchResults results(const std::string& query, SearchRequest request = {}, const AliasTable& aliases = {}) const {
        return IndexSearcher(dir.path(), aliases).search(query, request);
    }
};

using Ids = std::vector<std::string>;
using Groups = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("free text: the exact phrase ranks above its words in one clause, which rank above words spread over clauses", "[query]") {
    const Fixture fixture;
    // market and old have the phrase; spread has 推行 and 抽查 in different clauses.
    const auto results = fixture.results("推行部门联合抽查");
    REQUIRE(results.documents.size() == 2);
    CHECK(results.documents[0].doc_id == "market");  // phrase twice, and in the heading
    CHECK(results.documents[1].doc_id == "old");
    const auto words = fixture.results("推行抽查");
    REQUIRE(words.documents.size() == 3);
    CHECK(words.documents[2].doc_id == "spread");
    CHECK(words.documents[2].match == "document");
    CHECK(words.documents[0].match == "clause");
    // The spread document shows the clauses holding either word, each word marked.
    const auto& spread = words.documents[2];
    REQUIRE(spread.clauses.size() == 2);
    for (const auto& clause : spread.clauses) CHECK_FALSE(clause.snippet.highlights.empty());
}

TEST_CASE("quotes make an exact phrase, words of it alone do not match", "[query]") {
    const Fixture fixture;
    CHECK(fixture.ids("\"推行部门联合抽查\"") == Ids{"market", "old"});
    CHECK(fixture.ids("“推行抽查”").empty());
    CHECK(fixture.ids("\"异地就医 直接结算\"") == Ids{"medical"});
}

TEST_CASE("AND, OR, NOT, -term and parentheses", "[query]") {
    const Fixture fixture;
    CHECK(fixture.ids("异地就医 AND 医保基金").size() == 1);  // spread over two clauses of medical: tier 2
    Ids either = fixture.ids("信用档案 OR 档案管理");
    std::sort(either.begin(), either.end());
    CHECK(either == Ids{"market", "old"});
    CHECK(fixture.ids("推行部门联合抽查 -档案管理") == Ids{"market"});
    CHECK(fixture.ids("推行部门联合抽查 NOT 档案管理") == Ids{"market"});
    const Ids grouped = fixture.ids("(信用档案 OR 档案管理) 推行部门联合抽查");
    CHECK(grouped.size() == 2);
    CHECK(fixture.ids("(信用档案 OR 档案管理) -(推行 OR 监管)").empty());
    CHECK(fixture.ids("").empty());
    CHECK(fixture.ids("AND OR NOT ( ) ").empty());
}

TEST_CASE("文号: matches the document's own number in any bracket style, and a 机关代字 alone", "[query][filters]") {
    const Fixture fixture;
    for (const char* query : {"文号:苏政发〔2018〕3号", "文号:苏政发[2018]3号", "文号:苏政发（2018）3号", "文号：苏政发［2018］3 号"}) {
        INFO(query);
        CHECK(fixture.ids(query) == Ids{"spread"});
    }
    CHECK(fixture.ids("文号:沪府办发〔2016〕12号") == Ids{"local"});
    // 文号: is the own number only: market cites 国办发〔2019〕6号 but is not it.
    CHECK(fixture.ids("文号:国办发〔2019〕6号") == Ids{"medical"});
    CHECK(fixture.ids("文号:国办发") == Ids{"medical"});
    CHECK(fixture.ids("文号:国发〔2019〕9号").empty());
}

TEST_CASE("引用: finds the documents citing a number, the citing clause first", "[query][filters]") {
    const Fixture fixture;
    const auto results = fixture.results("引用:国办发[2019]6号");
    REQUIRE(results.documents.size() == 2);
    CHECK((results.documents[0].doc_id == "market" || results.documents[1].doc_id == "market"));
    for (const auto& document : results.documents) {
        if (document.doc_id == "market") CHECK(document.clauses.at(0).clause_path == "二、");
    }
    CHECK(fixture.ids("引用:国办发〔2019〕6号 信用档案") == Ids{"market"});
    CHECK_THROWS_AS(fixture.ids("引用:不是文号"), QuerySyntaxError);
}

TEST_CASE("机关: matches any issuer containing the name, joint issuers each", "[query][filters]") {
    const Fixture fixture;
    CHECK(fixture.ids("机关:国务院办公厅") == Ids{"medical"});
    CHECK(fixture.ids("机关:江苏省人民政府") == Ids{"spread"});
    CHECK(fixture.ids("机关:发展和改革委员会") == Ids{"local"});
    CHECK(fixture.ids("机关:上海市人民政府办公厅") == Ids{"local"});
    CHECK(fixture.ids("机关:国务院 推行部门联合抽查") == Ids{"market"});
    CHECK(fixture.ids("机关:北京市").empty());
}

TEST_CASE("文种: finds a title's narrower kind too: 复函 and 答复 are letters", "[query][filters]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        Document reply = make_document({"reply", {{"", "同意你省开展试点。"}}, "", {}, "函"});
        reply.title = "国务院办公厅关于同意开展试点的复函";
        Document answer = make_document({"answer", {{"", "你们提出的建议收悉。"}}, "", {}, ""});
        answer.title = "国务院办公厅对全国政协提案的答复";
        Document letter = make_document({"letter", {{"", "请你部研究办理。"}}, "", {}, "函"});
        letter.title = "国务院办公厅关于商请研究有关事项的函";
        writer.replace(reply, {"/r", 1, 1, "r", "reply"});
        writer.replace(answer, {"/a", 1, 1, "a", "answer"});
        writer.replace(letter, {"/l", 1, 1, "l", "letter"});
    }
    IndexSearcher searcher(dir.path());
    const auto ids = [&](const std::string& query) {
        std::set<std::string> found;
        for (const auto& hit : searcher.search(query, SearchRequest{}).documents) found.insert(hit.doc_id);
        return found;
    };
    CHECK(ids("文种:复函") == std::set<std::string>{"reply"});
    CHECK(ids("文种:答复") == std::set<std::string>{"answer"});
    CHECK(ids("文种:函") == std::set<std::string>{"reply", "letter"});
}

TEST_CASE("文种: and 年份: with single years and ranges", "[query][filters]") {
    const Fixture fixture;
    CHECK(fixture.ids("文种:决定") == Ids{"old"});
    CHECK(fixture.ids("文种:意见").size() == 2);
    CHECK(fixture.ids("年份:2016") == Ids{"local"});
    CHECK(fixture.ids("年份:2019").size() == 2);
    CHECK(fixture.ids("年份:2016..2018").size() == 2);
    CHECK(fixture.ids("年份:2016-2018").size() == 2);
    CHECK(fixture.ids("年份:2018..2016").size() == 2);
    CHECK(fixture.ids("年份:2019-").size() == 2);
    CHECK(fixture.ids("年份:..2012") == Ids{"old"});
    CHECK(fixture.ids("年份:2018 文种:意见") == Ids{"spread"});
    CHECK(fixture.ids("-年份:2019 推行部门联合抽查") == Ids{"old"});
    CHECK_THROWS_WITH(fixture.ids("年份:去年"), Catch::Contains("年份:去年") && Catch::Contains("2015..2018"));
    CHECK_THROWS_AS(fixture.ids("年份:"), QuerySyntaxError);
}

TEST_CASE("单位: finds documents with tasks for that unit", "[query][filters]") {
    const Fixture fixture;
    CHECK(fixture.ids("单位:省医疗保障局") == Ids{"medical"});
    CHECK(fixture.ids("单位:医疗保障局") == Ids{"medical"});
    CHECK(fixture.ids("单位:发展和改革委员会") == Ids{"local"});
    CHECK(fixture.ids("单位:省教育厅").empty());
}

TEST_CASE("aliases expand free text and 机关:/单位: at query time", "[query][aliases]") {
    const Fixture fixture;
    const AliasTable aliases(Groups{{"发改委", "发展和改革委员会"}, {"人社局", "人力资源和社会保障局"}});
    CHECK(fixture.ids("人社局").empty());
    Ids expanded = fixture.ids("人社局", {}, aliases);
    std::sort(expanded.begin(), expanded.end());
    CHECK(expanded == Ids{"local", "medical"});
    CHECK(fixture.ids("机关:市发改委", {}, aliases) == Ids{"local"});
    CHECK(fixture.ids("单位:市发改委", {}, aliases) == Ids{"local"});
    const auto results = fixture.results("市人社局", {}, aliases);
    REQUIRE(results.documents.size() == 1);
    const auto& snippet = results.documents[0].clauses.at(0).snippet;
    REQUIRE_FALSE(snippet.highlights.empty());
    CHECK(snippet.text.substr(snippet.highlights[0].first, snippet.highlights[0].second - snippet.highlights[0].first) ==
          "市人力资源和社会保障局");
}

TEST_CASE("alias expansion: longest name first, both directions, quoted phrases untouched", "[aliases]") {
    const AliasTable aliases(Groups{{"发改委", "发展改革委", "发展和改革委员会"}});
    const auto variants = aliases.expand("市发改委");
    CHECK(variants.front() == "市发改委");
    CHECK(std::find(variants.begin(), variants.end(), "市发展和改革委员会") != variants.end());
    CHECK(std::find(variants.begin(), variants.end(), "市发展改革委") != variants.end());
    const auto back = aliases.expand("市发展和改革委员会");
    CHECK(std::find(back.begin(), back.end(), "市发改委") != back.end());
    CHECK(aliases.expand("财政厅") == std::vector<std::string>{"财政厅"});
    const Fixture fixture;
    CHECK(fixture.ids("\"人社局\"", {}, AliasTable(Groups{{"人社局", "人力资源和社会保障局"}})).empty());
}

TEST_CASE("a broken alias file is reported with file and line", "[aliases]") {
    CHECK_THROWS_WITH(AliasTable::parse("groups = [\n  [\"发改委\", \"发展和改革委员会\"],\n  [\"人社局\"],\n]\n", "aliases.toml"),
                      Catch::Contains("aliases.toml:3") && Catch::Contains("two names"));
    CHECK_THROWS_WITH(AliasTable::parse("groups = [\n  [\"发改委\", 3],\n]\n", "a.toml"), Catch::Contains("a.toml:2"));
    CHECK_THROWS_WITH(AliasTable::parse("groups = [\n  [\"发改委\" \"x\"],\n]\n", "b.toml"), Catch::Contains("b.toml:2"));
    CHECK_THROWS_WITH(AliasTable::parse("\n\nsynonyms = []\n", "c.toml"), Catch::Contains("c.toml:3") && Catch::Contains("synonyms"));
    CHECK(AliasTable::parse("groups = [[\"发改委\", \"发展和改革委员会\"]]", "ok.toml").groups().size() == 1);
    test::TempDir dir;
    CHECK_THROWS_WITH(AliasTable::load(dir / "missing.toml"), Catch::Contains("missing.toml"));
}

TEST_CASE("the shipped alias file parses", "[aliases]") {
    const auto table = AliasTable::load(std::filesystem::path(GONGWEN_TEST_CONFIG).parent_path() / "aliases.toml");
    CHECK(table.groups().size() >= 10);
}

TEST_CASE("sort by date (--sort date) puts the newest signed date first", "[query]") {
    const Fixture fixture;
    SearchRequest by_date;
    by_date.sort = SortOrder::date;
    CHECK(fixture.ids("推行部门联合抽查", by_date) == Ids{"market", "old"});
    CHECK(fixture.ids("工作", by_date).front() == "market");
    const auto results = fixture.results("档案", by_date);
    for (std::size_t i = 1; i < results.documents.size(); ++i) {
        CHECK(results.documents[i - 1].signed_date.value_or("") >= results.documents[i].signed_date.value_or(""));
    }
}

TEST_CASE("facets count matching documents by issuer, year and 文种", "[query][facets]") {
    const Fixture fixture;
    SearchRequest request;
    request.facets = true;
    const auto results = fixture.results("推行", request);
    CHECK(results.total == 3);
    const auto count = [&](const std::string& facet, const std::string& value) -> Xapian::doccount {
        for (const auto& [v, n] : results.facets.at(facet)) {
            if (v == value) return n;
        }
        return 0;
    };
    CHECK(count("year", "2019") == 1);
    CHECK(count("year", "2018") == 1);
    CHECK(count("year", "2012") == 1);
    CHECK(count("doc_type", "意见") == 2);
    CHECK(count("doc_type", "决定") == 1);
    CHECK(count("issuer", "国务院") == 1);
    CHECK(count("issuer", "国务院办公厅") == 0);
    const auto joint = fixture.results("市发展和改革委员会", request);
    CHECK(joint.facets.at("issuer").size() == 2);  // both joint issuers counted
}

TEST_CASE("a heading match ranks above the same words in body text", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document({"body", {{"一、", "工作安排。各部门要做好信用监管相关工作。"}}}), {"/b", 1, 1, "b", "body"});
        writer.replace(make_document({"head", {{"一、", "完善信用监管。各部门要做好相关工作。"}}}), {"/h", 1, 1, "h", "head"});
    }
    IndexSearcher searcher(dir.path());
    const auto results = searcher.search("信用监管", SearchRequest{});
    REQUIRE(results.documents.size() == 2);
    CHECK(results.documents[0].doc_id == "head");
}

TEST_CASE("a heading match outranks the same words twice in body text", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // Without the heading weight, "body" wins: its body holds the words twice.
        writer.replace(make_document({"body", {{"一、", "工作安排。各部门要做好信用监管相关工作，信用监管要加强。"}}}), {"/b", 1, 1, "b", "body"});
        writer.replace(make_document({"head", {{"一、", "完善信用监管。各部门要做好相关工作。"}}}), {"/h", 1, 1, "h", "head"});
    }
    IndexSearcher searcher(dir.path());
    const auto results = searcher.search("信用监管", SearchRequest{});
    REQUIRE(results.documents.size() == 2);
    CHECK(results.documents[0].doc_id == "head");
}

TEST_CASE("a title match ranks a document above the same clause in another document", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // Same clause text; equal scores would put "a-untitled" first (ties go by document id).
        Document untitled = make_document({"a-untitled", {{"一、", "工作安排。各部门要做好信用监管相关工作。"}}});
        Document titled = make_document({"b-titled", {{"一、", "工作安排。各部门要做好信用监管相关工作。"}}});
        titled.title = "关于加强信用监管的意见";
        writer.replace(untitled, {"/a", 1, 1, "a", "a-untitled"});
        writer.replace(titled, {"/b", 1, 1, "b", "b-titled"});
    }
    IndexSearcher searcher(dir.path());
    const auto results = searcher.search("信用监管", SearchRequest{});
    REQUIRE(results.documents.size() == 2);
    CHECK(results.documents[0].doc_id == "b-titled");
}

TEST_CASE("a phrase typed without the text's 、, quotes or dashes finds it, a full stop still separates", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document({"soft", {{"一、", "工作原则。坚持以防为主、防抗救相结合，建设“市—区—街镇”三级体系。"}}}), {"/s", 1, 1, "s", "soft"});
        writer.replace(make_document({"hard", {{"一、", "工作要求。以防为主。防抗救工作另行部署。"}}}), {"/h", 1, 1, "h", "hard"});
    }
    IndexSearcher searcher(dir.path());
    for (const std::string query : {"以防为主防抗救相结合", "市区街镇三级", "\"以防为主防抗救\""}) {
        INFO(query);
        const auto results = searcher.search(query, SearchRequest{});
        REQUIRE(results.documents.size() == 1);
        CHECK(results.documents[0].doc_id == "soft");
    }
    // The same words across a full stop are not a phrase: "hard" is found by its words, not as one.
    const auto exact = searcher.search("\"以防为主防抗救\"", SearchRequest{});
    for (const auto& document : exact.documents) CHECK(document.doc_id != "hard");
}

TEST_CASE("a Chinese number that ICU cuts in two stays one word of the query", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // ICU splits 十四五规划 as 十四 + 五 + 规划; 五 must not be glued to 规划 (五规划 is not in the text).
        writer.replace(make_document({"plan", {{"一、", "编制说明。为做好“十四五”时期国家应急体系规划工作，制定本规划。"}}}), {"/p", 1, 1, "p", "plan"});
    }
    IndexSearcher searcher(dir.path());
    const auto results = searcher.search("十四五规划", SearchRequest{});
    REQUIRE(results.documents.size() == 1);
    CHECK(results.documents[0].doc_id == "plan");
}

TEST_CASE("when no document has every plain word, documents with some of them are listed apart", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document({"both", {{"一、", "工作要求。加强信用监管，推进联合惩戒。"}}}), {"/b", 1, 1, "b", "both"});
        writer.replace(make_document({"one", {{"一、", "工作要求。推进联合惩戒。"}}}), {"/o", 1, 1, "o", "one"});
    }
    IndexSearcher searcher(dir.path());
    // 外汇局 is in no document: no result has every word, and the one with more of the others comes
    // first in the separate list.
    const auto relaxed = searcher.search("外汇局 信用监管 联合惩戒", SearchRequest{});
    CHECK(relaxed.total == 0);
    CHECK(relaxed.documents.empty());
    CHECK(relaxed.some_words_total == 2);
    REQUIRE(relaxed.some_words.size() == 2);
    CHECK(relaxed.some_words[0].doc_id == "both");
    CHECK(relaxed.some_words[0].match == "some words");
    // Every word somewhere: the usual answer, no second list.
    const auto exact = searcher.search("信用监管 联合惩戒", SearchRequest{});
    CHECK(exact.some_words.empty());
    REQUIRE(exact.documents.size() == 1);
    CHECK(exact.documents[0].match == "clause");
    // Quotes, NOT, filters and a single word ask for exactly that: nothing stays nothing.
    for (const std::string query : {"\"外汇局\" 信用监管", "信用监管 -联合惩戒 外汇局", "文种:意见 外汇局 信用监管", "外汇局"}) {
        INFO(query);
        const auto none = searcher.search(query, SearchRequest{});
        CHECK(none.some_words.empty());
        CHECK(none.documents.empty());
    }
}

TEST_CASE("an alias name is matched as written, not as its common words scattered over a clause", "[query]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document({"name", {{"一、", "工作分工。由人力资源和社会保障部负责创业担保贷款贴息。"}}}), {"/n", 1, 1, "n", "name"});
        // The words of the name, but not the name: 人力资源 … 社会保障部 apart.
        writer.replace(make_document({"scattered", {{"一、", "工作分工。加强人力资源开发，完善社会保障部门协作和创业担保贷款。"}}}), {"/s", 1, 1, "s", "scattered"});
    }
    IndexSearcher searcher(dir.path(), AliasTable(std::vector<std::vector<std::string>>{{"人社部", "人力资源和社会保障部"}}));
    const auto results = searcher.search("人社部 创业担保贷款", SearchRequest{});
    REQUIRE(results.documents.size() == 1);
    CHECK(results.documents[0].doc_id == "name");
}
