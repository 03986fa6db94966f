// OCR results in the page cache (see ocr_cache.hpp).
#include "ocr_cache.hpp"

#include <tesseract/baseapi.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>

#include "gongwen/page_cache.hpp"

namespace gongwen::ocr {
namespace {

using nlohmann::json;

// Bump when the stored shape or the post-processing of stored lines changes. 2: ruling lines;
// 3: the red masthead (an older entry of a first page would read as a page without one);
// 4: a line read twice is kept once; 5: a doubled 〇 in a year dropped.
constexpr int kFormat = 5;

json box_json(const Box& box) { return json::array({box.x0, box.y0, box.x1, box.y1}); }

Box box_from(const json& value) {
    return Box{value.at(0).get<double>(), value.at(1).get<double>(), value.at(2).get<double>(), value.at(3).get<double>()};
}

}  // namespace

namespace {

std::span<const std::byte> pixels_of(PIX* pix) {
    const auto words = static_cast<std::size_t>(pixGetWpl(pix)) * static_cast<std::size_t>(pixGetHeight(pix));
    return {reinterpret_cast<const std::byte*>(pixGetData(pix)), words * sizeof(l_uint32)};
}

}  // namespace

std::string ocr_cache_key(PIX* rendered, const OcrOptions& options, double units_per_inch, PIX* masthead) {
    const std::span<const std::byte> pixels = pixels_of(rendered);
    // Two pages alike in black and different in red (the same body under another masthead) differ.
    const std::string red = masthead ? PageCache::key(pixels_of(masthead), "masthead " + std::to_string(pixGetWidth(masthead)) + "x" +
                                                                                std::to_string(pixGetHeight(masthead)))
                                     : std::string("none");
    std::string settings = "ocr-lines " + std::to_string(kFormat) + " | tesseract " + tesseract::TessBaseAPI::Version() +
                           " | " + options.languages + " | " + options.tessdata + " | dpi " + std::to_string(options.dpi) +
                           " | red " + std::to_string(options.remove_red) + " | deskew " + std::to_string(options.deskew) + " | binarization " + options.binarization +
                           " | units/inch " + std::to_string(units_per_inch) + " | masthead " + red + " | " + std::to_string(pixGetWidth(rendered)) + "x" +
                           std::to_string(pixGetHeight(rendered)) + "x" + std::to_string(pixGetDepth(rendered)) + " | build " +
                           PageCache::library_identity(reinterpret_cast<const void*>(&ocr_cache_key));
    return PageCache::key(pixels, settings);
}

std::string serialise_page(const RecognisedPage& page) {
    json out = json::array();
    for (const Line& line : page.lines) {
        json words = json::array();
        for (const Word& word : line.words) {
            json boxes = json::array();
            for (const Box& box : word.char_boxes) boxes.push_back(box_json(box));
            words.push_back({{"t", word.text}, {"b", box_json(word.box)}, {"c", boxes}, {"s", word.space_after},
                             {"f", word.font_size}, {"p", word.confidence}});
        }
        out.push_back({{"t", line.text}, {"b", box_json(line.box)}, {"w", std::move(words)}});
    }
    json rules = json::array();
    for (const Rule& rule : page.rules) rules.push_back(box_json(rule.box));
    return json{{"format", kFormat}, {"lines", std::move(out)}, {"rules", std::move(rules)}, {"masthead", page.masthead}}.dump();
}

std::optional<RecognisedPage> restore_page(std::string_view value) {
    try {
        const json stored = json::parse(value);
        if (stored.at("format").get<int>() != kFormat) return std::nullopt;
        RecognisedPage page;
        std::vector<Line>& lines = page.lines;
        for (const json& line_json : stored.at("lines")) {
            Line line{line_json.at("t").get<std::string>(), box_from(line_json.at("b")), {}};
            for (const json& word_json : line_json.at("w")) {
                Word word;
                word.text = word_json.at("t").get<std::string>();
                word.box = box_from(word_json.at("b"));
                for (const json& box : word_json.at("c")) word.char_boxes.push_back(box_from(box));
                word.space_after = word_json.at("s").get<bool>();
                word.font_size = word_json.at("f").get<double>();
                word.confidence = word_json.at("p").get<double>();
                line.words.push_back(std::move(word));
            }
            lines.push_back(std::move(line));
        }
        for (const json& box : stored.at("rules")) page.rules.push_back(Rule{box_from(box)});
        page.masthead = stored.at("masthead").get<std::string>();
        return page;
    } catch (const json::exception&) {
        return std::nullopt;   // a damaged or foreign entry: recognise the page again
    }
}

}  // namespace gongwen::ocr
