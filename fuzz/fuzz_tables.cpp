// libFuzzer target: table reconstruction from text. The input is read twice: as tab-separated
// lines (text documents) and as positioned words laid out from the same lines (one word per
// tab-separated cell, per-character boxes, a line break every 20 points, a page every 30 lines),
// and once more with ruling lines drawn from the same layout (a vertical rule in every gap between
// two cells of a line, a horizontal rule above every line whose length is odd: grids with random
// merged cells), then every table goes through the task builder. Invariants: all text out is valid UTF-8, rows
// of positioned tables have one cell per header column, units are non-empty and leads are units,
// every due date is a real ISO day.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/dates.hpp"
#include "gongwen/text.hpp"
#include "table_readers.hpp"
#include "task_builder.hpp"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

std::vector<gongwen::Page> pages_from(std::string_view text, bool positioned, bool ruled = false) {
    std::vector<gongwen::Page> pages(1);
    std::size_t start = 0;
    int line_number = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        gongwen::Line line;
        line.text = std::string(text.substr(start, end - start));
        if (positioned) {
            const double y = 20.0 * (line_number % 30);
            double x = 0;
            std::size_t cell_start = 0;
            while (cell_start <= line.text.size()) {
                std::size_t tab = line.text.find('\t', cell_start);
                if (tab == std::string::npos) tab = line.text.size();
                gongwen::Word word;
                word.text = line.text.substr(cell_start, tab - cell_start);
                word.font_size = 12;
                word.box = {x, y, x, y + 12};
                std::size_t pos = 0;
                while (pos < word.text.size()) {
                    gongwen::next_code_point(word.text, pos);
                    word.char_boxes.push_back({x, y, x + 12, y + 12});
                    x += 12;
                }
                word.box.x1 = x;
                if (!word.text.empty()) line.words.push_back(std::move(word));
                if (ruled) pages.back().rules.push_back({{x + 14, y - 4, x + 16, y + 16}});
                x += 30;   // the gap between two cells
                cell_start = tab + 1;
            }
        }
        if (ruled && line.text.size() % 2 == 1) {
            const double y = 20.0 * (line_number % 30);
            pages.back().rules.push_back({{0, y - 5, 30.0 * static_cast<double>(line.text.size() % 40) + 30, y - 4}});
        }
        if (!positioned || !line.words.empty()) pages.back().lines.push_back(std::move(line));
        if (positioned && ++line_number % 30 == 0) {
            pages.emplace_back();
            pages.back().number = static_cast<int>(pages.size());
        }
        start = end + 1;
    }
    return pages;
}

void check(const std::vector<gongwen::tables::RawTable>& tables, bool positioned) {
    for (const auto& table : tables) {
        for (const auto& cell : table.header) require(gongwen::is_valid_utf8(cell));
        for (const auto& row : table.rows) {
            if (positioned) require(row.cells.size() == table.header.size());
            require(row.spanned.empty() || row.spanned.size() == row.cells.size());
            for (const auto& cell : row.cells) require(gongwen::is_valid_utf8(cell));
        }
        for (const auto& task : gongwen::tables::tasks_from_table(table, {gongwen::Date{2023, 3, 15}})) {
            require(gongwen::is_valid_utf8(task.task) && gongwen::is_valid_utf8(task.deadline_text));
            for (const auto& unit : task.units) require(!unit.empty() && gongwen::is_valid_utf8(unit));
            for (const auto& lead : task.lead_units) {
                require(std::find(task.units.begin(), task.units.end(), lead) != task.units.end());
            }
            require(task.due.empty() || gongwen::parse_iso_date(task.due).has_value());
            require(task.kind == "deadline" || task.kind == "ongoing" || task.kind == "recurring");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!gongwen::is_valid_utf8(text)) return 0;   // extractors hand over UTF-8 only
    check(gongwen::tables::read_text_tables(pages_from(text, false)), false);
    check(gongwen::tables::read_positioned_tables(pages_from(text, true)), true);
    check(gongwen::tables::read_grid_tables(pages_from(text, true, true)), true);
    return 0;
}
