// What the form checks (check-form-*.mjs) share: running coopai, reading a framework's
// questions from the template coopai writes, writing answers files, and driving the form's
// page through its contract (docs/form.md, "Page structure") and nothing else.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { watchedPage, fileUrl } from "./lib.mjs";

export const COOPAI = process.env.COOPAI;
if (!COOPAI) {
  console.log("FAIL: COOPAI is not set; run the checks with scripts/check-browser.sh");
  process.exit(2);
}

/// The date both the form and `coopai assess` (COOPAI_DATE) record, so reports compare.
export const DATE = "2026-11-23";

// Temporary folders are removed when a check passes, and kept (failures name files in them)
// when it fails.
const made = [];
process.on("exit", (code) => {
  if (code === 0) for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(what) {
  const dir = mkdtempSync(join(tmpdir(), `coopai-${what}-`));
  made.push(dir);
  return dir;
}

/// Runs coopai with `args`; `input` goes to standard input. Never throws: the caller
/// reports a failure with the exit status and standard error.
export function coopai(args, { input = "", env = {}, cwd } = {}) {
  const r = spawnSync(COOPAI, args, {
    input,
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/// Runs coopai and throws with its standard error when it fails.
export function coopaiOk(args, options) {
  const r = coopai(args, options);
  if (r.status !== 0) {
    throw new Error(`coopai ${args.join(" ")} exited with ${r.status}:\n${r.stderr}`);
  }
  return r.stdout;
}

/// Writes the form for `role` (the lead's when undefined) of `framework` to `dir`.
export function writeForm(dir, { framework, role, name = "form.html" } = {}) {
  const html = join(dir, name);
  const args = ["form", "-o", html, "--force"];
  if (framework) args.push("--framework", framework);
  if (role) args.push("--role", role);
  coopaiOk(args);
  return html;
}

/// A framework's questions for `role`, from `coopai template`: each with its id, kind
/// (single, multiple, yes_no, scale, number, text), option ids, and a scale's range; and the
/// framework's id, version and sha256.
export function templateQuestions({ framework, role } = {}) {
  const dir = tempDir("template");
  const file = join(dir, "template.toml");
  const args = ["template", "-o", file, "--force"];
  if (framework) args.push("--framework", framework);
  if (role) args.push("--role", role);
  coopaiOk(args);
  return parseTemplate(readFileSync(file, "utf8"));
}

export function parseTemplate(text) {
  const questions = [];
  const fw = {};
  let block = [];
  let section = null;
  for (const line of text.split("\n")) {
    const table = /^\[([^\]]+)\]$/.exec(line);
    if (line.startsWith("#")) {
      block.push(line);
    } else if (line.trim() === "") {
      block = [];
    } else if (table) {
      section = table[1];
      if (section.startsWith("answers.")) questions.push(describe(section.slice(8), block));
      block = [];
    } else if (section === "framework") {
      const kv = /^(\w+) = "(.*)"$/.exec(line);
      if (kv) fw[kv[1]] = kv[2];
    }
  }
  return { framework: fw, questions };
}

function describe(id, comments) {
  const at = comments.findIndex((l) => l.startsWith("# Answer: "));
  if (at < 0) throw new Error(`template: no "# Answer:" line above [answers.${id}]`);
  const answer = comments[at].slice("# Answer: ".length);
  const options = comments
    .slice(at + 1)
    .map((l) => /^# {3}(\S+)\s/.exec(l))
    .filter(Boolean)
    .map((m) => m[1]);
  // The prompt is the comment above "# Answer:", wrapped at the template's width.
  const prompt = comments.slice(0, at).map((l) => l.replace(/^# ?/, "")).join(" ");
  const q = { id, prompt, options, optional: /optional/.test(answer) };
  const scale = /^a whole number from (-?\d+) .*to (-?\d+)/.exec(answer);
  if (answer.startsWith("one option id")) q.kind = "single";
  else if (answer.startsWith("a list of option ids")) q.kind = "multiple";
  else if (answer.startsWith('"yes" or "no"')) q.kind = "yes_no";
  else if (scale) Object.assign(q, { kind: "scale", min: Number(scale[1]), max: Number(scale[2]) });
  else if (answer.startsWith("a number")) q.kind = "number";
  else if (answer.startsWith("text")) q.kind = "text";
  else throw new Error(`template: [answers.${id}]: unknown answer kind "${answer}"`);
  if (q.kind === "yes_no" && q.options.length === 0) q.options = ["yes", "no"];
  return q;
}

/// A TOML basic string holding exactly `s` (control characters and DEL escaped).
export function tomlString(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function tomlValue(v) {
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(", ")}]`;
  if (typeof v === "number") return String(v);
  return tomlString(v);
}

/// An answers file (`role` undefined: the lead's assessment) for `answers`, a map from
/// question id to `{ value, evidence }`.
export function answersToml({ framework, role, meta = {}, answers }) {
  const lines = [];
  if (role) {
    lines.push("[respondent]", `role = ${tomlString(role)}`, `pseudonym = ${tomlString(meta.pseudonym ?? "")}`);
  } else {
    lines.push("[assessment]");
    for (const [k, v] of Object.entries({ system: "Parity check", ...meta })) lines.push(`${k} = ${tomlString(v)}`);
  }
  lines.push("", "[framework]");
  for (const k of ["id", "version", "sha256"]) lines.push(`${k} = ${tomlString(framework[k])}`);
  for (const [id, a] of Object.entries(answers)) {
    lines.push("", `[answers.${id}]`, `answer = ${tomlValue(a.value)}`, `evidence = ${tomlString(a.evidence ?? "")}`);
  }
  return `${lines.join("\n")}\n`;
}

/// `coopai score FILE --format json`, parsed. The report is written to a file with -o:
/// written to a pipe, coopai's standard output drops U+007F (DEL) from it.
export function scoreJson(file, framework) {
  const out = `${file}.report.json`;
  const args = ["score", file, "--format", "json", "-o", out, "--force"];
  if (framework) args.push("--framework", framework);
  coopaiOk(args);
  return JSON.parse(readFileSync(out, "utf8"));
}

/// `text` quoted, with every invisible or control character escaped, for a failure message.
export function quoted(text) {
  return JSON.stringify(text)?.replace(/[\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/gu, (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, "0")}`);
}

/// The ids of the questions the report counts as applicable.
export function applicableIds(report) {
  return report.answers.filter((a) => a.applies).map((a) => a.question);
}

/// A deterministic pseudo-random generator (mulberry32), so every run checks the same sets.
export function rng(seed) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// The page

/// Opens the form `html` in a fresh context (a fresh profile) of `browser`, with every request
/// recorded: only the file itself is allowed (a save's Blob URL makes no request). Waits for
/// the script to mark the page ready.
export async function openForm(browser, html, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const watched = await openIn(context, html);
  return { context, ...watched };
}

export async function openIn(context, html) {
  const url = fileUrl(html);
  const watched = await watchedPage(context, (u) => u === url);
  // A control that is not there fails in seconds, not Playwright's 30.
  watched.page.setDefaultTimeout(5000);
  await watched.page.goto(url);
  await waitReady(watched.page, html);
  return watched;
}

export async function waitReady(page, what) {
  try {
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 5000 });
  } catch {
    throw new Error(`${what}: the page did not set data-ready="true" on <html> within 5 s`);
  }
}

/// Problems with the page's Content-Security-Policy meta tag: it must exist, allow scripts
/// and styles only by hash, and allow no connections.
export async function cspProblems(page) {
  const content = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute("content") ?? null,
  );
  if (content === null) return ["no Content-Security-Policy meta tag"];
  const directives = new Map(
    content
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
  const problems = [];
  const source = (name) => directives.get(name) ?? directives.get("default-src");
  for (const kind of ["script-src", "style-src"]) {
    const values = source(kind);
    if (!values) problems.push(`CSP has neither ${kind} nor default-src: ${content}`);
    else if (!values.some((v) => v.startsWith("'sha256-")) || values.some((v) => /unsafe|\*|^https?:|^data:/.test(v)))
      problems.push(`CSP ${kind} should allow the inline ${kind === "script-src" ? "script" : "styles"} by hash only: ${content}`);
  }
  const connect = source("connect-src");
  if (!connect || connect.join(" ") !== "'none'") problems.push(`CSP should say connect-src 'none' (or default-src 'none'): ${content}`);
  return problems;
}

/// The ids of the questions on the page (every fieldset.question), and of those shown.
export async function questionIds(page) {
  return page.evaluate(() => [...document.querySelectorAll("fieldset.question")].map((f) => f.dataset.question));
}

export async function visibleIds(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("fieldset.question:not([hidden])")].map((f) => f.dataset.question),
  );
}

/// Sets question `q`'s answer through its controls, as a person would: clicking labels and
/// boxes, typing into fields. `value` is an option id, a list of them, a number, text, or
/// "not known"; `undefined` clears a typed answer.
export async function setAnswer(page, q, value) {
  const id = q.id;
  const notKnown = page.locator(`#answer-${id}-not-known`);
  // A wide scale is answered in a number box, with "not known" as a box beside it.
  const box = q.kind === "scale" && (await page.locator(`input#answer-${id}`).count()) > 0;
  const notKnownIsBox = box || ["multiple", "number", "text"].includes(q.kind);
  if (value === "not known") {
    if (!(await notKnown.isChecked())) await page.click(`label[for="answer-${id}-not-known"]`);
    return;
  }
  if (notKnownIsBox && (await notKnown.count()) > 0 && (await notKnown.isChecked())) {
    await page.click(`label[for="answer-${id}-not-known"]`);
  }
  switch (q.kind) {
    case "single":
    case "yes_no":
    case "scale":
      if (box) await typeInto(page, `#answer-${id}`, String(value));
      else await page.click(`label[for="answer-${id}-${value}"]`);
      return;
    case "multiple":
      for (const option of q.options) {
        const box = page.locator(`#answer-${id}-${option}`);
        if ((await box.isChecked()) !== value.includes(option)) await page.click(`label[for="answer-${id}-${option}"]`);
      }
      return;
    default:
      await typeInto(page, `#answer-${id}`, value === undefined ? "" : String(value));
  }
}

/// Clicks into a field, selects what it holds and types `text` over it (Enter for each newline).
export async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  if (text !== "") await page.keyboard.type(text);
}

