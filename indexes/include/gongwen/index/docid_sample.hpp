// A sample of an index's entries, spread evenly over it: evenly spaced windows of consecutive entry
// numbers. As a filter it lets Xapian count a query's matches in a fraction of the index without
// going through the others (the search's facets for queries that match too many documents to count
// them all: index_searcher.cpp). Entry numbers follow ingest order, so the windows are spread over
// the whole of it: every part of the archive is sampled alike.
#pragma once

#include <algorithm>
#include <string>

#include <xapian.h>

namespace gongwen::index {

class DocidSample : public Xapian::PostingSource {
public:
    /// About `fraction` (0 < fraction <= 1) of the entries, in `windows` windows. A shard set runs
    /// one copy per shard, each with its own windows: windows_for gives the share of one shard.
    explicit DocidSample(double fraction, Xapian::docid windows = kWindows) : fraction_(fraction), windows_(std::max<Xapian::docid>(windows, 1)) {}

    /// The windows each shard of `database` takes, so that a shard set takes about kWindows in all,
    /// as one index does: each window costs every query term a B-tree descent per shard, and the
    /// shards' windows interleave (entry n of a set of k is entry ⌈n/k⌉ of one shard).
    static Xapian::docid windows_for(const Xapian::Database& database);

    /// The fraction actually sampled of the database last given to init (windows are whole).
    double sampled_fraction() const { return last_ == 0 ? 1 : static_cast<double>(sampled_) / last_; }
    /// The same for a database whose last entry number is `last`, without a sample: what a caller
    /// needs after Xapian ran copies of the sample (one per shard).
    static double sampled_fraction(Xapian::docid last, double fraction, Xapian::docid windows = kWindows);

    void init(const Xapian::Database& database) override;
    void next(double min_weight) override;
    void skip_to(Xapian::docid docid, double min_weight) override;
    bool at_end() const override { return current_ > last_; }
    Xapian::docid get_docid() const override { return current_; }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return sampled_; }
    Xapian::doccount get_termfreq_max() const override { return sampled_; }
    DocidSample* clone() const override { return new DocidSample(fraction_, windows_); }
    std::string get_description() const override { return "DocidSample(" + std::to_string(fraction_) + ")"; }

    static constexpr Xapian::docid kWindows = 64;
    /// Fewer per shard would cluster the sample in time (entry numbers follow ingest order).
    static constexpr Xapian::docid kMinWindowsPerShard = 16;

private:
    // Moves current_ to the first sampled entry number at or after it.
    void settle();
    struct Windows {
        Xapian::docid stride, length;
        Xapian::doccount sampled;
    };
    static Windows windows(Xapian::docid last, double fraction, Xapian::docid count);

    double fraction_;
    Xapian::docid windows_;
    Xapian::docid last_ = 0, stride_ = 1, length_ = 1, current_ = 0;
    Xapian::doccount sampled_ = 0;
};

/// The most recently written entries: the last `fraction` of the entry numbers (in a shard set, of
/// each shard's). As a filter it lets a search rank the matches of a very common query among the
/// newest documents only, at a cost that does not grow with the archive (SearchRequest::rank_window).
class RecentEntries : public Xapian::PostingSource {
public:
    explicit RecentEntries(double fraction) : fraction_(fraction) {}

    /// The share of the entry numbers that the window covers in a database whose last entry number
    /// is `last` (Xapian runs copies of the source, one per shard: the caller asks for the whole).
    static double covered_fraction(Xapian::docid last, double fraction);

    void init(const Xapian::Database& database) override;
    void next(double) override { current_ = std::max(current_ + 1, first_); }
    void skip_to(Xapian::docid docid, double) override { current_ = std::max({current_, docid, first_}); }
    bool at_end() const override { return current_ > last_; }
    Xapian::docid get_docid() const override { return current_; }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return last_ - first_ + 1; }
    Xapian::doccount get_termfreq_max() const override { return last_ - first_ + 1; }
    RecentEntries* clone() const override { return new RecentEntries(fraction_); }
    std::string get_description() const override { return "RecentEntries(" + std::to_string(fraction_) + ")"; }

private:
    static Xapian::docid first_of(Xapian::docid last, double fraction);

    double fraction_;
    Xapian::docid first_ = 1, last_ = 0, current_ = 0;
};

}  // namespace gongwen::index
