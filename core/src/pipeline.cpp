// Runs one file through the plugins (see pipeline.hpp). Every failure becomes FileRejected with
// a reason; nothing a plugin throws escapes as anything else.
#include "gongwen/core/pipeline.hpp"

#include <algorithm>
#include <new>
#include <cstring>
#include <fstream>
#include <map>

#include "gongwen/core/clause_splitter.hpp"
#include "gongwen/core/content_hash.hpp"
#include "gongwen/core/table_clauses.hpp"
#include "gongwen/core/text_normalizer.hpp"
#include "gongwen/text.hpp"

namespace gongwen::core {
namespace {

constexpr std::size_t kSniffBytes = 4096;

// A plugin's option values, declared defaults filled in, with `${config_dir}` replaced by the folder
// of the config file, so that a plugin can default to a rule file next to it (fields'
// agency_codes.toml). Without a config file the folder is "".
std::map<std::string, std::string> resolved_options(const LoadedPlugin& plugin, const Config& config) {
    std::map<std::string, std::string> options;
    for (const auto& option : plugin.options) options[option.key] = option.default_value ? option.default_value : "";
    if (auto it = config.plugin_options.find(plugin.name); it != config.plugin_options.end()) {
        for (const auto& [key, value] : it->second) options[key] = value;
    }
    const std::string folder = config.loaded_from.empty() ? std::string() : config.loaded_from.parent_path().string();
    constexpr std::string_view kConfigDir = "${config_dir}";
    for (auto& [key, value] : options) {
        for (std::size_t at = value.find(kConfigDir); at != std::string::npos; at = value.find(kConfigDir, at + folder.size())) {
            value.replace(at, kConfigDir.size(), folder);
        }
    }
    return options;
}

bool starts_with(std::span<const std::byte> bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

std::string lower_extension(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

// The MIME family a file name promises. Unknown extensions promise nothing.
std::string promised_mime(const std::filesystem::path& path) {
    static const std::map<std::string, std::string> by_extension{
        {".pdf", "application/pdf"}, {".txt", "text/plain"}, {".png", "image/"},  {".jpg", "image/"},
        {".jpeg", "image/"},         {".tif", "image/"},     {".tiff", "image/"},
        // The office formats' MIME types as the ofd, office, legacy and html plugins declare them.
        {".ofd", "application/ofd"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".doc", "application/msword"}, {".xls", "application/vnd.ms-excel"}, {".wps", "application/wps-office.wps"},
        {".et", "application/wps-office.et"}, {".rtf", "application/rtf"},
        {".html", "text/html"}, {".htm", "text/html"}, {".mhtml", "multipart/related"}, {".mht", "multipart/related"}};
    auto it = by_extension.find(lower_extension(path));
    return it == by_extension.end() ? "" : it->second;
}

bool handles_mime(const LoadedPlugin& plugin, const std::string& mime) {
    return std::any_of(plugin.handles.begin(), plugin.handles.end(),
                       [&](const std::string& handled) { return handled.starts_with(mime) || mime.starts_with(handled); });
}

}  // namespace

std::vector<std::byte> read_file_bytes(const std::filesystem::path& path, long long max_file_mb) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error) throw FileRejected("cannot read: " + error.message());
    if (!std::filesystem::is_regular_file(status)) throw FileRejected("not a regular file");
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw FileRejected("cannot read: " + error.message());
    if (size > static_cast<std::uintmax_t>(max_file_mb) * 1024 * 1024) {
        throw FileRejected("larger than ingest.max_file_mb (" + std::to_string(max_file_mb) +
                           " MB); raise the limit in the config to index it");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileRejected(std::string("cannot read: ") + std::strerror(errno));
    std::vector<std::byte> bytes(size);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size)) throw FileRejected("cannot read: file changed while reading");
    return bytes;
}

namespace {

bool has_any_text(const Document& document) {
    for (const auto& page : document.pages) {
        for (const auto& line : page.lines) {
            if (!is_blank(line.text)) return true;
        }
    }
    return false;
}

}  // namespace

