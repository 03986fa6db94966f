// The bounded overdue listing (deadline_view.hpp: list_deadlines, index/tasks_by_due.hpp,
// index/task_subset.hpp): reading only the task entries a request shows must give exactly the rows
// the full read gives, cut at the same limit, for the cases where reading a part could go wrong:
// a lesser copy whose due date is the latest, a task marked done, a state that would slide by the
// fuzzy fallback onto the wrong task, a key shared by two documents (numbered ids), tasks without
// a due date, recurring and ongoing tasks. One small index, written with IndexWriter, for the file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "deadline_view.hpp"
#include "task_update.hpp"
#include "gongwen/doc_number.hpp"
#include "gongwen/index/filter_terms.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/task_identity.hpp"
#include "gongwen/index/task_reader.hpp"
#include "gongwen/index/task_subset.hpp"
#include "gongwen/index/tasks_by_due.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::app;

namespace {

const Date kToday{2026, 12, 7};

Task make_task(int seq, const std::string& text, const std::string& due, const std::string& kind = "deadline",
               const std::string& unit = "市发展改革委", const std::string& deadline_text = "") {
    Task task;
    task.seq = seq;
    task.task = text;
    task.units = {unit};
    task.due = due;
    task.kind = kind;
    task.deadline_text = deadline_text.empty() ? due : deadline_text;
    return task;
}

Document make_document(const std::string& id, const std::string& number, const std::string& title, std::vector<Task> tasks,
                       const std::string& format = "pdf") {
    Document document;
    document.id = id;
    document.doc_number = parse_doc_number(number);
    document.title = title;
    document.signed_date = "2026-03-15";
    document.source.format = format;
    document.source.extractor = format == "pdf" ? "pdf" : "ocr";
    document.source.pages = 1;
    if (format != "pdf") document.source.ocr_pages = {1};
    // Texts of their own: documents whose texts share a MinHash band are looked at as possible copies.
    document.clauses.push_back({"一、", "", "根据" + title + "（" + number + "），" + id + "的安排如下。", 1, 1});
    document.tasks = std::move(tasks);
    return document;
}

struct Corpus {
    test::TempDir dir;
    std::filesystem::path index;
    std::filesystem::path states;
};

// The state of one task, recorded as `gongwen task` records it (here with its key given).
void record(index::TaskStateStore& store, const index::TaskKey& key, const std::string& id, const std::string& status) {
    index::TaskState state;
    state.task_id = id;
    state.doc_key = key.doc_key;
    state.seq = key.seq;
    state.text = key.text;
    state.current.status = status;
    state.current.changed_by = "test";
    state.current.changed_at = "2026-12-01T08:00:00Z";
    store.record(state);
}

const Corpus& corpus() {
    static Corpus made = [] {
        Corpus c;
        c.index = c.dir.path() / "index";
        c.states = index::TaskStateStore::location_for(c.index);
        {
            index::IndexWriter writer(c.index);
            auto add = [&](const Document& document, const std::string& path) {
                writer.replace(document, {path, 1, 1, document.id, document.id});
            };
            add(make_document("alpha", "甲发〔2020〕1号", "关于甲项工作的通知",
                              {make_task(1, "完成甲项第一批任务", "2026-11-30"), make_task(2, "完成甲项第二批任务", "2026-12-01"),
                               make_task(3, "长期坚持甲项工作", "", "ongoing", "市发展改革委", "长期坚持"),
                               make_task(4, "每季度报送甲项进展", "2026-09-30", "recurring", "市发展改革委", "每季度"),
                               make_task(5, "完成甲项第五批任务", "2027-03-01"), make_task(6, "研究甲项配套措施", ""),
                               make_task(1, "完成甲项第一批任务", "2026-10-01")}),
                "/docs/alpha.pdf");
            // A copy: the scan read the first due date wrong, latest of all; the PDF is the better copy.
            const std::vector<Task> beta{make_task(1, "完成乙项调查", "2026-11-20"), make_task(2, "完成乙项总结", "2025-06-30")};
            add(make_document("beta_pdf", "乙发〔2021〕2号", "关于乙项工作的通知", beta), "/docs/beta.pdf");
            auto scanned = beta;
            scanned[0].due = "2026-12-05";
            add(make_document("beta_scan", "乙发〔2021〕2号", "关于乙项工作的通知", scanned, "image"), "/docs/beta_scan.png");
            // Two documents given one number (not copies: different titles), the same task in each.
            add(make_document("gamma1", "丙发〔2022〕3号", "关于丙项试点的通知", {make_task(1, "落实丙项要求", "2026-06-30")}), "/docs/gamma1.pdf");
            add(make_document("gamma2", "丙发〔2022〕3号", "关于完全不同事项的意见", {make_task(1, "落实丙项要求", "2026-07-31")}),
                "/docs/gamma2.pdf");
            // Two rows with one 序号 and nearly one text: the state of the first must not slide to the second.
            add(make_document("delta", "丁发〔2023〕4号", "关于丁项工作的通知",
                              {make_task(1, "推进丁项工作落实到位并报送结果", "2026-08-31"), make_task(3, "组织丁项专项检查", "2026-08-15"),
                               make_task(5, "核查丁项工作台账并上报", "2026-01-10"), make_task(5, "核查丁项工作台帐并上报", "2026-11-25")}),
                "/docs/delta.pdf");
            for (int i = 1; i <= 12; ++i) {
                const std::string month = (i < 10 ? "0" : "") + std::to_string(i);
                add(make_document("filler" + std::to_string(i), "戊发〔2019〕" + std::to_string(i) + "号", "关于戊项第" + std::to_string(i) + "次部署的通知",
                                  {make_task(1, "落实戊项部署" + std::to_string(i), "2024-" + month + "-15", "deadline", "市财政局"),
                                   make_task(2, "总结戊项部署" + std::to_string(i), "2025-" + month + "-15", "deadline", "市财政局")}),
                    "/docs/filler" + std::to_string(i) + ".pdf");
            }
            writer.commit();
        }
        // States: alpha's second task done (the most recently due of all); delta's first row done
        // under a text OCR read a little differently (the fuzzy fallback finds it); delta's first 5
        // done by its exact key; delta's 3 in progress.
        index::TaskStateStore store(c.states, true);
        const auto database = index::open_index_for_reading(c.index);
        for (const auto& task : tracked_tasks(database, std::nullopt)) {
            const auto& entry = task.entry;
            if (entry.doc_id == "alpha" && entry.task.seq == 2) record(store, task.key, task.task_id, "done");
            if (entry.doc_id == "delta" && entry.task.seq == 3) record(store, task.key, task.task_id, "in_progress");
            if (entry.doc_id == "delta" && entry.task.seq == 5 && entry.task.due == "2026-01-10") record(store, task.key, task.task_id, "done");
            if (entry.doc_id == "delta" && entry.task.seq == 1) {
                index::TaskKey old = task.key;
                old.text = index::normalized_task_text("推进丁项工作落实到位并报送结杲");
                record(store, old, index::task_id(old), "done");
            }
        }
        return c;
    }();
    return made;
}

// The full read: every task tracked, then filtered and sorted, then cut.
std::vector<DeadlineRow> full_rows(const DeadlineFilter& filter, std::size_t limit) {
    const auto database = index::open_index_for_reading(corpus().index);
    auto rows = deadline_rows(tracked_tasks(database, corpus().states), filter, kToday, {});
    if (limit > 0 && rows.size() > limit) rows.resize(limit);
    return rows;
}

std::vector<std::string> described(const std::vector<DeadlineRow>& rows, bool with_id = true) {
    std::vector<std::string> out;
    for (const auto& row : rows) {
        out.push_back(row.entry.path + " #" + std::to_string(row.entry.index) + " seq " + std::to_string(row.entry.task.seq) + " due " + row.due +
                      " " + row.status + "/" + row.state + (with_id ? " id " + row.task_id : ""));
    }
    return out;
}

DeadlineListing listed(const DeadlineFilter& filter, std::size_t limit) {
    const auto database = index::open_index_for_reading(corpus().index);
    return list_deadlines(database, corpus().states, filter, kToday, {}, limit);
}

}  // namespace

