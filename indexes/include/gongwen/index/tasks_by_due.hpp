// Task entries in the order of their due date (slot::task_due), a day at a time, straight from
// Xapian: a view that shows the first N tasks of a due-date range parses about N task entries
// instead of every task of the index (`gongwen deadlines --overdue` on a 20-year archive, where
// nearly every old task is overdue).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace gongwen::index {

class TasksByDue {
public:
    /// The task entries due from `first` to `last` (YYYYMMDD, inclusive; "" leaves that end open),
    /// the latest due day first when `latest_first`. `expected` is how many a caller is likely to
    /// read; the first batch asked of Xapian is several times that (each batch is one pass over the
    /// slot's values, however long). `within`, unless empty, keeps only the entries it matches (a
    /// filter term every entry of a document carries, e.g. unit_filter: the entries of the
    /// documents that name a unit, a superset of the unit's tasks).
    TasksByDue(Xapian::Database database, std::string first, std::string last, bool latest_first, Xapian::doccount expected,
               const Xapian::Query& within = Xapian::Query());

    /// How many task entries are due in the range: copies and tasks whose state says done
    /// included, so an upper bound of the rows a view makes of them. Exact (every match is counted).
    Xapian::doccount entries();

    /// The entries due on the next day of the range (in ascending docid order); empty after the last.
    std::vector<Xapian::docid> next_day();

private:
    void fetch();

    Xapian::Database database_;
    Xapian::Enquire enquire_;
    Xapian::doccount batch_;
    Xapian::doccount fetched_ = 0;    ///< entries asked of Xapian so far (offset of the next batch)
    bool fetched_all_ = false;
    Xapian::doccount entries_ = 0;
    // The current batch: (due day, docid), in the order asked, and where the next day starts.
    std::vector<std::pair<std::string, Xapian::docid>> batch_items_;
    std::size_t next_ = 0;
    bool started_ = false;
};

/// Every entry `query` matches, in docid order. Matched by Xapian, not by walking posting lists
/// here: a remote shard sends the matches, not whole lists.
std::vector<Xapian::docid> matching_entries(const Xapian::Database& database, const Xapian::Query& query);

/// The task entries of one kind (Task::kind: deadline, ongoing, recurring; "none" for none), in
/// ascending docid order, from their XTS terms; nullopt for an index whose task entries do not all
/// carry them (written before they were added): only reading every task finds them there.
std::optional<std::vector<Xapian::docid>> task_entries_of_kind(const Xapian::Database& database, const std::string& kind);

}  // namespace gongwen::index
