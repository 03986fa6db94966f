// make_scan_fixture: turns a born-digital PDF into what a scanner makes of the printed pages —
// rendered at a scan resolution, a red official seal stamped over a given text (the date), rotated
// a little, optionally blurred, noisy or JPEG-compressed — and writes an image-only PDF, PNG, JPEG
// or (multi-page) TIFF. Used at build time for the OCR tests and by bench/ocr_bench.py.
//
// usage: make_scan_fixture [--dpi N] [--rotate DEG] [--seal-over TEXT] [--seal-text NAME] [--noise SIGMA] [--blur R]
//                          [--pages FIRST-LAST] [--append-blank] [--append-noise] [--output-dpi N]
//                          [--garbage-text-layer] IN.pdf OUT.{pdf,png,jpg,tif}
// --output-dpi rescales raster outputs after degrading (the same scan, as a lower-resolution file).
// --garbage-text-layer (PDF output) puts a text layer under each scanned page, hidden by the
// image, holding what a font without a Unicode map yields: the page's text as GB18030 bytes read
// as Latin-1 (mojibake, no Chinese), with replacement and private-use characters between.
#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iconv.h>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "gongwen/text.hpp"

namespace {

struct Options {
    double dpi = 300;
    double rotate_degrees = 0;
    std::string seal_over;
    std::string seal_text = "江苏省人民政府办公厅";   // the organ named around the seal's rim
    double noise = 0;
    int blur = 0;
    int first_page = 1, last_page = 0;   // 0 = the last page of the PDF
    bool append_blank = false;
    bool append_noise = false;
    double output_dpi = 0;   // 0 = the scan resolution
    bool garbage_text_layer = false;
    std::string input, output;
};

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "make_scan_fixture: " << message << "\n";
    std::exit(1);
}

double parse_number(const std::string& flag, const std::string& value) {
    try {
        std::size_t used = 0;
        const double number = std::stod(value, &used);
        if (used == value.size()) return number;
    } catch (const std::exception&) {
    }
    fail(flag + " needs a number, got \"" + value + "\"");
}

Options parse_arguments(int argc, char** argv) {
    Options options;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) fail(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--dpi") options.dpi = parse_number(arg, value());
        else if (arg == "--rotate") options.rotate_degrees = parse_number(arg, value());
        else if (arg == "--seal-over") options.seal_over = value();
        else if (arg == "--seal-text") options.seal_text = value();
        else if (arg == "--noise") options.noise = parse_number(arg, value());
        else if (arg == "--blur") options.blur = static_cast<int>(parse_number(arg, value()));
        else if (arg == "--pages") {
            const std::string range = value();
            const auto dash = range.find('-');
            options.first_page = static_cast<int>(parse_number(arg, range.substr(0, dash)));
            options.last_page = dash == std::string::npos ? options.first_page
                                                          : static_cast<int>(parse_number(arg, range.substr(dash + 1)));
        } else if (arg == "--append-blank") options.append_blank = true;
        else if (arg == "--append-noise") options.append_noise = true;
        else if (arg == "--output-dpi") options.output_dpi = parse_number(arg, value());
        else if (arg == "--garbage-text-layer") options.garbage_text_layer = true;
        else if (arg.starts_with("--")) fail("unknown option " + arg);
        else files.push_back(arg);
    }
    if (files.size() != 2) {
        fail("usage: make_scan_fixture [--dpi N] [--rotate DEG] [--seal-over TEXT] [--seal-text NAME] [--noise SIGMA] [--blur R] "
             "[--pages FIRST-LAST] [--append-blank] [--append-noise] [--output-dpi N] [--garbage-text-layer] "
             "IN.pdf OUT.{pdf,png,jpg,tif}");
    }
    options.input = files[0];
    options.output = files[1];
    return options;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Cairo = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

Surface white_surface(int width, int height) {
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), &cairo_surface_destroy);
    Cairo cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    return surface;
}

