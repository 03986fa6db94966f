#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan in build-fuzz/ and runs each for
# SECONDS (default 600) from a seed corpus made of the test fixtures. Crashes land in
# build-fuzz/crashes/<target>/. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# FUZZ_TIMEOUT (s, default 10) is the time one input may take before it counts as a hang: raise
# it on a loaded machine, where a niced fuzzer can be starved for seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(doc_number dates text_normalizer query_parser tables office html_page ofd_page)

./scripts/install-deps.sh
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends clang libclang-rt-dev >/dev/null
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGONGWEN_BUILD_TESTS=OFF -DGONGWEN_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel $(printf ' --target fuzz_%s' "${targets[@]}")

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"
# One seed per fixture text and per 50 doc numbers: real shapes for the mutator to start from.
cp tests/fixtures/texts/*.txt tests/fixtures/tables/*.txt "$seeds"/
split -l 50 tests/fixtures/doc_numbers_sample.tsv "$seeds/numbers-"
printf '%s\n' '2023年6月底前' '年底前' '二〇二一年三月五日' '每季度' '请于5月20日前报送' '第三季度末' > "$seeds/dates.txt"
printf '%s\n' '异地就医 -试点' '"直接 结算"' '苏政办发[2019]12号' > "$seeds/queries.txt"
printf '%s\n' '文号:国发〔2019〕5号 年份:2015..2018' '(医保 OR 社保) NOT 生育 -(试点)' '引用:国办发[2019]3号 机关:市发改委 单位:人社局' > "$seeds/queries-fields.txt"

# fuzz_office: the XML of the DOCX/XLSX fixtures of a test build (build/), if there is one, the first
# byte choosing the reader (0 DOCX, 1 XLSX); else one small part of each.
if ls build/tests/fixtures/docx/*.docx >/dev/null 2>&1; then
  for f in build/tests/fixtures/docx/*.docx; do { printf '\0'; unzip -p "$f" word/document.xml; } > "$seeds/office-$(basename "$f" .docx)"; done
  { printf '\1'; unzip -p build/tests/fixtures/formats_notice.xlsx xl/worksheets/sheet1.xml; } > "$seeds/office-sheet"
else
  printf '\0<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>' > "$seeds/office-docx"
  printf '\1<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45565</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>' > "$seeds/office-sheet"
fi
# Web pages and OFD pages: the HTML fixtures, and the Content.xml of every page of the OFD fixtures.
rm -rf "$seeds-html_page" "$seeds-ofd_page" && mkdir -p "$seeds-html_page" "$seeds-ofd_page"
cp tests/fixtures/websaves/html/*.html tests/fixtures/html/*.html "$seeds-html_page"/
for ofd in tests/fixtures/ofd/*.ofd; do
  { unzip -Z1 "$ofd" | grep 'Content.xml$' || true; } | while read -r part; do
    unzip -p "$ofd" "$part" > "$seeds-ofd_page/$(basename "$ofd" .ofd)-$(echo "$part" | tr '/' '_')"
  done
done

for target in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$target" "build-fuzz/crashes/$target"
  echo "== fuzz_$target for ${seconds}s"
  "build-fuzz/bin/fuzz_$target" -max_total_time="$seconds" -max_len=4096 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
    -artifact_prefix="build-fuzz/crashes/$target/" -print_final_stats=1 \
    "build-fuzz/corpus/$target" "$seeds" $( [ -d "$seeds-$target" ] && echo "$seeds-$target" ) 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
done
echo "crash files (none means none found):"
find build-fuzz/crashes -type f | head -20
