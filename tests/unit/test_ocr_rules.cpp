// Ruling lines of scanned pages (plugins/ocr/ruling_lines.cpp) through the real pipeline: the
// scanned task table (tests/tools/make_scan_fixture, 300 DPI printed, 0.6° askew, read at the
// plugin's 200 DPI) must come out with the grid the born-digital table draws, in the frame of
// the OCR's word boxes, and a notice without a table with no rules at all.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "gongwen/core/config.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;

Document extract(const std::filesystem::path& path, const std::filesystem::path& page_cache = {}, std::vector<std::string> enrichers = {}) {
    core::Config config = core::parse_config("", {});
    config.enrichers = std::move(enrichers);
    config.page_cache = page_cache;
    const core::Pipeline pipeline(test::in_tree_plugins(), config, nullptr);
    return pipeline.make_worker()->process(path);
}

bool horizontal(const Rule& rule) { return rule.box.x1 - rule.box.x0 > rule.box.y1 - rule.box.y0; }

/// A page's rules as a grid: vertical rules grouped by x (pieces of one column border share it),
/// the horizontal ones sorted by y; the table's box is their extent.
struct Grid {
    std::vector<std::pair<double, double>> columns;   ///< x of each column border, and the height its pieces cover
    std::vector<Box> rows;                            ///< horizontal rules, top to bottom
    Box table{1e9, 1e9, -1e9, -1e9};
};

Grid grid_of(const Page& page) {
    Grid grid;
    std::vector<Rule> verticals;
    for (const Rule& rule : page.rules) {
        grid.table = Box{std::min(grid.table.x0, rule.box.x0), std::min(grid.table.y0, rule.box.y0), std::max(grid.table.x1, rule.box.x1),
                         std::max(grid.table.y1, rule.box.y1)};
        if (horizontal(rule)) grid.rows.push_back(rule.box);
        else verticals.push_back(rule);
    }
    std::sort(grid.rows.begin(), grid.rows.end(), [](const Box& a, const Box& b) { return a.y0 < b.y0; });
    std::sort(verticals.begin(), verticals.end(), [](const Rule& a, const Rule& b) { return a.box.x0 < b.box.x0; });
    for (const Rule& rule : verticals) {
        const double x = (rule.box.x0 + rule.box.x1) / 2, height = rule.box.y1 - rule.box.y0;
        if (!grid.columns.empty() && x - grid.columns.back().first < 3) grid.columns.back().second += height;   // 3 pt
        else grid.columns.emplace_back(x, height);
    }
    return grid;
}

bool crosses(const Box& rule, const Box& word) {
    return rule.x0 < word.x1 && rule.x1 > word.x0 && rule.y0 < word.y1 && rule.y1 > word.y0;
}

}  // namespace

TEST_CASE("a scanned ruled table gives its column borders and row rules, around the words of each cell", "[ocr][rules]") {
    const Document document = extract(kGenerated / "task_table_scanned.pdf");
    REQUIRE(document.pages.size() == 3);
    REQUIRE(document.source.ocr_pages == std::vector<int>{1, 2, 3});
    // Page 1 is the notice: text, a signature, no table.
    CHECK(document.pages[0].rules.empty());
    std::size_t body_words = 0, serials = 0;
    for (const int index : {1, 2}) {
        const Page& page = document.pages[static_cast<std::size_t>(index)];
        INFO("page " << page.number);
        const Grid grid = grid_of(page);
        // 4 columns: 5 borders, each running the table's whole height.
        REQUIRE(grid.columns.size() == 5);
        for (const auto& [x, covered] : grid.columns) CHECK(covered >= 0.95 * (grid.table.y1 - grid.table.y0));
        // The table's top and bottom and a rule under every row (a header or a body row), each
        // running the table's whole width; rows are at least a line of 12 pt text apart.
        REQUIRE(grid.rows.size() >= 4);
        for (std::size_t i = 0; i < grid.rows.size(); ++i) {
            CHECK(grid.rows[i].x1 - grid.rows[i].x0 >= 0.95 * (grid.table.x1 - grid.table.x0));
            CHECK(grid.rows[i].y1 - grid.rows[i].y0 <= 3);   // thin: no character, no filled bar
            if (i > 0) CHECK(grid.rows[i].y0 - grid.rows[i - 1].y1 >= 12);
        }
        // Every word inside the table lies in one cell: no rule crosses it, in the words' own frame.
        for (const Line& line : page.lines) {
            for (const Word& word : line.words) {
                const double x = (word.box.x0 + word.box.x1) / 2, y = (word.box.y0 + word.box.y1) / 2;
                if (x < grid.table.x0 || x > grid.table.x1 || y < grid.table.y0 || y > grid.table.y1) continue;
                ++body_words;
                INFO("word " << word.text << " at " << word.box.x0 << "," << word.box.y0 << "–" << word.box.x1 << "," << word.box.y1);
                for (const Rule& rule : page.rules) {
                    CHECK_FALSE(crosses(rule.box, word.box));
                    // Rules are not read as text (`|`, `1`, an empty word the table's height).
                    const double rule_x = (rule.box.x0 + rule.box.x1) / 2;
                    if (!horizontal(rule)) CHECK_FALSE((std::abs(x - rule_x) < 2 && y > rule.box.y0 && y < rule.box.y1));
                }
                CHECK(word.box.y1 - word.box.y0 < 30);
                // 序号 1..12 sit between the first two column borders.
                const std::string text = word.text;
                if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && std::stoi(text) <= 12 && x < grid.columns[1].first) {
                    ++serials;
                    CHECK(x > grid.columns[0].first);
                }
            }
        }
    }
    CHECK(body_words >= 100);
    CHECK(serials == 12);   // each 序号 read as a number (chi_sim alone read 2 as 凤, 13 as 5)
}

