// The form's benchmark (scripts/bench.sh runs it; not a check): the size of the reference
// framework's lead form, and the time from navigation to the first question being visible in
// headless Chromium. Each run opens the file in a fresh context (a fresh profile, nothing in
// local storage) of one browser; a script injected before the page's own records, at each
// animation frame, the first moment the page has set data-ready and its first
// fieldset.question is visible (performance.now(): milliseconds since navigation start).
// Usage: COOPAI=target/release/coopai node browser-tests/bench-form.mjs [RUNS]
import { statSync } from "node:fs";
import { join } from "node:path";
import { launch, fileUrl } from "./lib.mjs";
import { tempDir, writeForm } from "./form.mjs";

const runs = Number(process.argv[2] ?? 21);
const dir = tempDir("form-bench");
const html = writeForm(dir);
const bytes = statSync(html).size;

const browser = await launch();
const times = [];
// When the whole page was parsed and its script had run (domInteractive), for comparison.
const parsed = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__firstQuestion = new Promise((resolve) => {
      const look = () => {
        const first = document.querySelector("fieldset.question");
        if (document.documentElement.dataset.ready === "true" && first?.checkVisibility()) resolve(performance.now());
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
  });
  const page = await context.newPage();
  await page.goto(fileUrl(html));
  times.push(await page.evaluate(() => window.__firstQuestion));
  parsed.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].domInteractive));
  await context.close();
}
await browser.close();

const medianOf = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const sorted = [...times].sort((a, b) => a - b);
const median = medianOf(times);
const ms = (t) => `${t.toFixed(0)} ms`;
console.log(`form: ${join("frameworks", "ccin-coop-ai.toml")}, lead officer`);
console.log(`  file size: ${bytes} bytes, ${(bytes / 1000).toFixed(1)} kB (aim: at most 250 kB)`);
console.log(
  `  navigation to first question visible, ${runs} runs: median ${ms(median)}, worst ${ms(sorted[sorted.length - 1])}, best ${ms(sorted[0])}, first run ${ms(times[0])} (aim: at most 300 ms)`,
);
console.log(`  the whole page parsed and its script run (domInteractive), for comparison: median ${ms(medianOf(parsed))}`);
