// Unit tests of the offline form's pure functions (src/form/answers.js and rules.js) in plain
// Node: TOML strings and numbers written as coopai writes them and read back exactly, the
// TOML reader's errors, conditions, and the pseudonym rule. Run by `cargo test --lib form`
// when node is installed, and by scripts/check-browser.sh. Parity with the Rust writer and
// conditions over real frameworks is tested from Rust (src/form/tests.rs).
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

// Loaded as the page runs them: one file after the other, in one function.
const pure = ["answers.js", "rules.js"]
  .map((file) => readFileSync(new URL(`../src/form/${file}`, import.meta.url), "utf8"))
  .join("\n");
const loaded = { exports: {} };
new Function("module", pure)(loaded);
const logic = loaded.exports;

let passed = 0;
function test(name, body) {
  try {
    body();
    passed += 1;
  } catch (e) {
    console.log(`FAIL: ${name}\n${e.stack}`);
    process.exitCode = 1;
  }
}

const awkward = [
  "",
  "plain words",
  'a "quoted" word',
  "it's",
  "'''",
  '"""',
  '""""""',
  "both ' and \"",
  "back\\slash",
  "C:\\path\\to\\file",
  "line\none",
  "ends with a line break\n",
  "\nstarts with one",
  "cr\r\nlf",
  "tab\there",
  "bell\u0007 escape\u001b delete\u007f nul\u0000",
  "café ✓ 😀 👩🏽‍💻",
  "\u0085next line\u2028line separator",
  "a'''b\nc",
  '"""\n\'\'\'',
  'ends in quotes""',
  "'",
  '"',
  "\\",
  "</script><img src=x onerror=alert(1)>",
  "# not a comment",
  "[answers.x]\nanswer = \"yes\"",
];

test("every awkward string reads back exactly", () => {
  for (const s of awkward) {
    const text = `x = ${logic.quote(s)}\n`;
    const back = logic.parseToml(text).x;
    assert.equal(back, s, `written as ${text}`);
  }
});

test("strings are written as the toml crate writes them", () => {
  // Each pair is what `toml::Value::String(s).to_string()` gives (toml 1.2).
  const cases = [
    ["plain", '"plain"'],
    ['a "b" c', "'a \"b\" c'"],
    ["it's", '"it\'s"'],
    ["'''", "\"'''\""],
    ['"""', "'\"\"\"'"],
    ["line\none", '"""\nline\none"""'],
    ["a\\b", "'a\\b'"],
    ["tab\there", '"tab\\there"'],
    ["ctl\u0007x\u007fy\u001b", '"ctl\\u0007x\\u007Fy\\u001B"'],
    ["both ' and \"", '"""both \' and """"'],
    ["cr\r\nlf", '"""\ncr\\r\nlf"""'],
    ['"""\n\'\'\'', '"""\n""\\"\n\'\'\'"""'],
    ["", '""'],
  ];
  for (const [s, written] of cases) assert.equal(logic.quote(s), written, JSON.stringify(s));
});

test("numbers keep their kind and read back", () => {
  assert.equal(logic.tomlValue(3), "3");
  assert.equal(logic.tomlValue(-0), "0");
  assert.equal(logic.tomlValue(2.5), "2.5");
  assert.equal(logic.tomlValue(1e15), "1000000000000000.0");
  assert.equal(logic.tomlValue(2.5e-7), "0.00000025");
  assert.equal(logic.tomlValue(1e21), "1000000000000000000000.0");
  for (const n of [0.1, 1e15, 1e20, -1e20, 1.5e300, 2.5e-7, Number.MAX_VALUE, Number.MIN_VALUE, 123456789.125]) {
    assert.equal(logic.parseToml(`x = ${logic.tomlValue(n)}`).x, n, String(n));
  }
  assert.equal(logic.tomlValue(["a", "b"]), '["a", "b"]');
  assert.equal(logic.tomlValue(logic.notKnown), '"not known"');
});

test("the reader takes what answers files hold", () => {
  const doc = logic.parseToml(`# a comment
[assessment]
system = "Triage" # trailing comment
date = 2026-11-23
stage = ''

[answers.data-use]
answer = [
  "a", # first
  'b',
]
evidence = """
Two lines \\
   joined, and "quotes"."""
private = true

[answers."quoted-id"]
answer = 1_000
other = { x = 1.5e3, y = false }
dotted.key = -0.5
`);
  assert.equal(doc.assessment.system, "Triage");
  assert.equal(doc.assessment.date, "2026-11-23");
  assert.equal(doc.assessment.stage, "");
  assert.deepEqual(doc.answers["data-use"].answer, ["a", "b"]);
  assert.equal(doc.answers["data-use"].evidence, 'Two lines joined, and "quotes".');
  assert.equal(doc.answers["data-use"].private, true);
  assert.equal(doc.answers["quoted-id"].answer, 1000);
  assert.deepEqual(doc.answers["quoted-id"].other, { x: 1500, y: false });
  assert.equal(doc.answers["quoted-id"].dotted.key, -0.5);
});

