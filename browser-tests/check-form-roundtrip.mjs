// Round trip: text of each awkward kind, typed into a free-text question, every evidence field
// and the metadata, comes back byte for byte from `coopai score --format json` on the saved
// file. Newlines are typed with Enter; tabs and other control characters, which no key types
// into a text area, are inserted as a paste would insert them. A text area's value turns CRLF
// and a lone CR into LF (the HTML standard's newline normalisation), so that is what a person
// has typed; the check says so if the field holds anything else.
import { join } from "node:path";
import { launch, fail, ok, finish } from "./lib.mjs";
import {
  tempDir,
  writeForm,
  templateQuestions,
  scoreJson,
  openForm,
  cspProblems,
  visibleIds,
  setAnswer,
  saveAnswers,
  quoted,
} from "./form.mjs";

const FRAMEWORK = "frameworks/example-minimal.toml";
const AWKWARD = {
  quotes: `He said "yes", then 'no' and “maybe”`,
  backslashes: String.raw`C:\new\table \\server\share \u0041 \" \n ends with \\`,
  newlines: "line one\nline two\n\nline four\n",
  crlf: "windows\r\nline\r\nbreaks and a lone\rreturn",
  tabs: "a\tb\t\tc\t",
  emoji: "🏠 repairs 👩🏽‍🔧 ✅ 🇬🇧 e\u0301",
  control: "bell\u0007 escape\u001b[31m unit\u001f backspace\u0008 form\u000c vertical\u000b delete\u007f next\u0085 start\u0001",
  "triple double quotes": 'a """ triple """ quote and a closing """',
  "triple single quotes": "a ''' triple ''' single and '''",
  markup: "</script><script>alert(1)</script> <b>bold</b> &amp; <!-- ]]> ${x} {{y}}",
  spaces: "   leading and trailing spaces   ",
};
AWKWARD["all at once"] = Object.values(AWKWARD).join(" | ");

// Inputs of one line drop newlines by design, so the metadata gets the text without them.
const oneLine = (text) => text.replace(/[\r\n]+/g, " ");
const normalised = (text) => text.replace(/\r\n?/g, "\n");

/// Puts `text` into a field. `keys`: Enter for a newline, a paste-like insertion for other
/// control characters (no key types them), a key press for every other character. Otherwise
/// the whole text is inserted at once, as a paste, which is quicker.
async function typeAwkward(page, selector, text, keys) {
  await page.click(selector);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  if (!keys) return page.keyboard.insertText(text);
  for (const part of text.split(/(\r\n|\n|[\u0000-\u001f\u007f-\u009f])/u)) {
    if (part === "") continue;
    if (part === "\n") await page.keyboard.press("Enter");
    else if (/^[\u0000-\u001f\u007f-\u009f]|\r\n/u.test(part)) await page.keyboard.insertText(part);
    else await page.keyboard.type(part);
  }
}

const dir = tempDir("form-roundtrip");
const html = writeForm(dir, { framework: FRAMEWORK });
const template = templateQuestions({ framework: FRAMEWORK });
const textQuestion = template.questions.find((q) => q.kind === "text");
const browser = await launch();
const KINDS = Object.keys(AWKWARD);
const ROUNDS = 3;
// Each round gives every field a different kind of text, rotating, so that over the rounds
// every kind goes into evidence fields and the metadata, and the free-text answer gets all of
// them at once (in the first round) and two on their own. Fields are named in failures.
const kindFor = (slot, round) => KINDS[(KINDS.length - 1 + slot + 5 * round) % KINDS.length];
let fields = 0;
const kindsCompared = new Set();
try {
  if (!textQuestion) throw new Error(`${FRAMEWORK} has no free-text question`);
  for (let round = 0; round < ROUNDS; round++) {
    const { context, page, problems } = await openForm(browser, html);
    for (const p of await cspProblems(page)) fail(p);
    for (const q of template.questions) {
      // An answer can hide a later question, so each is looked at when its turn comes.
      if (q.kind === "text" || (await page.locator(`#q-${q.id}`).isHidden())) continue;
      await setAnswer(page, q, q.kind === "multiple" ? [q.options[0]] : q.kind === "scale" ? q.min : q.kind === "number" ? 1 : q.options[0]);
    }
    const shown = await visibleIds(page);
    if (!shown.includes(textQuestion.id)) throw new Error(`${textQuestion.id} is not shown`);
    // [field id, what it is, where the report has it, typed key by key?]
    const slots = [
      [`answer-${textQuestion.id}`, `the answer to ${textQuestion.id}`, (r) => r.answers.find((a) => a.question === textQuestion.id)?.value, true],
      ["meta-description", "the description", (r) => r.assessment.description, true],
      ["meta-council", "the council", (r) => r.assessment.council, false],
      ["meta-system", "the system name", (r) => r.assessment.system, false],
      ...shown.map((id, n) => [`evidence-${id}`, `the evidence for ${id}`, (r) => r.answers.find((a) => a.question === id)?.evidence, n === 0]),
    ];
    const typed = new Map();
    for (const [slot, [field, , , keys]] of slots.entries()) {
      const kind = kindFor(slot, round);
      const text = field.startsWith("meta-") ? oneLine(AWKWARD[kind]) : AWKWARD[kind];
      typed.set(field, { kind, text });
      await typeAwkward(page, `#${field}`, text, keys && kind !== "all at once");
    }
    if (round === 0) {
      // The long text by keys once, in the free-text answer.
      await typeAwkward(page, `#answer-${textQuestion.id}`, AWKWARD["all at once"], true);
    }

    // What the fields hold is what was typed, once the browser's newline rule is applied.
    const held = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, document.getElementById(id).value])), [...typed.keys()]);
    for (const [field, { kind, text }] of typed) {
      if (held[field] !== normalised(text)) fail(`${kind}: #${field} holds ${quoted(held[field])} after typing ${quoted(text)}`);
    }

    const saved = await saveAnswers(page, dir, `round-${round}.toml`);
    const report = scoreJson(saved.path, FRAMEWORK);
    for (const [field, what, read] of slots) {
      const { kind } = typed.get(field);
      const got = read(report);
      fields += 1;
      kindsCompared.add(kind);
      if (got !== held[field]) fail(`${kind}: ${what} came back as ${quoted(got)}, typed ${quoted(held[field])} (${saved.path})`);
    }
    for (const p of problems()) fail(`round ${round}: ${p}`);
    await context.close();
  }
  if (kindsCompared.size !== KINDS.length) fail(`only ${kindsCompared.size} of ${KINDS.length} kinds of text were compared`);
  else ok(`${fields} fields with ${KINDS.length} kinds of awkward text compared after save and coopai score`);
} catch (e) {
  fail(e.stack ?? String(e));
}
await browser.close();
finish("the typed-text round trip");
