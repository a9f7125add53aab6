#!/usr/bin/env bash
# The interactive browser checks: each browser-tests/check-*.mjs drives Debian's Chromium
# through playwright-core (clicks, typing, the keyboard, downloads, local storage) and runs
# axe-core in the page. Installs the two npm packages from browser-tests/package-lock.json.
#
# Usage: scripts/check-browser.sh [CHECK...]   (default: every browser-tests/check-*.mjs)
#   CHROMIUM=/path/to/chromium overrides the browser.
# Needs: cargo, Node.js with npm, Debian's chromium package.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: Node.js and npm are needed: apt-get install -y nodejs npm" >&2
    exit 2
fi
export CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
    echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi

echo "== installing the browser checks' packages (npm ci)"
(cd browser-tests && npm ci --no-audit --no-fund --loglevel=error)

echo "== building coopai"
cargo build --quiet --locked
COOPAI="$(pwd)/${CARGO_TARGET_DIR:-target}/debug/coopai"
export COOPAI

checks=("$@")
if [ ${#checks[@]} -eq 0 ]; then
    checks=(browser-tests/check-*.mjs)
fi
status=0
echo "== browser-tests/form-unit.mjs (the form's script, without a browser)"
node browser-tests/form-unit.mjs || status=1
for check in "${checks[@]}"; do
    echo "== $check"
    node "$check" || status=1
done
exit $status
