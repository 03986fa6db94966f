// Tesseract through its C++ API (see tesseract_engine.hpp).
#include "tesseract_engine.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <mutex>

#include "gongwen/error.hpp"

namespace gongwen::ocr {
namespace {

constexpr int kSauvola = 2;   // Tesseract's thresholding_method numbers: 0 Otsu, 1 Leptonica Otsu, 2 Sauvola

std::string take_text(char* text) {
    const std::string out = text ? text : "";
    delete[] text;
    return out;
}

Box box_at(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
    int left = 0, top = 0, right = 0, bottom = 0;
    it.BoundingBox(level, &left, &top, &right, &bottom);
    return {static_cast<double>(left), static_cast<double>(top), static_cast<double>(right), static_cast<double>(bottom)};
}

// Per-character boxes of the word the iterator is on, from a copy of it.
std::vector<Box> symbol_boxes(const tesseract::ResultIterator& word) {
    std::vector<Box> boxes;
    tesseract::ResultIterator symbol(word);
    do {
        boxes.push_back(box_at(symbol, tesseract::RIL_SYMBOL));
    } while (!symbol.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && symbol.Next(tesseract::RIL_SYMBOL));
    return boxes;
}

// Cells read as this many characters or fewer are read again for a number.
constexpr std::size_t kShortCell = 3;

std::size_t characters(const std::vector<Line>& lines) {
    std::size_t count = 0;
    for (const Line& line : lines) {
        for (const Word& word : line.words) count += word.char_boxes.size();
    }
    return count;
}

// One line of one to three ASCII digits.
bool is_number(const std::vector<Line>& lines) {
    if (lines.size() != 1) return false;
    std::string text;
    for (const Word& word : lines[0].words) text += word.text;
    return !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

TesseractEngine::TesseractEngine(std::string tessdata, std::string languages, int thresholding_method)
    : tessdata_(std::move(tessdata)), languages_(std::move(languages)), thresholding_method_(thresholding_method) {}

TesseractEngine::~TesseractEngine() {
    if (api_) api_->End();
    if (number_api_) number_api_->End();
}

std::unique_ptr<tesseract::TessBaseAPI> TesseractEngine::start_api(const std::string& languages) const {
    // Engines start on several threads (one per page thread) and debug_file is one of Tesseract's
    // process-wide parameters: starts are taken one at a time.
    static std::mutex start_mutex;
    const std::lock_guard lock(start_mutex);
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // Tesseract reports through tprintf to stderr; plugins never print.
    api->SetVariable("debug_file", "/dev/null");
    if (api->Init(tessdata_.empty() ? nullptr : tessdata_.c_str(), languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
    api->SetVariable("debug_file", "/dev/null");
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api->SetVariable("thresholding_method", std::to_string(thresholding_method_).c_str());
    // Sauvola's k (how far the local threshold drops below the local mean where the contrast is
    // low): Tesseract's 0.34 lost the first or last characters of long lines on the turned scan
    // fixture; 0.27 reads it whole and keeps the corpus CER and seal results (bench/README.md).
    if (thresholding_method_ == kSauvola) api->SetVariable("thresholding_kfactor", "0.27");
    return api;
}

void TesseractEngine::start() {
    if (api_) return;
    if (!failure_.empty()) throw ExtractionError(failure_, FailureScope::plugin);
    api_ = start_api(languages_);
    if (!api_) {
        failure_ = "Tesseract cannot load language data '" + languages_ + "'" +
                   (tessdata_.empty() ? std::string(" from its default tessdata directory") : " from " + tessdata_) +
                   " (install tesseract-ocr-chi-sim, or set plugins.ocr.tessdata / languages)";
        throw ExtractionError(failure_, FailureScope::plugin);
    }
}

tesseract::TessBaseAPI* TesseractEngine::number_reader() {
    if (!number_api_ && !number_reader_tried_) {
        number_reader_tried_ = true;
        if (languages_.find("eng") == std::string::npos) number_api_ = start_api(languages_ + "+eng");
        if (number_api_) number_api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    }
    return number_api_.get();
}

std::vector<Line> TesseractEngine::recognize(PIX* page, int dpi) {
    start();
    api_->SetPageSegMode(tesseract::PSM_AUTO);   // whatever recognize_blocks left
    api_->SetImage(page);
    api_->SetSourceResolution(dpi);
    std::vector<Line> lines;
    if (api_->Recognize(nullptr) == 0) collect_lines(*api_, lines);
    api_->Clear();
    std::erase_if(lines, [](const Line& line) { return line.words.empty(); });
    return lines;
}

std::vector<Line> TesseractEngine::recognize_block(PIX* image, int dpi) {
    start();
    api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    api_->SetImage(image);
    api_->SetSourceResolution(dpi);
    std::vector<Line> lines;
    if (api_->Recognize(nullptr) == 0) collect_lines(*api_, lines);
    api_->SetPageSegMode(tesseract::PSM_AUTO);
    api_->Clear();
    std::erase_if(lines, [](const Line& line) { return line.words.empty(); });
    return lines;
}

std::vector<std::vector<Line>> TesseractEngine::recognize_blocks(PIX* page, int dpi, const std::vector<Box>& blocks) {
    start();
    api_->SetImage(page);
    api_->SetSourceResolution(dpi);
    api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    std::vector<std::vector<Line>> lines_of_blocks;
    for (const Box& block : blocks) {
        const int left = static_cast<int>(block.x0), top = static_cast<int>(block.y0);
        api_->SetRectangle(left, top, static_cast<int>(block.x1) - left, static_cast<int>(block.y1) - top);
        std::vector<Line>& lines = lines_of_blocks.emplace_back();
        if (api_->Recognize(nullptr) == 0) collect_lines(*api_, lines);
        std::erase_if(lines, [](const Line& line) { return line.words.empty(); });
    }
    api_->SetPageSegMode(tesseract::PSM_AUTO);
    api_->Clear();
    // A cell read as at most a few characters may hold a number (the 序号 column) that chi_sim
    // alone reads as a look-alike (2 → 凤, 13 → 5, 17 → 忆, 1 → nothing): such a cell is read again
    // with English added, and that reading is kept when it is a number. On the 10 scanned task
    // tables of the benchmark, 7 of 108 tasks had a wrong 序号 before, none after; chi_sim+eng for
    // whole pages reads every 序号 too but loses task text and units.
    std::vector<std::size_t> short_cells;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (characters(lines_of_blocks[i]) <= kShortCell) short_cells.push_back(i);
    }
    tesseract::TessBaseAPI* numbers = short_cells.empty() ? nullptr : number_reader();
    if (!numbers) return lines_of_blocks;
    numbers->SetImage(page);
    numbers->SetSourceResolution(dpi);
    for (const std::size_t i : short_cells) {
        const Box& block = blocks[i];
        const int left = static_cast<int>(block.x0), top = static_cast<int>(block.y0);
        numbers->SetRectangle(left, top, static_cast<int>(block.x1) - left, static_cast<int>(block.y1) - top);
        std::vector<Line> again;
        if (numbers->Recognize(nullptr) == 0) collect_lines(*numbers, again);
        std::erase_if(again, [](const Line& line) { return line.words.empty(); });
        if (is_number(again)) lines_of_blocks[i] = std::move(again);
    }
    numbers->Clear();
    return lines_of_blocks;
}

void TesseractEngine::collect_lines(tesseract::TessBaseAPI& api, std::vector<Line>& lines) {
    const std::size_t first = lines.size();
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it) return;
    it->Begin();
    do {
        if (it->Empty(tesseract::RIL_WORD)) continue;
        if (lines.size() == first || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
            Line line;
            line.box = box_at(*it, tesseract::RIL_TEXTLINE);
            lines.push_back(std::move(line));
        }
        Word word;
        word.text = take_text(it->GetUTF8Text(tesseract::RIL_WORD));
        word.box = box_at(*it, tesseract::RIL_WORD);
        word.char_boxes = symbol_boxes(*it);
        // Character boxes get the line's height, as a PDF's do: Tesseract's are the glyphs' own
        // (a comma's sits on the baseline, a quote's at the top), and the table readers, which
        // group a cell's characters into lines by their vertical centres, split such a line in two.
        // They also start left to right in Tesseract's reading order: a punctuation mark's box
        // can start left of the character before it (次”， came back 次，”), and the readers
        // order a cell's characters by where their boxes start.
        const Line& line = lines.back();
        double start = line.words.empty() || line.words.back().char_boxes.empty() ? line.box.x0 - 1 : line.words.back().char_boxes.back().x0;
        for (Box& box : word.char_boxes) {
            box.y0 = line.box.y0;
            box.y1 = line.box.y1;
            if (box.x0 <= start) box.x0 = std::min(start + 0.01, box.x1);
            start = box.x0;
        }
        word.confidence = std::clamp(static_cast<double>(it->Confidence(tesseract::RIL_WORD)), 0.0, 100.0);
        word.font_size = word.box.y1 - word.box.y0;
        word.space_after = true;
        if (!word.text.empty()) lines.back().words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
}

}  // namespace gongwen::ocr
