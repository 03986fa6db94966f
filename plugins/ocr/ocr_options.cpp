// Option parsing for the ocr plugin (see ocr_options.hpp).
#include "ocr_options.hpp"

namespace gongwen::ocr {

const PluginOption kOcrOptions[] = {
    {"languages", "chi_sim", "Tesseract languages, '+'-joined (chi_sim; adding eng was measured slower and worse)"},
    {"tessdata", "", "directory holding the *.traineddata files; empty = Tesseract's default"},
    {"dpi", "200",
     "resolution pages are recognised at; 300 DPI scans are downscaled (chi_sim reads 16 pt text best at 150-200)"},
    {"max_megapixels", "100", "images declaring more pixels are rejected before they are decoded"},
    {"max_pages", "200", "pages OCR'd per document at most (0 = no limit); the rest are left unread with a warning"},
    {"min_confidence", "60", "pages whose mean word confidence (0-100) is lower are named in the document's warnings"},
    {"remove_red", "true", "suppress red seals and red mastheads so that the black text under them is read"},
    {"deskew", "true", "straighten pages scanned at a slight angle"},
    {"binarization", "sauvola",
     "how ink is told from paper for Tesseract's layout analysis: sauvola (local; measured best), otsu (Tesseract's global "
     "default) or leptonica-otsu (tiled)"},
    {nullptr, nullptr, nullptr}};

namespace {

[[noreturn]] void bad_option(const std::string& key, const std::string& expected, const std::string& value) {
    throw ExtractionError("option " + key + " must be " + expected + ", got \"" + value + "\"", FailureScope::plugin);
}

double number_option(const PluginContext& context, const std::string& key, double low, double high) {
    const std::string value = context.option(key);
    try {
        std::size_t used = 0;
        const double number = std::stod(value, &used);
        if (used == value.size() && number >= low && number <= high) return number;
    } catch (const std::exception&) {
    }
    bad_option(key, "a number from " + std::to_string(static_cast<long long>(low)) + " to " +
                        std::to_string(static_cast<long long>(high)), value);
}

bool bool_option(const PluginContext& context, const std::string& key) {
    const std::string value = context.option(key);
    if (value == "true") return true;
    if (value == "false") return false;
    bad_option(key, "true or false", value);
}

}  // namespace

int thresholding_method(const std::string& binarization) {
    if (binarization == "otsu") return 0;
    if (binarization == "leptonica-otsu") return 1;
    if (binarization == "sauvola") return 2;
    return -1;
}

OcrOptions parse_options(const PluginContext& context) {
    OcrOptions options;
    options.languages = context.option("languages");
    if (options.languages.empty()) bad_option("languages", "a Tesseract language such as chi_sim", "");
    options.tessdata = context.option("tessdata");
    options.dpi = number_option(context, "dpi", 70, 600);
    options.max_megapixels = number_option(context, "max_megapixels", 1, 10000);
    options.max_pages = static_cast<int>(number_option(context, "max_pages", 0, 1000000));
    options.min_confidence = number_option(context, "min_confidence", 0, 100);
    options.remove_red = bool_option(context, "remove_red");
    options.deskew = bool_option(context, "deskew");
    options.binarization = context.option("binarization");
    if (thresholding_method(options.binarization) < 0) bad_option("binarization", "otsu, leptonica-otsu or sauvola", options.binarization);
    return options;
}

}  // namespace gongwen::ocr
