// The index layout in one place: term prefixes, value slots and metadata keys. Change it only
// with a bump of kSchemaVersion: indexes written with another version are refused.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::index {

// 2: task entries (Ktask) from responsibility tables.
inline constexpr int kSchemaVersion = 2;

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
}  // namespace prefix

/// Value slots.
namespace slot {
inline constexpr unsigned doc_id = 0;       ///< collapse key: results are grouped per document
inline constexpr unsigned signed_date = 1;  ///< YYYYMMDD
inline constexpr unsigned clause_index = 2;
inline constexpr unsigned task_due = 3;     ///< YYYYMMDD of a task entry's due date (absent when none)
}  // namespace slot

/// User metadata keys.
namespace metadata {
inline constexpr std::string_view schema_version = "gongwen:schema";
inline constexpr std::string_view file_record = "file:";   ///< file:<short hash of path> -> FileRecord JSON
inline constexpr std::string_view shard = "gongwen:shard";  ///< "K/N" in a shard built by `ingest --shard K/N`
}  // namespace metadata

}  // namespace gongwen::index
