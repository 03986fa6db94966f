// HTML to blocks (see html_blocks.hpp): libxml2's forgiving HTML parser, a little of CSS (the
// text-align, text-indent, float and display of class and tag rules and style attributes: how
// saved government pages centre their titles and right-align their signatures), and the walk
// that turns block elements into lines and data tables into cells.
#include "html_blocks.hpp"
#include "html_source.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"

namespace gongwen::html {
namespace {

/// libxml2's generic error handler that drops the message (see parse()).
void ignore_generic_error(void*, const char*, ...) {}


using gongwen::ExtractionError;

constexpr int kMaxDepth = 256;            // deeper markup is machine-made garbage; its text is still read flat
constexpr int kMaxRowSpan = 1000;
constexpr int kMaxColumnSpan = 100;
constexpr std::size_t kMaxCells = 200'000;

std::string_view name_of(const xmlNode* node) { return node->name ? reinterpret_cast<const char*>(node->name) : ""; }

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
    for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
        if (!attr->name || lower_ascii(reinterpret_cast<const char*>(attr->name)) != name) continue;
        xmlChar* value = xmlNodeListGetString(node->doc, attr->children, 1);
        std::string out = value ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
        return out;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// A little CSS.

struct Declarations {
    std::optional<Align> align;
    std::optional<double> indent_em;
    bool hidden = false;
    bool float_right = false;
};

/// `2em`, `32px`, `24pt`, `0`: in ems of a 16 px (12 pt) font; nothing for percentages and the rest.
std::optional<double> length_in_em(std::string value) {
    value = lower_ascii(trim_ascii(value));
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (end == value.c_str()) return std::nullopt;
    const std::string unit = trim_ascii(end);
    if (unit.empty()) return number == 0 ? std::optional<double>{0.0} : std::nullopt;   // a bare number other than 0 is invalid CSS
    if (unit == "em" || unit == "rem") return number;
    if (unit == "px") return number / 16;
    if (unit == "pt") return number / 12;
    return std::nullopt;
}

void parse_declarations(std::string_view text, Declarations& out) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view item = text.substr(start, end - start);
        start = end + 1;
        const auto colon = item.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string property = lower_ascii(trim_ascii(item.substr(0, colon)));
        std::string value = lower_ascii(trim_ascii(item.substr(colon + 1)));
        if (const auto bang = value.find('!'); bang != std::string::npos) value = trim_ascii(value.substr(0, bang));
        if (property == "text-align") {
            if (value == "center" || value == "-webkit-center") out.align = Align::center;
            else if (value == "right" || value == "end") out.align = Align::right;
            else if (value == "left" || value == "justify" || value == "start") out.align = Align::left;
        } else if (property == "text-indent") {
            if (auto em = length_in_em(value)) out.indent_em = *em;
        } else if (property == "display") {
            if (value == "none") out.hidden = true;
        } else if (property == "visibility") {
            if (value == "hidden") out.hidden = true;
        } else if (property == "float") {
            out.float_right = value == "right";
        }
    }
}

/// One simple selector: `p.r`, `.doc`, `#content`, `td`.
struct Compound {
    std::string tag;                    ///< "" for any
    std::vector<std::string> classes;
    std::string id;

    bool matches(const Compound& element) const {
        if (!tag.empty() && tag != element.tag) return false;
        if (!id.empty() && id != element.id) return false;
        return std::all_of(classes.begin(), classes.end(), [&](const std::string& c) {
            return std::find(element.classes.begin(), element.classes.end(), c) != element.classes.end();
        });
    }
};

struct CssRule {
    std::vector<Compound> chain;        ///< ancestors first, the element last (`.doc p` → .doc, p)
    Declarations declarations;
    int specificity = 0;
    int order = 0;

    /// Whether the rule applies to `element` under `ancestors` (nearest last). Child and sibling
    /// combinators are read as descendant ones: a looser match, never a missed one.
    bool matches(const Compound& element, const std::vector<Compound>& ancestors) const {
        if (chain.empty() || !chain.back().matches(element)) return false;
        std::size_t next = ancestors.size();
        for (std::size_t i = chain.size() - 1; i-- > 0;) {
            bool found = false;
            while (next > 0) {
                if (chain[i].matches(ancestors[--next])) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }
};

std::vector<std::string> class_list(const xmlNode* node) {
    std::vector<std::string> out;
    const auto value = attribute(node, "class");
    if (!value) return out;
    std::string token;
    for (char c : *value + " ") {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!token.empty()) out.push_back(lower_ascii(token)), token.clear();
        } else {
            token += c;
        }
    }
    return out;
}

