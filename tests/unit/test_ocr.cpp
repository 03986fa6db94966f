// The ocr plugin on scans made at build time by tests/tools/make_scan_fixture from the
// scan_notice fixture: an image-only PDF (300 DPI, 1.2° askew, red seal over the date, a blank
// second page), a PNG (askew the other way) and a two-page TIFF whose second page is noise.
// Each test OCRs one A4 page or two: OCR is slow, so scans are shared and few.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "../../plugins/ocr/ocr_text.hpp"
#include "gongwen/core/config.hpp"
#include "gongwen/core/pipeline.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;
const std::string kTitle = "江苏省人民政府办公厅关于做好防汛抗旱物资储备工作的通知";

json extract_json(const std::filesystem::path& file, const std::string& config = "") {
    const auto result = test::run_gongwen((config.empty() ? "" : "--config " + test::quote(config) + " ") + "extract --json " + test::quote(file));
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

bool any_contains(const json& list, const std::string& text) {
    for (const auto& item : list) {
        if (item.get<std::string>().find(text) != std::string::npos) return true;
    }
    return false;
}

std::string repaired(const std::string& text) { return to_utf8(ocr::repair_tokens(to_u32(text))); }

/// `first` followed by `second` (`second_pages` in qpdf's syntax, e.g. "1"; all when empty), as `out`.
void concatenate_pdfs(const std::filesystem::path& first, const std::filesystem::path& second, const std::string& second_pages,
                      const std::filesystem::path& out) {
    REQUIRE(std::system(("qpdf --empty --pages " + test::quote(first) + " " + test::quote(second) + " " + second_pages + " -- " +
                         test::quote(out)).c_str()) == 0);
}

}  // namespace