TEST_CASE("deadlines: the bounded overdue read gives the full read's rows, ids and states at every limit", "[deadlines]") {
    for (const std::string sort : {"due", "latest"}) {
        for (const int variant : {0, 1, 2, 3}) {
            DeadlineFilter filter;
            filter.sort = sort;
            if (variant == 1) filter.status = "overdue";
            else filter.overdue = true;
            if (variant == 2) filter.unit = "市财政局";
            if (variant == 3) filter.from = Date{2025, 3, 1}, filter.to = Date{2026, 11, 22};
            const std::size_t everything = full_rows(filter, 0).size();
            for (const std::size_t limit : {1, 2, 3, 5, 8, 13, 30, 0}) {
                INFO("sort " << sort << ", variant " << variant << ", limit " << limit);
                const auto listing = listed(filter, limit);
                CHECK(described(listing.rows) == described(full_rows(filter, limit)));
                if (listing.total_exact) CHECK(listing.total == everything);
                else CHECK((listing.total >= everything && listing.rows.size() == limit && limit < everything));
            }
        }
    }
}

TEST_CASE("deadlines --overdue --sort latest: the most recently overdue first, copies once, done work left out", "[deadlines]") {
    DeadlineFilter filter;
    filter.overdue = true;
    filter.sort = "latest";
    const auto listing = listed(filter, 5);
    // alpha 2 (2026-12-01) is done; the scan's 2026-12-05 is a lesser copy's; delta's 5 of 11-25 is
    // not the one whose state is done, though its text is 0.9 alike.
    CHECK(described(listing.rows, false) == std::vector<std::string>{"/docs/alpha.pdf #0 seq 1 due 2026-11-30 overdue/open",
                                                                   "/docs/delta.pdf #3 seq 5 due 2026-11-25 overdue/open",
                                                                   "/docs/beta.pdf #0 seq 1 due 2026-11-20 overdue/open",
                                                                   "/docs/alpha.pdf #6 seq 1 due 2026-10-01 overdue/open",
                                                                   "/docs/delta.pdf #1 seq 3 due 2026-08-15 overdue/in_progress"});
    // The same task twice in one document: two ids (the second numbered), as the full read gives.
    CHECK(listing.rows.at(0).task_id != listing.rows.at(3).task_id);
    // 32 overdue rows; the count is of the 38 entries due before today (copies, done and recurring ones too).
    CHECK(listing.total_exact == false);
    CHECK(listing.total == 38);
    // The row of the second document with a shared key keeps its numbered id when read alone.
    filter.from = Date{2026, 7, 1};
    filter.to = Date{2026, 7, 31};
    const auto gamma = listed(filter, 1);
    REQUIRE(gamma.rows.size() == 1);
    CHECK(gamma.rows[0].entry.doc_id == "gamma2");
    CHECK(gamma.rows[0].task_id == index::task_id(index::task_key(gamma.rows[0].entry), 1));
    CHECK(gamma.total_exact);
}

