// Rules staff keep as data next to the config, read once when the fields plugin starts: the
// 机关代字 table (config/agency_codes.toml) and extra date forms (config/date_forms.toml). Adding a
// line needs no C++ build; a broken file is a RuleFileError naming file:line.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "data_file.hpp"
#include "gongwen/dates.hpp"

namespace gongwen::fields {

/// A rule file that cannot be used. The message starts with `path:line:`.
using RuleFileError = data_file::FileError;

/// A plugin option naming a rule file: "" = none; a leading `?` = optional (no file, no rules),
/// which is how the defaults are written; otherwise the file must exist.
inline std::optional<std::filesystem::path> rule_file_to_read(const std::string& option) { return data_file::file_to_read(option); }

/// 机关代字 → issuing organ(s): `国办发` → 国务院办公厅.
class AgencyCodes {
public:
    /// Reads `[codes]` with `"国发" = "国务院"` or `"国办发" = ["国务院办公厅"]` (joint issuers as a list).
    static AgencyCodes parse(std::string_view toml_text, const std::filesystem::path& origin);
    static AgencyCodes load(const std::filesystem::path& file);

    /// The organs of a 机关代字: the entry equal to it, else the longest entry it starts with
    /// (`国办发明电` → the entry for 国办发). Empty when none matches.
    std::vector<std::string> issuers_of(std::string_view agency) const;
    std::size_t size() const { return codes_.size(); }

private:
    std::map<std::string, std::vector<std::string>, std::less<>> codes_;
};

/// A phrase the built-in date normalizer does not know and the day it stands for.
struct DateForm {
    std::string phrase;        ///< as written in the text: 春节前
    int month = 0, day = 0;    ///< day 0 = the last day of the month; month 0 = no date (ongoing)
    int year_offset = 0;       ///< years after the reference year: 明年春节前 → 1
    DateKind kind = DateKind::deadline;
};

class DateForms {
public:
    /// Reads `[forms]` with `"年内" = "year_end"` (a named day) or
    /// `"春节前" = { month = 1, day = 31, kind = "deadline", year_offset = 0 }`.
    static DateForms parse(std::string_view toml_text, const std::filesystem::path& origin);
    static DateForms load(const std::filesystem::path& file);

    /// Every occurrence of a form in `text`, longest phrase first where two overlap, with the day
    /// taken from the reference year (no reference: no day).
    /// A phrase right after a number (两年内, 2023年内) is not the form and is skipped.
    std::vector<DateMention> find(std::string_view text, std::optional<Date> reference) const;
    std::size_t size() const { return forms_.size(); }

private:
    std::vector<DateForm> forms_;   // longest phrase first
};

}  // namespace gongwen::fields