/// Question `q`'s answer as the controls show it: an option id, a list, a number, text,
/// "not known", or undefined when blank.
export async function readAnswer(page, q) {
  return page.evaluate(
    ({ id, kind }) => {
      const nk = document.getElementById(`answer-${id}-not-known`);
      if (nk?.checked) return "not known";
      if (kind === "multiple") {
        const chosen = [...document.querySelectorAll(`input[name="answer-${id}"]:checked`)].map((i) => i.value);
        return chosen.length ? chosen : undefined;
      }
      if (kind === "number" || kind === "text" || (kind === "scale" && document.querySelector(`input#answer-${id}`))) {
        const v = document.getElementById(`answer-${id}`)?.value ?? "";
        if (v === "") return undefined;
        return kind === "text" ? v : Number(v);
      }
      const checked = document.querySelector(`input[name="answer-${id}"]:checked`);
      if (!checked) return undefined;
      return kind === "scale" ? Number(checked.value) : checked.value;
    },
    { id: q.id, kind: q.kind },
  );
}

/// Clicks "Save answers file" and keeps the download as `dir/name`; returns its path and the
/// name the page suggested.
export async function saveAnswers(page, dir, name, click = () => page.click("#save-answers")) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 5000 }), click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, suggested: download.suggestedFilename() };
}

