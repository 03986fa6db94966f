// Copies of one document (the PDF and its scan, a PDF and its web save): which index entries are
// copies of each other, and which copy is the best one to show. Every copy stays in the index as
// its own entry (so removing one file leaves the others); search, show and the deadline board
// group them when they read.
//
// Each document entry carries, from the document alone, a copy value (CopyInfo, slot::copy_info)
// and copy terms (prefix::copy_number, prefix::copy_band): its normalized doc number, and the
// bands of a MinHash signature of its text (locality-sensitive hashing: near-identical texts share
// a band with high probability, different texts almost never). The terms find the few possible
// copies of an entry with one small query, in any shard, after any incremental ingest or prune,
// without a pass over the index; are_copies() then decides on the values.
#pragma once

#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "gongwen/document.hpp"

namespace gongwen::index {

/// What the copy rule and the choice of the best copy read, stored with each entry.
struct CopyInfo {
    std::string doc_id;
    std::string path;
    std::string extractor;
    std::string format;                    ///< pdf | image | text
    int pages = 0;
    std::vector<int> ocr_pages;
    int warnings = 0;
    std::string number;                    ///< normalized own doc number; "" when none
    std::string title;                     ///< folded, letters and digits only (see title_similarity)
    std::vector<std::uint32_t> signature;  ///< MinHash of the text's shingles; empty when too short
    std::vector<std::string> figures;      ///< the title's and text's digit runs, sorted, unique
};

/// One copy of a document as search, show and the web page list it.
struct Copy {
    std::string doc_id;
    std::string path;
    std::string extractor;
    std::vector<int> ocr_pages;
};

CopyInfo copy_info(const Document& document, const std::string& path);
std::string encode_copy_info(const CopyInfo& info);
/// nullopt for an entry written before copies were detected (or a task entry of one).
std::optional<CopyInfo> decode_copy_info(std::string_view value);
/// The terms that find an entry's possible copies: its number and its signature's bands.
std::vector<std::string> copy_terms(const CopyInfo& info);

/// Normalized similarity of two folded titles: 1 - edit distance / longer length (code points).
double title_similarity(std::string_view a, std::string_view b);
/// Estimated Jaccard similarity of the two texts' shingle sets; 0 when either has no signature.
double text_similarity(const CopyInfo& a, const CopyInfo& b);
/// The copy rule: the same doc number and a near-identical title; when either has no number,
/// near-identical text with the same figures. Two different numbers are two documents, however
/// alike their text.
bool are_copies(const CopyInfo& a, const CopyInfo& b);
/// True when `a` is the better copy to show: a text layer over OCR, then fewer warnings.
bool better_copy(const CopyInfo& a, const CopyInfo& b);
/// The group of each item (the index in `items` of its group's first item): copies joined
/// transitively, strongest links first, never joining two numbered items are_copies() keeps apart.
std::vector<std::size_t> group_copies(const std::vector<CopyInfo>& items);

Copy copy_of(const CopyInfo& info);

/// Finds the copies of an index entry with one small query on its copy terms.
class CopyFinder {
public:
    explicit CopyFinder(Xapian::Database database) : database_(std::move(database)) {}

    struct Member {
        Xapian::docid docid = 0;
        CopyInfo info;
    };
    /// The copies of the document entry `docid`, best first, itself included. Just itself (with no
    /// info) on an entry written before copies were detected.
    std::vector<Member> copies_of(Xapian::docid docid) const;
    /// The same for a document id (the Q term); empty when no such document.
    std::vector<Member> copies_of(const std::string& doc_id) const;
    /// copies_of for each of `entries` (docid and the entry read, e.g. from a fetched MSet: an entry
    /// of a shard set knows its number in its shard only), keyed by docid: the terms' frequencies
    /// first (a match of no results), then one match over the terms other entries share, when any
    /// do: two round trips per remote shard at most instead of one per term and per entry read.
    /// Entries whose number more than kMaxLookup others carry are left out, for copies_of; so are
    /// all when the index changed between the two matches.
    std::map<Xapian::docid, std::vector<Member>> copies_of_each(const std::vector<std::pair<Xapian::docid, Xapian::Document>>& entries) const;
    /// copies_of for an entry already read, found with one match over its copy terms that brings
    /// back the kMaxLookup entries sharing most of them with their copy values: one round trip per
    /// remote shard instead of one per copy term and per entry read. Of entries sharing as many terms
    /// as the last one kept, the first by copy value are kept (copies_of: by entry number).
    std::vector<Member> copies_of(Xapian::docid docid, const Xapian::Document& entry) const;

private:
    /// The copies of `self` among the entries sharing a copy term with it (`sharing`: entry,
    /// number of terms shared, in entry order), as copies_of orders them.
    static std::vector<Member> group_with(Member self, std::vector<std::pair<Member, unsigned>> sharing);

    Xapian::Database database_;
};

}  // namespace gongwen::index
