// Reading an OFD package (GB/T 33190-2016): OFD.xml → DocBody → Document.xml → each page's
// Content.xml (and its template pages), with the resources that place images. Paths inside the
// package are resolved and checked here; the zip and XML layers (plugins/common/) refuse unsafe
// member names, zip bombs and DOCTYPEs before any of this sees them.
#include "ofd_package.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"
#include "xml_document.hpp"

namespace gongwen::ofd {
namespace {

using gongwen::ExtractionError;

// Far above any real document, far below what would exhaust a worker.
constexpr std::size_t kMaxPages = 10'000;
constexpr std::size_t kMaxGlyphsPerPage = 200'000;
constexpr std::size_t kMaxRulesPerPage = 4000;
constexpr int kMaxBlockDepth = 16;

// Rule thresholds of the pdf plugin's RuleCollector (points) in millimetres, so that a table
// drawn in an OFD gives the grid builder what the same table printed to PDF gives it.
constexpr double kPointInMm = 25.4 / 72.0;
constexpr double kMaxThickness = 3.0 * kPointInMm;
constexpr double kMinLength = 4.0 * kPointInMm;
constexpr double kSlant = 0.5 * kPointInMm;
constexpr double kHairline = 0.25 * kPointInMm;
// GB/T 33190 §8.2: the default line width is 0.353 mm (one point).
constexpr double kDefaultLineWidth = 0.353;

// Where a glyph's box lies around its baseline, as fractions of the font size: about the ascent
// and descent of a CJK font. Only the centre matters for lines, the height for sizes.
constexpr double kAscent = 0.86;
constexpr double kDescent = 0.14;

/// An OFD transformation matrix `a b c d e f`: x' = a·x + c·y + e, y' = b·x + d·y + f.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    void apply(double x, double y, double& ox, double& oy) const {
        ox = a * x + c * y + e;
        oy = b * x + d * y + f;
    }
    double scale() const { return std::sqrt(std::abs(a * d - b * c)); }
};

std::optional<Matrix> parse_matrix(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    const auto n = parse_numbers(*text);
    if (n.size() != 6) return std::nullopt;
    return Matrix{n[0], n[1], n[2], n[3], n[4], n[5]};
}

MmBox parse_boundary(const std::optional<std::string>& text) {
    if (!text) return {};
    const auto n = parse_numbers(*text);
    if (n.size() != 4) return {};
    return {n[0], n[1], n[0] + n[2], n[1] + n[3]};
}

double number_or(const std::optional<std::string>& text, double fallback) {
    if (!text) return fallback;
    const auto n = parse_numbers(*text);
    return n.empty() ? fallback : n.front();
}

bool flag_or(const std::optional<std::string>& text, bool fallback) {
    if (!text) return fallback;
    return *text == "true" || *text == "1";
}

/// The folder part of a member name, with its trailing '/'; "" for the root.
std::string folder_of(const std::string& member) {
    const auto slash = member.rfind('/');
    return slash == std::string::npos ? std::string() : member.substr(0, slash + 1);
}

/// `location` as a member name: absolute (`/Doc_0/…`) from the package root, else relative to
/// `folder`. `.` and `..` segments are resolved; one that climbs out of the package is refused.
std::string resolve(const std::string& folder, std::string location) {
    std::replace(location.begin(), location.end(), '\\', '/');
    std::string joined = !location.empty() && location.front() == '/' ? location.substr(1) : folder + location;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= joined.size()) {
        std::size_t end = joined.find('/', start);
        if (end == std::string::npos) end = joined.size();
        const std::string part = joined.substr(start, end - start);
        if (part == "..") {
            if (parts.empty()) throw ExtractionError("the OFD refers to '" + location + "', outside the package: refused (path traversal)");
            parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : "/") + part;
    return out;
}

/// A part of the package parsed, its errors named after it.
xml::Document read_xml(zip::Archive& archive, const std::string& member) {
    if (!archive.contains(member)) {
        throw ExtractionError("damaged OFD: the package has no part '" + member + "' that it refers to; re-export the document");
    }
    return xml::Document::parse(archive.read(member), member);
}

