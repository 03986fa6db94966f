// Body clauses outside the located tables plus one clause per table row (see table_clauses.hpp).
#include "gongwen/core/table_clauses.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "gongwen/core/clause_splitter.hpp"
#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"

namespace gongwen::core {
namespace {

bool centre_inside(const Box& box, const Box& region) {
    const double x = (box.x0 + box.x1) / 2, y = (box.y0 + box.y1) / 2;
    return x >= region.x0 && x <= region.x1 && y >= region.y0 && y <= region.y1;
}

bool overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

bool inside_any(const Box& box, const std::vector<Box>& regions) {
    return std::any_of(regions.begin(), regions.end(), [&](const Box& region) { return centre_inside(box, region); });
}

// The line without the words inside `regions`, or nullopt when nothing of it is left.
std::optional<Line> line_outside(const Line& line, const std::vector<Box>& regions) {
    const bool touches = std::any_of(regions.begin(), regions.end(), [&](const Box& region) { return overlaps(line.box, region); });
    if (!touches) return line;
    if (line.words.empty()) {
        if (inside_any(line.box, regions)) return std::nullopt;
        return line;
    }
    Line kept;
    for (const Word& word : line.words) {
        if (!inside_any(word.box, regions)) kept.words.push_back(word);
    }
    if (kept.words.size() == line.words.size()) return line;
    if (kept.words.empty()) return std::nullopt;
    kept.box = kept.words.front().box;
    for (const Word& word : kept.words) {
        kept.text += word.text;
        if (word.space_after) kept.text += ' ';
        kept.box.x0 = std::min(kept.box.x0, word.box.x0), kept.box.y0 = std::min(kept.box.y0, word.box.y0);
        kept.box.x1 = std::max(kept.box.x1, word.box.x1), kept.box.y1 = std::max(kept.box.y1, word.box.y1);
    }
    kept.text = trim(kept.text);
    if (kept.text.empty()) return std::nullopt;
    return kept;
}

bool has_regions(const std::vector<Table>& tables) {
    return std::any_of(tables.begin(), tables.end(), [](const Table& table) { return !table.regions.empty(); });
}

// The table each task came from (index into `tables`), or -1 for all when `Table::tasks` does not
// account for every task (then each task counts as located).
std::vector<int> table_of_tasks(const Document& document) {
    std::vector<int> owner;
    for (std::size_t t = 0; t < document.tables.size(); ++t) owner.insert(owner.end(), document.tables[t].tasks, static_cast<int>(t));
    if (owner.size() != document.tasks.size()) owner.assign(document.tasks.size(), -1);
    return owner;
}

// The attachment a table on `page` belongs to: the path of the last 附件 clause of the body that
// starts on or before that page (`附件`, `附件2`), else 附件 (task tables are attachments).
std::string attachment_of(const std::vector<Clause>& body, int page) {
    std::string found = "附件";
    for (const Clause& clause : body) {
        if (clause.page > page) break;
        if (clause.level == 0 && clause.path.starts_with("附件")) found = clause.path;
    }
    return found;
}

// The section's number as a path part (`一、`, `（一）`), or the section itself when it has none.
std::string section_label(const std::string& section) {
    if (section.empty()) return "";
    if (auto marker = parse_clause_marker(section)) return marker->label;
    const std::u32string text = to_u32(trim(section));
    return to_utf8(std::u32string_view(text).substr(0, std::min<std::size_t>(text.size(), 12))) + " ";
}

// Up to the first sentence end, when short: what the clause splitter takes as a heading.
std::string heading_of(const std::string& text) {
    const std::u32string chars = to_u32(trim(text));
    for (std::u32string_view stops : {std::u32string_view(U"。；！？;!?\n"), std::u32string_view(U"，,：:")}) {
        std::size_t end = 0;
        while (end < chars.size() && stops.find(chars[end]) == std::u32string_view::npos) ++end;
        if (end > 0 && end <= 40) return trim(to_utf8(std::u32string_view(chars).substr(0, end)));
    }
    return "";
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

// The text a search reads for one task row: its cells in a readable order, labelled.
std::string task_text(const Task& task) {
    std::string text = task.parent.empty() ? task.task : task.parent + "　" + task.task;
    if (!task.units.empty()) text += "　责任单位：" + joined(task.units, "、");
    if (!task.deadline_text.empty()) text += "　完成时限：" + task.deadline_text;
    // The section row spans the whole table, so it is inside the region and no body clause keeps
    // it; carried here so that its words stay findable, with the rows it heads.
    if (!task.section.empty()) text += "　所属：" + task.section;
    return text;
}

// A row of a table without tasks: its cells in column order, each after its column's title.
std::string row_text(const std::vector<std::string>& header, const std::vector<std::string>& row) {
    std::string text;
    for (std::size_t c = 0; c < row.size(); ++c) {
        std::string cell = row[c];
        std::replace(cell.begin(), cell.end(), '\n', ' ');   // a hard break inside a cell
        cell = trim(remove_spaces_between_han(cell));
        if (cell.empty()) continue;
        if (!text.empty()) text += "　";
        if (c < header.size() && !trim(header[c]).empty()) text += trim(header[c]) + "：";
        text += cell;
    }
    return text;
}

// Everything the tables reader took from the located tables, whitespace removed: headers, cells,
// and what tasks carry (a section row is not a row of Table::rows).
std::string text_read_from_tables(const Document& document) {
    std::string text;
    const auto add = [&](const std::string& part) {
        for (char c : part) {
            if (c != ' ' && c != '\n' && c != '\t') text += c;
        }
        text += '\n';
    };
    for (const Table& table : document.tables) {
        if (table.regions.empty()) continue;
        for (const auto& cell : table.header) add(cell);
        for (const auto& row : table.rows) {
            for (const auto& cell : row) add(cell);
        }
    }
    for (const Task& task : document.tasks) {
        for (const std::string* part : {&task.task, &task.section, &task.parent, &task.deadline_text}) add(*part);
        for (const auto& unit : task.units) add(unit);
    }
    return text;
}

// A line inside a table region that no table read: none of its words (two characters or more) is
// in the tables' text. A section row spanning a statistics table (`一、知识产权保护方面（共5项）`)
// is such a line; it goes back to the body instead of being lost. A line with any word a cell
// holds is table text (interleaved cells), and one of single characters (`序` of a wrapped header)
// tells nothing: both stay out.
bool read_by_no_table(const Line& line, const std::string& read) {
    std::vector<std::string> words;
    for (const Word& word : line.words) words.push_back(word.text);
    if (line.words.empty()) words.push_back(line.text);
    bool judged = false;
    for (std::string word : words) {
        std::erase_if(word, [](char c) { return c == ' ' || c == '\t'; });
        word = trim(word);   // ideographic spaces too
        if (to_u32(word).size() < 2) continue;
        if (read.find(word) != std::string::npos) return false;
        judged = true;
    }
    return judged;
}

}  // namespace

std::vector<Paragraph> paragraphs_outside_tables(const Document& document) {
    const std::vector<Page>& pages = document.pages;
    const std::vector<Table>& tables = document.tables;
    const std::string read = text_read_from_tables(document);
    std::map<int, std::vector<Box>> regions_of_page;
    for (const Table& table : tables) {
        for (const TableRegion& region : table.regions) regions_of_page[region.page].push_back(region.box);
    }
    // Runs of body lines in reading order, each as pages holding only its lines. A table between
    // two lines ends a run: the lines around it never join into one paragraph (a title above the
    // table and the 附件2 after it looked like a sentence wrapped across the gap).
    std::vector<std::vector<Page>> runs(1);
    bool cut = false;
    const auto add = [&](const Page& page, Line line) {
        if (cut && !runs.back().empty()) runs.emplace_back();
        cut = false;
        auto& run = runs.back();
        if (run.empty() || run.back().number != page.number) {
            Page part;
            part.number = page.number, part.width = page.width, part.height = page.height, part.ocr = page.ocr;
            run.push_back(std::move(part));
        }
        run.back().lines.push_back(std::move(line));
    };
    for (const Page& page : pages) {
        const auto regions = regions_of_page.find(page.number);
        for (const Line& line : page.lines) {
            if (regions == regions_of_page.end()) {
                add(page, line);
                continue;
            }
            std::optional<Line> kept = line_outside(line, regions->second);
            if (!kept && !read_by_no_table(line, read)) {
                cut = true;
                continue;
            }
            if (!kept) {   // inside a table but in no cell the reader kept: a section row of a statistics table
                cut = true;
                add(page, line);
                cut = true;
                continue;
            }
            const bool partial = kept->words.size() != line.words.size();
            if (partial) cut = true;   // a caption beside the table: a paragraph of its own
            add(page, std::move(*kept));
            if (partial) cut = true;
        }
    }
    std::vector<Paragraph> paragraphs;
    for (const auto& run : runs) {
        for (auto& paragraph : build_paragraphs(run)) paragraphs.push_back(std::move(paragraph));
    }
    return paragraphs;
}

std::vector<Clause> table_clauses(const Document& document, const std::vector<Clause>& body) {
    const std::vector<int> owner = table_of_tasks(document);
    const auto located = [&](int table) { return table < 0 || !document.tables[table].regions.empty(); };

    // What becomes a clause, in table order: each task of a located table (every task when they
    // cannot be matched to their tables), and each row of a located table without tasks (a
    // statistics table, a contact list), whose text would otherwise be in no clause at all.
    struct Item {
        int table;
        const Task* task;                          // or
        const std::vector<std::string>* row;
        std::string number;                        // 第3项 / 第3行
    };
    std::vector<Item> items;
    std::map<int, int> ordinal_in_table;
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        if (!located(owner[i])) continue;
        const Task& task = document.tasks[i];
        const int ordinal = ++ordinal_in_table[owner[i]];
        items.push_back({owner[i], &task, nullptr, "第" + std::to_string(task.seq > 0 ? task.seq : ordinal) + "项"});
    }
    for (std::size_t t = 0; t < document.tables.size(); ++t) {
        const Table& table = document.tables[t];
        if (table.tasks > 0 || !located(static_cast<int>(t))) continue;
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            items.push_back({static_cast<int>(t), nullptr, &table.rows[r], "第" + std::to_string(r + 1) + "行"});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.table < b.table; });

