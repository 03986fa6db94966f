// Saved web pages and MHTML archives to UTF-8 HTML (see html_source.hpp).
#include "html_source.hpp"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <vector>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"

namespace gongwen::html {
namespace {

using gongwen::ExtractionError;

/// A MIME header block: names lower-cased, folded lines unfolded.
struct Headers {
    std::vector<std::pair<std::string, std::string>> fields;
    std::string get(std::string_view name) const {
        for (const auto& [key, value] : fields) {
            if (key == name) return value;
        }
        return {};
    }
};

/// Reads headers from `text` at `pos` up to the blank line; `pos` ends after it.
Headers read_headers(std::string_view text, std::size_t& pos) {
    Headers headers;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = std::min(text.size(), end + 1);
        if (line.empty()) break;
        if ((line.front() == ' ' || line.front() == '\t') && !headers.fields.empty()) {
            headers.fields.back().second += " " + trim_ascii(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        headers.fields.emplace_back(lower_ascii(trim_ascii(line.substr(0, colon))), trim_ascii(line.substr(colon + 1)));
    }
    return headers;
}

/// A parameter of a header value: `boundary="…"`, `charset=gbk`.
std::string parameter(std::string_view value, std::string_view name) {
    const std::string lowered = lower_ascii(value);
    std::size_t at = 0;
    while ((at = lowered.find(name, at)) != std::string::npos) {
        const bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ' || lowered[at - 1] == '\t';
        std::size_t pos = at + name.size();
        while (pos < value.size() && value[pos] == ' ') ++pos;
        if (!starts || pos >= value.size() || value[pos] != '=') {
            at += name.size();
            continue;
        }
        ++pos;
        while (pos < value.size() && value[pos] == ' ') ++pos;
        if (pos < value.size() && (value[pos] == '"' || value[pos] == '\'')) {
            const char quote = value[pos];
            const auto close = value.find(quote, pos + 1);
            return std::string(value.substr(pos + 1, (close == std::string_view::npos ? value.size() : close) - pos - 1));
        }
        const auto end = value.find_first_of("; \t", pos);
        return std::string(value.substr(pos, (end == std::string_view::npos ? value.size() : end) - pos));
    }
    return {};
}

/// The charset a page declares in its first <meta> tags: `<meta charset="gb2312">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`.
std::string meta_charset(std::string_view html) {
    const std::string head = lower_ascii(html.substr(0, std::min<std::size_t>(html.size(), 8192)));
    for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
        const auto end = head.find('>', at);
        if (end == std::string::npos) break;
        const std::string_view tag = std::string_view(head).substr(at, end - at);
        const auto charset = tag.find("charset");
        if (charset == std::string_view::npos) continue;
        std::size_t pos = charset + 7;
        while (pos < tag.size() && (tag[pos] == ' ' || tag[pos] == '=' || tag[pos] == '"' || tag[pos] == '\'')) ++pos;
        std::size_t stop = pos;
        while (stop < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[stop])) || tag[stop] == '-' || tag[stop] == '_')) ++stop;
        if (stop > pos) return std::string(tag.substr(pos, stop - pos));
    }
    return {};
}

bool is_chinese_charset(const std::string& charset) {
    return charset == "gb2312" || charset == "gbk" || charset == "gb18030" || charset == "x-gbk" || charset == "cp936" ||
           charset == "euc-cn" || charset == "windows-936" || charset == "hz-gb-2312" || charset == "x-euc-cn";
}

bool is_utf8_name(const std::string& charset) { return charset == "utf-8" || charset == "utf8"; }

}  // namespace

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string trim_ascii(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}


SourceKind sniff(std::string_view head) {
    std::string_view text = head;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    // UTF-16 (Windows tools save pages so): the markup is ASCII, every other byte is zero.
    std::string narrowed;
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        const bool little_endian = text.starts_with("\xFF\xFE");
        for (std::size_t at = 2; at + 1 < text.size(); at += 2) {
            const char low = little_endian ? text[at] : text[at + 1];
            const char high = little_endian ? text[at + 1] : text[at];
            narrowed += high == 0 ? low : '?';
        }
        text = narrowed;
    }
    const std::string lowered = lower_ascii(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
    const std::string start = lower_ascii(trim_ascii(lowered.substr(0, 2048)));
    // MHTML: a MIME message whose body is multipart/related (Chrome: `From: <Saved by Blink>`,
    // IE and Word: `MIME-Version: 1.0` first).
    const auto mime = lowered.find("mime-version:");
    if (mime != std::string::npos && mime < 2048 && lowered.find("multipart/related") != std::string::npos) return SourceKind::mhtml;
    if (start.starts_with("<!doctype html") || start.starts_with("<html")) return SourceKind::html;
    if (!start.empty() && start.front() == '<') {
        for (const char* tag : {"<html", "<head", "<body", "<meta ", "<meta\t", "<title"}) {
            if (lowered.find(tag) != std::string::npos) return SourceKind::html;
        }
    }
    return SourceKind::not_html;
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '\n') {   // soft line break
            ++i;
        } else if (i + 2 < text.size() && text[i + 1] == '\r' && text[i + 2] == '\n') {
            i += 2;
        } else if (i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += '=';
        }
    }
    return out;
}

