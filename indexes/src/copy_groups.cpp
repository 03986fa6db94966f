// Copies of one document (see copy_groups.hpp).
#include "gongwen/index/copy_groups.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "gongwen/core/document_json.hpp"
#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

// Shingles of four characters: one OCR slip changes four shingles, so a scan read with a slip every
// twenty characters still shares about two thirds of its shingles with the text layer, while two
// different notices share little more than stock phrases (经市政府同意, 各区人民政府).
constexpr std::size_t kShingle = 4;
// Below this many shingles a text is too short to call near-identical (a one-line notice matches
// every other one-line notice with the same stock phrase): such documents are copies only by number.
constexpr std::size_t kMinShingles = 24;
// 64 MinHash values in 16 bands of 4: two texts with Jaccard similarity 0.7 share a band with
// probability 1-(1-0.7⁴)¹⁶ = 0.988, at 0.8 with 0.9998; are_copies() then compares whole signatures.
// Four rows, not three: two unrelated documents (similarity 0.02) share a band with probability
// 16·0.02⁴ = 2.6e-6 instead of 21·0.02³ = 1.7e-4, so that a band's posting list stays short in an
// index of a million documents (3 entries, not 170) and so does the lookup of an entry's copies.
constexpr std::size_t kRows = 4, kBands = 16, kHashes = kRows * kBands;
// Estimated Jaccard similarity from which two texts without numbers are copies. Scans of the test
// fixtures score 0.90-1.00 against their text layer; two template letters of the gov.cn corpus
// (国办函〔2004〕36号 and 88号: the same 复函 for two cities' games) score 0.59.
constexpr double kTextThreshold = 0.7;
// Title similarity from which two documents with the same number are copies: OCR titles differ from
// the text layer's by a character or two in twenty; a corrected re-issue or a different document
// under a mistyped number has a different title.
constexpr double kTitleThreshold = 0.8;
// At most this many entries share a copy term with one entry (more only for a pathological corpus:
// then the rest are left out of its group, not searched for).
constexpr Xapian::doccount kMaxLookup = 64;

// A band that more than kMaxLookup other entries carry comes from a stock paragraph (a template that
// many offices fill in, a standard closing), and finds that crowd, not copies: it is not looked up.
// Copies are found by their other terms: the number, or the bands outside the stock text (two texts at
// the copy threshold share 3.8 of the 16 bands on average; a scan and its text layer, at 0.9-1.0,
// share 10 or more). An unnumbered copy near the threshold whose shared bands all fall in the stock
// text is missed, as a crowd's kMaxLookup cut missed it before. A number that many entries share is
// still looked up: see copies_of.
bool crowded_band(std::string_view term, Xapian::doccount others) {
    return others > kMaxLookup && term.starts_with(prefix::copy_band);
}

