// Image sniffing, size checks and decoding (see image_file.hpp).
#include "image_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "gongwen/error.hpp"

namespace gongwen::ocr {
namespace {

constexpr double kA4WidthInches = 210 / 25.4;

bool starts_with(std::span<const std::byte> bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

const l_uint8* data_of(std::span<const std::byte> bytes) { return reinterpret_cast<const l_uint8*>(bytes.data()); }

std::string megapixels_text(double megapixels) {
    std::ostringstream out;
    out.precision(megapixels < 10 ? 2 : 0);
    out << std::fixed << megapixels;
    return out.str();
}

void check_dimensions(long long width, long long height, double max_megapixels, const std::string& what) {
    if (width <= 0 || height <= 0) throw ExtractionError(what + " declares no pixels (" + std::to_string(width) + "×" + std::to_string(height) + "): the file is corrupt");
    const double megapixels = static_cast<double>(width) * static_cast<double>(height) / 1e6;
    if (megapixels > max_megapixels) {
        throw ExtractionError(what + " declares " + std::to_string(width) + "×" + std::to_string(height) + " pixels (" +
                              megapixels_text(megapixels) + " megapixels), more than plugins.ocr.max_megapixels = " +
                              megapixels_text(max_megapixels) + "; not decoded (raise the limit to read it)");
    }
}

}  // namespace

ImageKind sniff_image(std::span<const std::byte> head) {
    if (starts_with(head, "\x89PNG\r\n\x1a\n")) return ImageKind::png;
    if (starts_with(head, "\xFF\xD8\xFF")) return ImageKind::jpeg;
    if (starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4))) return ImageKind::tiff;
    return ImageKind::none;
}

const char* mime_type(ImageKind kind) {
    switch (kind) {
        case ImageKind::png: return "image/png";
        case ImageKind::jpeg: return "image/jpeg";
        case ImageKind::tiff: return "image/tiff";
        case ImageKind::none: break;
    }
    return "";
}

const char* kind_name(ImageKind kind) {
    switch (kind) {
        case ImageKind::png: return "PNG";
        case ImageKind::jpeg: return "JPEG";
        case ImageKind::tiff: return "TIFF";
        case ImageKind::none: break;
    }
    return "image";
}

namespace {

// PNG's IHDR is fixed: width and height big-endian at bytes 16 and 20. Read directly, because
// Leptonica's header reader also wants the chunk's checksum right, and a hostile file need not be.
bool png_dimensions(std::span<const std::byte> bytes, long long& width, long long& height) {
    if (bytes.size() < 24 || std::memcmp(bytes.data() + 12, "IHDR", 4) != 0) return false;
    const auto big_endian = [&](std::size_t at) {
        long long value = 0;
        for (std::size_t i = 0; i < 4; ++i) value = value * 256 + static_cast<unsigned char>(bytes[at + i]);
        return value;
    };
    width = big_endian(16);
    height = big_endian(20);
    return true;
}

}  // namespace

void check_declared_size(std::span<const std::byte> bytes, ImageKind kind, double max_megapixels) {
    if (kind == ImageKind::png) {
        long long width = 0, height = 0;
        if (!png_dimensions(bytes, width, height)) throw ExtractionError("corrupt or truncated PNG image: it has no header (IHDR)");
        check_dimensions(width, height, max_megapixels, "the PNG image");
        return;
    }
    l_int32 format = 0, width = 0, height = 0, bits = 0, samples = 0, colormap = 0;
    // The header alone: a hostile file can declare any size while holding a few bytes.
    if (pixReadHeaderMem(data_of(bytes), bytes.size(), &format, &width, &height, &bits, &samples, &colormap) != 0) {
        throw ExtractionError(std::string("corrupt or truncated ") + kind_name(kind) + " image: its header cannot be read");
    }
    check_dimensions(width, height, max_megapixels, std::string("the ") + kind_name(kind) + " image");
}

std::vector<PixPtr> decode_pages(std::span<const std::byte> bytes, ImageKind kind, double max_megapixels) {
    check_declared_size(bytes, kind, max_megapixels);
    std::vector<PixPtr> pages;
    if (kind == ImageKind::tiff) {
        // One directory after another; the offset is 0 after the last.
        std::size_t offset = 0;
        do {
            PixPtr page = own(pixReadMemFromMultipageTiff(data_of(bytes), bytes.size(), &offset));
            if (!page) {
                throw ExtractionError("corrupt or truncated TIFF image: page " + std::to_string(pages.size() + 1) + " cannot be decoded");
            }
            check_dimensions(pixGetWidth(page.get()), pixGetHeight(page.get()), max_megapixels,
                             "page " + std::to_string(pages.size() + 1) + " of the TIFF image");
            pages.push_back(std::move(page));
        } while (offset != 0);
        return pages;
    }
    PixPtr page = own(pixReadMem(data_of(bytes), bytes.size()));
    if (!page) throw ExtractionError(std::string("corrupt or truncated ") + kind_name(kind) + " image: it cannot be decoded");
    pages.push_back(std::move(page));
    return pages;
}

double page_dpi(PIX* pix) {
    const l_int32 resolution = pixGetXRes(pix);
    if (resolution >= 50 && resolution <= 2400) return resolution;
    return std::clamp(pixGetWidth(pix) / kA4WidthInches, 50.0, 1200.0);
}

}  // namespace gongwen::ocr