TEST_CASE("a scanned notice without a table has no rules", "[ocr][rules]") {
    // Red rule under the masthead (removed with the seal's red), 16 pt text, 一、 and —— dashes of
    // the body: none of them is a ruling line.
    const Document document = extract(kGenerated / "scan_notice_scanned.pdf");
    REQUIRE_FALSE(document.pages.empty());
    REQUIRE(document.pages[0].ocr);
    REQUIRE(document.pages[0].lines.size() >= 10);
    CHECK(document.pages[0].rules.empty());
}

TEST_CASE("rules come back from the page cache with the lines", "[ocr][rules][page-cache]") {
    test::TempDir dir;
    const Document fresh = extract(kGenerated / "task_table_scanned.pdf", dir / "cache");
    const Document cached = extract(kGenerated / "task_table_scanned.pdf", dir / "cache");
    REQUIRE(fresh.pages.size() == cached.pages.size());
    for (std::size_t i = 0; i < fresh.pages.size(); ++i) {
        INFO("page " << fresh.pages[i].number);
        REQUIRE(fresh.pages[i].rules.size() == cached.pages[i].rules.size());
        for (std::size_t j = 0; j < fresh.pages[i].rules.size(); ++j) {
            CHECK(cached.pages[i].rules[j].box.x0 == Approx(fresh.pages[i].rules[j].box.x0));
            CHECK(cached.pages[i].rules[j].box.y1 == Approx(fresh.pages[i].rules[j].box.y1));
        }
    }
    CHECK_FALSE(fresh.pages[1].rules.empty());
}

TEST_CASE("read cell by cell, a scanned task table gives every 序号, deadline and bracketed unit as printed", "[ocr][rules][tables]") {
    // Read whole, Tesseract dropped the lone 序号 digits (a task lost), joined neighbouring cells
    // and read （城乡建设） as 〈《城乡建设 ): the tables enricher found 11 of the 12 tasks.
    const Document document = extract(kGenerated / "task_table_scanned.pdf", {}, {"docnumber", "fields", "tables"});
    REQUIRE(document.tasks.size() == 12);
    const char* const dues[] = {"2023-06-30", "2023-12-31", "", "2023-03-31", "2023-09-30", "2023-12-31",
                                "", "2024-06-30", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"};
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        INFO("task " << i + 1 << ": " << document.tasks[i].task);
        CHECK(document.tasks[i].seq == static_cast<int>(i + 1));
        CHECK(document.tasks[i].due == dues[i]);
    }
    const auto& units = document.tasks[1].units;
    CHECK(std::find(units.begin(), units.end(), "区住房（城乡建设）局") != units.end());
    CHECK_THAT(document.tasks[9].task, Catch::Contains("检查“综合查一次”，合并"));   // quotes repaired, in order
    CHECK_THAT(document.tasks[6].task, Catch::Contains("达到100%"));
}

// Not a test: prints what the rules of the scans named in GONGWEN_RULES_REPORT (separated by ':')
// look like, for measuring on scans outside the suite:
//   GONGWEN_RULES_REPORT=a.pdf:b.pdf build/bin/gongwen_tests "[.rules-report]" -s
TEST_CASE("ruling lines of scans: report", "[.rules-report]") {
    const char* files = std::getenv("GONGWEN_RULES_REPORT");
    if (!files) return;
    std::stringstream list(files);
    for (std::string file; std::getline(list, file, ':');) {
        const Document document = extract(file);
        for (const Page& page : document.pages) {
            const Grid grid = grid_of(page);
            std::size_t long_columns = 0, words = 0, crossed = 0, bars = 0;
            for (const auto& [x, covered] : grid.columns) long_columns += covered >= 0.9 * (grid.table.y1 - grid.table.y0);
            for (const Line& line : page.lines) {
                for (const Word& word : line.words) {
                    ++words;
                    bars += word.text.find('|') != std::string::npos;
                    crossed += std::any_of(page.rules.begin(), page.rules.end(), [&](const Rule& rule) { return crosses(rule.box, word.box); });
                }
            }
            if (std::getenv("GONGWEN_RULES_LIST")) {
                for (const Rule& rule : page.rules) WARN("rule " << rule.box.x0 << " " << rule.box.y0 << " " << rule.box.x1 << " " << rule.box.y1);
                for (const Line& line : page.lines) {
                    std::string words;
                    for (const Word& word : line.words) words += word.text + "@" + std::to_string(int(word.box.x0)) + "-" + std::to_string(int(word.box.x1)) + " ";
                    WARN("line y " << line.box.y0 << "-" << line.box.y1 << ": " << words);
                }
            }
            WARN(std::filesystem::path(file).filename().string()
                 << " page " << page.number << ": " << grid.rows.size() << " horizontal, " << page.rules.size() - grid.rows.size()
                 << " vertical rules (" << grid.columns.size() << " column borders, " << long_columns << " full height); words " << words
                 << ", crossed by a rule " << crossed << ", with | " << bars);
        }
    }
}
