// Word segmentation with ICU's dictionary-based word BreakIterator (Chinese and Latin text alike).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::core {

/// One segment of a text: byte offsets into the UTF-8 input.
struct Segment {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool is_word = false;     ///< letters, ideographs or digits (not spaces or punctuation)
};

/// Not thread-safe: create one per thread (construction clones a shared prototype, which is cheap).
class Segmenter {
public:
    Segmenter();
    ~Segmenter();
    Segmenter(const Segmenter&) = delete;
    Segmenter& operator=(const Segmenter&) = delete;

    /// The segments of `text` in order; together they cover the text.
    std::vector<Segment> segment(std::string_view text);
    /// The word segments as strings.
    std::vector<std::string> words(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen::core