/// The resources of the document (PublicRes, DocumentRes, a page's PageRes): images by ID and
/// line widths of drawing parameters by ID.
struct Resources {
    std::map<std::string, std::string> media;   ///< MultiMedia ID → member
    std::map<std::string, double> line_widths;  ///< DrawParam ID → LineWidth (mm)

    void read(zip::Archive& archive, const std::string& member) {
        if (!archive.contains(member)) return;   // a missing resource file costs images, not the text
        const xml::Document document = read_xml(archive, member);
        const xml::Node root = document.root();
        std::string base = folder_of(member);
        if (auto location = root.attribute("BaseLoc")) base = resolve(base, *location) + "/";
        for (const xml::Node& group : root.children("MultiMedias")) {
            for (const xml::Node& item : group.children("MultiMedia")) {
                const auto id = item.attribute("ID");
                const xml::Node file = item.child("MediaFile");
                if (!id || !file) continue;
                try {
                    media[*id] = resolve(base, trim(file.text()));
                } catch (const ExtractionError&) {
                    // An image outside the package is not read; the text still is.
                }
            }
        }
        for (const xml::Node& group : root.children("DrawParams")) {
            for (const xml::Node& item : group.children("DrawParam")) {
                if (auto id = item.attribute("ID"); id && item.attribute("LineWidth")) line_widths[*id] = number_or(item.attribute("LineWidth"), kDefaultLineWidth);
            }
        }
    }
};

bool is_wide(char32_t cp) { return is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFFEF); }

MmBox transformed(const Matrix& ctm, const MmBox& origin, double x0, double y0, double x1, double y1) {
    double xs[4], ys[4];
    ctm.apply(x0, y0, xs[0], ys[0]);
    ctm.apply(x1, y0, xs[1], ys[1]);
    ctm.apply(x0, y1, xs[2], ys[2]);
    ctm.apply(x1, y1, xs[3], ys[3]);
    return {origin.x0 + *std::min_element(xs, xs + 4), origin.y0 + *std::min_element(ys, ys + 4),
            origin.x0 + *std::max_element(xs, xs + 4), origin.y0 + *std::max_element(ys, ys + 4)};
}

void read_text_object(const xml::Node& object, PageContent& page) {
    const MmBox boundary = parse_boundary(object.attribute("Boundary"));
    const Matrix ctm = parse_matrix(object.attribute("CTM")).value_or(Matrix{});
    const double size = number_or(object.attribute("Size"), 0);
    if (size <= 0) return;
    const double scaled_size = size * ctm.scale();
    double x = 0, y = 0;
    for (const xml::Node& code : object.children("TextCode")) {
        const std::u32string text = to_u32(code.text());
        if (text.empty()) continue;
        x = number_or(code.attribute("X"), x);
        y = number_or(code.attribute("Y"), y);
        const auto dx = parse_deltas(code.attribute_or("DeltaX"), text.size());
        const auto dy = parse_deltas(code.attribute_or("DeltaY"), text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (page.glyphs.size() >= kMaxGlyphsPerPage) return;
            const char32_t cp = text[i];
            const double natural = is_wide(cp) ? size : 0.5 * size;
            const double advance = i < dx.size() ? dx[i] : natural;
            // The box is the glyph's own width: letter-spacing (an advance wider than the glyph,
            // 主 要 内 容) is a gap between boxes, as in a PDF's text layer.
            const double width = std::min(natural, advance > 0 ? advance : natural);
            Glyph glyph;
            glyph.code_point = cp;
            glyph.size = scaled_size;
            glyph.box = transformed(ctm, boundary, x, y - kAscent * size, x + width, y + kDescent * size);
            page.glyphs.push_back(glyph);
            x += advance;
            if (i < dy.size()) y += dy[i];
        }
    }
}

/// A path as points per subpath, from AbbreviatedData (GB/T 33190 §9.3.2: S/M start, L line,
/// Q/B/A curves, C close).
struct Subpath {
    std::vector<std::pair<double, double>> points;
    std::vector<bool> curved;   ///< whether the segment ending at this point is a curve
    bool closed = false;
};

