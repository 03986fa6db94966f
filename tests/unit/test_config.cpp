// Tests for configuration parsing: defaults, overrides, and errors that name the key.
#include <catch2/catch.hpp>

#include "gongwen/core/config.hpp"
#include "test_support.hpp"

using namespace gongwen::core;

TEST_CASE("the shipped config/gongwen.toml parses and states the built-in defaults", "[config]") {
    const Config shipped = parse_config(gongwen::test::read_file(GONGWEN_TEST_CONFIG), GONGWEN_TEST_CONFIG);
    const Config builtin = parse_config("", {});
    CHECK(shipped.index_path == builtin.index_path);
    CHECK(shipped.commit_every == builtin.commit_every);
    CHECK(shipped.jobs == builtin.jobs);
    CHECK(shipped.max_file_mb == builtin.max_file_mb);
    CHECK(shipped.search_limit == builtin.search_limit);
    CHECK(shipped.clauses_per_document == builtin.clauses_per_document);
    CHECK(shipped.rank_window == builtin.rank_window);
    CHECK(builtin.rank_window == 2000);   // a query with more matches than ~2 windows ranks recent entries only
    CHECK(shipped.file_timeout_s == builtin.file_timeout_s);
    CHECK(shipped.worker_memory_mb == builtin.worker_memory_mb);
    // fields reads the doc number that docnumber finds; tables (not listed) runs after both.
    CHECK(shipped.enrichers == std::vector<std::string>{"docnumber", "fields", "tables"});
}

TEST_CASE("values override defaults", "[config]") {
    const Config config = parse_config(R"(
[index]
path = "/srv/gongwen"
commit_every = 50
[ingest]
jobs = 2
[search]
rank_window = 2000
[plugins]
paths = ["/opt/gongwen-plugins"]
[plugins.example]
label = "联系人"
)", "test.toml");
    CHECK(config.index_path == "/srv/gongwen");
    CHECK(config.commit_every == 50);
    CHECK(config.jobs == 2);
    CHECK(config.rank_window == 2000);
    REQUIRE(config.plugin_paths.size() == 1);
    CHECK(config.plugin_options.at("example").at("label") == "联系人");
}

TEST_CASE("unknown keys and bad values are errors naming the key", "[config]") {
    CHECK_THROWS_WITH(parse_config("[index]\npth = \"x\"\n", "a.toml"), Catch::Contains("index.pth") && Catch::Contains("a.toml"));
    CHECK_THROWS_WITH(parse_config("[indx]\n", "a.toml"), Catch::Contains("'indx'"));
    CHECK_THROWS_WITH(parse_config("[index]\ncommit_every = 0\n", "a.toml"), Catch::Contains("index.commit_every"));
    CHECK_THROWS_WITH(parse_config("[ingest]\njobs = \"two\"\n", "a.toml"), Catch::Contains("ingest.jobs"));
    CHECK_THROWS_WITH(parse_config("[search]\nrank_window = -1\n", "a.toml"), Catch::Contains("search.rank_window"));
    CHECK_THROWS_WITH(parse_config("[plugins]\nenrichers = \"docnumber\"\n", "a.toml"), Catch::Contains("plugins.enrichers"));
    CHECK_THROWS_WITH(parse_config("[index\n", "a.toml"), Catch::Contains("a.toml"));
}

TEST_CASE("plugin options are checked against what the plugin declares", "[config][plugins]") {
    const auto& host = gongwen::test::in_tree_plugins();
    CHECK_NOTHROW(host.validate_options({{"example", {{"label", "联系"}}}}));
    CHECK_THROWS_WITH(host.validate_options({{"example", {{"lable", "x"}}}}),
                      Catch::Contains("plugins.example.lable") && Catch::Contains("label"));
    CHECK_THROWS_WITH(host.validate_options({{"nosuchplugin", {}}}), Catch::Contains("plugins.nosuchplugin"));
}
