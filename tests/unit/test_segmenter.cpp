// Tests for ICU word segmentation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "gongwen/core/segmenter.hpp"

using gongwen::core::Segmenter;

TEST_CASE("ICU segments Chinese into dictionary words with byte offsets", "[segmenter]") {
    Segmenter segmenter;
    const std::string text = "推行部门联合抽查，优化营商环境。";
    const auto words = segmenter.words(text);
    CHECK(std::find(words.begin(), words.end(), "部门") != words.end());
    CHECK(std::find(words.begin(), words.end(), "联合") != words.end());
    CHECK(std::find(words.begin(), words.end(), "，") == words.end());
    std::size_t covered = 0;
    for (const auto& segment : segmenter.segment(text)) {
        CHECK(segment.begin == covered);
        covered = segment.end;
    }
    CHECK(covered == text.size());
}

TEST_CASE("mixed Latin, digits and Chinese are segmented", "[segmenter]") {
    Segmenter segmenter;
    const auto words = segmenter.words("2023年ISO认证");
    CHECK(std::find(words.begin(), words.end(), "2023") != words.end());
    CHECK(std::find(words.begin(), words.end(), "ISO") != words.end());
}

TEST_CASE("segmenters in several threads give the same words", "[segmenter]") {
    const std::string text = "国务院办公厅关于加强三级公立医院绩效考核工作的意见";
    const auto expected = Segmenter().words(text);
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results) threads.emplace_back([&] { Segmenter own; for (int i = 0; i < 50; ++i) result = own.words(text); });
    for (auto& thread : threads) thread.join();
    for (const auto& result : results) CHECK(result == expected);
}
