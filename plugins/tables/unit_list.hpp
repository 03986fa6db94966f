// A responsibility cell split into unit names: `市财政局牵头，市发展改革委、区住房（城乡建设）局配合`
// → units 市财政局, 市发展改革委, 区住房（城乡建设）局; lead 市财政局.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongwen::tables {

struct UnitList {
    std::vector<std::string> units;        ///< every unit named, in order, without role markers
    std::vector<std::string> lead_units;   ///< the subset marked as leading
};

/// Splits on 、，,；; whitespace and hard line breaks ('\n'), never inside brackets, so that
/// `区住房（城乡建设）局` stays whole. `X（牵头）`, `X牵头，Y配合`, `X、Y牵头` and a label before the
/// units (`牵头单位：X；配合单位：Y、Z`) mark leads; `all_lead` (a 牵头单位 column) makes every unit a
/// lead unless a label says otherwise. Nothing else is guessed.
UnitList parse_unit_cell(std::string_view cell, bool all_lead);

/// Whether a line of a unit cell that runs to the cell's edge still ends a name, because another
/// name starts the next line: `市文化广电旅游局` / `各县（市、区）人民政府`. A complete name that
/// fills the width looks like a wrap; the readers keep such a break (as '\n') for parse_unit_cell.
/// `line` is the text so far, `next_line` the next line's.
bool ends_before_another_unit(std::string_view line, std::string_view next_line);

/// Appends `more` to `list`, skipping names already there.
void merge_units(UnitList& list, const UnitList& more);

}  // namespace gongwen::tables
