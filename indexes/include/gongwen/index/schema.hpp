// The index layout in one place: term prefixes, value slots and metadata keys. Change it only
// with a bump of kSchemaVersion: indexes written with another version are refused.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::index {

// 3: task entries (Ktask) from responsibility tables; document-level filter terms and facet slots.
// 4: single units without positions (phrases are bigram phrases, so unit positions were never read);
//    the facets in one value slot on the document record only; heading and title words are W terms
//    with more weight instead of H-prefixed bigrams.
// 5: soft separators (、 quotes dashes 《》 spaces) no longer end a unit run: bigrams bridge them.
// 6: one entry per document instead of one per clause plus a record: units carry positions, the
//    clauses one after another (see clause_layout.hpp); bigrams without positions; no ICU
//    word terms (the searcher scores clauses from unit positions: see clause_scorer.hpp).
//    Since 2026-12-07 (no bump: nothing reads what changed) units are written without positions: the
//    clause scorer finds them in the stored clause text (clause_scorer.hpp), and the index is a third
//    smaller. Entries written before keep their unit positions, unread; doc-number terms (XD, XC)
//    keep theirs.
inline constexpr int kSchemaVersion = 6;

/// A term of the index: a prefix below and its value.
inline std::string term(std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); }

// The positions of a document's clauses and title: clause_layout.hpp.

/// Term prefixes (Xapian convention: capitals, one letter or X + letters).
namespace prefix {
inline constexpr std::string_view kind = "K";          ///< Kdoc | Ktask (Kclause until schema 5)
inline constexpr std::string_view unique = "Q";        ///< Q<doc_id> | Q<doc_id>@task<n>
inline constexpr std::string_view doc_id = "I";        ///< every entry of a document
inline constexpr std::string_view file = "F";          ///< every entry from a file path (its short hash)
// "W" held ICU whole words until schema 5; clause scoring finds words from unit positions now.
// "H" held heading and title bigrams until schema 4; heading and title words are W terms now.
/// The document's own normalized doc number, at the position of the clause that prints it.
inline constexpr std::string_view own_number = "XD";
/// A normalized doc number the document cites, at the position of each clause that cites it.
inline constexpr std::string_view cited_number = "XC";

// Document-level filter terms. Names are folded
// (fold_for_matching) before indexing and querying.
inline constexpr std::string_view filter_number = "XFN";   ///< XFN<normalized own doc number>  (文号:)
inline constexpr std::string_view filter_agency = "XFG";   ///< XFG<机关代字 of the own number>  (文号:国办发)
inline constexpr std::string_view filter_issuer = "XFA";   ///< units and bigrams of each issuer (机关:, substring match)
inline constexpr std::string_view filter_type = "XFT";     ///< XFT<doc_type>                    (文种:)
inline constexpr std::string_view filter_year = "XFY";     ///< XFY<yyyy>: signed date, else the doc number's year (年份:)
inline constexpr std::string_view filter_cites = "XFC";    ///< XFC<normalized cited number>     (引用:)
inline constexpr std::string_view filter_unit = "XFU";     ///< units and bigrams of every unit of the document's tasks
                                                           ///< (Task::units and lead_units; 单位:, substring match)

// Copy terms of document entries (copy_groups.hpp). Added without a schema bump: an entry that lacks
// them is a document without copies, as every document was before.
inline constexpr std::string_view copy_number = "XKN";     ///< XKN<normalized own doc number>
inline constexpr std::string_view copy_band = "XKB";       ///< XKB<band><hash of its MinHash rows>

// Task entries: XTK<task id> for the ids the entry's key gives (task_id(key, 0), and the next few
// occurrences: see task_entry in index_writer.cpp), and the bare term XTK on every task entry that
// has them, so that `gongwen task ID` finds a task without reading every task, and knows when it
// can trust not finding one. Added without a schema bump: an index whose task entries do not all
// carry XTK is searched the old way (find_task in apps/gongwen/task_update.cpp).
inline constexpr std::string_view task_key_id = "XTK";
// Task entries: XTS<kind> (deadline, ongoing, recurring; XTSnone without one) and the bare term XTS
// on every task entry that has it, so that the views of tasks without a due date in a range (ongoing
// work, recurring work that may fall due soon) read those entries only; added, like XTK, without
// a schema bump: an index whose task entries do not all carry XTS is read whole for those views.
inline constexpr std::string_view task_schedule = "XTS";
// Document entries: their ingest sequence number at five granularities, XR<level>:<block>
// (ingest_sequence.hpp); added without a schema bump: an index without them ranks every match on
// remote shards, as before.
inline constexpr std::string_view ingest_sequence = "XR";
}  // namespace prefix

/// Value slots.
namespace slot {
inline constexpr unsigned doc_id = 0;       ///< collapse key: results are grouped per document
inline constexpr unsigned signed_date = 1;  ///< YYYYMMDD
/// Document entries: where each clause's positions start and its heading ends (clause_layout.hpp).
inline constexpr unsigned clause_layout = 2;
// Slots 3-5 held the three facets in schema 3.
inline constexpr unsigned task_due = 6;     ///< YYYYMMDD of a task entry's due date (absent when none)
/// Document records only: year, 文种 and issuers in one value (see facet_value.hpp). One slot, not
/// three: Xapian reads a value through a cache of the last slot's chunk, so three spies reading three
/// slots in turn re-read a B-tree block for every matching document (27% of search time measured).
inline constexpr unsigned facets = 7;
/// Document and task entries: the CopyInfo of the document (copy_groups.hpp); absent in entries
/// written before copies were detected.
inline constexpr unsigned copy_info = 8;
}  // namespace slot

/// User metadata keys.
namespace metadata {
inline constexpr std::string_view schema_version = "gongwen:schema";
inline constexpr std::string_view file_record = "file:";   ///< file:<short hash of path> -> FileRecord JSON
inline constexpr std::string_view shard = "gongwen:shard";  ///< "K/N" in a shard built by `ingest --shard K/N`
/// The highest ingest sequence number given to a document entry (ingest_sequence.hpp).
inline constexpr std::string_view sequence = "gongwen:sequence";
}  // namespace metadata

}  // namespace gongwen::index
