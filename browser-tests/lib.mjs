// What every browser check shares: Debian's Chromium driven over the DevTools protocol by
// playwright-core (no browser download), a log of every request a page makes, and axe-core.
//
// A check is a Node script that imports this file, opens pages with `open`, and calls
// `fail` for each problem; `finish` prints the count and sets the exit code.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// As scripts/check-html-reports.sh: no background traffic, and no name resolves, so a page
// that tries to reach the network fails loudly instead of hanging.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--host-resolver-rules=MAP * ~NOTFOUND",
];

let failures = 0;

export function fail(message) {
  failures += 1;
  console.log(`FAIL: ${message}`);
}

export function ok(message) {
  console.log(`ok: ${message}`);
}

export function finish(what) {
  if (failures > 0) {
    console.log(`== ${failures} problem(s) found in ${what}`);
    process.exit(1);
  }
  console.log(`== ${what}: all checks passed`);
}

/// A browser with a fresh profile (a context is a fresh profile: empty local storage).
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export function fileUrl(path) {
  return pathToFileURL(path).href;
}

/// A new page in `context` whose every request, console message and page error is recorded.
/// `allowed(url)` says which requests are the page itself (its own file, or files of a site
/// folder); anything else is reported by `problems()`.
export async function watchedPage(context, allowed) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  return {
    page,
    requests,
    problems() {
      const outside = requests.filter((u) => !allowed(u)).map((u) => `request outside the page: ${u}`);
      return [...outside, ...errors];
    },
  };
}

/// Runs axe-core in the page at the WCAG 2.0, 2.1 and 2.2 A and AA levels; returns the
/// violations as lines of text. axe is injected through the DevTools protocol, which the
/// page's Content-Security-Policy does not govern.
export async function axeViolations(page) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
      resultTypes: ["violations"],
    }),
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), first: ${v.nodes[0]?.target?.join(" ")}`,
  );
}
