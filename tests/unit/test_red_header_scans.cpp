// Scans of red-header documents (tests/fixtures/texts/redhead_*.txt, scanned at build time by
// tests/tools/make_scan_fixture: red 发文机关标志 and 分隔线, a red seal naming the issuer over the
// date, 300 DPI, askew, grey noise) through the real pipeline — pdf, ocr, docnumber, fields — and
// scored against tests/fixtures/redhead_labels.tsv. Several documents have no signature and a title
// without its issuer, as red-header documents often do: there only the masthead, which red
// removal takes out of the body, names the issuer.
//
// The rates are printed (WARN) on one line starting `redhead-scans:`, for bench/fields_eval.py:
//   build/bin/gongwen_tests "red-header scans*" 2>&1 | grep -a -A3 redhead-scans:
// and with GONGWEN_REDHEAD_RESULTS=FILE each scan's fields, expected and read, go to FILE (TSV).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gongwen/core/config.hpp"
#include "gongwen/core/pipeline.hpp"
#include "masthead_issuer.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

using gongwen::test::join;
using gongwen::test::split;
using gongwen::test::without_spaces;

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::filesystem::path kSource = GONGWEN_TEST_SOURCE_FIXTURES;

struct Label {
    std::string file, doc_number, issuers, issuer_from, title, doc_type, signed_date, recipients, cited;
    std::string slip;   ///< the doc number as OCR misreads it on this scan; empty when it reads clean
};

std::vector<Label> read_labels() {
    std::ifstream in(kSource / "redhead_labels.tsv");
    std::vector<Label> labels;
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto cells = split(line, '\t');
        cells.resize(10);
        labels.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8], cells[9]});
    }
    return labels;
}

/// Extraction with docnumber and fields, without the page cache: every scan is recognised, so
/// that the time measured is OCR's.
const core::Pipeline& pipeline() {
    static const core::Pipeline instance = [] {
        core::Config config = core::parse_config("[ingest]\npage_cache = \"off\"\n", {});
        config.enrichers = {"docnumber", "fields"};
        return core::Pipeline(test::in_tree_plugins(), config, nullptr);
    }();
    return instance;
}

struct Rate {
    int hits = 0, total = 0;
    double value() const { return total == 0 ? 1.0 : static_cast<double>(hits) / total; }
    void add(bool hit) { hits += hit, ++total; }
};

std::string figure(const char* name, const Rate& rate) {
    std::ostringstream out;
    out << name << " " << rate.hits << "/" << rate.total;
    return out.str();
}

struct Scores {
    Rate doc_number, issuer, masthead_issuer, title, doc_type, signed_date, recipients;
    int cited_true = 0, cited_found = 0, cited_right = 0;
    double seconds = 0;
    double precision() const { return cited_found == 0 ? 0 : static_cast<double>(cited_right) / cited_found; }
    double recall() const { return cited_true == 0 ? 1 : static_cast<double>(cited_right) / cited_true; }
};

