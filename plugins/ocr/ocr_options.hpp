// The ocr plugin's options ([plugins.ocr] in the config), parsed and checked once.
#pragma once

#include <string>

#include "gongwen/plugin.hpp"

namespace gongwen::ocr {

struct OcrOptions {
    std::string languages = "chi_sim";   ///< Tesseract language(s), '+'-joined
    std::string tessdata;                ///< directory of *.traineddata; empty = Tesseract's default
    double dpi = 200;                    ///< resolution pages are recognised at
    double max_megapixels = 100;         ///< images declaring more pixels are rejected before decoding
    int max_pages = 200;                 ///< pages OCR'd per document at most; 0 = no limit
    double min_confidence = 60;          ///< pages whose mean confidence is below get a warning
    bool remove_red = true;              ///< suppress red seals and mastheads before recognition
    bool deskew = true;
    /// How Tesseract separates ink from paper for its page layout (the LSTM still reads grey):
    /// "otsu" (Tesseract's global Otsu), "leptonica-otsu" (tiled), "sauvola" (local, adaptive).
    std::string binarization = "sauvola";
};

/// Tesseract's thresholding_method for a binarization name (0 Otsu, 1 Leptonica Otsu, 2 Sauvola).
int thresholding_method(const std::string& binarization);

/// Reads the options; throws ExtractionError (scope plugin) naming a bad one.
OcrOptions parse_options(const PluginContext& context);

/// The option table for the descriptor (terminated by a null key).
extern const PluginOption kOcrOptions[];

}  // namespace gongwen::ocr
