// Tests for the facets of queries with more matches than the search counts one by one: counted in
// an even sample of the index (DocidSample) and scaled, so that ingest order does not bias them.
#include <catch2/catch.hpp>

#include <set>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/docid_sample.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/ingest_sequence.hpp"
#include "gongwen/index/schema.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::index;

namespace {

Xapian::doccount facet_count(const SearchResults& results, const std::string& facet, const std::string& value) {
    const auto found = results.facets.find(facet);
    if (found == results.facets.end()) return 0;
    for (const auto& [name, count] : found->second) {
        if (name == value) return count;
    }
    return 0;
}

}  // namespace

TEST_CASE("the docid sample takes evenly spaced windows of entries, about the fraction asked", "[index][facets]") {
    test::TempDir dir;
    {
        Xapian::WritableDatabase database(dir.path().string(), Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < 6400; ++i) {
            Xapian::Document entry;
            entry.add_boolean_term("Kdoc");
            database.add_document(entry);
        }
        database.commit();
    }
    Xapian::Database database(dir.path().string());
    DocidSample sample(0.25);
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("Kdoc"), Xapian::Query(&sample)));
    const Xapian::MSet all = enquire.get_mset(0, 6400);
    CHECK(all.size() == 64 * 25);   // 64 windows of 25 of each 100 entries
    std::set<Xapian::docid> windows;
    for (auto it = all.begin(); it != all.end(); ++it) {
        CHECK((*it - 1) % 100 < 25);
        windows.insert((*it - 1) / 100);
    }
    CHECK(windows.size() == 64);   // the first entries and the last alike
    sample.init(database);   // Xapian ran a copy
    CHECK(sample.sampled_fraction() == Approx(0.25));
}

TEST_CASE("sampled facets are scaled to the whole, and ingest order does not bias them", "[index][facets]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // 4,000 documents of 2019 ingested first, then 2,000 of 2020: counting the first matches
        // examined would give 2019 only.
        for (int i = 0; i < 6000; ++i) {
            Document document;
            document.id = "d" + std::to_string(i);
            document.signed_date = i < 4000 ? "2019-03-01" : "2020-03-01";
            document.doc_type = i % 2 ? "通知" : "意见";
            document.clauses.push_back({"", "", "推进异地就医直接结算工作。", 1, 1});
            writer.replace(document, {"/d" + std::to_string(i), 1, 1, document.id, document.id});
        }
        Document rare;
        rare.id = "rare";
        rare.signed_date = "2021-01-01";
        rare.clauses.push_back({"", "", "建立健全随机抽查两库。", 1, 1});
        writer.replace(rare, {"/rare", 1, 1, "rare", "rare"});
        writer.commit();
    }
    Xapian::Database database(dir.path().string());
    const Xapian::Query query(Xapian::Query::OP_AND, Xapian::Query("异地"), Xapian::Query("Kdoc"));
    const auto sampled = sampled_facets(database, query, 6000, 2000);
    REQUIRE(sampled);
    SearchResults results;
    results.facets = *sampled;
    // About 2,000 sampled (a third), each counting three: within 15% of the truth.
    CHECK(facet_count(results, "year", "2019") == Approx(4000).epsilon(0.15));
    CHECK(facet_count(results, "year", "2020") == Approx(2000).epsilon(0.15));
    CHECK(facet_count(results, "doc_type", "通知") == Approx(3000).epsilon(0.15));
    CHECK(facet_count(results, "year", "2021") == 0);
    // The estimate only sets the sample's size: a tenth as many sampled, the same counts roughly.
    const auto smaller = sampled_facets(database, query, 6000, 600);
    REQUIRE(smaller);
    results.facets = *smaller;
    CHECK(facet_count(results, "year", "2019") == Approx(4000).epsilon(0.25));

    // A search with few matches counts them exactly.
    IndexSearcher searcher(database);
    SearchRequest request;
    request.facets = true;
    const SearchResults few = searcher.search("随机抽查", request);
    CHECK(few.total_exact);
    CHECK(few.facets_exact);
    CHECK(few.total == 1);
    CHECK(facet_count(few, "year", "2021") == 1);
}

