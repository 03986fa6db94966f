// Evenly spaced windows of entry numbers (see docid_sample.hpp).
#include "gongwen/index/docid_sample.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::index {

DocidSample::Windows DocidSample::windows(Xapian::docid last, double fraction, Xapian::docid count_wanted) {
    const Xapian::docid stride = std::max<Xapian::docid>(1, last / count_wanted);
    const Xapian::docid length = std::clamp<Xapian::docid>(static_cast<Xapian::docid>(std::lround(stride * fraction)), 1, stride);
    const Xapian::docid count = last == 0 ? 0 : (last - 1) / stride + 1;
    return {stride, length, std::min<Xapian::doccount>(last, count * length)};
}

double DocidSample::sampled_fraction(Xapian::docid last, double fraction, Xapian::docid count) {
    return last == 0 ? 1 : static_cast<double>(windows(last, fraction, count).sampled) / last;
}

Xapian::docid DocidSample::windows_for(const Xapian::Database& database) {
    const auto shards = static_cast<Xapian::docid>(std::max<std::size_t>(database.size(), 1));
    return std::max(kWindows / shards, std::min(kWindows, kMinWindowsPerShard));
}

void DocidSample::init(const Xapian::Database& database) {
    // A shard set gives each shard its own copy (clone) and init with the shard's own numbers.
    last_ = database.get_lastdocid();
    const Windows sample = windows(last_, fraction_, windows_);
    stride_ = sample.stride;
    length_ = sample.length;
    sampled_ = sample.sampled;
    current_ = 0;
}

void DocidSample::next(double) {
    ++current_;
    settle();
}

void DocidSample::skip_to(Xapian::docid docid, double) {
    if (docid <= current_) return;
    current_ = docid;
    settle();
}

void DocidSample::settle() {
    if (current_ == 0) current_ = 1;
    const Xapian::docid offset = (current_ - 1) % stride_;
    if (offset >= length_) current_ += stride_ - offset;   // to the start of the next window
}

Xapian::docid RecentEntries::first_of(Xapian::docid last, double fraction) {
    const auto length = std::clamp<Xapian::docid>(static_cast<Xapian::docid>(std::ceil(last * fraction)), 1, std::max<Xapian::docid>(last, 1));
    return last - std::min(length, last) + 1;
}

double RecentEntries::covered_fraction(Xapian::docid last, double fraction) {
    return last == 0 ? 1 : static_cast<double>(last - first_of(last, fraction) + 1) / last;
}

void RecentEntries::init(const Xapian::Database& database) {
    last_ = database.get_lastdocid();
    first_ = first_of(last_, fraction_);
    current_ = 0;
}

}  // namespace gongwen::index