/// Each scan of `labels` through the pipeline, scored; the figures WARNed on one line starting
/// `prefix`. GONGWEN_REDHEAD_RESULTS=FILE: one row per scan and field (file, field, expected,
/// got) appended to FILE, for bench/fields_eval.py to report beside the gov.cn figures.
Scores score(const std::vector<Label>& labels, const std::string& prefix) {
    Scores scores;
    auto& [doc_number, issuer, masthead_issuer, title, doc_type, signed_date, recipients, cited_true, cited_found, cited_right, seconds] = scores;
    std::ofstream results;
    if (const char* path = std::getenv("GONGWEN_REDHEAD_RESULTS")) {
        const bool fresh = !std::filesystem::exists(path) || std::filesystem::file_size(path) == 0;
        results.open(path, std::ios::app);
        if (fresh) results << "file\tfield\texpected\tgot\n";
    }
    for (const Label& label : labels) {
        const auto started = std::chrono::steady_clock::now();
        const Document document = pipeline().make_worker()->process(kGenerated / (label.file + "_scanned.pdf"));
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::string got_number = document.doc_number ? document.doc_number->normalized : "";
        const std::string got_issuers = join(document.issuers, "、");
        const std::string got_title = document.title ? without_spaces(*document.title) : "";
        const std::string got_type = document.doc_type.value_or("");
        const std::string got_date = document.signed_date.value_or("");
        const std::string got_recipients = join(document.recipients, "；");
        const auto source = document.provenance.count("issuer") ? document.provenance.at("issuer").source : std::string();
        std::string masthead = document.pages.empty() ? "" : document.pages.front().masthead;
        // Each document's reading, whatever passes, so that a falling rate shows what slipped.
        std::string text;
        for (const auto& paragraph : document.paragraphs) text += paragraph.text + "\n";
        UNSCOPED_INFO(label.file << ": number [" << got_number << "] issuer [" << got_issuers << "] (" << source << ") masthead ["
                                 << masthead << "] title [" << got_title << "] type [" << got_type << "] date [" << got_date
                                 << "] recipients [" << got_recipients << "]");
        std::string got_cited;
        for (const auto& cited : document.cited_documents) {
            if (!cited.doc_number.empty() && cited.doc_number != got_number) got_cited += (got_cited.empty() ? "" : ";") + cited.doc_number;
        }
        if (results) {
            const std::pair<const char*, std::pair<std::string, std::string>> rows[] = {
                {"doc_number", {label.doc_number, got_number}}, {"issuers", {label.issuers, got_issuers}},
                {"issuer_source", {label.issuer_from == "masthead" ? "masthead" : "", source}}, {"title", {label.title, got_title}},
                {"doc_type", {label.doc_type, got_type}}, {"signed_date", {label.signed_date, got_date}},
                {"recipients", {label.recipients, got_recipients}}, {"cited", {label.cited, got_cited}}};
            for (const auto& [field, values] : rows) results << label.file << "\t" << field << "\t" << values.first << "\t" << values.second << "\n";
        }
        doc_number.add(got_number == label.doc_number);
        issuer.add(got_issuers == label.issuers);
        if (label.issuer_from == "masthead") masthead_issuer.add(got_issuers == label.issuers && source == "masthead");
        title.add(got_title == label.title);
        doc_type.add(got_type == label.doc_type);
        signed_date.add(got_date == label.signed_date);
        recipients.add(got_recipients == label.recipients);
        if (!label.cited.empty()) {
            const auto expected = split(label.cited, ';');
            const auto found = got_cited.empty() ? std::vector<std::string>{} : split(got_cited, ';');
            cited_true += static_cast<int>(expected.size());
            cited_found += static_cast<int>(found.size());
            for (const auto& number : found) cited_right += std::find(expected.begin(), expected.end(), number) != expected.end();
            UNSCOPED_INFO(label.file << ": cited [" << join(found, ";") << "]");
        }
    }
    const double precision = scores.precision(), recall = scores.recall();
    std::ostringstream line;
    line.precision(3);
    line << prefix << ": " << figure("doc_number", doc_number) << " | " << figure("issuer", issuer) << " | "
         << figure("issuer_from_masthead", masthead_issuer) << " | " << figure("title", title) << " | " << figure("doc_type", doc_type)
         << " | " << figure("signed_date", signed_date) << " | " << figure("recipients", recipients) << " | cited_precision "
         << precision << " (" << cited_right << "/" << cited_found << ") | cited_recall " << recall << " (" << cited_right << "/"
         << cited_true << ") | ocr_seconds_per_scan " << seconds / static_cast<double>(labels.size());
    WARN(line.str());
    return scores;
}

}  // namespace

TEST_CASE("red-header scans: doc number, masthead issuer, title, 文种, date, recipients and citations", "[ocr][masthead][e2e]") {
    std::vector<Label> labels = read_labels();
    std::erase_if(labels, [](const Label& label) { return !label.slip.empty(); });
    REQUIRE(labels.size() >= 8);
    const Scores scores = score(labels, "redhead-scans");
    REQUIRE(scores.doc_number.value() == 1.0);
    REQUIRE(scores.issuer.value() >= 0.9);
    REQUIRE(scores.masthead_issuer.value() >= 0.9);
    REQUIRE(scores.title.value() >= 0.9);
    REQUIRE(scores.signed_date.value() >= 0.9);
    REQUIRE(scores.precision() >= 0.95);
    REQUIRE(scores.recall() >= 0.95);
}

// A scan whose 发文字号 OCR misreads (`湘应急办字【〔2020]42号`, blurred and noisy): the doc-number
// grammar accepts the bracket slip, so the number is found and the head ends where it should —
// the number is not taken for the start of the title. (Whether every character of the title
// survives the blur is OCR's, scored with the other scans' titles above.)
TEST_CASE("red-header scans whose doc number OCR misreads", "[ocr][masthead][e2e]") {
    std::vector<Label> labels = read_labels();
    std::erase_if(labels, [](const Label& label) { return label.slip.empty(); });
    REQUIRE_FALSE(labels.empty());
    const Scores scores = score(labels, "redhead-scans-slips");
    CHECK(scores.doc_number.value() == 1.0);
    for (const Label& label : labels) {
        const Document document = pipeline().make_worker()->process(kGenerated / (label.file + "_scanned.pdf"));
        REQUIRE(document.title);
        CHECK(document.title->starts_with("关于"));
        REQUIRE(document.doc_number);
        CHECK(document.doc_number->text == label.slip);   // read with its slip, normalized without it
    }
    // Already now: the garbled number before 关于 is not taken for the issuer the title names.
    REQUIRE(scores.issuer.value() == 1.0);
}