Surface render_page(const poppler::page& page, double dpi) {
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_argb32);
    const poppler::image image = renderer.render_page(&page, dpi, dpi);
    if (!image.is_valid()) fail("Poppler cannot render a page");
    Surface surface = white_surface(image.width(), image.height());
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < image.height(); ++y) {
        std::memcpy(data + static_cast<std::size_t>(y) * stride, image.const_data() + static_cast<std::size_t>(y) * image.bytes_per_row(),
                    static_cast<std::size_t>(image.width()) * 4);
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

std::string utf8(const poppler::ustring& text) {
    const poppler::byte_array bytes = text.to_utf8();
    return {bytes.data(), bytes.size()};
}

/// The box (in points) of the first occurrence of `needle` in the page's text, words joined.
std::optional<poppler::rectf> find_text(const poppler::page& page, const std::string& needle) {
    const auto boxes = page.text_list();
    std::string joined;
    std::vector<std::size_t> owner;   // byte of `joined` → box index
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const std::string text = utf8(boxes[i].text());
        joined += text;
        owner.insert(owner.end(), text.size(), i);
    }
    const auto at = joined.find(needle);
    if (at == std::string::npos) return std::nullopt;
    poppler::rectf box = boxes[owner[at]].bbox();
    for (std::size_t byte = at; byte < at + needle.size(); ++byte) {
        const poppler::rectf other = boxes[owner[byte]].bbox();
        const double left = std::min(box.left(), other.left()), top = std::min(box.top(), other.top());
        const double right = std::max(box.right(), other.right()), bottom = std::max(box.bottom(), other.bottom());
        box = poppler::rectf(left, top, right - left, bottom - top);
    }
    return box;
}

/// A round official seal (42 mm, red ring, star, a line of text) centred at (x, y) pixels, inked
/// like a stamp: multiplied into the page, so black print under it stays black.
void stamp_seal(cairo_surface_t* page, double x, double y, double dpi, const std::string& text) {
    Cairo cr(cairo_create(page), &cairo_destroy);
    const double mm = dpi / 25.4;
    cairo_set_operator(cr.get(), CAIRO_OPERATOR_MULTIPLY);
    cairo_set_source_rgba(cr.get(), 0.86, 0.08, 0.1, 0.92);
    cairo_set_line_width(cr.get(), 1.2 * mm);
    cairo_arc(cr.get(), x, y, 20 * mm, 0, 2 * M_PI);
    cairo_stroke(cr.get());
    // A five-pointed star in the middle.
    const double outer = 7 * mm, inner = 2.8 * mm;
    for (int i = 0; i < 10; ++i) {
        const double angle = -M_PI / 2 + i * M_PI / 5;
        const double radius = i % 2 == 0 ? outer : inner;
        const double px = x + radius * std::cos(angle), py = y + radius * std::sin(angle);
        if (i == 0) cairo_move_to(cr.get(), px, py);
        else cairo_line_to(cr.get(), px, py);
    }
    cairo_close_path(cr.get());
    cairo_fill(cr.get());
    // Characters around the upper rim, as on a real seal.
    cairo_select_font_face(cr.get(), "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr.get(), 5.5 * mm);
    std::vector<std::string> characters;
    for (const char32_t c : gongwen::to_u32(text)) characters.push_back(gongwen::to_utf8(std::u32string(1, c)));
    const int count = static_cast<int>(characters.size());
    for (int i = 0; i < count; ++i) {
        const double angle = -M_PI / 2 + (i - (count - 1) / 2.0) * (M_PI * 1.3 / count);
        cairo_save(cr.get());
        cairo_translate(cr.get(), x + 15 * mm * std::cos(angle), y + 15 * mm * std::sin(angle));
        cairo_rotate(cr.get(), angle + M_PI / 2);
        cairo_move_to(cr.get(), -2.75 * mm, 2.75 * mm);
        cairo_show_text(cr.get(), characters[i].c_str());
        cairo_restore(cr.get());
    }
}

/// The page turned by `degrees` around its centre, as a sheet fed slightly askew; white margins.
Surface rotate(cairo_surface_t* page, double degrees) {
    const int width = cairo_image_surface_get_width(page), height = cairo_image_surface_get_height(page);
    Surface out = white_surface(width, height);
    Cairo cr(cairo_create(out.get()), &cairo_destroy);
    cairo_translate(cr.get(), width / 2.0, height / 2.0);
    cairo_rotate(cr.get(), degrees * M_PI / 180);
    cairo_translate(cr.get(), -width / 2.0, -height / 2.0);
    cairo_set_source_surface(cr.get(), page, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_BILINEAR);
    cairo_paint(cr.get());
    return out;
}

/// Box blur of radius `r` (a scanner slightly out of focus), then Gaussian grey noise.
void degrade(cairo_surface_t* page, int radius, double sigma, std::mt19937& random) {
    cairo_surface_flush(page);
    const int width = cairo_image_surface_get_width(page), height = cairo_image_surface_get_height(page);
    const int stride = cairo_image_surface_get_stride(page);
    unsigned char* data = cairo_image_surface_get_data(page);
    if (radius > 0) {
        std::vector<unsigned char> copy(data, data + static_cast<std::size_t>(stride) * height);
        for (int pass = 0; pass < 2; ++pass) {   // horizontal, then vertical
            for (int y = 0; y < height; ++y) {
                for (int x = 0; x < width; ++x) {
                    for (int channel = 0; channel < 3; ++channel) {
                        int sum = 0, n = 0;
                        for (int d = -radius; d <= radius; ++d) {
                            const int sx = pass == 0 ? std::clamp(x + d, 0, width - 1) : x;
                            const int sy = pass == 1 ? std::clamp(y + d, 0, height - 1) : y;
                            sum += copy[static_cast<std::size_t>(sy) * stride + 4 * sx + channel];
                            ++n;
                        }
                        data[static_cast<std::size_t>(y) * stride + 4 * x + channel] = static_cast<unsigned char>(sum / n);
                    }
                }
            }
            std::copy(data, data + static_cast<std::size_t>(stride) * height, copy.begin());
        }
    }
    if (sigma > 0) {
        std::normal_distribution<double> noise(0, sigma);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const double delta = noise(random);
                for (int channel = 0; channel < 3; ++channel) {
                    unsigned char& value = data[static_cast<std::size_t>(y) * stride + 4 * x + channel];
                    value = static_cast<unsigned char>(std::clamp(value + delta, 0.0, 255.0));
                }
            }
        }
    }
    cairo_surface_mark_dirty(page);
}

