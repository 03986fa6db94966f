// The Catch2 main for the whole suite. OpenMP inside Tesseract is limited to one thread as in the
// gongwen binary (see apps/gongwen/main.cpp), before the ocr plugin loads libgomp.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

#include "unit/test_support.hpp"

int main(int argc, char* argv[]) {
    ::setenv("OMP_THREAD_LIMIT", "1", 0);
    // Every gongwen the tests start keeps its OCR page cache (default under XDG_CACHE_HOME) in a
    // folder of this run: results cached by an earlier run never stand in for recognition here,
    // and the user's own cache is not touched.
    const gongwen::test::TempDir cache_home;
    ::setenv("XDG_CACHE_HOME", cache_home.path().c_str(), 1);
    return Catch::Session().run(argc, argv);
}
