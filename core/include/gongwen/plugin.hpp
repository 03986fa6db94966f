// The plugin SDK: the descriptor a plugin exports and the two interfaces it can implement.
// A plugin includes only headers from gongwen/ (never gongwen/core/) and links gongwen::sdk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "gongwen/document.hpp"
#include "gongwen/error.hpp"
#include "gongwen/page_recognizer.hpp"

/// Bump whenever anything in gongwen/*.hpp changes layout or meaning: the host refuses plugins
/// built against another version instead of crashing on them.
#define GONGWEN_PLUGIN_ABI_VERSION 7u   // 2: PageRecognizer, PluginContext::page_recognizer; 3: Document::tables;
                                        // 4: PageRecognizer::submit/finish (pages in parallel), PageRecognition::engine
                                        // 5: Page::rules, Table::regions/ruled, Task::section/parent/milestones
                                        // 6: Page::masthead, Provenance::source, DocNumber/CitedDocument::repaired_from
                                        // 7: Table::merges (extractors that read real cells fill Document::tables)

namespace gongwen {

enum class PluginKind : std::uint32_t { extractor = 1, enricher = 2 };

enum class LogLevel { debug, info, warning, error };

/// What the host gives a plugin instance: its options and a logger. Plugins never print.
struct PluginContext {
    /// Option values from config section [plugins.<name>], defaults filled in, as strings.
    std::map<std::string, std::string> options;
    /// Logs a message; the host prefixes it with the plugin name.
    std::function<void(LogLevel, const std::string&)> log;
    /// The worker's OCR engine, or nullptr when no loaded plugin recognises page images. Call it
    /// when needed, not in configure(): the recognizer may be created after the caller.
    std::function<PageRecognizer*()> page_recognizer;

    std::string option(const std::string& key) const {
        auto it = options.find(key);
        return it == options.end() ? std::string() : it->second;
    }
};

/// Base of every plugin instance. One instance serves one worker thread at a time.
class Plugin {
public:
    virtual ~Plugin() = default;
    /// Called once after construction with the plugin's options. Throw ExtractionError with
    /// FailureScope::plugin when the plugin cannot work at all (e.g. missing OCR data).
    virtual void configure(const PluginContext& context) { context_ = context; }

protected:
    PluginContext context_;
};

/// The file an extractor is asked to read.
struct SourceFile {
    std::string path;
    std::span<const std::byte> bytes;   ///< the whole file, owned by the host
};

/// Turns a file into pages of positioned text.
class Extractor : public Plugin {
public:
    /// How sure the plugin is that it can read this file, 0 (not mine) to 100 (certain), judged
    /// from the first bytes only. Cheap, never throws. The extension is a tie-breaker at most.
    virtual int identify(std::span<const std::byte> head, std::string_view path) const = 0;
    /// Fills document.source.format/pages and document.pages. Throws ExtractionError.
    virtual void extract(const SourceFile& file, Document& document) = 0;
    /// An extractor that can also read page images (OCR) returns itself here; the host then
    /// offers it to other plugins through PluginContext::page_recognizer.
    virtual PageRecognizer* page_recognizer() { return nullptr; }
};

/// Reads a document and adds fields to it. Runs after extraction and normalization, in the order
/// the config lists enrichers. Throws ExtractionError on failure (the document is still indexed
/// with a warning).
class Enricher : public Plugin {
public:
    virtual void enrich(Document& document) = 0;
};

/// One option a plugin accepts, declared so the host can validate config and print defaults.
struct PluginOption {
    const char* key;             ///< e.g. "dpi"; configured as [plugins.<name>] dpi = ...
    const char* default_value;
    const char* description;
};

}  // namespace gongwen

extern "C" {

/// What a plugin's single exported function returns. The first two members are frozen across
/// ABI versions so that the host can always read them to explain a refusal.
struct GongwenPluginDescriptor {
    std::uint32_t abi_version;          ///< GONGWEN_PLUGIN_ABI_VERSION the plugin was built with
    const char* name;                   ///< short, unique: "pdf"
    const char* version;                ///< the plugin's own version: "1.0.0"
    gongwen::PluginKind kind;
    const char* const* handles;         ///< extractors: MIME types, nullptr-terminated
    const char* description;            ///< one line for `gongwen plugins`
    const gongwen::PluginOption* options;  ///< terminated by an entry with key == nullptr
    gongwen::Plugin* (*create)();       ///< a fresh instance; the host deletes it
};

/// The name of the one symbol every plugin exports.
#define GONGWEN_PLUGIN_ENTRY_POINT "gongwen_plugin_descriptor"

}  // extern "C"

/// Defines the plugin's exported entry point returning `descriptor`.
#define GONGWEN_EXPORT_PLUGIN(descriptor)                                                   \
    extern "C" __attribute__((visibility("default"))) const GongwenPluginDescriptor*        \
    gongwen_plugin_descriptor() {                                                           \
        return &(descriptor);                                                               \
    }
