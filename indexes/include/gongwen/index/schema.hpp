// The index layout in one place: term prefixes, value slots and metadata keys. Change it only
// with a bump of kSchemaVersion: indexes written with another version are refused.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::index {

// 3: task entries (Ktask) from responsibility tables; document-level filter terms and facet slots.
inline constexpr int kSchemaVersion = 3;

/// Term prefixes (Xapian convention: capitals, one letter or X + letters).
namespace prefix {
inline constexpr std::string_view kind = "K";          ///< Kclause | Kdoc | Ktask
inline constexpr std::string_view unique = "Q";        ///< Q<doc_id> | Q<doc_id>#<clause>
inline constexpr std::string_view doc_id = "I";        ///< every entry of a document
inline constexpr std::string_view file = "F";          ///< every entry from a file path (its short hash)
inline constexpr std::string_view word = "W";          ///< ICU whole words, folded
inline constexpr std::string_view heading = "H";       ///< units and bigrams of clause headings and titles
inline constexpr std::string_view own_number = "XD";   ///< the document's own normalized doc number
inline constexpr std::string_view cited_number = "XC"; ///< a normalized doc number the clause cites

// Document-level filter terms: every entry of a document (each clause and the record) carries them,
// so that a field filter combines with free text in one clause query. Names are folded
// (fold_for_matching) before indexing and querying.
inline constexpr std::string_view filter_number = "XFN";   ///< XFN<normalized own doc number>  (文号:)
inline constexpr std::string_view filter_agency = "XFG";   ///< XFG<机关代字 of the own number>  (文号:国办发)
inline constexpr std::string_view filter_issuer = "XFA";   ///< units and bigrams of each issuer (机关:, substring match)
inline constexpr std::string_view filter_type = "XFT";     ///< XFT<doc_type>                    (文种:)
inline constexpr std::string_view filter_year = "XFY";     ///< XFY<yyyy>: signed date, else the doc number's year (年份:)
inline constexpr std::string_view filter_cites = "XFC";    ///< XFC<normalized cited number>     (引用:)
inline constexpr std::string_view filter_unit = "XFU";     ///< units and bigrams of every unit of the document's tasks
                                                           ///< (Task::units and lead_units; 单位:, substring match)
}  // namespace prefix

/// Value slots.
namespace slot {
inline constexpr unsigned doc_id = 0;       ///< collapse key: results are grouped per document
inline constexpr unsigned signed_date = 1;  ///< YYYYMMDD
inline constexpr unsigned clause_index = 2;
inline constexpr unsigned issuers = 3;      ///< facet: issuers joined with '\n'
inline constexpr unsigned year = 4;         ///< facet and --sort date fallback: yyyy
inline constexpr unsigned doc_type = 5;     ///< facet: 文种
inline constexpr unsigned task_due = 6;     ///< YYYYMMDD of a task entry's due date (absent when none)
}  // namespace slot

/// User metadata keys.
namespace metadata {
inline constexpr std::string_view schema_version = "gongwen:schema";
inline constexpr std::string_view file_record = "file:";   ///< file:<short hash of path> -> FileRecord JSON
inline constexpr std::string_view shard = "gongwen:shard";  ///< "K/N" in a shard built by `ingest --shard K/N`
}  // namespace metadata

}  // namespace gongwen::index
