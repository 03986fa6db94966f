// Body clauses outside the located tables plus one clause per task row (see table_clauses.hpp).
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

}  // namespace

std::vector<Page> pages_outside_tables(const std::vector<Page>& pages, const std::vector<Table>& tables) {
    std::map<int, std::vector<Box>> regions_of_page;
    for (const Table& table : tables) {
        for (const TableRegion& region : table.regions) regions_of_page[region.page].push_back(region.box);
    }
    std::vector<Page> out = pages;
    for (Page& page : out) {
        const auto regions = regions_of_page.find(page.number);
        if (regions == regions_of_page.end()) continue;
        std::vector<Line> lines;
        lines.reserve(page.lines.size());
        for (const Line& line : page.lines) {
            if (auto kept = line_outside(line, regions->second)) lines.push_back(std::move(*kept));
        }
        page.lines = std::move(lines);
    }
    return out;
}

std::vector<Clause> task_clauses(const Document& document, const std::vector<Clause>& body) {
    const std::vector<int> owner = table_of_tasks(document);
    const auto located = [&](std::size_t i) { return owner[i] < 0 || !document.tables[owner[i]].regions.empty(); };

    // Path parts per task: the attachment, the table (only when an attachment holds several task
    // tables), the section (only when 序号 repeats inside a table), the number.
    std::vector<std::string> attachment(document.tasks.size()), table_part(document.tasks.size()), number(document.tasks.size());
    std::map<std::string, std::vector<int>> tables_of_attachment;
    std::map<int, int> ordinal_in_table;
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        if (!located(i)) continue;
        const Task& task = document.tasks[i];
        const int page = owner[i] >= 0 ? document.tables[owner[i]].page : task.page;
        attachment[i] = attachment_of(body, page);
        auto& tables = tables_of_attachment[attachment[i]];
        if (std::find(tables.begin(), tables.end(), owner[i]) == tables.end()) tables.push_back(owner[i]);
        const int ordinal = ++ordinal_in_table[owner[i]];
        number[i] = "第" + std::to_string(task.seq > 0 ? task.seq : ordinal) + "项";
    }
    std::map<std::pair<int, std::string>, int> uses_of_number;
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        if (!located(i)) continue;
        const auto& tables = tables_of_attachment[attachment[i]];
        if (tables.size() > 1) {
            const auto k = std::find(tables.begin(), tables.end(), owner[i]) - tables.begin();
            table_part[i] = "表" + std::to_string(k + 1) + " ";
        }
        ++uses_of_number[{owner[i], number[i]}];
    }

    std::vector<Clause> clauses;
    std::set<std::string> taken;
    for (std::size_t i = 0; i < document.tasks.size(); ++i) {
        if (!located(i)) continue;
        const Task& task = document.tasks[i];
        const bool repeated = uses_of_number[{owner[i], number[i]}] > 1;
        std::string path = attachment[i] + " " + table_part[i] + (repeated ? section_label(task.section) : "") + number[i];
        // Still not unique (a number repeated in one section): the second one is （2）, and so on.
        const std::string base = path;
        for (int n = 2; taken.contains(path); ++n) path = base + "（" + std::to_string(n) + "）";
        taken.insert(path);

        Clause clause;
        clause.path = std::move(path);
        clause.text = task_text(task);
        clause.heading = heading_of(clause.text);
        clause.page = task.page;
        clause.level = 1;
        clauses.push_back(std::move(clause));
    }
    return clauses;
}

void separate_table_clauses(Document& document) {
    if (!has_regions(document.tables)) return;
    std::vector<Clause> clauses = split_clauses(build_paragraphs(pages_outside_tables(document.pages, document.tables)));
    std::vector<Clause> tasks = task_clauses(document, clauses);
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
