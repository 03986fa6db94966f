// ICU word segmentation over UTF-8 through UText, so offsets come back as byte offsets.
#include "gongwen/core/segmenter.hpp"

#include <mutex>
#include <stdexcept>

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/utext.h>

namespace gongwen::core {
namespace {

// Building a BreakIterator loads the CJK dictionary; clone one prototype instead (ICU's advice).
const icu::BreakIterator& prototype() {
    static std::once_flag once;
    static std::unique_ptr<icu::BreakIterator> instance;
    std::call_once(once, [] {
        UErrorCode status = U_ZERO_ERROR;
        instance.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
        if (U_FAILURE(status) || !instance) {
            throw std::runtime_error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
        }
    });
    return *instance;
}

}  // namespace

struct Segmenter::Impl {
    std::unique_ptr<icu::BreakIterator> iterator{prototype().clone()};
};

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;

std::vector<Segment> Segmenter::segment(std::string_view text) {
    std::vector<Segment> segments;
    if (text.empty()) return segments;
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return segments;
    impl_->iterator->setText(utext, status);
    if (U_FAILURE(status)) {
        utext_close(utext);
        return segments;
    }
    auto* rule_based = dynamic_cast<icu::RuleBasedBreakIterator*>(impl_->iterator.get());
    int32_t begin = impl_->iterator->first();
    for (int32_t end = impl_->iterator->next(); end != icu::BreakIterator::DONE; begin = end, end = impl_->iterator->next()) {
        const int32_t status_tag = rule_based ? rule_based->getRuleStatus() : UBRK_WORD_LETTER;
        segments.push_back({static_cast<std::size_t>(begin), static_cast<std::size_t>(end), status_tag >= UBRK_WORD_NONE_LIMIT});
    }
    // The iterator keeps a pointer to the UText; detach before closing it.
    impl_->iterator->setText(icu::UnicodeString());
    utext_close(utext);
    return segments;
}

std::vector<std::string> Segmenter::words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& segment : segment(text)) {
        if (segment.is_word) out.emplace_back(text.substr(segment.begin, segment.end - segment.begin));
    }
    return out;
}

}  // namespace gongwen::core
