// Condition parity: for every framework that loads (tests/fixtures/frameworks/*.toml and
// frameworks/*.toml), for the lead's form and each respondent role's, seeded random answer
// sets are opened in the form (`#open-answers`) and the questions it shows are compared with
// those coopai counts as applicable for the same answers (for a role: of the role's questions,
// since a response is evaluated like an assessment holding only the role's answers). A few sets
// per lead form are instead given through the controls and saved, and the saved file scored.
// Random sets answer every question, also those that do not apply, and leave some blank or
// "not known", so conditions see blanks, not-known answers and answers they must ignore.
// A canary checks that a wrong expectation (answers with the system type changed) is caught.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { launch, fail, ok, finish } from "./lib.mjs";
import {
  coopai,
  tempDir,
  writeForm,
  templateQuestions,
  answersToml,
  scoreJson,
  applicableIds,
  openForm,
  cspProblems,
  questionIds,
  visibleIds,
  setAnswer,
  readAnswer,
  openAnswers,
  saveAnswers,
  rng,
  writeText,
} from "./form.mjs";

const REFERENCE = "frameworks/ccin-coop-ai.toml";
const STAGES = ["", "proposal", "pilot", "live", "being-retired"];
const NUMBERS = [0, 1, 3, 10, 49, 50, 100, 999, 1000, 2500, 10000, 100000, 2.5];

const frameworks = [
  ...readdirSync("tests/fixtures/frameworks").map((f) => join("tests/fixtures/frameworks", f)),
  ...readdirSync("frameworks").map((f) => join("frameworks", f)),
].filter((f) => f.endsWith(".toml"));

function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return h >>> 0;
}

function roleIds(framework) {
  return [...readFileSync(framework, "utf8").matchAll(/^\[\[role\]\]\s*\nid = "([^"]+)"/gm)].map((m) => m[1]);
}

/// What the form's controls allow for each question: "not known", a number's range.
async function controls(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll("fieldset.question")].map((f) => {
        const id = f.dataset.question;
        const number = document.getElementById(`answer-${id}`);
        return [
          id,
          {
            notKnown: document.getElementById(`answer-${id}-not-known`) !== null,
            min: number?.min === "" || !number ? null : Number(number.min),
            max: number?.max === "" || !number ? null : Number(number.max),
          },
        ];
      }),
    ),
  );
}

function randomValue(q, allowed, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  switch (q.kind) {
    case "single":
    case "yes_no":
      return pick(q.options);
    case "multiple": {
      const chosen = q.options.filter(() => rand() < 0.4);
      return chosen.length ? chosen : [pick(q.options)];
    }
    case "scale":
      return q.min + Math.floor(rand() * (q.max - q.min + 1));
    case "number":
      return pick(NUMBERS.filter((n) => (allowed.min ?? -Infinity) <= n && n <= (allowed.max ?? Infinity)));
    default:
      return pick(["", "A short answer", 'Quotes " and \\ backslash', "Two\nlines"]);
  }
}

function randomAnswers(questions, allowed, rand) {
  const answers = {};
  for (const q of questions) {
    const r = rand();
    if (r < 0.15) continue;
    if (r < 0.27 && allowed[q.id].notKnown) answers[q.id] = { value: "not known" };
    else answers[q.id] = { value: randomValue(q, allowed[q.id], rand) };
  }
  return answers;
}

function differences(expected, shown) {
  const missing = [...expected].filter((id) => !shown.has(id));
  const extra = [...shown].filter((id) => !expected.has(id));
  return missing.length || extra.length
    ? `not shown: ${missing.join(", ") || "none"}; shown but not applicable: ${extra.join(", ") || "none"}`
    : null;
}

const dir = tempDir("form-parity");
const browser = await launch();
let setsChecked = 0;
let formsChecked = 0;
let hiddenSeen = 0;
const loaded = [];

/// The questions coopai counts as applicable for `answers`, among `asked`.
function expected(name, template, answers, stage, asked) {
  const file = writeText(
    join(dir, `${name}-expected.toml`),
    answersToml({ framework: template.framework, meta: stage ? { stage } : {}, answers }),
  );
  return new Set(applicableIds(scoreJson(file, template.path)).filter((id) => asked.has(id)));
}

