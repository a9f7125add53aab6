#!/usr/bin/env bash
# The real-browser check of the HTML reports.
#
# Renders the HTML report of every worked assessment (assessments/*.toml, scored against the
# embedded framework; the test fixtures while assessments/ is empty), their draft transparency
# records (coopai export atrs) and case studies (coopai export case-study), and a comparison,
# then opens each page in headless Chromium twice: a PNG screenshot and a PDF print. Fails when
#   - a page refers to anything outside itself (scripts, links, images, fonts, url(), http(s)),
#   - Chromium exits with an error, logs an error, or the page writes to the console,
#   - the PNG or the PDF is missing or empty (and, with pdfinfo, when the PDF has no pages),
#   - Chromium's net log shows the page requesting any URL (the file itself is not a request).
# Before the reports, a canary page with external resources must be caught, so a broken check
# cannot pass silently.
#
# Usage: scripts/check-html-reports.sh [OUT_DIR]
#   OUT_DIR keeps the HTML, PNG, PDF, logs and net logs (default: a temporary folder).
#   CHROMIUM=/path/to/chromium overrides the browser.
# Needs: cargo, Debian's chromium package, python3 (reads the net log); pdfinfo if present.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
    echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
if ! command -v python3 >/dev/null; then
    echo "error: python3 is needed to read Chromium's net log" >&2
    exit 2
fi

echo "== building coopai"
cargo build --quiet --locked
bin="${CARGO_TARGET_DIR:-target}/debug/coopai"

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Chromium messages that say nothing about the page: no D-Bus, GPU or sandbox in a container.
noise='dbus/|bus\.cc|object_proxy\.cc|bluez|vaapi|sandbox_linux|viz_main_impl|gpu_init|command_buffer|angle|egl|gl_surface|ui/gl/|idle_linux|property\.cc'

flags=(
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --no-default-browser-check
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions
    --disable-default-apps --hide-scrollbars --host-resolver-rules="MAP * ~NOTFOUND"
    --enable-logging=stderr --v=0
)

# Lists every URL the page asked for, from a Chromium net log: requests made on behalf of a
# page carry its origin ("null" for a file), while Chromium's own background traffic is
# marked "not an origin".
page_requests() {
    python3 - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
for event in log.get("events", []):
    params = event.get("params") or {}
    if event.get("type") == start and params.get("initiator", "not an origin") != "not an origin":
        print(params.get("url", "?"))
PY
}

# run_chromium STEM KIND ARGS...: one headless run; its log goes to STEM.KIND.log.
run_chromium() {
    local stem=$1 kind=$2
    shift 2
    local profile status=0
    profile=$(mktemp -d)
    timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$profile" \
        --log-net-log="$stem.$kind.netlog.json" "$@" >"$stem.$kind.log" 2>&1 || status=$?
    rm -rf "$profile"
    if [ "$status" -ne 0 ]; then
        fail "$stem.html: chromium exited with $status while making the $kind (log: $stem.$kind.log)"
    fi
    if grep -E ':(ERROR|FATAL):|:CONSOLE' "$stem.$kind.log" | grep -Ev "$noise" >"$stem.$kind.errors"; then
        fail "$stem.html: chromium reported errors while making the $kind:"
        sed 's/^/    /' "$stem.$kind.errors"
    fi
    if [ -s "$stem.$kind.netlog.json" ]; then
        local requests
        if ! requests=$(page_requests "$stem.$kind.netlog.json"); then
            fail "$stem.html: cannot read chromium's net log $stem.$kind.netlog.json"
        elif [ -n "$requests" ]; then
            fail "$stem.html: the page requested external resources:"
            printf '    %s\n' $requests
        fi
    else
        fail "$stem.html: chromium wrote no net log for the $kind, so external requests cannot be ruled out"
    fi
}

