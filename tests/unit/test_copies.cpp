// Copies of one document (indexes/src/copy_groups.cpp): the copy rule on documents built here, then
// the real binary on a PDF with its scan and a PDF with its text save — one search result with its
// copies, `show 文号` on the best copy, the tasks once on the deadline board, a copy in another
// index of a shard set, and --prune of one copy keeping the other. Different documents that share
// a number, or have none, stay apart. An index written before copies were detected works as before.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "gongwen/index/copy_groups.hpp"
#include "gongwen/index/index_searcher.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/schema.hpp"
#include "gongwen/text.hpp"
#include "serve_process.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kTexts = fs::path(GONGWEN_TEST_SOURCE_FIXTURES) / "texts";
const fs::path kFields = fs::path(GONGWEN_TEST_SOURCE_FIXTURES) / "fields";
const fs::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;

// A fixture text as a "save as text" of the document gives it: the renderer's markup removed
// (alignment prefixes, options, table fences) and table cells separated by tabs.
std::string text_save(const fs::path& fixture) {
    std::stringstream in(test::read_file(fixture));
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#!", 0) == 0 || line.rfind("@table", 0) == 0 || line == "@end") continue;
        for (const char* markup : {"@center ", "@left ", "@right "}) {
            if (line.rfind(markup, 0) == 0) line = line.substr(std::string(markup).size());
        }
        for (std::size_t bar; (bar = line.find(" | ")) != std::string::npos;) line.replace(bar, 3, "\t");
        out += line + "\n";
    }
    return out;
}

// A text with one line replaced (the first line that contains `old_line`).
std::string with_line_replaced(const std::string& text, const std::string& old_line, const std::string& new_line) {
    const auto at = text.find(old_line);
    REQUIRE(at != std::string::npos);
    const auto end = text.find('\n', at);
    return text.substr(0, at) + new_line + text.substr(end);
}

