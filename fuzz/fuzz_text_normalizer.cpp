// libFuzzer target: paragraphs from extracted lines, then clauses. Input lines become the lines of
// two pages, as an extractor without geometry would give them. Invariant: valid UTF-8 in, valid
// UTF-8 out, and every clause's page is one of the input pages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "gongwen/core/clause_splitter.hpp"
#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::vector<gongwen::Page> pages(2);
    pages[0].number = 1;
    pages[1].number = 2;
    std::istringstream lines(input);
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
        gongwen::Line l;
        l.text = line;
        pages[n % 7 == 6 ? 1 : 0].lines.push_back(std::move(l));
    }
    const auto paragraphs = gongwen::core::build_paragraphs(pages);
    const auto clauses = gongwen::core::split_clauses(paragraphs);
    const bool valid_input = gongwen::is_valid_utf8(input);
    for (const auto& p : paragraphs) {
        if (valid_input && !gongwen::is_valid_utf8(p.text)) std::abort();
    }
    for (const auto& c : clauses) {
        if (c.page < 1 || c.page > 2) std::abort();
        if (valid_input && (!gongwen::is_valid_utf8(c.text) || !gongwen::is_valid_utf8(c.path))) std::abort();
    }
    (void)gongwen::core::fold_for_matching(input);
    (void)gongwen::remove_spaces_between_han(input);
    return 0;
}
