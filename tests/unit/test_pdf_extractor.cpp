// Tests for the pdf extractor plugin, loaded with dlopen as the host does: identification, the
// layout it reads from the generated fixture PDFs (tests/fixtures/texts -> build/tests/fixtures),
// and the reasons it gives for files it cannot read.
#include <dlfcn.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

const GongwenPluginDescriptor& pdf_descriptor() {
    static const GongwenPluginDescriptor* descriptor = [] {
        void* library = ::dlopen(GONGWEN_TEST_PLUGIN_DIR "/gongwen-pdf.so", RTLD_NOW | RTLD_LOCAL);
        INFO((library ? "" : ::dlerror()));
        REQUIRE(library != nullptr);
        using Entry = const GongwenPluginDescriptor* (*)();
        auto entry = reinterpret_cast<Entry>(::dlsym(library, GONGWEN_PLUGIN_ENTRY_POINT));
        REQUIRE(entry != nullptr);
        return entry();
    }();
    return *descriptor;
}

std::unique_ptr<Extractor> pdf_extractor(const PluginContext& context = {}) {
    std::unique_ptr<Extractor> extractor(static_cast<Extractor*>(pdf_descriptor().create()));
    extractor->configure(context);
    return extractor;
}

std::span<const std::byte> as_bytes(const std::string& data) {
    return {reinterpret_cast<const std::byte*>(data.data()), data.size()};
}

Document extract_bytes(const std::string& data, const std::string& path = "test.pdf") {
    Document document;
    pdf_extractor()->extract({path, as_bytes(data)}, document);
    return document;
}

std::string generated_fixture(const std::string& name) {
    const std::string data = test::read_file(std::string(GONGWEN_TEST_GENERATED_FIXTURES "/") + name + ".pdf");
    REQUIRE_FALSE(data.empty());
    return data;
}

std::string source_text(const std::string& name) {
    return test::read_file(std::string(GONGWEN_TEST_SOURCE_FIXTURES "/texts/") + name + ".txt");
}

std::string han_only(const std::string& text) {
    std::string han;
    for (char32_t cp : to_u32(text)) {
        if (is_han(cp)) append_utf8(han, cp);
    }
    return han;
}