TEST_CASE("deadlines: the subset tracker reads a few entries, not the index, and agrees with track_tasks", "[deadlines]") {
    const auto database = index::open_index_for_reading(corpus().index);
    const auto states = index::TaskStateStore(corpus().states, false).all();
    index::TasksByDue days(database, "", "20261206", true, 4);
    CHECK(days.entries() == 38);   // every dated entry due before today: copies, done and recurring ones too
    const auto first_day = days.next_day();
    index::TaskSubsetTracker tracker(database, states);
    const auto tracked = tracker.track(first_day);
    CHECK(tracked.empty());   // 2026-12-05: the scan's reading, a lesser copy
    const auto second = tracker.track(days.next_day());   // 2026-12-01: alpha's done task
    REQUIRE(second.size() == 1);
    REQUIRE(second[0].state);
    CHECK(second[0].state->current.status == "done");
    CHECK(tracker.entries_read() < 20);   // of 41 task entries
    const auto all = tracked_tasks(database, corpus().states);
    const auto same = std::find_if(all.begin(), all.end(), [&](const auto& task) { return task.task_id == second[0].task_id; });
    REQUIRE(same != all.end());
    CHECK(same->entry.doc_id == "alpha");
}

TEST_CASE("deadlines: a limit on the full read keeps the first rows and counts them all", "[deadlines]") {
    DeadlineFilter filter;
    filter.unit = "市财政局";
    filter.sort = "document";   // an order the due-date read cannot give: the full read
    const auto listing = listed(filter, 3);
    CHECK(described(listing.rows) == described(full_rows(filter, 3)));
    CHECK(listing.total == 24);
    CHECK(listing.total_exact);
    CHECK(left_out_notice(listing, filter) == "showing 3 of 24 tasks; --limit 0 for all");
    CHECK(left_out_notice(listed(filter, 0), filter).empty());
    filter.unit.reset();
    filter.sort = "due";
    filter.overdue = true;
    CHECK(left_out_notice(listed(filter, 2), filter).starts_with("showing 2 of at most 38 overdue tasks (the count includes copies"));
}

