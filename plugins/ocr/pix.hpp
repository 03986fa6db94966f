// Owning handle for Leptonica images, so that no early return leaks a page-sized buffer.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace gongwen::ocr {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

/// Takes ownership of a Leptonica result (which may be null).
inline PixPtr own(PIX* pix) { return PixPtr(pix); }

}  // namespace gongwen::ocr