std::uint64_t mix(std::uint64_t x) {   // splitmix64's finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The characters that carry a text: Han, Latin letters and digits, width-folded and lower-cased.
// Punctuation, spaces and line breaks differ between a PDF's text layer, its OCR and a web save.
std::u32string letters_of(std::string_view text) {
    std::u32string out;
    const std::string folded = core::fold_for_matching(text);
    std::size_t pos = 0;
    while (pos < folded.size()) {
        const char32_t cp = next_code_point(folded, pos);
        if (is_han(cp) || (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z')) out.push_back(cp);
    }
    return out;
}

std::vector<std::uint32_t> minhash(const std::u32string& text) {
    if (text.size() < kShingle + kMinShingles - 1) return {};
    // One 64-bit hash per shingle, then kHashes cheap universal hashes of it (multiply-add with odd
    // multipliers, high half kept) instead of kHashes full hashes of the shingle.
    static const auto parameters = [] {
        std::array<std::pair<std::uint64_t, std::uint64_t>, kHashes> out{};
        for (std::size_t i = 0; i < kHashes; ++i) out[i] = {mix(2 * i + 1) | 1, mix(2 * i + 2)};
        return out;
    }();
    std::vector<std::uint32_t> signature(kHashes, 0xFFFFFFFFu);
    for (std::size_t at = 0; at + kShingle <= text.size(); ++at) {
        std::uint64_t shingle = 0;
        for (std::size_t k = 0; k < kShingle; ++k) shingle = mix(shingle ^ text[at + k]);
        for (std::size_t i = 0; i < kHashes; ++i) {
            const auto value = static_cast<std::uint32_t>((parameters[i].first * shingle + parameters[i].second) >> 32);
            signature[i] = std::min(signature[i], value);
        }
    }
    return signature;
}

// The digit runs of a text (2019, 38, 6): what template documents differ in when their words are
// the same (第3批 and 第4批, one city's games in 2009 and another's in 2011), and what OCR reads
// reliably. Capped: a statistics table's figures would make the value large and say nothing more.
constexpr std::size_t kMaxFigures = 64;
std::vector<std::string> figures_of(std::string_view text) {
    std::set<std::string> runs;
    std::string run;
    const std::string folded = core::fold_for_matching(text);
    for (std::size_t at = 0; at <= folded.size(); ++at) {
        if (at < folded.size() && folded[at] >= '0' && folded[at] <= '9') {
            run += folded[at];
        } else if (!run.empty()) {
            if (runs.size() < kMaxFigures) runs.insert(run);
            run.clear();
        }
    }
    return {runs.begin(), runs.end()};
}

// Jaccard similarity of two figure sets; 1 when either has none (nothing to disagree on).
double figure_agreement(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 1;
    std::vector<std::string> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) / static_cast<double>(a.size() + b.size() - common.size());
}
// From this agreement of their figures two near-identical texts are copies: an OCR slip in a digit
// costs one figure of many; a template filled in for another case changes most of them.
constexpr double kFigureThreshold = 0.6;

std::string hex(std::uint64_t value, int digits) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%0*llx", digits, static_cast<unsigned long long>(value));
    return buffer;
}

int format_rank(const std::string& format) {
    // Pages to link to: a PDF (a browser's PDF of a web page is one too) or an OFD, the format of
    // 电子公文 exchange. Then the formats that carry the whole text without pages of their own.
    if (format == "pdf" || format == "ofd") return 0;
    if (format == "text" || format == "html" || format == "docx" || format == "doc" || format == "wps" || format == "rtf") return 1;
    return 2;
}

}  // namespace

CopyInfo copy_info(const Document& document, const std::string& path) {
    CopyInfo info;
    info.doc_id = document.id;
    info.path = path;
    info.extractor = document.source.extractor;
    info.format = document.source.format;
    info.pages = document.source.pages;
    info.ocr_pages = document.source.ocr_pages;
    info.warnings = static_cast<int>(document.warnings.size());
    if (document.doc_number) info.number = document.doc_number->normalized;
    if (document.title) info.title = to_utf8(letters_of(*document.title));
    std::string text;
    for (const auto& clause : document.clauses) text += clause.text;
    if (document.clauses.empty()) {
        for (const auto& paragraph : document.paragraphs) text += paragraph.text;
    }
    info.signature = minhash(letters_of(text));
    info.figures = figures_of(document.title.value_or("") + "\n" + text);
    return info;
}

std::string encode_copy_info(const CopyInfo& info) {
    std::string signature;
    signature.reserve(info.signature.size() * 8);
    for (const auto value : info.signature) signature += hex(value, 8);
    return core::dump_json(nlohmann::json{{"i", info.doc_id}, {"p", info.path}, {"e", info.extractor}, {"f", info.format},
                                          {"g", info.pages}, {"o", info.ocr_pages}, {"w", info.warnings}, {"n", info.number},
                                          {"t", info.title}, {"s", signature}, {"d", info.figures}});
}