std::string decode_base64(std::string_view text) {
    std::string out;
    unsigned value = 0;
    int bits = 0;
    for (char c : text) {
        int digit;
        if (c >= 'A' && c <= 'Z') digit = c - 'A';
        else if (c >= 'a' && c <= 'z') digit = c - 'a' + 26;
        else if (c >= '0' && c <= '9') digit = c - '0' + 52;
        else if (c == '+' || c == '-') digit = 62;
        else if (c == '/' || c == '_') digit = 63;
        else if (c == '=') break;
        else continue;   // line breaks and spaces
        value = (value << 6) | static_cast<unsigned>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFF);
        }
    }
    return out;
}

std::string to_utf8(std::string_view bytes, const std::string& charset) {
    const std::string name = is_chinese_charset(charset) ? "GB18030" : charset;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(name.c_str(), &status), ucnv_close);
    if (U_FAILURE(status)) {
        throw ExtractionError("the page declares the charset \"" + charset + "\", which ICU does not know: re-save the page as UTF-8");
    }
    // Bytes that do not decode become U+FFFD: a page with one bad byte is still worth reading.
    std::u16string utf16(bytes.size() * 2 + 2, u'\0');
    const int32_t length = ucnv_toUChars(converter.get(), reinterpret_cast<UChar*>(utf16.data()), static_cast<int32_t>(utf16.size()),
                                         bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) throw ExtractionError("the page's text cannot be decoded as " + charset);
    utf16.resize(static_cast<std::size_t>(length));
    std::string out;
    out.reserve(utf16.size() * 3);
    for (std::size_t i = 0; i < utf16.size(); ++i) {
        char32_t cp = utf16[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[++i] - 0xDC00);
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;   // a lone surrogate (UTF-7 and UTF-16 input can hold one) is no character
        }
        gongwen::append_utf8(out, cp);
    }
    return out;
}

DecodedPage decode_page(std::string_view bytes, const std::string& fallback_charset) {
    DecodedPage page;
    std::string body(bytes);
    std::string declared;
    if (sniff(bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096))) == SourceKind::mhtml) {
        std::size_t pos = 0;
        const Headers top = read_headers(bytes, pos);
        const std::string type = top.get("content-type");
        const std::string boundary = parameter(type, "boundary");
        bool found = false;
        if (boundary.empty()) {
            // A single-part archive: the message body is the page.
            if (lower_ascii(type).find("text/html") == std::string::npos) throw ExtractionError("MHTML archive without a boundary or an HTML body: re-save the page");
            body = std::string(bytes.substr(pos));
            declared = lower_ascii(parameter(type, "charset"));
            const std::string encoding = lower_ascii(top.get("content-transfer-encoding"));
            if (encoding == "quoted-printable") body = decode_quoted_printable(body);
            else if (encoding == "base64") body = decode_base64(body);
            found = true;
        } else {
            const std::string delimiter = "--" + boundary;
            std::size_t at = bytes.find(delimiter, pos);
            while (at != std::string_view::npos && !found) {
                std::size_t part = at + delimiter.size();
                if (bytes.substr(part, 2) == "--") break;   // the closing delimiter
                // The part's headers start on the line after the delimiter.
                const std::size_t line_end = bytes.find('\n', part);
                if (line_end == std::string_view::npos) break;
                part = line_end + 1;
                const std::size_t next = bytes.find(delimiter, part);
                const std::string_view section = bytes.substr(part, (next == std::string_view::npos ? bytes.size() : next) - part);
                std::size_t inner = 0;
                const Headers headers = read_headers(section, inner);
                const std::string part_type = lower_ascii(headers.get("content-type"));
                if (part_type.starts_with("text/html")) {
                    std::string content(section.substr(inner));
                    const std::string encoding = lower_ascii(headers.get("content-transfer-encoding"));
                    if (encoding == "quoted-printable") content = decode_quoted_printable(content);
                    else if (encoding == "base64") content = decode_base64(content);
                    body = std::move(content);
                    declared = lower_ascii(parameter(headers.get("content-type"), "charset"));
                    page.location = headers.get("content-location");
                    found = true;
                }
                at = next;
            }
        }
        if (!found) throw ExtractionError("MHTML archive without an HTML part (no text/html part): nothing to read");
    }
    std::string_view html = body;
    if (html.starts_with("\xEF\xBB\xBF")) {
        html.remove_prefix(3);
        page.charset = "utf-8";
    } else if (html.starts_with("\xFF\xFE") || html.starts_with("\xFE\xFF")) {
        page.charset = html.starts_with("\xFF\xFE") ? "utf-16le" : "utf-16be";
        html.remove_prefix(2);
    }
    if (page.charset.empty()) page.charset = declared;
    if (page.charset.empty()) page.charset = meta_charset(html);
    if (page.charset.empty()) {
        page.charset_guessed = true;
        page.charset = gongwen::is_valid_utf8(html) ? "utf-8" : lower_ascii(fallback_charset);
    }
    if (is_utf8_name(page.charset) || page.charset == "us-ascii" || page.charset == "ascii") {
        if (gongwen::is_valid_utf8(html)) {
            page.html = std::string(html);
            return page;
        }
        // Sites declare UTF-8 and serve GBK: the bytes decide.
        page.charset = lower_ascii(fallback_charset);
        page.charset_guessed = true;
    }
    page.html = to_utf8(html, page.charset);
    return page;
}

}  // namespace gongwen::html