    // Path parts: the attachment, the table (only when an attachment holds several located
    // tables), the section (only in a table whose 序号 restarts per section), the number.
    const auto page_of = [&](const Item& item) { return item.table >= 0 ? document.tables[item.table].page : item.task->page; };
    std::map<std::string, std::vector<int>> tables_of_attachment;
    std::set<std::pair<int, std::string>> numbers_seen;
    std::set<int> numbers_repeat;
    for (const Item& item : items) {
        auto& tables = tables_of_attachment[attachment_of(body, page_of(item))];
        if (std::find(tables.begin(), tables.end(), item.table) == tables.end()) tables.push_back(item.table);
        if (!numbers_seen.insert({item.table, item.number}).second) numbers_repeat.insert(item.table);
    }

    std::vector<Clause> clauses;
    std::set<std::string> taken;
    for (const Item& item : items) {
        const std::string attachment = attachment_of(body, page_of(item));
        const auto& tables = tables_of_attachment[attachment];
        std::string path = attachment + " ";
        if (tables.size() > 1) path += "表" + std::to_string(std::find(tables.begin(), tables.end(), item.table) - tables.begin() + 1) + " ";
        if (item.task && numbers_repeat.contains(item.table)) path += section_label(item.task->section);
        path += item.number;
        // Still not unique (a number repeated in one section): the second one is （2）, and so on.
        const std::string base = path;
        for (int n = 2; taken.contains(path); ++n) path = base + "（" + std::to_string(n) + "）";
        taken.insert(path);

        Clause clause;
        clause.path = std::move(path);
        clause.level = 1;
        if (item.task) {
            clause.text = task_text(*item.task);
            clause.heading = heading_of(item.task->task);   // the row's own words; the path says where it is
            clause.page = item.task->page;
        } else {
            clause.text = row_text(document.tables[item.table].header, *item.row);
            clause.page = page_of(item);
        }
        if (!is_blank(clause.text)) clauses.push_back(std::move(clause));
    }
    return clauses;
}

