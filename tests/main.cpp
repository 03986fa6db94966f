// The Catch2 main for the whole suite. OpenMP inside Tesseract is limited to one thread as in the
// gongwen binary (see apps/gongwen/main.cpp), before the ocr plugin loads libgomp.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
    ::setenv("OMP_THREAD_LIMIT", "1", 0);
    return Catch::Session().run(argc, argv);
}