/// Adds the rules of one style sheet: selectors of tags, classes and ids with descendant
/// combinators (what saved government pages use to centre titles and indent paragraphs);
/// selectors with pseudo-classes or attributes are skipped.
void parse_style_sheet(std::string_view sheet, std::vector<CssRule>& rules) {
    std::string text(sheet);
    for (std::size_t at = text.find("/*"); at != std::string::npos; at = text.find("/*", at)) {
        const auto end = text.find("*/", at + 2);
        text.erase(at, end == std::string::npos ? std::string::npos : end + 2 - at);
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find('{', pos);
        if (open == std::string::npos) break;
        const std::string selectors = trim_ascii(text.substr(pos, open - pos));
        if (!selectors.empty() && selectors.front() == '@') {   // @media …{ rules }: read the rules inside
            pos = open + 1;
            continue;
        }
        const auto close = text.find('}', open);
        const std::string body = text.substr(open + 1, (close == std::string::npos ? text.size() : close) - open - 1);
        pos = close == std::string::npos ? text.size() : close + 1;
        Declarations declarations;
        parse_declarations(body, declarations);
        if (!declarations.align && !declarations.indent_em && !declarations.hidden && !declarations.float_right) continue;
        std::size_t start = 0;
        while (start <= selectors.size()) {
            std::size_t comma = selectors.find(',', start);
            if (comma == std::string::npos) comma = selectors.size();
            const std::string selector = trim_ascii(selectors.substr(start, comma - start));
            start = comma + 1;
            if (selector.empty() || selector.find_first_of(":[") != std::string::npos) continue;   // pseudo-classes, attributes: not matched
            CssRule rule;
            rule.declarations = declarations;
            rule.order = static_cast<int>(rules.size());
            std::size_t i = 0;
            while (i < selector.size()) {
                while (i < selector.size() && std::string_view(" >+~\t\n\r").find(selector[i]) != std::string_view::npos) ++i;
                if (i >= selector.size()) break;
                Compound compound;
                const auto read_name = [&] {
                    const std::size_t begin = i;
                    while (i < selector.size() && std::string_view(".# >+~\t\n\r").find(selector[i]) == std::string_view::npos) ++i;
                    return lower_ascii(selector.substr(begin, i - begin));
                };
                compound.tag = read_name();
                if (compound.tag == "*") compound.tag.clear();
                while (i < selector.size() && (selector[i] == '.' || selector[i] == '#')) {
                    const char kind = selector[i++];
                    const std::string name = read_name();
                    if (kind == '.') compound.classes.push_back(name);
                    else compound.id = name;
                }
                rule.specificity += (compound.id.empty() ? 0 : 100) + 10 * static_cast<int>(compound.classes.size()) + (compound.tag.empty() ? 0 : 1);
                rule.chain.push_back(std::move(compound));
            }
            if (rule.chain.empty()) continue;
            rules.push_back(std::move(rule));
        }
    }
    std::stable_sort(rules.begin(), rules.end(), [](const CssRule& a, const CssRule& b) {
        return a.specificity != b.specificity ? a.specificity < b.specificity : a.order < b.order;
    });
}

