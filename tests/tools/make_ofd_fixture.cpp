// make_ofd_fixture: writes an OFD (GB/T 33190) of a fixture PDF, so that the ofd plugin is tested
// on the very layout the pdf plugin reads: every word of the PDF's text layer (Poppler, the pdf
// plugin's own reader) becomes a TextObject at the same place with per-glyph DeltaX advances
// (repeats written in the `g N d` form), large type is drawn through a CTM, and the PDF's table
// rules become PathObjects (horizontal ones stroked, vertical ones as thin filled rectangles, the
// two ways producers draw borders). Or wraps a scan image as an image-only page (OCR tests), or
// writes the broken variants of the bad-input tests.
//
// usage: make_ofd_fixture [--title T] [--custom NAME=VALUE]... [--variant truncated|xxe|traversal|bad-encoding|two-documents] IN.pdf OUT.ofd
//        make_ofd_fixture [--stamp-page-number] --image IN.png OUT.ofd
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/text.hpp"
#include "poppler_text.hpp"

namespace {

constexpr double kMmPerPoint = 25.4 / 72.0;
// The ofd plugin puts a glyph's box from 0.86 size above its baseline to 0.14 below
// (plugins/ofd/ofd_package.cpp): the baseline is chosen so that the box centres where the PDF's does.
constexpr double kBaselineBelowCentre = (0.86 - 0.14) / 2;

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "make_ofd_fixture: " << message << "\n";
    std::exit(1);
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", std::abs(value) < 0.0005 ? 0.0 : value);
    std::string text = buffer;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

/// DeltaX with runs of equal advances written as `g N d` (GB/T 33190 §11.3).
std::string deltas(const std::vector<double>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size();) {
        std::size_t j = i;
        while (j + 1 < values.size() && number(values[j + 1]) == number(values[i])) ++j;
        if (!out.empty()) out += ' ';
        if (j - i + 1 >= 3) out += "g " + std::to_string(j - i + 1) + " " + number(values[i]);
        else for (std::size_t k = i; k <= j; ++k) out += (k > i ? " " : "") + number(values[k]);
        i = j + 1;
    }
    return out;
}

const char* kNamespace = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

struct Member {
    std::string name, data;
};

struct Options {
    std::string title;
    std::vector<std::pair<std::string, std::string>> custom;
    std::string variant;
    std::string image;
    bool stamp = false;
    std::string input, output;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One page's Content.xml from the PDF page's words and rules.
std::string page_content(const std::vector<gongwen::Word>& words, const std::vector<gongwen::Rule>& rules, int& next_id) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page " << kNamespace << "><ofd:Content><ofd:Layer ID=\"" << next_id++ << "\">\n";
    for (const gongwen::Word& word : words) {
        const std::u32string text = gongwen::to_u32(word.text);
        if (text.empty() || gongwen::is_blank(word.text)) continue;
        std::vector<gongwen::Box> boxes = word.char_boxes;
        if (boxes.size() != text.size()) {   // spread the word's box evenly over its characters
            boxes.clear();
            const double step = (word.box.x1 - word.box.x0) / static_cast<double>(text.size());
            for (std::size_t i = 0; i < text.size(); ++i) boxes.push_back({word.box.x0 + step * static_cast<double>(i), word.box.y0, word.box.x0 + step * static_cast<double>(i + 1), word.box.y1});
        }
        const double size_pt = word.font_size > 0 ? word.font_size : word.box.y1 - word.box.y0;
        // Large type (titles) is drawn at half its size through a CTM that doubles it, as some
        // producers scale text: the reader must apply the CTM.
        const double scale = size_pt >= 20 ? 2.0 : 1.0;
        const double centre = (word.box.y0 + word.box.y1) / 2;
        const double baseline = centre + kBaselineBelowCentre * size_pt;
        const double x = word.box.x0 - 1, y = word.box.y0 - 1;   // the Boundary, a point of margin around the word
        const double w = word.box.x1 - word.box.x0 + 2, h = std::max(word.box.y1, baseline + 0.2 * size_pt) - y + 1;
        std::vector<double> advances;
        for (std::size_t i = 0; i + 1 < boxes.size(); ++i) advances.push_back((boxes[i + 1].x0 - boxes[i].x0) * kMmPerPoint / scale);
        out << "<ofd:TextObject ID=\"" << next_id++ << "\" Boundary=\"" << number(x * kMmPerPoint) << ' ' << number(y * kMmPerPoint) << ' '
            << number(w * kMmPerPoint) << ' ' << number(h * kMmPerPoint) << "\" Font=\"1\" Size=\"" << number(size_pt * kMmPerPoint / scale) << '"';
        if (scale != 1.0) out << " CTM=\"" << number(scale) << " 0 0 " << number(scale) << " 0 0\"";
        out << "><ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"" << number((boxes[0].x0 - x) * kMmPerPoint / scale) << "\" Y=\""
            << number((baseline - y) * kMmPerPoint / scale) << '"';
        if (!advances.empty()) out << " DeltaX=\"" << deltas(advances) << '"';
        out << '>' << escape(word.text) << "</ofd:TextCode></ofd:TextObject>\n";
    }
    for (const gongwen::Rule& rule : rules) {
        const gongwen::Box& b = rule.box;
        const double w = (b.x1 - b.x0) * kMmPerPoint, h = (b.y1 - b.y0) * kMmPerPoint;
        out << "<ofd:PathObject ID=\"" << next_id++ << "\" Boundary=\"" << number(b.x0 * kMmPerPoint) << ' ' << number(b.y0 * kMmPerPoint) << ' '
            << number(w) << ' ' << number(h) << '"';
        if (w >= h) {
            out << " LineWidth=\"" << number(h) << "\"><ofd:AbbreviatedData>M 0 " << number(h / 2) << " L " << number(w) << ' ' << number(h / 2);
        } else {
            out << " Stroke=\"false\" Fill=\"true\"><ofd:AbbreviatedData>M 0 0 L " << number(w) << " 0 L " << number(w) << ' ' << number(h)
                << " L 0 " << number(h) << " C";
        }
        out << "</ofd:AbbreviatedData></ofd:PathObject>\n";
    }
    out << "</ofd:Layer></ofd:Content></ofd:Page>\n";
    return out.str();
}

