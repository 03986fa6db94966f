// The 发文字号 grammar (GB/T 9704 §7.2.4 and the variants real documents use).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen {

/// A doc number found in a text, with its byte range.
struct DocNumberMatch {
    DocNumber number;
    std::size_t begin = 0;   ///< byte offset of the first character of the number
    std::size_t end = 0;     ///< byte offset one past the last
};

/// Every doc number in `text`, in order: 机关代字 + year in any bracket style (〔〕 [] ［］ () （）
/// 【】, mismatched pairs, spaces inside, and the slips OCR makes of them: a doubled opening
/// bracket `【〔`, a doubled closing one `〕)`, an opening bracket for the closing one `〔2021(12号`)
/// + serial + 号, and the 令 form (财政部令第87号, 交通运输部令2019年第12号). Rejects ICP/公网安备
/// footers and 索引号. `normalized` and `agency` fold traditional and variant forms of the code to
/// simplified (財办 → 财办, ICU Traditional-Simplified); `text` stays as printed.
std::vector<DocNumberMatch> find_doc_numbers(std::string_view text);

/// `text` parsed as one doc number (surrounding whitespace allowed), or nothing.
std::optional<DocNumber> parse_doc_number(std::string_view text);

/// A 机关代字 folded the way `DocNumber::agency` is: full-width letters to ASCII, traditional and
/// variant forms to simplified. For codes read from lists, so that they compare with parsed ones.
std::string fold_agency_code(std::string_view code);

/// Repairs OCR character slips in the 机关代字 of a parsed number (人社画〔2019〕105号 → 人社函…)
/// from a confusion table, and only towards a code it knows: a code read as printed may be one no
/// list has, so a number is changed only when the code as read is unknown and exactly one known
/// code lies the fewest slips away. A slip that turns a code into another real one cannot be
/// seen and is left alone (the raw code is known).
class DocNumberRepair {
public:
    /// OCR read `read` where `printed` was printed (one character each, UTF-8, else
    /// std::invalid_argument): 画 → 函. The table is one-way on purpose: codes are full of 函 and
    /// never contain 画, so only 画 is suspect.
    void add_confusion(std::string_view read, std::string_view printed);
    /// A real 机关代字 (folded with fold_agency_code). Known means exactly this code: the
    /// prefix rule of agency_codes.toml (国发 covers 国发明电) would make 国发x known too.
    void add_known_code(std::string_view code);

    bool knows(std::string_view code) const { return known_.find(code) != known_.end(); }
    std::size_t known_count() const { return known_.size(); }
    std::size_t confusion_count() const;
    /// The confusion table: read → what may have been printed.
    const std::map<char32_t, std::vector<char32_t>>& confusions() const { return confusions_; }

    /// `number` with its code repaired and `repaired_from` set to the normalized number as read,
    /// or nothing when it is left as read (known code, no unique known repair, nothing to repair).
    std::optional<DocNumber> repaired(const DocNumber& number) const;

    /// The most characters one code may have repaired: two covers `X府力画` → `X府办函`; each
    /// further slip lets a code no list has reach more known codes it is not.
    static constexpr int kMaxSlips = 2;

private:
    std::map<char32_t, std::vector<char32_t>> confusions_;   ///< read → printed
    std::set<std::string, std::less<>> known_;
};

}  // namespace gongwen
