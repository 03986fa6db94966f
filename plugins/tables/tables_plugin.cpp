// The tables enricher: rebuilds the document's tables from positioned words (PDF, OCR) or
// tab-separated text, keeps them in Document::tables, and turns responsibility tables
// (序号 | 重点任务 | 牵头单位 | 完成时限 …) into Document::tasks. Runs after `fields`, whose
// signed date anchors deadlines without a year (年底前, 每季度).
#include <algorithm>

#include "gongwen/dates.hpp"
#include "gongwen/plugin.hpp"
#include "table_readers.hpp"
#include "task_builder.hpp"

namespace {

std::optional<gongwen::Date> document_date(const gongwen::Document& document) {
    if (document.signed_date) {
        if (auto date = gongwen::parse_iso_date(*document.signed_date)) return date;
    }
    if (document.printed_date) return gongwen::parse_iso_date(*document.printed_date);
    return std::nullopt;
}

// The body's own words on reading its tables (列第一位的为牵头单位), outside the tables.
bool body_says_first_unit_leads(const gongwen::Document& document) {
    return std::any_of(document.paragraphs.begin(), document.paragraphs.end(),
                       [](const gongwen::Paragraph& paragraph) { return gongwen::tables::says_first_unit_leads(paragraph.text); });
}

// Whether the document speaks of tasks: its attachments' titles, or its body.
bool expects_tasks(const gongwen::Document& document) {
    for (const std::string& title : document.attachments) {
        if (gongwen::tables::speaks_of_tasks(title)) return true;
    }
    if (document.title && gongwen::tables::speaks_of_tasks(*document.title)) return true;
    return std::any_of(document.paragraphs.begin(), document.paragraphs.end(),
                       [](const gongwen::Paragraph& paragraph) { return gongwen::tables::speaks_of_tasks(paragraph.text); });
}

double top_of(const gongwen::tables::RawTable& table) { return table.regions.empty() ? 0 : table.regions.front().box.y0; }

class TablesEnricher final : public gongwen::Enricher {
public:
    void enrich(gongwen::Document& document) override {
        using gongwen::tables::RawTable;
        // An extractor that read the file's own cells (DOCX, XLSX, HTML) has given the tables:
        // they are read as grids, and nothing is guessed from positions.
        if (!document.tables.empty()) {
            std::vector<gongwen::Table> given = std::move(document.tables);
            document.tables.clear();
            make_tasks(gongwen::tables::read_cell_tables(given), document);
            return;
        }
        // Grids first: where the page draws its cells, they decide. The alignment reader gets
        // what lies outside them (borderless and three-line tables), text tables come last.
        std::vector<RawTable> tables = gongwen::tables::read_grid_tables(document.pages);
        std::vector<gongwen::TableRegion> ruled;
        for (const RawTable& table : tables) ruled.insert(ruled.end(), table.regions.begin(), table.regions.end());
        for (auto& table : gongwen::tables::read_positioned_tables(document.pages, ruled)) tables.push_back(std::move(table));
        std::stable_sort(tables.begin(), tables.end(), [](const RawTable& a, const RawTable& b) {
            return a.first_page != b.first_page ? a.first_page < b.first_page : top_of(a) < top_of(b);
        });
        for (auto& table : gongwen::tables::read_text_tables(document.pages)) tables.push_back(std::move(table));
        make_tasks(std::move(tables), document);
    }

private:
    // Keeps `tables` in Document::tables and adds the tasks of those that are task tables.
    void make_tasks(std::vector<gongwen::tables::RawTable> tables, gongwen::Document& document) {
        using gongwen::tables::RawTable;
        // Most documents have no table: the body is not searched for what it says about tables.
        if (tables.empty()) return;
        const gongwen::tables::TableContext context{document_date(document), body_says_first_unit_leads(document),
                                                    expects_tasks(document)};
        for (auto& table : tables) {
            std::vector<gongwen::Task> tasks = gongwen::tables::tasks_from_table(table, context);
            gongwen::Table record;
            record.page = table.first_page;
            record.header = table.header;
            for (auto& row : table.rows) record.rows.push_back(std::move(row.cells));
            record.tasks = tasks.size();
            record.regions = std::move(table.regions);
            record.ruled = table.ruled;
            document.tables.push_back(std::move(record));
            for (auto& task : tasks) document.tasks.push_back(std::move(task));
        }
        context_.log(gongwen::LogLevel::debug, std::to_string(tables.size()) + " tables, " +
                                                   std::to_string(document.tasks.size()) + " tasks");
    }
};

const gongwen::PluginOption kOptions[] = {{nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "tables", "1.0.0", gongwen::PluginKind::enricher, nullptr,
    "Tables from ruling-line grids, word alignment or tab-separated text; responsibility tables (重点任务分工表) become tasks "
    "with units, lead units and due dates",
    kOptions,
    []() -> gongwen::Plugin* { return new TablesEnricher; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
