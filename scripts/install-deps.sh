#!/usr/bin/env bash
# Installs the Debian 12 packages gongwen needs to build, test and run. Idempotent: packages that
# are already installed are left alone, and nothing is fetched when all are present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libpoppler-cpp-dev poppler-utils
  # The pdf plugin reads the text layer through Poppler's core API (plugins/pdf/poppler_text.hpp).
  libpoppler-private-dev
  # tcmalloc, the allocator gongwen links (apps/gongwen/CMakeLists.txt).
  libgoogle-perftools-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim
  libxapian-dev xapian-tools
  libicu-dev libxxhash-dev
  catch2 nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  # Fixture PDFs are rendered by the test suite with Cairo/Pango and an embedded CJK font.
  libcairo2-dev libpango1.0-dev fonts-wqy-microhei qpdf
  # `deadlines --format ics` is checked by a real iCalendar parser in the tests.
  libical-dev
  # `gongwen serve` (HTTP server and, in the tests, client); its browser test runs Debian's chromium.
  libcpp-httplib-dev chromium
  # Task state (done, in progress, notes, history) is kept in SQLite beside the index.
  libsqlite3-dev
  # `serve` on a shared address: Argon2id password hashes and random session ids (gongwen user).
  libsodium-dev
  # OFD, DOCX and XLSX are zip containers of XML (plugins/common/zip_archive, xml_document);
  # saved web pages are parsed with libxml2's HTML parser.
  libzip-dev libxml2-dev
  # .doc/.xls/.wps/.et/.rtf are converted to DOCX/XLSX by LibreOffice in headless mode.
  libreoffice-writer-nogui libreoffice-calc-nogui
)
# The browser test is driven by playwright-core from npm (scripts/install-browser-test-deps.sh):
# Debian's node and npm unless a node is already installed (e.g. from NodeSource, which bundles npm).
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