async function checkForm(framework, role, sets, liveSets) {
  const label = `${framework}${role ? ` (role ${role})` : " (lead)"}`;
  const started = Date.now();
  const name = `${basename(framework, ".toml")}-${role ?? "lead"}`;
  const template = { ...templateQuestions({ framework, role }), path: framework };
  const asked = new Set(template.questions.map((q) => q.id));
  if (asked.size === 0) {
    ok(`${label}: asks no question; nothing to compare`);
    return;
  }
  const html = writeForm(dir, { framework, role, name: `${name}.html` });
  // A page of many megabytes would take the browser minutes, or never load.
  const megabytes = statSync(html).size / 1e6;
  if (megabytes > 5) {
    fail(`${label}: the form is ${megabytes.toFixed(0)} MB; not opened`);
    return;
  }
  const form = await openForm(browser, html);
  const { page } = form;
  for (const p of await cspProblems(page)) fail(`${label}: ${p}`);
  const onPage = await questionIds(page);
  if (onPage.length === 0 || onPage.length !== asked.size || !onPage.every((id) => asked.has(id))) {
    fail(`${label}: the page has questions [${onPage.join(", ")}], the template [${[...asked].join(", ")}]`);
    await form.context.close();
    return;
  }
  const allowed = await controls(page);
  const rand = rng(seedOf(name));
  const shownSets = new Set();
  let mismatches = 0;
  let canary = null;
  for (let i = 0; i < sets; i++) {
    const answers = randomAnswers(template.questions, allowed, rand);
    const stage = role ? "" : STAGES[Math.floor(rand() * STAGES.length)];
    const file = writeText(
      join(dir, `${name}-${i}.toml`),
      answersToml({ framework: template.framework, role, meta: stage ? { stage } : {}, answers }),
    );
    const opened = await openAnswers(page, file, { quick: true });
    if (opened.asked) fail(`${label}, set ${i} (${file}): the page would not simply open it: ${opened.text}`);
    const shown = new Set(await visibleIds(page));
    const want = expected(`${name}-${i}`, template, answers, stage, asked);
    shownSets.add([...shown].join(" "));
    hiddenSeen += asked.size - shown.size;
    const diff = differences(want, shown);
    if (diff && ++mismatches <= 3) fail(`${label}, set ${i} (${file}): ${diff}`);
    if (!canary && "system-type" in answers) canary = { answers, stage, shown, i };
    setsChecked += 1;
  }
  if (mismatches > 3) fail(`${label}: ${mismatches - 3} more sets differ`);

  // The canary: the same shown questions against the answers with the system type changed
  // between rules and trained, which switches the training-data question.
  if (canary && framework === REFERENCE && !role) {
    const flipped = structuredClone(canary.answers);
    flipped["system-type"] = { value: flipped["system-type"].value === "rules" ? "trained" : "rules" };
    const wrong = expected(`${name}-canary`, template, flipped, canary.stage, asked);
    if (!differences(wrong, canary.shown)) fail(`${label}: canary: a wrong expectation (system type changed) was not caught`);
    else ok(`${label}: canary: a wrong expectation (system type changed) is caught`);
  }
  await form.context.close();

  // Answers given through the controls, in passes (an answer can show further questions),
  // saved with "Save answers file", and the saved file scored.
  for (let i = 0; i < liveSets; i++) {
    const answers = randomAnswers(template.questions, allowed, rand);
    const stage = STAGES[1 + Math.floor(rand() * (STAGES.length - 1))];
    const live = await openForm(browser, html);
    try {
      await live.page.selectOption("#meta-stage", stage);
      await live.page.fill("#meta-system", "Parity check");
      for (let pass = 0; pass < 6; pass++) {
        let changed = false;
        for (const id of await visibleIds(live.page)) {
          const q = template.questions.find((x) => x.id === id);
          const want = answers[id]?.value;
          if (want === undefined || want === "" || JSON.stringify(await readAnswer(live.page, q)) === JSON.stringify(want)) continue;
          // An earlier answer in this pass may have hidden it.
          if (await live.page.locator(`#q-${id}`).isHidden()) continue;
          await setAnswer(live.page, q, want);
          changed = true;
        }
        if (!changed) break;
      }
      const saved = await saveAnswers(live.page, dir, `${name}-live-${i}.toml`);
      const want = new Set(applicableIds(scoreJson(saved.path, framework)));
      const diff = differences(want, new Set(await visibleIds(live.page)));
      if (diff) fail(`${label}, answered through the controls ${i} (${saved.path}): ${diff}`);
      setsChecked += 1;
    } catch (e) {
      fail(`${label}, answered through the controls ${i}: ${e.message}`);
    }
    for (const p of live.problems()) fail(`${label}: ${p}`);
    await live.context.close();
  }
  for (const p of form.problems()) fail(`${label}: ${p}`);
  formsChecked += 1;
  ok(`${label}: ${sets} opened and ${liveSets} typed answer sets, ${shownSets.size} different sets of questions shown (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return shownSets.size;
}

try {
  for (const framework of frameworks) {
    if (coopai(["framework", "check", framework]).status !== 0) continue;
    loaded.push(framework);
    const conditional = /\bwhen\s*=|impact_level_at_least/.test(readFileSync(framework, "utf8"));
    const reference = framework === REFERENCE;
    const [, ...respondents] = roleIds(framework);
    const check = (role, sets, liveSets) =>
      checkForm(framework, role, sets, liveSets).catch((e) => fail(`${framework}${role ? ` (role ${role})` : ""}: ${e.stack ?? e}`));
    const variety = await check(undefined, reference ? 100 : conditional ? 15 : 3, reference ? 2 : conditional ? 1 : 0);
    if (reference && !(variety > 10)) fail(`${framework}: the random sets showed only ${variety} different sets of questions`);
    for (const role of respondents) await check(role, reference ? 10 : conditional ? 8 : 3, 0);
  }
  if (!loaded.includes(REFERENCE)) fail(`${REFERENCE} was not checked`);
  if (hiddenSeen === 0) fail("no set hid any question: the conditions were never exercised");
} catch (e) {
  fail(e.stack ?? String(e));
}
await browser.close();
console.log(`checked ${setsChecked} answer sets in ${formsChecked} forms of ${loaded.length} frameworks`);
finish("condition parity between the form and coopai");
