#!/usr/bin/env bash
# Installs the npm packages of the browser test (tests/browser/: playwright-core, pinned by
# package-lock.json) into tests/browser/node_modules. Idempotent: nothing is fetched when the
# installed lock file equals the committed one. Chromium itself is Debian's (install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../tests/browser"
if [ -f node_modules/.package-lock.json ] && [ -d node_modules/playwright-core ] &&
   node -e 'const a=require("./package-lock.json").packages, b=require("./node_modules/.package-lock.json").packages;
            for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1);' 2>/dev/null; then
  echo "install-browser-test-deps: node_modules up to date"
  exit 0
fi
echo "install-browser-test-deps: npm ci in tests/browser"
npm ci --no-audit --no-fund --loglevel=error
