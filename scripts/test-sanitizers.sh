#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer, in
# build-asan/. Slower than scripts/test.sh (about 3x); run it before merging parser changes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGWEN_BUILD_TESTS=ON -DGONGWEN_SANITIZE=ON >/dev/null
# halt_on_error: a report fails the step that caused it instead of scrolling past. Set before the
# build too: the fixture generators run during it.
# handle_segv=0: a crash stays a signal, as without the sanitizer; the worker-isolation test checks
# that a plugin's SIGSEGV is reported as one (ASan's own handler turned it into exit status 1).
# DETECT_LEAKS=0 where LeakSanitizer cannot run ("Tracer caught signal 11" in some VMs: it failed
# there at the exit of the multi-threaded `serve` processes only).
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=${DETECT_LEAKS:-1}:handle_segv=0" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
cmake --build build-asan --parallel
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)"
