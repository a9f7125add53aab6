// axe-core in the draft transparency record (coopai export atrs --format html) of every worked
// assessment: no WCAG 2 A or AA violation, and no request outside the page.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import { execFileSync } from "node:child_process";
import { launch, watchedPage, axeViolations, fileUrl, fail, ok, finish } from "./lib.mjs";

const coopai = process.env.COOPAI;
const out = mkdtempSync(join(tmpdir(), "coopai-atrs-"));
const worked = readdirSync("assessments").filter((f) => f.endsWith(".toml"));
const browser = await launch();
for (const file of worked) {
  const html = join(out, `${basename(file, ".toml")}.html`);
  execFileSync(coopai, ["export", "atrs", join("assessments", file), "--format", "html", "-o", html, "--force"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const context = await browser.newContext();
  const watched = await watchedPage(context, (url) => url === fileUrl(html));
  await watched.page.goto(fileUrl(html));
  const problems = [...(await axeViolations(watched.page)), ...watched.problems()];
  for (const p of problems) fail(`${file}: ${p}`);
  if (problems.length === 0) ok(`${file}: draft ATRS record, no WCAG A/AA violation, no request`);
  await context.close();
}
await browser.close();
finish("the draft transparency records' accessibility check");
