// Unit tests of the offline form's pure functions (src/form/logic.js) in plain Node: TOML
// strings and numbers written as coopai writes them and read back exactly, the TOML reader's
// errors, and the pseudonym rule. Run by `cargo test --lib form` when node is installed, or
// by hand: node browser-tests/form-unit.mjs. Parity with the Rust writer and conditions over
// real frameworks is tested from Rust (src/form/tests.rs), which runs logic.js the same way.
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const logic = require("../src/form/logic.js");

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

if (process.exitCode) console.log(`form-unit: failures among ${passed} passed`);
else console.log(`form-unit: ${passed} passed`);