std::optional<CopyInfo> decode_copy_info(std::string_view value) {
    if (value.empty()) return std::nullopt;
    const auto json = nlohmann::json::parse(value, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::nullopt;
    CopyInfo info;
    info.doc_id = json.value("i", "");
    info.path = json.value("p", "");
    info.extractor = json.value("e", "");
    info.format = json.value("f", "");
    info.pages = json.value("g", 0);
    info.ocr_pages = json.value("o", std::vector<int>{});
    info.warnings = json.value("w", 0);
    info.number = json.value("n", "");
    info.title = json.value("t", "");
    info.figures = json.value("d", std::vector<std::string>{});
    const std::string signature = json.value("s", "");
    for (std::size_t at = 0; at + 8 <= signature.size(); at += 8) {
        std::uint32_t value = 0;
        const auto [end, error] = std::from_chars(signature.data() + at, signature.data() + at + 8, value, 16);
        if (error != std::errc() || end != signature.data() + at + 8) break;
        info.signature.push_back(value);
    }
    if (info.signature.size() != kHashes) info.signature.clear();
    return info;
}

std::vector<std::string> copy_terms(const CopyInfo& info) {
    std::vector<std::string> terms;
    if (!info.number.empty()) terms.push_back(std::string(prefix::copy_number) + info.number);
    if (info.signature.size() == kHashes) {
        for (std::size_t band = 0; band < kBands; ++band) {
            std::uint64_t hash = band;
            for (std::size_t row = 0; row < kRows; ++row) hash = mix(hash ^ info.signature[band * kRows + row]);
            terms.push_back(std::string(prefix::copy_band) + hex(band, 2) + hex(hash, 16));
        }
    }
    return terms;
}

double title_similarity(std::string_view a, std::string_view b) { return edit_similarity(a, b); }

double text_similarity(const CopyInfo& a, const CopyInfo& b) {
    if (a.signature.size() != kHashes || b.signature.size() != kHashes) return 0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < kHashes; ++i) equal += a.signature[i] == b.signature[i];
    return static_cast<double>(equal) / kHashes;
}

bool are_copies(const CopyInfo& a, const CopyInfo& b) {
    if (!a.number.empty() && !b.number.empty()) {
        if (a.number != b.number) return false;
        if (!a.title.empty() && !b.title.empty()) {
            if (title_similarity(a.title, b.title) >= kTitleThreshold) return true;
            // OCR joins the title and the 主送 line below it when no gap separates them
            // (`…的通知各县市区人民政府…`): one title then begins with the other. Copies when it does
            // and the texts agree too, so that a longer title of another document is not enough.
            const std::u32string x = to_u32(a.title), y = to_u32(b.title);
            const std::u32string& shorter = x.size() <= y.size() ? x : y;
            const std::u32string& longer = x.size() <= y.size() ? y : x;
            const bool starts_alike = title_similarity(to_utf8(shorter), to_utf8(longer.substr(0, shorter.size()))) >= kTitleThreshold;
            return starts_alike && text_similarity(a, b) >= kTextThreshold && figure_agreement(a.figures, b.figures) >= kFigureThreshold;
        }
    }
    // No number on one of them (the scan whose number OCR could not read), or no title to compare.
    return text_similarity(a, b) >= kTextThreshold && figure_agreement(a.figures, b.figures) >= kFigureThreshold;
}

bool better_copy(const CopyInfo& a, const CopyInfo& b) {
    // The share of OCR'd pages, in thousandths: a PDF with one scanned page among ten beats a scan.
    const auto ocr_share = [](const CopyInfo& info) {
        return info.ocr_pages.empty() ? 0 : static_cast<long>(info.ocr_pages.size() * 1000 / std::max<std::size_t>(info.pages, info.ocr_pages.size()));
    };
    return std::make_tuple(ocr_share(a), a.warnings, format_rank(a.format), a.path) <
           std::make_tuple(ocr_share(b), b.warnings, format_rank(b.format), b.path);
}

