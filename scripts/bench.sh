#!/bin/sh
# The rescore benchmark: builds the release binaries, then generates 1,000, 10,000 and
# 100,000 synthetic assessments (or the counts given) and measures rescore against the
# parse-only baseline, and the register of up to 1,000 against rescore. Needs GNU time
# (/usr/bin/time; apt-get install time).
# Usage: scripts/bench.sh [N ...]
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin coopai --example parse_only --example bench

# The offline form: the reference framework's form file size and the time to its first
# question in headless Chromium (docs/performance.md, "The offline form"). Needs Node.js and
# chromium, as scripts/check-browser.sh does; skipped without them.
if command -v node >/dev/null && command -v npm >/dev/null && command -v "${CHROMIUM:-chromium}" >/dev/null; then
    (cd browser-tests && npm ci --no-audit --no-fund --loglevel=error)
    COOPAI="$(pwd)/${CARGO_TARGET_DIR:-target}/release/coopai" CHROMIUM="$(command -v "${CHROMIUM:-chromium}")" \
        node browser-tests/bench-form.mjs
else
    echo "the form benchmark is skipped: it needs node, npm and chromium" >&2
fi
exec "${CARGO_TARGET_DIR:-target}/release/examples/bench" "$@"