void separate_table_clauses(Document& document) {
    if (!has_regions(document.tables)) return;
    std::vector<Clause> clauses = split_clauses(paragraphs_outside_tables(document));
    std::vector<Clause> tasks = table_clauses(document, clauses);
    const std::size_t first_task = clauses.size();
    clauses.insert(clauses.end(), std::make_move_iterator(tasks.begin()), std::make_move_iterator(tasks.end()));

    // Deadlines were read from the old clauses (fields runs before tables). One whose clause still
    // holds its text keeps it; one read from a table cell moves to the clause that now holds it,
    // the next such clause in document order first, so that equal dates of several rows go to
    // their own rows.
    std::size_t cursor = first_task;
    for (Deadline& deadline : document.deadlines) {
        const auto holds = [&](const Clause& clause) { return clause.text.find(deadline.text) != std::string::npos; };
        const auto same_path = std::find_if(clauses.begin(), clauses.end(), [&](const Clause& c) { return c.path == deadline.clause; });
        if (same_path != clauses.end() && holds(*same_path)) continue;
        std::optional<std::size_t> found;
        for (std::size_t pass = 0; pass < 3 && !found; ++pass) {
            for (std::size_t c = pass == 0 ? cursor : 0; c < clauses.size(); ++c) {
                if (holds(clauses[c]) && (pass == 2 || clauses[c].page == deadline.page)) {
                    found = c;
                    break;
                }
            }
        }
        if (!found) continue;
        deadline.clause = clauses[*found].path;
        if (*found >= first_task) cursor = *found;
    }
    document.clauses = std::move(clauses);
}

}  // namespace gongwen::core