std::string describe_content(std::span<const std::byte> head) {
    if (head.empty()) return "empty";
    if (starts_with(head, "%PDF-")) return "a PDF";
    if (starts_with(head, "PK\x03\x04")) return "a ZIP archive (DOCX, XLSX, WPS or OFD)";
    if (starts_with(head, "\xD0\xCF\x11\xE0")) return "an old Office document (DOC/XLS/WPS)";
    if (starts_with(head, "\x89PNG")) return "a PNG image";
    if (starts_with(head, "\xFF\xD8\xFF")) return "a JPEG image";
    if (starts_with(head, "II*") || starts_with(head, "MM\0*")) return "a TIFF image";
    if (starts_with(head, "{\\rtf")) return "an RTF document";
    std::string text(reinterpret_cast<const char*>(head.data()), std::min<std::size_t>(head.size(), 512));
    std::string lowered = fold_for_matching(text);
    const std::string trimmed = trim(lowered);
    if (trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") || lowered.find("<html") != std::string::npos) {
        return "an HTML page";
    }
    if (trimmed.starts_with("<?xml")) return "an XML document";
    const auto binary = std::count_if(head.begin(), head.end(), [](std::byte b) {
        const auto c = static_cast<unsigned char>(b);
        return c < 0x09 || (c > 0x0D && c < 0x20);
    });
    return binary * 20 > static_cast<long>(head.size()) ? "binary data" : "text";
}

Pipeline::Pipeline(const PluginHost& host, Config config, PluginLogger logger)
    : host_(host), config_(std::move(config)), logger_(std::move(logger)) {
    for (const auto& name : config_.enrichers) {
        const LoadedPlugin* plugin = host_.find(name);
        if (!plugin || plugin->kind != PluginKind::enricher) {
            throw ConfigError("config key 'plugins.enrichers': '" + name + "' is not a loaded enricher plugin (see `gongwen plugins`)");
        }
        enricher_order_.push_back(plugin);
    }
    std::vector<const LoadedPlugin*> rest;
    for (const auto& plugin : host_.plugins()) {
        if (plugin.kind == PluginKind::enricher &&
            std::find(enricher_order_.begin(), enricher_order_.end(), &plugin) == enricher_order_.end()) {
            rest.push_back(&plugin);
        }
    }
    std::sort(rest.begin(), rest.end(), [](auto* a, auto* b) { return a->name < b->name; });
    enricher_order_.insert(enricher_order_.end(), rest.begin(), rest.end());
    // An enricher that cannot start (a bad option, a broken rule file) is a configuration error:
    // the run stops here, before any file is read, instead of indexing without it.
    for (const LoadedPlugin* plugin : enricher_order_) {
        try {
            host_.instantiate(*plugin, resolved_options(*plugin, config_), logger_);
        } catch (const std::exception& error) {
            throw ConfigError("plugin '" + plugin->name + "': " + error.what());
        }
    }
}

std::unique_ptr<Pipeline::Worker> Pipeline::make_worker() const {
    auto worker = std::make_unique<Worker>();
    worker->pipeline_ = this;
    const auto options_of = [&](const LoadedPlugin& plugin) { return resolved_options(plugin, config_); };
    // Resolved at each call, so that the extractor asking (pdf) needs no particular load order
    // relative to the one answering (ocr), and a disabled recognizer is no longer offered.
    Worker* const worker_ptr = worker.get();
    const auto page_recognizer = [worker_ptr]() -> PageRecognizer* {
        for (auto& slot : worker_ptr->extractors_) {
            if (!slot.usable) continue;
            if (PageRecognizer* recognizer = static_cast<Extractor&>(*slot.instance).page_recognizer()) return recognizer;
        }
        return nullptr;
    };
    const auto create = [&](const LoadedPlugin& plugin) -> std::unique_ptr<Plugin> {
        try {
            return host_.instantiate(plugin, options_of(plugin), logger_, page_recognizer);
        } catch (const std::exception& error) {
            if (logger_) logger_(plugin.name, LogLevel::error, std::string("disabled for this run: ") + error.what());
            return nullptr;
        }
    };
    for (const auto& plugin : host_.plugins()) {
        if (plugin.kind != PluginKind::extractor) continue;
        auto instance = create(plugin);
        if (instance) worker->extractors_.push_back({&plugin, std::move(instance)});
    }
    for (const LoadedPlugin* plugin : enricher_order_) {
        auto instance = create(*plugin);
        if (instance) worker->enrichers_.push_back({plugin, std::move(instance)});
    }
    return worker;
}