std::vector<std::size_t> group_copies(const std::vector<CopyInfo>& items) {
    // Only items that share a copy term can be copies: compare within those buckets, not all pairs.
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    {
        std::map<std::string, std::vector<std::size_t>> buckets;
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (const auto& term : copy_terms(items[i])) buckets[term].push_back(i);
        }
        for (const auto& [term, members] : buckets) {
            for (std::size_t x = 0; x < members.size(); ++x) {
                for (std::size_t y = x + 1; y < members.size(); ++y) pairs.emplace(members[x], members[y]);
            }
        }
    }
    // Strongest links first (the same number and title, then the most similar texts), and no merge
    // that would put two numbered documents the rule keeps apart into one group: a scan without a
    // number whose text matches two documents of one number and different titles joins the first.
    struct Link {
        bool by_number;
        double similarity;
        std::size_t a, b;
    };
    std::vector<Link> links;
    for (const auto& [a, b] : pairs) {
        if (!are_copies(items[a], items[b])) continue;
        links.push_back({!items[a].number.empty() && items[a].number == items[b].number, text_similarity(items[a], items[b]), a, b});
    }
    std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
        return std::tie(y.by_number, y.similarity, x.a, x.b) < std::tie(x.by_number, x.similarity, y.a, y.b);
    });
    std::vector<std::size_t> parent(items.size());
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    std::vector<std::vector<std::size_t>> members(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) members[i] = {i};
    const auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    const auto conflict = [&](std::size_t x, std::size_t y) {
        for (const std::size_t i : members[x]) {
            for (const std::size_t j : members[y]) {
                if (!items[i].number.empty() && !items[j].number.empty() && !are_copies(items[i], items[j])) return true;
            }
        }
        return false;
    };
    for (const auto& link : links) {
        std::size_t a = root(link.a), b = root(link.b);
        if (a == b || conflict(a, b)) continue;
        if (b < a) std::swap(a, b);
        parent[b] = a;
        members[a].insert(members[a].end(), members[b].begin(), members[b].end());
        members[b].clear();
    }
    std::vector<std::size_t> groups(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) groups[i] = root(i);
    return groups;
}

Copy copy_of(const CopyInfo& info) { return Copy{info.doc_id, info.path, info.extractor, info.ocr_pages}; }

std::vector<CopyFinder::Member> CopyFinder::group_with(Member self, std::vector<std::pair<Member, unsigned>> sharing) {
    // When more than kMaxLookup entries share some term, those sharing the most are kept.
    if (sharing.size() > kMaxLookup) {
        std::stable_sort(sharing.begin(), sharing.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        sharing.resize(kMaxLookup);
    }
    std::vector<Member> members{std::move(self)};
    if (sharing.empty()) return members;
    std::vector<CopyInfo> infos{members.front().info};
    for (const auto& [member, count] : sharing) infos.push_back(member.info);
    // Joined as group_copies joins them (transitively), so that search and the deadline board agree.
    const auto groups = group_copies(infos);
    for (std::size_t i = 1; i < infos.size(); ++i) {
        if (groups[i] == groups[0]) members.push_back(std::move(sharing[i - 1].first));
    }
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return better_copy(a.info, b.info); });
    return members;
}