TEST_CASE("a shard set samples as many windows in all as one index, and its sampled facets are scaled alike", "[index][facets][shards]") {
    test::TempDir dir;
    // 6,000 documents over two shards, the first 4,000 of 2019 as above: each shard holds both years.
    for (int shard = 0; shard < 2; ++shard) {
        IndexWriter writer(dir / ("shard-" + std::to_string(shard)));
        for (int i = shard; i < 6000; i += 2) {
            Document document;
            document.id = "d" + std::to_string(i);
            document.signed_date = i < 4000 ? "2019-03-01" : "2020-03-01";
            document.clauses.push_back({"", "", "推进异地就医直接结算工作。", 1, 1});
            writer.replace(document, {"/d" + std::to_string(i), 1, 1, document.id, document.id});
        }
        writer.commit();
    }
    Xapian::Database set;
    for (int shard = 0; shard < 2; ++shard) set.add_database(Xapian::Database((dir / ("shard-" + std::to_string(shard))).string()));
    const Xapian::Database one((dir / "shard-0").string());
    CHECK(DocidSample::windows_for(one) == DocidSample::kWindows);
    CHECK(DocidSample::windows_for(set) == DocidSample::kWindows / 2);
    Xapian::Database many;
    for (int k = 0; k < 16; ++k) many.add_database(one);
    CHECK(DocidSample::windows_for(many) == DocidSample::kMinWindowsPerShard);

    const Xapian::Query query(Xapian::Query::OP_AND, Xapian::Query("异地"), Xapian::Query("Kdoc"));
    const auto sampled = sampled_facets(set, query, 6000, 2000);
    REQUIRE(sampled);
    SearchResults results;
    results.facets = *sampled;
    CHECK(facet_count(results, "year", "2019") == Approx(4000).epsilon(0.15));
    CHECK(facet_count(results, "year", "2020") == Approx(2000).epsilon(0.15));
}

TEST_CASE("ranked in a window, the facets come from a sample, or from the window's matches when a sample would not save work", "[index][facets]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // 4,000 notices. One phrase in the newer 2,100, the other in the older 2,000 and in every
        // eighth newer one: Xapian's bound for both (the smaller count, 2,100) promises a sample, but
        // only 350 notices say both, too few for a sample to save work.
        for (int i = 0; i < 4000; ++i) {
            Document document;
            document.id = "n" + std::to_string(10000 + i);
            document.signed_date = "2020-03-01";
            std::string text;
            if (i >= 1900) text += "各地要推进异地就医工作。";
            if (i < 2000 || i % 8 == 0) text += "完善直接结算办法。";
            document.clauses.push_back({"", "", text, 1, 1});
            writer.replace(document, {"/n" + std::to_string(i), 1, 1, document.id, document.id});
        }
        writer.commit();
    }
    Xapian::Database database(dir.path().string());
    IndexSearcher searcher(database);
    SearchRequest request;
    request.facets = true;
    request.rank_window = 50;
    const SearchResults results = searcher.search("异地就医 直接结算", request);
    REQUIRE(results.ranked_fraction < 0.5);
    CHECK_FALSE(results.facets_exact);
    CHECK(results.total < 2000);   // estimated from the window: a sample would take as many entries
    // Counted in the window's matches and scaled as the total is: every match has the year 2020.
    CHECK(facet_count(results, "year", "2020") == Approx(results.total).epsilon(0.05));
}