std::string entry_file(const Options& options) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD " << kNamespace << " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>"
        << "<ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID>";
    if (!options.title.empty()) out << "<ofd:Title>" << escape(options.title) << "</ofd:Title>";
    out << "<ofd:CreationDate>2024-03-18</ofd:CreationDate><ofd:Creator>make_ofd_fixture</ofd:Creator>";
    if (!options.custom.empty()) {
        out << "<ofd:CustomDatas>";
        for (const auto& [name, value] : options.custom) out << "<ofd:CustomData Name=\"" << escape(name) << "\">" << escape(value) << "</ofd:CustomData>";
        out << "</ofd:CustomDatas>";
    }
    out << "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>";
    // A second document in the package (GB/T 33190 allows several), not written: only named.
    if (options.variant == "two-documents") out << "<ofd:DocBody><ofd:DocInfo/><ofd:DocRoot>Doc_1/Document.xml</ofd:DocRoot></ofd:DocBody>";
    out << "</ofd:OFD>\n";
    return out.str();
}

std::string document_file(double width_mm, double height_mm, int pages, bool with_resources) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document " << kNamespace << "><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>"
        << "<ofd:PageArea><ofd:PhysicalBox>0 0 " << number(width_mm) << ' ' << number(height_mm) << "</ofd:PhysicalBox></ofd:PageArea>"
        << "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>";
    if (with_resources) out << "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>";
    out << "</ofd:CommonData><ofd:Pages>";
    for (int i = 0; i < pages; ++i) out << "<ofd:Page ID=\"" << 10 + i << "\" BaseLoc=\"Pages/Page_" << i << "/Content.xml\"/>";
    out << "</ofd:Pages></ofd:Document>\n";
    return out.str();
}

std::string public_resources() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res ") + kNamespace +
           " BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"1\" FontName=\"WenQuanYi Micro Hei\" FamilyName=\"WenQuanYi Micro Hei\"/></ofd:Fonts></ofd:Res>\n";
}

void write_zip(const std::string& path, const std::vector<Member>& members) {
    std::filesystem::remove(path);
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) fail("cannot create " + path);
    for (const Member& member : members) {
        zip_source_t* source = zip_source_buffer(archive, member.data.data(), member.data.size(), 0);
        if (!source || zip_file_add(archive, member.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            fail("cannot add " + member.name + ": " + zip_strerror(archive));
        }
    }
    if (zip_close(archive) != 0) fail("cannot write " + path + ": " + zip_strerror(archive));
}