std::vector<Subpath> parse_path(std::string_view data) {
    std::vector<Subpath> paths;
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < data.size()) {
        while (pos < data.size() && (data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t' || data[pos] == ',')) ++pos;
        const std::size_t start = pos;
        while (pos < data.size() && !(data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t' || data[pos] == ',')) ++pos;
        if (pos > start) tokens.emplace_back(data.substr(start, pos - start));
    }
    const auto number = [&](std::size_t at) { return at < tokens.size() ? std::strtod(tokens[at].c_str(), nullptr) : 0.0; };
    for (std::size_t i = 0; i < tokens.size();) {
        const std::string& command = tokens[i];
        if (command == "S" || command == "M") {
            paths.emplace_back();
            paths.back().points.emplace_back(number(i + 1), number(i + 2));
            paths.back().curved.push_back(false);
            i += 3;
        } else if (command == "L" || command == "Q" || command == "B" || command == "A") {
            const std::size_t operands = command == "L" ? 2 : command == "Q" ? 4 : command == "B" ? 6 : 7;
            if (paths.empty()) {
                paths.emplace_back();
                paths.back().points.emplace_back(0.0, 0.0);
                paths.back().curved.push_back(false);
            }
            paths.back().points.emplace_back(number(i + operands - 1), number(i + operands));
            paths.back().curved.push_back(command != "L");
            i += operands + 1;
        } else if (command == "C") {
            if (!paths.empty()) paths.back().closed = true;
            ++i;
        } else {
            ++i;   // a number without a command, or one this reader does not know
        }
    }
    return paths;
}

void add_rule(PageContent& page, const MmBox& box) {
    if (page.rules.size() < kMaxRulesPerPage) page.rules.push_back(box);
}

void add_segment(PageContent& page, double x0, double y0, double x1, double y1, double half) {
    if (std::abs(y1 - y0) <= kSlant && std::abs(x1 - x0) >= kMinLength) {
        const double y = (y0 + y1) / 2;
        add_rule(page, {std::min(x0, x1), y - half, std::max(x0, x1), y + half});
    } else if (std::abs(x1 - x0) <= kSlant && std::abs(y1 - y0) >= kMinLength) {
        const double x = (x0 + x1) / 2;
        add_rule(page, {x - half, std::min(y0, y1), x + half, std::max(y0, y1)});
    }
}

void read_path_object(const xml::Node& object, const Resources& resources, PageContent& page) {
    const MmBox boundary = parse_boundary(object.attribute("Boundary"));
    const Matrix ctm = parse_matrix(object.attribute("CTM")).value_or(Matrix{});
    double line_width = kDefaultLineWidth;
    if (auto param = object.attribute("DrawParam")) {
        if (auto it = resources.line_widths.find(*param); it != resources.line_widths.end()) line_width = it->second;
    }
    line_width = number_or(object.attribute("LineWidth"), line_width) * ctm.scale();
    const bool stroke = flag_or(object.attribute("Stroke"), true);
    const bool fill = flag_or(object.attribute("Fill"), false);
    const xml::Node data = object.child("AbbreviatedData");
    if (!data) return;
    for (Subpath& path : parse_path(data.text())) {
        for (auto& [x, y] : path.points) {
            double px, py;
            ctm.apply(x, y, px, py);
            x = boundary.x0 + px;
            y = boundary.y0 + py;
        }
        const auto& p = path.points;
        // A stroke wider than a rule is a bar or a frame drawn thick, not a table's rule.
        if (stroke && line_width <= kMaxThickness) {
            const double half = std::max(kHairline, line_width / 2);
            for (std::size_t i = 1; i < p.size(); ++i) {
                if (!path.curved[i]) add_segment(page, p[i - 1].first, p[i - 1].second, p[i].first, p[i].second, half);
            }
            if (path.closed && p.size() > 2) add_segment(page, p.back().first, p.back().second, p.front().first, p.front().second, half);
        }
        // A filled thin rectangle is a rule too (how WPS and browsers draw table borders).
        if (fill && p.size() >= 4 && p.size() <= 5 && std::none_of(path.curved.begin(), path.curved.end(), [](bool c) { return c; })) {
            double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
            for (const auto& [x, y] : p) x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            const double w = x1 - x0, h = y1 - y0;
            const bool horizontal = h <= kMaxThickness && w >= kMinLength && w >= 4 * h;
            const bool vertical = w <= kMaxThickness && h >= kMinLength && h >= 4 * w;
            if (horizontal || vertical) add_rule(page, {x0, y0, x1, y1});
        }
    }
}

void read_image_object(const xml::Node& object, const Resources& resources, PageContent& page) {
    const auto id = object.attribute("ResourceID");
    if (!id) return;
    const auto media = resources.media.find(*id);
    if (media == resources.media.end()) return;
    const MmBox boundary = parse_boundary(object.attribute("Boundary"));
    // An image fills the unit square of its object space; the CTM scales it to its size.
    const auto ctm = parse_matrix(object.attribute("CTM"));
    const MmBox box = ctm ? transformed(*ctm, boundary, 0, 0, 1, 1) : boundary;
    page.images.push_back({media->second, box});
}

void read_objects(const xml::Node& parent, const Resources& resources, PageContent& page, int depth) {
    if (depth > kMaxBlockDepth) return;
    for (const xml::Node& object : parent.children()) {
        const std::string_view name = object.name();
        if (name == "TextObject") read_text_object(object, page);
        else if (name == "PathObject") read_path_object(object, resources, page);
        else if (name == "ImageObject") read_image_object(object, resources, page);
        else if (name == "PageBlock" || name == "Layer") read_objects(object, resources, page, depth + 1);
    }
}

void read_content(zip::Archive& archive, const std::string& member, const Resources& document_resources, PageContent& page,
                  const std::map<std::string, std::string>& templates, bool is_template) {
    const xml::Document document = read_xml(archive, member);
    const xml::Node root = document.root();
    Resources resources = document_resources;
    for (const xml::Node& res : root.children("PageRes")) resources.read(archive, resolve(folder_of(member), trim(res.text())));
    if (const xml::Node area = root.child("Area")) {
        if (const xml::Node box = area.child("PhysicalBox")) {
            const auto n = parse_numbers(box.text());
            if (n.size() == 4 && n[2] > 0 && n[3] > 0) page.width = n[2], page.height = n[3];
        }
    }
    if (!is_template) {
        for (const xml::Node& use : root.children("Template")) {
            const auto id = use.attribute("TemplateID");
            if (!id) continue;
            if (auto it = templates.find(*id); it != templates.end() && it->second != member) {
                const double width = page.width, height = page.height;
                read_content(archive, it->second, document_resources, page, templates, true);
                page.width = width, page.height = height;
            }
        }
    }
    if (const xml::Node content = root.child("Content")) read_objects(content, resources, page, 0);
}

void read_info(const xml::Node& info, Package& package) {
    for (const xml::Node& field : info.children()) {
        const std::string_view name = field.name();
        if (name == "CustomDatas") {
            for (const xml::Node& data : field.children("CustomData")) {
                const std::string value = trim(data.text());
                if (auto key = data.attribute("Name"); key && !value.empty()) package.info[*key] = value;
            }
        } else if (name == "Keywords") {
            std::string words;
            for (const xml::Node& word : field.children("Keyword")) words += (words.empty() ? "" : " ") + trim(word.text());
            if (!words.empty()) package.info["Keywords"] = words;
        } else {
            const std::string value = trim(field.text());
            if (!value.empty()) package.info[std::string(name)] = value;
        }
    }
}

}  // namespace

std::vector<double> parse_numbers(std::string_view text) {
    std::vector<double> out;
    std::string token;
    const auto flush = [&] {
        if (token.empty()) return;
        char* end = nullptr;
        const double value = std::strtod(token.c_str(), &end);
        if (end != token.c_str() && std::isfinite(value)) out.push_back(value);
        token.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') flush();
        else token += c;
    }
    flush();
    return out;
}

std::vector<double> parse_deltas(std::string_view text, std::size_t limit) {
    std::vector<std::string> tokens;
    std::string token;
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
            if (!token.empty()) tokens.push_back(std::move(token)), token.clear();
        } else {
            token += c;
        }
    }
    if (!token.empty()) tokens.push_back(std::move(token));
    std::vector<double> out;
    for (std::size_t i = 0; i < tokens.size() && out.size() < limit; ++i) {
        if (tokens[i] == "g") {
            // `g N d`: N advances of d each.
            if (i + 2 >= tokens.size()) break;
            const double count = std::strtod(tokens[i + 1].c_str(), nullptr);
            const double value = std::strtod(tokens[i + 2].c_str(), nullptr);
            const std::size_t n = count > 0 ? static_cast<std::size_t>(std::min(count, static_cast<double>(limit))) : 0;
            for (std::size_t k = 0; k < n && out.size() < limit; ++k) out.push_back(std::isfinite(value) ? value : 0);
            i += 2;
        } else {
            const double value = std::strtod(tokens[i].c_str(), nullptr);
            out.push_back(std::isfinite(value) ? value : 0);
        }
    }
    return out;
}

