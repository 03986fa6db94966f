// End-to-end tests of `gongwen show DOC` on the real binary: ingest real documents, then print one
// record by id, path or doc number, as text and as the stored JSON; not found and ambiguous keys.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kFields = std::filesystem::path(GONGWEN_TEST_SOURCE_FIXTURES) / "fields";

/// A folder with three labelled documents, ingested into an index next to it.
struct IngestedCorpus {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    IngestedCorpus() {
        std::filesystem::create_directories(docs);
        for (const char* name : {"govcn-045.txt", "govcn-022.txt", "report-no-number.txt"}) {
            std::filesystem::copy_file(kFields / name, docs / name);
        }
        std::filesystem::copy_file(kFields.parent_path() / "tables" / "tsv_task_table.txt", docs / "tsv_task_table.txt");
        const auto ingest = test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(docs));
        INFO("ingest stderr: " << ingest.err);
        REQUIRE(ingest.status == 0);
    }
};

json extract_json(const std::filesystem::path& file) {
    const auto result = test::run_gongwen("extract --json " + test::quote(file));
    INFO("extract stderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

}  // namespace

TEST_CASE("`gongwen show` prints every field of a document found by id, path or doc number", "[e2e][show]") {
    IngestedCorpus corpus;
    const json extracted = extract_json(corpus.docs / "govcn-045.txt");
    const std::string id = extracted["id"];

    const auto by_id = test::run_gongwen("show --index " + test::quote(corpus.index) + " " + id);
    INFO("stdout: " << by_id.out << "\nstderr: " << by_id.err);
    REQUIRE(by_id.status == 0);
    CHECK(by_id.out.find("id:           " + id) != std::string::npos);
    CHECK(by_id.out.find("doc number:   国函〔1996〕95号") != std::string::npos);
    CHECK(by_id.out.find("agency 国函, year 1996, serial 95") != std::string::npos);
    CHECK(by_id.out.find("issuer:       国务院、中央军委") != std::string::npos);
    CHECK(by_id.out.find("title:        国务院、中央军委关于同意武警总部后勤部机关等迁址新建的批复") != std::string::npos);
    CHECK(by_id.out.find("doc type:     批复") != std::string::npos);
    CHECK(by_id.out.find("recipients:   武警总部") != std::string::npos);
    CHECK(by_id.out.find("signed:       1996-11-05") != std::string::npos);

    // --json is the stored record: the extract record plus the path it was ingested under.
    const auto by_path = test::run_gongwen("show --json --index " + test::quote(corpus.index) + " " +
                                           test::quote(corpus.docs / "govcn-045.txt"));
    REQUIRE(by_path.status == 0);
    const json record = json::parse(by_path.out);
    CHECK(record["id"] == id);
    CHECK(record["source"]["path"] == (corpus.docs / "govcn-045.txt").lexically_normal().string());
    for (const char* field : {"doc_number", "issuers", "title", "doc_type", "recipients", "signed_date", "cited_documents",
                              "deadlines", "clauses", "provenance"}) {
        INFO("field " << field);
        CHECK(record[field] == extracted[field]);
    }

    // A doc number in another bracket style, with a space before 号, finds the same document.
    const auto by_number = test::run_gongwen("show --json --index " + test::quote(corpus.index) + " '国函[1996]95 号'");
    REQUIRE(by_number.status == 0);
    CHECK(json::parse(by_number.out)["id"] == id);

    // Cited documents and deadlines are listed in the text form.
    const auto letter = test::run_gongwen("show --index " + test::quote(corpus.index) + " 国办函〔2004〕71号");
    REQUIRE(letter.status == 0);
    CHECK(letter.out.find("cited (2):") != std::string::npos);
    CHECK(letter.out.find("发改农经〔2004〕1933号") != std::string::npos);
    const auto report = test::run_gongwen("show --index " + test::quote(corpus.index) + " " +
                                          test::quote(corpus.docs / "report-no-number.txt"));
    REQUIRE(report.status == 0);
    CHECK(report.out.find("doc number:   —") != std::string::npos);
    CHECK(report.out.find("2024-06-30  deadline  2024年6月底前") != std::string::npos);

    // A task table's rows are listed with their due day and units.
    const auto tasks = test::run_gongwen("show --index " + test::quote(corpus.index) + " 常政办发〔2021〕30号");
    REQUIRE(tasks.status == 0);
    CHECK(tasks.out.find("issuer:       常州市人民政府办公室") != std::string::npos);
    CHECK(tasks.out.find("tasks (4):") != std::string::npos);
    CHECK(tasks.out.find("  1. 2021-12-31  deadline  建设区域性养老服务中心") != std::string::npos);
}

TEST_CASE("`gongwen show` exits 1 with a clear message when the document is not there or not unique", "[e2e][show]") {
    IngestedCorpus corpus;
    const auto missing = test::run_gongwen("show --index " + test::quote(corpus.index) + " 国发〔2030〕1号");
    CHECK(missing.status == 1);
    CHECK(missing.out.empty());
    CHECK(missing.err.find("no document '国发〔2030〕1号' in the index " + corpus.index.string()) != std::string::npos);

    const auto no_index = test::run_gongwen("show --index " + test::quote(corpus.dir / "none") + " 国函〔1996〕95号");
    CHECK(no_index.status == 1);
    CHECK(no_index.err.find("no index at") != std::string::npos);

    // Two documents carrying the same number (another title under it: not a copy, see
    // test_copies.cpp): ask which.
    std::string other = test::read_file(kFields / "govcn-045.txt");
    other.replace(other.find("后勤部机关等迁址新建"), std::string("后勤部机关等迁址新建").size(), "营房建设标准调整");
    test::write_file(corpus.docs / "copy.txt", other);
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs)).status == 0);
    const auto ambiguous = test::run_gongwen("show --index " + test::quote(corpus.index) + " 国函〔1996〕95号");
    CHECK(ambiguous.status == 1);
    CHECK(ambiguous.err.find("2 documents match") != std::string::npos);
    CHECK(ambiguous.err.find("copy.txt") != std::string::npos);
    CHECK(ambiguous.err.find("govcn-045.txt") != std::string::npos);
}
