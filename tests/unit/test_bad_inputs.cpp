// The bad-input catalogue: a folder of good files mixed with every kind of broken file an archive
// holds. `ingest` must name each bad file with its reason, index everything readable, exit 2.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <zip.h>

#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "gongwen/core/pipeline.hpp"
#include "test_support.hpp"

using namespace gongwen;
using nlohmann::json;

namespace {

const std::filesystem::path kGenerated = GONGWEN_TEST_GENERATED_FIXTURES;

int run_shell(const std::string& command) { return std::system(command.c_str()); }

std::string encrypted(const std::filesystem::path& dir, const std::string& pdf, const std::string& user, const std::string& owner) {
    const auto in = dir / "plain.pdf", out = dir / "encrypted.pdf";
    test::write_file(in, pdf);
    REQUIRE(run_shell("qpdf --encrypt '" + user + "' '" + owner + "' 256 -- " + test::quote(in) + " " + test::quote(out)) == 0);
    return test::read_file(out);
}

/// A PDF whose startxref points nowhere: Poppler rebuilds the table by scanning the file.
std::string with_broken_xref(std::string pdf) {
    const auto at = pdf.rfind("startxref");
    REQUIRE(at != std::string::npos);
    const auto number = pdf.find_first_of("0123456789", at);
    const auto end = pdf.find_first_not_of("0123456789", number);
    pdf.replace(number, end - number, "1");
    return pdf;
}

/// A valid PDF of `pages` empty pages, written object by object with a correct xref table.
std::string blank_pdf(int pages) {
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    auto object = [&](const std::string& body) {
        offsets.push_back(out.size());
        out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    object("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (int i = 0; i < pages; ++i) kids += std::to_string(i + 3) + " 0 R ";
    object("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    for (int i = 0; i < pages; ++i) object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    char line[32];
    for (auto offset : offsets) {
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

/// A PNG signature and IHDR chunk declaring 100000×100000 pixels, and nothing behind it.
std::string absurd_png() {
    std::string png = "\x89PNG\r\n\x1a\n";
    png += std::string("\x00\x00\x00\x0dIHDR", 8);
    png += std::string("\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00", 13);
    png += std::string("\x00\x00\x00\x00", 4);   // CRC left wrong on purpose: a hostile header
    return png;
}

std::string to_gb18030(const std::string& utf8) {
    test::TempDir dir;
    test::write_file(dir / "in.txt", utf8);
    REQUIRE(run_shell("iconv -f UTF-8 -t GB18030 " + test::quote(dir / "in.txt") + " > " + test::quote(dir / "out.txt")) == 0);
    return test::read_file(dir / "out.txt");
}

json summary_of(const std::string& out) {
    return json::parse(test::last_line(out));
}

int hits(const std::filesystem::path& index, const std::string& query) {
    const auto result = test::run_gongwen("search --json --index " + test::quote(index) + " '" + query + "'");
    REQUIRE(result.status == 0);
    return json::parse(result.out)["total"].get<int>();
}

/// A zip archive of `members` (name → content) written with libzip; names are stored as given.
std::string zip_of(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& members) {
    const auto path = dir / "archive.zip";
    std::filesystem::create_directories(dir);
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip);
    for (const auto& [name, content] : members) {
        zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
        REQUIRE(source);
        REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(zip) == 0);
    const std::string bytes = test::read_file(path);
    std::filesystem::remove(path);
    return bytes;
}

/// Zeros produced as libzip asks for them: a member of `size` bytes never held in memory.
zip_int64_t zeros_source(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* left = static_cast<zip_uint64_t*>(state);
    switch (command) {
        case ZIP_SOURCE_OPEN: return 0;
        case ZIP_SOURCE_READ: {
            const zip_uint64_t n = std::min(length, *left);
            std::memset(data, 0, n);
            *left -= n;
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE: return 0;
        case ZIP_SOURCE_STAT: {
            auto* stat = static_cast<zip_stat_t*>(data);
            zip_stat_init(stat);
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_ERROR: return 2 * sizeof(int);
        case ZIP_SOURCE_FREE: return 0;
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                                                  ZIP_SOURCE_FREE, -1);
        default: return -1;
    }
}

/// A DOCX whose word/document.xml inflates to 1 GB of zeros (about 1 MB on disk, ~1000:1).
std::string zip_bomb_docx(const std::filesystem::path& dir) {
    const auto path = dir / "bomb.zip";
    std::filesystem::create_directories(dir);
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip);
    static const std::string types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
    REQUIRE(zip_file_add(zip, "[Content_Types].xml", zip_source_buffer(zip, types.data(), types.size(), 0), 0) >= 0);
    zip_uint64_t left = 1ull << 30;
    zip_source_t* zeros = zip_source_function(zip, zeros_source, &left);
    REQUIRE(zeros);
    const zip_int64_t index = zip_file_add(zip, "word/document.xml", zeros, 0);
    REQUIRE(index >= 0);
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
    REQUIRE(zip_close(zip) == 0);
    const std::string bytes = test::read_file(path);
    std::filesystem::remove(path);
    return bytes;
}

const std::string kContentTypes = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
const std::string kWordMain = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string docx_with_body(const std::string& document_xml) {
    test::TempDir dir;
    return zip_of(dir.path(), {{"[Content_Types].xml", kContentTypes}, {"word/document.xml", document_xml}});
}

}  // namespace

TEST_CASE("a folder of good and bad files: each bad file named with its reason, every good file indexed", "[e2e][bad-input]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    const auto index = dir / "index";
    const std::string pdf = test::read_file(kGenerated / "short_letter.pdf");
    REQUIRE_FALSE(pdf.empty());

    // Good files, some with awkward names.
    test::write_file(docs / "good letter.pdf", pdf);
    test::write_file(docs / "通知 附件" / "档案.txt", "关于档案移交的通知\n一、移交范围\n全部纸质档案按期移交。\n");
    test::write_file(docs / "gb18030.txt", to_gb18030("关于供暖保障的通知\n一、保障时间\n供暖季期间热源稳定供应。\n"));
    test::write_file(docs / std::string("bad-\xff\xfe-name.txt"), "关于食堂管理的通知\n一、用餐安排\n职工食堂错峰供餐。\n");
    test::write_file(docs / "broken-xref.pdf", with_broken_xref(pdf));
    test::write_file(docs / "owner-only.pdf", encrypted(dir / "owner", pdf, "", "owner"));
    test::write_file(docs / "notice.ofd", test::read_file(kGenerated / "formats_notice.ofd"));
    test::write_file(docs / "notice.html", test::read_file(kGenerated / "formats_notice_gbk.html"));

    // Bad files.
    test::write_file(docs / "empty.pdf", "");
    test::write_file(docs / "truncated.pdf", pdf.substr(0, pdf.size() / 3));
    test::write_file(docs / "user-password.pdf", encrypted(dir / "user", pdf, "user", "owner"));
    std::string random_bytes(4096, '\0');
    std::mt19937 random(42);
    for (auto& c : random_bytes) c = static_cast<char>(random() & 0xff);
    test::write_file(docs / "random.pdf", random_bytes);
    test::write_file(docs / "word.pdf", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml word/document.xml");
    test::write_file(docs / "error-page.pdf", "<!DOCTYPE html><html><head><title>404</title></head></html>");
    test::write_file(docs / "huge.png", absurd_png());
    // OFD packages (tests/tools/make_ofd_fixture.cpp): cut short, an external entity declared in a
    // page's Content.xml, a member whose name climbs out of the archive.
    test::write_file(docs / "truncated.ofd", test::read_file(kGenerated / "formats_notice_truncated.ofd"));
    test::write_file(docs / "xxe.ofd", test::read_file(kGenerated / "formats_notice_xxe.ofd"));
    test::write_file(docs / "traversal.ofd", test::read_file(kGenerated / "formats_notice_traversal.ofd"));
    test::write_file(docs / "blank-5000.pdf", blank_pdf(5000));
    test::write_file(docs / "locked.txt", "关于保密的通知\n一、保密要求\n不得外传。\n");
    std::filesystem::permissions(docs / "locked.txt", std::filesystem::perms::none);
    std::filesystem::create_directory_symlink(".", docs / "loop");   // a folder that contains itself
    std::filesystem::create_symlink(docs / "a-link", docs / "b-link");
    std::filesystem::create_symlink(docs / "b-link", docs / "a-link");   // a → b → a

    const auto result = test::run_gongwen("ingest --json --index " + test::quote(index) + " " + test::quote(docs));
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.status == 2);
    const json summary = summary_of(result.out);

    // Every file gets one event naming it; bad files carry a reason.
    std::map<std::string, std::pair<std::string, std::string>> outcome;   // file name → status, reason
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        if (event["event"] != "file") continue;
        const std::string name = std::filesystem::path(event["path"].get<std::string>()).filename().string();
        outcome[name] = {event["status"], event.value("reason", "")};
    }
    const auto rejected_because = [&](const std::string& name, const std::string& reason) {
        INFO(name);
        REQUIRE(outcome.count(name) == 1);
        CHECK(outcome[name].first == "rejected");
        CHECK_THAT(outcome[name].second, Catch::Contains(reason));
    };
    rejected_because("empty.pdf", "empty file");
    rejected_because("truncated.pdf", "corrupt or truncated");
    rejected_because("user-password.pdf", "encrypted, password required");
    rejected_because("random.pdf", "mislabelled: named .pdf but the content is binary data");
    rejected_because("word.pdf", "mislabelled: named .pdf but the content is a ZIP archive");
    rejected_because("error-page.pdf", "mislabelled: named .pdf but the content is an HTML page");
    // Checked against plugins.ocr.max_megapixels from the header, before anything is decoded.
    rejected_because("huge.png", "declares 100000×100000 pixels");
    rejected_because("truncated.ofd", "not a readable OFD: not a readable zip container (truncated or damaged?)");
    rejected_because("xxe.ofd", "Content.xml declares a DOCTYPE");
    rejected_because("traversal.ofd", "points outside the archive: refused (path traversal)");
    rejected_because("a-link", "symbolic link");
    rejected_because("b-link", "symbolic link");
    // Blank pages are no error of the file, but nothing can be searched in it: say so.
    REQUIRE(outcome.count("blank-5000.pdf") == 1);
    // Each page is previewed at low resolution (cheap) and found blank: none is OCR'd.
    if (outcome["blank-5000.pdf"].first == "rejected") CHECK_THAT(outcome["blank-5000.pdf"].second, Catch::Contains("no text found: all 5000 pages are blank"));
    CHECK(outcome.count("loop") == 0);   // a folder symlink is not followed, so it cannot loop
    // root reads any file whatever its mode; anyone else must be told why it could not.
    const bool root = ::geteuid() == 0;
    if (root) {
        CHECK(outcome["locked.txt"].first == "indexed");
    } else {
        rejected_because("locked.txt", "ermission denied");
    }
    for (const char* good : {"good letter.pdf", "档案.txt", "gb18030.txt", "broken-xref.pdf", "owner-only.pdf", "notice.ofd", "notice.html"}) {
        INFO(good);
        CHECK(outcome[good].first == "indexed");
    }
    CHECK(outcome["bad-\xef\xbf\xbd\xef\xbf\xbd-name.txt"].first == "indexed");   // shown with U+FFFD, indexed

    // Everything readable is searchable.
    CHECK(hits(index, "档案按期移交") == 1);
    CHECK(hits(index, "热源稳定供应") == 1);
    CHECK(hits(index, "职工食堂错峰") == 1);
    // The letter as it is, with its xref table broken, and encrypted with an owner password only:
    // three files with different bytes, all indexed: one document with three copies (test_copies.cpp).
    CHECK(hits(index, "完成摸底排查") == 1);
    const auto letter = test::run_gongwen("search --json --index " + test::quote(index) + " 完成摸底排查");
    CHECK(json::parse(letter.out)["results"][0]["copies"].size() == 3);
    // The OFD and the GB2312 web page of the reference notice: one document (the same 发文字号)
    // with two copies.
    CHECK(hits(index, "优化营商环境重点任务分工") == 1);
    const auto notice = test::run_gongwen("search --json --index " + test::quote(index) + " 优化营商环境重点任务分工");
    CHECK(json::parse(notice.out)["results"][0]["copies"].size() == 2);
    CHECK(summary["indexed"].get<int>() == 8 + (root ? 1 : 0));
    CHECK(summary["rejected"].get<int>() == 13 + (root ? 0 : 1) - (outcome["blank-5000.pdf"].first == "rejected" ? 0 : 1));
}

TEST_CASE("office containers: a zip bomb, ../ members, an external entity, a missing part and a million empty rows", "[e2e][bad-input][office]") {
    test::TempDir dir;
    const auto docs = dir / "docs";
    const auto index = dir / "index";
    // Good files next to the bad ones.
    test::write_file(docs / "notice.docx", test::read_file(kGenerated / "formats_notice.docx"));
    test::write_file(docs / "letter.pdf", test::read_file(kGenerated / "short_letter.pdf"));
    // A sheet that declares the whole grid (A1:XFD1048576) and 1,048,576 rows, three of them with
    // cells: read from the cells it has, without a row of memory for each declared one.
    std::string rows;
    rows.reserve(24u << 20);
    rows += "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>序号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>备案事项</t></is></c></row>";
    rows += "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>档案柜编号登记</t></is></c></row>";
    for (int r = 3; r < 1048576; ++r) rows += "<row r=\"" + std::to_string(r) + "\"/>";
    rows += "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>表尾说明</t></is></c></row>";
    const std::string sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                              "<dimension ref=\"A1:XFD1048576\"/><sheetData>" + rows + "</sheetData></worksheet>";
    rows.clear();
    test::write_file(docs / "million-rows.xlsx",
                     zip_of(dir / "z1", {{"[Content_Types].xml", kContentTypes},
                                         {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                                                             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                                                             "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                                         {"xl/worksheets/sheet1.xml", sheet}}));

    // Bad files.
    test::write_file(docs / "bomb.docx", zip_bomb_docx(dir / "z2"));
    const std::string body = "<?xml version=\"1.0\"?><w:document " + kWordMain + "><w:body><w:p><w:r><w:t>关于规范档案管理的通知</w:t></w:r></w:p></w:body></w:document>";
    test::write_file(docs / "traversal.docx",
                     zip_of(dir / "z3", {{"[Content_Types].xml", kContentTypes}, {"word/document.xml", body}, {"../../evil.xml", "<x/>"}}));
    test::write_file(docs / "xxe.docx", docx_with_body("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                                                       "<w:document " + kWordMain + "><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"));
    test::write_file(docs / "no-document.docx",
                     zip_of(dir / "z4", {{"[Content_Types].xml", kContentTypes}, {"word/styles.xml", "<?xml version=\"1.0\"?><w:styles " + kWordMain + "/>"}}));
    test::write_file(docs / "plain-zip.docx", zip_of(dir / "z5", {{"readme.txt", "关于档案的说明"}, {"data/list.csv", "a,b\n"}}));

    const auto result = test::run_gongwen("ingest --json --index " + test::quote(index) + " " + test::quote(docs));
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.status == 2);
    std::map<std::string, std::pair<std::string, std::string>> outcome;
    std::stringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        if (event["event"] != "file") continue;
        outcome[std::filesystem::path(event["path"].get<std::string>()).filename().string()] = {event["status"], event.value("reason", "")};
    }
    const auto rejected_because = [&](const std::string& name, const std::string& reason) {
        INFO(name);
        REQUIRE(outcome.count(name) == 1);
        CHECK(outcome[name].first == "rejected");
        CHECK_THAT(outcome[name].second, Catch::Contains(reason));
    };
    rejected_because("bomb.docx", "word/document.xml");
    rejected_because("bomb.docx", "inflates past");
    rejected_because("traversal.docx", "../../evil.xml");
    rejected_because("xxe.docx", "DOCTYPE");
    rejected_because("no-document.docx", "no word/document.xml");
    rejected_because("plain-zip.docx", "a zip archive that is not a Word, Excel or OFD document");
    for (const char* good : {"notice.docx", "letter.pdf", "million-rows.xlsx"}) {
        INFO(good);
        CHECK(outcome[good].first == "indexed");
    }
    const json summary = summary_of(result.out);
    CHECK(summary["indexed"] == 3);
    CHECK(summary["rejected"] == 5);
    CHECK(hits(index, "档案柜编号登记") == 1);
    CHECK(hits(index, "表尾说明") == 1);
    CHECK(hits(index, "优化营商环境") == 1);
}
