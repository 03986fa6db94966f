// Helpers shared by the tests: temporary directories, running the real binary, loading plugins.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gongwen/core/pipeline.hpp"
#include "gongwen/core/plugin_host.hpp"

namespace gongwen::test {

/// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("gongwen-test-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ignored);
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct CommandResult {
    int status = -1;
    std::string out;   ///< stdout
    std::string err;   ///< stderr
};

/// Runs the real gongwen binary with `arguments` (already shell-quoted), with the repo's config
/// unless `arguments` brings its own --config.
inline CommandResult run_gongwen(const std::string& arguments, const std::string& environment = "") {
    static int counter = 0;
    const auto err_file = std::filesystem::temp_directory_path() / ("gongwen-test-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    const std::string command = environment + " " + std::string(GONGWEN_TEST_BINARY) +
                                (arguments.find("--config") == std::string::npos ? " --config " GONGWEN_TEST_CONFIG " " : " ") +
                                arguments + " 2>" + err_file.string();
    CommandResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
    const int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.err = read_file(err_file);
    std::filesystem::remove(err_file);
    return result;
}

/// The last non-empty line of `text`: the summary line of `ingest --json` / `compact --json`,
/// after any progress lines.
inline std::string last_line(const std::string& text) {
    std::string last;
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) last = line;
    }
    return last;
}

/// `text` cut at every `separator` (a trailing one gives a last empty part): TSV rows, lists.
inline std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) parts.push_back(part);
    if (!text.empty() && text.back() == separator) parts.emplace_back();
    return parts;
}

inline std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

/// Whitespace (ASCII and U+3000) removed: a title's line breaks and stray spaces do not count,
/// the same rule as bench/fields_eval.py.
inline std::string without_spaces(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "\u3000") == 0) {
            i += 3;
        } else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
            ++i;
        } else {
            out += text[i++];
        }
    }
    return out;
}

inline std::string quote(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

/// A host with the in-tree plugins of this build loaded.
inline const core::PluginHost& in_tree_plugins() {
    static const core::PluginHost host = [] {
        core::PluginHost loaded;
        loaded.load_directory(GONGWEN_TEST_PLUGIN_DIR);
        return loaded;
    }();
    return host;
}

/// One file through extraction and the docnumber, fields and tables enrichers (the signed date
/// anchors deadlines without a year), as the table tests need it; the pipeline is built once.
inline Document run_table_pipeline(const std::filesystem::path& path) {
    static const core::Pipeline pipeline = [] {
        core::Config config = core::parse_config("", {});
        config.enrichers = {"docnumber", "fields", "tables"};
        return core::Pipeline(in_tree_plugins(), config, nullptr);
    }();
    return pipeline.make_worker()->process(path);
}

}  // namespace gongwen::test