/// A page of scattered grey specks and smudges: ink everywhere, no text.
Surface noise_page(int width, int height, double dpi, std::mt19937& random) {
    Surface page = white_surface(width, height);
    Cairo cr(cairo_create(page.get()), &cairo_destroy);
    std::uniform_real_distribution<double> unit(0, 1);
    const double mm = dpi / 25.4;
    for (int i = 0; i < 2500; ++i) {
        cairo_set_source_rgba(cr.get(), 0.2, 0.2, 0.2, 0.3 + 0.6 * unit(random));
        cairo_arc(cr.get(), unit(random) * width, unit(random) * height, (0.2 + 1.2 * unit(random)) * mm, 0, 2 * M_PI);
        cairo_fill(cr.get());
    }
    return page;
}

PIX* to_pix(cairo_surface_t* page, double dpi) {
    cairo_surface_flush(page);
    const int width = cairo_image_surface_get_width(page), height = cairo_image_surface_get_height(page);
    const int stride = cairo_image_surface_get_stride(page);
    const unsigned char* data = cairo_image_surface_get_data(page);
    PIX* pix = pixCreate(width, height, 32);
    l_uint32* out = pixGetData(pix);
    const l_int32 wpl = pixGetWpl(pix);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint32_t argb;
            std::memcpy(&argb, data + static_cast<std::size_t>(y) * stride + 4 * x, 4);
            out[static_cast<std::size_t>(y) * wpl + x] = (argb << 8) | 0xFF;
        }
    }
    const auto resolution = static_cast<l_int32>(std::lround(dpi));
    pixSetResolution(pix, resolution, resolution);
    return pix;
}

std::string extension_of(const std::string& path) {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? "" : path.substr(dot);
}

/// Lines of garbage made from a page's text: GB18030 bytes shown as Latin-1 ("½­ËÕÊ¡"), with a
/// replacement character and a private-use character after every few, as extracted from a PDF
/// whose font has no Unicode map.
std::vector<std::string> garbage_lines(const std::string& text) {
    std::vector<std::string> lines;
    iconv_t converter = iconv_open("GB18030", "UTF-8");
    if (converter == reinterpret_cast<iconv_t>(-1)) fail("iconv cannot convert to GB18030");
    std::size_t start = 0;
    while (start < text.size() && lines.size() < 40) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
        std::string bytes(line.size() * 2 + 8, '\0');
        char* in = line.data();
        std::size_t in_left = line.size();
        char* out = bytes.data();
        std::size_t out_left = bytes.size();
        iconv(converter, &in, &in_left, &out, &out_left);
        bytes.resize(bytes.size() - out_left);
        std::string garbage;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const auto byte = static_cast<unsigned char>(bytes[i]);
            gongwen::append_utf8(garbage, byte < 0x20 ? U' ' : static_cast<char32_t>(byte));
            if (i % 4 == 3) gongwen::append_utf8(garbage, i % 8 == 3 ? 0xFFFD : 0xE000 + static_cast<char32_t>(i % 64));
        }
        lines.push_back(garbage);
    }
    iconv_close(converter);
    return lines;
}

