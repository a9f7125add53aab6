// The register of the worked assessments (with their responses) and the calibration set, in
// Chromium: the index sorts and filters, every link in every page resolves to a file inside
// the site, no page makes a request outside the folder or logs an error (the Content
// Security Policy would log a blocked script or style), and axe-core finds no WCAG A/AA
// violation on the index and on a group page.
import { mkdtempSync, readdirSync, statSync, existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve, sep } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launch, watchedPage, axeViolations, fileUrl, fail, ok, finish } from "./lib.mjs";

const coopai = process.env.COOPAI;
// The index's score column, counted from 0.
const SCORE = 5;
const site = join(mkdtempSync(join(tmpdir(), "coopai-register-")), "site");
execFileSync(coopai, ["register", "assessments", "-o", site], { stdio: ["ignore", "ignore", "pipe"] });
const root = realpathSync(site);

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return path.endsWith(".html") ? [path] : [];
  });
}

// A request is the site's own when it is a file inside the folder.
const inside = (url) => url.startsWith("file://") && resolve(fileURLToPath(url)).startsWith(root + sep);

const browser = await launch();
const context = await browser.newContext();

// Sorting and filtering on the index.
{
  const watched = await watchedPage(context, inside);
  const page = watched.page;
  await page.goto(fileUrl(join(root, "index.html")));
  const systems = () => page.$$eval("#register tbody tr:not([hidden]) th", (ths) => ths.map((th) => th.firstChild.textContent));
  const before = await systems();
  // Its accessible name gains an arrow once sorted, so it is found by its column.
  const scoreButton = page.locator("#register thead th").nth(SCORE).getByRole("button");
  if ((await scoreButton.textContent()) !== "Score") fail(`column ${SCORE} is the score`);
  if (before.length < 20) fail(`the index lists ${before.length} assessments, expected the worked and calibration ones`);
  await scoreButton.click();
  const ascending = await page.$$eval("#register tbody tr", (rows, column) => rows.map((r) => parseFloat(r.cells[column].dataset.sort)), SCORE);
  const sorted = [...ascending].sort((a, b) => a - b);
  if (JSON.stringify(ascending) !== JSON.stringify(sorted)) fail(`sorting by score: ${ascending}`);
  else if (JSON.stringify(await systems()) === JSON.stringify(before)) fail("sorting by score changed no row");
  else ok("sorting by score orders the rows, lowest first");
  await scoreButton.click();
  const descending = await page.$$eval("#register tbody tr", (rows, column) => rows.map((r) => parseFloat(r.cells[column].dataset.sort)), SCORE);
  if (JSON.stringify(descending) !== JSON.stringify([...sorted].reverse())) fail(`sorting again: ${descending}`);
  else ok("sorting again reverses the order");
  await page.getByLabel("Filter the assessments").fill("leeds");
  const filtered = await systems();
  const status = await page.locator("#shown").textContent();
  if (filtered.length !== 3 || !status.includes(`Showing 3 of ${before.length}`)) {
    fail(`filtering by "leeds" shows ${filtered.length} rows (${status})`);
  } else ok(`filtering by "leeds" shows its 3 assessments: ${status}`);
  await page.getByLabel("Filter the assessments").fill("");
  if ((await systems()).length !== before.length) fail("clearing the filter shows every row again");
  const problems = [...(await axeViolations(page)), ...watched.problems()];
  for (const p of problems) fail(`index: ${p}`);
  if (problems.length === 0) ok("index.html: no WCAG A/AA violation, no request outside the site, no console error");
}

// A group page: axe.
{
  const watched = await watchedPage(context, inside);
  await watched.page.goto(fileUrl(join(root, "by-kind.html")));
  const problems = [...(await axeViolations(watched.page)), ...watched.problems()];
  for (const p of problems) fail(`by-kind.html: ${p}`);
  if (problems.length === 0) ok("by-kind.html: no WCAG A/AA violation, no request outside the site");
}

// Every page: every link resolves to a file inside the site; no request leaves the folder.
let links = 0;
for (const path of pages(root)) {
  const watched = await watchedPage(context, inside);
  await watched.page.goto(fileUrl(path));
  const hrefs = await watched.page.$$eval("a[href]", (as) => as.map((a) => [a.getAttribute("href"), a.href]));
  for (const [href, absolute] of hrefs) {
    links += 1;
    if (!absolute.startsWith("file://")) { fail(`${path}: ${href} leaves the site`); continue; }
    const target = resolve(fileURLToPath(absolute.split("#")[0]));
    if (!target.startsWith(root + sep)) fail(`${path}: ${href} points outside the site`);
    else if (!existsSync(target)) fail(`${path}: ${href} points to a missing file`);
  }
  for (const p of watched.problems()) fail(`${path}: ${p}`);
  await watched.page.close();
}
ok(`${pages(root).length} pages, ${links} links, each to a file inside the site`);

await browser.close();
finish("the register in the browser");