/// Opens `path` with "Open an answers file". Resolves once the page has reacted: with the
/// new text of #messages, or, when instead it shows something that was hidden (a question
/// before it places a file it cannot wholly place), with that text and `asked: true`.
/// `quick`: the file is handed to the input in the page (a DataTransfer, as a drop gives it)
/// in one round trip, instead of through the file chooser; the page's handler is the same.
export async function openAnswers(page, path, { quick = false } = {}) {
  const file = quick ? { name: basename(path), text: readFileSync(path, "utf8") } : null;
  const waiting = page.evaluate(async (file) => {
    const messages = document.getElementById("messages");
    const reacted = new Promise((resolve) => {
      const observer = new MutationObserver((records) => {
        const said = records.some((r) => r.type !== "attributes" && messages.contains(r.target)) && messages.textContent.trim() !== "";
        const shown = records
          .filter((r) => r.type === "attributes" && !r.target.hidden && !r.target.closest("fieldset.question"))
          .map((r) => r.target.innerText)
          .filter((text) => text.trim() !== "");
        if (!said && shown.length === 0) return;
        observer.disconnect();
        resolve(said ? { text: messages.textContent, asked: false } : { text: shown.join("\n"), asked: true });
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["hidden"] });
      setTimeout(() => resolve(null), 5000);
    });
    if (file) {
      const input = document.getElementById("open-answers");
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], file.name));
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    return reacted;
  }, file);
  if (!quick) {
    // The observer is in place once the page has run the script's first statements.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    await page.setInputFiles("#open-answers", path);
  }
  const reaction = await waiting;
  if (reaction === null) throw new Error(`opening ${path}: the page showed nothing about it within 5 s`);
  return reaction;
}

