// Reading an Excel workbook (XLSX, SpreadsheetML): every worksheet's non-empty cells, shared and
// inline strings, merged cells, and date cells printed as 2024年9月30日 so that the deadline parser
// reads them. Each sheet becomes one page (one line per non-empty row) and one Document::tables
// entry. Shared by the xlsx, docx (an XLSX its first bytes did not reveal) and legacy (.xls/.et
// converted by LibreOffice) plugins; linked statically, not SDK.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "gongwen/document.hpp"
#include "zip_archive.hpp"

namespace gongwen::xlsx {

/// Workbooks with more non-empty cells than this are refused (a 公文's table has a few hundred).
constexpr std::size_t kMaxCells = 200'000;

/// Reads the workbook in `archive` into `document.pages` and `document.tables`, sets
/// `document.source.pages` and `document.extra["sheets"]`. Throws ExtractionError.
void read(zip::Archive& archive, Document& document);

/// Opens `bytes` as a zip archive and reads it as above.
void read(std::span<const std::byte> bytes, Document& document);

/// An Excel serial day number as 2024年9月30日: the 1900 date system (with Excel's phantom
/// 1900-02-29, serial 60) or the 1904 one. Empty for serials outside years 1900–9999.
std::string serial_to_date(double serial, bool date1904);

}  // namespace gongwen::xlsx
