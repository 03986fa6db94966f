// End-to-end tests of the real `gongwen` binary on fixture PDFs with embedded CJK fonts (rendered
// at build time from tests/fixtures/texts) and text files: ingest, search, re-ingest, exit codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gongwen/core/pipeline.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const char* const kFixturePdfs[] = {"notice_clauses.pdf", "opinion_pages.pdf", "short_letter.pdf"};

const char* kTextNotice =
    "关于做好档案数字化工作的通知\n各有关单位：\n为做好档案数字化工作，现通知如下。\n"
    "一、明确工作范围\n纸质档案扫描件须逐页核对页码并建立电子目录。\n二、加强安全保管\n数字化成果须异地备份保存。\n";

// Parses `ingest --json` output: the last line is the summary.
json ingest_summary(const test::CommandResult& result) {
    const std::string last = test::last_line(result.out);
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE_FALSE(last.empty());
    return json::parse(last);
}

json search_json(const std::filesystem::path& index, const std::string& query) {
    const auto result = test::run_gongwen("search --json --index " + test::quote(index) + " '" + query + "'");
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

Xapian::doccount entries_in(const std::filesystem::path& index) { return index::IndexSearcher(index).document_count(); }

struct Corpus {
    test::TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::filesystem::path index = dir / "index";
    Corpus() {
        std::filesystem::create_directories(docs);
        for (const char* name : kFixturePdfs) std::filesystem::copy_file(kGenerated / name, docs / name);
        test::write_file(docs / "子目录" / "档案 通知.txt", kTextNotice);
    }
};

// A phrase that starts at the end of one PDF line and ends on the next line of the same paragraph.
struct BrokenPhrase {
    std::string phrase;
    std::string file;
};

std::optional<BrokenPhrase> phrase_across_line_break() {
    const core::Pipeline pipeline(test::in_tree_plugins(), core::parse_config("", {}), nullptr);   // outlives its worker
    auto worker = pipeline.make_worker();
    for (const char* name : kFixturePdfs) {
        const Document document = worker->process(kGenerated / name);
        for (const auto& page : document.pages) {
            for (std::size_t i = 0; i + 1 < page.lines.size(); ++i) {
                const std::u32string end = to_u32(trim(page.lines[i].text));
                const std::u32string start = to_u32(trim(page.lines[i + 1].text));
                if (end.size() < 10 || start.size() < 4) continue;
                const std::u32string phrase = end.substr(end.size() - 3) + start.substr(0, 3);
                if (!std::all_of(phrase.begin(), phrase.end(), is_han)) continue;
                // It must be one phrase of one paragraph, i.e. the normalizer joined the lines.
                const std::string text = to_utf8(phrase);
                for (const auto& paragraph : document.paragraphs) {
                    if (paragraph.text.find(text) != std::string::npos) return BrokenPhrase{text, name};
                }
            }
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("ingest then search: the right document and clause come first", "[e2e]") {
    Corpus corpus;
    const auto ingest = test::run_gongwen("ingest --json --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs));
    REQUIRE(ingest.status == 0);
    const json summary = ingest_summary(ingest);
    CHECK(summary["indexed"] == 4);
    CHECK(summary["rejected"] == 0);

    // Every numbered clause of every fixture: a 3–6 character phrase from its middle that occurs in
    // no other clause of the corpus finds that document first, with that clause as its best clause.
    struct Clause {
        std::string file, path, text;
    };
    std::vector<Clause> clauses;
    for (const char* name : kFixturePdfs) {
        const auto extract = test::run_gongwen("extract --json " + test::quote(corpus.docs / name));
        REQUIRE(extract.status == 0);
        const json record = json::parse(extract.out);
        CHECK(record["source"]["format"] == "pdf");
        for (const auto& clause : record["clauses"]) {
            clauses.push_back({name, clause["path"].get<std::string>(), clause["text"].get<std::string>()});
        }
    }
    const auto clauses_containing = [&](const std::string& phrase) {
        return std::count_if(clauses.begin(), clauses.end(),
                             [&](const Clause& c) { return c.text.find(phrase) != std::string::npos; });
    };
    int checked = 0;
    for (const Clause& clause : clauses) {
        if (clause.path.empty()) continue;
        const std::u32string text = to_u32(clause.text);
        for (std::size_t length : {3u, 4u, 6u}) {
            const std::size_t begin = text.size() / 2;
            if (begin + length > text.size()) continue;
            const std::u32string phrase32 = text.substr(begin, length);
            if (!std::all_of(phrase32.begin(), phrase32.end(), is_han)) continue;
            const std::string phrase = to_utf8(phrase32);
            if (clauses_containing(phrase) != 1) continue;  // ambiguous: ranking is another test's concern
            const json results = search_json(corpus.index, phrase);
            INFO("phrase " << phrase << " from " << clause.file << " " << clause.path);
            REQUIRE_FALSE(results["results"].empty());
            const json& top = results["results"][0];
            CHECK(std::filesystem::path(top["path"].get<std::string>()).filename() == clause.file);
            CHECK(top["clause_path"] == clause.path);
            CHECK_THAT(top["snippet"].get<std::string>(), Catch::Contains("<mark>" + phrase + "</mark>"));
            ++checked;
        }
    }
    CHECK(checked >= 10);
}

TEST_CASE("a phrase that spans a PDF line break is found", "[e2e]") {
    const auto broken = phrase_across_line_break();
    REQUIRE(broken);
    Corpus corpus;
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs)).status == 0);
    const json results = search_json(corpus.index, broken->phrase);
    INFO("phrase " << broken->phrase);
    REQUIRE_FALSE(results["results"].empty());
    CHECK(std::filesystem::path(results["results"][0]["path"].get<std::string>()).filename() == broken->file);
}

TEST_CASE("a doc number typed in any bracket style or none finds the PDF that carries it", "[e2e]") {
    Corpus corpus;
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs)).status == 0);
    for (const char* query : {"苏政办发〔2019〕12号", "苏政办发[2019]12号", "苏政办发（2019）12号", "苏政办发〔2019〕12 号",
                              "苏政办发［2019］12号", "苏政办发2019年12号", "苏政办发2019 12号"}) {
        INFO("query " << query);
        const json results = search_json(corpus.index, query);
        REQUIRE_FALSE(results["results"].empty());
        const json& top = results["results"][0];
        CHECK(std::filesystem::path(top["path"].get<std::string>()).filename() == "notice_clauses.pdf");
        CHECK(top["doc_number"] == "苏政办发〔2019〕12号");
    }
    CHECK(search_json(corpus.index, "苏政办发〔2019〕13号")["total"] == 0);
}

