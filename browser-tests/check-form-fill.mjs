// The lead officer's form of the reference framework, filled by clicking and typing: answers
// that switch conditional questions on and then off again (the system type, decisions about
// people, the impact level, the lifecycle stage), a "not known" answer, evidence. At each step
// the questions shown are those coopai counts as applicable for the same answers. The saved
// file is then scored and compared with the same answers given to `coopai assess --plain`:
// the two answers files must be the same text, and the two JSON reports the same apart from
// `assessment.sha256`, the hash of the answers file's bytes, left out so that a difference in
// the text (reported above) is not reported twice. Nothing else is left out: the JSON report
// names no file and holds no timestamp but the assessment's date, which the form is given and
// assess takes from COOPAI_DATE, both DATE.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, fail, ok, finish } from "./lib.mjs";
import {
  DATE,
  tempDir,
  writeForm,
  templateQuestions,
  leadPrompts,
  answersToml,
  scoreJson,
  applicableIds,
  openForm,
  cspProblems,
  questionIds,
  visibleIds,
  setAnswer,
  readAnswer,
  typeInto,
  saveAnswers,
  plainInterview,
  jsonDiff,
  textDiff,
  writeText,
} from "./form.mjs";

const dir = tempDir("form-fill");
const template = templateQuestions();
const questions = new Map(template.questions.map((q) => [q.id, q]));
const html = writeForm(dir);

const META = {
  council: "Testshire County Council",
  system: "Housing repairs assistant",
  description: "Answers tenants' questions about repairs and books appointments",
  assessor: "A. Officer, Digital Services lead",
  team: "Digital Services",
  contact: "digital@testshire.example",
  service: "Housing repairs",
  region: "South West",
};

// Step B switches on: a trained system that decides about children and scores them, whose
// output residents read, already live. Step C switches the same questions off again.
const SWITCH_ON = {
  "system-type": "trained",
  "decisions-about-people": "decides",
  "vulnerable-groups": "children-or-care",
  "outputs-about-people": "score",
  "public-content": "reviewed",
};
const SWITCH_OFF = {
  "system-type": "rules",
  "decisions-about-people": "none",
  "vulnerable-groups": "general",
  "outputs-about-people": "nothing",
  "public-content": "none",
  "sensitive-data": "personal",
  "people-affected": 300,
  reversibility: "easy",
  autonomy: "information",
};
// Questions the two steps must switch on and then off (with the lifecycle stage: live, then
// pilot, `pilot-first` the other way round).
const SWITCHED = [
  "training-data",
  "environment-measures",
  "human-review",
  "high-stakes",
  "scored-people-told",
  "accessibility",
  "citizen-panel",
];
const NOT_KNOWN = "member-decision";
const LEFT_BLANK = template.questions.find((q) => q.kind === "text" && q.optional)?.id;
const EVIDENCE = {
  "system-type": "Supplier's technical summary v2.1, section 3",
  "people-affected": "Repairs service data 2025: about 300 tenants a year",
  [NOT_KNOWN]: "Asked democratic services on 2 November; no reply yet",
  "accountable-officer": "Cabinet report, 4 October, paragraph 12",
};

/// The answer given to a question not named above: varied by question, always valid.
function plainAnswer(q, n) {
  switch (q.kind) {
    case "single":
    case "yes_no":
      return q.options[n % q.options.length];
    case "multiple": {
      const usable = q.options.filter((o) => o !== "none");
      return usable.slice(0, Math.min(2, usable.length));
    }
    case "scale":
      return q.max - (n % 2);
    case "number":
      return 10;
    default:
      return `Answer ${n}: tenants' panel, "quarterly"`;
  }
}

const given = {};
let stage = "";
const browser = await launch();
const { context, page, problems } = await openForm(browser, html);

async function setMeta() {
  for (const [field, value] of Object.entries(META)) await typeInto(page, `#meta-${field}`, value);
  const dateType = await page.getAttribute("#meta-date", "type");
  // A date input takes typing in the browser's locale's order; fill gives it the ISO date.
  if (dateType === "date") await page.fill("#meta-date", DATE);
  else await typeInto(page, "#meta-date", DATE);
  await page.selectOption("#meta-status", "draft");
}

async function setStage(value) {
  stage = value;
  await page.selectOption("#meta-stage", value);
}

async function answer(id, value) {
  const q = questions.get(id);
  if (!q) throw new Error(`the template has no question ${id}`);
  await setAnswer(page, q, value);
  given[id] = { value, evidence: EVIDENCE[id] ?? "" };
  const shown = await readAnswer(page, q);
  if (JSON.stringify(shown) !== JSON.stringify(value)) {
    fail(`${id}: after answering ${JSON.stringify(value)} the controls show ${JSON.stringify(shown)}`);
  }
}

/// What coopai counts as applicable for the answers given so far.
function expectedNow(name) {
  const file = writeText(
    join(dir, `${name}.toml`),
    answersToml({ framework: template.framework, meta: { stage }, answers: given }),
  );
  return new Set(applicableIds(scoreJson(file)));
}

async function compareStep(name) {
  const expected = expectedNow(name);
  const shown = new Set(await visibleIds(page));
  const missing = [...expected].filter((id) => !shown.has(id));
  const extra = [...shown].filter((id) => !expected.has(id));
  if (missing.length || extra.length) {
    fail(`${name}: the form shows ${shown.size} questions, coopai counts ${expected.size} applicable; not shown: ${missing.join(", ") || "none"}; shown but not applicable: ${extra.join(", ") || "none"}`);
  } else {
    ok(`${name}: the form shows the ${shown.size} questions coopai counts as applicable`);
  }
  return { expected, shown };
}

