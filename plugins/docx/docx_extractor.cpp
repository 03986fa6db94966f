// The docx plugin: Word documents (DOCX) read from their XML, paragraphs laid out on synthetic
// A4 pages (docx_reader.hpp) and tables handed to the tables enricher as real cells.
#include "docx_reader.hpp"
#include "gongwen/plugin.hpp"
#include "xlsx_reader.hpp"
#include "zip_archive.hpp"

namespace {

using gongwen::ExtractionError;
using gongwen::zip::ContainerKind;

class DocxExtractor final : public gongwen::Extractor {
public:
    int identify(std::span<const std::byte> head, std::string_view) const override {
        switch (gongwen::zip::kind_from_head(head)) {
            case ContainerKind::docx: return 95;
            // A zip whose first members name no format: the member list decides in extract(), and
            // a zip that is none of the office formats is rejected there with a reason.
            case ContainerKind::other_zip: return 5;
            default: return 0;
        }
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        try {
            gongwen::zip::Archive archive(file.bytes);
            // An XLSX whose first members did not say so (its writer put other parts first).
            if (archive.kind() == ContainerKind::xlsx) {
                document.source.format = "xlsx";
                gongwen::xlsx::read(archive, document);
                return;
            }
            document.source.format = "docx";
            gongwen::docx::read(archive, document);
        } catch (const gongwen::zip::ArchiveError& error) {
            throw ExtractionError(error.what());
        }
    }
};

// Also the legacy names: a DOCX saved as .doc or .wps (common; Word and WPS open it by content)
// is read, not rejected as mislabelled. Real .doc/.wps bytes are the legacy plugin's.
const char* const kHandles[] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
                                "application/wps-office.wps", nullptr};
const gongwen::PluginOption kOptions[] = {{nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "docx", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "Word documents (DOCX): paragraphs with their alignment, indents and automatic numbering (一、 （一） 1.) laid out on "
    "A4 pages, tables as real cells with merged cells; headers, footers and comments left out",
    kOptions, []() -> gongwen::Plugin* { return new DocxExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
