#!/bin/sh
# The rescore benchmark: builds the release binaries, then generates 1,000, 10,000 and
# 100,000 synthetic assessments (or the counts given) and measures rescore against the
# parse-only baseline, and the register of up to 1,000 against rescore. Needs GNU time
# (/usr/bin/time; apt-get install time).
# Usage: scripts/bench.sh [N ...]
set -eu
cd "$(dirname "$0")/.."
cargo build --release --bin coopai --example parse_only --example bench
exec "${CARGO_TARGET_DIR:-target}/release/examples/bench" "$@"
