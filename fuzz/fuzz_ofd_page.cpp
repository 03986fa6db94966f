// libFuzzer target: an OFD page (the ofd plugin's package reader). The input is a page's
// Content.xml, wrapped with a fixed OFD.xml, Document.xml and resources into a zip in memory.
// Invariants: every glyph box and rule is finite and not inverted, rules are thin, and the glyph
// and rule budgets hold.
#include <zip.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "gongwen/error.hpp"
#include "ofd_package.hpp"
#include "xml_document.hpp"
#include "zip_archive.hpp"

namespace {

const char* const kEntry =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody><ofd:DocInfo>"
    "<ofd:Title>t</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
const char* const kDocument =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData>"
    "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
    "<ofd:TemplatePage ID=\"7\" BaseLoc=\"Tpls/Tpl_0/Content.xml\"/></ofd:CommonData>"
    "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>";
const char* const kResources =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Res xmlns:ofd=\"http://www.ofdspec.org/2016\" BaseLoc=\"Res\"><ofd:MultiMedias>"
    "<ofd:MultiMedia ID=\"2\" Type=\"Image\"><ofd:MediaFile>a.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>"
    "<ofd:DrawParams><ofd:DrawParam ID=\"3\" LineWidth=\"0.5\"/></ofd:DrawParams></ofd:Res>";

bool finite(const gongwen::ofd::MmBox& box) {
    return std::isfinite(box.x0) && std::isfinite(box.y0) && std::isfinite(box.x1) && std::isfinite(box.y1);
}

/// The members zipped in memory.
std::string zipped(const std::vector<std::pair<std::string, std::string>>& members) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) std::abort();
    zip_source_keep(buffer);
    for (const auto& [name, data] : members) {
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        if (zip_file_add(archive, name.c_str(), source, 0) < 0) std::abort();
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(zip_get_num_entries(archive, 0) - 1), ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) std::abort();
    std::string out;
    if (zip_source_open(buffer) == 0) {
        char chunk[8192];
        zip_int64_t got;
        while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(got));
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string page(reinterpret_cast<const char*>(data), size);
    const std::string bytes = zipped({{"OFD.xml", kEntry},
                                      {"Doc_0/Document.xml", kDocument},
                                      {"Doc_0/DocumentRes.xml", kResources},
                                      {"Doc_0/Tpls/Tpl_0/Content.xml", page},
                                      {"Doc_0/Pages/Page_0/Content.xml", page}});
    try {
        gongwen::zip::Archive archive(std::as_bytes(std::span(bytes.data(), bytes.size())));
        const gongwen::ofd::Package package = gongwen::ofd::read_package(archive);
        for (const auto& content : package.pages) {
            if (content.glyphs.size() > 200'000 || content.rules.size() > 4000) std::abort();
            for (const auto& glyph : content.glyphs) {
                if (!finite(glyph.box) || glyph.box.x0 > glyph.box.x1 || glyph.box.y0 > glyph.box.y1) std::abort();
            }
            for (const auto& rule : content.rules) {
                if (!finite(rule) || rule.x0 > rule.x1 || rule.y0 > rule.y1) std::abort();
                if (rule.x1 - rule.x0 > 1.1 && rule.y1 - rule.y0 > 1.1) std::abort();   // neither thin: not a rule
            }
        }
    } catch (const gongwen::ExtractionError&) {
    } catch (const gongwen::zip::ArchiveError&) {
    } catch (const gongwen::xml::XmlError&) {
    }
    return 0;
}
