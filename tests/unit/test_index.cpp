// Tests for the Xapian index: substring recall, ranking of whole words, replacement, doc numbers.
#include <catch2/catch.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_set.hpp"
#include "gongwen/index/index_terms.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/record_reader.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/index/task_reader.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::index;

namespace {

Document make_document(const std::string& id, std::vector<std::pair<std::string, std::string>> clauses,
                       std::optional<std::string> number = std::nullopt) {
    Document document;
    document.id = id;
    document.title = "测试文件" + id;
    for (auto& [path, text] : clauses) document.clauses.push_back({path, "", text, 1, 1});
    if (number) document.doc_number = parse_doc_number(*number);
    return document;
}

FileRecord record_for(const std::string& path, const std::string& id) { return {path, 1, 1, id, id}; }

const char* kClauseA = "（三）建立健全随机抽查“两库”。建立检查对象名录库和执法检查人员名录库，推行部门联合抽查。";
const char* kClauseB = "（四）统筹制定抽查计划。县级以上地方人民政府结合本地实际，统筹制定本辖区年度抽查工作计划。";

}  // namespace

TEST_CASE("text becomes unit runs split at punctuation", "[index]") {
    const auto runs = unit_runs("推行ＩＳＯ9001，两库");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0] == UnitRun{"推", "行", "iso9001"});
    CHECK(runs[1] == UnitRun{"两", "库"});
}

TEST_CASE("the unit cursor gives each unit its offset: one per unit, a free one after each run, none for soft separators", "[index]") {
    std::vector<std::pair<std::string, unsigned>> walked;
    UnitCursor cursor("推行ＩＳＯ9001，两库。以防为主、“防抗”");
    while (cursor.next()) walked.emplace_back(std::string(cursor.unit()), cursor.offset());
    const std::vector<std::pair<std::string, unsigned>> expected{{"推", 0}, {"行", 1}, {"iso9001", 2}, {"两", 4}, {"库", 5},
                                                                 {"以", 7}, {"防", 8}, {"为", 9}, {"主", 10}, {"防", 11}, {"抗", 12}};
    CHECK(walked == expected);
    CHECK(cursor.taken() == 14);
    CHECK(positions_taken("推行ＩＳＯ9001，两库。以防为主、“防抗”") == 14);
    CHECK(positions_taken("。，") == 0);
}

TEST_CASE("the index keeps no unit positions, only doc numbers' positions, and a phrase still finds its clause", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        Document document = make_document("a", {{"三、（三）", kClauseA}, {"三、（四）", std::string(kClauseB) + "依据国办发〔2019〕5号。"}});
        writer.replace(document, record_for("/a", "a"));
        writer.commit();
    }
    Xapian::Database database(dir.path().string());
    const Xapian::docid entry = *database.postlist_begin("Qa");
    CHECK(database.get_doclength(entry) > 0);
    CHECK(database.positionlist_begin(entry, "抽") == database.positionlist_end(entry, "抽"));
    CHECK(database.positionlist_begin(entry, "抽查") == database.positionlist_end(entry, "抽查"));
    CHECK(database.positionlist_begin(entry, "XC国办发〔2019〕5号") != database.positionlist_end(entry, "XC国办发〔2019〕5号"));
    IndexSearcher searcher(database);
    const auto results = searcher.search("\"统筹制定本辖区\"", 5, 3);
    REQUIRE(results.documents.size() == 1);
    REQUIRE(results.documents[0].clauses.size() == 1);
    CHECK(results.documents[0].clauses[0].clause_path == "三、（四）");
}

TEST_CASE("a clause whose stored text has JSON escapes (quotes, backslashes, line breaks, control characters) is scored from its real text", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("q", {{"一、", "各地要\"推进异地\"就医"}, {"二、", "其他\\工作\n直接结算到位"}, {"三、", "备案\x01管理办法"}}),
                       record_for("/q", "q"));
        writer.commit();
    }
    IndexSearcher searcher(dir.path());
    const auto clause_of = [&](const std::string& query) {
        const auto results = searcher.search(query, 5, 3);
        return results.documents.size() == 1 && results.documents[0].clauses.size() == 1 ? results.documents[0].clauses[0].clause_path
                                                                                        : std::string("?");
    };
    CHECK(clause_of("\"推进异地就医\"") == "一、");   // quotes are soft separators
    CHECK(clause_of("\"直接结算到位\"") == "二、");   // after an escaped backslash and line break
    CHECK(clause_of("\"管理办法\"") == "三、");       // \u0001: the record's parser reads it
}