void write_output(const Options& options, const std::vector<Surface>& pages, const std::vector<std::string>& page_texts) {
    const std::string extension = extension_of(options.output);
    std::remove(options.output.c_str());
    if (extension == ".pdf") {
        const double width = cairo_image_surface_get_width(pages.front().get()) * 72 / options.dpi;
        const double height = cairo_image_surface_get_height(pages.front().get()) * 72 / options.dpi;
        Surface pdf(cairo_pdf_surface_create(options.output.c_str(), width, height), &cairo_surface_destroy);
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATE_DATE, "2020-01-01T00:00:00Z");
        Cairo cr(cairo_create(pdf.get()), &cairo_destroy);
        for (std::size_t index = 0; index < pages.size(); ++index) {
            const Surface& page = pages[index];
            if (options.garbage_text_layer && index < page_texts.size()) {
                // Drawn first, so that the opaque scan hides it: a text layer nobody sees.
                cairo_save(cr.get());
                cairo_select_font_face(cr.get(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
                cairo_set_font_size(cr.get(), 11);
                double y = 80;
                for (const std::string& line : garbage_lines(page_texts[index])) {
                    cairo_move_to(cr.get(), 72, y);
                    cairo_show_text(cr.get(), line.c_str());
                    y += 18;
                }
                cairo_restore(cr.get());
            }
            cairo_save(cr.get());
            cairo_scale(cr.get(), 72 / options.dpi, 72 / options.dpi);
            cairo_set_source_surface(cr.get(), page.get(), 0, 0);
            cairo_paint(cr.get());
            cairo_restore(cr.get());
            cairo_show_page(cr.get());
        }
        cairo_surface_finish(pdf.get());
        if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) fail("cannot write " + options.output);
        return;
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        PIX* pix = to_pix(pages[i].get(), options.dpi);
        if (options.output_dpi > 0 && options.output_dpi != options.dpi) {
            const auto factor = static_cast<l_float32>(options.output_dpi / options.dpi);
            PIX* scaled = pixScale(pix, factor, factor);
            pixDestroy(&pix);
            pix = scaled;
            const auto resolution = static_cast<l_int32>(std::lround(options.output_dpi));
            pixSetResolution(pix, resolution, resolution);
        }
        int status = 1;
        if (extension == ".png" && i == 0) status = pixWrite(options.output.c_str(), pix, IFF_PNG);
        else if ((extension == ".jpg" || extension == ".jpeg") && i == 0) status = pixWriteJpeg(options.output.c_str(), pix, 75, 0);
        else if (extension == ".tif" || extension == ".tiff") status = pixWriteTiff(options.output.c_str(), pix, IFF_TIFF_ZIP, i == 0 ? "w" : "a");
        else if (i > 0) fail("only PDF and TIFF outputs hold several pages: " + options.output);
        else fail("unknown output format " + extension + " (use .pdf, .png, .jpg or .tif)");
        pixDestroy(&pix);
        if (status != 0) fail("cannot write " + options.output);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_arguments(argc, argv);
    setMsgSeverity(L_SEVERITY_ERROR);
    std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(options.input));
    if (!pdf || pdf->is_locked()) fail("cannot open " + options.input);
    const int last = options.last_page > 0 ? std::min(options.last_page, pdf->pages()) : pdf->pages();
    std::mt19937 random(9704);
    std::vector<Surface> pages;
    std::vector<std::string> page_texts;
    bool sealed = options.seal_over.empty();
    for (int number = options.first_page; number <= last; ++number) {
        const std::unique_ptr<poppler::page> page(pdf->create_page(number - 1));
        if (!page) fail("cannot read page " + std::to_string(number) + " of " + options.input);
        Surface surface = render_page(*page, options.dpi);
        page_texts.push_back(utf8(page->text()));
        if (!options.seal_over.empty()) {
            if (const auto box = find_text(*page, options.seal_over)) {
                const double scale = options.dpi / 72;
                // Over the date, reaching up into the issuer's name above it, as seals are placed.
                stamp_seal(surface.get(), (box->left() + box->right()) / 2 * scale, (box->top() - 8) * scale, options.dpi, options.seal_text);
                sealed = true;
            }
        }
        if (options.rotate_degrees != 0) surface = rotate(surface.get(), options.rotate_degrees);
        degrade(surface.get(), options.blur, options.noise, random);
        pages.push_back(std::move(surface));
    }
    if (pages.empty()) fail("no pages selected");
    if (!sealed) fail("text to seal over not found: " + options.seal_over);
    const int width = cairo_image_surface_get_width(pages.front().get());
    const int height = cairo_image_surface_get_height(pages.front().get());
    if (options.append_blank) pages.push_back(white_surface(width, height));
    if (options.append_noise) pages.push_back(noise_page(width, height, options.dpi, random));
    if (options.garbage_text_layer && extension_of(options.output) != ".pdf") fail("--garbage-text-layer needs a PDF output");
    write_output(options, pages, page_texts);
    return 0;
}
