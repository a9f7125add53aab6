// Resume: answers given in the lead form of the reference framework survive a reload (local
// storage, under the key the page contract names); saved to a file and opened in a fresh
// profile with "Open an answers file", they are all restored. A file saved from another
// framework's form is refused or half-placed with a message that says so and names each
// question it cannot place.
import { readFileSync } from "node:fs";
import { launch, fail, ok, finish } from "./lib.mjs";
import {
  tempDir,
  writeForm,
  templateQuestions,
  openForm,
  waitReady,
  visibleIds,
  setAnswer,
  readAnswer,
  typeInto,
  saveAnswers,
  openAnswers,
} from "./form.mjs";

const OTHER = "frameworks/example-minimal.toml";
const dir = tempDir("form-resume");
const html = writeForm(dir);
const otherHtml = writeForm(dir, { framework: OTHER, name: "other.html" });
const template = templateQuestions();
const other = templateQuestions({ framework: OTHER });
const questions = new Map(template.questions.map((q) => [q.id, q]));
const LEAD_ROLE = /^\[\[role\]\]\s*\nid = "([^"]+)"/m.exec(readFileSync("frameworks/ccin-coop-ai.toml", "utf8"))[1];

const ANSWERS = {
  "system-type": "trained",
  "decisions-about-people": "informs",
  "people-affected": 2000,
  "residents-involved": ["co-design", "go-live-say"],
  "resident-influence": 3,
  "member-decision": "not known",
  "resident-changes": "They asked for a phone line,\nand got one.",
};
const EVIDENCE = { "system-type": "Supplier's summary, section 3", "people-affected": "Service data 2025" };
const META = { system: "Resume check", council: "Testshire County Council" };

/// Every answer, evidence and metadata field as the page shows it now.
async function state(page) {
  const answers = {};
  for (const id of Object.keys(ANSWERS)) answers[id] = await readAnswer(page, questions.get(id));
  const evidence = {};
  for (const id of Object.keys(EVIDENCE)) evidence[id] = await page.inputValue(`#evidence-${id}`);
  const meta = {};
  for (const field of Object.keys(META)) meta[field] = await page.inputValue(`#meta-${field}`);
  return { answers, evidence, meta };
}

const expected = JSON.stringify({ answers: ANSWERS, evidence: EVIDENCE, meta: META });
function compare(what, got) {
  if (JSON.stringify(got) !== expected) fail(`${what}: the page shows ${JSON.stringify(got)}, expected ${expected}`);
  else ok(`${what}: ${Object.keys(ANSWERS).length} answers, evidence and details restored`);
}

const browser = await launch();
try {
  const first = await openForm(browser, html);
  for (const [field, value] of Object.entries(META)) await typeInto(first.page, `#meta-${field}`, value);
  for (const [id, value] of Object.entries(ANSWERS)) {
    if (!(await visibleIds(first.page)).includes(id)) throw new Error(`${id} is not shown when its turn comes`);
    await setAnswer(first.page, questions.get(id), value);
  }
  for (const [id, text] of Object.entries(EVIDENCE)) await typeInto(first.page, `#evidence-${id}`, text);
  compare("as answered", await state(first.page));

  const key = `coopai-form:${template.framework.sha256}:${LEAD_ROLE}`;
  const stored = await first.page.evaluate((k) => localStorage.getItem(k), key);
  if (!stored) fail(`nothing is kept in local storage under ${key}`);

  await first.page.reload();
  await waitReady(first.page, "the reloaded form");
  compare("after a reload", await state(first.page));
  const saved = await saveAnswers(first.page, dir, "resume.toml");
  for (const p of first.problems()) fail(p);
  await first.context.close();

  // A fresh profile: nothing stored, then the saved file opened.
  const fresh = await openForm(browser, html);
  const blank = await state(fresh.page);
  if (Object.values(blank.answers).some((v) => v !== undefined)) fail(`a fresh profile starts with answers: ${JSON.stringify(blank.answers)}`);
  await openAnswers(fresh.page, saved.path);
  compare("opened in a fresh profile", await state(fresh.page));

  // Start again: confirmed in the page (a browser dialog would fail), then nothing is left.
  fresh.page.on("dialog", (d) => {
    fail(`Start again opened a browser dialog (${d.type()}: ${d.message()}), not a confirmation in the page`);
    d.dismiss();
  });
  const visibleButtons = () =>
    fresh.page.evaluate(() => [...document.querySelectorAll("button")].filter((b) => b.checkVisibility()).map((b) => b.id || b.textContent));
  const before = new Set(await visibleButtons());
  await fresh.page.click("#clear-answers");
  const offered = (await visibleButtons()).filter((b) => !before.has(b));
  const yes = await fresh.page.locator("button:visible", { hasText: /clear|yes|start again/i }).filter({ hasNotText: /^Start again$/ }).first();
  if (offered.length === 0 || (await yes.count()) === 0) {
    fail(`Start again asks for no confirmation in the page (buttons shown after it: ${offered.join(", ") || "none"})`);
  } else {
    await yes.click();
    const cleared = await state(fresh.page);
    const left = Object.entries(cleared.answers).filter(([, v]) => v !== undefined);
    if (left.length) fail(`after Start again, answers are left: ${JSON.stringify(left)}`);
    await fresh.page.reload();
    await waitReady(fresh.page, "the form reloaded after Start again");
    const back = Object.entries((await state(fresh.page)).answers).filter(([, v]) => v !== undefined);
    if (back.length) fail(`after Start again and a reload, answers are back: ${JSON.stringify(back)}`);
    if (!left.length && !back.length) ok("Start again, confirmed in the page, clears every answer, also after a reload");
  }
  for (const p of fresh.problems()) fail(p);
  await fresh.context.close();

  // A file from another framework's form.
  const otherForm = await openForm(browser, otherHtml);
  await typeInto(otherForm.page, "#meta-system", "Another framework");
  const otherAnswers = { "decides-about-people": "none", "residents-affected": 40, explainable: "yes" };
  for (const [id, value] of Object.entries(otherAnswers)) {
    await setAnswer(otherForm.page, other.questions.find((q) => q.id === id), value);
  }
  const otherFile = await saveAnswers(otherForm.page, dir, "other.toml");
  await otherForm.context.close();
  const unplaceable = Object.keys(otherAnswers).filter((id) => !questions.has(id));
  if (unplaceable.length === 0) throw new Error("the other framework's answers all fit the reference framework");

  const mixed = await openForm(browser, html);
  // The page may say so in #messages, or ask first in a panel of its own.
  const said = (await openAnswers(mixed.page, otherFile.path)).text;
  if (!/(another|different|other) framework|(written|made) for the framework|not .*this framework/i.test(said)) {
    fail(`opening a file for another framework: the page does not say it is for another framework: ${JSON.stringify(said)}`);
  }
  for (const id of unplaceable) {
    const prompt = other.questions.find((q) => q.id === id).prompt;
    if (!said.includes(id) && !said.includes(prompt)) fail(`opening a file for another framework: ${id} cannot be placed, but the page does not name it: ${JSON.stringify(said)}`);
  }
  ok(`a file for another framework: the page says so and names ${unplaceable.join(", ")}`);
  for (const p of mixed.problems()) fail(p);
  await mixed.context.close();
} catch (e) {
  fail(e.stack ?? String(e));
}
await browser.close();
finish("resuming the form");