void collect_style_sheets(const xmlNode* node, std::vector<CssRule>& rules, int depth) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* child = node; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (lower_ascii(name_of(child)) == "style") {
            xmlChar* content = xmlNodeGetContent(child);
            if (content) parse_style_sheet(reinterpret_cast<const char*>(content), rules);
            xmlFree(content);
        } else if (child->children) {
            collect_style_sheets(child->children, rules, depth + 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The walk.

const std::set<std::string_view> kSkipped = {"script", "style", "noscript", "template", "head", "iframe", "object",
                                             "embed", "svg", "canvas", "button", "select", "input", "textarea", "option", "map",
                                             "video", "audio"};
/// Elements that hold a site's furniture, not the document.
const std::set<std::string_view> kFurniture = {"nav", "aside"};
const std::set<std::string_view> kBlocks = {"address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
                                            "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
                                            "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "ol", "p",
                                            "pre", "section", "summary", "ul", "caption", "legend", "tr", "td", "th", "table",
                                            "tbody", "thead", "tfoot"};

/// Class and id words of site furniture: navigation, menus, breadcrumbs, footers.
bool names_furniture(const xmlNode* node) {
    std::vector<std::string> names = class_list(node);
    if (auto id = attribute(node, "id")) names.push_back(lower_ascii(*id));
    return std::any_of(names.begin(), names.end(), [](const std::string& name) {
        for (const char* word : {"nav", "menu", "footer", "breadcrumb", "crumb", "sidebar"}) {
            if (name.find(word) != std::string::npos) return true;
        }
        return false;
    });
}

std::size_t text_length(const xmlNode* node, int depth = 0) {
    if (depth > kMaxDepth) return 0;
    std::size_t total = 0;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE && child->content) {
            for (const char* c = reinterpret_cast<const char*>(child->content); *c; ++c) total += !std::isspace(static_cast<unsigned char>(*c));
        } else if (child->type == XML_ELEMENT_NODE) {
            const std::string name = lower_ascii(name_of(child));
            if (name != "script" && name != "style") total += text_length(child, depth + 1);
        }
    }
    return total;
}

const xmlNode* find_element(const xmlNode* node, std::string_view name, int depth = 0);

/// A link to a file (an attachment: `文档附件：X政办发〔2021〕7号.doc`), not to another page.
bool links_a_file(const xmlNode* link) {
    static constexpr std::string_view kFileEndings[] = {".doc", ".docx", ".xls", ".xlsx", ".pdf", ".ofd", ".wps", ".et", ".zip",
                                                        ".rar", ".7z", ".txt", ".jpg", ".png", ".tif", ".ceb"};
    std::string href = lower_ascii(attribute(link, "href").value_or(""));
    if (const auto query = href.find_first_of("?#"); query != std::string::npos) href.resize(query);
    return std::any_of(std::begin(kFileEndings), std::end(kFileEndings), [&](std::string_view ending) { return href.ends_with(ending); });
}

/// Text inside links to other pages, and how many such links, below `node`.
void link_text(const xmlNode* node, std::size_t& chars, int& links, int depth = 0) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (lower_ascii(name_of(child)) == "a" && attribute(child, "href") && !links_a_file(child)) {
            ++links;
            chars += text_length(child, depth + 1);
        } else {
            link_text(child, chars, links, depth + 1);
        }
    }
}

/// A menu, a list of other articles, a row of site links: mostly the text of three or more links
/// to other pages. A document's body is not, nor a list of its attachments (links to files).
bool is_link_list(const xmlNode* node, std::size_t text) {
    std::size_t chars = 0;
    int links = 0;
    link_text(node, chars, links);
    return links >= 3 && chars * 10 >= text * 6;
}

const std::set<std::string_view> kContainers = {"div", "ul", "ol", "dl", "table", "section", "td", "p", "span", "li", "tr", "tbody", "center"};

struct Style {
    Align align = Align::left;
    double indent_em = 0;
};

class Walker {
public:
    Walker(const std::vector<CssRule>& rules, std::vector<Block>& out, std::size_t page_text, bool leave_out_furniture,
           std::vector<Compound> ancestors = {})
        : rules_(rules), out_(out), page_text_(page_text), leave_out_furniture_(leave_out_furniture), ancestors_(std::move(ancestors)) {}

    void walk_children(const xmlNode* node, const Style& style, int depth, bool in_article) {
        ancestors_.push_back(compound_of(node));
        for (const xmlNode* child = node->children; child; child = child->next) walk(child, style, depth + 1, in_article);
        ancestors_.pop_back();
    }

