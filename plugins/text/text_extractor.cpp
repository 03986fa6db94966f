// The text extractor plugin: UTF-8 text, and GB18030/GBK text converted with ICU.
// Pages are split at form feeds (\f, as pdftotext writes them); lines keep no geometry.
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"

namespace {

using gongwen::ExtractionError;

std::string_view as_text(std::span<const std::byte> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

bool has_utf8_bom(std::string_view text) { return text.starts_with("\xEF\xBB\xBF"); }

// The sniffed head may cut a multi-byte character at its end: ignore up to 3 trailing bytes.
bool looks_like_utf8(std::string_view head) {
    for (std::size_t cut = 0; cut <= 3 && cut <= head.size(); ++cut) {
        if (gongwen::is_valid_utf8(head.substr(0, head.size() - cut))) return true;
    }
    return false;
}

bool has_control_bytes(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f');
    });
}

bool looks_like_markup(std::string_view head) {
    std::string start;
    for (char c : head.substr(0, 256)) {
        if (!start.empty() || !std::isspace(static_cast<unsigned char>(c))) start += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return start.starts_with("<!doctype") || start.starts_with("<html") || start.starts_with("<?xml");
}

// GB18030 decoded with ICU; throws when the bytes are not valid GB18030.
std::string gb18030_to_utf8(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("GB18030", &status), ucnv_close);
    if (U_FAILURE(status)) throw ExtractionError("ICU has no GB18030 converter", gongwen::FailureScope::plugin);
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string utf16(bytes.size() + 1, u'\0');
    const int32_t length = ucnv_toUChars(converter.get(), reinterpret_cast<UChar*>(utf16.data()),
                                         static_cast<int32_t>(utf16.size()), bytes.data(),
                                         static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) throw ExtractionError("neither UTF-8 nor GB18030 text: cannot decode it");
    utf16.resize(static_cast<std::size_t>(length));
    std::string out;
    for (std::size_t i = 0; i < utf16.size(); ++i) {
        char32_t cp = utf16[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < utf16.size()) cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[++i] - 0xDC00);
        gongwen::append_utf8(out, cp);
    }
    return out;
}

bool gb18030_with_han(std::string_view head) {
    // Cut at the last ASCII byte so that a character split by the sniff window does not fail decoding.
    const auto last_ascii = std::find_if(head.rbegin(), head.rend(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::string_view sample = head.substr(0, static_cast<std::size_t>(head.rend() - last_ascii));
    try {
        const std::string text = gb18030_to_utf8(sample);
        std::size_t pos = 0;
        while (pos < text.size()) {
            if (gongwen::is_han(gongwen::next_code_point(text, pos))) return true;
        }
    } catch (const ExtractionError&) {
    }
    return false;
}

class TextExtractor final : public gongwen::Extractor {
public:
    int identify(std::span<const std::byte> head, std::string_view) const override {
        const std::string_view text = as_text(head);
        if (text.empty() || has_control_bytes(text) || looks_like_markup(text)) return 0;
        if (has_utf8_bom(text)) return 90;
        if (looks_like_utf8(text)) return 60;
        return gb18030_with_han(text) ? 50 : 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        std::string_view raw = as_text(file.bytes);
        if (has_utf8_bom(raw)) raw.remove_prefix(3);
        std::string text;
        if (gongwen::is_valid_utf8(raw)) {
            text = raw;
        } else {
            text = gb18030_to_utf8(raw);
            document.warnings.push_back("text: converted from GB18030");
        }
        document.source.format = "text";
        split_pages(text, document);
        document.source.pages = static_cast<int>(document.pages.size());
    }

private:
    static void split_pages(const std::string& text, gongwen::Document& document) {
        document.pages.push_back({});
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find_first_of("\n\f", start);
            if (end == std::string::npos) end = text.size();
            std::string line = text.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            gongwen::Line entry;
            entry.text = std::move(line);
            document.pages.back().lines.push_back(std::move(entry));
            if (end < text.size() && text[end] == '\f') {
                document.pages.push_back({});
                document.pages.back().number = static_cast<int>(document.pages.size());
            }
            start = end + 1;
        }
    }
};

const char* const kHandles[] = {"text/plain", nullptr};
const gongwen::PluginOption kOptions[] = {{nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "text", "1.0.0", gongwen::PluginKind::extractor, kHandles,
    "Plain text in UTF-8 or GB18030/GBK (converted with ICU); pages split at form feeds", kOptions,
    []() -> gongwen::Plugin* { return new TextExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
