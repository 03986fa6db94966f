// The data the docnumber plugin repairs OCR slips with, read once when it starts: the confusion
// table (config/ocr_confusions.toml) and the known 机关代字 (the keys of config/agency_codes.toml
// and config/known_agency_codes.txt). Adding a line needs no C++ build; a broken file is a
// RepairFileError naming file:line.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "data_file.hpp"
#include "gongwen/doc_number.hpp"

namespace gongwen::docnumber {

/// A repair file that cannot be used; the message starts with `path:line:`.
using RepairFileError = data_file::FileError;
/// A plugin option naming a file: "" = none; a leading `?` = optional (no file, nothing read).
using data_file::file_to_read;

/// `[confusions]` with `"画" = "函"` or `"材" = ["财", "林"]`: OCR read the key where the value
/// was printed.
void parse_confusions(std::string_view toml_text, const std::filesystem::path& origin, DocNumberRepair& repair);
void load_confusions(const std::filesystem::path& file, DocNumberRepair& repair);

/// The keys of agency_codes.toml's `[codes]` (its values, the organs, are the fields plugin's).
void parse_agency_code_keys(std::string_view toml_text, const std::filesystem::path& origin, DocNumberRepair& repair);
void load_agency_code_keys(const std::filesystem::path& file, DocNumberRepair& repair);

/// One 机关代字 a line; blank lines and `#` comments are skipped.
void parse_known_codes(std::string_view text, const std::filesystem::path& origin, DocNumberRepair& repair);
void load_known_codes(const std::filesystem::path& file, DocNumberRepair& repair);

}  // namespace gongwen::docnumber