void from_pdf(const Options& options) {
    const std::string bytes = read_file(options.input);
    const gongwen::pdf::PopplerSession session([](const std::string&) {});
    const gongwen::pdf::PopplerText pdf(std::as_bytes(std::span(bytes.data(), bytes.size())));
    std::vector<Member> members;
    members.push_back({"OFD.xml", entry_file(options)});
    double width = 0, height = 0;
    pdf.page_size(0, width, height);
    members.push_back({"Doc_0/Document.xml", document_file(width * kMmPerPoint, height * kMmPerPoint, pdf.pages(), false)});
    members.push_back({"Doc_0/PublicRes.xml", public_resources()});
    int next_id = 100;
    for (int i = 0; i < pdf.pages(); ++i) {
        std::vector<gongwen::Rule> rules;
        const auto words = pdf.words(i, &rules);
        std::string content = page_content(words, rules, next_id);
        if (options.variant == "bad-encoding" && i == 0) {
            // Declares GBK over UTF-8 text (a producer that labels what it does not write): libxml2 fails to
            // convert, and must not print.
            content.replace(content.find("encoding=\"UTF-8\""), 16, "encoding=\"GBK\"");
        }
        if (options.variant == "xxe" && i == 0) {
            // An external entity the reader must refuse before resolving it.
            const auto at = content.find("<ofd:Page ");
            content.insert(at, "<!DOCTYPE ofd:Page [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n");
            const auto code = content.find("</ofd:TextCode>");
            if (code != std::string::npos) content.insert(code, "&secret;");
        }
        members.push_back({"Doc_0/Pages/Page_" + std::to_string(i) + "/Content.xml", content});
    }
    if (options.variant == "traversal") members.push_back({"../../outside/evil.xml", "<x/>"});
    write_zip(options.output, members);
    if (options.variant == "truncated") {
        const std::string whole = read_file(options.output);
        std::ofstream(options.output, std::ios::binary | std::ios::trunc).write(whole.data(), static_cast<std::streamsize>(whole.size() * 3 / 5));
    }
}

void from_image(const Options& options) {
    const std::string image = read_file(options.image);
    const double width = 210, height = 297;   // A4, the scan stretched over the page
    // A page number stamped as text over the scan, as scanning software adds one: a text layer too
    // thin to be the page's text.
    std::string stamp;
    if (options.stamp) {
        stamp = "<ofd:TextObject ID=\"5\" Boundary=\"98 280 14 6\" Font=\"1\" Size=\"4.94\"><ofd:TextCode X=\"0\" Y=\"4.5\" "
                "DeltaX=\"4.94 2.47 2.47 2.47\">— 1 —</ofd:TextCode></ofd:TextObject>";
    }
    std::vector<Member> members;
    members.push_back({"OFD.xml", entry_file(options)});
    members.push_back({"Doc_0/Document.xml", document_file(width, height, 1, true)});
    members.push_back({"Doc_0/PublicRes.xml", public_resources()});
    members.push_back({"Doc_0/DocumentRes.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res ") + kNamespace +
                                                    " BaseLoc=\"Res\"><ofd:MultiMedias><ofd:MultiMedia ID=\"2\" Type=\"Image\"><ofd:MediaFile>scan_1.png</ofd:MediaFile>"
                                                    "</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>\n"});
    members.push_back({"Doc_0/Res/scan_1.png", image});
    members.push_back({"Doc_0/Pages/Page_0/Content.xml",
                       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page ") + kNamespace +
                           "><ofd:Content><ofd:Layer ID=\"3\"><ofd:ImageObject ID=\"4\" ResourceID=\"2\" Boundary=\"0 0 210 297\" CTM=\"210 0 0 297 0 0\"/>" +
                           stamp + "</ofd:Layer></ofd:Content></ofd:Page>\n"});
    write_zip(options.output, members);
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) fail(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--title") options.title = value();
        else if (arg == "--custom") {
            const std::string pair = value();
            const auto eq = pair.find('=');
            if (eq == std::string::npos) fail("--custom takes NAME=VALUE");
            options.custom.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
        } else if (arg == "--variant") options.variant = value();
        else if (arg == "--image") options.image = value();
        else if (arg == "--stamp-page-number") options.stamp = true;
        else positional.push_back(arg);
    }
    if (!options.image.empty() && positional.size() == 1) {
        options.output = positional[0];
        from_image(options);
        return 0;
    }
    if (positional.size() != 2) fail("usage: make_ofd_fixture [--title T] [--custom NAME=VALUE] [--variant truncated|xxe|traversal|bad-encoding|two-documents] IN.pdf OUT.ofd | [--stamp-page-number] --image IN.png OUT.ofd");
    if (!options.variant.empty() && options.variant != "truncated" && options.variant != "xxe" && options.variant != "traversal" &&
        options.variant != "bad-encoding" && options.variant != "two-documents") {
        fail("unknown variant " + options.variant);
    }
    options.input = positional[0];
    options.output = positional[1];
    try {
        from_pdf(options);
    } catch (const std::exception& error) {
        fail(options.input + ": " + error.what());
    }
    return 0;
}
