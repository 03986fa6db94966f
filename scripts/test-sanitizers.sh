#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer, in
# build-asan/. Slower than scripts/test.sh (about 3x); run it before merging parser changes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGWEN_BUILD_TESTS=ON -DGONGWEN_SANITIZE=ON >/dev/null
# halt_on_error: a report fails the step that caused it instead of scrolling past. Set before the
# build too: the fixture generators run during it.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
cmake --build build-asan --parallel
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)"
