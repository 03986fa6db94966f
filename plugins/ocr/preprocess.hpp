// Leptonica preprocessing between a rendered page and Tesseract: red seals out, grey, deskewed.
#pragma once

#include <algorithm>

#include "gongwen/page_recognizer.hpp"
#include "pix.hpp"

namespace gongwen::ocr {

/// A Leptonica image of a rendered page (8 bpp grey or 32 bpp RGB), resolution set.
PixPtr to_pix(const PageImage& image);
/// A page image from a Leptonica image of any depth, scaled to `dpi` from `source_dpi`.
PageImage to_page_image(PIX* pix, double source_dpi, double dpi, PageImage::Format format);

/// How far a pixel's red rises above its other channels, 0 when the red is too faint to be ink.
inline int redness(int r, int g, int b) { return r >= 100 ? r - std::max(g, b) : 0; }
/// Red ink — a seal, a red masthead — is what red removal takes out: red clearly dominates both
/// other channels. Black text under a seal is dark in all three and stays; pink halos go.
inline bool is_red_ink(int r, int g, int b) { return redness(r, g, b) >= 50; }

/// 8 bpp grey; with `remove_red`, red-dominant pixels (seals, red mastheads, red rules) become
/// paper white, so that black text stamped over keeps its shape. Black text under a seal is
/// dark in every channel and survives.
PixPtr to_grey(PIX* pix, bool remove_red);

/// True when a grey preview holds (almost) no ink: a blank page, or one with dust only.
/// Cheap on a preview of a few dozen DPI, where scanner noise averages out to paper.
bool looks_blank(PIX* grey_preview);

/// The page ready for recognition: background flattened, straightened when `deskew` and the page
/// is measurably rotated. `skew_degrees` receives the correction applied (0 when none).
PixPtr prepare_for_recognition(PIX* grey, bool deskew, double& skew_degrees);

}  // namespace gongwen::ocr