test("a syntax error names its line", () => {
  const bad = [
    ["[assessment]\nsystem = \"unclosed\n", 2],
    ["[a]\nx = 1\nx = 2\n", 3],
    ["[a]\n\n\ny = yes\n", 4],
    ["[a]\n[a]\n", 2],
    ["x = \"\\q\"\n", 1],
    ["x = [1, 2\ny = 3\n", 2],
    ["x = \"\"\"\nnever closed\n", 1],
  ];
  for (const [text, line] of bad) {
    assert.throws(() => logic.parseToml(text), (e) => e instanceof logic.TomlError && e.line === line, text);
  }
});

test("email addresses and phone numbers are refused as pseudonyms", () => {
  // The same cases as src/assessment/pseudonym.rs's tests.
  for (const email of ["jo.bloggs@testshire.gov.uk", "Jo@Example.org", " a@b ", "contact me: jo@home"]) {
    assert.equal(logic.identifyingPseudonym(email), "an email address", email);
  }
  for (const phone of ["07700 900123", "+44 7700 900123", "(0161) 496 0000", "0161-496-0000", "496 0000",
    "tel 07700900123", "resident 0044.161.496.0000"]) {
    assert.equal(logic.identifyingPseudonym(phone), "a phone number", phone);
  }
  for (const ok of ["r-07", "kestrel", "Staff 12", "2026-15", "team-a-2026-001", "@", "night shift (ward 4)", "123456", ""]) {
    assert.equal(logic.identifyingPseudonym(ok), null, ok);
  }
});

// A small framework as the page embeds it: two risk questions setting the impact level
// (one option with a floor), and questions asked on answers, on the level and on the stage.
function framework() {
  const yesNo = (floor) => [{ id: "yes", points: 4, floor }, { id: "no", points: 0 }];
  const questions = [
    { id: "decides", kind: "yes_no", impact: "risk", not_known: true, options: yesNo(3) },
    { id: "scale", kind: "number", impact: "risk", not_known: true, options: [],
      number: { min: 0, max: null, ranges: [{ at_least: 0, points: 0 }, { at_least: 1000, points: 4 }] } },
    { id: "review", kind: "yes_no", not_known: true, options: yesNo(), when: { question: "decides", is: ["yes"] } },
    { id: "panel", kind: "yes_no", not_known: true, options: yesNo(), when: { impact_level_at_least: 3 } },
    { id: "retire", kind: "text", not_known: true, options: [], when: { stage: ["being-retired"] } },
    { id: "why-not", kind: "text", not_known: true, options: [], when: { not: { question: "review", answered: true } } },
  ];
  const index = {};
  questions.forEach((q, i) => { index[q.id] = i; });
  return {
    questions,
    index,
    order: [0, 1, -1, 2, 3, 4, 5],
    impact: {
      levels: [{ level: 1, from: 0, to: 40 }, { level: 2, from: 40, to: 70 }, { level: 3, from: 70, to: 100 }],
      bounds: "from-inclusive", rounding: "none", max_raw_score: 8, mitigation: null,
    },
  };
}

function applying(answers, stage = null) {
  const fw = framework();
  const applies = logic.applicability(fw, new Map(Object.entries(answers)), stage);
  return fw.questions.filter((_, i) => applies[i]).map((q) => q.id);
}

test("conditions read answers, the impact level and the stage as coopai does", () => {
  // Nothing answered: the level is precautionary (the most the blanks allow), so the panel
  // question is asked; `review` is not, as `decides` is not yes.
  assert.deepEqual(applying({}), ["decides", "scale", "panel", "why-not"]);
  assert.deepEqual(applying({ decides: "no", scale: 10 }), ["decides", "scale", "why-not"]);
  // The floor of `yes` raises the level to 3 whatever the points.
  assert.deepEqual(applying({ decides: "yes", scale: 10 }), ["decides", "scale", "review", "panel", "why-not"]);
  assert.deepEqual(applying({ decides: "yes", scale: 10, review: "yes" }), ["decides", "scale", "review", "panel"]);
  // Not known counts as the most points and the highest floor.
  assert.deepEqual(applying({ decides: logic.notKnown, scale: 10 }), ["decides", "scale", "panel", "why-not"]);
  // An answer to a question that does not apply reads as unanswered.
  assert.deepEqual(applying({ decides: "no", scale: 10, review: "yes" }), ["decides", "scale", "why-not"]);
  assert.deepEqual(applying({ decides: "no", scale: 10 }, "being-retired"), ["decides", "scale", "retire", "why-not"]);
});

if (process.exitCode) console.log(`form-unit: failures among ${passed} passed`);
else console.log(`form-unit: ${passed} passed`);
