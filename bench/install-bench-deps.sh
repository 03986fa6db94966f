#!/usr/bin/env bash
# Installs what bench/ingest_bench.py compares gongwen with and measures it by: Poppler's
# pdftotext/pdfinfo, recollindex (recollcmd), omindex (xapian-omega), xapian-delve (xapian-tools),
# perf (linux-perf) and GNU time; bench/quality_bench.py also uses python3-xapian (the Xapian baseline).
# Idempotent: nothing is fetched when all are present. The
# benchmark also needs gongwen built with the test tools (make_fixture_pdf):
#   ./scripts/build.sh -DGONGWEN_BUILD_TESTS=ON
set -euo pipefail

packages=(poppler-utils recollcmd xapian-omega xapian-tools linux-perf time python3 fonts-wqy-microhei python3-xapian)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-bench-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "install-bench-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
