// The xlsx plugin: Excel workbooks (XLSX). Each sheet is one page and one table of real cells
// (xlsx_reader.hpp); a sheet whose header names task columns gives tasks through the tables enricher.
#include "gongwen/plugin.hpp"
#include "xlsx_reader.hpp"
#include "zip_archive.hpp"

namespace {

class XlsxExtractor final : public gongwen::Extractor {
public:
    int identify(std::span<const std::byte> head, std::string_view) const override {
        return gongwen::zip::kind_from_head(head) == gongwen::zip::ContainerKind::xlsx ? 95 : 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        document.source.format = "xlsx";
        gongwen::xlsx::read(file.bytes, document);
    }
};

// Also the legacy names: an XLSX saved as .xls or .et is read, not rejected as mislabelled.
const char* const kHandles[] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
                                "application/wps-office.et", nullptr};
const gongwen::PluginOption kOptions[] = {{nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "xlsx", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "Excel workbooks (XLSX): each sheet a page and a table of its non-empty cells, merged cells kept, date cells as "
    "2024年9月30日 (1900 and 1904 date systems)",
    kOptions, []() -> gongwen::Plugin* { return new XlsxExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
