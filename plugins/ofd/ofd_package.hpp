// An OFD package (GB/T 33190) read into what the extractor needs: per page its glyphs with
// positions, the axis-parallel pieces of its paths (table rules) and its images, plus the
// document's metadata. Everything is in page millimetres, origin top-left, as OFD stores it; the
// extractor converts to points. Only this file and ofd_package.cpp know OFD's XML.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "zip_archive.hpp"

namespace gongwen::ofd {

/// A rectangle in page millimetres.
struct MmBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// One drawn character: its code point, its box (advance × font size) and the font size.
struct Glyph {
    char32_t code_point = 0;
    MmBox box;
    double size = 0;          ///< font size in mm (Size scaled by the CTM)
};

/// An image drawn on a page: the bytes of its resource (PNG, JPEG, TIFF …) and where it lies.
struct PageImagePlacement {
    std::string member;       ///< the package member holding the image
    MmBox box;
};

struct PageContent {
    double width = 210, height = 297;   ///< mm (PhysicalBox)
    std::vector<Glyph> glyphs;
    std::vector<MmBox> rules;           ///< thin horizontal and vertical pieces of paths
    std::vector<PageImagePlacement> images;
};

/// The parts of the package the extractor reads.
struct Package {
    std::vector<PageContent> pages;
    /// DocInfo: Title, Author, Subject, Keywords … and each CustomData by its Name.
    std::map<std::string, std::string> info;
    /// What the document carries that is not read: "signatures", "annotations", "attachments".
    std::vector<std::string> ignored;
    /// What staff should know about the package (documents after the first one not read).
    std::vector<std::string> warnings;
};

/// Reads the package in `archive`. Throws ExtractionError with a reason staff can act on.
Package read_package(zip::Archive& archive);

/// Numbers of an OFD attribute ("1 2.5 3"); commas are accepted as separators too.
std::vector<double> parse_numbers(std::string_view text);
/// A DeltaX/DeltaY array with GB/T 33190's `g N d` repeats expanded (N capped at `limit`).
std::vector<double> parse_deltas(std::string_view text, std::size_t limit);

}  // namespace gongwen::ofd
