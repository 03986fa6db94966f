// Image files (PNG, JPEG, TIFF) recognised by content, checked and decoded with Leptonica.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "pix.hpp"

namespace gongwen::ocr {

enum class ImageKind { none, png, jpeg, tiff };

/// The image format from magic bytes; none when it is not an image we read.
ImageKind sniff_image(std::span<const std::byte> head);
const char* mime_type(ImageKind kind);
const char* kind_name(ImageKind kind);

/// Reads the dimensions the file declares (nothing is decoded) and rejects an image larger than
/// `max_megapixels` or with no pixels. Throws ExtractionError with the numbers.
void check_declared_size(std::span<const std::byte> bytes, ImageKind kind, double max_megapixels);

/// Decodes every page of the file (a multi-page TIFF gives several). Throws ExtractionError for a
/// corrupt or truncated file.
std::vector<PixPtr> decode_pages(std::span<const std::byte> bytes, ImageKind kind, double max_megapixels);

/// The scan resolution of a decoded page: from the file when it says, else guessed from the
/// width, taking the page for A4 portrait (scanners that omit the resolution scan whole pages).
double page_dpi(PIX* pix);

}  // namespace gongwen::ocr