std::vector<CopyFinder::Member> CopyFinder::copies_of(Xapian::docid docid) const {
    auto self = decode_copy_info(database_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(slot::copy_info));
    if (!self) return {Member{docid, {}}};
    const std::vector<std::string> terms = copy_terms(*self);
    if (terms.empty()) return {Member{docid, std::move(*self)}};
    // The entries that share a copy term, read straight from the terms' posting lists: they are
    // short (the number's copies, the few texts alike enough to share a band), so no matcher is
    // needed. Only document entries carry these terms. Measured on 10,000 documents: 35 µs for the 17
    // posting lists, 15 µs to decode the value and make the terms, per result shown.
    std::map<Xapian::docid, unsigned> shared;
    std::vector<Xapian::docid> sharers;
    for (const auto& term : terms) {
        sharers.clear();
        for (auto posting = database_.postlist_begin(term); posting != database_.postlist_end(term); ++posting) {
            if (*posting != docid) sharers.push_back(*posting);
            if (crowded_band(term, static_cast<Xapian::doccount>(sharers.size()))) break;
        }
        if (crowded_band(term, static_cast<Xapian::doccount>(sharers.size()))) continue;
        for (const auto other : sharers) ++shared[other];
    }
    std::vector<std::pair<Xapian::docid, unsigned>> found(shared.begin(), shared.end());
    if (found.size() > kMaxLookup) {
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        found.resize(kMaxLookup);   // the same cut as group_with's, made before the values are read
    }
    std::vector<std::pair<Member, unsigned>> sharing;
    for (const auto& [other, count] : found) {
        auto info = decode_copy_info(database_.get_document(other, Xapian::DOC_ASSUME_VALID).get_value(slot::copy_info));
        if (info) sharing.emplace_back(Member{other, std::move(*info)}, count);
    }
    return group_with(Member{docid, std::move(*self)}, std::move(sharing));
}

