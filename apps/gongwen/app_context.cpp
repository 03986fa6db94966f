// Loads configuration and plugins for the subcommands.
#include "app_context.hpp"

#include "gongwen/index/aliases.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/query_parser.hpp"
#include "gongwen/page_cache.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace gongwen::app {

std::filesystem::path executable_directory() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::current_path() : self.parent_path();
}

int effective_jobs(std::optional<int> jobs, const core::Config& config) {
    int count = jobs.value_or(config.jobs);
    if (count <= 0) count = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return count;
}

void load_context(AppContext& context, const GlobalOptions& options) {
    context.executable_dir = executable_directory();
    context.config = core::load_config(options.config_file, context.executable_dir);
    for (const auto& directory : core::PluginHost::plugin_directories(context.executable_dir, context.config.plugin_paths)) {
        context.plugins.load_directory(directory);
    }
    context.plugins.disable(context.config.disabled);
    context.plugins.validate_options(context.config.plugin_options);
    // `ingest --re-ocr` tells its worker processes through the environment they inherit.
    page_cache().configure(context.config.page_cache, std::getenv(kRefreshPageCacheVariable) == nullptr);
}

core::PluginLogger plugin_logger(bool verbose) {
    // stdout carries data; diagnostics go to stderr.
    static auto logger = spdlog::stderr_color_mt("gongwen");
    logger->set_pattern("gongwen: %^%l%$: %v");
    logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
    return [](const std::string& plugin, LogLevel level, const std::string& message) {
        const auto spd_level = level == LogLevel::debug     ? spdlog::level::debug
                               : level == LogLevel::info    ? spdlog::level::info
                               : level == LogLevel::warning ? spdlog::level::warn
                                                            : spdlog::level::err;
        logger->log(spd_level, "[{}] {}", plugin, message);
    };
}

std::optional<core::Config> load_config_or_report(const GlobalOptions& options) {
    try {
        return core::load_config(options.config_file, executable_directory());
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return std::nullopt;
    }
}

int report_index_error() {
    try {
        throw;
    } catch (const index::AliasError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
    } catch (const index::QuerySyntaxError& error) {
        std::cerr << "gongwen: bad query: " << error.what() << "\n";
    } catch (const index::IndexError& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
    } catch (const Xapian::Error& error) {
        std::cerr << "gongwen: index error: " << error.get_description() << "\n";
    }
    return kFatal;
}

}  // namespace gongwen::app
