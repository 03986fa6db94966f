// The page cache an OCR plugin keeps its results in (gongwen/page_cache.hpp): keys by content and
// settings, values shared between instances on one directory (as between worker processes),
// refresh mode (`ingest --re-ocr`), no cache, hostile names; the config key; and --re-ocr
// re-reading every file of an unchanged tree.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/core/config.hpp"
#include "gongwen/page_cache.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

std::span<const std::byte> bytes_of(std::string_view text) { return std::as_bytes(std::span(text.data(), text.size())); }

int files_under(const std::filesystem::path& directory) {
    int count = 0;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(directory, error); !error && it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file()) ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("page cache keys depend on the page content and on the settings, separately", "[page-cache]") {
    const std::string key = PageCache::key(bytes_of("pixels of page 1"), "tesseract 5.3 chi_sim 300dpi");
    CHECK(key.size() == 32);
    CHECK(key == PageCache::key(bytes_of("pixels of page 1"), "tesseract 5.3 chi_sim 300dpi"));
    CHECK(key != PageCache::key(bytes_of("pixels of page 2"), "tesseract 5.3 chi_sim 300dpi"));
    CHECK(key != PageCache::key(bytes_of("pixels of page 1"), "tesseract 5.3 chi_sim 400dpi"));
    CHECK(PageCache::key(bytes_of("ab"), "c") != PageCache::key(bytes_of("a"), "bc"));
}

TEST_CASE("a library's build identity: stable, and different for another library", "[page-cache]") {
    const std::string sdk = PageCache::library_identity(reinterpret_cast<const void*>(&gongwen::page_cache));
    CHECK(sdk.size() == 32);
    CHECK(sdk == PageCache::library_identity(reinterpret_cast<const void*>(&PageCache::key)));
    CHECK(sdk != PageCache::library_identity(reinterpret_cast<const void*>(&::getpid)));   // libc
    int on_the_stack = 0;
    CHECK(PageCache::library_identity(&on_the_stack).empty());
}

TEST_CASE("page cache: what one instance puts another reads, refresh mode writes but does not read", "[page-cache]") {
    test::TempDir dir;
    PageCache writer, reader, refreshing, none;
    writer.configure(dir.path(), true);
    reader.configure(dir.path(), true);
    refreshing.configure(dir.path(), false);

    const std::string key = PageCache::key(bytes_of("page"), "v1");
    CHECK_FALSE(reader.get("ocr", key));
    const std::string value("第一行\0binary\xff", 17);
    writer.put("ocr", key, value);
    REQUIRE(reader.get("ocr", key));
    CHECK(*reader.get("ocr", key) == value);
    CHECK_FALSE(reader.get("layout", key));   // kinds are kept apart

    // --re-ocr: stored results are not used, new ones replace them.
    CHECK_FALSE(refreshing.get("ocr", key));
    refreshing.put("ocr", key, "redone");
    CHECK(*reader.get("ocr", key) == "redone");
    CHECK(files_under(dir.path()) == 1);   // replaced in place, no temporary files left

    // No directory: nothing is stored anywhere, nothing is found.
    none.put("ocr", key, "x");
    CHECK_FALSE(none.get("ocr", key));
}

TEST_CASE("page cache refuses names that are not plain and survives an unwritable directory", "[page-cache]") {
    test::TempDir dir;
    PageCache cache;
    cache.configure(dir / "cache", true);
    cache.put("../escape", "0123456789abcdef", "x");
    cache.put("ocr", "../../escape", "x");
    CHECK_FALSE(std::filesystem::exists(dir / "escape"));
    CHECK(files_under(dir.path()) == 0);

    test::write_file(dir / "a-file", "not a folder");
    PageCache broken;
    broken.configure(dir / "a-file" / "cache", true);
    CHECK_NOTHROW(broken.put("ocr", "0123456789abcdef", "x"));
    CHECK_FALSE(broken.get("ocr", "0123456789abcdef"));
}

TEST_CASE("config ingest.page_cache: default under the cache home, a path, or off", "[page-cache][config]") {
    CHECK(core::parse_config("", {}).page_cache == core::default_page_cache_path());
    CHECK(core::default_page_cache_path().filename() == "pages");
    CHECK(core::parse_config("[ingest]\npage_cache = \"/srv/ocr-cache\"\n", {}).page_cache == "/srv/ocr-cache");
    CHECK(core::parse_config("[ingest]\npage_cache = \"off\"\n", {}).page_cache.empty());
    CHECK_THROWS_WITH(core::parse_config("[ingest]\npage_cache = 3\n", {"t.toml"}), Catch::Contains("ingest.page_cache"));
}

TEST_CASE("ingest --re-ocr reads every file of an unchanged tree again, without duplicating entries", "[e2e][page-cache]") {
    test::TempDir dir;
    for (int i = 0; i < 3; ++i) {
        test::write_file(dir / "docs" / ("n" + std::to_string(i) + ".txt"),
                         "关于第" + std::to_string(i) + "号通知\n一、范围\n编号" + std::to_string(i) + "的档案。\n");
    }
    const std::string ingest = "ingest --json --index " + test::quote(dir / "index") + " " + test::quote(dir / "docs");
    REQUIRE(test::run_gongwen(ingest).status == 0);
    const auto entries = Xapian::Database((dir / "index").string()).get_doccount();

    const auto plain = test::run_gongwen(ingest);
    CHECK(plain.out.find("\"indexed\":0") != std::string::npos);
    const auto redone = test::run_gongwen(ingest + " --re-ocr");
    INFO(redone.out << redone.err);
    REQUIRE(redone.status == 0);
    CHECK(redone.out.find("\"indexed\":3") != std::string::npos);
    CHECK(Xapian::Database((dir / "index").string()).get_doccount() == entries);
}