TEST_CASE("a rank window ranks the newest entries of a very common query and estimates the rest", "[index][facets]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        // 3,000 notices that all say the common phrase, ingested oldest first; the oldest one says it
        // best (its clause is the phrase and nothing else); and one rare notice.
        for (int i = 0; i < 3000; ++i) {
            Document document;
            document.id = "n" + std::to_string(10000 + i);
            document.doc_number = parse_doc_number("测发〔" + std::string(i < 2000 ? "2019" : "2020") + "〕" + std::to_string(i + 1) + "号");   // not copies of each other
            document.signed_date = i < 2000 ? "2019-03-01" : "2020-03-01";
            document.clauses.push_back({"", "", i == 0 ? "推进异地就医直接结算。" : "各地要推进异地就医直接结算工作，完善配套措施并按时报送进展情况。", 1, 1});
            writer.replace(document, {"/n" + std::to_string(i), 1, 1, document.id, document.id});
        }
        Document rare;
        rare.id = "rare";
        rare.clauses.push_back({"", "", "建立健全随机抽查两库。", 1, 1});
        writer.replace(rare, {"/rare", 1, 1, "rare", "rare"});
        writer.commit();
    }
    Xapian::Database database(dir.path().string());
    IndexSearcher searcher(database);
    SearchRequest request;
    request.facets = true;
    request.limit = 5;

    const SearchResults everything = searcher.search("异地就医直接结算", request);
    CHECK(everything.ranked_fraction == 1);
    CHECK(everything.total == 3000);
    REQUIRE_FALSE(everything.documents.empty());
    CHECK(everything.documents.front().doc_id == "n10000");   // the oldest, best clause

    request.rank_window = 300;
    const SearchResults recent = searcher.search("异地就医直接结算", request);
    CHECK(recent.ranked_fraction < 0.5);
    CHECK_FALSE(recent.total_exact);
    CHECK_FALSE(recent.facets_exact);
    CHECK(recent.total == Approx(3000).epsilon(0.2));
    REQUIRE(recent.documents.size() == 5);
    for (const auto& hit : recent.documents) CHECK(hit.doc_id >= "n12000");   // only the newest entries were ranked
    CHECK(facet_count(recent, "year", "2019") == Approx(2000).epsilon(0.25));   // counted over the whole index

    // No document has every word: the documents with some of them are ranked in the window too
    // (any word of a query matches far more than all of them).
    const SearchResults some = searcher.search("异地就医 营商环境", request);
    CHECK(some.total == 0);
    CHECK(some.some_words_ranked_fraction < 0.5);
    CHECK(some.some_words_total == Approx(3000).epsilon(0.2));
    REQUIRE(some.some_words.size() == 5);
    for (const auto& hit : some.some_words) CHECK(hit.doc_id >= "n12000");
    request.rank_window = 0;
    const SearchResults some_whole = searcher.search("异地就医 营商环境", request);
    CHECK(some_whole.some_words_ranked_fraction == 1);
    CHECK(some_whole.some_words_total == 3000);
    request.rank_window = 300;

    // A query with fewer matches than the window is ranked and counted whole.
    const SearchResults few = searcher.search("随机抽查", request);
    CHECK(few.ranked_fraction == 1);
    CHECK(few.total_exact);
    CHECK(few.total == 1);

    // A window the matches fill at most twice over: every match ranked, the best one found.
    request.rank_window = 2000;
    const SearchResults wide = searcher.search("异地就医直接结算", request);
    CHECK(wide.ranked_fraction == 1);
    CHECK(wide.documents.front().doc_id == "n10000");

    // The same index read over Xapian's remote protocol (xapian-progsrv: what xapian-tcpsrv serves),
    // which cannot run the in-process window: the entries' ingest sequence terms give the same one.
    const std::filesystem::path stub = dir.path().parent_path() / (dir.path().filename().string() + ".stub");
    test::write_file(stub, "remote :xapian-progsrv " + dir.path().string() + "\n");
    IndexSearcher remote(open_index_set(stub));
    request.rank_window = 300;
    const SearchResults remote_recent = remote.search("异地就医直接结算", request);
    CHECK(remote_recent.ranked_fraction < 0.5);
    CHECK(remote_recent.ranked_fraction == Approx(recent.ranked_fraction).margin(256.0 / 3001));   // whole blocks of 256
    CHECK(remote_recent.total == Approx(3000).epsilon(0.2));
    REQUIRE(remote_recent.documents.size() == 5);
    for (const auto& hit : remote_recent.documents) CHECK(hit.doc_id >= "n12000");
    request.rank_window = 0;
    CHECK(remote.search("异地就医直接结算", request).documents.front().doc_id == "n10000");
    std::filesystem::remove(stub);
}

