// The red masthead of a scanned page (see masthead.hpp).
#include "masthead.hpp"

#include <algorithm>
#include <cmath>

#include "preprocess.hpp"

namespace gongwen::ocr {
namespace {

// The part of the page searched: GB/T 9704 puts the 标志 35 mm under the top of the text area
// (about 72 mm from the top of the sheet), the 分隔线 under the 发文字号 below it; 份号, 密级 and
// 紧急程度 can push it lower. 45% of an A4 page is 134 mm.
constexpr double kTopFraction = 0.45;
// The coarse grid the band is looked for on: one cell per 1/50 inch (half a millimetre).
constexpr double kGridDpi = 50;
// A run of grid rows with red is type when it is at least 3 mm high: a rule is one or two rows,
// a 发文机关标志 10–25 mm.
constexpr int kMinTypeRows = 6;
// Type is read at about this height in pixels: enough for chi_sim, small enough to be cheap.
constexpr double kMastheadTextHeight = 44;
// Red cells a band needs, against stray specks of red: a few characters' worth.
constexpr int kMinRedCells = 60;
// The narrowest masthead: four characters of 15 mm (`国务院文件` is wider). A seal (42 mm) whose top
// reaches into the band of a short page is narrower.
constexpr double kMinWidthMm = 60;

/// Red ink as red removal sees it (preprocess.hpp).
bool red_ink(l_uint32 pixel) {
    l_int32 r, g, b;
    extractRGBValues(pixel, &r, &g, &b);
    return is_red_ink(r, g, b);
}

struct Run {
    int first = 0, last = 0;   // grid rows, inclusive
    int height() const { return last - first + 1; }
};

}  // namespace

PixPtr find_masthead(PIX* page) {
    if (!page || pixGetDepth(page) != 32) return nullptr;
    const l_int32 width = pixGetWidth(page), height = pixGetHeight(page);
    l_int32 xres = 0, yres = 0;
    pixGetResolution(page, &xres, &yres);
    const int step = std::max(1, static_cast<int>(std::lround((yres > 0 ? yres : 300) / kGridDpi)));
    const int band_height = static_cast<int>(height * kTopFraction);
    const int rows = band_height / step, columns = width / step;
    if (rows < kMinTypeRows || columns < 10) return nullptr;
    const l_int32 wpl = pixGetWpl(page);
    const l_uint32* data = pixGetData(page);
    // A grid cell is red when any pixel of a sample inside it is: every pixel at 200 DPI, every other
    // row and column at 300; no stroke of large type slips through.
    std::vector<int> red_in_row(rows, 0);
    std::vector<int> left(rows, columns), right(rows, -1);
    const int sample = std::max(1, step / 3);
    for (int gy = 0; gy < rows; ++gy) {
        for (int gx = 0; gx < columns; ++gx) {
            bool red = false;
            for (int y = gy * step; y < (gy + 1) * step && !red; y += sample) {
                const l_uint32* line = data + static_cast<std::size_t>(y) * wpl;
                for (int x = gx * step; x < (gx + 1) * step && !red; x += sample) red = red_ink(line[x]);
            }
            if (!red) continue;
            ++red_in_row[gy];
            left[gy] = std::min(left[gy], gx);
            right[gy] = std::max(right[gy], gx);
        }
    }
    // Runs of rows with red, a row without any allowed inside (the gap inside 二 or 三).
    std::vector<Run> runs;
    for (int gy = 0; gy < rows; ++gy) {
        if (red_in_row[gy] == 0) continue;
        if (!runs.empty() && gy - runs.back().last <= 2) runs.back().last = gy;
        else runs.push_back({gy, gy});
    }
    // The first run tall enough to be type; a joint masthead set in two or more lines is the runs
    // that follow it closely (a gap under half its height).
    auto type = std::find_if(runs.begin(), runs.end(), [](const Run& run) { return run.height() >= kMinTypeRows; });
    if (type == runs.end()) return nullptr;
    Run band = *type;
    int line_height = type->height();
    for (auto next = type + 1; next != runs.end() && next->height() >= kMinTypeRows && next->first - band.last < line_height / 2; ++next) {
        band.last = next->last;
        line_height = std::max(line_height, next->height());
    }
    int red_cells = 0, x0 = columns, x1 = -1;
    for (int gy = band.first; gy <= band.last; ++gy) {
        red_cells += red_in_row[gy];
        if (red_in_row[gy] > 0) x0 = std::min(x0, left[gy]), x1 = std::max(x1, right[gy]);
    }
    const int dpi_y = yres > 0 ? yres : 300;
    if (red_cells < kMinRedCells || (x1 - x0 + 1) * step < kMinWidthMm / 25.4 * dpi_y) return nullptr;
    // The band in page pixels, a margin of a line's height on the left and right and half of it
    // above and below, so that the engine sees the type with paper around it.
    const int margin = line_height * step / 2;
    const int px0 = std::max(0, x0 * step - 2 * margin), px1 = std::min<int>(width, (x1 + 1) * step + 2 * margin);
    const int py0 = std::max(0, band.first * step - margin), py1 = std::min<int>(height, (band.last + 1) * step + margin);
    PixPtr layer = own(pixCreate(px1 - px0, py1 - py0, 8));
    if (!layer) return nullptr;
    const l_int32 out_wpl = pixGetWpl(layer.get());
    l_uint32* out = pixGetData(layer.get());
    for (int y = py0; y < py1; ++y) {
        const l_uint32* in_line = data + static_cast<std::size_t>(y) * wpl;
        l_uint32* out_line = out + static_cast<std::size_t>(y - py0) * out_wpl;
        for (int x = px0; x < px1; ++x) {
            l_int32 r, g, b;
            extractRGBValues(in_line[x], &r, &g, &b);
            // Darker the redder: anti-aliased edges stay grey, black print and grey noise go white.
            SET_DATA_BYTE(out_line, x - px0, 255 - std::clamp((redness(r, g, b) - 20) * 255 / 100, 0, 255));
        }
    }
    const double type_pixels = static_cast<double>(line_height * step);
    const auto factor = static_cast<l_float32>(std::min(1.0, kMastheadTextHeight / type_pixels));
    PixPtr small = factor < 0.98f ? own(pixScaleAreaMap(layer.get(), factor, factor)) : std::move(layer);
    if (!small) return nullptr;
    const auto dpi = static_cast<l_int32>(std::lround((yres > 0 ? yres : 300) * factor));
    pixSetResolution(small.get(), dpi, dpi);
    return small;
}

std::string masthead_text(const std::vector<Line>& lines) {
    std::string text;
    for (const Line& line : lines) {
        const Word* previous = nullptr;
        for (const Word& word : line.words) {
            if (!text.empty()) {
                // Between lines, and between words a wide gap separates: a gap wider than most of the
                // type's height is not the spacing of one name.
                const double height = std::max(line.box.y1 - line.box.y0, 1.0);
                if (!previous || word.box.x0 - previous->box.x1 > 0.8 * height) text += ' ';
            }
            text += word.text;
            previous = &word;
        }
    }
    return text;
}

std::string read_masthead(PIX* masthead, TesseractEngine& engine) {
    if (!masthead) return {};
    l_int32 xres = 0, yres = 0;
    pixGetResolution(masthead, &xres, &yres);
    return masthead_text(engine.recognize_block(masthead, yres > 0 ? yres : 100));
}

}  // namespace gongwen::ocr