    void walk(const xmlNode* node, const Style& inherited, int depth, bool in_article) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) append_text(reinterpret_cast<const char*>(node->content));
            return;
        }
        if (node->type != XML_ELEMENT_NODE) return;
        if (depth > kMaxDepth) {
            xmlChar* content = xmlNodeGetContent(node);
            if (content) append_text(reinterpret_cast<const char*>(content));
            xmlFree(content);
            return;
        }
        const std::string name = lower_ascii(name_of(node));
        if (kSkipped.count(name)) return;
        if (attribute(node, "hidden")) return;
        if (leave_out_furniture_) {
            if (kFurniture.count(name)) return;
            // A page header outside the article is the site's banner, unless it holds the page's
            // <h1> (some sites put the document's title there).
            if (name == "footer" && !in_article) return;
            if (name == "header" && !in_article && !find_element(node->children, "h1")) return;
            // A furniture class on a small element (a menu, a footer); never on the element that
            // holds most of the page (a site that calls its whole body `main-nav-wrapper`).
            if (name != "body" && name != "html" && (names_furniture(node) || kContainers.count(name))) {
                const std::size_t text = text_length(node);
                if (text * 2 < page_text_ && (names_furniture(node) || is_link_list(node, text))) return;
            }
        }
        Style style = inherited;
        bool float_right = false;
        if (!apply_styles(node, name, style, float_right)) return;
        if (name == "br") {
            flush();
            return;
        }
        if (name == "pre") {
            flush();
            start_block(style, 0);
            ++preformatted_;
            walk_children(node, style, depth, in_article);
            --preformatted_;
            flush();
            return;
        }
        if (name == "table") {
            flush();
            read_table(node, style, depth, in_article);
            return;
        }
        const bool block = kBlocks.count(name) > 0;
        const bool article = in_article || name == "article" || name == "main";
        if (!block) {
            if (float_right && !buffer_.empty()) buffer_ += ' ';
            walk_children(node, style, depth, article);
            if (float_right) buffer_ += ' ';
            return;
        }
        flush();
        const int saved_heading = heading_;
        if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') heading_ = name[1] - '0';
        const Style saved_style = block_style_;
        start_block(style, style.indent_em);
        walk_children(node, style, depth, article);
        flush();
        heading_ = saved_heading;
        block_style_ = saved_style;
        pending_indent_ = 0;   // the enclosing block's first line is behind us
    }

    void flush() {
        std::string text = buffer_;
        buffer_.clear();
        // Leading ideographic spaces and no-break spaces indent the line as text-indent would.
        double indent = 0;
        std::size_t pos = 0, start = 0;
        while (pos < text.size()) {
            std::size_t next = pos;
            const char32_t cp = gongwen::next_code_point(text, next);
            if (cp == 0x3000) indent += 1;
            else if (cp == 0xA0) indent += 0.5;
            else if (cp != U' ') break;
            pos = next;
            start = next;
        }
        text = gongwen::trim(std::string_view(text).substr(start));
        // No-break spaces inside the text print as spaces.
        if (text.find("\xC2\xA0") != std::string::npos) {
            std::string spaced;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text.compare(i, 2, "\xC2\xA0") == 0) spaced += ' ', ++i;
                else spaced += text[i];
            }
            text = std::move(spaced);
        }
        if (text.empty()) return;
        TextBlock block;
        block.text = std::move(text);
        block.align = block_style_.align;
        block.indent_em = pending_indent_ + indent;
        block.heading = heading_;
        pending_indent_ = 0;
        Block entry;
        entry.text = std::move(block);
        out_.push_back(std::move(entry));
    }