TEST_CASE("re-ingest of an unchanged folder adds nothing, a changed file replaces only its entries", "[e2e]") {
    Corpus corpus;
    const std::string ingest = "ingest --json --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs);
    REQUIRE(test::run_gongwen(ingest).status == 0);
    const auto entries = entries_in(corpus.index);

    const json again = ingest_summary(test::run_gongwen(ingest));
    CHECK(again["indexed"] == 0);
    CHECK(again["unchanged"] == 4);
    CHECK(entries_in(corpus.index) == entries);

    // Same bytes, new mtime: hashed, not re-extracted.
    std::filesystem::last_write_time(corpus.docs / "short_letter.pdf", std::filesystem::file_time_type::clock::now());
    const json touched = ingest_summary(test::run_gongwen(ingest));
    CHECK(touched["indexed"] == 0);
    CHECK(touched["unchanged"] == 4);

    // One more clause in the text file: its one entry replaced, old text gone, new text found.
    std::string changed = kTextNotice;
    changed.replace(changed.find("纸质档案扫描件"), std::string("纸质档案扫描件").size(), "电子公文归档件");
    changed += "三、定期开展检查\n每季度抽查一次数字化质量。\n";
    test::write_file(corpus.docs / "子目录" / "档案 通知.txt", changed);
    const json after_change = ingest_summary(test::run_gongwen(ingest));
    CHECK(after_change["indexed"] == 1);
    CHECK(after_change["unchanged"] == 3);
    CHECK(entries_in(corpus.index) == entries);
    CHECK(search_json(corpus.index, "纸质档案扫描件")["total"] == 0);
    CHECK(search_json(corpus.index, "电子公文归档件")["total"] == 1);
    CHECK(search_json(corpus.index, "电子公文归档件")["total_exact"] == true);   // far below the 20,000 counted exactly
    CHECK(search_json(corpus.index, "电子公文归档件")["ranked_fraction"] == 1);   // one match: far below the default window
    {
        const auto windowed = test::run_gongwen("search --json --rank-window 1 --index " + test::quote(corpus.index) + " 电子公文归档件");
        REQUIRE(windowed.status == 0);
        CHECK(json::parse(windowed.out)["total"] == 1);   // one match fits a window of one: ranked whole
        CHECK(json::parse(windowed.out)["ranked_fraction"] == 1);
        const auto negative = test::run_gongwen("search --rank-window -1 --index " + test::quote(corpus.index) + " 电子公文归档件");
        CHECK(negative.status != 0);
        CHECK(negative.err.find("--rank-window") != std::string::npos);
    }
    CHECK(search_json(corpus.index, "抽查一次数字化")["results"][0]["clause_path"] == "三、");

    // --prune drops the entries of a file that is gone.
    std::filesystem::remove(corpus.docs / "子目录" / "档案 通知.txt");
    const json pruned = ingest_summary(test::run_gongwen("ingest --json --prune --index " + test::quote(corpus.index) + " " +
                                                         test::quote(corpus.docs)));
    CHECK(pruned["pruned"] == 1);
    CHECK(search_json(corpus.index, "电子公文归档件")["total"] == 0);
}

