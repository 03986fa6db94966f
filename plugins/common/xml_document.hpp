// A small read-only view over libxml2 for the XML inside OFD, DOCX and XLSX containers. Parsing is
// locked down because the files come from outside: no network, no entity substitution, and a
// document that declares a DOCTYPE is refused outright (OOXML and OFD never carry one; a DTD is
// how external-entity and entity-expansion attacks arrive). Linked statically into the plugins
// that read such files; not SDK.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct _xmlDoc;
struct _xmlNode;

namespace gongwen::xml {

/// Why a part could not be read; the message names the part.
class XmlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An element of a parsed document, or a null node (tested with `if (node)`). Names are local
/// names: namespace prefixes (`w:`, `ofd:`) are not part of them.
class Node {
public:
    Node() = default;
    explicit Node(const _xmlNode* node) : node_(node) {}
    explicit operator bool() const { return node_ != nullptr; }

    std::string_view name() const;
    /// The attribute with this local name, or nothing.
    std::optional<std::string> attribute(std::string_view local_name) const;
    /// The attribute, or `fallback` when absent.
    std::string attribute_or(std::string_view local_name, std::string fallback = {}) const;
    /// Child elements in document order, all or those with this local name.
    std::vector<Node> children(std::string_view local_name = {}) const;
    /// The first child element with this local name, or a null node.
    Node child(std::string_view local_name) const;
    /// The first element with this local name anywhere below (depth first), or a null node.
    Node descendant(std::string_view local_name) const;
    /// All text below this element, concatenated.
    std::string text() const;

private:
    const _xmlNode* node_ = nullptr;
};

class Document {
public:
    /// Parses `bytes`; `what` names the part in errors ("word/document.xml"). Throws XmlError.
    static Document parse(std::string_view bytes, const std::string& what);
    Node root() const;

private:
    struct Free {
        void operator()(_xmlDoc* document) const;
    };
    std::unique_ptr<_xmlDoc, Free> document_;
};

}  // namespace gongwen::xml
