// The example plugin: an enricher that finds the contact note of a notice
// (`联系人：张三，电话：025-12345678`) and stores it under extra.contact / extra.contact_phone.
// It is deliberately small: CONTRIBUTING.md explains it line by line.
#include <string>

#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"

namespace {

// Returns what follows `label` (and a ：/: after it) up to the next ，,；;） or the end.
std::string value_after(const std::string& text, const std::string& label) {
    const auto at = text.find(label);
    if (at == std::string::npos) return "";
    std::u32string rest = gongwen::to_u32(std::string_view(text).substr(at + label.size()));
    std::size_t begin = 0;
    while (begin < rest.size() && (rest[begin] == U'：' || rest[begin] == U':' || rest[begin] == U' ')) ++begin;
    std::size_t end = begin;
    while (end < rest.size() && std::u32string_view(U"，,；;）)。\n").find(rest[end]) == std::u32string_view::npos) ++end;
    return gongwen::trim(gongwen::to_utf8(std::u32string_view(rest).substr(begin, end - begin)));
}

class ContactEnricher final : public gongwen::Enricher {
public:
    void configure(const gongwen::PluginContext& context) override {
        Plugin::configure(context);
        label_ = context.option("label");
        if (label_.empty()) throw gongwen::ExtractionError("option example.label must not be empty", gongwen::FailureScope::plugin);
    }

    void enrich(gongwen::Document& document) override {
        // The contact note sits near the end (附注, GB/T 9704 §7.3.7): read the paragraphs backwards.
        for (auto it = document.paragraphs.rbegin(); it != document.paragraphs.rend(); ++it) {
            const std::string name = value_after(it->text, label_);
            if (name.empty()) continue;
            document.extra["contact"] = name;
            if (const std::string phone = value_after(it->text, "电话"); !phone.empty()) document.extra["contact_phone"] = phone;
            context_.log(gongwen::LogLevel::debug, "contact found on page " + std::to_string(it->page));
            return;
        }
    }

private:
    std::string label_;
};

const gongwen::PluginOption kOptions[] = {
    {"label", "联系人", "the word that introduces the contact person"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "example", "1.0.0", gongwen::PluginKind::enricher, nullptr,
    "Example enricher: the contact person and phone of a notice (extra.contact, extra.contact_phone)",
    kOptions, []() -> gongwen::Plugin* { return new ContactEnricher; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