TEST_CASE("bad files are reported by name with a reason, the rest is indexed, exit status 2", "[e2e]") {
    Corpus corpus;
    const std::string pdf = test::read_file(corpus.docs / "short_letter.pdf");
    test::write_file(corpus.docs / "truncated.pdf", pdf.substr(0, pdf.size() / 3));
    test::write_file(corpus.docs / "empty.pdf", "");
    test::write_file(corpus.docs / "page.pdf", "<!DOCTYPE html><html><body>404</body></html>");
    const auto result = test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs));
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("truncated.pdf: rejected: ") && Catch::Contains("empty.pdf: rejected: empty") &&
                               Catch::Contains("page.pdf: rejected: mislabelled"));
    CHECK_THAT(result.err, Catch::Contains("4 indexed") && Catch::Contains("3 rejected"));
    CHECK(search_json(corpus.index, "档案数字化")["total"] == 1);
}

TEST_CASE("a fatal error exits 1 with a message", "[e2e]") {
    test::TempDir dir;
    test::write_file(dir / "bad.toml", "[index]\ncommit_evry = 3\n");
    const auto bad_config = test::run_gongwen("--config " + test::quote(dir / "bad.toml") + " ingest --index " +
                                              test::quote(dir / "index") + " " + test::quote(dir.path()));
    CHECK(bad_config.status == 1);
    CHECK_THAT(bad_config.err, Catch::Contains("index.commit_evry"));
    const auto no_index = test::run_gongwen("search --index " + test::quote(dir / "none") + " 通知");
    CHECK(no_index.status == 1);
    CHECK_THAT(no_index.err, Catch::Contains("gongwen ingest"));
}

TEST_CASE("`gongwen plugins` lists the in-tree plugins and explains refusals", "[e2e][plugins]") {
    const auto result = test::run_gongwen("plugins", "GONGWEN_PLUGIN_PATH=" GONGWEN_TEST_TEST_PLUGIN_DIR);
    REQUIRE(result.status == 0);
    for (const char* name : {"pdf ", "text ", "docnumber ", "example "}) CHECK_THAT(result.out, Catch::Contains(std::string("  ") + name));
    CHECK_THAT(result.out, Catch::Contains("gongwen-wrong-abi.so") && Catch::Contains("ABI version"));
    CHECK_THAT(result.out, Catch::Contains("gongwen-no-entry.so"));
}

TEST_CASE("search 引用: and 文号: on an ingested corpus, in any bracket style", "[e2e][filters]") {
    Corpus corpus;
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs)).status == 0);
    const auto files = [&](const std::string& query) {
        std::vector<std::string> names;
        const json found = search_json(corpus.index, query);  // named: a temporary's ["results"] would dangle
        for (const auto& result : found["results"]) {
            names.push_back(std::filesystem::path(result["path"].get<std::string>()).filename().string());
        }
        return names;
    };
    using Names = std::vector<std::string>;
    // short_letter.pdf cites 国办发〔2019〕3号; no fixture carries that number itself.
    for (const char* query : {"引用:国办发〔2019〕3号", "引用:国办发[2019]3号", "引用:国办发（2019）3号", "引用：国办发〔2019〕3 号"}) {
        INFO("query " << query);
        CHECK(files(query) == Names{"short_letter.pdf"});
    }
    const json cited = search_json(corpus.index, "引用:国办发〔2019〕3号");
    CHECK_THAT(cited["results"][0]["snippet"].get<std::string>(), Catch::Contains("<mark>国办发〔2019〕3号</mark>"));
    CHECK(files("文号:国办发〔2019〕3号").empty());
    CHECK(files("引用:苏政办发〔2019〕12号").empty());

    for (const char* query : {"文号:苏政办发〔2019〕12号", "文号:苏政办发[2019]12号", "文号:苏政办发（2019）12号",
                              "文号:苏政办发［2019］12号", "文号：苏政办发〔2019〕12 号"}) {
        INFO("query " << query);
        CHECK(files(query) == Names{"notice_clauses.pdf"});
    }
    CHECK(files("文号:苏政办函[2019]25号") == Names{"short_letter.pdf"});
    CHECK(files("文号:苏府〔2019〕20号") == Names{"opinion_pages.pdf"});
    CHECK(files("文号:苏政办发〔2019〕13号").empty());
    // Filters combine with text: the letter's number and a phrase of the notice exclude each other.
    CHECK(files("文号:苏政办函〔2019〕25号 优化营商环境的决策部署").empty());
    CHECK(files("文号:苏政办发〔2019〕12号 优化营商环境的决策部署") == Names{"notice_clauses.pdf"});
    CHECK(files("年份:2019 文号:苏政办发〔2019〕12号") == Names{"notice_clauses.pdf"});
    CHECK(files("年份:2015..2018 文号:苏政办发〔2019〕12号").empty());
}

