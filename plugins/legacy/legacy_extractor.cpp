// The legacy plugin: Word 97–2003 (.doc), Excel 97–2003 (.xls), Kingsoft WPS (.wps, .et) and RTF
// files, recognised by content (ole_container.hpp), converted to DOCX/XLSX by LibreOffice inside
// the worker (libreoffice_converter.hpp) and read with the docx and xlsx plugins' readers.
#include <memory>
#include <string>

#include "docx_reader.hpp"
#include "gongwen/plugin.hpp"
#include "libreoffice_converter.hpp"
#include "ole_container.hpp"
#include "xlsx_reader.hpp"

namespace {

using gongwen::ExtractionError;
using gongwen::legacy::LegacyKind;

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
    }
    return true;
}

int parse_timeout(const std::string& value) {
    if (value.empty()) return 120;
    try {
        std::size_t used = 0;
        const int seconds = std::stoi(value, &used);
        if (used == value.size() && seconds >= 1 && seconds <= 3600) return seconds;
    } catch (const std::exception&) {
    }
    throw ExtractionError("option timeout_s must be a whole number of seconds from 1 to 3600, got \"" + value + "\"",
                          gongwen::FailureScope::plugin);
}

class LegacyExtractor final : public gongwen::Extractor {
public:
    void configure(const gongwen::PluginContext& context) override {
        Extractor::configure(context);
        const std::string soffice = context_.option("soffice").empty() ? "soffice" : context_.option("soffice");
        converter_ = std::make_unique<gongwen::legacy::LibreOfficeConverter>(soffice, parse_timeout(context_.option("timeout_s")),
                                                                               context_.option("profile_dir"));
    }

    int identify(std::span<const std::byte> head, std::string_view) const override {
        switch (gongwen::legacy::legacy_kind(head)) {
            case LegacyKind::word:
            case LegacyKind::excel:
            case LegacyKind::rtf: return 90;
            // An OLE2 file whose directory lies past the first bytes: extract() looks at all of it.
            case LegacyKind::ole_unknown: return 50;
            case LegacyKind::none: break;
        }
        return 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        if (!converter_) configure(context_);
        const LegacyKind kind = gongwen::legacy::legacy_kind(file.bytes);
        std::string format, input_extension, target;
        switch (kind) {
            case LegacyKind::word:
                format = ends_with_ignoring_case(file.path, ".wps") ? "wps" : "doc";
                input_extension = "doc", target = "docx";
                break;
            case LegacyKind::excel:
                format = ends_with_ignoring_case(file.path, ".et") ? "et" : "xls";
                input_extension = "xls", target = "xlsx";
                break;
            case LegacyKind::rtf:
                format = input_extension = "rtf", target = "docx";
                break;
            default:
                throw ExtractionError("an OLE2 compound file that is neither a Word nor an Excel document (no WordDocument, "
                                      "Workbook or Book stream): PowerPoint, Outlook and other such files are not read");
        }
        document.source.format = format;
        if (converter_->executable().empty()) {
            throw ExtractionError("a " + describe(format) + " needs LibreOffice to convert ." + format +
                                  " files: install libreoffice-writer-nogui (and libreoffice-calc-nogui for .xls/.et), e.g. `sudo apt "
                                  "install libreoffice-writer-nogui libreoffice-calc-nogui`, or set [plugins.legacy] soffice to "
                                  "its path (soffice was not found on PATH)");
        }
        const std::string converted = converter_->convert(file.bytes, input_extension, target);
        const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(converted.data()), converted.size());
        if (target == "docx") gongwen::docx::read(bytes, document);
        else gongwen::xlsx::read(bytes, document);
        document.source.format = format;
        document.extra["converted_by"] = converter_->version();
    }

private:
    static std::string describe(const std::string& format) {
        if (format == "doc") return "Word 97–2003 document (.doc)";
        if (format == "wps") return "Kingsoft WPS document (.wps)";
        if (format == "xls") return "Excel 97–2003 workbook (.xls)";
        if (format == "et") return "Kingsoft spreadsheet (.et)";
        return "RTF document (.rtf)";
    }

    std::unique_ptr<gongwen::legacy::LibreOfficeConverter> converter_;
};

const char* const kHandles[] = {"application/msword", "application/vnd.ms-excel", "application/wps-office.wps",
                                "application/wps-office.et", "application/rtf", nullptr};
const gongwen::PluginOption kOptions[] = {
    {"soffice", "soffice", "LibreOffice's soffice: a path, or a name looked up in PATH"},
    {"timeout_s", "120", "seconds one conversion may take before LibreOffice is stopped (the first one also creates its profile)"},
    {"profile_dir", "",
     "where each worker's private LibreOffice profile goes (removed when the worker ends); \"\" = $XDG_CACHE_HOME/gongwen"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "legacy", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "Word/Excel 97–2003 (.doc, .xls), Kingsoft WPS (.wps, .et) and RTF, converted to DOCX/XLSX by LibreOffice (headless, "
    "in the worker) and read like those; needs soffice",
    kOptions, []() -> gongwen::Plugin* { return new LegacyExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
