// Tests for the pipeline: content sniffing, rejections with reasons, text decoding, enrichers.
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>

#include "gongwen/core/pipeline.hpp"
#include "test_support.hpp"

using namespace gongwen;
using namespace gongwen::core;

namespace {

std::unique_ptr<Pipeline> make_pipeline() {
    Config config = parse_config("", {});
    return std::make_unique<Pipeline>(test::in_tree_plugins(), config, nullptr);
}

std::string to_gb18030(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(utf8.size() * 2 + 16, '\0');
    const int32_t length = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                        static_cast<int32_t>(utf8.size()), &status);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

const char* kNotice =
    "江苏省人民政府办公厅关于推进数字经济发展的通知\n苏政办发〔2019〕12号\n各市、县（市、区）人民政府：\n"
    "为加快推进数字经济发展，现就有关事项通知如下。\n一、总体要求\n（一）指导思想。推动数字经济和实体经济深度融合。\n"
    "二、重点任务\n（二）加快数字基础设施建设。\n（联系人：王明，电话：025-83391234）\n";

}  // namespace

TEST_CASE("a UTF-8 text file runs through the whole pipeline", "[pipeline]") {
    test::TempDir dir;
    test::write_file(dir / "notice.txt", kNotice);
    const Document document = make_pipeline()->make_worker()->process(dir / "notice.txt");
    CHECK(document.source.format == "text");
    CHECK(document.source.extractor == "text");
    CHECK(document.id.size() == 16);
    CHECK(document.clauses.size() == 5);
    CHECK(document.clauses[2].path == "一、（一）");
    CHECK(document.extra.at("contact") == "王明");  // the example enricher ran
}

TEST_CASE("GB18030 text is converted and gives the same clauses as UTF-8", "[pipeline]") {
    test::TempDir dir;
    test::write_file(dir / "utf8.txt", kNotice);
    test::write_file(dir / "gbk.txt", to_gb18030(kNotice));
    const auto pipeline = make_pipeline();   // outlives its worker
    auto worker = pipeline->make_worker();
    const Document utf8 = worker->process(dir / "utf8.txt");
    const Document gbk = worker->process(dir / "gbk.txt");
    REQUIRE(gbk.clauses.size() == utf8.clauses.size());
    for (std::size_t i = 0; i < gbk.clauses.size(); ++i) CHECK(gbk.clauses[i].text == utf8.clauses[i].text);
}

TEST_CASE("bad inputs are rejected with a reason naming what is wrong", "[pipeline]") {
    test::TempDir dir;
    const auto pipeline = make_pipeline();   // outlives its worker
    auto worker = pipeline->make_worker();
    const auto reason_for = [&](const std::string& name, const std::string& content) {
        test::write_file(dir / name, content);
        try {
            worker->process(dir / name);
        } catch (const FileRejected& error) {
            return std::string(error.what());
        }
        return std::string("(accepted)");
    };
    CHECK_THAT(reason_for("empty.pdf", ""), Catch::Contains("empty"));
    CHECK_THAT(reason_for("word.pdf", std::string("PK\x03\x04", 4) + "word/document.xml"),
               Catch::Contains("mislabelled") && Catch::Contains(".pdf") && Catch::Contains("ZIP"));
    CHECK_THAT(reason_for("error.pdf", "<!DOCTYPE html><html><body>404 Not Found</body></html>"),
               Catch::Contains("HTML"));
    CHECK_THAT(reason_for("random.pdf", std::string("\x01\x02\x03\xff\xfe\x00\x10", 7)), Catch::Contains("binary"));
    CHECK_THAT(reason_for("notice.txt.pdf", kNotice), Catch::Contains("mislabelled"));
    CHECK_THAT(reason_for("folder-less", std::string("\x89PNG\r\n\x1a\n", 8)), Catch::Contains("PNG"));
}

TEST_CASE("extension is only a tie-breaker: content decides", "[pipeline]") {
    test::TempDir dir;
    test::write_file(dir / "notice", kNotice);          // no extension
    test::write_file(dir / "notice.md", kNotice);       // an extension no plugin claims
    const auto pipeline = make_pipeline();   // outlives its worker
    auto worker = pipeline->make_worker();
    CHECK(worker->process(dir / "notice").source.extractor == "text");
    CHECK(worker->process(dir / "notice.md").source.extractor == "text");
}

TEST_CASE("unknown enrichers in config are a config error", "[pipeline]") {
    Config config = parse_config("[plugins]\nenrichers = [\"nosuch\"]\n", "t.toml");
    CHECK_THROWS_AS(Pipeline(test::in_tree_plugins(), config, nullptr), ConfigError);
}
