// Tests for snippet windows and highlighting.
#include <catch2/catch.hpp>

#include "gongwen/index/snippet.hpp"
#include "gongwen/text.hpp"

using namespace gongwen::index;

TEST_CASE("every occurrence is highlighted on code point boundaries", "[snippet]") {
    const auto snippet = make_snippet("推行部门联合抽查，部门联合检查。", {"部门联合"});
    REQUIRE(snippet.highlights.size() == 2);
    for (const auto& [from, to] : snippet.highlights) CHECK(snippet.text.substr(from, to - from) == "部门联合");
    CHECK(render_snippet(snippet, "[", "]", false) == "推行[部门联合]抽查，[部门联合]检查。");
}

TEST_CASE("matching ignores width and case but the snippet keeps the original", "[snippet]") {
    const auto snippet = make_snippet("（一）实施ＩＳＯ认证", {"iso认证"});
    REQUIRE(snippet.highlights.size() == 1);
    CHECK(render_snippet(snippet, "[", "]", false) == "（一）实施[ＩＳＯ认证]");
}

TEST_CASE("overlapping matches merge, HTML is escaped outside and inside marks", "[snippet]") {
    const auto snippet = make_snippet("<b>营商环境</b>", {"营商", "商环境"});
    CHECK(render_snippet(snippet, "<mark>", "</mark>", true) == "&lt;b&gt;<mark>营商环境</mark>&lt;/b&gt;");
}

TEST_CASE("a long clause is cut around the first match with ellipses, in valid UTF-8", "[snippet]") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "前文";
    text += "异地就医直接结算";
    for (int i = 0; i < 100; ++i) text += "后文";
    const auto snippet = make_snippet(text, {"异地就医"}, 60);
    CHECK(gongwen::is_valid_utf8(snippet.text));
    CHECK(snippet.text.starts_with("…"));
    CHECK(snippet.text.ends_with("…"));
    REQUIRE(snippet.highlights.size() == 1);
    CHECK(gongwen::to_u32(snippet.text).size() <= 62);
}

namespace {
// The highlighted substrings of a snippet, in order.
std::vector<std::string> marked(const Snippet& snippet) {
    std::vector<std::string> out;
    for (const auto& [from, to] : snippet.highlights) out.push_back(snippet.text.substr(from, to - from));
    return out;
}
}  // namespace

TEST_CASE("matches at the very start and end of a clause are highlighted whole", "[snippet]") {
    const auto snippet = make_snippet("异地就医费用要按规定直接结算", {"异地就医", "直接结算"});
    CHECK(marked(snippet) == std::vector<std::string>{"异地就医", "直接结算"});
    CHECK(render_snippet(snippet, "[", "]", false) == "[异地就医]费用要按规定[直接结算]");
}

TEST_CASE("highlights stop exactly at full-width punctuation and quotes", "[snippet]") {
    const auto snippet = make_snippet("（一）推行“双随机、一公开”监管。", {"双随机", "一公开", "监管"});
    CHECK(render_snippet(snippet, "[", "]", false) == "（一）推行“[双随机]、[一公开]”[监管]。");
    const auto comma = make_snippet("抽查，抽查；抽查。", {"抽查"});
    CHECK(marked(comma) == std::vector<std::string>{"抽查", "抽查", "抽查"});
    CHECK(render_snippet(comma, "<mark>", "</mark>", true) == "<mark>抽查</mark>，<mark>抽查</mark>；<mark>抽查</mark>。");
}

TEST_CASE("full-width letters and digits match a half-width query and stay full-width", "[snippet]") {
    const auto snippet = make_snippet("到２０２０年底，５Ｇ基站覆盖率达到９０％。", {"2020", "5g"});
    CHECK(marked(snippet) == std::vector<std::string>{"２０２０", "５Ｇ"});
    CHECK(gongwen::is_valid_utf8(snippet.text));
}

TEST_CASE("adjacent matches of two words merge into one highlight", "[snippet]") {
    const auto snippet = make_snippet("推行部门联合抽查制度", {"推行", "部门", "联合", "推行部门联合"});
    CHECK(marked(snippet) == std::vector<std::string>{"推行部门联合"});
}

TEST_CASE("the window shows as many different query words as fit, and cuts on code points", "[snippet]") {
    std::string text = "医保";
    for (int i = 0; i < 80; ++i) text += "中间";
    text += "异地就医，跨省直接结算";
    for (int i = 0; i < 30; ++i) text += "之后";
    const auto snippet = make_snippet(text, {"医保", "异地就医", "直接结算"}, 40);
    CHECK(marked(snippet) == std::vector<std::string>{"异地就医", "直接结算"});
    CHECK(gongwen::is_valid_utf8(snippet.text));
    for (const auto& [from, to] : snippet.highlights) CHECK(gongwen::is_valid_utf8(snippet.text.substr(from, to - from)));
}

TEST_CASE("text without a match gives the start of the clause and no highlights, newlines become spaces", "[snippet]") {
    const auto snippet = make_snippet("第一行\n第二行", {"不存在"});
    CHECK(snippet.highlights.empty());
    CHECK(snippet.text == "第一行 第二行");
    CHECK(make_snippet("", {"x"}).text.empty());
    CHECK(make_snippet("文本", {""}).highlights.empty());
}

TEST_CASE("a needle typed without the text's inner punctuation is highlighted across it, not across a full stop", "[snippet]") {
    const auto snippet = make_snippet("坚持以防为主、防抗救相结合。打造杨“数”浦。以防为主。防抗救", {"以防为主防抗救", "杨数浦"});
    CHECK(render_snippet(snippet, "[", "]", false) == "坚持[以防为主、防抗救]相结合。打造[杨“数”浦]。以防为主。防抗救");
}
