#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, ingests the bundled sample corpus
# into var/demo-index and runs sample searches.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# A fresh checkout builds without the test suite (faster); an existing build keeps its options, so
# that the demo never switches off the tests of a developer's build folder.
if [ -f build/CMakeCache.txt ]; then ./scripts/build.sh; else ./scripts/build.sh -DGONGWEN_BUILD_TESTS=OFF; fi
index=var/demo-index
# A fresh demo index each time: one left by an older gongwen (another index schema) is refused.
rm -rf "$index"
echo "== gongwen plugins"
build/bin/gongwen plugins
echo "== gongwen ingest --index $index examples/corpus"
status=0
build/bin/gongwen ingest --index "$index" examples/corpus || status=$?
if [ "$status" -eq 1 ]; then exit 1; fi
echo "== gongwen search --index $index 推行部门联合"
build/bin/gongwen search --index "$index" 推行部门联合
echo "== gongwen search --index $index '国发[2019]5号'   (a doc number in another bracket style)"
build/bin/gongwen search --index "$index" '国发[2019]5号'
echo "== gongwen search --index $index 内外贸一体化 --limit 2"
build/bin/gongwen search --index "$index" 内外贸一体化 --limit 2