TEST_CASE("the red masthead of a scanned first page is read apart from the body and names the issuer", "[ocr][masthead]") {
    // 天津市水务局文件 over a 批复 with neither a signature nor an issuer in its title.
    const Document document = pipeline().make_worker()->process(kGenerated / "redhead_water_scanned.pdf");
    REQUIRE_FALSE(document.pages.empty());
    const Page& first = document.pages.front();
    INFO("masthead: " << first.masthead);
    CHECK(first.ocr);
    CHECK(without_spaces(first.masthead).find("天津市水务局") != std::string::npos);
    // The body reading stays without it: red is removed before the page is read.
    for (const Line& line : first.lines) CHECK(without_spaces(line.text).find("水务局文件") == std::string::npos);
    CHECK(document.issuers == std::vector<std::string>{"天津市水务局"});
    REQUIRE(document.provenance.count("issuer"));
    CHECK(document.provenance.at("issuer").source == "masthead");
    CHECK(document.extra.at("issuer_source") == "masthead");
}

TEST_CASE("the masthead is kept in the OCR cache with the page", "[ocr][masthead][page-cache]") {
    test::TempDir dir;
    const auto cache = dir / "cache";
    test::write_file(dir / "gongwen.toml", "[ingest]\npage_cache = \"" + cache.string() + "\"\n");
    const std::string extract = "--config " + test::quote(dir / "gongwen.toml") + " extract --json " +
                                test::quote(kGenerated / "redhead_water_scanned.pdf");
    auto result = test::run_gongwen(extract);
    REQUIRE(result.status == 0);
    CHECK(nlohmann::json::parse(result.out)["issuer"] == "天津市水务局");
    std::vector<std::filesystem::path> entries;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(cache)) {
        if (entry.is_regular_file()) entries.push_back(entry.path());
    }
    REQUIRE(entries.size() == 1);
    // What is stored comes back instead of a new reading: altered there, the alteration is read.
    std::string stored = test::read_file(entries.front());
    const auto at = stored.find("天津市水务局文件");
    REQUIRE(at != std::string::npos);
    stored.replace(at, std::string("天津市水务局文件").size(), "天津市水利局文件");
    test::write_file(entries.front(), stored);
    result = test::run_gongwen(extract);
    REQUIRE(result.status == 0);
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["issuer"] == "天津市水利局");
    CHECK(document["extra"]["masthead"] == "天津市水利局文件");
    CHECK(document["provenance"]["issuer"]["source"] == "masthead");
}

TEST_CASE("a scan whose issuer only its masthead names is found by 机关", "[ocr][masthead][e2e]") {
    test::TempDir dir;
    const std::string index = " --index " + test::quote(dir / "index");
    const auto ingest = test::run_gongwen("ingest --json" + index + " " + test::quote(kGenerated / "redhead_water_scanned.pdf"));
    INFO("stderr: " << ingest.err);
    REQUIRE(ingest.status == 0);
    const auto search = test::run_gongwen("search --json" + index + " '机关:天津市水务局'");
    REQUIRE(search.status == 0);
    CHECK(nlohmann::json::parse(search.out)["total"] == 1);
}

TEST_CASE("a scan without red at its top has no masthead", "[ocr][masthead]") {
    // A title in black, the red seal over the date half-way down the page.
    const Document document = pipeline().make_worker()->process(kGenerated / "scan_notice_scanned.pdf");
    REQUIRE_FALSE(document.pages.empty());
    CHECK(document.pages.front().masthead.empty());
    CHECK(document.issuers == std::vector<std::string>{"江苏省人民政府办公厅"});
    CHECK(document.provenance.at("issuer").source.empty());
}

TEST_CASE("masthead text is a name without 文件 and without OCR debris, joint issuers kept apart", "[fields][masthead]") {
    CHECK(fields::organ_names({"国务院", "中央军委"}));
    CHECK_FALSE(fields::organ_names({"湘应急办字【〔2020]42号"}));
    CHECK(fields::masthead_name("天津市水务局文件") == "天津市水务局");
    CHECK(fields::masthead_name("云溪市教育局 云溪市财政局文件") == "云溪市教育局 云溪市财政局");
    CHECK(fields::masthead_name("| 临江市人民政府办公室文件 一") == "临江市人民政府办公室");
    CHECK(fields::masthead_name("云溪市教育局”云溪市财政局文件") == "云溪市教育局 云溪市财政局");
    CHECK(fields::masthead_name("江华市民政局") == "江华市民政局");
    // Stacked joint names, the shorter spread out, `文件` to their right read between them.
    CHECK(fields::masthead_name("青原市发展和改革委员会 文件 青 原 市 财 政 局") == "青原市发展和改革委员会 青原市财政局");
    CHECK(fields::masthead_name("青原市发展和改革委员会 青原 市 财政局文件") == "青原市发展和改革委员会 青原市财政局");
    CHECK(fields::masthead_name("中共青原市委 办公室 青原市人民政府 办公室文件") == "中共青原市委办公室 青原市人民政府办公室");
    CHECK(fields::masthead_name("南 江 市 人 力 资 源 和 社 会 保 障 局 文 件") == "南江市人力资源和社会保障局");
    CHECK_FALSE(fields::masthead_name("文件"));
    CHECK_FALSE(fields::masthead_name("|| ."));
}

