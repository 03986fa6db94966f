// The pipeline for one file: read, identify by content, extract, normalize, split clauses, enrich.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gongwen/core/config.hpp"
#include "gongwen/core/plugin_host.hpp"
#include "gongwen/document.hpp"

namespace gongwen::core {

/// A file that cannot be indexed. `what()` is the reason shown next to the path.
class FileRejected : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Reads a whole file, refusing what is not a regular file or is larger than `max_file_mb`.
/// Throws FileRejected.
std::vector<std::byte> read_file_bytes(const std::filesystem::path& path, long long max_file_mb);

/// Describes content from its first bytes for error messages: "a ZIP archive (DOCX, XLSX or OFD)".
std::string describe_content(std::span<const std::byte> head);

class Pipeline {
public:
    /// Checks that the configured enrichers exist; throws ConfigError otherwise.
    Pipeline(const PluginHost& host, Config config, PluginLogger logger);

    /// One instance of every plugin, for one thread. Plugins are not shared across threads.
    class Worker {
    public:
        /// Runs the whole pipeline on a file. Throws FileRejected with a reason a user can act on.
        Document process(const std::filesystem::path& path);
        /// Runs the pipeline on bytes already read (`path` is for messages and the record).
        Document process(const std::filesystem::path& path, std::span<const std::byte> bytes);

        /// Called with a plugin's name just before the plugin runs, so that a supervising process
        /// can say which plugin a crash or a hang happened in.
        std::function<void(const std::string& plugin)> on_plugin;

    private:
        friend class Pipeline;
        struct ExtractorSlot {
            const LoadedPlugin* plugin;
            std::unique_ptr<Plugin> instance;
            bool usable = true;
        };
        struct EnricherSlot {
            const LoadedPlugin* plugin;
            std::unique_ptr<Plugin> instance;
            bool usable = true;
        };
        ExtractorSlot& choose_extractor(const std::filesystem::path& path, std::span<const std::byte> head);
        void enrich(Document& document);

        const Pipeline* pipeline_ = nullptr;
        std::vector<ExtractorSlot> extractors_;
        std::vector<EnricherSlot> enrichers_;
    };

    /// A worker for one thread. It points back to this pipeline, which must outlive it.
    std::unique_ptr<Worker> make_worker() const;
    const Config& config() const { return config_; }

private:
    const PluginHost& host_;
    Config config_;
    PluginLogger logger_;
    std::vector<const LoadedPlugin*> enricher_order_;
};

}  // namespace gongwen::core
