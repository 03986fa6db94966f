// The OCR-slip trial of issue 17 ("Must show" 3) outside the test suite, for bench/fields_eval.py,
// and the derivation of config/known_agency_codes.txt from the real doc-number lists.
//
//   doc_number_repair figures [--numbers FILE] [--config DIR] [--seed N] [--known-tenths K]
//       one JSON line of figures; known codes from K tenths of the numbers (default 5: halves)
//   doc_number_repair known-codes [--numbers FILE]                         the known-codes file
//
// FILE defaults to tests/fixtures/doc_numbers_all.tsv and DIR to config/ (of the source tree).
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "repair_files.hpp"
#include "repair_trial.hpp"

namespace {

namespace trial = gongwen::docnumber::trial;

nlohmann::json group_json(const trial::Group& group) {
    return {{"numbers", group.numbers},       {"code_slipped", group.code_slipped}, {"exact", group.exact},
            {"rate", group.rate()},           {"left_as_read", group.as_read},     {"unread", group.unread},
            {"false_repairs", group.false_repairs}, {"clean_changed", group.clean_changed}};
}

int usage() {
    std::cerr << "usage: doc_number_repair figures|known-codes [--numbers FILE] [--config DIR] [--seed N] [--known-tenths K]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string mode = argv[1];
    std::string numbers_file = GONGWEN_SOURCE_DIR "/tests/fixtures/doc_numbers_all.tsv";
    std::string config_dir = GONGWEN_SOURCE_DIR "/config";
    std::uint64_t seed = 17;
    int known_tenths = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--numbers") numbers_file = argv[i + 1];
        else if (flag == "--config") config_dir = argv[i + 1];
        else if (flag == "--seed") seed = std::stoull(argv[i + 1]);
        else if (flag == "--known-tenths") known_tenths = std::stoi(argv[i + 1]);
        else return usage();
    }
    const auto values = trial::read_numbers(numbers_file);
    if (values.empty()) {
        std::cerr << numbers_file << ": no numbers\n";
        return 1;
    }
    if (mode == "known-codes") {
        std::size_t unread = 0;
        const auto numbers = trial::bracket_numbers(values, &unread);
        const auto codes = trial::derived_codes(numbers);
        std::cout << "# Known 机关代字 for the docnumber plugin's OCR repair ([plugins.docnumber] known_codes): a\n"
                     "# code that heads at least "
                  << trial::kMinNumbersPerCode << " distinct numbers of the real lists in\n"
                     "# ../shared/corpus/local/policy_transparency/doc_number_lists/ (" << numbers.size()
                  << " distinct bracket numbers of " << values.size() << " values,\n"
                     "# tests/fixtures/doc_numbers_all.tsv). Written by `doc_number_repair known-codes` (bench/).\n"
                     "# One code a line; add your own below the list, no build needed.\n";
        for (const auto& code : codes) std::cout << code << '\n';
        return 0;
    }
    if (mode != "figures") return usage();
    gongwen::DocNumberRepair repair;
    gongwen::docnumber::load_confusions(config_dir + "/ocr_confusions.toml", repair);
    gongwen::docnumber::load_agency_code_keys(config_dir + "/agency_codes.toml", repair);
    const auto figures = trial::run(values, repair, seed, known_tenths);
    const nlohmann::json out = {{"seed", seed},
                                {"known_tenths", known_tenths},
                                {"values", figures.values},
                                {"distinct_bracket_numbers", figures.distinct},
                                {"known_codes", figures.known_codes},
                                {"confusions", figures.confusions},
                                {"held_out_known", group_json(figures.known)},
                                {"held_out_unknown", group_json(figures.unknown)}};
    std::cout << out.dump() << '\n';
    return 0;
}