private:
    static Compound compound_of(const xmlNode* node) {
        return {lower_ascii(name_of(node)), class_list(node), lower_ascii(attribute(node, "id").value_or(""))};
    }

    void start_block(const Style& style, double indent) {
        block_style_ = style;
        pending_indent_ = indent;
    }

    /// Applies CSS rules, presentational attributes and the style attribute; false for an element
    /// that is not displayed.
    bool apply_styles(const xmlNode* node, const std::string& name, Style& style, bool& float_right) const {
        const Compound element = compound_of(node);
        Declarations merged;
        const auto merge = [&](const Declarations& d) {
            if (d.align) merged.align = d.align;
            if (d.indent_em) merged.indent_em = d.indent_em;
            merged.hidden = merged.hidden || d.hidden;
            merged.float_right = merged.float_right || d.float_right;
        };
        for (const CssRule& rule : rules_) {
            if (rule.matches(element, ancestors_)) merge(rule.declarations);
        }
        if (name == "center") merged.align = Align::center;
        // align= centres the text of a paragraph, heading, division or cell; on a table or an
        // image it places the box, not the text in it.
        const bool aligns_text = name == "p" || name == "div" || name == "td" || name == "th" || name == "tr" || name == "center" ||
                                 (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
        if (auto align = aligns_text ? attribute(node, "align") : std::nullopt) {
            const std::string value = lower_ascii(trim_ascii(*align));
            if (value == "center" || value == "middle") merged.align = Align::center;
            else if (value == "right") merged.align = Align::right;
            else if (value == "left" || value == "justify") merged.align = Align::left;
        }
        if (auto inline_style = attribute(node, "style")) {
            Declarations declarations;
            parse_declarations(*inline_style, declarations);
            merge(declarations);
        }
        if (merged.hidden) return false;
        if (merged.align) style.align = *merged.align;
        if (merged.indent_em) style.indent_em = *merged.indent_em;
        float_right = merged.float_right;
        return true;
    }

    void append_text(std::string_view text) {
        if (preformatted_ > 0) {
            for (char c : text) {
                if (c == '\n') flush();
                else if (c != '\r') buffer_ += c == '\t' ? ' ' : c;
            }
            return;
        }
        for (char c : text) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
                if (!buffer_.empty() && buffer_.back() != ' ') buffer_ += ' ';
            } else {
                buffer_ += c;
            }
        }
    }

    /// The table's rows (direct <tr>, or in <thead>/<tbody>/<tfoot>) and their cells.
    static std::vector<std::vector<const xmlNode*>> table_rows(const xmlNode* table) {
        std::vector<std::vector<const xmlNode*>> rows;
        const auto add_row = [&](const xmlNode* tr) {
            rows.emplace_back();
            for (const xmlNode* cell = tr->children; cell; cell = cell->next) {
                if (cell->type != XML_ELEMENT_NODE) continue;
                const std::string name = lower_ascii(name_of(cell));
                if (name == "td" || name == "th") rows.back().push_back(cell);
            }
        };
        for (const xmlNode* child = table->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            const std::string name = lower_ascii(name_of(child));
            if (name == "tr") add_row(child);
            else if (name == "thead" || name == "tbody" || name == "tfoot") {
                for (const xmlNode* tr = child->children; tr; tr = tr->next) {
                    if (tr->type == XML_ELEMENT_NODE && lower_ascii(name_of(tr)) == "tr") add_row(tr);
                }
            }
        }
        return rows;
    }

    static bool has_descendant_table(const xmlNode* node, int depth = 0) {
        if (depth > kMaxDepth) return false;
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            if (lower_ascii(name_of(child)) == "table" || has_descendant_table(child, depth + 1)) return true;
        }
        return false;
    }

    /// The lines of a cell, as blocks of their own.
    std::vector<Block> cell_blocks(const xmlNode* cell, const Style& style, int depth, bool in_article) const {
        std::vector<Block> blocks;
        Walker inner(rules_, blocks, page_text_, leave_out_furniture_, ancestors_);
        Style cell_style = style;
        bool float_right = false;
        if (!inner.apply_styles(cell, lower_ascii(name_of(cell)), cell_style, float_right)) return blocks;
        inner.start_block(cell_style, 0);
        inner.walk_children(cell, cell_style, depth + 1, in_article);
        inner.flush();
        return blocks;
    }

    /// A data table becomes a grid of cells; a table used for page layout (nested tables, one
    /// column, cells holding whole articles) is read as the blocks in its cells.
    void read_table(const xmlNode* table, const Style& style, int depth, bool in_article) {
        ancestors_.push_back(compound_of(table));
        read_table_rows(table, style, depth, in_article);
        ancestors_.pop_back();
    }

    void read_table_rows(const xmlNode* table, const Style& style, int depth, bool in_article) {
        const auto rows = table_rows(table);
        std::size_t widest = 0;
        for (const auto& row : rows) widest = std::max(widest, row.size());
        bool layout = rows.empty() || widest <= 1 || has_descendant_table(table);
        std::vector<std::vector<std::vector<Block>>> contents(rows.size());
        if (!layout) {
            for (std::size_t r = 0; r < rows.size() && !layout; ++r) {
                for (const xmlNode* cell : rows[r]) {
                    contents[r].push_back(cell_blocks(cell, style, depth, in_article));
                    std::size_t chars = 0;
                    for (const auto& block : contents[r].back()) chars += block.text.text.size();
                    if (contents[r].back().size() > 8 || chars > 1200) layout = true;   // about 400 Han characters: an article, not a cell
                }
            }
        }
        if (layout) {
            for (const auto& row : rows) {
                for (const xmlNode* cell : row) {
                    flush();
                    walk(cell, style, depth + 1, in_article);
                    flush();
                }
            }
            // Rows of a layout table only: anything else inside (a caption) is read in order too.
            for (const xmlNode* child = table->children; child; child = child->next) {
                if (child->type == XML_ELEMENT_NODE && lower_ascii(name_of(child)) == "caption") walk(child, style, depth + 1, in_article);
            }
            return;
        }
        // Place cells on the grid: a cell goes to the first column its row has free (rowspans
        // from rows above occupy columns).
        TableBlock grid;
        std::map<std::pair<int, int>, bool> taken;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            int column = 0;
            for (std::size_t c = 0; c < rows[r].size(); ++c) {
                const xmlNode* cell = rows[r][c];
                while (taken.count({static_cast<int>(r), column})) ++column;
                const auto span = [&](const char* name, int limit) {
                    const auto value = attribute(cell, name);
                    if (!value) return 1;
                    const long n = std::strtol(value->c_str(), nullptr, 10);
                    return static_cast<int>(std::clamp<long>(n, 1, limit));
                };
                int row_span = std::min(span("rowspan", kMaxRowSpan), static_cast<int>(rows.size() - r));
                int column_span = span("colspan", kMaxColumnSpan);
                // Spans that run into a cell already placed (a colspan over a rowspan from above:
                // markup browsers draw overlapping) stop short of it, so that cells never overlap.
                for (int dc = 1; dc < column_span; ++dc) {
                    if (taken.count({static_cast<int>(r), column + dc})) column_span = dc;
                }
                for (int dr = 1; dr < row_span; ++dr) {
                    for (int dc = 0; dc < column_span; ++dc) {
                        if (taken.count({static_cast<int>(r) + dr, column + dc})) row_span = dr;
                    }
                }
                if (grid.cells.size() >= kMaxCells) break;
                std::string text;
                for (const auto& block : contents[r][c]) text += (text.empty() ? "" : "\n") + block.text.text;
                grid.cells.push_back({text, static_cast<int>(r), column, row_span, column_span});
                for (int dr = 0; dr < row_span; ++dr) {
                    for (int dc = 0; dc < column_span; ++dc) taken[{static_cast<int>(r) + dr, column + dc}] = true;
                }
                column += column_span;
                grid.column_count = std::max(grid.column_count, column);
            }
        }
        grid.row_count = static_cast<int>(rows.size());
        Block entry;
        entry.kind = Block::Kind::table;
        entry.table = std::move(grid);
        out_.push_back(std::move(entry));
    }

    const std::vector<CssRule>& rules_;
    std::vector<Block>& out_;
    std::size_t page_text_;
    bool leave_out_furniture_;
    std::vector<Compound> ancestors_;   ///< the elements around the one being read, outermost first
    std::string buffer_;
    Style block_style_;
    double pending_indent_ = 0;
    int heading_ = 0;
    int preformatted_ = 0;
};

