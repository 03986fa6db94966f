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

TEST_CASE("overlapping matches merge; HTML is escaped outside and inside marks", "[snippet]") {
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
