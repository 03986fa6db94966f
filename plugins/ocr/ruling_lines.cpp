// Ruling lines by morphology (see ruling_lines.hpp).
#include "ruling_lines.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen::ocr {
namespace {

// How much darker than the paper just above and below (left and right of) it a pixel must be to
// lie on a rule. LibreOffice's hairlines scan at 200 on 253 paper, and split over two pixel rows
// where the deskew's resampling steps, down to 30 darker; 35 broke them into pieces.
constexpr int kContrast = 25;
// Lengths in inches, so that they hold at any DPI. Runs shorter than kShortestInches are strokes
// (a 16 pt character is 0.22 in wide). A rule standing alone must be longer than kLongHorizontal /
// kLongVertical: 0.8 in is 3.6 em of 16 pt 正文 and 2.6 em of a 22 pt title, longer than any
// 一, —— or run of strokes; no character is 0.5 in tall. Shorter rules need a rule across each end.
constexpr double kShortestInches = 0.2;
constexpr double kLongHorizontalInches = 0.8;
constexpr double kLongVerticalInches = 0.5;
// A rule is at most 2 pt thick on average (a 1.5 pt border is 6 px at 300 DPI); thicker runs are
// filled bars, shading or a scanner's dark edge.
constexpr double kThickestInches = 2.0 / 72;
// Collinear pieces this close are one rule (cut by a crossing rule, JPEG blocks, noise). No more: the strokes of characters at the same place
// in consecutive lines of a cell (the left side of 国 and 目) are a line gap apart, 0.1 in or more.
constexpr double kGapInches = 0.02;
// Erase a pixel around each rule pixel too: the rule's anti-aliased edge is lighter than the
// contrast, and a faint ghost of it is still a `|` to Tesseract.
constexpr int kEraseMargin = 1;

struct Run {
    Box box;                       ///< image pixels, inclusive-exclusive
    bool horizontal = true;
    std::vector<int> components;   ///< indices into the direction's component list
    bool accepted = false;
    double length() const { return horizontal ? box.x1 - box.x0 : box.y1 - box.y0; }
};

struct Components {
    BOXA* boxes = nullptr;
    PIXA* images = nullptr;
    ~Components() {
        boxaDestroy(&boxes);
        pixaDestroy(&images);
    }
};

/// The straight runs of ink in one direction, found on the grey page rather than a binarised one,
/// where no single threshold keeps both black borders and hairlines. A black top-hat across the
/// line (closing with a brick twice the thickest rule, minus the page) keeps what is darker than
/// its surroundings and thin: rules and strokes, not a shaded header's fill. A dilation one pixel
/// each way across joins the two rows of a rule the deskew left stepping from one to the next, and
/// an opening with a brick kShortestInches long keeps only runs at least that long. Collinear runs a
/// break apart (a crossing rule cuts the top-hat) are joined.
std::vector<Run> find_runs(PIX* grey, bool horizontal, int dpi, Components& components) {
    const int gap = std::max(1, static_cast<int>(std::lround(kGapInches * dpi)));
    const int shortest = std::max(3, static_cast<int>(std::lround(kShortestInches * dpi)));
    const double thickest = std::max(2.0, kThickestInches * dpi) + 2;
    // Leptonica's grey morphology wants odd sizes.
    const int length = shortest | 1, wide = (2 * static_cast<int>(std::lround(kThickestInches * dpi))) | 1;
    PixPtr thin = own(horizontal ? pixTophat(grey, 1, wide, L_TOPHAT_BLACK) : pixTophat(grey, wide, 1, L_TOPHAT_BLACK));
    if (!thin) return {};
    PixPtr bridged = own(horizontal ? pixDilateGray(thin.get(), 1, 3) : pixDilateGray(thin.get(), 3, 1));
    if (!bridged) return {};
    PixPtr long_runs = own(horizontal ? pixOpenGray(bridged.get(), length, 1) : pixOpenGray(bridged.get(), 1, length));
    if (!long_runs) return {};
    PixPtr binary = own(pixThresholdToBinary(long_runs.get(), kContrast));
    if (!binary) return {};
    pixInvert(binary.get(), binary.get());
    components.boxes = pixConnComp(binary.get(), &components.images, 8);
    if (!components.boxes || !components.images) return {};
    std::vector<Run> runs;
    const l_int32 count = boxaGetCount(components.boxes);
    for (l_int32 i = 0; i < count; ++i) {
        l_int32 x = 0, y = 0, w = 0, h = 0, ink = 0;
        boxaGetBoxGeometry(components.boxes, i, &x, &y, &w, &h);
        PixPtr image = own(pixaGetPix(components.images, i, L_CLONE));
        if (!image || pixCountPixels(image.get(), &ink, nullptr) != 0) continue;
        const double length = horizontal ? w : h, across = horizontal ? h : w;
        // Mean thickness (ink over length) rather than the box: a rule left a fraction of a
        // degree off square by the deskew has a box a few pixels taller than the line.
        if (length <= 0 || ink / length > thickest || across > thickest + 2 + 0.01 * length) continue;
        runs.push_back({Box{double(x), double(y), double(x + w), double(y + h)}, horizontal, {static_cast<int>(i)}});
    }
    // Join collinear pieces: sorted along the line, each run merges into an earlier one on the
    // same line ending at most a gap before it.
    std::sort(runs.begin(), runs.end(), [&](const Run& a, const Run& b) { return horizontal ? a.box.x0 < b.box.x0 : a.box.y0 < b.box.y0; });
    std::vector<Run> joined;
    for (Run& run : runs) {
        Run* into = nullptr;
        for (Run& earlier : joined) {
            const double start = horizontal ? run.box.x0 : run.box.y0, end = horizontal ? earlier.box.x1 : earlier.box.y1;
            const double lo = horizontal ? std::max(run.box.y0, earlier.box.y0) : std::max(run.box.x0, earlier.box.x0);
            const double hi = horizontal ? std::min(run.box.y1, earlier.box.y1) : std::min(run.box.x1, earlier.box.x1);
            if (hi > lo && start - end <= gap) {
                into = &earlier;
                break;
            }
        }
        if (!into) {
            joined.push_back(std::move(run));
            continue;
        }
        into->box = Box{std::min(into->box.x0, run.box.x0), std::min(into->box.y0, run.box.y0), std::max(into->box.x1, run.box.x1),
                        std::max(into->box.y1, run.box.y1)};
        into->components.insert(into->components.end(), run.components.begin(), run.components.end());
    }
    return joined;
}

/// True when the point lies on `rule` (within `slack` pixels).
bool on_rule(double x, double y, const Run& rule, double slack) {
    return x >= rule.box.x0 - slack && x <= rule.box.x1 + slack && y >= rule.box.y0 - slack && y <= rule.box.y1 + slack;
}

/// True when both ends of `run` lie on accepted rules of the other direction.
bool ends_on_rules(const Run& run, const std::vector<Run>& across, double slack) {
    const double mid = run.horizontal ? (run.box.y0 + run.box.y1) / 2 : (run.box.x0 + run.box.x1) / 2;
    bool start = false, end = false;
    for (const Run& rule : across) {
        if (!rule.accepted) continue;
        if (run.horizontal) {
            start = start || on_rule(run.box.x0, mid, rule, slack);
            end = end || on_rule(run.box.x1, mid, rule, slack);
        } else {
            start = start || on_rule(mid, run.box.y0, rule, slack);
            end = end || on_rule(mid, run.box.y1, rule, slack);
        }
    }
    return start && end;
}

void paint(PIX* mask, const Run& run, const Components& components) {
    for (const int index : run.components) {
        l_int32 x = 0, y = 0, w = 0, h = 0;
        boxaGetBoxGeometry(components.boxes, index, &x, &y, &w, &h);
        PixPtr image = own(pixaGetPix(components.images, index, L_CLONE));
        if (image) pixRasterop(mask, x, y, w, h, PIX_PAINT, image.get(), 0, 0);
    }
}

// Darker than this, a pixel may belong to a rule: lenient, for the quick test below only (a
// LibreOffice hairline scans at about 200, a rule stepping over two rows at about 223).
constexpr int kMaybeInk = 236;
// The quick test's run length: shorter than any rule the full search accepts alone.
constexpr double kQuickRunInches = 0.3;

/// A quick test whether the page may hold a rule at all: a run of dark pixels kQuickRunInches long
/// in either direction, on a lenient binarisation, with a pixel of slack across for a rule that
/// steps between rows. Binary morphology costs a few milliseconds where the grey top-hats and
/// openings of find_runs cost over a hundred; most scanned pages are body text without a rule.
/// A false "may" costs only the full search.
bool may_hold_rules(PIX* grey, int dpi) {
    PixPtr ink = own(pixThresholdToBinary(grey, kMaybeInk));
    if (!ink) return true;
    const int run = std::max(3, static_cast<int>(std::lround(kQuickRunInches * dpi)));
    for (const bool horizontal : {true, false}) {
        PixPtr joined = own(horizontal ? pixDilateBrick(nullptr, ink.get(), 1, 3) : pixDilateBrick(nullptr, ink.get(), 3, 1));
        if (!joined) return true;
        PixPtr runs = own(horizontal ? pixOpenBrick(nullptr, joined.get(), run, 1) : pixOpenBrick(nullptr, joined.get(), 1, run));
        if (!runs) return true;
        l_int32 empty = 1;
        pixZero(runs.get(), &empty);
        if (!empty) return true;
    }
    return false;
}

}  // namespace

