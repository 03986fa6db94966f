// Reading a Word document (see docx_reader.hpp). ECMA-376 Part 1 §17: paragraphs (w:p) and tables
// (w:tbl) of w:body in order; paragraph properties resolved through the style chain (w:basedOn)
// and docDefaults; automatic numbering (w:numPr) printed as Word prints it (一、 （一） 1.);
// headers, footers, comments, deleted text and field instructions are left out.
#include "docx_reader.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"
#include "page_layout.hpp"
#include "xml_document.hpp"

namespace gongwen::docx {
namespace {

using office::Alignment;
using office::TextRun;
using xml::Node;

constexpr double kDefaultFontSize = 10.5;   // Word's 五号 when the file sets no size
constexpr int kMaxCounter = 1'000'000'000;  // list numbers stop growing here (no overflow on hostile starts)
// Word tables have at most 63 columns; cells past this many in a row are dropped with a warning,
// and a table of more cells than kMaxTableCells is refused, so that a hostile row of gridSpan="1000"
// cells or a million rows cannot make the reader allocate without bound.
constexpr std::size_t kMaxTableColumns = 512;
constexpr std::size_t kMaxTableCells = 2'000'000;

std::optional<double> number_attribute(const Node& node, std::string_view name) {
    if (!node) return std::nullopt;
    const auto value = node.attribute(name);
    if (!value || value->empty()) return std::nullopt;
    try {
        return std::stod(*value);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// An on/off property (w:b, w:vanish, w:pageBreakBefore): present and not "0"/"false"/"off".
bool is_on(const Node& node) {
    if (!node) return false;
    const std::string value = node.attribute_or("val", "true");
    return value != "0" && value != "false" && value != "off";
}

/// Paragraph properties that matter for layout, each unset until a level of the style chain sets it.
struct ParagraphProperties {
    std::optional<Alignment> alignment;
    std::optional<double> left_twips, first_twips, first_chars, left_chars, hanging_twips;
    std::optional<int> num_id, level;
    std::optional<bool> page_break_before;
    std::optional<double> font_size;   // points, of the paragraph mark / style

    void apply(const ParagraphProperties& over) {
        const auto take = [](auto& mine, const auto& theirs) { if (theirs) mine = theirs; };
        take(alignment, over.alignment), take(left_twips, over.left_twips), take(first_twips, over.first_twips);
        take(first_chars, over.first_chars), take(left_chars, over.left_chars), take(hanging_twips, over.hanging_twips);
        take(num_id, over.num_id), take(level, over.level), take(page_break_before, over.page_break_before);
        take(font_size, over.font_size);
    }
};

std::optional<double> font_size_of(const Node& rpr) {
    if (!rpr) return std::nullopt;
    if (auto half_points = number_attribute(rpr.child("sz"), "val")) return *half_points / 2;
    return std::nullopt;
}

ParagraphProperties read_properties(const Node& ppr, const Node& rpr) {
    ParagraphProperties out;
    out.font_size = font_size_of(rpr);
    if (!ppr) return out;
    if (const Node jc = ppr.child("jc")) {
        const std::string value = jc.attribute_or("val");
        if (value == "center") out.alignment = Alignment::center;
        else if (value == "right" || value == "end") out.alignment = Alignment::right;
        else if (value == "both" || value == "distribute") out.alignment = Alignment::justify;
        else out.alignment = Alignment::left;
    }
    if (const Node ind = ppr.child("ind")) {
        out.left_twips = number_attribute(ind, "left");
        if (!out.left_twips) out.left_twips = number_attribute(ind, "start");
        out.left_chars = number_attribute(ind, "leftChars");
        if (!out.left_chars) out.left_chars = number_attribute(ind, "startChars");
        out.first_twips = number_attribute(ind, "firstLine");
        out.first_chars = number_attribute(ind, "firstLineChars");
        out.hanging_twips = number_attribute(ind, "hanging");
        if (out.hanging_twips) out.first_twips = -*out.hanging_twips;
        if (auto hanging_chars = number_attribute(ind, "hangingChars")) out.first_chars = -*hanging_chars;
    }
    if (const Node num = ppr.child("numPr")) {
        if (auto id = number_attribute(num.child("numId"), "val")) out.num_id = static_cast<int>(*id);
        if (auto level = number_attribute(num.child("ilvl"), "val")) out.level = static_cast<int>(*level);
    }
    if (const Node before = ppr.child("pageBreakBefore")) out.page_break_before = is_on(before);
    return out;
}

/// styles.xml: paragraph styles by id, resolved through w:basedOn on demand.
class Styles {
public:
    explicit Styles(const std::optional<std::string>& xml) {
        if (!xml) return;
        const auto parsed = xml::Document::parse(*xml, "word/styles.xml");
        const Node root = parsed.root();
        if (const Node defaults = root.child("docDefaults")) {
            defaults_ = read_properties(defaults.child("pPrDefault").child("pPr"), defaults.child("rPrDefault").child("rPr"));
        }
        for (const Node& style : root.children("style")) {
            if (style.attribute_or("type", "paragraph") != "paragraph") continue;
            const std::string id = style.attribute_or("styleId");
            Entry entry{read_properties(style.child("pPr"), style.child("rPr")), style.child("basedOn").attribute_or("val")};
            const std::string is_default = style.attribute_or("default");
            if (is_default == "1" || is_default == "true" || is_default == "on") default_style_ = id;
            styles_[id] = std::move(entry);
        }
    }

    /// docDefaults, then the style chain from its root, for the paragraph style `id` ("" = default).
    ParagraphProperties resolve(const std::string& id) const {
        ParagraphProperties out = defaults_;
        std::vector<const ParagraphProperties*> chain;
        std::string current = id.empty() ? default_style_ : id;
        for (int depth = 0; depth < 20 && !current.empty(); ++depth) {   // a cycle of basedOn stops here
            const auto it = styles_.find(current);
            if (it == styles_.end()) break;
            chain.push_back(&it->second.properties);
            current = it->second.based_on;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) out.apply(**it);
        return out;
    }

private:
    struct Entry {
        ParagraphProperties properties;
        std::string based_on;
    };
    ParagraphProperties defaults_;
    std::map<std::string, Entry> styles_;
    std::string default_style_;
};

// ---------------------------------------------------------------------------------------------
// Numbering (numbering.xml): the printed number of each numbered paragraph.

std::string chinese_number(int n, bool legal) {
    static constexpr std::array<const char*, 10> plain = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static constexpr std::array<const char*, 10> capital = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    const auto& digits = legal ? capital : plain;
    const char* ten = legal ? "拾" : "十";
    if (n <= 0) return digits[0];
    if (n < 10) return digits[n];
    if (n < 20 && !legal) return std::string(ten) + (n % 10 ? digits[n % 10] : "");
    if (n < 100) return std::string(digits[n / 10]) + ten + (n % 10 ? digits[n % 10] : "");
    if (n < 1000) {
        std::string out = std::string(digits[n / 100]) + (legal ? "佰" : "百");
        const int rest = n % 100;
        if (rest == 0) return out;
        if (rest < 10) return out + digits[0] + digits[rest];
        return out + std::string(digits[rest / 10]) + ten + (rest % 10 ? digits[rest % 10] : "");
    }
    return std::to_string(n);
}

std::string letters(int n, char base) {
    std::string out;
    for (; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>(base + (n - 1) % 26));
    return out;
}

std::string roman(int n, bool upper) {
    if (n < 1 || n > 3999) return std::to_string(n);   // what Word prints past Roman numerals' range
    static constexpr std::array<std::pair<int, const char*>, 13> table = {{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                                           {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"},
                                                                           {5, "v"}, {4, "iv"}, {1, "i"}}};
    std::string out;
    for (const auto& [value, text] : table) {
        for (; n >= value; n -= value) out += text;
    }
    if (upper) std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

std::string format_number(int n, const std::string& format) {
    if (format == "chineseCounting" || format == "chineseCountingThousand" || format == "japaneseCounting" ||
        format == "taiwaneseCounting" || format == "taiwaneseCountingThousand" || format == "ideographDigital") {
        return chinese_number(n, false);
    }
    if (format == "chineseLegalSimplified" || format == "japaneseLegal") return chinese_number(n, true);
    if (format == "ideographTraditional" && n >= 1 && n <= 10) {
        static constexpr std::array<const char*, 10> stems = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
        return stems[n - 1];
    }
    if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") {
        if (n >= 1 && n <= 20) {
            std::string out;
            append_utf8(out, 0x2460 + n - 1);
            return out;
        }
    }
    if (format == "decimalEnclosedParen" && n >= 1 && n <= 20) {
        std::string out;
        append_utf8(out, 0x2474 + n - 1);
        return out;
    }
    if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
        std::string out;
        for (char c : std::to_string(n)) append_utf8(out, 0xFF10 + (c - '0'));
        return out;
    }
    if (format == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
    if (format == "lowerLetter") return letters(n, 'a');
    if (format == "upperLetter") return letters(n, 'A');
    if (format == "lowerRoman") return roman(n, false);
    if (format == "upperRoman") return roman(n, true);
    if (format == "none" || format == "bullet") return "";
    return std::to_string(n);   // decimal and the formats without a Chinese reading
}

class Numbering {
public:
    explicit Numbering(const std::optional<std::string>& xml) {
        if (!xml) return;
        const auto parsed = xml::Document::parse(*xml, "word/numbering.xml");
        const Node root = parsed.root();
        std::map<std::string, std::array<Level, 9>> abstracts;
        for (const Node& abstract : root.children("abstractNum")) {
            auto& levels = abstracts[abstract.attribute_or("abstractNumId")];
            read_levels(abstract, levels);
        }
        for (const Node& num : root.children("num")) {
            const auto id = number_attribute(num, "numId");
            if (!id) continue;
            List list;
            const auto abstract = abstracts.find(num.child("abstractNumId").attribute_or("val"));
            if (abstract != abstracts.end()) list.levels = abstract->second;
            for (const Node& override : num.children("lvlOverride")) {
                const auto level = number_attribute(override, "ilvl");
                if (!level || *level < 0 || *level > 8) continue;
                if (const Node lvl = override.child("lvl")) read_level(lvl, list.levels[static_cast<std::size_t>(*level)]);
                if (auto start = number_attribute(override.child("startOverride"), "val")) {
                    list.levels[static_cast<std::size_t>(*level)].start = static_cast<int>(std::clamp(*start, -1.0 * kMaxCounter, 1.0 * kMaxCounter));
                }
            }
            lists_[static_cast<int>(*id)] = std::move(list);
        }
    }

    /// The printed number of the next paragraph of list `num_id` at `level` ("" for none or a bullet).
    std::string next(int num_id, int level) {
        const auto it = lists_.find(num_id);
        if (it == lists_.end() || level < 0 || level > 8) return "";
        List& list = it->second;
        const auto l = static_cast<std::size_t>(level);
        list.counters[l] = list.counters[l] ? std::min(*list.counters[l], kMaxCounter - 1) + 1 : list.levels[l].start;
        for (std::size_t deeper = l + 1; deeper < 9; ++deeper) list.counters[deeper].reset();
        const Level& mine = list.levels[l];
        if (mine.format == "bullet" || mine.format == "none") return "";
        std::string out;
        const std::string& text = mine.text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
                const auto k = static_cast<std::size_t>(text[i + 1] - '1');
                const int value = list.counters[k] ? *list.counters[k] : list.levels[k].start;
                out += format_number(value, mine.legal && k != l ? "decimal" : list.levels[k].format);
                ++i;
            } else {
                out += text[i];
            }
        }
        if (out.empty()) return out;
        // The separator Word puts after the number: tab (default), space or nothing. Chinese
        // numbers end in 、 or ） and are followed by nothing in print.
        if (mine.suffix == "nothing" || out.ends_with("、") || out.ends_with("）") || out.ends_with("．")) return out;
        return out + " ";
    }

private:
    struct Level {
        int start = 1;
        std::string format = "decimal";
        std::string text;
        std::string suffix = "tab";
        bool legal = false;
    };
    struct List {
        std::array<Level, 9> levels;
        std::array<std::optional<int>, 9> counters;
    };

    static void read_level(const Node& lvl, Level& level) {
        if (auto start = number_attribute(lvl.child("start"), "val")) level.start = static_cast<int>(std::clamp(*start, -1.0 * kMaxCounter, 1.0 * kMaxCounter));
        if (const Node format = lvl.child("numFmt")) level.format = format.attribute_or("val", "decimal");
        if (const Node text = lvl.child("lvlText")) level.text = text.attribute_or("val");
        if (const Node suffix = lvl.child("suff")) level.suffix = suffix.attribute_or("val", "tab");
        level.legal = is_on(lvl.child("isLgl"));
    }
    static void read_levels(const Node& abstract, std::array<Level, 9>& levels) {
        for (const Node& lvl : abstract.children("lvl")) {
            const auto level = number_attribute(lvl, "ilvl");
            if (level && *level >= 0 && *level <= 8) read_level(lvl, levels[static_cast<std::size_t>(*level)]);
        }
    }

    std::map<int, List> lists_;
};

// ---------------------------------------------------------------------------------------------
// The body.

/// A paragraph's text as runs, with page breaks (w:br w:type="page") between its pieces.
struct ParagraphText {
    std::vector<std::vector<TextRun>> pieces{1};
    std::vector<Node> text_boxes;   ///< w:txbxContent anchored in the paragraph, read after it
    std::string plain() const {
        std::string out;
        for (const auto& piece : pieces) {
            for (const auto& run : piece) out += run.text;
        }
        return out;
    }
};

class BodyReader {
public:
    BodyReader(Document& document, const Styles& styles, Numbering& numbering)
        : document_(document), styles_(styles), numbering_(numbering), layout_(document.pages) {}

    /// Whether a table row had cells past kMaxTableColumns (dropped).
    bool clipped() const { return clipped_; }

    void read(const Node& body) {
        // Each section's page size and margins (a landscape attachment after portrait pages): a
        // paragraph's w:sectPr closes its section, the body's own w:sectPr describes the last one.
        collect_sections(body);
        if (const Node last = body.child("sectPr")) sections_.push_back(last);
        if (!sections_.empty()) set_geometry(sections_.front());
        read_blocks(body);
    }

private:
    void set_geometry(const Node& section) {
        office::PageGeometry geometry;
        const Node size = section.child("pgSz");
        const Node margins = section.child("pgMar");
        if (auto w = number_attribute(size, "w")) geometry.width = *w / 20;
        if (auto h = number_attribute(size, "h")) geometry.height = *h / 20;
        if (auto v = number_attribute(margins, "top")) geometry.top = std::abs(*v) / 20;
        if (auto v = number_attribute(margins, "bottom")) geometry.bottom = std::abs(*v) / 20;
        if (auto v = number_attribute(margins, "left")) geometry.left = *v / 20;
        if (auto v = number_attribute(margins, "right")) geometry.right = *v / 20;
        // A page too small for one line of text is no page: keep the default.
        if (geometry.text_width() >= 72 && geometry.height - geometry.top - geometry.bottom >= 72 && geometry.width <= 5000 &&
            geometry.height <= 5000) {
            layout_.set_geometry(geometry);
        }
    }

    void collect_sections(const Node& parent) {
        for (const Node& node : parent.children()) {
            const std::string_view name = node.name();
            if (name == "p") {
                if (const Node section = node.child("pPr").child("sectPr")) sections_.push_back(section);
            } else if (name == "sdt") {
                collect_sections(node.child("sdtContent"));
            } else if (name == "customXml") {
                collect_sections(node);
            }
        }
    }

    void read_blocks(const Node& parent) {
        for (const Node& node : parent.children()) {
            const std::string_view name = node.name();
            if (name == "p") paragraph(node);
            else if (name == "tbl") table(node);
            else if (name == "sdt") read_blocks(node.child("sdtContent"));
            else if (name == "customXml") read_blocks(node);
        }
    }

    ParagraphProperties properties_of(const Node& p) const {
        const Node ppr = p.child("pPr");
        ParagraphProperties out = styles_.resolve(ppr ? ppr.child("pStyle").attribute_or("val") : std::string());
        out.apply(read_properties(ppr, ppr ? ppr.child("rPr") : Node()));
        return out;
    }

    // Runs and what holds them (hyperlinks, inserted text, content controls, simple fields).
    void collect(const Node& parent, double font_size, ParagraphText& out) const {
        for (const Node& node : parent.children()) {
            const std::string_view name = node.name();
            if (name == "r") {
                run(node, font_size, out);
            } else if (name == "hyperlink" || name == "ins" || name == "smartTag" || name == "fldSimple" || name == "customXml" ||
                       name == "bdo" || name == "dir" || name == "moveTo") {
                collect(node, font_size, out);
            } else if (name == "sdt") {
                collect(node.child("sdtContent"), font_size, out);
            } else if (name == "AlternateContent") {
                // Markup compatibility: the first choice, else the fallback; never both.
                const Node choice = node.child("Choice");
                collect(choice ? choice : node.child("Fallback"), font_size, out);
            }
            // w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comments' anchors: nothing printed.
        }
    }

    void run(const Node& r, double paragraph_size, ParagraphText& out) const {
        const Node rpr = r.child("rPr");
        if (rpr && (is_on(rpr.child("vanish")) || is_on(rpr.child("specVanish")))) return;   // hidden text
        const double size = font_size_of(rpr).value_or(paragraph_size);
        std::string text;
        const auto flush = [&] {
            if (text.empty()) return;
            auto& piece = out.pieces.back();
            if (!piece.empty() && piece.back().font_size == size) piece.back().text += text;
            else piece.push_back({text, size});
            text.clear();
        };
        for (const Node& node : r.children()) {
            const std::string_view name = node.name();
            if (name == "t") {
                text += node.text();
            } else if (name == "tab" || name == "ptab") {
                text += '\t';
            } else if (name == "br" || name == "cr") {
                const std::string type = node.attribute_or("type");
                if (type == "page") {
                    flush();
                    out.pieces.emplace_back();
                } else {
                    text += '\n';
                }
            } else if (name == "noBreakHyphen") {
                text += '-';
            } else if (name == "drawing" || name == "pict" || name == "AlternateContent" || name == "object") {
                // A text box (the masthead or a note set apart): its paragraphs are read after
                // this paragraph. mc:AlternateContent carries the box twice (mc:Choice and the
                // VML mc:Fallback); the depth-first search finds the Choice's first.
                if (const Node box = node.descendant("txbxContent")) out.text_boxes.push_back(box);
            }
            // w:instrText (a field's code), w:delText, pictures, footnote references: not printed.
        }
        flush();
    }

    static double indent_points(const std::optional<double>& twips, const std::optional<double>& chars, double font_size) {
        if (chars) return *chars / 100 * font_size;
        return twips ? *twips / 20 : 0;
    }

    /// A paragraph's text with its automatic number, and its font size.
    ParagraphText paragraph_text(const Node& p, const ParagraphProperties& props) {
        const double size = props.font_size.value_or(kDefaultFontSize);
        ParagraphText text;
        if (props.num_id && *props.num_id != 0) {
            const std::string number = numbering_.next(*props.num_id, props.level.value_or(0));
            if (!number.empty()) text.pieces.front().push_back({number, size});
        }
        collect(p, size, text);
        return text;
    }

    void paragraph(const Node& p) {
        const ParagraphProperties props = properties_of(p);
        if (props.page_break_before.value_or(false)) layout_.page_break();
        const ParagraphText text = paragraph_text(p, props);
        const double size = props.font_size.value_or(kDefaultFontSize);
        const double left = indent_points(props.left_twips, props.left_chars, size);
        const double first = indent_points(props.first_twips, props.first_chars, size);
        const Alignment alignment = props.alignment.value_or(Alignment::left);
        for (std::size_t i = 0; i < text.pieces.size(); ++i) {
            if (i > 0) layout_.page_break();
            // After a page break inside a paragraph the text goes on as the same paragraph: no indent.
            if (i == 0 || !text.pieces[i].empty()) layout_.paragraph(text.pieces[i], alignment, left, i == 0 ? first : 0);
        }
        // Text boxes anchored here; a box inside a box is read once, with its outer box.
        if (text_box_depth_ < 2) {
            ++text_box_depth_;
            for (const Node& box : text.text_boxes) read_blocks(box);
            --text_box_depth_;
        }
        // A section break in the paragraph's properties ends a section: a new page unless continuous.
        if (const Node ppr = p.child("pPr")) {
            if (const Node section = ppr.child("sectPr")) {
                if (++section_ < sections_.size()) set_geometry(sections_[section_]);
                // The next section's w:type says how it starts; a new page unless continuous.
                const Node next = section_ < sections_.size() ? sections_[section_] : section;
                if (next.child("type").attribute_or("val", "nextPage") != "continuous") layout_.page_break();
            }
        }
    }

    // The text of a cell: its paragraphs joined with '\n', nested tables' rows too; numbering counted.
    std::string cell_text(const Node& tc, double& font_size) {
        std::vector<std::string> parts;
        for (const Node& node : tc.children()) {
            const std::string_view name = node.name();
            if (name == "p") {
                const ParagraphProperties props = properties_of(node);
                font_size = std::max(font_size, props.font_size.value_or(kDefaultFontSize));
                const ParagraphText text = paragraph_text(node, props);
                for (const auto& piece : text.pieces) {
                    for (const auto& run : piece) font_size = std::max(font_size, run.font_size);
                }
                std::string plain = text.plain();
                for (char& c : plain) {
                    if (c == '\t') c = ' ';
                }
                parts.push_back(trim(plain));
            } else if (name == "tbl") {
                for (const Node& tr : node.children("tr")) {
                    std::string row;
                    for (const Node& inner : tr.children("tc")) {
                        double ignored = 0;
                        std::string cell = cell_text(inner, ignored);
                        std::replace(cell.begin(), cell.end(), '\n', ' ');
                        if (!cell.empty()) row += (row.empty() ? "" : " ") + cell;
                    }
                    parts.push_back(row);
                }
            } else if (name == "sdt") {
                double size = 0;
                parts.push_back(cell_text(node.child("sdtContent"), size));
                font_size = std::max(font_size, size);
            }
        }
        while (!parts.empty() && parts.back().empty()) parts.pop_back();
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "\n" : "") + parts[i];
        return out;
    }

    void table(const Node& tbl) {
        std::vector<double> widths;
        for (const Node& column : tbl.child("tblGrid").children("gridCol")) widths.push_back(number_attribute(column, "w").value_or(0) / 20);
        Table out;
        std::vector<double> row_sizes;
        std::map<int, std::size_t> open;   // column → merge being continued downwards (vMerge)
        std::size_t widest = 0;
        for (const Node& tr : tbl.children("tr")) {
            const int r = static_cast<int>(out.rows.size());
            std::vector<std::string> row;
            double size = 0;
            const Node trpr = tr.child("trPr");
            const int before = trpr ? static_cast<int>(number_attribute(trpr.child("gridBefore"), "val").value_or(0)) : 0;
            row.resize(static_cast<std::size_t>(std::clamp(before, 0, 63)));
            for (const Node& tc : tr.children("tc")) {
                const Node tcpr = tc.child("tcPr");
                const int span = std::clamp(tcpr ? static_cast<int>(number_attribute(tcpr.child("gridSpan"), "val").value_or(1)) : 1, 1, 1000);
                const int c = static_cast<int>(row.size());
                if (row.size() + static_cast<std::size_t>(span) > kMaxTableColumns) {
                    clipped_ = true;
                    break;
                }
                const Node vmerge = tcpr ? tcpr.child("vMerge") : Node();
                std::string text = cell_text(tc, size);
                if (vmerge && vmerge.attribute_or("val", "continue") == "continue" && open.count(c)) {
                    out.merges[open[c]].rows = r - out.merges[open[c]].row + 1;
                    text.clear();   // the merged cell's text is in its top cell
                } else {
                    for (int k = c; k < c + span; ++k) open.erase(k);
                    if (vmerge || span > 1) {
                        out.merges.push_back({r, c, 1, span});
                        if (vmerge) open[c] = out.merges.size() - 1;
                    }
                }
                row.push_back(std::move(text));
                for (int k = 1; k < span; ++k) row.emplace_back();
            }
            // A column this row does not reach ends the merges running down it.
            for (auto it = open.begin(); it != open.end();) {
                if (it->first >= static_cast<int>(row.size())) it = open.erase(it);
                else ++it;
            }
            if (row.empty()) continue;   // a w:tr without cells shows nothing
            widest = std::max(widest, row.size());
            if (out.rows.size() * widest > kMaxTableCells) {
                throw ExtractionError("a table of more than " + std::to_string(kMaxTableCells) +
                                      " cells: a data set, not a document; save the table as a spreadsheet and index that");
            }
            out.rows.push_back(std::move(row));
            row_sizes.push_back(size > 0 ? size : kDefaultFontSize);
        }
        if (out.rows.empty()) return;
        std::size_t columns = widths.size();
        for (const auto& row : out.rows) columns = std::max(columns, row.size());
        for (auto& row : out.rows) row.resize(columns);
        std::erase_if(out.merges, [](const CellMerge& merge) { return merge.rows == 1 && merge.columns == 1; });
        // Column edges: the grid's widths (twips), scaled into the text area when wider.
        widths.resize(columns, 0);
        double total = 0;
        for (double& w : widths) total += (w = w > 0 ? w : 1);
        const double area = layout_.geometry().text_width();
        const double scale = total > area || total < area / 4 ? area / total : 1;
        std::vector<double> column_x{layout_.geometry().left};
        for (double w : widths) column_x.push_back(column_x.back() + w * scale);
        // One line per row; the table's regions are the boxes of those lines, page by page.
        std::map<int, Box> regions;
        out.page = layout_.current_page();
        for (std::size_t r = 0; r < out.rows.size(); ++r) {
            const Box box = layout_.table_row(out.rows[r], column_x, row_sizes[r]);
            const int page = layout_.current_page();
            auto [it, fresh] = regions.try_emplace(page, box);
            if (!fresh) {
                it->second.x0 = std::min(it->second.x0, box.x0), it->second.y0 = std::min(it->second.y0, box.y0);
                it->second.x1 = std::max(it->second.x1, box.x1), it->second.y1 = std::max(it->second.y1, box.y1);
            }
        }
        for (const auto& [page, box] : regions) out.regions.push_back({page, box});
        if (!regions.empty()) out.page = regions.begin()->first;
        document_.tables.push_back(std::move(out));
    }

    Document& document_;
    const Styles& styles_;
    Numbering& numbering_;
    office::PageLayout layout_;
    std::vector<Node> sections_;
    std::size_t section_ = 0;
    int text_box_depth_ = 0;
    bool clipped_ = false;
};

std::string archive_kind_reason(zip::ContainerKind kind) {
    switch (kind) {
        case zip::ContainerKind::xlsx: return "an Excel workbook (XLSX), not a Word document: it has xl/workbook.xml but no word/document.xml";
        case zip::ContainerKind::ofd: return "an OFD document, not a Word document: it has OFD.xml but no word/document.xml";
        default:
            return "a zip archive that is not a Word, Excel or OFD document (no word/document.xml, xl/workbook.xml or OFD.xml)";
    }
}

// The officeDocument target of _rels/.rels when it is a WordprocessingML part under word/.
std::optional<std::string> main_part_named_by_relationships(zip::Archive& archive) {
    const auto rels = archive.read_if_present("_rels/.rels");
    if (!rels) return std::nullopt;
    const auto parsed = xml::Document::parse(*rels, "_rels/.rels");
    for (const Node& rel : parsed.root().children("Relationship")) {
        if (!rel.attribute_or("Type").ends_with("/officeDocument")) continue;
        std::string target = rel.attribute_or("Target");
        if (target.starts_with("/")) target.erase(0, 1);
        if (target.starts_with("word/") && target.ends_with(".xml")) return target;
    }
    return std::nullopt;
}

}  // namespace

void read(zip::Archive& archive, Document& document) {
    bool has_pictures = false;
    try {
        std::optional<std::string> main = archive.read_if_present("word/document.xml");
        if (!main) {
            // Word always writes word/document.xml; other writers may name the main part
            // otherwise, and the package relationships say which it is.
            if (const auto part = main_part_named_by_relationships(archive)) main = archive.read_if_present(*part);
        }
        if (!main) throw ExtractionError(archive_kind_reason(archive.kind()));
        const Styles styles(archive.read_if_present("word/styles.xml"));
        Numbering numbering(archive.read_if_present("word/numbering.xml"));
        const auto parsed = xml::Document::parse(*main, "word/document.xml");
        const Node body = parsed.root().child("body");
        if (!body) throw ExtractionError("word/document.xml has no w:body: not a Word document, or a damaged one");
        document.pages.clear();
        document.tables.clear();
        BodyReader reader(document, styles, numbering);
        reader.read(body);
        if (reader.clipped()) {
            document.warnings.push_back("docx: a table row has more than " + std::to_string(kMaxTableColumns) +
                                        " columns; the cells past them are not read");
        }
        has_pictures = body.descendant("drawing") || body.descendant("pict");
    } catch (const zip::ArchiveError& error) {
        throw ExtractionError(error.what());
    } catch (const xml::XmlError& error) {
        throw ExtractionError(error.what());
    }
    const bool any_text = std::any_of(document.pages.begin(), document.pages.end(), [](const Page& page) { return !page.lines.empty(); });
    if (!any_text) {
        throw ExtractionError(has_pictures ? "no text found: the Word document holds only pictures (a scan pasted into Word?); "
                                             "save the pictures or a PDF of it and index that for OCR"
                                           : "no text found: the Word document is empty");
    }
    document.source.pages = static_cast<int>(document.pages.size());
}

void read(std::span<const std::byte> bytes, Document& document) {
    try {
        zip::Archive archive(bytes);
        read(archive, document);
    } catch (const zip::ArchiveError& error) {
        throw ExtractionError(error.what());
    }
}

}  // namespace gongwen::docx
