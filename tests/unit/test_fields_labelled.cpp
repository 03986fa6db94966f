// Scores the field extraction on a labelled set of real documents (tests/fixtures/fields/): the
// text extractor, docnumber and fields enrichers run through the real pipeline, and the result is
// compared with expected values read off the documents by a person (expected.tsv). Per-field
// scores and every mismatch are printed, so a failing threshold explains itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/core/pipeline.hpp"
#include "test_support.hpp"

using namespace gongwen;

namespace {

using gongwen::test::join;
using gongwen::test::split;
using gongwen::test::without_spaces;

const std::string kFixtures = std::string(GONGWEN_TEST_SOURCE_FIXTURES) + "/fields";

struct Expected {
    std::string file, doc_number, issuers, title, doc_type, signed_date;
    std::set<std::string> cited;
};

std::vector<Expected> read_expected() {
    std::ifstream in(kFixtures + "/expected.tsv");
    REQUIRE(in);
    std::vector<Expected> rows;
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto cells = split(line, '\t');
        INFO("expected.tsv row: " << line);
        REQUIRE(cells.size() == 7);
        Expected row{cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], {}};
        for (const auto& number : split(cells[6], ';')) {
            if (!number.empty()) row.cited.insert(number);
        }
        rows.push_back(row);
    }
    return rows;
}

/// Hits over the documents that have a value for one field.
struct Score {
    int hits = 0, total = 0;
    double rate() const { return total == 0 ? 1.0 : static_cast<double>(hits) / total; }
};

}  // namespace

TEST_CASE("fields of the labelled real documents are read right", "[fields][labelled]") {
    const auto rows = read_expected();
    REQUIRE(rows.size() >= 15);

    core::Config config = core::parse_config("[plugins]\nenrichers = [\"docnumber\", \"fields\"]\n", {});
    const core::Pipeline pipeline(test::in_tree_plugins(), config, nullptr);
    auto worker = pipeline.make_worker();

    std::map<std::string, Score> scores;
    int without_number = 0, invented_numbers = 0;
    int cited_expected = 0, cited_found = 0, cited_right = 0;
    std::ostringstream mismatches;

    for (const auto& want : rows) {
        const Document document = worker->process(std::filesystem::path(kFixtures) / want.file);
        auto compare = [&](const std::string& field, const std::string& expected, const std::string& got) {
            if (expected.empty()) return;
            Score& score = scores[field];
            ++score.total;
            if (expected == got) {
                ++score.hits;
            } else {
                mismatches << "  " << want.file << " " << field << ": want '" << expected << "', got '" << got << "'\n";
            }
        };
        const std::string number = document.doc_number ? document.doc_number->normalized : "";
        compare("doc_number", want.doc_number, number);
        compare("issuer", want.issuers, join(document.issuers, "、"));
        compare("title", without_spaces(want.title), without_spaces(document.title.value_or("")));
        compare("doc_type", want.doc_type, document.doc_type.value_or(""));
        compare("signed_date", want.signed_date, document.signed_date.value_or(""));
        if (want.doc_number.empty()) {
            ++without_number;
            if (!number.empty()) {
                ++invented_numbers;
                mismatches << "  " << want.file << " doc_number: has none, got '" << number << "'\n";
            }
        }

        std::set<std::string> got;
        for (const auto& cited : document.cited_documents) {
            if (!cited.doc_number.empty()) got.insert(cited.doc_number);
        }
        cited_expected += static_cast<int>(want.cited.size());
        cited_found += static_cast<int>(got.size());
        for (const auto& number : got) {
            if (want.cited.count(number)) {
                ++cited_right;
            } else {
                mismatches << "  " << want.file << " cited: '" << number << "' is not cited by the document\n";
            }
        }
        for (const auto& number : want.cited) {
            if (!got.count(number)) mismatches << "  " << want.file << " cited: missed '" << number << "'\n";
        }
    }

    const double recall = cited_expected == 0 ? 1.0 : static_cast<double>(cited_right) / cited_expected;
    const double precision = cited_found == 0 ? 1.0 : static_cast<double>(cited_right) / cited_found;
    std::ostringstream report;
    report << "labelled set: " << rows.size() << " documents\n";
    for (const auto& [field, score] : scores) {
        report << "  " << field << ": " << score.hits << "/" << score.total << " (" << 100.0 * score.rate() << "%)\n";
    }
    report << "  no doc number invented: " << without_number - invented_numbers << "/" << without_number << "\n";
    report << "  cited doc numbers: recall " << cited_right << "/" << cited_expected << " (" << 100.0 * recall
           << "%), precision " << cited_right << "/" << cited_found << " (" << 100.0 * precision << "%)\n";
    report << (mismatches.str().empty() ? std::string("  no mismatches\n") : "mismatches:\n" + mismatches.str());
    std::cout << report.str();

    INFO(report.str());
    for (const char* field : {"doc_number", "issuer", "title", "doc_type", "signed_date"}) {
        INFO("field " << field);
        CHECK(scores[field].total > 0);
        CHECK(scores[field].rate() >= 0.95);
    }
    CHECK(without_number >= 2);
    CHECK(invented_numbers == 0);
    CHECK(cited_expected > 0);
    CHECK(recall >= 0.95);
    CHECK(precision >= 0.95);
}
