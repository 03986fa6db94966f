// Dates and deadlines as 公文 write them, normalized to ISO dates. Shared by the field extractors
// (signed date, deadlines in the text) and the task tables, so that `2023年6月底前` means the same
// day everywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

/// A calendar day.
struct Date {
    int year = 0, month = 0, day = 0;

    /// YYYY-MM-DD.
    std::string iso() const;
    friend auto operator<=>(const Date&, const Date&) = default;
};

/// Days in `month` of `year` (Gregorian).
int days_in_month(int year, int month);
/// True when the date exists in the calendar.
bool is_valid(const Date& date);
/// `date` moved by `days` calendar days (negative: back).
Date add_days(Date date, int days);
/// Parses an ISO `YYYY-MM-DD`; nullopt when malformed or not a real day.
std::optional<Date> parse_iso_date(std::string_view text);

/// Parses one complete written date, the whole text (surrounding spaces allowed):
/// `2021年3月5日`, `二〇二一年三月五日`, `2021 年 3 月 5 日`, `2021-03-05`, `2021.3.5`, `2021/3/5`,
/// full-width digits. Nullopt when the text is anything else or the day does not exist.
std::optional<Date> parse_date(std::string_view text);

/// The value of a Chinese or Arabic number as 公文 write years, months, days and serials:
/// `二〇二一` (digit by digit), `十二`, `二十一`, `三十`, `一百零八`, `12`, `１２`. Nullopt otherwise.
std::optional<int> parse_number(std::string_view text);

/// What a date phrase means for someone tracking work.
enum class DateKind {
    deadline,   ///< must be done by: 前, 截止, 以前, 底前, 月底
    target,     ///< a goal: 到2020年, 力争, 基本建成 by a year
    date,       ///< a plain date: 成文日期, 2021年3月5日召开
    ongoing,    ///< no due day: 长期坚持, 持续推进
    recurring,  ///< 每年, 每季度, 每月: `date` is the next occurrence after the reference
};

/// "deadline", "target", "date", "ongoing", "recurring".
const char* to_string(DateKind kind);

/// A date or deadline phrase found in text.
struct DateMention {
    std::size_t begin = 0, end = 0;   ///< byte offsets of the phrase in the searched text
    std::string text;                 ///< the phrase as written: `2023年6月底前`
    std::optional<Date> date;         ///< the normalized day; nullopt for ongoing or unresolvable
    DateKind kind = DateKind::date;
};

/// Normalizes a phrase that is all about one deadline, such as a table's 完成时限 cell:
/// `2023年6月底前` → 2023-06-30 deadline; `年底前` → 12-31 of the reference year;
/// `第三季度`/`三季度末` → 09-30; `上半年` → 06-30; `5月20日前` → the reference year;
/// `长期坚持` → ongoing, no date; `每季度` → recurring, the next quarter end after the reference;
/// a range (`2024年3月—12月`, `2024年4月至9月`) → its end; `全年`, `年内` → 12-31 of the reference year.
/// `reference` is the document's own date (signed or published); without it, forms that need a
/// year yield no date. Returns nullopt when the text holds no date phrase at all.
std::optional<DateMention> normalize_deadline(std::string_view text, std::optional<Date> reference);

/// Every date and deadline phrase in running text, in order, not overlapping. Offsets are into
/// `text`. Uses the same rules as normalize_deadline.
std::vector<DateMention> find_dates(std::string_view text, std::optional<Date> reference);

}  // namespace gongwen