# check_page STEM: checks STEM.html statically and in the browser.
check_page() {
    local stem=$1 html="$1.html"
    local before=$failures
    # Static: nothing that could load. The SVG namespace is an identifier, never fetched.
    if grep -Eion '<script|<link|<img|<iframe|<object|<embed|<video|<audio|@import|@font-face|url\(|src=|href=' "$html" >"$stem.static"; then
        fail "$html: refers to other resources:"
        sed 's/^/    /' "$stem.static"
    fi
    if grep -Eon '(https?:)?//[a-zA-Z0-9.-]+[^" <>]*' "$html" | grep -v 'http://www\.w3\.org/2000/svg' >"$stem.urls"; then
        fail "$html: contains URLs:"
        sed 's/^/    /' "$stem.urls"
    fi

    run_chromium "$stem" png --window-size=1280,1700 --screenshot="$stem.png" "file://$html"
    if [ ! -s "$stem.png" ] || [ "$(head -c 4 "$stem.png" | tail -c 3)" != "PNG" ]; then
        fail "$html: no PNG screenshot"
    fi

    run_chromium "$stem" pdf --no-pdf-header-footer --print-to-pdf="$stem.pdf" "file://$html"
    if [ ! -s "$stem.pdf" ] || [ "$(head -c 4 "$stem.pdf")" != "%PDF" ] || [ "$(wc -c <"$stem.pdf")" -lt 1000 ]; then
        fail "$html: the PDF is missing or empty"
    elif command -v pdfinfo >/dev/null; then
        local pages
        pages=$(pdfinfo "$stem.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
        if [ "${pages:-0}" -lt 1 ]; then
            fail "$html: the PDF has no pages"
        else
            echo "    $(basename "$stem").pdf: $pages page(s)"
        fi
    fi
    if [ "$failures" -eq "$before" ]; then
        echo "ok: $(basename "$html")"
    fi
}

echo "== canary: a page with external resources must fail the check"
canary="$out/canary"
cat >"$canary.html" <<'HTML'
<!DOCTYPE html><html><head><style>body { background: url(https://example.org/bg.png) }</style></head>
<body><p>canary</p><img src="https://example.net/a.png" alt=""></body></html>
HTML
saved=$failures
check_page "$canary" >"$canary.txt" || true
if [ "$failures" -eq "$saved" ] || ! grep -q 'requested external resources' "$canary.txt" || ! grep -q 'refers to other resources' "$canary.txt"; then
    cat "$canary.txt"
    echo "FAIL: the check did not catch the canary's external resources; it cannot be trusted"
    exit 1
fi
failures=$saved
echo "ok: the canary's external requests were caught"

# render STEM ANSWERS [--framework FILE]: writes STEM.html from an answers file.
render() {
    local stem=$1 answers=$2
    shift 2
    if ! "$bin" score "$answers" "$@" --format html -o "$stem.html" --force 2>"$stem.score.log"; then
        fail "$answers: coopai score failed:"
        sed 's/^/    /' "$stem.score.log"
        return
    fi
    check_page "$stem"
}

# compare STEM [--framework FILE] -- FILES...: writes STEM.html comparing FILES.
compare() {
    local stem=$1
    shift
    if ! "$bin" compare "$@" --format html -o "$stem.html" --force 2>"$stem.compare.log"; then
        fail "coopai compare failed:"
        sed 's/^/    /' "$stem.compare.log"
        return
    fi
    check_page "$stem"
}

# export KIND STEM ANSWERS: writes STEM.html, `coopai export KIND` of an answers file (atrs, the
# draft transparency record, or case-study).
export_page() {
    local kind=$1 stem=$2 answers=$3
    if ! "$bin" export "$kind" "$answers" --format html -o "$stem.html" --force 2>"$stem.export.log"; then
        fail "$answers: coopai export $kind failed:"
        sed 's/^/    /' "$stem.export.log"
        return
    fi
    check_page "$stem"
}

echo "== reports (outputs in $out)"
shopt -s nullglob
worked=(assessments/*.toml)
if [ ${#worked[@]} -gt 0 ]; then
    for f in "${worked[@]}"; do
        render "$out/$(basename "$f" .toml)" "$f"
        export_page atrs "$out/$(basename "$f" .toml)-atrs" "$f"
        export_page case-study "$out/$(basename "$f" .toml)-case-study" "$f"
    done
    if [ ${#worked[@]} -gt 1 ]; then
        compare "$out/comparison" "${worked[@]}"
    fi
else
    echo "(assessments/ has no worked assessments yet: checking the test fixtures)"
    minimal=(tests/fixtures/reports/minimal/*.toml)
    ten=(tests/fixtures/reports/ten-principles/*.toml)
    for f in "${minimal[@]}"; do
        render "$out/$(basename "$f" .toml)" "$f" --framework frameworks/example-minimal.toml
    done
    for f in "${ten[@]}"; do
        render "$out/$(basename "$f" .toml)" "$f" --framework tests/fixtures/reports/ten-principles-framework.toml
    done
    compare "$out/comparison" --framework frameworks/example-minimal.toml "${minimal[@]}"
fi

if [ "$failures" -gt 0 ]; then
    echo "== $failures problem(s) found; outputs kept in $out"
    exit 1
fi
echo "== all HTML reports passed the browser check; outputs in $out"