TEST_CASE("search --json carries facets, --sort date is accepted, bad queries and alias files exit 1", "[e2e][query]") {
    Corpus corpus;
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(corpus.index) + " " + test::quote(corpus.docs)).status == 0);
    const json results = search_json(corpus.index, "年份:2019");
    CHECK(results["total"] == 3);
    REQUIRE(results["facets"].contains("year"));
    CHECK(results["facets"]["year"][0] == json{{"value", "2019"}, {"count", 3}});
    CHECK(results["facets"].contains("issuer"));
    CHECK(results["facets"].contains("doc_type"));

    const auto by_date = test::run_gongwen("search --sort date --json --index " + test::quote(corpus.index) + " 年份:2019");
    REQUIRE(by_date.status == 0);
    CHECK(json::parse(by_date.out)["results"].size() == 3);
    CHECK(test::run_gongwen("search --sort size --index " + test::quote(corpus.index) + " 通知").status == 1);

    const auto bad_query = test::run_gongwen("search --index " + test::quote(corpus.index) + " 年份:去年");
    CHECK(bad_query.status == 1);
    CHECK_THAT(bad_query.err, Catch::Contains("年份:去年"));

    test::write_file(corpus.dir / "conf" / "gongwen.toml", "[search]\naliases = \"my-aliases.toml\"\n");
    test::write_file(corpus.dir / "conf" / "my-aliases.toml", "groups = [\n  [\"发改委\", \"发展和改革委员会\"],\n  [\"孤单\"],\n]\n");
    const auto broken = test::run_gongwen("--config " + test::quote(corpus.dir / "conf" / "gongwen.toml") + " search --index " +
                                          test::quote(corpus.index) + " 通知");
    CHECK(broken.status == 1);
    CHECK_THAT(broken.err, Catch::Contains("my-aliases.toml:3"));

    // An alias added to the file works at once, without re-indexing.
    test::write_file(corpus.dir / "conf" / "my-aliases.toml", "groups = [[\"数字档案\", \"档案数字化\"]]\n");
    const auto aliased = test::run_gongwen("--config " + test::quote(corpus.dir / "conf" / "gongwen.toml") + " search --json --index " +
                                           test::quote(corpus.index) + " 数字档案");
    REQUIRE(aliased.status == 0);
    CHECK(json::parse(aliased.out)["total"] == 1);
}

TEST_CASE("search --help documents the query language and every field filter", "[e2e][query]") {
    const auto help = test::run_gongwen("search --help");
    REQUIRE(help.status == 0);
    for (const char* item : {"OR", "NOT", "\"推行部门联合抽查\"", "文号:", "机关:", "文种:", "年份:2015..2018", "引用:", "单位:", "--sort",
                             "aliases.toml"}) {
        CHECK_THAT(help.out, Catch::Contains(item));
    }
}

TEST_CASE("search 单位: finds the documents with tasks for a unit, through aliases", "[e2e][filters]") {
    test::TempDir dir;
    const auto index = dir / "index";
    REQUIRE(test::run_gongwen("ingest --index " + test::quote(index) + " " + test::quote(kGenerated / "task_table.pdf") + " " +
                              test::quote(kGenerated / "notice_clauses.pdf")).status == 0);
    const auto files = [&](const std::string& query) {
        std::vector<std::string> names;
        const json found = search_json(index, query);
        for (const auto& result : found["results"]) names.push_back(std::filesystem::path(result["path"].get<std::string>()).filename().string());
        return names;
    };
    using Names = std::vector<std::string>;
    CHECK(files("单位:市公安局") == Names{"task_table.pdf"});
    CHECK(files("单位:市发改委") == Names{"task_table.pdf"});   // the table says 市发展改革委; config/aliases.toml
    CHECK(files("单位:市教育局").empty());
    CHECK(files("单位:市公安局 -单位:市税务局").empty());
}
