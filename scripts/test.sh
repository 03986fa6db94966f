#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds everything including
# the tests, and runs the whole suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/install-browser-test-deps.sh
./scripts/build.sh -DGONGWEN_BUILD_TESTS=ON
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