TEST_CASE("every Chinese substring of two or more characters finds its clause", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("a", {{"三、（三）", kClauseA}, {"三、（四）", kClauseB}}), record_for("/a", "a"));
        writer.commit();
    }
    IndexSearcher searcher(dir.path());
    const std::u32string text = to_u32(kClauseA);
    int checked = 0;
    for (std::size_t begin = 0; begin < text.size(); ++begin) {
        for (std::size_t length = 2; length <= 6 && begin + length <= text.size(); ++length) {
            const std::string query = to_utf8(text.substr(begin, length));
            if (unit_runs(query).size() != 1 || unit_runs(query)[0].size() != length) continue;  // punctuation inside
            const auto results = searcher.search(query, 5, 3);
            INFO("query " << query);
            REQUIRE(results.documents.size() == 1);
            REQUIRE_FALSE(results.documents[0].clauses.empty());
            // The substring may occur in both clauses (抽查): the clause that has it must be listed.
            bool found = false;
            for (const auto& clause : results.documents[0].clauses) found |= clause.clause_path == "三、（三）";
            CHECK(found);
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("a quoted phrase needs adjacent characters, unquoted words need only the same clause", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("a", {{"一、", kClauseA}}), record_for("/a", "a"));
    }
    IndexSearcher searcher(dir.path());
    CHECK(searcher.search("推行部门联合抽查", 5, 3).total == 1);
    CHECK(searcher.search("\"推行抽查\"", 5, 3).total == 0);
    CHECK(searcher.search("推行抽查", 5, 3).total == 1);   // 推行 … 抽查 in one clause
    CHECK(searcher.search("推行 抽查", 5, 3).total == 1);
    CHECK(searcher.search("推行 -两库", 5, 3).total == 0);
}

TEST_CASE("replacing a file's document removes all of its old entries", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("old", {{"一、", kClauseA}, {"二、", kClauseB}}), record_for("/a", "old"));
        writer.replace(make_document("other", {{"一、", kClauseB}}), record_for("/b", "other"));
        writer.commit();
        const auto before = writer.document_count();
        writer.replace(make_document("new", {{"一、", "全新的条款内容。"}}), record_for("/a", "new"));
        writer.commit();
        CHECK(writer.document_count() == before);  // the document's one entry out, the new one in
        CHECK(writer.file_record("/a")->doc_id == "new");
        writer.remove("/b");
        CHECK_FALSE(writer.file_record("/b"));
        CHECK(writer.indexed_paths() == std::vector<std::string>{"/a"});
    }
    IndexSearcher searcher(dir.path());
    CHECK(searcher.search("统筹制定", 5, 3).total == 0);
    CHECK(searcher.search("全新的条款", 5, 3).total == 1);
}

TEST_CASE("a doc number query finds the document in any bracket style, above documents citing it", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("own", {{"", "苏政办发〔2019〕12号"}, {"一、", kClauseA}}, "苏政办发〔2019〕12号"),
                       record_for("/own", "own"));
        writer.replace(make_document("citing", {{"一、", "根据《关于推进工作的通知》（苏政办发〔2019〕12号）要求。"}}),
                       record_for("/citing", "citing"));
    }
    IndexSearcher searcher(dir.path());
    for (const char* query : {"苏政办发〔2019〕12号", "苏政办发[2019]12号", "苏政办发（2019）12号", "苏政办发〔2019〕12 号",
                              "苏政办发(2019)12号"}) {
        INFO(query);
        const auto results = searcher.search(query, 5, 3);
        REQUIRE(results.documents.size() == 2);
        CHECK(results.documents[0].doc_id == "own");
        CHECK(results.documents[1].doc_id == "citing");
        CHECK_FALSE(results.documents[1].clauses.at(0).snippet.highlights.empty());
    }
}

TEST_CASE("a second writer on the same index fails with a message saying it is locked", "[index]") {
    test::TempDir dir;
    IndexWriter first(dir.path());
    CHECK_THROWS_WITH(IndexWriter(dir.path()), Catch::Contains("locked"));
}

TEST_CASE("searching a missing index says how to create one", "[index]") {
    test::TempDir dir;
    CHECK_THROWS_WITH(IndexSearcher(dir / "nothing"), Catch::Contains("gongwen ingest"));
}

TEST_CASE("an index written with another schema version is refused by every reader with what to do", "[index]") {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path());
        writer.replace(make_document("old", {{"一、", kClauseA}}), record_for("/a", "old"));
    }
    {
        Xapian::WritableDatabase database(dir.path().string(), Xapian::DB_OPEN);
        database.set_metadata(std::string(metadata::schema_version), "3");
        database.commit();
    }
    const auto refused = [](const std::string& message) {
        return message.find("schema version 3") != std::string::npos && message.find("new index directory") != std::string::npos;
    };
    try {
        IndexSearcher searcher(dir.path());
        FAIL("the searcher opened a schema 3 index");
    } catch (const IndexError& error) {
        CHECK(refused(error.what()));
    }
    try {
        TaskReader reader(dir.path());
        FAIL("the task reader opened a schema 3 index");
    } catch (const IndexError& error) {
        CHECK(refused(error.what()));
    }
    try {
        RecordReader reader(dir.path());
        FAIL("the record reader opened a schema 3 index");
    } catch (const IndexError& error) {
        CHECK(refused(error.what()));
    }
    CHECK_THROWS_AS(IndexWriter(dir.path()), IndexError);
    // In a shard set, the old shard is named (and the set refused rather than searched without it).
    test::TempDir set_dir;
    const auto stub = set_dir / "set.stub";
    test::write_file(stub, "auto " + dir.path().string() + "\n");
    try {
        open_index_set(stub);
        FAIL("a shard set with a schema 3 shard was opened");
    } catch (const IndexError& error) {
        CHECK(refused(error.what()));
        CHECK(std::string(error.what()).find(dir.path().string()) != std::string::npos);
    }
}
