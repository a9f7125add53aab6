// Keyboard only: the example framework's lead form completed with Tab, Shift+Tab, Space, Enter,
// the arrow keys and typed characters (page.keyboard alone: no click, no fill), saved with
// Enter on "Save answers file", and the saved answers checked with `coopai score`. Every
// control focused on the way must show where the focus is: a computed outline or box-shadow
// on the control, or on its label (a radio or box styled through its label).
import { launch, fail, ok, finish } from "./lib.mjs";
import { tempDir, writeForm, scoreJson, openForm, cspProblems, visibleIds, saveAnswers } from "./form.mjs";

const FRAMEWORK = "frameworks/example-minimal.toml";
// In the order of the form. A question not shown when its turn comes is reported.
const ANSWERS = [
  ["decides-about-people", "informs"],
  ["residents-affected", 1500],
  ["residents-involved", ["consulted", "panel"]],
  ["explainable", "yes"],
  ["human-review", "always"],
  ["staff-confidence", 4],
  ["independent-audit", "not known"],
  ["lessons", "Start small and publish what you learn."],
];

const dir = tempDir("form-keyboard");
const html = writeForm(dir, { framework: FRAMEWORK });
const browser = await launch();
const { context, page, problems } = await openForm(browser, html);
const MAX_PRESSES = 400;
let presses = 0;
const unmarked = new Set();
let focusChecks = 0;

async function focused() {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const visible = (el) => {
      if (!el) return false;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow && s.boxShadow !== "none");
    };
    const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : null;
    return {
      id: e.id,
      name: e.getAttribute("name"),
      type: e.getAttribute("type"),
      checked: e.checked === true,
      ring: visible(e) || visible(label) || visible(e.closest("label")),
    };
  });
}

async function press(key) {
  presses += 1;
  if (presses > 5000) throw new Error("too many key presses");
  await page.keyboard.press(key);
  const f = await focused();
  if (f && (key === "Tab" || key === "Shift+Tab" || key.startsWith("Arrow"))) {
    focusChecks += 1;
    if (!f.ring) unmarked.add(f.id || f.name || f.type);
  }
  return f;
}

/// Tabs (forwards, or with Shift backwards) until `want(focused)`; Shift+Tab when Tab does not
/// get there.
async function tabTo(want, what, keys = ["Tab", "Shift+Tab"]) {
  for (const key of keys) {
    for (let i = 0; i < MAX_PRESSES; i++) {
      const f = await press(key);
      if (f && want(f)) return f;
    }
  }
  throw new Error(`${what}: not reached with Tab or Shift+Tab`);
}

/// Chooses radio `answer-ID-VALUE`: Tab into the group, arrow keys to the option (which
/// selects it), Space in case the group was entered on it without selecting it.
async function chooseRadio(id, value, arrow = "ArrowDown") {
  const target = `answer-${id}-${value === "not known" ? "not-known" : value}`;
  let f = await tabTo((x) => x.name === `answer-${id}`, `the options of ${id}`);
  for (let i = 0; f.id !== target && i < 20; i++) f = await press(arrow);
  if (f.id !== target) throw new Error(`${target}: not reached with the arrow keys`);
  if (!f.checked) f = await press("Space");
  if (!f.checked) throw new Error(`${target}: Space did not select it`);
}

async function answer(id, value) {
  if (!(await visibleIds(page)).includes(id)) throw new Error(`${id} is not shown when its turn comes`);
  if (typeof value === "string" && (await page.$(`input[type=radio][name="answer-${id}"]`))) return chooseRadio(id, value);
  if (Array.isArray(value)) {
    for (const option of value) {
      const f = await tabTo((x) => x.id === `answer-${id}-${option}`, `answer-${id}-${option}`);
      if (!f.checked && !(await press("Space")).checked) throw new Error(`answer-${id}-${option}: Space did not tick it`);
    }
    return;
  }
  if (typeof value === "number" && (await page.$(`input[type=radio][name="answer-${id}"]`))) return chooseRadio(id, value);
  await tabTo((x) => x.id === `answer-${id}`, `answer-${id}`);
  await page.keyboard.type(String(value));
}

try {
  for (const p of await cspProblems(page)) fail(p);
  await tabTo((x) => x.id === "meta-system", "meta-system");
  await page.keyboard.type("Keyboard check");
  for (const [id, value] of ANSWERS) await answer(id, value);
  // Back with Shift+Tab to the scale, and change it with the arrow keys.
  await tabTo((x) => x.name === "answer-staff-confidence", "the staff-confidence scale, backwards", ["Shift+Tab"]);
  await chooseRadioFromHere("answer-staff-confidence-3");
  const saved = await saveAnswers(page, dir, "keyboard.toml", async () => {
    await tabTo((x) => x.id === "save-answers", "Save answers file");
    await page.keyboard.press("Enter");
  });
  const report = scoreJson(saved.path, FRAMEWORK);
  const got = Object.fromEntries(report.answers.filter((a) => a.value !== null).map((a) => [a.question, a.value]));
  const want = Object.fromEntries(ANSWERS);
  want["staff-confidence"] = 3;
  if (JSON.stringify(got, Object.keys(want).sort()) !== JSON.stringify(want, Object.keys(want).sort()) || Object.keys(got).length !== ANSWERS.length) {
    fail(`the saved answers are ${JSON.stringify(got)}, typed ${JSON.stringify(want)}`);
  } else {
    ok(`${ANSWERS.length} answers given and saved with the keyboard alone (${presses} key presses)`);
  }
  if (report.assessment.system !== "Keyboard check") fail(`the system name came back as ${report.assessment.system}`);
  // Canary: with the focus styles taken off the focused control and its label (through the
  // CSSOM, which the page's Content-Security-Policy allows), the indicator must be missed.
  await page.evaluate(() => {
    const e = document.activeElement;
    for (const el of [e, e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`), e.closest("label")]) {
      if (el) el.style.setProperty("outline", "none", "important"), el.style.setProperty("box-shadow", "none", "important");
    }
  });
  if ((await focused()).ring) fail("canary: a control without outline or box-shadow still counts as showing its focus");
  if (focusChecks === 0) fail("no focus was checked");
  else if (unmarked.size) fail(`no visible focus indicator (outline or box-shadow) on: ${[...unmarked].join(", ")}`);
  else ok(`every one of ${focusChecks} focus moves showed a focus indicator`);
  for (const p of problems()) fail(p);
} catch (e) {
  fail(e.stack ?? String(e));
}

/// The focus is in a radio group already: arrow keys to `target`.
async function chooseRadioFromHere(target) {
  let f = await focused();
  for (let i = 0; f.id !== target && i < 20; i++) f = await press("ArrowUp");
  if (f.id !== target || !f.checked) fail(`${target}: not chosen with the arrow keys`);
}

await context.close();
await browser.close();
finish("the form with the keyboard alone");
