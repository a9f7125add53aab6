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

/// Types `text` into the focused field: Enter for a newline, a paste-like insertion for
/// other control characters, keystrokes for the rest.
async function typeAwkward(page, selector, text) {
  await page.click(selector);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
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
let fields = 0;
try {
  if (!textQuestion) throw new Error(`${FRAMEWORK} has no free-text question`);
  for (const [kind, text] of Object.entries(AWKWARD)) {
    const { context, page, problems } = await openForm(browser, html);
    for (const p of await cspProblems(page)) fail(p);
    await typeAwkward(page, "#meta-system", oneLine(text));
    await typeAwkward(page, "#meta-description", oneLine(text));
    await typeAwkward(page, "#meta-council", oneLine(text));
    const shown = await visibleIds(page);
    if (!shown.includes(textQuestion.id)) throw new Error(`${textQuestion.id} is not shown`);
    for (const id of shown) {
      const q = template.questions.find((x) => x.id === id);
      if (q.kind !== "text") await setAnswer(page, q, q.kind === "multiple" ? [q.options[0]] : q.kind === "scale" ? q.min : q.kind === "number" ? 1 : q.options[0]);
    }
    await typeAwkward(page, `#answer-${textQuestion.id}`, text);
    for (const id of shown) await typeAwkward(page, `#evidence-${id}`, text);

    // What the fields hold is what was typed, once the browser's newline rule is applied.
    const held = await page.evaluate(
      (ids) => Object.fromEntries(ids.map((id) => [id, document.getElementById(id).value])),
      ["meta-description", `answer-${textQuestion.id}`, ...shown.map((id) => `evidence-${id}`)],
    );
    for (const [id, value] of Object.entries(held)) {
      const typed = id.startsWith("meta-") ? oneLine(text) : normalised(text);
      if (value !== typed) fail(`${kind}: #${id} holds ${JSON.stringify(value)} after typing ${JSON.stringify(typed)}`);
    }

    const saved = await saveAnswers(page, dir, `${kind.replace(/ /g, "-")}.toml`);
    const report = scoreJson(saved.path, FRAMEWORK);
    const back = new Map(report.answers.map((a) => [a.question, a]));
    const compare = (what, got, want) => {
      fields += 1;
      if (got !== want) fail(`${kind}: ${what} came back as ${JSON.stringify(got)}, typed ${JSON.stringify(want)} (${saved.path})`);
    };
    compare("the system name", report.assessment.system, oneLine(text));
    compare("the description", report.assessment.description, held["meta-description"]);
    compare("the council", report.assessment.council, oneLine(text));
    compare(`the answer to ${textQuestion.id}`, back.get(textQuestion.id)?.value, held[`answer-${textQuestion.id}`]);
    for (const id of shown) compare(`the evidence for ${id}`, back.get(id)?.evidence, held[`evidence-${id}`]);
    for (const p of problems()) fail(`${kind}: ${p}`);
    await context.close();
  }
  if (fields === 0) fail("no field was compared");
  else ok(`${fields} fields with ${Object.keys(AWKWARD).length} kinds of awkward text compared after save and coopai score`);
} catch (e) {
  fail(e.stack ?? String(e));
}
await browser.close();
finish("the typed-text round trip");
