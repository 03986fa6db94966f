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
};

/// Reads the options; throws ExtractionError (scope plugin) naming a bad one.
OcrOptions parse_options(const PluginContext& context);

/// The option table for the descriptor (terminated by a null key).
extern const PluginOption kOcrOptions[];

}  // namespace gongwen::ocr