json run_json(const std::string& arguments) {
    const auto result = test::run_gongwen(arguments);
    INFO("gongwen " << arguments << "\nstderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

std::string normal(const fs::path& path) { return fs::absolute(path).lexically_normal().string(); }

struct Corpus {
    test::TempDir dir;
    fs::path docs = dir / "docs";
    fs::path index = dir / "index";

    Corpus() { fs::create_directories(docs); }
    void add(const fs::path& from, const std::string& name) { fs::copy_file(from, docs / name); }
    void ingest(const std::string& flags = "") {
        const auto result = test::run_gongwen("ingest " + flags + " --index " + test::quote(index) + " " + test::quote(docs));
        INFO("ingest stderr: " << result.err);
        REQUIRE(result.status == 0);
    }
    json search(const std::string& query) const { return run_json("search --json --index " + test::quote(index) + " '" + query + "'"); }
    json show(const std::string& key) const { return run_json("show --json --index " + test::quote(index) + " '" + key + "'"); }
    json tasks_of(const std::string& number) const {
        json out = json::array();
        const json board = run_json("deadlines --format json --today 2023-06-20 --index " + test::quote(index));
        for (const auto& task : board["tasks"]) {
            if (task["doc_number"] == number) out.push_back(task);
        }
        return out;
    }
};

std::set<std::string> paths_of(const json& copies) {
    std::set<std::string> paths;
    for (const auto& copy : copies) paths.insert(copy.at("path").get<std::string>());
    return paths;
}

// The one result of `results` whose number is `number`; fails when there are several or none.
json only_result_numbered(const json& results, const std::string& number) {
    json found = json::array();
    for (const auto& result : results) {
        if (result["doc_number"] == number) found.push_back(result);
    }
    INFO(results.dump(2));
    REQUIRE(found.size() == 1);
    return found.front();
}

// `gongwen serve --port 0` on `index` as a child process, stopped at scope exit.
class Server : public test::ServeProcess {
public:
    explicit Server(const fs::path& index) : test::ServeProcess(index) {}
    std::string get(const std::string& target) const {
        httplib::Client client("127.0.0.1", port());
        const auto response = client.Get(target.c_str());
        REQUIRE(response);
        INFO(target << " -> " << response->status << " " << response->body);
        REQUIRE(response->status == 200);
        return response->body;
    }
};

Document document_with(std::optional<std::string> number, std::string title, const std::vector<std::string>& clauses) {
    Document document;
    document.id = title;
    if (number) document.doc_number = DocNumber{.normalized = *number};
    document.title = std::move(title);
    for (const auto& text : clauses) document.clauses.push_back(Clause{.text = text});
    return document;
}

const std::vector<std::string> kFloodClauses{
    "为切实做好今年汛期防汛抗旱物资保障工作，经省人民政府同意，现就有关事项通知如下：",
    "一、加强物资储备。各地要按照分级负责的原则，足额储备编织袋、救生衣和抽水泵等物资，并于2019年6月底前完成补充入库。",
    "二、落实管护责任。储备仓库实行专人管理，定期检查物资质量，建立出入库台账，确保调运及时。",
    "三、做好应急调拨。遇到险情时，省防汛抗旱指挥部统一调度，各地要在接到指令后六小时内完成装车。"};

// Another notice in the same form, on another subject.
const std::vector<std::string> kFireClauses{
    "为切实做好今年冬季森林防火工作，经省人民政府同意，现就有关事项通知如下：",
    "一、压实防火责任。各地要落实属地管理责任，层层签订森林防火责任书，并于2019年11月底前完成检查。",
    "二、加强火源管控。林区入口设立检查站，严禁携带火种进山，发现违规用火及时制止。",
    "三、做好扑救准备。专业扑火队伍实行二十四小时值班，接到火情报告后一小时内到达现场。"};

}  // namespace

TEST_CASE("the copy rule: same number and near-identical title, or near-identical text without a number", "[copies]") {
    const std::string number = "苏政办发〔2019〕38号";
    const std::string title = "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知";
    const auto pdf = index::copy_info(document_with(number, title, kFloodClauses), "/d/a.pdf");

    // An OCR copy: two characters of the title misread, a few slips in the text.
    std::vector<std::string> ocr_clauses = kFloodClauses;
    ocr_clauses[1].replace(ocr_clauses[1].find("编织袋"), std::string("编织袋").size(), "编识袋");
    ocr_clauses[2].replace(ocr_clauses[2].find("台账"), std::string("台账").size(), "台帐");
    const auto scan = index::copy_info(document_with(number, "江苏省人民政府办公厅关于做好防汛抗早物资储备工作的通和", ocr_clauses), "/d/a-scan.pdf");
    CHECK(index::title_similarity(pdf.title, scan.title) > 0.8);
    CHECK(index::are_copies(pdf, scan));

    // OCR ran the title into the 主送 line: the same number, the same text, a title that begins
    // with the other.
    const auto run_in = index::copy_info(document_with(number, title + "各设区市人民政府省各有关部门", ocr_clauses), "/d/a-scan3.pdf");
    CHECK(index::title_similarity(pdf.title, run_in.title) < 0.8);
    CHECK(index::are_copies(pdf, run_in));
    // ... but a longer title under the same number with another text is another document.
    const auto longer = index::copy_info(document_with(number, title + "的补充通知关于调整储备物资品种和数量的说明", kFireClauses), "/d/e.pdf");
    CHECK(index::title_similarity(pdf.title, longer.title) < 0.8);
    CHECK_FALSE(index::are_copies(pdf, longer));

    // The same number on a different title (a corrected re-issue, a mistyped number): two documents,
    // even with the same text.
    const auto other_title = index::copy_info(document_with(number, "江苏省人民政府办公厅关于印发防汛抗旱应急预案的通知", kFloodClauses), "/d/b.pdf");
    CHECK_FALSE(index::are_copies(pdf, other_title));
    // Another number on the same title and text: two documents.
    const auto other_number = index::copy_info(document_with("苏政办发〔2019〕39号", title, kFloodClauses), "/d/c.pdf");
    CHECK_FALSE(index::are_copies(pdf, other_number));

    // Without a number (OCR could not read it) the text decides.
    const auto unnumbered_scan = index::copy_info(document_with(std::nullopt, "", ocr_clauses), "/d/a-scan2.pdf");
    CHECK(index::text_similarity(pdf, unnumbered_scan) >= 0.7);
    CHECK(index::are_copies(pdf, unnumbered_scan));
    const auto unnumbered_other = index::copy_info(document_with(std::nullopt, "", kFireClauses), "/d/d.pdf");
    CHECK(index::text_similarity(unnumbered_scan, unnumbered_other) < 0.7);
    CHECK_FALSE(index::are_copies(unnumbered_scan, unnumbered_other));

    // A template filled in for another case: the same words, other figures. Not copies.
    const auto batch = [](int n) {
        const std::string k = std::to_string(n);
        return index::copy_info(document_with(std::nullopt, "关于第" + k + "批档案整理工作的通知",
                                              {"为做好第" + k + "批档案整理工作，现将有关事项通知如下：",
                                               "一、工作目标。编号" + k + "的单位于" + std::to_string(2010 + n) + "年底前完成档案归集，做到应归尽归。",
                                               "二、工作要求。各单位按期报送编号" + k + "的进展情况，遇到问题及时报告。",
                                               "三、保障措施。各单位要加强组织领导，明确专人负责，配齐必要的设备和经费，确保档案实体安全和信息安全。"}),
                                "/d/batch" + k + ".txt");
    };
    CHECK(index::text_similarity(batch(3), batch(4)) >= 0.7);
    CHECK_FALSE(index::are_copies(batch(3), batch(4)));
    CHECK(index::are_copies(batch(3), batch(3)));

    // The value round-trips, and a value of an older entry reads as none.
    const auto decoded = index::decode_copy_info(index::encode_copy_info(scan));
    REQUIRE(decoded);
    CHECK(decoded->signature == scan.signature);
    CHECK(decoded->title == scan.title);
    CHECK(decoded->figures == scan.figures);
    CHECK_FALSE(index::decode_copy_info(""));

    // The best copy: a text layer over OCR, then fewer warnings.
    auto ocr = pdf;
    ocr.ocr_pages = {1};
    ocr.pages = 1;
    CHECK(index::better_copy(pdf, ocr));
    CHECK_FALSE(index::better_copy(ocr, pdf));
    auto warned = pdf;
    warned.warnings = 2;
    CHECK(index::better_copy(pdf, warned));

    // Grouped transitively, each group named by its first item.
    const auto groups = index::group_copies({pdf, other_title, scan, unnumbered_other, unnumbered_scan});
    CHECK(groups == std::vector<std::size_t>{0, 1, 0, 3, 0});
}

TEST_CASE("copies looked up for many entries at once are those looked up one by one", "[copies][index]") {
    test::TempDir dir;
    const std::string number = "苏政办发〔2019〕38号";
    const std::string title = "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知";
    std::vector<std::string> ocr_clauses = kFloodClauses;
    ocr_clauses[1].replace(ocr_clauses[1].find("编织袋"), std::string("编织袋").size(), "编识袋");
    {
        index::IndexWriter writer(dir.path());
        const auto add = [&](Document document, const std::string& path) {
            document.id = path;
            writer.replace(document, {path, 1, 1, path, path});
        };
        add(document_with(number, title, kFloodClauses), "/d/flood.pdf");
        add(document_with(number, "江苏省人民政府办公厅关于做好防汛抗早物资储备工作的通和", ocr_clauses), "/d/flood-scan.pdf");
        add(document_with(std::nullopt, "", kFloodClauses), "/d/flood-unnumbered.txt");
        add(document_with(number, "江苏省人民政府办公厅关于做好森林防火工作的通知", kFireClauses), "/d/fire-same-number.pdf");
        add(document_with("苏政办发〔2019〕40号", "江苏省人民政府办公厅关于做好森林防火工作的通知", kFireClauses), "/d/fire.pdf");
        writer.commit();
    }
    const Xapian::Database database(dir.path().string());
    std::vector<std::pair<Xapian::docid, Xapian::Document>> entries;
    for (auto it = database.postlist_begin("Kdoc"); it != database.postlist_end("Kdoc"); ++it) entries.emplace_back(*it, database.get_document(*it));
    REQUIRE(entries.size() == 5);
    const index::CopyFinder finder(database);
    const auto each = finder.copies_of_each(entries);
    REQUIRE(each.size() == entries.size());
    const auto docids = [](const std::vector<index::CopyFinder::Member>& members) {
        std::vector<Xapian::docid> out;
        for (const auto& member : members) out.push_back(member.docid);
        return out;
    };
    std::size_t grouped = 0;
    for (const auto& [docid, entry] : entries) {
        INFO("entry " << docid);
        CHECK(docids(each.at(docid)) == docids(finder.copies_of(docid)));   // same members, same order
        grouped += each.at(docid).size() > 1;
    }
    CHECK(grouped >= 3);   // the PDF, its scan and the unnumbered text save are copies of each other

    // More entries share a term than copies_of would read for the ones asked about: none answered
    // (each is for copies_of). The one-match copies_of of an entry read keeps those sharing the most
    // terms, as copies_of does.
    test::TempDir crowded;
    {
        index::IndexWriter writer(crowded.path());
        for (int i = 0; i < 70; ++i) {
            Document notice = document_with(number, "关于第" + std::to_string(i) + "批事项的通知", {"第" + std::to_string(i) + "批事项按期办理。"});   // titles alike: copies
            notice.id = "c" + std::to_string(i);
            writer.replace(notice, {"/c/" + std::to_string(i), 1, 1, notice.id, notice.id});
        }
        writer.commit();
    }
    const Xapian::Database many(crowded.path().string());
    const Xapian::docid first = *many.postlist_begin("Kdoc");
    CHECK(index::CopyFinder(many).copies_of_each({{first, many.get_document(first)}}).empty());
    const auto one_by_one = index::CopyFinder(many).copies_of(first);   // the 64 sharing most are read
    CHECK(one_by_one.size() > 1);
    CHECK(one_by_one.size() <= 65);
    const auto by_match = index::CopyFinder(many).copies_of(first, many.get_document(first));
    // All 70 share as much with the first: which 64 fill the places may differ, not how many.
    CHECK(by_match.size() == one_by_one.size());
    CHECK(by_match.front().docid == one_by_one.front().docid);

    // 70 other notices under the same number, and two saves of one notice among them: the saves are
    // found together, whichever way they are looked up.
    test::TempDir numbered;
    std::vector<std::string> saves;
    {
        index::IndexWriter writer(numbered.path());
        const auto add = [&](Document notice, const std::string& id) {
            notice.id = id;
            writer.replace(notice, {"/n/" + id, 1, 1, id, id});
        };
        for (int i = 0; i < 70; ++i) {
            // Titles and texts that share nothing but the number: characters from far apart.
            std::string words;
            for (int k = 0; k < 12; ++k) append_utf8(words, static_cast<char32_t>(0x4E00 + ((i * 12 + k) * 97) % 20000));
            add(document_with(number, "关于" + words + "的通知", {words + "。"}), "n" + std::to_string(i));
        }
        add(document_with(number, title, kFloodClauses), "save-a");
        add(document_with(number, title, kFloodClauses), "save-b");
        writer.commit();
    }
    const Xapian::Database crowd(numbered.path().string());
    const index::CopyFinder crowd_finder(crowd);
    const auto save_a = crowd_finder.copies_of(std::string("save-a"));
    REQUIRE(save_a.size() == 2);
    const Xapian::docid save_a_entry = *crowd.postlist_begin(std::string(index::prefix::unique) + "save-a");
    CHECK(crowd_finder.copies_of_each({{save_a_entry, crowd.get_document(save_a_entry)}}).empty());
    CHECK(docids(crowd_finder.copies_of(save_a_entry, crowd.get_document(save_a_entry))) == docids(save_a));
    for (const auto& [docid, entry] : entries) {   // and where nothing crowds: the same as copies_of
        INFO("entry " << docid);
        CHECK(docids(finder.copies_of(docid, entry)) == docids(finder.copies_of(docid)));
    }
}

TEST_CASE("copies looked up at once: an entry with a crowd of sharers is left out, the others are still answered together", "[copies][index]") {
    test::TempDir dir;
    const std::string crowded_number = "苏政办发〔2019〕38号";
    {
        index::IndexWriter writer(dir.path());
        const auto add = [&](Document notice, const std::string& id) {
            notice.id = id;
            writer.replace(notice, {"/n/" + id, 1, 1, id, id});
        };
        // 300 notices under one number: more than 64 for each of the four entries asked about.
        for (int i = 0; i < 300; ++i) {
            std::string words;
            for (int k = 0; k < 12; ++k) append_utf8(words, static_cast<char32_t>(0x4E00 + ((i * 12 + k) * 97) % 20000));
            add(document_with(crowded_number, "关于" + words + "的通知", {words + "。"}), "n" + std::to_string(i));
        }
        // Two saves of a notice under another number, and a third notice alone.
        add(document_with("苏政办发〔2019〕99号", "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知", kFloodClauses), "calm-a");
        add(document_with("苏政办发〔2019〕99号", "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知", kFloodClauses), "calm-b");
        add(document_with("苏政办发〔2019〕40号", "江苏省人民政府办公厅关于做好森林防火工作的通知", kFireClauses), "calm-c");
        writer.commit();
    }
    const Xapian::Database database(dir.path().string());
    const index::CopyFinder finder(database);
    std::vector<std::pair<Xapian::docid, Xapian::Document>> asked;
    for (const char* id : {"n7", "calm-a", "calm-b", "calm-c"}) {
        const Xapian::docid docid = *database.postlist_begin(std::string(index::prefix::unique) + id);
        asked.emplace_back(docid, database.get_document(docid));
    }
    const auto answered = finder.copies_of_each(asked);
    CHECK_FALSE(answered.contains(asked[0].first));   // the crowded one: for copies_of
    REQUIRE(answered.size() == 3);
    const auto docids = [](const std::vector<index::CopyFinder::Member>& members) {
        std::vector<Xapian::docid> out;
        for (const auto& member : members) out.push_back(member.docid);
        return out;
    };
    for (std::size_t i = 1; i < asked.size(); ++i) {
        INFO("entry " << asked[i].first);
        CHECK(docids(answered.at(asked[i].first)) == docids(finder.copies_of(asked[i].first)));
    }
    CHECK(answered.at(asked[1].first).size() == 2);   // the two saves found together
    CHECK(answered.at(asked[3].first).size() == 1);
}

TEST_CASE("copies looked up at once: a band that a stock paragraph gives to a crowd is not looked up and the number still finds the copy", "[copies][index]") {
    test::TempDir dir;
    // A long stock paragraph and a short text of each notice's own: most of a notice's MinHash
    // bands come from the stock text alone, so 80 notices under 80 numbers share them.
    std::string stock;
    for (int k = 0; k < 400; ++k) append_utf8(stock, static_cast<char32_t>(0x4E00 + (k * 131) % 20000));
    const auto own_text = [](int i) {
        std::string words;
        for (int k = 0; k < 20; ++k) append_utf8(words, static_cast<char32_t>(0x4E00 + ((i * 20 + k) * 97 + 7) % 20000));
        return words;
    };
    const std::string number = "苏政办发〔2019〕38号";
    const std::string title = "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知";
    {
        index::IndexWriter writer(dir.path());
        const auto add = [&](Document notice, const std::string& id) {
            notice.id = id;
            writer.replace(notice, {"/n/" + id, 1, 1, id, id});
        };
        for (int i = 0; i < 80; ++i) {
            add(document_with("苏政办发〔2019〕" + std::to_string(100 + i) + "号", "关于第" + std::to_string(i) + "批事项的通知", {stock, own_text(i)}),
                "n" + std::to_string(i));
        }
        add(document_with(number, title, {stock, own_text(500)}), "save-a");   // a notice and a save of it
        add(document_with(number, title, {stock, own_text(500)}), "save-b");
        writer.commit();
    }
    const Xapian::Database database(dir.path().string());
    const Xapian::docid save_a = *database.postlist_begin(std::string(index::prefix::unique) + "save-a");
    const Xapian::docid save_b = *database.postlist_begin(std::string(index::prefix::unique) + "save-b");
    // The premise: some band of the notice is carried by more than 64 other entries.
    const auto info = index::decode_copy_info(database.get_document(save_a).get_value(index::slot::copy_info));
    REQUIRE(info);
    Xapian::doccount most_shared = 0;
    for (const auto& term : index::copy_terms(*info)) most_shared = std::max(most_shared, database.get_termfreq(term));
    REQUIRE(most_shared > 65);

    const auto docids = [](const std::vector<index::CopyFinder::Member>& members) {
        std::set<Xapian::docid> out;
        for (const auto& member : members) out.insert(member.docid);
        return out;
    };
    const index::CopyFinder finder(database);
    const std::set<Xapian::docid> saves{save_a, save_b};
    CHECK(docids(finder.copies_of(save_a)) == saves);
    CHECK(docids(finder.copies_of(save_a, database.get_document(save_a))) == saves);
    // Answered at once, not left for a match of its own (the 82 entries that share some term with
    // it are more than the 64 looked up for one entry); a crowd member whose terms are crowded bands
    // or its own is answered alone.
    const auto answered = finder.copies_of_each({{save_a, database.get_document(save_a)}});
    REQUIRE(answered.contains(save_a));
    CHECK(docids(answered.at(save_a)) == saves);
    const Xapian::docid member = *database.postlist_begin(std::string(index::prefix::unique) + "n3");
    const auto alone = finder.copies_of_each({{member, database.get_document(member)}});
    REQUIRE(alone.contains(member));
    CHECK(docids(alone.at(member)) == std::set<Xapian::docid>{member});
    CHECK(docids(finder.copies_of(member)) == std::set<Xapian::docid>{member});
}
TEST_CASE("a local shard set searched while copies arrive in another shard: the search reads one state of the index", "[copies][index][shards]") {
    test::TempDir dir;
    // Four notices of the same wording under four numbers (four documents), each first as a scan.
    const auto write = [&](const fs::path& shard, const std::string& kind, const std::vector<int>& ocr_pages, int fillers) {
        index::IndexWriter writer(shard);
        for (int i = 0; i < fillers; ++i) {   // other notices, so that the shards' entry numbers interleave unevenly
            Document other = document_with("苏政办发〔2019〕" + std::to_string(100 + i) + "号", "关于第" + std::to_string(i) + "批事项的通知", kFireClauses);
            other.id = kind + "-other" + std::to_string(i);
            writer.replace(other, {"/d/" + other.id, 1, 1, other.id, other.id});
        }
        for (int n = 0; n < 4; ++n) {
            Document notice = document_with("苏政办发〔2019〕" + std::to_string(30 + n) + "号",
                                            "江苏省人民政府办公厅关于做好第" + std::to_string(n + 1) + "批防汛抗旱物资储备工作的通知", kFloodClauses);
            notice.id = kind + std::to_string(n);
            notice.source.pages = 1;
            notice.source.ocr_pages = ocr_pages;
            writer.replace(notice, {"/d/" + notice.id + ".pdf", 1, 1, notice.id, notice.id});
        }
        writer.commit();
    };
    write(dir / "a", "scan", {1}, 6);
    { index::IndexWriter empty(dir / "b"); empty.commit(); }
    test::write_file(dir / "set.stub", "auto a\nauto b\n");
    index::IndexSearcher searcher(dir / "set.stub");
    // Their text-layer saves land in the other shard after the searcher opened the set, before its
    // first search, which opens the second handle that looks up every other result's copies.
    write(dir / "b", "text", {}, 0);
    index::SearchRequest request;
    request.limit = 10;
    const auto results = searcher.search("防汛抗旱物资", request);
    REQUIRE(results.documents.size() == 4);
    for (const auto& hit : results.documents) {   // the state the searcher opened: the scans alone
        CHECK(hit.doc_id.rfind("scan", 0) == 0);
        CHECK(hit.copies.size() == 1);
    }
    // A searcher opened now sees both saves of each: four results, from the text layer, two copies each.
    index::IndexSearcher fresh(dir / "set.stub");
    const auto now = fresh.search("防汛抗旱物资", request);
    REQUIRE(now.documents.size() == 4);
    for (const auto& hit : now.documents) {
        CHECK(hit.doc_id.rfind("text", 0) == 0);
        CHECK(hit.copies.size() == 2);
    }
}

TEST_CASE("a PDF and its scan: one search result with two copies, show by number, tasks once, prune keeps the other", "[copies][e2e]") {
    Corpus corpus;
    corpus.add(kGenerated / "scan_notice.pdf", "flood.pdf");
    corpus.add(kGenerated / "scan_notice_scanned.pdf", "flood-scan.pdf");
    corpus.add(kGenerated / "task_table.pdf", "tasks.pdf");
    corpus.add(kGenerated / "task_table_scanned.pdf", "tasks-scan.pdf");
    corpus.ingest();
    const std::string flood_pdf = normal(corpus.docs / "flood.pdf"), flood_scan = normal(corpus.docs / "flood-scan.pdf");
    const std::string tasks_pdf = normal(corpus.docs / "tasks.pdf"), tasks_scan = normal(corpus.docs / "tasks-scan.pdf");

    // Listed once, from the text layer, with both copies (the best first).
    const json flood = corpus.search("防汛抗旱物资");
    INFO(flood.dump(2));
    REQUIRE(flood["results"].size() == 1);
    CHECK(flood["total"] == 1);
    // The facets count it once, as the total does.
    CHECK(flood["facets"]["year"] == json::array({{{"value", "2019"}, {"count", 1}}}));
    CHECK(flood["facets"]["doc_type"] == json::array({{{"value", "通知"}, {"count", 1}}}));
    const json& hit = flood["results"][0];
    CHECK(hit["path"] == flood_pdf);
    REQUIRE(hit["copies"].size() == 2);
    CHECK(hit["copies"][0]["path"] == flood_pdf);
    CHECK(hit["copies"][0]["ocr_pages"] == json::array());
    CHECK(hit["copies"][0]["extractor"] == "pdf");
    CHECK(hit["copies"][1]["path"] == flood_scan);
    CHECK_FALSE(hit["copies"][1]["ocr_pages"].empty());
    CHECK(hit["clauses"][0]["snippet_text"].get<std::string>().find("防汛抗旱物资") != std::string::npos);

    // show 文号: the best copy, with the others listed.
    const json shown = corpus.show("苏政办发〔2019〕38号");
    CHECK(shown["source"]["path"] == flood_pdf);
    CHECK(paths_of(shown["copies"]) == std::set<std::string>{flood_pdf, flood_scan});
    const auto text = test::run_gongwen("show --index " + test::quote(corpus.index) + " 苏政办发〔2019〕38号");
    CHECK(text.status == 0);
    CHECK(text.out.find("copies (2, best first):") != std::string::npos);
    CHECK(text.out.find(flood_scan) != std::string::npos);
    // Asked by the scan's path, the scan is shown, with the same copies.
    const json scan_record = corpus.show(flood_scan);
    CHECK(scan_record["source"]["path"] == flood_scan);
    CHECK(scan_record["copies"] == shown["copies"]);

    // The task table: one result, its tasks once on the board, from the text layer.
    const json table = only_result_numbered(corpus.search("营商环境").at("results"), "苏府办〔2023〕15号");
    CHECK(paths_of(table["copies"]) == std::set<std::string>{tasks_pdf, tasks_scan});
    const json table_record = corpus.show("苏府办〔2023〕15号");
    CHECK(table_record["source"]["path"] == tasks_pdf);
    const json board = corpus.tasks_of("苏府办〔2023〕15号");
    REQUIRE_FALSE(table_record["tasks"].empty());
    CHECK(board.size() == table_record["tasks"].size());
    for (const auto& task : board) CHECK(task["doc_id"] == table_record["id"]);

    // Removing the PDFs leaves the scans, found and shown on their own.
    fs::remove(corpus.docs / "flood.pdf");
    fs::remove(corpus.docs / "tasks.pdf");
    corpus.ingest("--prune");
    const json after = corpus.search("防汛抗旱物资");
    REQUIRE(after["results"].size() == 1);
    CHECK(after["results"][0]["path"] == flood_scan);
    CHECK(paths_of(after["results"][0]["copies"]) == std::set<std::string>{flood_scan});
    CHECK(corpus.show("苏政办发〔2019〕38号")["source"]["path"] == flood_scan);
    const json scan_tasks = corpus.show("苏府办〔2023〕15号");
    CHECK(scan_tasks["source"]["path"] == tasks_scan);
    const json board_after = corpus.tasks_of("苏府办〔2023〕15号");
    CHECK_FALSE(board_after.empty());
    for (const auto& task : board_after) CHECK(task["doc_id"] == scan_tasks["id"]);
}

TEST_CASE("a PDF and its text save: one result, tasks once, each copy in its own shard", "[copies][e2e][shards]") {
    Corpus corpus;
    corpus.add(kGenerated / "task_table.pdf", "tasks.pdf");
    test::write_file(corpus.docs / "tasks.txt", text_save(kTexts / "task_table.txt"));
    corpus.add(kGenerated / "scan_notice.pdf", "flood.pdf");
    test::write_file(corpus.docs / "flood.txt", text_save(kTexts / "scan_notice.txt"));
    corpus.ingest();
    const std::string tasks_pdf = normal(corpus.docs / "tasks.pdf"), tasks_txt = normal(corpus.docs / "tasks.txt");

    const json flood = corpus.search("防汛抗旱物资");
    REQUIRE(flood["results"].size() == 1);
    CHECK(flood["results"][0]["path"] == normal(corpus.docs / "flood.pdf"));   // a PDF over a text save
    CHECK(paths_of(flood["results"][0]["copies"]) == std::set<std::string>{normal(corpus.docs / "flood.pdf"), normal(corpus.docs / "flood.txt")});

    const json table = only_result_numbered(corpus.search("营商环境").at("results"), "苏府办〔2023〕15号");
    CHECK(paths_of(table["copies"]) == std::set<std::string>{tasks_pdf, tasks_txt});
    const json record = corpus.show("苏府办〔2023〕15号");
    const json board = corpus.tasks_of("苏府办〔2023〕15号");
    REQUIRE_FALSE(board.empty());
    CHECK(board.size() == record["tasks"].size());
    for (const auto& task : board) CHECK(task["doc_id"] == record["id"]);

    // The web API and pages: the copies on the result and on the document page, "N 份副本".
    {
        const Server server(corpus.index);
        const json web = json::parse(server.get("/api/search?q=" + httplib::detail::encode_query_param("营商环境")));
        const json web_hit = only_result_numbered(web["results"], "苏府办〔2023〕15号");
        CHECK(web_hit["copies"] == table["copies"]);
        const json page = json::parse(server.get("/api/doc/" + record["id"].get<std::string>()));
        CHECK(page["record"]["copies"] == table["copies"]);
        CHECK(page["record"]["id"] == record["id"]);
        CHECK(server.get("/assets/search.js").find("份副本") != std::string::npos);
        CHECK(server.get("/assets/doc.js").find("份副本") != std::string::npos);
        CHECK(server.get("/doc?id=" + record["id"].get<std::string>()).find("copies-section") != std::string::npos);
    }

    // The PDF in one index and its text save in another, searched as one set: still one result.
    test::TempDir split;
    for (const auto& [name, folder] : {std::pair{"tasks.pdf", "a"}, std::pair{"tasks.txt", "b"}}) {
        fs::create_directories(split / folder);
        fs::copy_file(corpus.docs / name, split / folder / name);
        const auto ingest = test::run_gongwen("ingest --index " + test::quote(split / ("index-" + std::string(folder))) + " " + test::quote(split / folder));
        REQUIRE(ingest.status == 0);
    }
    test::write_file(split / "set.stub", "auto " + (split / "index-a").string() + "\nauto " + (split / "index-b").string() + "\n");
    const json sharded = run_json("search --json --index " + test::quote(split / "set.stub") + " 营商环境");
    const json sharded_hit = only_result_numbered(sharded["results"], "苏府办〔2023〕15号");
    CHECK(sharded_hit["copies"].size() == 2);
    CHECK(sharded_hit["path"] == normal(split / "a" / "tasks.pdf"));
    const json sharded_board = run_json("deadlines --format json --today 2023-06-20 --index " + test::quote(split / "set.stub"));
    CHECK(sharded_board["tasks"].size() == board.size());
}

TEST_CASE("different documents stay apart: the same number on another title, and two notices without numbers", "[copies][e2e]") {
    Corpus corpus;
    const std::string original = test::read_file(kFields / "govcn-045.txt");
    test::write_file(corpus.docs / "reply.txt", original);
    // Another document under the same number (a mistyped number, or a corrected re-issue with its
    // own title): its title line differs, its text too.
    test::write_file(corpus.docs / "other.txt", with_line_replaced(original, "后勤部机关等迁址新建的批复", "营房建设标准调整的批复"));
    // Two notices without numbers, on one theme, in the same form.
    const auto unnumbered = [](const std::string& text) { return with_line_replaced(text, "苏政办发〔2019〕38号", ""); };
    const std::string flood = text_save(kTexts / "scan_notice.txt");
    test::write_file(corpus.docs / "flood.txt", unnumbered(flood));
    std::string drought = unnumbered(flood);
    drought = with_line_replaced(drought, "一、加强物资储备", "一、加强水源调度。各地要科学调度水库蓄水，优先保障城乡居民生活用水，并于2019年7月底前完成抗旱水源工程检修。");
    drought = with_line_replaced(drought, "二、落实管护责任", "二、强化旱情监测。气象、水文部门要加密旱情会商，每周发布墒情信息，及时提出抗旱措施建议。");
    drought = with_line_replaced(drought, "三、做好应急调拨", "三、组织群众抗旱。基层干部要深入田间地头，指导农户节水灌溉，帮助缺水村组拉水送水。");
    test::write_file(corpus.docs / "drought.txt", drought);
    // Two template letters of the gov.cn corpus (the same 复函 for two cities' games: text similarity
    // 0.59) with their numbers removed.
    test::write_file(corpus.docs / "harbin.txt", with_line_replaced(test::read_file(kFields / "govcn-024.txt"), "国办函〔2004〕36号", ""));
    test::write_file(corpus.docs / "shenzhen.txt", with_line_replaced(test::read_file(kFields / "govcn-031.txt"), "国办函〔2004〕88号", ""));
    corpus.ingest();

    // show 国函〔1996〕95号 is ambiguous again: two documents, not two copies.
    const auto ambiguous = test::run_gongwen("show --index " + test::quote(corpus.index) + " 国函〔1996〕95号");
    CHECK(ambiguous.status == 1);
    CHECK(ambiguous.err.find("2 documents match") != std::string::npos);
    for (const char* name : {"reply.txt", "other.txt", "flood.txt", "drought.txt", "harbin.txt", "shenzhen.txt"}) {
        INFO(name);
        CHECK(corpus.show(normal(corpus.docs / name))["copies"].size() == 1);
    }
    const json both = corpus.search("国函〔1996〕95号");
    CHECK(both["results"].size() == 2);
    const json notices = corpus.search("各设区市人民政府");
    CHECK(notices["results"].size() == 2);
    for (const auto& result : notices["results"]) CHECK(result["copies"].size() == 1);
    const json letters = corpus.search("国际大体联申报");
    CHECK(letters["results"].size() == 2);
    for (const auto& result : letters["results"]) CHECK(result["copies"].size() == 1);
}

TEST_CASE("an index written before copies were detected searches as before: every copy its own result", "[copies][e2e]") {
    Corpus corpus;
    corpus.add(kGenerated / "scan_notice.pdf", "flood.pdf");
    test::write_file(corpus.docs / "flood.txt", text_save(kTexts / "scan_notice.txt"));
    corpus.ingest();
    REQUIRE(corpus.search("防汛抗旱物资")["results"].size() == 1);
    // What an older gongwen wrote: no copy value, no copy terms (the schema version is the same).
    {
        Xapian::WritableDatabase database(corpus.index.string());
        std::vector<Xapian::docid> entries;
        for (auto it = database.postlist_begin(""); it != database.postlist_end(""); ++it) entries.push_back(*it);
        for (const auto docid : entries) {
            Xapian::Document entry = database.get_document(docid);
            entry.remove_value(index::slot::copy_info);
            std::vector<std::string> copy_terms;
            for (auto term = entry.termlist_begin(); term != entry.termlist_end(); ++term) {
                if ((*term).rfind("XK", 0) == 0) copy_terms.push_back(*term);
            }
            for (const auto& term : copy_terms) entry.remove_term(term);
            database.replace_document(docid, entry);
        }
        database.commit();
    }
    const json results = corpus.search("防汛抗旱物资");
    REQUIRE(results["results"].size() == 2);
    for (const auto& result : results["results"]) CHECK(result["copies"] == json::array());
    const auto ambiguous = test::run_gongwen("show --index " + test::quote(corpus.index) + " 苏政办发〔2019〕38号");
    CHECK(ambiguous.status == 1);
    CHECK(ambiguous.err.find("2 documents match") != std::string::npos);
    CHECK(corpus.show(normal(corpus.docs / "flood.pdf"))["copies"] == json::array());
}