Pipeline::Worker::ExtractorSlot& Pipeline::Worker::choose_extractor(const std::filesystem::path& path,
                                                                    std::span<const std::byte> head) {
    const std::string promised = promised_mime(path);
    ExtractorSlot* best = nullptr;
    int best_score = 0;
    for (auto& slot : extractors_) {
        if (!slot.usable) continue;
        int score = 0;
        try {
            score = static_cast<Extractor&>(*slot.instance).identify(head, path.string());
        } catch (...) {
            score = 0;  // identify must not throw; a plugin that does simply does not claim the file
        }
        if (score <= 0) continue;
        // The extension only breaks ties between equally sure plugins.
        const bool extension_agrees = !promised.empty() && handles_mime(*slot.plugin, promised);
        const int ranked = score * 2 + (extension_agrees ? 1 : 0);
        if (ranked > best_score) best = &slot, best_score = ranked;
    }
    const std::string content = describe_content(head);
    // Mislabelled only when we could read what the name promises and the content is something
    // else; a PNG named .png without an image plugin is simply unsupported.
    const bool promise_readable = std::any_of(extractors_.begin(), extractors_.end(), [&](const ExtractorSlot& slot) {
        return slot.usable && handles_mime(*slot.plugin, promised);
    });
    if (!promised.empty() && promise_readable && (!best || !handles_mime(*best->plugin, promised))) {
        throw FileRejected("mislabelled: named " + lower_extension(path) + " but the content is " + content);
    }
    if (!best) throw FileRejected("unsupported format: the content is " + content + " (no extractor plugin reads it)");
    return *best;
}

Document Pipeline::Worker::process(const std::filesystem::path& path) {
    const std::vector<std::byte> bytes = read_file_bytes(path, pipeline_->config_.max_file_mb);
    return process(path, bytes);
}

Document Pipeline::Worker::process(const std::filesystem::path& path, std::span<const std::byte> bytes) {
    if (bytes.empty()) throw FileRejected("empty file (0 bytes)");
    ExtractorSlot& extractor = choose_extractor(path, bytes.first(std::min(bytes.size(), kSniffBytes)));

    Document document;
    document.source.path = path.string();
    document.source.extractor = extractor.plugin->name;
    document.source.mime_type = extractor.plugin->handles.empty() ? "" : extractor.plugin->handles.front();
    document.source.content_hash = content_hash(bytes);
    document.id = document.source.content_hash.substr(0, 16);
    try {
        if (on_plugin) on_plugin(extractor.plugin->name);
        static_cast<Extractor&>(*extractor.instance).extract({path.string(), bytes}, document);
    } catch (const ExtractionError& error) {
        if (error.scope() == FailureScope::plugin) {
            extractor.usable = false;
            throw FileRejected("the " + extractor.plugin->name + " plugin cannot work and is disabled for this run: " + error.what());
        }
        throw FileRejected(error.what());
    } catch (const std::bad_alloc&) {
        throw;   // out of memory is the process's problem, not a verdict on the file's format
    } catch (const std::exception& error) {
        throw FileRejected("the " + extractor.plugin->name + " plugin failed: " + error.what());
    }
    if (document.source.pages == 0) document.source.pages = static_cast<int>(document.pages.size());
    if (!has_any_text(document)) {
        if (!document.source.ocr_pages.empty()) throw FileRejected("no text found: OCR read nothing on the scanned pages");
        throw FileRejected(document.source.format == "pdf"
                               ? "no text found: the PDF has no text layer (a scan?); an OCR plugin is needed to read it"
                               : "no text found");
    }
    document.paragraphs = build_paragraphs(document.pages);
    document.clauses = split_clauses(document.paragraphs);
    enrich(document);
    // Only the tables enricher knows where the tables lie, so the clauses are rebuilt after it:
    // the body outside the tables, then one clause per task row, instead of the cells of
    // neighbouring columns interleaved line by line (issue 16).
    separate_table_clauses(document);
    return document;
}

void Pipeline::Worker::enrich(Document& document) {
    for (auto& slot : enrichers_) {
        if (!slot.usable) continue;
        try {
            if (on_plugin) on_plugin(slot.plugin->name);
            static_cast<Enricher&>(*slot.instance).enrich(document);
        } catch (const ExtractionError& error) {
            if (error.scope() == FailureScope::plugin) slot.usable = false;
            document.warnings.push_back(slot.plugin->name + ": " + error.what());
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& error) {
            document.warnings.push_back(slot.plugin->name + " failed: " + error.what());
        }
    }
}

}  // namespace gongwen::core
