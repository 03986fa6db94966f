// Page preprocessing with Leptonica (see preprocess.hpp).
#include "preprocess.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "gongwen/error.hpp"

namespace gongwen::ocr {
namespace {

// Preview pixels darker than this are ink; a page with fewer ink pixels than kInkFraction is blank.
constexpr int kInkLevel = 190;
constexpr double kInkFraction = 0.0005;
// Skew below this is left alone (rotating costs a resampling for no gain); above the search range
// Leptonica's measure is not trusted.
constexpr float kMinSkewDegrees = 0.15f;
constexpr float kMinSkewConfidence = 2.5f;

}  // namespace

PixPtr to_pix(const PageImage& image) {
    if (image.width <= 0 || image.height <= 0 || image.pixels.size() < image.stride * static_cast<std::size_t>(image.height)) {
        throw ExtractionError("the rendered page is empty or truncated");
    }
    const bool colour = image.format == PageImage::Format::argb32;
    PixPtr pix = own(pixCreate(image.width, image.height, colour ? 32 : 8));
    if (!pix) throw ExtractionError("not enough memory for a page image of " + std::to_string(image.width) + "×" + std::to_string(image.height));
    const l_int32 words_per_line = pixGetWpl(pix.get());
    l_uint32* data = pixGetData(pix.get());
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.stride;
        l_uint32* line = data + static_cast<std::size_t>(y) * words_per_line;
        if (colour) {
            for (int x = 0; x < image.width; ++x) {
                std::uint32_t argb;
                std::memcpy(&argb, row + 4 * x, 4);
                // Leptonica keeps 0xRRGGBBAA in each word.
                line[x] = (argb << 8) | 0xFFu;
            }
        } else {
            for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
        }
    }
    const auto dpi = static_cast<l_int32>(std::lround(image.dpi));
    pixSetResolution(pix.get(), dpi, dpi);
    return pix;
}

PageImage to_page_image(PIX* source, double source_dpi, double dpi, PageImage::Format format) {
    const bool colour = format == PageImage::Format::argb32;
    PixPtr converted = own(colour ? pixConvertTo32(source) : pixConvertTo8(source, 0));
    if (!converted) throw ExtractionError("the image's pixel format cannot be converted");
    const auto factor = static_cast<l_float32>(dpi / source_dpi);
    PixPtr scaled = std::abs(factor - 1) < 0.02f ? std::move(converted) : own(pixScale(converted.get(), factor, factor));
    if (!scaled) throw ExtractionError("the image cannot be scaled to " + std::to_string(static_cast<int>(dpi)) + " DPI");
    PageImage image;
    image.format = format;
    image.width = pixGetWidth(scaled.get());
    image.height = pixGetHeight(scaled.get());
    image.dpi = dpi;
    image.stride = static_cast<std::size_t>(image.width) * (colour ? 4 : 1);
    image.pixels.resize(image.stride * static_cast<std::size_t>(image.height));
    const l_int32 words_per_line = pixGetWpl(scaled.get());
    const l_uint32* data = pixGetData(scaled.get());
    for (int y = 0; y < image.height; ++y) {
        const l_uint32* line = data + static_cast<std::size_t>(y) * words_per_line;
        std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.stride;
        if (colour) {
            for (int x = 0; x < image.width; ++x) {
                const std::uint32_t argb = 0xFF000000u | (line[x] >> 8);
                std::memcpy(row + 4 * x, &argb, 4);
            }
        } else {
            for (int x = 0; x < image.width; ++x) row[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
        }
    }
    return image;
}

PixPtr to_grey(PIX* pix, bool remove_red) {
    if (pixGetDepth(pix) != 32 || !remove_red) {
        PixPtr grey = own(pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0));
        if (!grey) throw ExtractionError("the image's pixel format cannot be converted to grey");
        return grey;
    }
    const l_int32 width = pixGetWidth(pix), height = pixGetHeight(pix);
    PixPtr grey = own(pixCreate(width, height, 8));
    if (!grey) throw ExtractionError("not enough memory for a grey page image");
    pixCopyResolution(grey.get(), pix);
    const l_int32 in_wpl = pixGetWpl(pix), out_wpl = pixGetWpl(grey.get());
    const l_uint32* in = pixGetData(pix);
    l_uint32* out = pixGetData(grey.get());
    for (l_int32 y = 0; y < height; ++y) {
        const l_uint32* in_line = in + static_cast<std::size_t>(y) * in_wpl;
        l_uint32* out_line = out + static_cast<std::size_t>(y) * out_wpl;
        for (l_int32 x = 0; x < width; ++x) {
            l_int32 r, g, b;
            extractRGBValues(in_line[x], &r, &g, &b);
            const int luminance = is_red_ink(r, g, b) ? 255 : (299 * r + 587 * g + 114 * b) / 1000;
            SET_DATA_BYTE(out_line, x, luminance);
        }
    }
    return grey;
}

bool looks_blank(PIX* grey_preview) {
    const l_int32 width = pixGetWidth(grey_preview), height = pixGetHeight(grey_preview);
    const l_int32 wpl = pixGetWpl(grey_preview);
    const l_uint32* data = pixGetData(grey_preview);
    long long ink = 0;
    for (l_int32 y = 0; y < height; ++y) {
        const l_uint32* line = data + static_cast<std::size_t>(y) * wpl;
        for (l_int32 x = 0; x < width; ++x) ink += GET_DATA_BYTE(line, x) < kInkLevel;
    }
    return static_cast<double>(ink) < kInkFraction * width * height;
}

PixPtr prepare_for_recognition(PIX* grey, bool deskew, double& skew_degrees) {
    skew_degrees = 0;
    PixPtr page = own(pixClone(grey));
    if (!deskew) return page;
    // Skew is measured on a binarised copy; the grey page is rotated, so that Tesseract's LSTM,
    // which reads grey, keeps every anti-aliased edge.
    PixPtr binary = own(pixConvertTo1(grey, 160));
    if (!binary) return page;
    l_float32 angle = 0, confidence = 0;
    if (pixFindSkew(binary.get(), &angle, &confidence) != 0) return page;
    if (confidence < kMinSkewConfidence || std::abs(angle) < kMinSkewDegrees) return page;
    PixPtr rotated = own(pixRotate(grey, static_cast<l_float32>(angle * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    if (!rotated) return page;
    skew_degrees = angle;
    return rotated;
}

}  // namespace gongwen::ocr