TEST_CASE("an OCR title glued to its 主送 line is split where the recipients start", "[fields][masthead]") {
    auto glued = fields::split_title_from_recipients("关于印发临江市2021年优化营商环境工作要点的通知各区县人民政府，市政府各部门：");
    REQUIRE(glued);
    CHECK(glued->title == "关于印发临江市2021年优化营商环境工作要点的通知");
    CHECK(glued->recipients == "各区县人民政府，市政府各部门");
    CHECK(glued->rest.empty());
    // OCR also joined the body's first sentence.
    glued = fields::split_title_from_recipients("工作的通知 各市州应急管理局，湘江新区应急管理局：省应急管理厅定于2020年7月组织考核。");
    REQUIRE(glued);
    CHECK(glued->title == "工作的通知");
    CHECK(glued->recipients == "各市州应急管理局，湘江新区应急管理局");
    CHECK(glued->rest == "省应急管理厅定于2020年7月组织考核。");
    // The colon read as `;` or `，`: the list ends at the last name of a body.
    glued = fields::split_title_from_recipients("关于开展2021年度企业薪酬调查工作的通知各区县人力资源社会保障局，各有关企业;");
    REQUIRE(glued);
    CHECK(glued->recipients == "各区县人力资源社会保障局，各有关企业");
    glued = fields::split_title_from_recipients("有关事项的通知市直各部门，各县（区）财政局，为进一步加强预算执行管理，现通知如下：");
    REQUIRE(glued);
    CHECK(glued->title == "有关事项的通知");
    CHECK(glued->recipients == "市直各部门，各县（区）财政局");
    CHECK(glued->rest == "为进一步加强预算执行管理，现通知如下：");
    // A chain splits after the outer 文种; the inner one is followed by 》.
    glued = fields::split_title_from_recipients("关于转发《省政府关于X的通知》的通知各有关单位：");
    REQUIRE(glued);
    CHECK(glued->title == "关于转发《省政府关于X的通知》的通知");
    // A sentence is no 主送 line; a title alone has none.
    CHECK_FALSE(fields::split_title_from_recipients("现将有关事项通知如下："));
    CHECK_FALSE(fields::split_title_from_recipients("现将有关事项通知各地，请认真贯彻执行。"));
    CHECK_FALSE(fields::split_title_from_recipients("关于做好2019年度社会组织年度检查工作的通知"));
    // The 主送 line first, its colon misread, then the body.
    const auto list = fields::recipients_before_body("天津市武清区水利工程建设管理中心;你单位《关于上报的请示》收悉。");
    REQUIRE(list);
    CHECK(list->first == "天津市武清区水利工程建设管理中心");
    CHECK(list->second == "你单位《关于上报的请示》收悉。");
    CHECK(fields::recipients_before_body("各区县人民政府，市政府各部门]:")->first == "各区县人民政府，市政府各部门");
    CHECK(fields::recipients_before_body("各县（市、区）人民政府，市政府各部门}:")->first == "各县（市、区）人民政府，市政府各部门");
    CHECK_FALSE(fields::recipients_before_body("市人民政府，市政府各部门要认真落实。"));
    // An organ's name alone is a title line (`南川市住房和城乡建设委员会` above `关于…`), not a 主送 line.
    CHECK_FALSE(fields::recipients_before_body("南川市住房和城乡建设委员会"));
}

TEST_CASE("the title and 主送 of red-header scans are read apart and 文种 comes from the title", "[ocr][masthead]") {
    // Titles printed right above their 主送 line, no empty line between.
    for (const std::string name : {"redhead_gov_office", "redhead_emergency"}) {
        const Document document = pipeline().make_worker()->process(kGenerated / (name + "_scanned.pdf"));
        INFO(name);
        REQUIRE(document.title);
        CHECK(document.title->find("：") == std::string::npos);
        CHECK(document.title->find("各") == std::string::npos);
        CHECK(document.doc_type == "通知");
        REQUIRE_FALSE(document.recipients.empty());
        CHECK(document.recipients.front().starts_with("各"));
    }
}
