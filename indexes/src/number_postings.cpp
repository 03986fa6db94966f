// Doc-number postings of a document entry (see number_postings.hpp).
#include "gongwen/index/number_postings.hpp"

#include "gongwen/doc_number.hpp"
#include "gongwen/index/schema.hpp"

namespace gongwen::index {

std::vector<NumberPosting> number_postings(const std::vector<ClauseLayout>& layout, const std::function<std::string(std::size_t)>& clause_text,
                                           const std::string& own) {
    std::vector<NumberPosting> postings;
    bool own_printed = false;
    for (std::size_t i = 0; i < layout.size(); ++i) {
        for (const auto& match : find_doc_numbers(clause_text(i))) {
            const std::string& number = match.number.normalized;
            if (number == own) {
                if (!own_printed) postings.push_back({std::string(prefix::own_number) + own, layout[i].start});
                own_printed = true;
            } else {
                postings.push_back({std::string(prefix::cited_number) + number, layout[i].start});
            }
        }
    }
    if (!own.empty() && !own_printed) postings.push_back({std::string(prefix::own_number) + own, kFirstPosition});
    return postings;
}

}  // namespace gongwen::index
