// The tables enricher: rebuilds the document's tables from positioned words (PDF, OCR) or
// tab-separated text, keeps them in Document::tables, and turns responsibility tables
// (序号 | 重点任务 | 牵头单位 | 完成时限 …) into Document::tasks. Runs after `fields`, whose
// signed date anchors deadlines without a year (年底前, 每季度).
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

class TablesEnricher final : public gongwen::Enricher {
public:
    void enrich(gongwen::Document& document) override {
        std::vector<gongwen::tables::RawTable> tables = gongwen::tables::read_positioned_tables(document.pages);
        for (auto& table : gongwen::tables::read_text_tables(document.pages)) tables.push_back(std::move(table));
        const auto reference = document_date(document);
        for (const auto& table : tables) {
            std::vector<gongwen::Task> tasks = gongwen::tables::tasks_from_table(table, reference);
            gongwen::Table record;
            record.page = table.first_page;
            record.header = table.header;
            for (const auto& row : table.rows) record.rows.push_back(row.cells);
            record.tasks = tasks.size();
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
    "Tables from word boxes or tab-separated text; responsibility tables (重点任务分工表) become tasks "
    "with units, lead units and due dates",
    kOptions,
    []() -> gongwen::Plugin* { return new TablesEnricher; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
