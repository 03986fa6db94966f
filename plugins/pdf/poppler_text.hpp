// A PDF's text layer read with Poppler's core (TextOutputDev) instead of poppler-cpp.
//
// Why: the only way poppler-cpp gives a word's font size is page::text_list(text_list_include_font),
// and that first scans every font of the page again (FontInfoScanner: each font parsed a second
// time, its ToUnicode CMap included) and copies the page's font list into every word. That was a
// sixth of the worker's time on born-digital PDFs. Here the words come straight from the same
// TextOutputDev, with the same settings, so they are exactly what text_list gave: same text,
// same boxes (computed the same way, to the last bit), same font size.
//
// Poppler's core API is not ABI-stable: this file is built against the installed Poppler
// (libpoppler-private-dev) and only it includes Poppler's core headers.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::pdf {

/// Keeps Poppler's global state (GlobalParams: encodings, CMap caches) alive between documents,
/// instead of building it afresh for each one; Poppler's diagnostics go to `sink` while it lives.
class PopplerSession {
public:
    using MessageSink = void (*)(const std::string& message);
    explicit PopplerSession(MessageSink sink);
    ~PopplerSession();
    PopplerSession(const PopplerSession&) = delete;
    PopplerSession& operator=(const PopplerSession&) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// An open PDF. Throws ExtractionError with the reason when the bytes are not a readable PDF.
class PopplerText {
public:
    /// Poppler reads `bytes` in place: they must outlive this object.
    explicit PopplerText(std::span<const std::byte> bytes);
    ~PopplerText();
    PopplerText(const PopplerText&) = delete;
    PopplerText& operator=(const PopplerText&) = delete;

    int pages() const;
    /// False when Poppler cannot read the page (a damaged page tree).
    bool has_page(int index) const;
    /// The page's size in its displayed orientation (width and height swap for landscape pages).
    void page_size(int index, double& width, double& height) const;
    /// The page's words in Poppler's reading order, as poppler-cpp's text_list would give them
    /// with font information: char boxes one per glyph, font_size from the text layer. When
    /// `rules` is given, the page's ruling lines are collected in the same pass (see RuleCollector
    /// in poppler_text.cpp): horizontal and vertical stroked segments and thin filled rectangles.
    std::vector<Word> words(int index, std::vector<Rule>* rules = nullptr) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen::pdf
