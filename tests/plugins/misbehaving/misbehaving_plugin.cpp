// An extractor that misbehaves on purpose, built only for the tests of worker isolation. It claims
// files that start with `GONGWEN-MISBEHAVE <what>` and then: segv (dies of SIGSEGV), abort, hang
// (never returns), hog (allocates until the memory limit stops it), or ok (extracts the rest of
// the file as text, so the same plugin also shows that its good files are indexed).
#include <csignal>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "gongwen/plugin.hpp"

namespace {

constexpr std::string_view kMagic = "GONGWEN-MISBEHAVE ";

class MisbehavingExtractor : public gongwen::Extractor {
public:
    int identify(std::span<const std::byte> head, std::string_view) const override {
        const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
        return text.starts_with(kMagic) ? 100 : 0;
    }

    void extract(const gongwen::SourceFile& file, gongwen::Document& document) override {
        const std::string text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
        std::istringstream in(text.substr(kMagic.size()));
        std::string what;
        in >> what;
        if (what == "segv") std::raise(SIGSEGV);
        if (what == "abort") std::abort();
        if (what == "hang") {
            for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        if (what == "hog") {
            // The limit is on address space (RLIMIT_AS), so reserving is enough to reach it; touching
            // one byte per block keeps the allocation real without writing gigabytes, which on a
            // loaded machine took longer than the test's file timeout.
            std::vector<std::unique_ptr<char[]>> blocks;
            for (;;) {
                blocks.emplace_back(new char[64 << 20]);
                static_cast<volatile char*>(blocks.back().get())[0] = 1;
            }
        }
        document.source.format = "text";
        gongwen::Page page;
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) page.lines.push_back(gongwen::Line{line, {}, {}});
        }
        document.pages.push_back(std::move(page));
        document.source.pages = 1;
    }
};

const char* const kHandles[] = {"application/x-gongwen-misbehaving", nullptr};
const gongwen::PluginOption kOptions[] = {{nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor descriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "misbehaving", "0.0.1", gongwen::PluginKind::extractor, kHandles,
    "crashes, hangs or hogs memory on purpose (tests only)", kOptions,
    []() -> gongwen::Plugin* { return new MisbehavingExtractor; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(descriptor)