try {
  for (const p of await cspProblems(page)) fail(p);
  const onPage = await questionIds(page);
  const inTemplate = template.questions.map((q) => q.id);
  if (onPage.length === 0 || JSON.stringify([...onPage].sort()) !== JSON.stringify([...inTemplate].sort())) {
    fail(`the page has ${onPage.length} questions; the template ${inTemplate.length}: ${textDiff([...onPage].sort().join("\n"), [...inTemplate].sort().join("\n")).join("; ")}`);
  }
  const text = await page.evaluate(() => document.body.innerText);
  if (!/(nothing|no answers?|none of your answers)[^.]*\b(is|are) (ever )?sent|never (leaves|leave|sent)|not sent anywhere/i.test(text)) {
    fail("the page does not say, in plain words, that nothing is sent anywhere");
  }

  await setMeta();
  const a = await compareStep("A: nothing answered");

  await setStage("live");
  for (const [id, value] of Object.entries(SWITCH_ON)) await answer(id, value);
  const b = await compareStep("B: answers that switch questions on");
  if (b.shown.has("pilot-first")) fail("B: pilot-first is shown for a live system");

  await setStage("pilot");
  for (const [id, value] of Object.entries(SWITCH_OFF)) await answer(id, value);
  const c = await compareStep("C: the same answers changed to switch them off");
  for (const id of SWITCHED) {
    if (!b.expected.has(id) || c.expected.has(id)) fail(`the scenario is wrong: coopai should count ${id} applicable in B and not in C`);
    else if (b.shown.has(id) && !c.shown.has(id)) ok(`${id}: shown, then hidden again`);
  }
  if (a.expected.has("citizen-panel") && !a.shown.has("citizen-panel")) fail("A: the precautionary impact level should show citizen-panel");
  if (!c.shown.has("pilot-first")) fail("C: pilot-first should be shown again for a pilot");

  // Answer everything shown, in passes, since an answer can show further questions.
  let n = 0;
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const id of await visibleIds(page)) {
      if (id in given || id === LEFT_BLANK) continue;
      const q = questions.get(id);
      await answer(id, id === NOT_KNOWN ? "not known" : plainAnswer(q, n++));
      changed = true;
    }
    if (!changed) break;
  }
  if (!(NOT_KNOWN in given)) fail(`${NOT_KNOWN} was never shown, so no "not known" answer was given`);
  for (const [id, evidence] of Object.entries(EVIDENCE)) {
    if (id in given) await typeInto(page, `#evidence-${id}`, evidence);
  }
  const final = await compareStep("D: every question shown answered");
  const hiddenAnswered = Object.keys(given).filter((id) => !final.shown.has(id));
  if (hiddenAnswered.length) fail(`answers were given to questions now hidden: ${hiddenAnswered.join(", ")}`);

  const progress = (await page.textContent("#progress")) ?? "";
  const answered = Object.keys(given).length;
  if (!progress.includes(String(answered)) || !progress.includes(String(final.expected.size))) {
    fail(`#progress says "${progress.trim()}"; expected it to count ${answered} of ${final.expected.size} answered`);
  }

  const saved = await saveAnswers(page, dir, "form-answers.toml");
  if (!saved.suggested.endsWith(".toml")) fail(`the saved file is named ${saved.suggested}, not *.toml`);

  const assessDir = join(dir, "assess");
  mkdirSync(assessDir);
  const interview = await plainInterview({
    out: "assess-answers.toml",
    cwd: assessDir,
    meta: { ...META, stage },
    answers: given,
    prompts: leadPrompts(),
  });
  for (const p of interview.problems) fail(`assess --plain: ${p}`);
  const asked = new Set(interview.asked);
  const notAsked = [...final.shown].filter((id) => !asked.has(id));
  if (notAsked.length || asked.size !== final.shown.size) {
    fail(`assess --plain asked ${asked.size} questions, the form showed ${final.shown.size}; shown but not asked: ${notAsked.join(", ") || "none"}`);
  }

  const assessFile = join(assessDir, "assess-answers.toml");
  const formToml = readFileSync(saved.path, "utf8");
  const assessToml = readFileSync(assessFile, "utf8");
  if (formToml !== assessToml) {
    fail(`the form's answers file is not the text assess --plain writes:\n  ${textDiff(formToml, assessToml).join("\n  ")}`);
  } else {
    ok(`the form's answers file is the same text as assess --plain writes (${formToml.length} bytes)`);
  }

  // The sha256 of the answers file differs exactly when the texts do (compared above).
  const comparable = (report) => {
    const copy = structuredClone(report);
    delete copy.assessment.sha256;
    return copy;
  };
  const formReport = scoreJson(saved.path);
  const assessReport = scoreJson(assessFile);
  if (formReport.overall.answered !== answered) {
    fail(`the report of the form's file counts ${formReport.overall.answered} answers, the form was given ${answered}`);
  }
  if (formReport.not_known.length !== 1) fail(`the report lists ${formReport.not_known.length} "not known" answers, expected 1`);
  const diff = jsonDiff(comparable(formReport), comparable(assessReport));
  if (diff.length) fail(`the two JSON reports differ:\n  ${diff.slice(0, 12).join("\n  ")}`);
  else ok(`the JSON reports of the form's file and of assess --plain are identical (${answered} answers, score ${formReport.overall.score})`);

  for (const p of problems()) fail(p);
} catch (e) {
  fail(e.stack ?? String(e));
}
await context.close();
await browser.close();
finish("the filled lead form");
