// Task entries by due date (see tasks_by_due.hpp).
#include "gongwen/index/tasks_by_due.hpp"

#include <algorithm>
#include <cstdint>

#include "gongwen/index/schema.hpp"

namespace gongwen::index {
namespace {

Xapian::Query due_range(const std::string& first, const std::string& last) {
    const Xapian::Query tasks(std::string(prefix::kind) + "task");
    // Both ends open still asks for a due value: entries without one have no place in the order.
    Xapian::Query range(Xapian::Query::OP_VALUE_GE, slot::task_due, first);
    if (!last.empty()) range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::task_due, first, last);
    return Xapian::Query(Xapian::Query::OP_FILTER, tasks, range);
}

Xapian::doccount clamped_batch(std::uint64_t wanted) { return static_cast<Xapian::doccount>(std::clamp<std::uint64_t>(wanted, 16384, 1U << 30)); }

}  // namespace

TasksByDue::TasksByDue(Xapian::Database database, std::string first, std::string last, bool latest_first, Xapian::doccount expected,
                       const Xapian::Query& within)
    // Each batch is a pass over every value in the range, a longer batch costs little more: ask for
    // enough that the days the caller reads (whole days, thousands of tasks on a month's last day in
    // a big archive) are usually in the first.
    : database_(std::move(database)), enquire_(database_), batch_(clamped_batch(std::uint64_t{expected} * 4)) {
    enquire_.set_query(within.empty() ? due_range(first, last) : Xapian::Query(Xapian::Query::OP_FILTER, due_range(first, last), within));
    enquire_.set_weighting_scheme(Xapian::BoolWeight());
    enquire_.set_sort_by_value(slot::task_due, latest_first);
    enquire_.set_docid_order(Xapian::Enquire::ASCENDING);
}

void TasksByDue::fetch() {
    // Every match is checked (check_at_least: all of them): sorting by a value has to look at each
    // anyway, and it makes the count exact.
    const Xapian::MSet mset = enquire_.get_mset(fetched_, batch_, database_.get_doccount());
    entries_ = mset.get_matches_estimated();
    started_ = true;
    // Keep the unread tail of the last batch: a day may span two batches.
    batch_items_.erase(batch_items_.begin(), batch_items_.begin() + static_cast<std::ptrdiff_t>(next_));
    next_ = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) batch_items_.emplace_back(it.get_sort_key(), *it);
    fetched_ += mset.size();
    if (mset.size() < batch_) fetched_all_ = true;
    batch_ = clamped_batch(std::uint64_t{batch_} * 4);   // a caller that needs more than it expected probably needs much more
}

Xapian::doccount TasksByDue::entries() {
    if (!started_) fetch();
    return entries_;
}

std::vector<Xapian::docid> TasksByDue::next_day() {
    if (!started_) fetch();
    std::vector<Xapian::docid> day;
    if (next_ >= batch_items_.size()) {
        if (fetched_all_) return day;
        fetch();
        if (batch_items_.empty()) return day;
    }
    const std::string due = batch_items_[next_].first;
    while (true) {
        while (next_ < batch_items_.size() && batch_items_[next_].first == due) day.push_back(batch_items_[next_++].second);
        if (next_ < batch_items_.size() || fetched_all_) break;
        fetch();   // the day may go on in the next batch
    }
    std::sort(day.begin(), day.end());
    return day;
}

std::vector<Xapian::docid> matching_entries(const Xapian::Database& database, const Xapian::Query& query) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<Xapian::docid> entries;
    const Xapian::MSet matches = enquire.get_mset(0, database.get_doccount());
    for (auto it = matches.begin(); it != matches.end(); ++it) entries.push_back(*it);
    return entries;
}

std::optional<std::vector<Xapian::docid>> task_entries_of_kind(const Xapian::Database& database, const std::string& kind) {
    if (database.get_termfreq(std::string(prefix::task_schedule)) != database.get_termfreq(std::string(prefix::kind) + "task")) return std::nullopt;
    return matching_entries(database, Xapian::Query(std::string(prefix::task_schedule) + kind));
}

}  // namespace gongwen::index
