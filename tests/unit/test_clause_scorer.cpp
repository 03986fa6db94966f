// Tests for the clause scorer and the clause layout it reads: which clauses of a document entry a
// query matches, from unit positions alone.
#include <catch2/catch.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/clause_layout.hpp"
#include "gongwen/index/clause_scorer.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/query_parser.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::index;

namespace {

Document make_document(const std::string& id, std::vector<std::pair<std::string, std::string>> clauses) {
    Document document;
    document.id = id;
    document.title = "关于做好医疗保障工作的通知";
    for (auto& [path, text] : clauses) document.clauses.push_back({path, "", text, 1, 1});
    return document;
}

}  // namespace

TEST_CASE("the clause layout keeps lengths and heading ends, and tells a position's clause", "[index][scorer]") {
    const std::vector<ClauseLayout> written{{5, 0, 0}, {300, 12, 0}, {0, 0, 0}, {70000, 3, 0}};
    const auto read = decode_clause_layout(encode_clause_layout(written));
    REQUIRE(read.size() == 4);
    CHECK(read[1].length == 300);
    CHECK(read[1].heading_end == 12);
    CHECK(read[3].length == 70000);
    CHECK(read[0].start == kFirstPosition);
    CHECK(read[1].start == kFirstPosition + 5);
    CHECK(read[3].start == kFirstPosition + 305);   // the empty clause takes no position
    CHECK(clause_at(read, kFirstPosition) == 0);
    CHECK(clause_at(read, kFirstPosition + 4) == 0);
    CHECK(clause_at(read, kFirstPosition + 5) == 1);
    CHECK(clause_at(read, kFirstPosition + 305) == 3);
    CHECK(clause_at(read, kFirstPosition + 305 + 70000) == 4);   // past the last clause: the title
}

TEST_CASE("the scorer finds the clauses that hold every word, best first, and no phrase across clauses", "[index][scorer]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("d", {{"", "各地要推进异地就医"},
                                           {"一、", "直接结算工作。"},
                                           {"二、", "异地就医直接结算要覆盖全部统筹地区，异地就医直接结算不再备案。"},
                                           {"三、", "异地就医直接结算。"}}),
                       {"/d", 1, 1, "d", "d"});
    }
    Xapian::Database database(dir.path().string());
    ClauseScorer scorer(database);
    QueryParser parser;
    const Xapian::docid entry = *database.postlist_begin("Qd");

    // The first clause ends with 异地就医 and the next starts with 直接结算: not a phrase.
    const auto phrase = scorer.matching_clauses(entry, parser.parse("\"异地就医直接结算\"").clause);
    REQUIRE(phrase.size() == 2);
    // Both clauses are short (under half the typical clause length, where BM25 stops rewarding
    // shortness): the one that holds the phrase twice ranks first.
    CHECK(phrase[0].index == 2);
    CHECK(phrase[1].index == 3);
    CHECK(phrase[0].score > phrase[1].score);

    // Words apart: only the clauses with both.
    const auto words = scorer.matching_clauses(entry, parser.parse("覆盖 备案").clause);
    REQUIRE(words.size() == 1);
    CHECK(words[0].index == 2);

    // Any part: every clause that touches a word.
    const auto any = scorer.matching_clauses(entry, parser.parse("推进 备案").any_part);
    CHECK(any.size() == 2);

    // Through the searcher: words in two different clauses make a "document" match.
    IndexSearcher searcher(database);
    const auto spread = searcher.search("推进 不再备案", SearchRequest{});
    REQUIRE(spread.documents.size() == 1);
    CHECK(spread.documents[0].match == "document");
    const auto whole = searcher.search("统筹地区 不再备案", SearchRequest{});
    REQUIRE(whole.documents.size() == 1);
    CHECK(whole.documents[0].match == "clause");
    CHECK(whole.documents[0].clauses.at(0).clause_path == "二、");
}

TEST_CASE("doc numbers found again in the stored text stand where their positions say", "[index][scorer]") {
    // What a remote shard's scorer does instead of reading positions (a round trip each): its own
    // number printed in the second clause, one citation twice in a clause and again later, one
    // document that never prints its own number, one with none.
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        Document printed = make_document("printed", {{"", "各县（市、区）人民政府："},
                                                     {"", "苏政办发〔2019〕12号文件印发以来，依据国办发〔2018〕5号、国办发〔2018〕5号两次部署。"},
                                                     {"一、", "按照国办发〔2018〕5号要求，落实苏政办发〔2019〕12号。"},
                                                     {"二、", "各地要推进异地就医直接结算工作。"}});
        printed.doc_number = parse_doc_number("苏政办发〔2019〕12号");
        writer.replace(printed, {"/printed", 1, 1, "printed", "printed"});
        Document unprinted = make_document("unprinted", {{"", "各地要推进异地就医直接结算工作。"}, {"", "依据国发〔2016〕3号办理。"}});
        unprinted.doc_number = parse_doc_number("苏政办发〔2020〕1号");
        writer.replace(unprinted, {"/unprinted", 1, 1, "unprinted", "unprinted"});
        writer.replace(make_document("none", {{"", "各地要推进异地就医直接结算工作。"}}), {"/none", 1, 1, "none", "none"});
    }
    Xapian::Database database(dir.path().string());
    ClauseScorer from_positions(database), from_text(database);
    from_text.find_numbers_in_text();
    QueryParser parser;
    std::size_t found = 0;
    for (const std::string id : {"printed", "unprinted", "none"}) {
        const Xapian::docid entry = *database.postlist_begin("Q" + id);
        for (const std::string query : {"苏政办发〔2019〕12号", "国办发〔2018〕5号", "苏政办发〔2020〕1号", "国发〔2016〕3号", "国发〔2016〕4号"}) {
            INFO(id << ": " << query);
            const ClausePattern pattern = parser.parse(query).clause;
            const auto expected = from_positions.matching_clauses(entry, pattern);
            const auto got = from_text.matching_clauses(entry, pattern);
            REQUIRE(got.size() == expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                CHECK(got[i].index == expected[i].index);
                CHECK(got[i].score == Approx(expected[i].score));
            }
            found += got.size();
        }
    }
    CHECK(found >= 5);   // the own numbers (printed, and unprinted at the first clause), the citations
}