Package read_package(zip::Archive& archive) {
    Package package;
    if (!archive.contains("OFD.xml")) throw ExtractionError("not an OFD: the zip container has no OFD.xml entry file");
    const xml::Document entry = xml::Document::parse(archive.read("OFD.xml"), "OFD.xml");
    const auto bodies = entry.root().children("DocBody");
    if (bodies.empty()) throw ExtractionError("damaged OFD: OFD.xml has no DocBody; re-export the document");
    const xml::Node body = bodies.front();
    // GB/T 33190 lets one package hold several documents; an exported 公文 is one.
    if (bodies.size() > 1) {
        package.warnings.push_back("the OFD package holds " + std::to_string(bodies.size()) +
                                   " documents; only the first was read (split the package to index the others)");
    }
    if (const xml::Node info = body.child("DocInfo")) read_info(info, package);
    const xml::Node root_location = body.child("DocRoot");
    if (!root_location || trim(root_location.text()).empty()) throw ExtractionError("damaged OFD: OFD.xml names no DocRoot; re-export the document");
    const std::string document_member = resolve("", trim(root_location.text()));
    const std::string folder = folder_of(document_member);
    if (body.child("Signatures")) package.ignored.push_back("signatures");

    const xml::Document document = read_xml(archive, document_member);
    const xml::Node root = document.root();
    const xml::Node common = root.child("CommonData");
    double width = 210, height = 297;
    Resources resources;
    std::map<std::string, std::string> templates;
    if (common) {
        if (const xml::Node area = common.child("PageArea")) {
            if (const xml::Node box = area.child("PhysicalBox")) {
                const auto n = parse_numbers(box.text());
                if (n.size() == 4 && n[2] > 0 && n[3] > 0) width = n[2], height = n[3];
            }
        }
        for (const xml::Node& res : common.children()) {
            if (res.name() == "PublicRes" || res.name() == "DocumentRes") resources.read(archive, resolve(folder, trim(res.text())));
        }
        for (const xml::Node& page : common.children("TemplatePage")) {
            const auto id = page.attribute("ID");
            const auto location = page.attribute("BaseLoc");
            if (id && location) templates[*id] = resolve(folder, *location);
        }
    }
    if (root.child("Annotations")) package.ignored.push_back("annotations");
    if (root.child("Attachments")) package.ignored.push_back("attachments");

    const xml::Node pages = root.child("Pages");
    const auto page_nodes = pages ? pages.children("Page") : std::vector<xml::Node>{};
    if (page_nodes.empty()) throw ExtractionError("OFD has no pages");
    if (page_nodes.size() > kMaxPages) {
        throw ExtractionError("OFD declares " + std::to_string(page_nodes.size()) + " pages, more than the " + std::to_string(kMaxPages) +
                              " any document has: refused");
    }
    for (const xml::Node& node : page_nodes) {
        PageContent page;
        page.width = width;
        page.height = height;
        const auto location = node.attribute("BaseLoc");
        if (!location) throw ExtractionError("damaged OFD: page " + std::to_string(package.pages.size() + 1) + " has no BaseLoc; re-export the document");
        read_content(archive, resolve(folder, *location), resources, page, templates, false);
        package.pages.push_back(std::move(page));
    }
    return package;
}

}  // namespace gongwen::ofd