struct DocFree {
    void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};

const xmlNode* find_element(const xmlNode* node, std::string_view name, int depth) {
    if (depth > kMaxDepth) return nullptr;
    for (const xmlNode* child = node; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (lower_ascii(name_of(child)) == name) return child;
        if (const xmlNode* found = find_element(child->children, name, depth + 1)) return found;
    }
    return nullptr;
}

}  // namespace

PageBlocks read_blocks(std::string_view html, bool leave_out_furniture) {
    if (html.size() > static_cast<std::size_t>(INT_MAX)) throw ExtractionError("HTML page too large to parse");
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;
    // Encoding and I/O errors bypass HTML_PARSE_NOERROR and go to the per-thread generic handler
    // (stderr by default); a plugin never prints.
    xmlSetGenericErrorFunc(nullptr, &ignore_generic_error);
    std::unique_ptr<xmlDoc, DocFree> document(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
    if (!document) throw ExtractionError("not a readable HTML page: libxml2 could not parse it");
    const xmlNode* root = xmlDocGetRootElement(document.get());
    PageBlocks page;
    if (!root) return page;
    if (const xmlNode* title = find_element(root, "title")) {
        xmlChar* content = xmlNodeGetContent(title);
        if (content) page.title = gongwen::trim(reinterpret_cast<const char*>(content));
        xmlFree(content);
    }
    std::vector<CssRule> rules;
    collect_style_sheets(root, rules, 0);
    const xmlNode* body = find_element(root, "body");
    const xmlNode* start = body ? body : root;
    Walker walker(rules, page.blocks, text_length(start), leave_out_furniture);
    walker.walk(start, Style{}, 0, false);
    walker.flush();
    return page;
}

}  // namespace gongwen::html