RulingLines find_ruling_lines(PIX* grey, int dpi) {
    RulingLines found;
    if (!grey || dpi <= 0) return found;
    if (!may_hold_rules(grey, dpi)) return found;
    Components horizontal_components, vertical_components;
    std::vector<Run> horizontal = find_runs(grey, true, dpi, horizontal_components);
    std::vector<Run> vertical = find_runs(grey, false, dpi, vertical_components);
    for (Run& run : horizontal) run.accepted = run.length() >= kLongHorizontalInches * dpi;
    for (Run& run : vertical) run.accepted = run.length() >= kLongVerticalInches * dpi;
    // Short pieces between long rules: a horizontal cell border cut off by a merged cell spans one
    // narrow column; a column rule is cut into row-high pieces by rows that span every column.
    const double slack = kThickestInches * dpi + kGapInches * dpi;
    for (Run& run : horizontal) run.accepted = run.accepted || ends_on_rules(run, vertical, slack);
    for (Run& run : vertical) run.accepted = run.accepted || ends_on_rules(run, horizontal, slack);

    const auto accepted = [](const Run& run) { return run.accepted; };
    if (std::none_of(horizontal.begin(), horizontal.end(), accepted) && std::none_of(vertical.begin(), vertical.end(), accepted)) return found;
    found.mask = own(pixCreate(pixGetWidth(grey), pixGetHeight(grey), 1));
    if (!found.mask) return found;
    for (const auto* runs : {&horizontal, &vertical}) {
        const Components& components = runs == &horizontal ? horizontal_components : vertical_components;
        for (const Run& run : *runs) {
            if (!run.accepted) continue;
            found.boxes.push_back(run.box);
            paint(found.mask.get(), run, components);
        }
    }
    return found;
}

PixPtr erase_ruling_lines(PIX* grey, PIX* mask) {
    PixPtr erased = own(pixCopy(nullptr, grey));
    if (!erased || !mask) return erased;
    const int size = 2 * kEraseMargin + 1;
    PixPtr wider = own(pixDilateBrick(nullptr, mask, size, size));
    if (wider) pixSetMasked(erased.get(), wider.get(), 255);
    return erased;
}

}  // namespace gongwen::ocr