TEST_CASE("ingest sequence terms: the recent ones are an OR of whole blocks, each entry numbered once", "[index]") {
    // Every range, with its start moved back to a block of 256 at most: exactly the numbers from
    // there on match one of the query's terms.
    for (const auto& [first, last] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
             {1, 1}, {1, 5000}, {4000, 5000}, {255, 70000}, {65535, 65537}, {123457, 2000000}, {2000000, 2000000}, {1, 20000000}}) {
        INFO(first << " to " << last);
        const RecentSequences recent = recent_sequences(first, last);
        CHECK(recent.first <= first);
        CHECK(recent.first + 256 > first);
        std::set<std::string> terms(recent.query.get_terms_begin(), recent.query.get_terms_end());
        CHECK(terms.size() <= 5 * 15 + 2);
        const auto matches = [&](std::uint64_t sequence) {
            for (const auto& term : sequence_terms(sequence)) {
                if (terms.contains(term)) return true;
            }
            return false;
        };
        // Every boundary the blocks could get wrong: around each power of two, and a stride through.
        std::set<std::uint64_t> probes{1, recent.first - 1, recent.first, first, last, last + 1, last + 300};
        for (std::uint64_t bit = 1; bit < (std::uint64_t{1} << 26); bit <<= 1) {
            for (std::uint64_t at : {bit - 1, bit, bit + 1}) probes.insert(at);
        }
        for (std::uint64_t at = 1; at <= last + 1000; at += 997) probes.insert(at);
        for (const std::uint64_t at : probes) {
            if (at == 0 || at > last) continue;   // none written there yet: a block may reach past `last`
            INFO("sequence " << at);
            CHECK(matches(at) == (at >= recent.first));
        }
    }

    // The writer numbers document entries (not task entries) in the order written, on from where the
    // index was left; an index written before numbering counts as older than all it is given next.
    test::TempDir dir;
    const auto add = [](IndexWriter& writer, const std::string& id) {
        Document document;
        document.id = id;
        document.clauses.push_back({"", "", "各地要推进异地就医直接结算工作。", 1, 1});
        document.tasks.push_back({});
        writer.replace(document, {"/" + id, 1, 1, id, id});
    };
    {
        IndexWriter writer(dir.path());
        add(writer, "a");
        add(writer, "b");
        writer.commit();
    }
    {
        Xapian::Database database(dir.path().string());
        CHECK(last_sequence(database) == 2);
        CHECK(database.get_termfreq(sequence_terms(2).front()) == 2);   // a's and b's entries, not their tasks'
        CHECK(database.get_termfreq(std::string(prefix::kind) + "task") == 2);
    }
    {
        IndexWriter writer(dir.path());
        add(writer, "a");   // written again: the newest
        writer.commit();
    }
    Xapian::Database database(dir.path().string());
    CHECK(last_sequence(database) == 3);
    const auto entry_numbered = [&](std::uint64_t sequence) {
        Xapian::Enquire enquire(database);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, recent_sequences(sequence, sequence).query,
                                        Xapian::Query(std::string(prefix::unique) + "a")));
        return enquire.get_mset(0, 10).size();
    };
    CHECK(entry_numbered(1) == 1);   // the same block: a window never smaller than asked
    {
        Xapian::WritableDatabase older(dir.path().string());
        older.set_metadata(std::string(metadata::sequence), "");   // as an index from before numbering
        older.commit();
    }
    {
        IndexWriter writer(dir.path());
        add(writer, "c");
        writer.commit();
    }
    Xapian::Database reopened(dir.path().string());
    CHECK(last_sequence(reopened) > reopened.get_lastdocid() - 2);   // after every entry number used before
}
