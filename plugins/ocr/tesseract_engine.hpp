// One Tesseract engine per plugin instance (one per worker process), started on first use: a run
// that meets no scan never pays for loading the language model.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gongwen/document.hpp"
#include "pix.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace gongwen::ocr {

class TesseractEngine {
public:
    /// `thresholding_method`: Tesseract's variable of that name (see OcrOptions::binarization).
    TesseractEngine(std::string tessdata, std::string languages, int thresholding_method = 0);
    ~TesseractEngine();
    TesseractEngine(const TesseractEngine&) = delete;
    TesseractEngine& operator=(const TesseractEngine&) = delete;

    /// Text lines of a prepared page, words with boxes in the image's pixels and confidences;
    /// Tesseract's spaces are kept as Word::space_after for the postprocessing to judge.
    /// Throws ExtractionError (scope plugin) when the engine cannot start.
    std::vector<Line> recognize(PIX* page, int dpi);

    /// The text lines of each block of `page` (image pixels; table cells), each read on its own
    /// as one uniform block of text, boxes in the page's pixels.
    std::vector<std::vector<Line>> recognize_blocks(PIX* page, int dpi, const std::vector<Box>& blocks);

    /// The text lines of a small image read whole as one uniform block (the red masthead), words
    /// with boxes in its pixels; no second reading for numbers.
    std::vector<Line> recognize_block(PIX* image, int dpi);

private:
    /// A Tesseract instance for `languages` with this engine's settings, null when the language
    /// data cannot be loaded.
    std::unique_ptr<tesseract::TessBaseAPI> start_api(const std::string& languages) const;
    void start();
    /// The second instance, languages + eng, that reads short table cells again for numbers;
    /// started on first use, null when eng is missing (the cells keep the first reading).
    tesseract::TessBaseAPI* number_reader();
    /// The lines of what `api` has just recognised, appended to `lines`.
    static void collect_lines(tesseract::TessBaseAPI& api, std::vector<Line>& lines);

    std::string tessdata_;
    std::string languages_;
    int thresholding_method_;
    std::unique_ptr<tesseract::TessBaseAPI> api_;
    std::unique_ptr<tesseract::TessBaseAPI> number_api_;
    bool number_reader_tried_ = false;
    std::string failure_;   ///< why the engine could not start; it is not retried
};

}  // namespace gongwen::ocr
