// The program and its plugins find their shared libraries in their own tree and the system's, never
// in the current directory: users run gongwen inside folders of files they received, and a
// library file placed there must not be loaded. (A build RPATH padded by CMake for `cmake
// --install` ends in ':', an empty entry that the loader reads as the current directory.)
#include <catch2/catch.hpp>

#include <sstream>

#include "test_support.hpp"

using namespace gongwen;

namespace {

// The files the loader tried for every library (LD_DEBUG=libs prints "trying file=NAME").
std::vector<std::string> files_tried(const std::string& arguments) {
    test::TempDir dir;
    const auto result = test::run_gongwen(arguments, "cd " + test::quote(dir.path()) + " && LD_DEBUG=libs");
    std::vector<std::string> tried;
    std::stringstream lines(result.err);
    for (std::string line; std::getline(lines, line);) {
        const auto at = line.find("trying file=");
        if (at != std::string::npos) tried.push_back(line.substr(at + std::string("trying file=").size()));
    }
    return tried;
}

}  // namespace

TEST_CASE("the program and its plugins never look for a shared library in the current directory", "[startup]") {
    // `plugins` loads every plugin: their libraries (Poppler, Tesseract…) are looked up too.
    for (const char* arguments : {"--version", "plugins"}) {
        INFO("gongwen " << arguments);
        const auto tried = files_tried(arguments);
        CHECK(!tried.empty());   // the loader did report its search
        for (const auto& file : tried) {
            INFO("tried " << file);
            CHECK(file.front() == '/');
        }
    }
}
