// Reading a Word document (DOCX, Office Open XML): word/document.xml with its styles and
// numbering, into pages of positioned lines (page_layout.hpp) and Document::tables with the
// file's own cells. Shared by the docx plugin and the legacy plugin (which converts .doc/.wps to
// DOCX with LibreOffice first); linked statically, not SDK.
#pragma once

#include <cstddef>
#include <span>

#include "gongwen/document.hpp"
#include "zip_archive.hpp"

namespace gongwen::docx {

/// Reads the Word document in `archive` into `document.pages` and `document.tables`, and sets
/// `document.source.pages`. Throws ExtractionError (a damaged or hostile part, no text).
void read(zip::Archive& archive, Document& document);

/// Opens `bytes` as a zip archive and reads it as above. Throws ExtractionError naming what the
/// archive is when it holds no Word document.
void read(std::span<const std::byte> bytes, Document& document);

}  // namespace gongwen::docx