TEST_CASE("deadlines: documents that only look alike are not followed as copies", "[deadlines]") {
    // Thirty notices of one template: the same text (so the same MinHash bands), each its own number
    // and title, so no two are copies. Listing one overdue task must not read the other 29 documents'
    // tasks (the closure of "shares a copy term" is every notice; at 1M documents it was most of the
    // index), and must still list what the full read lists.
    test::TempDir dir;
    const auto location = dir.path() / "index";
    {
        index::IndexWriter writer(location);
        for (int i = 1; i <= 30; ++i) {
            Document document = make_document("tmpl" + std::to_string(i), "己发〔2024〕" + std::to_string(i) + "号",
                                              "关于第" + std::to_string(i) + "批己项名单的通知", {make_task(1, "报送己项名单" + std::to_string(i), "2026-05-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1))});
            document.clauses.front().text = "各区人民政府，市各委办局：现将己项工作名单印发给你们，请认真组织实施，按时报送落实情况，确保各项任务落到实处。";
            writer.replace(document, {"/tmpl/" + std::to_string(i) + ".pdf", 1, 1, document.id, document.id});
        }
        writer.commit();
    }
    const auto database = index::open_index_for_reading(location);
    index::TasksByDue days(database, "", "20261206", false, 1);
    index::TaskSubsetTracker tracker(database, {});
    const auto first = tracker.track(days.next_day());
    REQUIRE(first.size() == 1);
    CHECK(tracker.entries_read() <= 2);
    DeadlineFilter filter;
    filter.overdue = true;
    const auto bounded = list_deadlines(database, std::nullopt, filter, kToday, {}, 3);
    auto full = deadline_rows(tracked_tasks(database, std::nullopt), filter, kToday, {});
    REQUIRE(full.size() == 30);   // no notice was taken for a copy of another
    full.resize(3);
    CHECK(described(bounded.rows) == described(full));
}

TEST_CASE("task ids: found through their id terms as the full read finds them, copies, shared keys and moved states included",
          "[deadlines][tasks]") {
    const auto database = index::open_index_for_reading(corpus().index);
    const index::TaskStateStore store(corpus().states, false);
    index::TaskSubsetTracker tracker(database, store.all());
    CHECK(tracker.ids_indexed());
    const auto all = tracked_tasks(database, corpus().states);
    REQUIRE(all.size() > 30);
    std::size_t with_state = 0;
    for (const auto& task : all) {
        INFO(task.entry.path << " #" << task.entry.index << " id " << task.task_id);
        const auto found = find_task(database, store, task.task_id);
        REQUIRE(found);
        REQUIRE(found->tracked);
        CHECK(found->tracked->entry.path == task.entry.path);
        CHECK(found->tracked->entry.index == task.entry.index);
        CHECK(found->tracked->task_id == task.task_id);
        CHECK(found->state.has_value() == task.state.has_value());
        with_state += task.state.has_value();
    }
    CHECK(with_state == 4);   // done, in progress, done by key, done under a text OCR read differently
    CHECK_FALSE(find_task(database, store, "0123456789ab"));
    // A lookup reads the entries of one document key, not the index.
    index::TaskSubsetTracker one(database, store.all());
    REQUIRE(one.find(all.back().task_id));
    CHECK(one.entries_read() < 10);   // of 41 task entries
}

TEST_CASE("task ids: an index written before task entries carried their ids is searched whole", "[deadlines][tasks]") {
    test::TempDir dir;
    const auto old_index = dir.path() / "index";
    std::filesystem::copy(corpus().index, old_index, std::filesystem::copy_options::recursive);
    {
        Xapian::WritableDatabase database(old_index.string(), Xapian::DB_OPEN);
        for (auto it = database.postlist_begin("Ktask"); it != database.postlist_end("Ktask"); ++it) {
            Xapian::Document entry = database.get_document(*it);
            std::vector<std::string> id_terms;
            for (auto term = entry.termlist_begin(); term != entry.termlist_end(); ++term) {
                if ((*term).starts_with("XTK")) id_terms.push_back(*term);
            }
            for (const auto& term : id_terms) entry.remove_term(term);
            database.replace_document(*it, entry);
        }
        database.commit();
    }
    const auto database = index::open_index_for_reading(old_index);
    const index::TaskStateStore store(corpus().states, false);
    CHECK_FALSE(index::TaskSubsetTracker(database, store.all()).ids_indexed());
    for (const auto& task : tracked_tasks(database, corpus().states)) {
        const auto found = find_task(database, store, task.task_id);
        REQUIRE(found);
        REQUIRE(found->tracked);
        CHECK(found->tracked->entry.path == task.entry.path);
        CHECK(found->tracked->entry.index == task.entry.index);
    }
}

TEST_CASE("a document's tasks, as the page shows them, tracked from its own entries as the full read tracks them", "[deadlines][tasks]") {
    const auto database = index::open_index_for_reading(corpus().index);
    const auto states = index::TaskStateStore(corpus().states, false).all();
    const auto all = tracked_tasks(database, corpus().states);
    for (const std::string doc_id : {"alpha", "beta_pdf", "beta_scan", "gamma1", "gamma2", "delta", "filler3"}) {
        INFO(doc_id);
        std::vector<std::string> expected, got;
        for (const auto& task : all) {
            if (task.entry.doc_id == doc_id) expected.push_back(std::to_string(task.entry.index) + " " + task.task_id + " " + (task.state ? task.state->current.status : "-"));
        }
        index::TaskSubsetTracker tracker(database, states);
        for (const auto& task : tracker.document_tasks(doc_id)) {
            got.push_back(std::to_string(task.entry.index) + " " + task.task_id + " " + (task.state ? task.state->current.status : "-"));
        }
        std::sort(expected.begin(), expected.end());
        std::sort(got.begin(), got.end());
        CHECK(got == expected);
        CHECK(tracker.entries_read() < 12);
    }
    CHECK(index::TaskSubsetTracker(database, states).document_tasks("beta_scan").empty());   // a lesser copy: its PDF lists them
}

TEST_CASE("archived states: found from the states' own document keys as the full read finds them", "[deadlines][tasks]") {
    test::TempDir dir;
    const auto states_file = dir.path() / "tasks.sqlite";
    std::filesystem::copy_file(corpus().states, states_file);
    {
        index::TaskStateStore store(states_file, true);
        // A task of a document that left the index (by number and by doc id), and one whose row is gone
        // from a document that is still there.
        record(store, index::TaskKey{"no:" + parse_doc_number("庚发〔2020〕9号")->normalized, 1, "已删除的任务"}, "aaaaaaaaaaa1", "done");
        record(store, index::TaskKey{"id:gone", 2, "另一个已删除的任务"}, "aaaaaaaaaaa2", "in_progress");
        record(store, index::TaskKey{"no:" + parse_doc_number("甲发〔2020〕1号")->normalized, 9, "甲项不再有的任务"}, "aaaaaaaaaaa3", "done");
    }
    const auto database = index::open_index_for_reading(corpus().index);
    const auto states = index::TaskStateStore(states_file, false).all();
    const auto full = index::archived_states(index::track_tasks(index::TaskReader(database).all_tasks(), states), states);
    index::TaskSubsetTracker tracker(database, states);
    const auto bounded = tracker.archived_states();
    REQUIRE(bounded);
    const auto ids = [](const std::vector<index::TaskState>& list) {
        std::vector<std::string> out;
        for (const auto& state : list) out.push_back(state.task_id);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(ids(*bounded) == ids(full));
    CHECK(ids(full) == std::vector<std::string>{"aaaaaaaaaaa1", "aaaaaaaaaaa2", "aaaaaaaaaaa3"});
    CHECK(tracker.entries_read() < 15);   // alpha's and delta's tasks, not the index's 41
    DeadlineFilter filter;
    filter.status = "archived";
    const auto listing = list_deadlines(database, states_file, filter, kToday, {}, 0);
    CHECK(listing.rows.size() == 3);
}

TEST_CASE("deadlines without --overdue, soonest due first: the bounded read gives the full read's rows at every limit", "[deadlines]") {
    // Every task of the view (done ones too), oldest due first; the recurring task's row is its next
    // occurrence, after today, however early its entry's due date; tasks without a due date last.
    for (const int variant : {0, 1, 2, 3}) {
        DeadlineFilter filter;
        if (variant == 1) filter.unit = "市财政局";
        if (variant == 2) filter.from = Date{2025, 3, 1}, filter.to = Date{2026, 11, 22};
        if (variant == 3) filter.from = Date{2026, 1, 1};   // runs past today: the rest needs the full read
        const std::size_t everything = full_rows(filter, 0).size();
        for (const std::size_t limit : {1, 2, 3, 5, 8, 13, 21, 30, 0}) {
            INFO("variant " << variant << ", limit " << limit);
            const auto listing = listed(filter, limit);
            CHECK(described(listing.rows) == described(full_rows(filter, limit)));
            if (listing.total_exact) CHECK(listing.total == everything);
            else CHECK((listing.total >= everything && listing.rows.size() == limit && limit < everything));
        }
    }
    // The first rows come from the oldest days alone: the count is then only a bound.
    const auto first = listed(DeadlineFilter{}, 1);
    REQUIRE(first.rows.size() == 1);
    CHECK(first.rows[0].due == "2024-01-15");
    CHECK_FALSE(first.total_exact);
    CHECK(first.total == 41);   // every task entry: copies and done ones included
}

TEST_CASE("deadlines --status done|cancelled|in_progress: the tasks of the states' documents, as the full read lists them",
          "[deadlines]") {
    for (const std::string status : {"done", "cancelled", "in_progress"}) {
        for (const std::string sort : {"due", "latest", "unit", "document"}) {
            DeadlineFilter filter;
            filter.status = status;
            filter.sort = sort;
            for (const std::size_t limit : {1, 2, 0}) {
                INFO(status << " " << sort << " " << limit);
                const auto listing = listed(filter, limit);
                CHECK(described(listing.rows) == described(full_rows(filter, limit)));
                CHECK(listing.total_exact);
                CHECK(listing.total == full_rows(filter, 0).size());
            }
        }
    }
    DeadlineFilter done;
    done.status = "done";
    CHECK(listed(done, 0).rows.size() == 3);   // alpha's second task, delta's first and its first 5
}

TEST_CASE("deadlines --unit in due order: the days are read from the entries of the unit's documents", "[deadlines]") {
    const auto database = index::open_index_for_reading(corpus().index);
    CHECK(index::TasksByDue(database, "", "", false, 16).entries() == 41);
    // The twelve notices for 市财政局, two tasks each: not the index's other 17 task entries.
    CHECK(index::TasksByDue(database, "", "", false, 16, index::unit_filter("市财政局")).entries() == 24);
    CHECK(index::TasksByDue(database, "", "", false, 16, index::unit_filter("财政")).entries() == 24);   // a part of the name
    CHECK(index::TasksByDue(database, "", "", false, 16, index::unit_filter("市教育局")).entries() == 0);
    // The listing with that filter, soonest due first and overdue, gives the full read's rows.
    for (const bool overdue : {false, true}) {
        DeadlineFilter filter;
        filter.overdue = overdue;
        filter.unit = "财政局";
        for (const std::size_t limit : {1, 4, 0}) {
            INFO("overdue " << overdue << ", limit " << limit);
            CHECK(described(listed(filter, limit).rows) == described(full_rows(filter, limit)));
        }
    }
}

// Work due within the next 14 days (the last on the 14th), one a day after them, ongoing and
// monthly work, the same notice scanned (a lesser copy), a quarterly task, older tasks; one of the
// tasks due soon marked done.
struct DueSoonCorpus {
    test::TempDir dir;
    std::filesystem::path index = dir.path() / "index";
    std::filesystem::path states = index::TaskStateStore::location_for(index);
    DueSoonCorpus() {
        {
            index::IndexWriter writer(index);
            const std::vector<Task> epsilon{make_task(1, "完成戊项摸底", "2026-12-10"), make_task(2, "完成戊项复核", "2026-12-21"),
                                            make_task(3, "完成戊项验收", "2026-12-22"),
                                            make_task(4, "持续推进戊项工作", "", "ongoing", "市财政局", "持续推进"),
                                            make_task(5, "每月报送戊项数据", "2026-11-30", "recurring", "市财政局", "每月"),
                                            make_task(6, "完成戊项整改", "2026-12-12")};
            const auto add = [&](const Document& document, const std::string& path) { writer.replace(document, {path, 1, 1, document.id, document.id}); };
            add(make_document("epsilon", "戊发〔2026〕9号", "关于戊项收尾工作的通知", epsilon), "/docs/epsilon.pdf");
            add(make_document("epsilon_scan", "戊发〔2026〕9号", "关于戊项收尾工作的通知", epsilon, "image"), "/docs/epsilon_scan.png");
            add(make_document("zeta", "己发〔2025〕2号", "关于己项工作的通知",
                              {make_task(1, "每季度报送己项进展", "2025-12-31", "recurring", "市发展改革委", "每季度"),
                               make_task(2, "长期坚持己项工作", "", "ongoing", "市发展改革委", "长期坚持"), make_task(3, "完成己项评估", "2025-06-30"),
                               make_task(4, "研究己项配套措施", "", "deadline")}),
                "/docs/zeta.pdf");
            writer.commit();
        }
        index::TaskStateStore store(states, true);
        for (const auto& task : tracked_tasks(index::open_index_for_reading(index), std::nullopt)) {
            if (task.entry.doc_id == "epsilon" && task.entry.task.seq == 6) record(store, task.key, task.task_id, "done");
        }
    }
};

TEST_CASE("deadlines --status due_soon|ongoing: the entries due soon, recurring or ongoing, as the full read lists them", "[deadlines]") {
    const DueSoonCorpus corpus;
    const auto database = index::open_index_for_reading(corpus.index);
    for (const Date today : {kToday, Date{2026, 12, 20}}) {
        for (const std::string status : {"due_soon", "ongoing"}) {
            for (const std::string sort : {"due", "latest", "unit", "document"}) {
                DeadlineFilter filter;
                filter.status = status;
                filter.sort = sort;
                auto full = deadline_rows(tracked_tasks(database, corpus.states), filter, today, {});
                for (const std::size_t limit : {1, 3, 0}) {
                    INFO(today.iso() << " " << status << " " << sort << " " << limit);
                    const auto listing = list_deadlines(database, corpus.states, filter, today, {}, limit);
                    auto cut = full;
                    if (limit > 0 && cut.size() > limit) cut.resize(limit);
                    CHECK(described(listing.rows) == described(cut));
                    CHECK(listing.total == full.size());
                }
            }
        }
    }
    // What the rows are: epsilon's two tasks due within 14 days and not done (once: its scan is a
    // lesser copy); on 12-20 also the one due 12-22 and the monthly and quarterly ones (12-31).
    DeadlineFilter soon;
    soon.status = "due_soon";
    CHECK(described(list_deadlines(database, corpus.states, soon, kToday, {}, 0).rows, false) ==
          std::vector<std::string>{"/docs/epsilon.pdf #0 seq 1 due 2026-12-10 due_soon/open", "/docs/epsilon.pdf #1 seq 2 due 2026-12-21 due_soon/open"});
    CHECK(described(list_deadlines(database, corpus.states, soon, Date{2026, 12, 20}, {}, 0).rows, false) ==
          std::vector<std::string>{"/docs/epsilon.pdf #1 seq 2 due 2026-12-21 due_soon/open", "/docs/epsilon.pdf #2 seq 3 due 2026-12-22 due_soon/open",
                                   "/docs/zeta.pdf #0 seq 1 due 2026-12-31 due_soon/open",   // 己发 sorts before 戊发 on the same day
                                   "/docs/epsilon.pdf #4 seq 5 due 2026-12-31 due_soon/open"});
    DeadlineFilter ongoing;
    ongoing.status = "ongoing";
    CHECK(list_deadlines(database, corpus.states, ongoing, kToday, {}, 0).rows.size() == 2);   // epsilon's and zeta's
    // Read from the kind terms: the candidates are these entries, not the index's 16.
    const auto ongoing_entries = index::task_entries_of_kind(database, "ongoing");
    REQUIRE(ongoing_entries);
    CHECK(ongoing_entries->size() == 3);   // epsilon's, its scan's and zeta's
    CHECK(index::task_entries_of_kind(database, "recurring")->size() == 3);
    CHECK(index::task_entries_of_kind(database, "deadline")->size() == 10);   // 4 of epsilon's twice, 2 of zeta's
}

namespace {

// list_deadlines against the full read of the same view: in both test indexes, on three days, in
// due order and latest first, for each of `variants` filters (`vary` sets variant k on a filter of
// `status`) and at each of `limits`.
void check_as_full_read(const std::optional<std::string>& status, int variants, const std::function<void(DeadlineFilter&, int)>& vary,
                        const std::vector<std::size_t>& limits) {
    const DueSoonCorpus due_soon;
    for (const auto& [index_dir, states] : {std::pair{corpus().index, corpus().states}, std::pair{due_soon.index, due_soon.states}}) {
        const auto database = index::open_index_for_reading(index_dir);
        for (const Date today : {kToday, Date{2026, 12, 20}, Date{2027, 6, 1}}) {
            for (const std::string sort : {"due", "latest"}) {
                for (int variant = 0; variant < variants; ++variant) {
                    DeadlineFilter filter;
                    filter.status = status;
                    filter.sort = sort;
                    vary(filter, variant);
                    const auto full = deadline_rows(tracked_tasks(database, states), filter, today, {});
                    for (const std::size_t limit : limits) {
                        INFO(index_dir << " " << today.iso() << " " << sort << " variant " << variant << " limit " << limit);
                        const auto listing = list_deadlines(database, states, filter, today, {}, limit);
                        auto cut = full;
                        if (cut.size() > limit) cut.resize(limit);
                        CHECK(described(listing.rows) == described(cut));
                        if (listing.total_exact) CHECK(listing.total == full.size());
                        else CHECK(listing.total >= full.size());
                    }
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("deadlines --status open, due order or latest first: dated, recurring, then undated rows, as the full read lists them", "[deadlines]") {
    check_as_full_read("open", 3, [](DeadlineFilter& filter, int variant) {
        if (variant == 1) filter.unit = "市财政局";
        if (variant == 2) filter.to = Date{2027, 12, 31};   // undated work left out
    }, {1, 2, 3, 4, 6, 50});
    const DueSoonCorpus due_soon;
    // What the rows are on 12-07 in the second index: the task due 12-22, the monthly and quarterly
    // ones (12-31), then the undated one; the first row read from one day and the recurring ones.
    const auto database = index::open_index_for_reading(due_soon.index);
    DeadlineFilter open;
    open.status = "open";
    CHECK(described(list_deadlines(database, due_soon.states, open, kToday, {}, 10).rows, false) ==
          std::vector<std::string>{"/docs/epsilon.pdf #2 seq 3 due 2026-12-22 open/open", "/docs/zeta.pdf #0 seq 1 due 2026-12-31 open/open",
                                   "/docs/epsilon.pdf #4 seq 5 due 2026-12-31 open/open", "/docs/zeta.pdf #3 seq 4 due  open/open"});
    const auto first = list_deadlines(database, due_soon.states, open, kToday, {}, 1);
    CHECK(first.rows.size() == 1);
    CHECK_FALSE(first.total_exact);
}

TEST_CASE("deadlines of every task, latest due first or past the oldest days: the bounded read gives the full read's rows", "[deadlines]") {
    // No status: done, overdue and open rows alike.
    check_as_full_read(std::nullopt, 4, [](DeadlineFilter& filter, int variant) {
        if (variant == 1) filter.unit = "市财政局";
        if (variant == 2) filter.to = Date{2027, 12, 31};   // undated work left out
        if (variant == 3) filter.from = Date{2026, 1, 1};   // due order: runs past the oldest days
    }, {1, 2, 3, 4, 6, 13, 50});
    const DueSoonCorpus due_soon;
    // Latest first on 12-07 in the second index, two rows: read from the latest days (and the
    // recurring tasks), not from the whole index: the count is then a bound.
    const auto database = index::open_index_for_reading(due_soon.index);
    DeadlineFilter latest;
    latest.sort = "latest";
    const auto first = list_deadlines(database, due_soon.states, latest, kToday, {}, 2);
    CHECK(first.rows.size() == 2);
    CHECK_FALSE(first.total_exact);
}

TEST_CASE("deadlines --status due_soon|ongoing on an index written before task entries carried their kind: the full read", "[deadlines]") {
    const DueSoonCorpus corpus;
    test::TempDir dir;
    const auto old_index = dir.path() / "index";
    std::filesystem::copy(corpus.index, old_index, std::filesystem::copy_options::recursive);
    {
        Xapian::WritableDatabase database(old_index.string(), Xapian::DB_OPEN);
        const Xapian::docid first = *database.postlist_begin("Ktask");
        Xapian::Document entry = database.get_document(first);
        std::vector<std::string> kind_terms;
        for (auto term = entry.termlist_begin(); term != entry.termlist_end(); ++term) {
            if ((*term).starts_with("XTS")) kind_terms.push_back(*term);
        }
        REQUIRE(kind_terms.size() == 2);
        for (const auto& term : kind_terms) entry.remove_term(term);
        database.replace_document(first, entry);   // one entry without: the terms cannot be trusted
        database.commit();
    }
    const auto database = index::open_index_for_reading(old_index);
    CHECK_FALSE(index::task_entries_of_kind(database, "ongoing"));
    for (const std::string status : {"due_soon", "ongoing"}) {
        DeadlineFilter filter;
        filter.status = status;
        INFO(status);
        const auto rows = list_deadlines(database, corpus.states, filter, Date{2026, 12, 20}, {}, 0).rows;
        CHECK_FALSE(rows.empty());
        CHECK(described(rows) == described(list_deadlines(index::open_index_for_reading(corpus.index), corpus.states, filter, Date{2026, 12, 20}, {}, 0).rows));
    }
}

TEST_CASE("task lookups trust the terms only for keys whose entries the terms find", "[deadlines][tasks]") {
    CHECK(index::TaskSubsetTracker::searchable_key("id:4f2a"));
    CHECK(index::TaskSubsetTracker::searchable_key("no:" + parse_doc_number("国办发〔2019〕5号")->normalized));
    CHECK_FALSE(index::TaskSubsetTracker::searchable_key("no:某某文件"));   // a number kept as text: only the full read finds it
    CHECK_FALSE(index::TaskSubsetTracker::searchable_key("x"));
}