std::map<Xapian::docid, std::vector<CopyFinder::Member>> CopyFinder::copies_of_each(
    const std::vector<std::pair<Xapian::docid, Xapian::Document>>& entries) const {
    std::map<Xapian::docid, std::vector<Member>> result;
    struct Self {
        Xapian::docid docid;
        CopyInfo info;
        std::set<std::string> terms;
    };
    std::vector<Self> selves;
    std::set<std::string> all_terms;
    for (const auto& [docid, entry] : entries) {
        auto info = decode_copy_info(entry.get_value(slot::copy_info));
        if (!info) {
            result[docid] = {Member{docid, {}}};
            continue;
        }
        auto terms = copy_terms(*info);
        all_terms.insert(terms.begin(), terms.end());
        selves.push_back(Self{docid, std::move(*info), std::set<std::string>(terms.begin(), terms.end())});
    }
    if (all_terms.empty()) {
        for (auto& self : selves) result[self.docid] = {Member{self.docid, std::move(self.info)}};
        return result;
    }
    // What each term finds is known before any value is read: the terms' frequencies, from a match
    // of no results (a remote shard looks each term up once, as any match would, and sends no value).
    // A term only the entry itself carries finds nothing (most, in an archive of distinct documents:
    // then no match follows); a crowded band is not looked up (crowded_band).
    Xapian::Enquire statistics(database_);
    statistics.set_query(Xapian::Query(Xapian::Query::OP_OR, all_terms.begin(), all_terms.end()));
    statistics.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet frequencies = statistics.get_mset(0, 0);
    std::vector<Self> asked;
    std::set<std::string> lookup;
    Xapian::doccount bound = 0;   // the entries the match can find: each looked-up term's postings
    for (auto& self : selves) {
        std::set<std::string> shared;
        bool crowded_number = false;
        for (const auto& term : self.terms) {
            const Xapian::doccount frequency = frequencies.get_termfreq(term);   // itself included
            if (frequency <= 1 || crowded_band(term, frequency - 1)) continue;
            crowded_number = crowded_number || frequency - 1 > kMaxLookup;
            shared.insert(term);
        }
        // A number many entries carry: for copies_of, which keeps those sharing the most terms.
        if (crowded_number) continue;
        if (shared.empty()) {
            result[self.docid] = {Member{self.docid, std::move(self.info)}};
            continue;
        }
        for (const auto& term : shared) {
            if (lookup.insert(term).second) bound += frequencies.get_termfreq(term);
        }
        self.terms = std::move(shared);
        asked.push_back(std::move(self));
    }
    if (asked.empty()) return result;
    // One match over the terms looked up. Sorted by the copy value, each match carries it as its sort
    // key: no document is read (a remote shard sends the keys with the matches).
    Xapian::Enquire enquire(database_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, lookup.begin(), lookup.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(slot::copy_info, false);
    const Xapian::MSet matches = enquire.get_mset(0, bound + 1);
    if (matches.size() > bound) {   // written to meanwhile: the asked ones are for copies_of
        return result;
    }
    std::vector<std::pair<Xapian::docid, std::string>> values;   // in entry order, as copies_of reads them
    for (auto it = matches.begin(); it != matches.end(); ++it) values.emplace_back(*it, it.get_sort_key());
    std::sort(values.begin(), values.end());
    std::vector<Member> found;
    std::vector<std::set<std::string>> found_terms;
    for (const auto& [docid, value] : values) {
        auto info = decode_copy_info(value);
        if (!info) continue;
        const auto terms = copy_terms(*info);
        found_terms.emplace_back(terms.begin(), terms.end());
        found.push_back(Member{docid, std::move(*info)});
    }
    for (auto& self : asked) {
        std::vector<std::pair<Member, unsigned>> sharing;
        for (std::size_t i = 0; i < found.size(); ++i) {
            if (found[i].docid == self.docid) continue;
            unsigned count = 0;
            for (const auto& term : found_terms[i]) count += self.terms.contains(term);
            if (count > 0) sharing.emplace_back(found[i], count);
        }
        result[self.docid] = group_with(Member{self.docid, std::move(self.info)}, std::move(sharing));
    }
    return result;
}

std::vector<CopyFinder::Member> CopyFinder::copies_of(Xapian::docid docid, const Xapian::Document& entry) const {
    auto info = decode_copy_info(entry.get_value(slot::copy_info));
    if (!info) return {Member{docid, {}}};
    Member self{docid, std::move(*info)};
    const std::vector<std::string> terms = copy_terms(self.info);
    if (terms.empty()) return {std::move(self)};
    // Weighed by the number of terms shared (CoordWeight: one per matching term, as copies_of counts
    // them), the kMaxLookup sharing most come first; equal counts by copy value, which comes back as
    // the sort key (no document read). copies_of breaks those ties by entry number instead: the two
    // differ only in which of equally distant entries fill the last places, never in a copy that
    // shares more terms than they do.
    Xapian::Enquire enquire(database_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    enquire.set_weighting_scheme(Xapian::CoordWeight());
    enquire.set_sort_by_relevance_then_value(slot::copy_info, false);
    const Xapian::MSet matches = enquire.get_mset(0, kMaxLookup + 1);
    // Crowded bands are not counted, as copies_of does not read them (the match's statistics tell
    // which are: a term's frequency includes the entry itself).
    std::set<std::string> counted;
    for (const auto& term : terms) {
        const Xapian::doccount frequency = matches.get_termfreq(term);
        if (!crowded_band(term, frequency > 0 ? frequency - 1 : 0)) counted.insert(term);
    }
    std::vector<std::pair<Member, unsigned>> sharing;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        if (*it == self.docid || sharing.size() >= kMaxLookup) continue;
        auto info = decode_copy_info(it.get_sort_key());
        if (!info) continue;
        unsigned count = 0;
        for (const auto& term : copy_terms(*info)) count += counted.contains(term);
        if (count > 0) sharing.emplace_back(Member{*it, std::move(*info)}, count);
    }
    // group_with expects entry order (its own cut is not reached: at most kMaxLookup here).
    std::sort(sharing.begin(), sharing.end(), [](const auto& a, const auto& b) { return a.first.docid < b.first.docid; });
    return group_with(std::move(self), std::move(sharing));
}

std::vector<CopyFinder::Member> CopyFinder::copies_of(const std::string& doc_id) const {
    const std::string unique = std::string(prefix::unique) + doc_id;
    auto posting = database_.postlist_begin(unique);
    if (posting == database_.postlist_end(unique)) return {};
    return copies_of(*posting);
}

}  // namespace gongwen::index