// ---------------------------------------------------------------------------------------------
// `coopai assess --plain`, driven from a script of answers

const META_PROMPTS = [
  ["Council", "council"],
  ["Name of the AI system", "system"],
  ["Short description", "description"],
  ["Lifecycle stage", "stage"],
  ["Assessor", "assessor"],
  ["Team responsible", "team"],
  ["Team contact email", "contact"],
  ["Service area", "service"],
  ["Region where", "region"],
  ["Phase, as the transparency record", "phase"],
];

function plainReply(value) {
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

/// Runs `coopai assess --plain -o out` in `cwd`, answering each prompt from `meta` and
/// `answers` (question id to `{ value, evidence }`; a question not in `answers` is skipped).
/// `prompts` maps each lead prompt to its question id. Resolves with the transcript and the
/// problems met (a reply not accepted, a prompt not understood).
export function plainInterview({ framework, out, cwd, meta, answers, prompts }) {
  return new Promise((resolve) => {
    const args = ["assess", "--plain", "-o", out];
    if (framework) args.push("--framework", framework);
    const child = spawn(COOPAI, args, { cwd, env: { ...process.env, NO_COLOR: "1", COOPAI_DATE: DATE } });
    let transcript = "";
    let pending = "";
    let question = null;
    const problems = [];
    const asked = [];
    const metaAsked = new Set();
    const reply = (line) => {
      transcript += `${line}\n`;
      pending = "";
      child.stdin.write(`${line}\n`);
    };
    const stop = (problem) => {
      problems.push(problem);
      child.stdin.end();
    };
    const timer = setTimeout(() => {
      problems.push(`the interview did not finish within 15 s; it ends:\n${transcript.slice(-600)}`);
      child.kill();
    }, 15000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      transcript += chunk;
      pending += chunk;
      if (!pending.endsWith(":\n")) return;
      const lines = pending.trimEnd().split("\n");
      const last = lines[lines.length - 1];
      const refused = lines.find((l) => l.startsWith("Not accepted:"));
      if (refused) return stop(`${question ?? "metadata"}: ${refused}`);
      const metaPrompt = META_PROMPTS.find(([start]) => last.startsWith(start));
      if (metaPrompt) {
        // Each metadata prompt comes once; again means the reply was refused.
        if (metaAsked.has(metaPrompt[1])) return stop(`the ${metaPrompt[1]} was asked again: ${lines.join(" / ")}`);
        metaAsked.add(metaPrompt[1]);
        return reply(meta[metaPrompt[1]] ?? "");
      }
      if (/^(Choose|Type )/.test(last)) {
        const header = lines.findIndex((l) => /^\[[^\]]+\] question \d+ of \d+/.test(l));
        if (header >= 0) {
          const prompt = lines[header + 1];
          question = prompts.get(prompt.replace(/\s+/g, " "));
          if (!question) return stop(`a question prompt matches no question: ${prompt}`);
          asked.push(question);
        }
        const answer = answers[question];
        return reply(answer === undefined ? "s" : plainReply(answer.value));
      }
      if (last.startsWith("Evidence or notes")) return reply(answers[question]?.evidence ?? "");
      return stop(`a prompt not understood: ${last}`);
    });
    child.stderr.setEncoding("utf8");
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (status) => {
      clearTimeout(timer);
      if (status !== 0) problems.push(`coopai assess exited with ${status}: ${stderr}`);
      resolve({ transcript, problems, asked });
    });
    child.stdin.on("error", () => {});
  });
}

/// Each lead prompt of `framework` mapped to its question id. The template wraps long
/// prompts; the interview prints them whole, so the map holds them with single spaces.
export function leadPrompts(framework) {
  return new Map(templateQuestions({ framework }).questions.map((q) => [q.prompt, q.id]));
}

/// The differences between two JSON values, as "path: a != b" lines.
export function jsonDiff(a, b, path = "$", out = []) {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  } else if (a !== null && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) jsonDiff(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`, out);
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  }
  return out;
}

/// The first lines where two texts differ, for a failure message.
export function textDiff(a, b, max = 8) {
  const la = a.split("\n");
  const lb = b.split("\n");
  const out = [];
  for (let i = 0; i < Math.max(la.length, lb.length) && out.length < max; i++) {
    if (la[i] !== lb[i]) out.push(`line ${i + 1}: ${JSON.stringify(la[i])} != ${JSON.stringify(lb[i])}`);
  }
  return out;
}

export function writeText(path, text) {
  writeFileSync(path, text);
  return path;
}
