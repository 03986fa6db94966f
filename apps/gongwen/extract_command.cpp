// `gongwen extract FILE`: the pipeline on one file, no index involved.
#include <iostream>

#include "commands.hpp"
#include "gongwen/core/document_json.hpp"
#include "gongwen/cpu_slots.hpp"
#include "gongwen/core/pipeline.hpp"

namespace gongwen::app {
namespace {

void print_summary(const Document& document) {
    const auto or_dash = [](const std::optional<std::string>& value) { return value ? *value : std::string("—"); };
    std::cout << "file:        " << document.source.path << "\n"
              << "format:      " << document.source.format << " (" << document.source.pages << " pages, "
              << document.source.extractor << " plugin)\n"
              << "id:          " << document.id << "\n"
              << "doc number:  " << (document.doc_number ? document.doc_number->normalized : "—") << "\n"
              << "title:       " << or_dash(document.title) << "\n"
              << "cited:       " << document.cited_documents.size() << " documents\n"
              << "clauses:     " << document.clauses.size() << "\n";
    for (const auto& clause : document.clauses) {
        if (clause.path.empty()) continue;
        std::cout << "  p." << clause.page << "  " << clause.path << "  " << clause.heading << "\n";
    }
    for (const auto& warning : document.warnings) std::cout << "warning:     " << warning << "\n";
}

}  // namespace

int run_extract(const ExtractOptions& options, const GlobalOptions& global) {
    AppContext context;
    std::unique_ptr<core::Pipeline> pipeline;
    try {
        load_context(context, global);
        pipeline = std::make_unique<core::Pipeline>(context.plugins, context.config, plugin_logger(global.verbose));
        // One file, no other work in flight: its scanned pages may use every core asked for.
        cpu_slots().configure_local(effective_jobs(options.jobs, context.config));
    } catch (const std::exception& error) {
        std::cerr << "gongwen: " << error.what() << "\n";
        return kFatal;
    }
    try {
        const Document document = pipeline->make_worker()->process(options.file);
        if (options.json) std::cout << core::dump_json(core::document_to_json(document), 2) << "\n";
        else print_summary(document);
        return kSuccess;
    } catch (const core::FileRejected& error) {
        std::cerr << "gongwen: " << options.file.string() << ": rejected: " << error.what() << "\n";
        return kPartial;
    }
}

}  // namespace gongwen::app