std::string all_line_text(const Document& document) {
    std::string text;
    for (const Page& page : document.pages) {
        for (const Line& line : page.lines) text += line.text + "\n";
    }
    return text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

/// Paragraphs of a fixture text that the tool renders with an indented first line
/// (no @left/@center/@right directive, not the #!options line, not blank, not a page break).
int indented_paragraph_count(const std::string& text) {
    int count = 0;
    for (const std::string& line : lines_of(text)) {
        if (trim(line).empty() || line.starts_with("@") || line.starts_with("#!")) continue;
        ++count;
    }
    return count;
}

bool inside(const Box& box, const Page& page) {
    return box.x0 >= 0 && box.y0 >= 0 && box.x1 <= page.width && box.y1 <= page.height && box.x0 < box.x1 &&
           box.y0 < box.y1;
}

double left_margin(const Document& document) {
    double margin = document.pages.front().width;
    for (const Page& page : document.pages) {
        for (const Line& line : page.lines) margin = std::min(margin, line.box.x0);
    }
    return margin;
}

bool has_command(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

/// Encrypts `pdf` with qpdf (AES-256) and returns the encrypted bytes.
std::string encrypted_copy(const std::string& pdf, const std::string& user_password, const std::string& owner_password) {
    test::TempDir dir;
    test::write_file(dir / "in.pdf", pdf);
    const std::string command = "qpdf --encrypt '" + user_password + "' '" + owner_password + "' 256 -- " +
                                test::quote(dir / "in.pdf") + " " + test::quote(dir / "out.pdf");
    REQUIRE(std::system(command.c_str()) == 0);
    return test::read_file(dir / "out.pdf");
}

}  // namespace

TEST_CASE("pdf plugin descriptor declares an extractor for application/pdf", "[pdf]") {
    const GongwenPluginDescriptor& descriptor = pdf_descriptor();
    CHECK(descriptor.abi_version == GONGWEN_PLUGIN_ABI_VERSION);
    CHECK(std::string(descriptor.name) == "pdf");
    CHECK(descriptor.kind == PluginKind::extractor);
    REQUIRE(descriptor.handles[0] != nullptr);
    CHECK(std::string(descriptor.handles[0]) == "application/pdf");
    CHECK(descriptor.handles[1] == nullptr);
    bool has_line_tolerance = false;
    for (const PluginOption* option = descriptor.options; option->key; ++option) {
        has_line_tolerance |= std::string(option->key) == "line_tolerance";
    }
    CHECK(has_line_tolerance);
}

TEST_CASE("pdf identify looks for the %PDF- signature in the first 1024 bytes", "[pdf]") {
    const auto extractor = pdf_extractor();
    const std::string pdf = generated_fixture("short_letter");
    CHECK(extractor->identify(as_bytes(pdf.substr(0, 512)), "letter.pdf") == 100);
    CHECK(extractor->identify(as_bytes(std::string(600, '\0') + "%PDF-1.4\n"), "x.bin") == 100);
    CHECK(extractor->identify(as_bytes(std::string(1100, ' ') + "%PDF-1.4\n"), "late.pdf") == 0);
    CHECK(extractor->identify(as_bytes(source_text("short_letter")), "letter.pdf") == 0);
    CHECK(extractor->identify({}, "empty.pdf") == 0);
}

TEST_CASE("pdf extraction reads the fixture's text in order with pages and boxes", "[pdf]") {
    const std::string name = GENERATE(as<std::string>{}, "notice_clauses", "opinion_pages", "short_letter");
    INFO(name);
    const Document document = extract_bytes(generated_fixture(name));

    CHECK(document.source.format == "pdf");
    REQUIRE(document.source.pages == static_cast<int>(document.pages.size()));
    REQUIRE_FALSE(document.pages.empty());
    // Every Han character of the source, nothing more and in the same order.
    CHECK(han_only(all_line_text(document)) == han_only(source_text(name)));

    for (std::size_t i = 0; i < document.pages.size(); ++i) {
        const Page& page = document.pages[i];
        CHECK(page.number == static_cast<int>(i) + 1);
        CHECK(page.width == Approx(595.3).margin(1));   // A4 in points
        CHECK(page.height == Approx(841.9).margin(1));
        double previous_centre = -1;
        for (const Line& line : page.lines) {
            INFO("page " << page.number << ": " << line.text);
            REQUIRE_FALSE(line.words.empty());
            CHECK(inside(line.box, page));
            const double centre = (line.box.y0 + line.box.y1) / 2;
            CHECK(centre > previous_centre);
            previous_centre = centre;
            for (const Word& word : line.words) {
                CHECK(inside(word.box, page));
                CHECK(word.font_size > 0);
                CHECK(word.char_boxes.size() == to_u32(word.text).size());
            }
        }
    }
}

TEST_CASE("pdf extraction keeps first-line indents at two characters from the margin", "[pdf]") {
    const Document document = extract_bytes(generated_fixture("notice_clauses"));
    const double margin = left_margin(document);
    const double em = document.pages.front().lines.front().words.front().font_size;
    int indented_lines = 0;
    for (const Page& page : document.pages) {
        for (const Line& line : page.lines) {
            if (std::abs(line.box.x0 - (margin + 2 * em)) < em / 4) ++indented_lines;
        }
    }
    CHECK(indented_lines == indented_paragraph_count(source_text("notice_clauses")));
}

TEST_CASE("pdf extraction keeps a phrase that crosses a line break in both lines", "[pdf]") {
    // tests/fixtures/README.md: the fixture is written so that this phrase wraps.
    const std::string phrase = "优化营商环境的决策部署";
    const Document document = extract_bytes(generated_fixture("notice_clauses"));
    std::string joined;
    for (const Page& page : document.pages) {
        for (const Line& line : page.lines) {
            CHECK(line.text.find(phrase) == std::string::npos);
            joined += line.text;
        }
    }
    CHECK(joined.find(phrase) != std::string::npos);
}

TEST_CASE("pdf extraction puts each page number on a line of its own", "[pdf]") {
    const Document document = extract_bytes(generated_fixture("opinion_pages"));
    REQUIRE(document.pages.size() >= 3);
    for (const Page& page : document.pages) {
        const std::string expected = "— " + std::to_string(page.number) + " —";
        REQUIRE_FALSE(page.lines.empty());
        CHECK(page.lines.back().text == expected);
    }
}

TEST_CASE("pdf extraction explains files it cannot read", "[pdf]") {
    const std::string pdf = generated_fixture("notice_clauses");

    SECTION("empty file") {
        CHECK_THROWS_AS(extract_bytes(""), ExtractionError);
    }
    SECTION("truncated file") {
        CHECK_THROWS_WITH(extract_bytes(pdf.substr(0, pdf.size() / 2)), Catch::Contains("corrupt or truncated"));
    }
    SECTION("random bytes behind a PDF header") {
        std::string garbage = "%PDF-1.7\n";
        std::uint32_t state = 12345;
        for (int i = 0; i < 4096; ++i) {
            state = state * 1664525u + 1013904223u;
            garbage += static_cast<char>(state >> 24);
        }
        CHECK_THROWS_AS(extract_bytes(garbage), ExtractionError);
    }
    SECTION("file errors are about the file, not the plugin") {
        try {
            extract_bytes("%PDF-1.4\nnot really");
            FAIL("no error");
        } catch (const ExtractionError& error) {
            CHECK(error.scope() == FailureScope::file);
        }
    }
}

TEST_CASE("pdf extraction of encrypted files", "[pdf]") {
    // qpdf is installed by scripts/install-deps.sh; without it this test fails rather than skips.
    REQUIRE(has_command("qpdf"));
    const std::string pdf = generated_fixture("short_letter");

    SECTION("a user password is required") {
        CHECK_THROWS_WITH(extract_bytes(encrypted_copy(pdf, "user", "owner")), Catch::Contains("password"));
    }
    SECTION("an owner password alone does not stop reading") {
        const Document document = extract_bytes(encrypted_copy(pdf, "", "owner"));
        CHECK(han_only(all_line_text(document)) == han_only(source_text("short_letter")));
    }
}

TEST_CASE("pdf line_tolerance option is validated", "[pdf]") {
    PluginContext context;
    context.options["line_tolerance"] = "wide";
    try {
        pdf_extractor(context);
        FAIL("no error");
    } catch (const ExtractionError& error) {
        CHECK(error.scope() == FailureScope::plugin);
        CHECK_THAT(error.what(), Catch::Contains("line_tolerance"));
    }
}

TEST_CASE("pdf extraction routes Poppler's complaints to the plugin log", "[pdf]") {
    std::vector<std::string> messages;
    PluginContext context;
    context.log = [&](LogLevel level, const std::string& message) {
        if (level == LogLevel::debug) messages.push_back(message);
    };
    const std::string pdf = generated_fixture("short_letter");
    {
        auto extractor = pdf_extractor(context);
        Document document;
        CHECK_THROWS_AS(extractor->extract({"half.pdf", as_bytes(pdf.substr(0, pdf.size() / 2))}, document),
                        ExtractionError);
    }
    CHECK_FALSE(messages.empty());
}
