// libxml2 behind the small Node/Document view; see xml_document.hpp for what is refused.
#include "xml_document.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <mutex>

namespace gongwen::xml {
namespace {

/// libxml2's generic error handler that drops the message (see parse()).
void ignore_generic_error(void*, const char*, ...) {}

bool is_element(const xmlNode* node) { return node && node->type == XML_ELEMENT_NODE; }

std::string_view local_name(const xmlNode* node) {
    return node && node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : std::string_view();
}

void collect_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            if (child->content) out += reinterpret_cast<const char*>(child->content);
        } else if (child->type == XML_ELEMENT_NODE) {
            collect_text(child, out);
        }
    }
}

Node find_below(const xmlNode* node, std::string_view wanted) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (!is_element(child)) continue;
        if (local_name(child) == wanted) return Node(child);
        if (Node found = find_below(child, wanted)) return found;
    }
    return Node();
}

}  // namespace

std::string_view Node::name() const { return local_name(node_); }

std::optional<std::string> Node::attribute(std::string_view wanted) const {
    if (!node_) return std::nullopt;
    for (const xmlAttr* attr = node_->properties; attr; attr = attr->next) {
        if (!attr->name || std::string_view(reinterpret_cast<const char*>(attr->name)) != wanted) continue;
        std::string value;
        for (const xmlNode* part = attr->children; part; part = part->next) {
            if (part->content) value += reinterpret_cast<const char*>(part->content);
        }
        return value;
    }
    return std::nullopt;
}

std::string Node::attribute_or(std::string_view wanted, std::string fallback) const {
    auto value = attribute(wanted);
    return value ? *value : std::move(fallback);
}

std::vector<Node> Node::children(std::string_view wanted) const {
    std::vector<Node> out;
    if (!node_) return out;
    for (const xmlNode* child = node_->children; child; child = child->next) {
        if (is_element(child) && (wanted.empty() || local_name(child) == wanted)) out.emplace_back(child);
    }
    return out;
}

Node Node::child(std::string_view wanted) const {
    if (!node_) return Node();
    for (const xmlNode* child = node_->children; child; child = child->next) {
        if (is_element(child) && local_name(child) == wanted) return Node(child);
    }
    return Node();
}

Node Node::descendant(std::string_view wanted) const { return node_ ? find_below(node_, wanted) : Node(); }

std::string Node::text() const {
    std::string out;
    if (node_) collect_text(node_, out);
    return out;
}

void Document::Free::operator()(_xmlDoc* document) const { xmlFreeDoc(document); }

Document Document::parse(std::string_view bytes, const std::string& what) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { xmlInitParser(); });
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw XmlError(what + " is too large to parse");
    // No XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR (nothing fetched), NONET;
    // and without XML_PARSE_HUGE libxml2 keeps its own depth and text-size limits.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
    // XML_PARSE_NOERROR does not reach libxml2's encoding and I/O errors (a part whose declared
    // encoding does not match its bytes): they go to the generic handler, stderr by default, and a
    // plugin never prints. The handler is per thread; the error still comes back below.
    xmlSetGenericErrorFunc(nullptr, &ignore_generic_error);
    xmlDoc* parsed = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), what.c_str(), nullptr, options);
    if (!parsed) {
        const xmlError* error = xmlGetLastError();
        std::string reason = error && error->message ? error->message : "not well-formed";
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
        throw XmlError(what + " is not well-formed XML: " + reason +
                       (error ? " (line " + std::to_string(error->line) + ")" : std::string()));
    }
    Document document;
    document.document_.reset(parsed);
    if (parsed->intSubset || parsed->extSubset) {
        throw XmlError(what + " declares a DOCTYPE (document types and entities are refused: a possible XML external entity attack)");
    }
    if (!xmlDocGetRootElement(parsed)) throw XmlError(what + " has no root element");
    return document;
}

Node Document::root() const { return Node(xmlDocGetRootElement(document_.get())); }

}  // namespace gongwen::xml