TEST_CASE("a scanned notice yields its doc number, title, issuer and signed date under the seal", "[ocr][e2e]") {
    const json document = extract_json(kGenerated / "scan_notice_scanned.pdf");
    INFO(document.dump(1));
    CHECK(document["source"]["format"] == "pdf");
    CHECK(document["source"]["ocr_pages"] == json::array({1}));   // page 2 is blank: previewed, not OCR'd
    CHECK(document["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
    CHECK(document["title"] == kTitle);
    CHECK(document["signed_date"] == "2019-05-08");
    CHECK(document["issuer"] == "江苏省人民政府办公厅");
    std::vector<std::string> paths;
    for (const auto& clause : document["clauses"]) paths.push_back(clause["path"]);
    CHECK(paths == std::vector<std::string>{"", "一、", "二、", "三、"});
    CHECK(any_contains(document["warnings"], "blank pages not OCR'd: 2"));
    CHECK_FALSE(any_contains(document["warnings"], "confidence"));
}

TEST_CASE("the clauses of a scanned notice are searchable through ingest and search", "[ocr][e2e]") {
    test::TempDir dir;
    const auto index = dir / "index";
    const auto ingest = test::run_gongwen("ingest --json --index " + test::quote(index) + " " +
                                          test::quote(kGenerated / "scan_notice_scanned.pdf"));
    INFO("stdout: " << ingest.out << "\nstderr: " << ingest.err);
    REQUIRE(ingest.status == 0);
    const auto search = [&](const std::string& query) {
        const auto result = test::run_gongwen("search --json --index " + test::quote(index) + " '" + query + "'");
        REQUIRE(result.status == 0);
        return json::parse(result.out);
    };
    const json storage = search("足额储备编织袋");
    REQUIRE(storage["total"] == 1);
    CHECK(storage["results"][0]["clause_path"] == "一、");
    const json loading = search("六小时内完成装车");
    REQUIRE(loading["total"] == 1);
    CHECK(loading["results"][0]["clause_path"] == "三、");
    const json by_number = search("苏政办发[2019]38号");
    REQUIRE(by_number["results"].size() == 1);
    CHECK(by_number["results"][0]["doc_number"] == "苏政办发〔2019〕38号");
}

TEST_CASE("a mixed PDF keeps its text layer where it has one and OCRs the scanned page", "[ocr][e2e]") {
    test::TempDir dir;
    const auto mixed = dir / "mixed.pdf";
    // A typed letter followed by a scanned page, as when a scanned attachment is appended.
    concatenate_pdfs(kGenerated / "short_letter.pdf", kGenerated / "scan_notice_scanned.pdf", "1", mixed);
    const json document = extract_json(mixed);
    INFO(document.dump(1));
    CHECK(document["source"]["pages"] == 2);
    CHECK(document["source"]["ocr_pages"] == json::array({2}));
    CHECK(document["doc_number"]["normalized"] == "苏政办函〔2019〕25号");
    bool typed = false, scanned = false;
    for (const auto& clause : document["clauses"]) {
        const std::string text = clause["text"];
        typed = typed || (text.find("完成摸底排查") != std::string::npos && clause["page"] == 1);
        // The scanned notice's 一、 does not continue the letter's numbering: the clause splitter
        // may keep it inside the letter's last clause, which starts on page 1.
        scanned = scanned || text.find("足额储备编织袋") != std::string::npos;
    }
    CHECK(typed);
    CHECK(scanned);
}

TEST_CASE("a page with a few words and nothing else keeps its text, a scan under a stamped page number is OCR'd",
          "[ocr][e2e][sparse-text]") {
    test::TempDir dir;
    // （此页无正文）: the signature page of a notice without body text (GB/T 9704) — nothing to OCR.
    const auto letter = dir / "letter_and_empty_page.pdf";
    concatenate_pdfs(kGenerated / "short_letter.pdf", kGenerated / "no_body_page.pdf", "", letter);
    const json typed = extract_json(letter);
    INFO(typed.dump(1));
    CHECK(typed["source"]["pages"] == 2);
    CHECK(typed["source"]["ocr_pages"].empty());
    bool kept = false;
    for (const auto& clause : typed["clauses"]) kept = kept || clause["text"].get<std::string>().find("此页无正文") != std::string::npos;
    CHECK(kept);

    // The same few characters stamped over a scanned page: the scan is read.
    const auto stamped = dir / "stamped_scan.pdf";
    REQUIRE(std::system(("qpdf " + test::quote(kGenerated / "scan_notice_scanned.pdf") + " --pages . 1 -- --overlay " +
                         test::quote(kGenerated / "page_number_stamp.pdf") + " -- " + test::quote(stamped)).c_str()) == 0);
    const json scanned = extract_json(stamped);
    CHECK(scanned["source"]["ocr_pages"] == json::array({1}));
    CHECK(scanned["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
}

TEST_CASE("a scanned PNG is recognised by its content, with word boxes in its own pixels", "[ocr]") {
    test::TempDir dir;
    // No extension: the content decides.
    std::filesystem::copy_file(kGenerated / "scan_notice.png", dir / "scan");
    const core::Pipeline pipeline(test::in_tree_plugins(), core::parse_config("", {}), nullptr);
    const Document document = pipeline.make_worker()->process(dir / "scan");
    CHECK(document.source.format == "image");
    CHECK(document.source.mime_type == "image/png");
    CHECK(document.source.ocr_pages == std::vector<int>{1});
    REQUIRE(document.pages.size() == 1);
    const Page& page = document.pages[0];
    CHECK(page.ocr);
    CHECK(page.ocr_confidence > 70);
    CHECK(page.width == Approx(2480).margin(2));   // A4 at 300 DPI
    REQUIRE(document.doc_number);
    CHECK(document.doc_number->normalized == "苏政办发〔2019〕38号");
    std::size_t words = 0;
    for (const Line& line : page.lines) {
        CHECK(line.text.find("  ") == std::string::npos);
        for (const Word& word : line.words) {
            ++words;
            CHECK(word.confidence >= 0);
            CHECK(word.box.x0 >= 0);
            CHECK(word.box.x1 <= page.width);
            CHECK(word.box.y1 <= page.height);
            CHECK(word.box.x0 < word.box.x1);
            if (!word.char_boxes.empty()) CHECK(word.char_boxes.size() == to_u32(word.text).size());
        }
    }
    CHECK(words > 20);
    // No spaces between Chinese characters in what is indexed.
    bool found = false;
    for (const Clause& clause : document.clauses) found = found || clause.text.find("建立出入库台账") != std::string::npos;
    CHECK(found);
}

TEST_CASE("a noise page gives a warning, not a failure of the document, max_pages caps OCR with a warning", "[ocr]") {
    const std::filesystem::path tiff = kGenerated / "scan_notice_noise.tif";
    SECTION("noise page") {
        const json document = extract_json(tiff);
        INFO(document.dump(1));
        CHECK(document["source"]["pages"] == 2);
        CHECK(document["source"]["mime_type"] == "image/tiff");
        CHECK(document["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
        CHECK(any_contains(document["warnings"], "page 2: OCR"));
        CHECK_FALSE(any_contains(document["warnings"], "page 1:"));
    }
    SECTION("page limit") {
        test::TempDir dir;
        test::write_file(dir / "gongwen.toml", "[plugins.ocr]\nmax_pages = 1\n");
        const json document = extract_json(tiff, (dir / "gongwen.toml").string());
        INFO(document.dump(1));
        CHECK(document["source"]["ocr_pages"] == json::array({1}));
        CHECK(any_contains(document["warnings"], "pages 2 not OCR'd: plugins.ocr.max_pages = 1"));
    }
}

TEST_CASE("corrupt, hostile and empty images are rejected with a clear reason", "[ocr][bad-input]") {
    test::TempDir dir;
    const std::string png = test::read_file(kGenerated / "scan_notice.png");
    REQUIRE(png.size() > 10000);
    test::write_file(dir / "truncated.png", png.substr(0, png.size() / 10));
    std::string absurd = "\x89PNG\r\n\x1a\n";
    absurd += std::string("\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00\x00\x00\x00\x00", 25);
    test::write_file(dir / "absurd.png", absurd);
    test::write_file(dir / "header-only.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11));

    const auto rejected = [&](const std::string& name) {
        const auto result = test::run_gongwen("extract " + test::quote(dir / name));
        INFO(name << ": " << result.err);
        CHECK(result.status == 2);
        CHECK_THAT(result.err, Catch::Contains(name) && Catch::Contains("rejected"));
        return result.err;
    };
    CHECK_THAT(rejected("truncated.png"), Catch::Contains("corrupt or truncated PNG image"));
    CHECK_THAT(rejected("absurd.png"), Catch::Contains("100000×100000 pixels") && Catch::Contains("plugins.ocr.max_megapixels"));
    CHECK_THAT(rejected("header-only.jpg"), Catch::Contains("corrupt or truncated JPEG image"));
}

TEST_CASE("OCR confusions in doc numbers and years are repaired only where the context is certain", "[ocr]") {
    CHECK(repaired("苏政办发[2019]38号") == "苏政办发〔2019〕38号");
    CHECK(repaired("苏政办发(2019)38号文") == "苏政办发〔2019〕38号文");
    CHECK(repaired("国办发C2O19J3号") == "国办发〔2019〕3号");
    CHECK(repaired("苏政办发〔2019〕38兮") == "苏政办发〔2019〕38号");
    // chi_sim reads 〕 as ']' and a 'j' hook at 200 DPI: the hook goes (govcn-004 p.1, govcn-002 p.1).
    CHECK(repaired("作的意见国办发【2019]j4号各省") == "作的意见国办发〔2019〕4号各省");
    CHECK(repaired("(国发【2015]j43号),按照") == "(国发〔2015〕43号),按照");
    CHECK(repaired("附件【2019]jx号") == "附件【2019]jx号");   // no serial: not a doc number
    CHECK(repaired("市市场监管局〈牵头)、市公安局") == "市市场监管局（牵头）、市公安局");
    CHECK(repaired("由市财政局牵头，") == "由市财政局牵头，");
    CHECK(repaired("将市市场监管局〈牵") == "将市市场监管局（牵");   // a cell wrapped inside the mark
    CHECK(repaired("头)") == "头）");
    CHECK(repaired("管局〈牵2023年6") == "管局（牵2023年6");   // the next column's date follows on the row
    CHECK(repaired("(牵涉多个部门)") == "(牵涉多个部门)");
    // Brackets around Han text in a sentence: full-width, as printed.
    CHECK(repaired("各县〈市、区)人民政府") == "各县（市、区）人民政府");
    CHECK(repaired("各县(市、区)人民政府") == "各县（市、区）人民政府");
    CHECK(repaired("各县《市、区)人民政府") == "各县（市、区）人民政府");
    CHECK(repaired("区住房(城乡建设)局") == "区住房（城乡建设）局");
    CHECK(repaired("贯彻《安全生产法》") == "贯彻《安全生产法》");   // a title stays a title
    CHECK(repaired("印发〈方案〉的通知") == "印发〈方案〉的通知");
    CHECK(repaired("(一)加强领导") == "(一)加强领导");   // no Han before it: left as read
    CHECK(repaired("推行“一网通办\"，将") == "推行“一网通办”，将");
    CHECK(repaired("推行“一网通办“，将") == "推行“一网通办”，将");
    CHECK(repaired("称为\"数字政府\"") == "称为“数字政府”");
    CHECK(repaired("2016年1]月底前") == "2016年11月底前");
    CHECK(repaired("12月1l日前") == "12月11日前");
    CHECK(repaired("5月15目前") == "5月15日前");
    CHECK(repaired("2016年1]3月") == "2016年1]3月");   // no month 113
    CHECK(repaired("目前已完成") == "目前已完成");
    CHECK(repaired("共计(1234)人次") == "共计(1234)人次");
    CHECK(repaired("二0一九年五月") == "二〇一九年五月");
    CHECK(repaired("于2O19年底前") == "于2019年底前");
    CHECK(repaired("二〇〇二四年五月十日") == "二〇二四年五月十日");   // a 〇 read twice
    CHECK(repaired("二OO二四年") == "二〇二四年");
    CHECK(repaired("二〇〇〇年") == "二〇〇〇年");                   // four numerals: a year as it is
    CHECK(repaired("一二〇〇〇年") == "一二〇〇〇年");               // no year of 1950–2099 without a 〇
    // Not doc numbers, not years: left alone.
    CHECK(repaired("附件(2019)") == "附件(2019)");
    CHECK(repaired("(2019)38号") == "(2019)38号");
    CHECK(repaired("共计(1234)人次") == "共计(1234)人次");
    CHECK(repaired("第O页") == "第O页");
    CHECK(repaired("ABCO年") == "ABCO年");
    // The number of a 令 or 公告 on its own line, its 号 misread.
    CHECK(repaired("第18己") == "第18号");
    CHECK(repaired("第3兮") == "第3号");
    CHECK(repaired("第18号") == "第18号");
    CHECK(repaired("第一己") == "第一己");         // no serial in digits
    CHECK(repaired("第18己任务") == "第18己任务");   // not a line of its own
    CHECK(repaired("苏政办发〔2019〕38己") == "苏政办发〔2019〕38号");
}

TEST_CASE("OCR lines are put in rows top to bottom, cells of one row joined left to right", "[ocr]") {
    const auto word = [](const std::string& text, double x0, double y0) {
        Word w;
        w.text = text;
        w.box = {x0, y0, x0 + 40.0 * static_cast<double>(to_u32(text).size()), y0 + 40};
        return w;
    };
    const auto line = [](std::vector<Word> words) {
        Line l;
        l.box = words.front().box;
        for (const Word& w : words) {
            l.box = {std::min(l.box.x0, w.box.x0), std::min(l.box.y0, w.box.y0), std::max(l.box.x1, w.box.x1), std::max(l.box.y1, w.box.y1)};
        }
        l.words = std::move(words);
        return l;
    };
    // Tesseract's order for a two-column table: the left column's cells, then the right column's.
    std::vector<Line> lines{line({word("序号", 100, 100)}), line({word("一", 100, 200)}),
                            line({word("任务", 600, 102)}), line({word("物资", 600, 198), word("储备", 690, 198)})};
    std::vector<Line> rows = ocr::order_rows(lines);
    REQUIRE(rows.size() == 2);
    for (Line& row : rows) ocr::tidy_line(row);
    CHECK(rows[0].text == "序号 任务");       // a column gap stays a space
    CHECK(rows[1].text == "一 物资储备");     // Tesseract's space inside Chinese text goes

    // One line of print read twice, once whole and once from the tops of its glyphs: kept once,
    // the whole reading. Lines side by side or one under another stay.
    Line whole = line({word("第18号", 800, 480)});
    Line tops = line({word("4好AD号", 800, 482)});
    tops.box.y1 = tops.box.y0 + 14;
    std::vector<Line> read{tops, whole, line({word("青州", 100, 480)}), line({word("第19号", 800, 530)})};
    ocr::drop_double_readings(read);
    REQUIRE(read.size() == 3);
    CHECK(read[0].words.front().text == "第18号");
    CHECK(read[1].words.front().text == "青州");
    CHECK(read[2].words.front().text == "第19号");
}

TEST_CASE("without its language data the OCR plugin says what is missing", "[ocr][bad-input]") {
    test::TempDir dir;
    test::write_file(dir / "gongwen.toml", "[plugins.ocr]\nlanguages = \"no_such_language\"\n");
    const std::string config = " --config " + test::quote(dir / "gongwen.toml");
    const auto image = test::run_gongwen(config + " extract " + test::quote(kGenerated / "scan_notice.png"));
    CHECK(image.status == 2);
    CHECK_THAT(image.err, Catch::Contains("cannot load language data 'no_such_language'"));
    const auto pdf = test::run_gongwen(config + " extract " + test::quote(kGenerated / "scan_notice_scanned.pdf"));
    CHECK(pdf.status == 2);
    CHECK_THAT(pdf.err, Catch::Contains("OCR cannot work") && Catch::Contains("no_such_language"));
}

namespace {

std::vector<std::filesystem::path> cache_entries(const std::filesystem::path& cache) {
    std::vector<std::filesystem::path> entries;
    if (!std::filesystem::exists(cache)) return entries;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(cache)) {
        if (entry.is_regular_file()) entries.push_back(entry.path());
    }
    return entries;
}

void replace_in_file(const std::filesystem::path& file, const std::string& from, const std::string& to) {
    std::string text = test::read_file(file);
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    test::write_file(file, text);
}

}  // namespace

TEST_CASE("OCR results are cached by page content and recognised again with ingest --re-ocr", "[ocr][e2e][page-cache]") {
    test::TempDir dir;
    const auto cache = dir / "cache";
    test::write_file(dir / "gongwen.toml", "[ingest]\npage_cache = \"" + cache.string() + "\"\n");
    const std::string config = (dir / "gongwen.toml").string();
    const auto scan = kGenerated / "scan_notice.png";

    CHECK(extract_json(scan, config)["title"] == kTitle);
    const auto entries = cache_entries(cache);
    REQUIRE(entries.size() == 1);   // one page, one entry
    CHECK_THAT(test::read_file(entries.front()), Catch::Contains("防汛抗旱"));

    // A stored result stands in for recognition: altered in the cache, the alteration comes back.
    replace_in_file(entries.front(), "防汛抗旱", "森林防火");
    CHECK(extract_json(scan, config)["title"] == "江苏省人民政府办公厅关于做好森林防火物资储备工作的通知");

    // --re-ocr recognises the page again and replaces the stored result.
    const auto ingest = test::run_gongwen("--config " + test::quote(config) + " ingest --json --re-ocr --index " + test::quote(dir / "index") +
                                          " " + test::quote(scan));
    INFO("stderr: " << ingest.err);
    REQUIRE(ingest.status == 0);
    CHECK_THAT(test::read_file(entries.front()), Catch::Contains("防汛抗旱") && !Catch::Contains("森林防火"));
    const auto search = test::run_gongwen("--config " + test::quote(config) + " search --json --index " + test::quote(dir / "index") + " 防汛抗旱物资");
    REQUIRE(search.status == 0);
    CHECK(json::parse(search.out)["total"] == 1);
}

TEST_CASE("the pages of one scan are read by several engines in parallel, with the same result as one by one",
          "[ocr][e2e][parallel]") {
    // The three-page scanned task table; no page cache, so that every run recognises every page.
    test::TempDir dir;
    test::write_file(dir / "gongwen.toml", "[ingest]\npage_cache = \"off\"\n");
    const std::string config = (dir / "gongwen.toml").string();
    const auto scan = kGenerated / "task_table_scanned.pdf";
    const auto extract_with_jobs = [&](int jobs) {
        const auto result = test::run_gongwen("--config " + test::quote(config) + " extract --json --jobs " + std::to_string(jobs) + " " +
                                              test::quote(scan));
        INFO("stderr: " << result.err);
        REQUIRE(result.status == 0);
        return json::parse(result.out);
    };
    json one = extract_with_jobs(1);
    json two = extract_with_jobs(2);
    REQUIRE(one["source"]["ocr_pages"] == json::array({1, 2, 3}));
    CHECK(one["extra"]["ocr_engines"] == "1");
    // One engine on the caller's thread, one on a helper that leased the second core.
    CHECK(two["extra"]["ocr_engines"] == "2");
    one["extra"].erase("ocr_engines");
    two["extra"].erase("ocr_engines");
    CHECK(one.dump(1) == two.dump(1));   // text, boxes, clauses, tables, fields, warnings: all the same
    CHECK(one["tables"].size() >= 1);

    SECTION("through ingest: a worker leases the core of the idle second worker") {
        const auto ingest = test::run_gongwen("--config " + test::quote(config) + " ingest --json --jobs 2 --index " +
                                              test::quote(dir / "index") + " " + test::quote(scan));
        INFO("stderr: " << ingest.err);
        REQUIRE(ingest.status == 0);
        const auto show = test::run_gongwen("--config " + test::quote(config) + " show --json --index " + test::quote(dir / "index") +
                                            " " + test::quote(scan));
        REQUIRE(show.status == 0);
        const json record = json::parse(show.out);
        CHECK(record["extra"]["ocr_engines"] == "2");
        CHECK(record["clauses"] == two["clauses"]);
    }
}

TEST_CASE("a scanned page under a garbage text layer is OCR'd like a page without one", "[ocr][e2e][garbage-text]") {
    // make_scan_fixture --garbage-text-layer: the scan of the notice over a hidden text layer of
    // mojibake (GB18030 bytes read as Latin-1) with replacement and private-use characters.
    const auto scan = kGenerated / "scan_notice_garbage.pdf";
    test::TempDir dir;
    // The text layer really is there and really is garbage: read without OCR, it is all there is.
    test::write_file(dir / "no-ocr.toml", "[plugins]\ndisabled = [\"ocr\"]\n");
    const json layer_only = extract_json(scan, (dir / "no-ocr.toml").string());
    CHECK(layer_only["source"]["ocr_pages"] == json::array());
    CHECK(layer_only["doc_number"].is_null());
    std::string layer_text;
    for (const auto& clause : layer_only["clauses"]) layer_text += clause["text"].get<std::string>();
    CHECK_THAT(layer_text, Catch::Contains("\xEF\xBF\xBD") && Catch::Contains("\xC3\x95"));   // U+FFFD, Õ
    bool han = false;
    for (const char32_t cp : to_u32(layer_text)) han = han || is_han(cp);
    CHECK_FALSE(han);

    const json document = extract_json(scan);
    INFO(document.dump(1));
    CHECK(document["source"]["ocr_pages"] == json::array({1}));
    CHECK(document["doc_number"]["normalized"] == "苏政办发〔2019〕38号");
    CHECK(document["title"] == kTitle);
    CHECK(document["signed_date"] == "2019-05-08");
    for (const auto& clause : document["clauses"]) {
        const std::string text = clause["text"];
        CHECK(text.find("\xEF\xBF\xBD") == std::string::npos);   // nothing of the garbage layer left
        CHECK(text.find("\xC3\x95") == std::string::npos);
    }
}

TEST_CASE("a dropped bracket hook takes its character box with it", "[ocr]") {
    Line line;
    Word word;
    word.text = "国办发【2019]j4号";
    const std::u32string cps = to_u32(word.text);
    for (std::size_t i = 0; i < cps.size(); ++i) word.char_boxes.push_back({10.0 * i, 0, 10.0 * i + 9, 10});
    word.box = {0, 0, 10.0 * cps.size(), 10};
    line.words.push_back(word);
    ocr::tidy_line(line);
    REQUIRE(line.words.size() == 1);
    CHECK(line.text == "国办发〔2019〕4号");
    REQUIRE(line.words[0].char_boxes.size() == to_u32(line.words[0].text).size());
    CHECK(line.words[0].char_boxes[9].x0 == 100);   // the 4 keeps its own box (the j's, at 90, is gone)
}

TEST_CASE("an unknown binarization is refused with the values that work", "[ocr][bad-input]") {
    test::TempDir dir;
    test::write_file(dir / "gongwen.toml", "[plugins.ocr]\nbinarization = \"median\"\n");
    const auto result = test::run_gongwen("--config " + test::quote(dir / "gongwen.toml") + " extract " + test::quote(kGenerated / "scan_notice.png"));
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("option binarization must be otsu, leptonica-otsu or sauvola, got \"median\""));
}
