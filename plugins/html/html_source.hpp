// From a saved web page's bytes to its HTML as UTF-8: the HTML part of an MHTML archive (MIME
// multipart/related, the part quoted-printable or base64), and the charset from the byte-order
// mark, the MIME part's header or the page's own <meta> (GB2312/GBK/GB18030 converted with ICU).
#pragma once

#include <string>
#include <string_view>

namespace gongwen::html {

/// What is known about a file from its first bytes.
enum class SourceKind { not_html, html, mhtml };

/// Judged from the head only: MIME headers with multipart/related (MHTML), or markup that opens
/// like an HTML document.
SourceKind sniff(std::string_view head);

struct DecodedPage {
    std::string html;        ///< UTF-8
    std::string charset;     ///< as declared or guessed, lower case ("utf-8", "gb2312")
    std::string location;    ///< MHTML: the Content-Location of the HTML part
    bool charset_guessed = false;   ///< no declaration: decided from the bytes
};

/// Decodes the whole file; a page that declares no charset and is not UTF-8 is read as
/// `fallback_charset`. Throws ExtractionError (an MHTML without an HTML part, an unknown charset).
DecodedPage decode_page(std::string_view bytes, const std::string& fallback_charset = "gb18030");

/// Bytes in `charset` to UTF-8 with ICU; throws ExtractionError when they do not decode.
std::string to_utf8(std::string_view bytes, const std::string& charset);

/// Quoted-printable and base64 bodies (RFC 2045).
std::string decode_quoted_printable(std::string_view text);
std::string decode_base64(std::string_view text);

/// ASCII letters lower-cased (tag, attribute and charset names); other bytes as they are.
std::string lower_ascii(std::string_view text);
/// Without leading and trailing ASCII white space (an ideographic space is text in a 公文).
std::string trim_ascii(std::string_view text);

}  // namespace gongwen::html
