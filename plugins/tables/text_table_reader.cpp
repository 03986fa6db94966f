// Tab-separated tables in text documents (see table_readers.hpp).
#include <algorithm>

#include "gongwen/dates.hpp"
#include "gongwen/text.hpp"
#include "table_header.hpp"
#include "table_readers.hpp"

namespace gongwen::tables {
namespace {

struct TextLine {
    const std::string* text;
    int page;
};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        cells.push_back(trim(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
        if (tab == std::string::npos) return cells;
        start = tab + 1;
    }
}

bool is_sequence_number(const std::string& cell) {
    std::string text = trim(fold_width(cell));
    while (!text.empty() && (text.back() == '.' || text.back() == ')')) text.pop_back();
    return !text.empty() && parse_number(text).has_value();
}

RawTable build_table(const std::vector<TextLine>& run) {
    RawTable table;
    std::size_t header_line = 0;
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (looks_like_header(classify_header_row(split_tabs(*run[i].text)))) {
            header_line = i;
            break;
        }
    }
    for (const std::string& cell : split_tabs(*run[header_line].text)) table.header.push_back(without_spaces(cell));
    table.first_page = table.last_page = run[header_line].page;
    const auto roles = classify_header_row(table.header);
    const auto number_it = std::find(roles.begin(), roles.end(), ColumnRole::number);
    const int number_column = number_it == roles.end() ? -1 : static_cast<int>(number_it - roles.begin());

    for (std::size_t i = header_line + 1; i < run.size(); ++i) {
        std::vector<std::string> cells = split_tabs(*run[i].text);
        std::vector<std::string> folded;
        for (const auto& cell : cells) folded.push_back(without_spaces(cell));
        if (folded == table.header) continue;   // the header repeated after a page break
        cells.resize(std::max(cells.size(), table.header.size()));
        const bool numbered = number_column >= 0 && is_sequence_number(cells[number_column]);
        // A row cut by a page break goes on with an empty 序号 cell.
        if (number_column >= 0 && !numbered && cells[number_column].empty() && !table.rows.empty()) {
            RawRow& previous = table.rows.back();
            previous.cells.resize(std::max(previous.cells.size(), cells.size()));
            for (std::size_t c = 0; c < cells.size(); ++c) previous.cells[c] += cells[c];
        } else {
            table.rows.push_back({std::move(cells), run[i].page});
        }
        table.last_page = run[i].page;
    }
    return table;
}

}  // namespace

std::vector<RawTable> read_text_tables(const std::vector<Page>& pages) {
    std::vector<TextLine> lines;
    for (const Page& page : pages) {
        for (const Line& line : page.lines) {
            if (line.words.empty()) lines.push_back({&line.text, page.number});
        }
    }
    auto has_tab = [&](std::size_t i) { return i < lines.size() && lines[i].text->find('\t') != std::string::npos; };
    auto is_blank = [&](std::size_t i) { return i < lines.size() && trim(*lines[i].text).empty(); };

    std::vector<RawTable> tables;
    std::vector<TextLine> run;
    auto finish_run = [&] {
        if (run.size() >= 2) {
            RawTable table = build_table(run);
            if (!table.rows.empty()) tables.push_back(std::move(table));
        }
        run.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (has_tab(i)) {
            run.push_back(lines[i]);
        } else if (!run.empty() && (is_blank(i) || has_tab(i + 1) || (!is_blank(i + 1) && has_tab(i + 2)))) {
            // Blank lines (a page break in the text) and one or two lines between two rows
            // (category rows spanning the table: `四、军民深度融合方面` `五、管理体制创新方面`)
            // do not end it.
            if (!is_blank(i)) run.push_back(lines[i]);
        } else {
            finish_run();
        }
    }
    finish_run();
    return tables;
}

}  // namespace gongwen::tables
