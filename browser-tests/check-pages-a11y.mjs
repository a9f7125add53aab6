// axe-core in every HTML page coopai draws from one assessment, for every worked assessment:
// the report the council keeps (coopai score), the draft transparency record (coopai export
// atrs) and the case study (coopai export case-study). No WCAG 2 A or AA violation, and no
// request outside the page.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import { execFileSync } from "node:child_process";
import { launch, watchedPage, axeViolations, fileUrl, fail, ok, finish } from "./lib.mjs";

const PAGES = [
  ["HTML report", ["score"]],
  ["draft transparency record", ["export", "atrs"]],
  ["case study", ["export", "case-study"]],
];

const coopai = process.env.COOPAI;
const out = mkdtempSync(join(tmpdir(), "coopai-pages-a11y-"));
const worked = readdirSync("assessments").filter((f) => f.endsWith(".toml"));
if (worked.length === 0) fail("assessments/ holds no worked assessment to check");
const browser = await launch();
for (const file of worked) {
  for (const [kind, command] of PAGES) {
    const html = join(out, `${basename(file, ".toml")}-${command.join("-")}.html`);
    execFileSync(coopai, [...command, join("assessments", file), "--format", "html", "-o", html, "--force"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const context = await browser.newContext();
    const watched = await watchedPage(context, (url) => url === fileUrl(html));
    await watched.page.goto(fileUrl(html));
    const problems = [...(await axeViolations(watched.page)), ...watched.problems()];
    for (const p of problems) fail(`${file}, ${kind}: ${p}`);
    if (problems.length === 0) ok(`${file}: ${kind}, no WCAG A/AA violation, no request`);
    await context.close();
  }
}
await browser.close();
finish("the accessibility check of the reports, transparency records and case studies");
