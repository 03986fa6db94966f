// Evenly spaced windows of entry numbers (see docid_sample.hpp).
#include "gongwen/index/docid_sample.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::index {

void DocidSample::init(const Xapian::Database& database) {
    // A shard set gives each shard its own copy (clone) and init with the shard's own numbers.
    last_ = database.get_lastdocid();
    stride_ = std::max<Xapian::docid>(1, last_ / kWindows);
    length_ = std::clamp<Xapian::docid>(static_cast<Xapian::docid>(std::lround(stride_ * fraction_)), 1, stride_);
    const Xapian::docid windows = last_ == 0 ? 0 : (last_ - 1) / stride_ + 1;
    sampled_ = std::min<Xapian::doccount>(last_, windows * length_);
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

void RecentEntries::init(const Xapian::Database& database) {
    last_ = database.get_lastdocid();
    const auto length = std::clamp<Xapian::docid>(static_cast<Xapian::docid>(std::ceil(last_ * fraction_)), 1, std::max<Xapian::docid>(last_, 1));
    first_ = last_ - std::min(length, last_) + 1;
    current_ = 0;
}

}  // namespace gongwen::index
