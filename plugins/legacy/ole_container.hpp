// Telling the legacy binary office formats apart by content: an OLE2 compound file (Word 97–2003
// .doc and Kingsoft .wps hold a `WordDocument` stream, Excel .xls and Kingsoft .et a `Workbook` or
// `Book` stream) or RTF (`{\rtf`). Not a parser: it finds the stream names in the compound file's
// directory entries, which is all the legacy plugin needs to choose LibreOffice's output format.
#pragma once

#include <cstddef>
#include <span>

namespace gongwen::legacy {

enum class LegacyKind { none, ole_unknown, word, excel, rtf };

/// What the bytes are. With only the first bytes of a file (identify), an OLE2 file whose
/// directory lies further on is `ole_unknown`.
LegacyKind legacy_kind(std::span<const std::byte> bytes);

}  // namespace gongwen::legacy
