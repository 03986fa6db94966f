// Tests for plugin loading: the in-tree plugins load, bad plugins are refused with reasons.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gongwen/core/plugin_host.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::core;

namespace {

const LoadedPlugin& require_plugin(const PluginHost& host, const std::string& name) {
    const LoadedPlugin* plugin = host.find(name);
    INFO("plugin " << name);
    REQUIRE(plugin != nullptr);
    return *plugin;
}

}  // namespace

TEST_CASE("the in-tree plugins load with their descriptors", "[plugins]") {
    const PluginHost& host = test::in_tree_plugins();
    CHECK(host.refused().empty());
    const auto& pdf = require_plugin(host, "pdf");
    CHECK(pdf.kind == PluginKind::extractor);
    CHECK(std::find(pdf.handles.begin(), pdf.handles.end(), "application/pdf") != pdf.handles.end());
    CHECK(require_plugin(host, "text").kind == PluginKind::extractor);
    CHECK(require_plugin(host, "docnumber").kind == PluginKind::enricher);
    const auto& example = require_plugin(host, "example");
    CHECK(example.kind == PluginKind::enricher);
    REQUIRE(example.options.size() == 1);
    CHECK(std::string(example.options[0].key) == "label");
}

TEST_CASE("a plugin built for another ABI version is refused with both versions named", "[plugins]") {
    PluginHost host;
    host.load_file(std::filesystem::path(GONGWEN_TEST_TEST_PLUGIN_DIR) / "gongwen-wrong-abi.so");
    CHECK(host.plugins().empty());
    REQUIRE(host.refused().size() == 1);
    const std::string& reason = host.refused()[0].reason;
    CHECK_THAT(reason, Catch::Contains("wrong-abi") && Catch::Contains(std::to_string(GONGWEN_PLUGIN_ABI_VERSION + 41)) &&
                           Catch::Contains("ABI version " + std::to_string(GONGWEN_PLUGIN_ABI_VERSION)));
    CHECK(host.refused()[0].file.filename() == "gongwen-wrong-abi.so");
}

TEST_CASE("a shared library without the entry point, and a file that is no library, are refused", "[plugins]") {
    test::TempDir dir;
    test::write_file(dir / "gongwen-garbage.so", "this is not an ELF file");
    PluginHost host;
    host.load_file(std::filesystem::path(GONGWEN_TEST_TEST_PLUGIN_DIR) / "gongwen-no-entry.so");
    host.load_directory(dir.path());
    CHECK(host.plugins().empty());
    REQUIRE(host.refused().size() == 2);
    CHECK_THAT(host.refused()[0].reason, Catch::Contains("does not export gongwen_plugin_descriptor"));
    CHECK_THAT(host.refused()[1].reason, Catch::Contains("cannot be loaded"));
}

TEST_CASE("a second plugin with the same name is refused, and disabled plugins are listed as refused", "[plugins]") {
    PluginHost host;
    host.load_directory(GONGWEN_TEST_PLUGIN_DIR);
    const std::size_t loaded = host.plugins().size();
    test::TempDir dir;
    std::filesystem::copy_file(std::filesystem::path(GONGWEN_TEST_PLUGIN_DIR) / "gongwen-example.so", dir / "gongwen-example-copy.so");
    host.load_directory(dir.path());
    CHECK(host.plugins().size() == loaded);
    REQUIRE_FALSE(host.refused().empty());
    CHECK_THAT(host.refused().back().reason, Catch::Contains("already loaded"));
    host.disable({"example"});
    CHECK(host.find("example") == nullptr);
    CHECK_THAT(host.refused().back().reason, Catch::Contains("disabled"));
}

TEST_CASE("the example plugin is instantiated with its options and enriches a document", "[plugins]") {
    const PluginHost& host = test::in_tree_plugins();
    const auto& example = require_plugin(host, "example");
    auto instance = host.instantiate(example, {}, nullptr);
    Document document;
    document.paragraphs.push_back({"（联系人：王明，电话：025-83391234）", 3, false});
    static_cast<Enricher&>(*instance).enrich(document);
    CHECK(document.extra["contact"] == "王明");
    CHECK(document.extra["contact_phone"] == "025-83391234");

    auto relabelled = host.instantiate(example, {{"label", "联络员"}}, nullptr);
    Document other;
    other.paragraphs.push_back({"联系人：王明", 1, false});
    static_cast<Enricher&>(*relabelled).enrich(other);
    CHECK(other.extra.count("contact") == 0);
    CHECK_THROWS_AS(host.instantiate(example, {{"label", ""}}, nullptr), ExtractionError);
}
