// The offline form's answers files, without the DOM: an answer's value, the writer (a port
// of src/assessment/write.rs and of how the toml crate writes strings and floats) and a small
// TOML reader for answers files. `coopai form` puts this file, then rules.js, then page.js in
// the page's one script; browser-tests/form-unit.mjs and src/form/tests.rs run this file and
// rules.js the same way in Node.
"use strict";

const NOT_KNOWN = "not known";

// An answer as the form keeps it: an option id, a list of them, a number, text, or this.
const notKnown = Object.freeze({ notKnown: true });

function isNotKnown(v) {
  return v !== null && typeof v === "object" && v.notKnown === true;
}

// Rust's str::trim: Unicode White_Space at both ends.
function rustTrim(s) {
  return s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
}

// ---- Writing an answers file -----------------------------------------------------------

// Text for a `#` comment: control characters become spaces, as write.rs's `clean`.
function clean(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

// A TOML string as the toml crate writes it: plain when it can be, else literal ('…'),
// multi-line basic, multi-line literal, or escaped basic, in that order of preference.
function quote(s) {
  let subset = true;
  let maxSingle = 0;
  let maxDouble = 0;
  let single = 0;
  let double = 0;
  let escapeCodes = false;
  let escape = false;
  let newline = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const bare =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    if (!bare && c !== 46 && c !== 47 && c !== 32 && c !== 58) subset = false;
    single = c === 39 ? single + 1 : 0;
    double = c === 34 ? double + 1 : 0;
    maxSingle = Math.max(maxSingle, single);
    maxDouble = Math.max(maxDouble, double);
    if (c === 92) escape = true;
    else if (c === 10) newline = true;
    else if (c !== 9 && (c <= 0x1f || c === 0x7f)) escapeCodes = true;
  }
  if (subset) return `"${s}"`;
  if (!escapeCodes && !escape && maxDouble === 0 && !newline) return basic(s, false);
  if (!escapeCodes && maxSingle === 0 && !newline) return `'${s}'`;
  if (!escapeCodes && !escape && maxDouble <= 2) return basic(s, true);
  if (!escapeCodes && maxSingle <= 2) return `'''${newline ? "\n" : ""}${s}'''`;
  return basic(s, newline);
}

// A basic string, or with `multiline` a multi-line one, escaped as the toml crate does.
function basic(s, multiline) {
  const delimiter = multiline ? '"""' : '"';
  let out = delimiter + (multiline && s.includes("\n") ? "\n" : "");
  let quotes = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c === 34) {
      quotes++;
      if (quotes > (multiline ? 2 : 0)) {
        out += '\\"';
        quotes = 0;
        continue;
      }
      out += ch;
      continue;
    }
    quotes = 0;
    if (c === 8) out += "\\b";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += multiline ? "\n" : "\\n";
    else if (c === 12) out += "\\f";
    else if (c === 13) out += "\\r";
    else if (c === 92) out += "\\\\";
    else if (c <= 0x1f || c === 0x7f) out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    else out += ch;
  }
  return out + delimiter;
}

// A number as Rust's `{}` shows an f64: the shortest digits that read back, never an exponent.
function rustFloat(n) {
  const [mantissa, exp] = Math.abs(n).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const point = Number(exp) + 1;
  let text;
  if (point <= 0) text = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = digits.slice(0, point) + "." + digits.slice(point);
  return (n < 0 ? "-" : "") + text;
}

// An answer's value as write.rs's `value` writes it.
function tomlValue(v) {
  if (isNotKnown(v)) return quote(NOT_KNOWN);
  if (Array.isArray(v)) return "[" + v.map(quote).join(", ") + "]";
  if (typeof v === "number") {
    // Whole numbers below 1e15 as integers (-0 too, as "0"); others in TOML's float syntax.
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
    return Number.isInteger(v) ? rustFloat(v) + ".0" : rustFloat(v);
  }
  return quote(v);
}

// The answers file `assessment::to_toml` (lead) or `assessment::response_to_toml` writes for
// `state` ({meta, pseudonym, answers: Map, evidence: Map, private: Set}), given the form's
// data (`layout` from write.rs's `layout`).
function answersFile(data, state) {
  const layout = data.layout;
  let out;
  if (data.lead) {
    const m = state.meta;
    out = `# coopai answers: ${clean(m.system || "a new assessment")}\n${layout.head}\n[assessment]\n`;
    for (const key of ["council", "system", "description"]) out += `${key} = ${quote(m[key] || "")}\n`;
    if (m.stage) out += `stage = ${quote(m.stage)}\n`;
    for (const key of ["assessor", "date"]) out += `${key} = ${quote(m[key] || "")}\n`;
    out += `status = ${quote(m.status || "draft")}\n`;
    for (const key of ["team", "contact", "service", "region"]) {
      if (m[key]) out += `${key} = ${quote(m[key])}\n`;
    }
    if (m.phase) out += `phase = ${quote(m.phase)}\n`;
  } else {
    out = `${layout.head}pseudonym = ${quote(state.pseudonym || "")}\n`;
  }
  out += layout.framework_table;
  let section = null;
  for (const q of layout.questions) {
    const answer = state.answers.get(q.id);
    const evidence = state.evidence.get(q.id) || "";
    // Evidence without an answer is a note; blank evidence is none, as the loader reads it.
    const note = answer === undefined && rustTrim(evidence) !== "";
    if (answer === undefined && !note) continue;
    if (q.heading !== section) {
      out += layout.headings[q.heading];
      section = q.heading;
    }
    out += `\n${q.comments}[answers.${q.id}]\n`;
    out += `answer = ${answer === undefined ? '""' : tomlValue(answer)}\n`;
    out += `evidence = ${quote(evidence)}\n`;
    if (data.lead && state.private.has(q.id)) out += "private = true\n";
  }
  return out;
}

// ---- Reading an answers file -----------------------------------------------------------

class TomlError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

// Reads TOML text into plain objects: tables, dotted keys, basic, literal and multi-line
// strings with their escapes, arrays, inline tables, numbers, booleans and comments; dates
// are read as their text. Enough for answers files; errors name the line.
function parseToml(text) {
  const root = {};
  let pos = 0;
  let line = 1;
  let table = root;
  const defined = new Set();
  const fail = (message, at = line) => {
    throw new TomlError(message, at);
  };
  const peek = (n = 0) => text[pos + n];
  const advance = () => {
    if (text[pos] === "\n") line++;
    pos++;
  };
  const skipSpace = () => {
    while (peek() === " " || peek() === "\t") pos++;
  };
  const skipComment = () => {
    if (peek() === "#") while (pos < text.length && peek() !== "\n") pos++;
  };
  const endOfLine = () => {
    skipSpace();
    skipComment();
    if (peek() === "\r" && peek(1) === "\n") pos++;
    if (pos < text.length && peek() !== "\n") fail(`unexpected "${peek()}" after a value`);
    if (pos < text.length) advance();
  };
  const skipBlank = () => {
    for (;;) {
      skipSpace();
      skipComment();
      if (peek() === "\r" && peek(1) === "\n") pos++;
      if (peek() === "\n") advance();
      else return;
    }
  };
  const hex = (n) => {
    const digits = text.slice(pos, pos + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) fail("a \\u or \\U escape needs hex digits");
    pos += n;
    const code = parseInt(digits, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) fail("an escape names no character");
    return String.fromCodePoint(code);
  };
  const escapeSeq = () => {
    pos++; // the backslash
    const c = peek();
    pos++;
    switch (c) {
      case "b": return "\b";
      case "t": return "\t";
      case "n": return "\n";
      case "f": return "\f";
      case "r": return "\r";
      case "e": return "\u001b";
      case '"': return '"';
      case "\\": return "\\";
      case "x": return hex(2);
      case "u": return hex(4);
      case "U": return hex(8);
      default: return fail(`unknown escape "\\${c === undefined ? "" : c}"`);
    }
  };
  const controlCheck = (c) => {
    const code = c.charCodeAt(0);
    if ((code <= 0x1f && c !== "\t") || code === 0x7f) fail("a control character in a string");
  };
  const string = () => {
    const start = line;
    if (text.startsWith('"""', pos)) {
      pos += 3;
      if (peek() === "\n") advance();
      else if (peek() === "\r" && peek(1) === "\n") { pos++; advance(); }
      let out = "";
      for (;;) {
        if (pos >= text.length) fail("a multi-line string is not closed", start);
        if (text.startsWith('"""', pos)) {
          let extra = 0;
          while (peek(3 + extra) === '"' && extra < 2) extra++;
          out += '"'.repeat(extra);
          pos += 3 + extra;
          return out;
        }
        const c = peek();
        if (c === "\\") {
          // A backslash at the end of a line trims the line break and leading whitespace.
          let k = pos + 1;
          while (text[k] === " " || text[k] === "\t") k++;
          if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] === "\n")) {
            pos = k;
            while (/[ \t\r\n]/.test(peek() || "")) advance();
            continue;
          }
          out += escapeSeq();
        } else if (c === "\r" && peek(1) === "\n") {
          pos++;
        } else {
          if (c !== "\n") controlCheck(c);
          out += c;
          advance();
        }
      }
    }
    if (text.startsWith("'''", pos)) {
      pos += 3;
      if (peek() === "\n") advance();
      else if (peek() === "\r" && peek(1) === "\n") { pos++; advance(); }
      let out = "";
      for (;;) {
        if (pos >= text.length) fail("a multi-line literal string is not closed", start);
        if (text.startsWith("'''", pos)) {
          let extra = 0;
          while (peek(3 + extra) === "'" && extra < 2) extra++;
          out += "'".repeat(extra);
          pos += 3 + extra;
          return out;
        }
        const c = peek();
        if (c === "\r" && peek(1) === "\n") { pos++; continue; }
        if (c !== "\n") controlCheck(c);
        out += c;
        advance();
      }
    }
    const quoteChar = peek();
    pos++;
    let out = "";
    for (;;) {
      const c = peek();
      if (c === undefined || c === "\n") fail("a string is not closed on its line");
      if (c === quoteChar) {
        pos++;
        return out;
      }
      if (c === "\\" && quoteChar === '"') {
        out += escapeSeq();
        continue;
      }
      controlCheck(c);
      out += c;
      pos++;
    }
  };
  const key = () => {
    const parts = [];
    for (;;) {
      skipSpace();
      const c = peek();
      if (c === '"' || c === "'") {
        if (text.startsWith(c.repeat(3), pos)) fail("a key cannot be a multi-line string");
        parts.push(string());
      } else {
        const bare = /[A-Za-z0-9_-]+/y;
        bare.lastIndex = pos;
        const m = bare.exec(text);
        if (!m) fail(c === undefined || c === "\n" ? "a key is missing" : `unexpected "${c}" in a key`);
        parts.push(m[0]);
        pos += m[0].length;
      }
      skipSpace();
      if (peek() !== ".") return parts;
      pos++;
    }
  };
  const value = () => {
    skipSpace();
    const c = peek();
    if (c === '"' || c === "'") return string();
    if (c === "[") {
      pos++;
      const items = [];
      for (;;) {
        skipBlank();
        if (peek() === "]") {
          pos++;
          return items;
        }
        items.push(value());
        skipBlank();
        if (peek() === ",") pos++;
        else if (peek() !== "]") fail("a list needs a comma between items and a ] at its end");
      }
    }
    if (c === "{") {
      pos++;
      const t = {};
      skipSpace();
      if (peek() === "}") {
        pos++;
        return t;
      }
      for (;;) {
        const k = key();
        if (peek() !== "=") fail("a key needs = and a value");
        pos++;
        assign(t, k, value());
        skipSpace();
        if (peek() === "}") {
          pos++;
          return t;
        }
        if (peek() !== ",") fail("an inline table needs a comma between entries");
        pos++;
      }
    }
    const bare = /[^\s,\]}#]+/y;
    bare.lastIndex = pos;
    const m = bare.exec(text);
    if (!m) fail("a value is missing");
    let word = m[0];
    // A date-time may have a space between date and time.
    const spaced = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/iy;
    spaced.lastIndex = pos;
    const date = spaced.exec(text);
    if (date) word = date[0];
    pos += word.length;
    if (word === "true") return true;
    if (word === "false") return false;
    if (/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$/.test(word)) {
      return word;
    }
    if (/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(word)) return word;
    if (/^[+-]?(inf|nan)$/.test(word)) return word.endsWith("inf") ? (word[0] === "-" ? -Infinity : Infinity) : NaN;
    if (/^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$/.test(word)) return Number(word.replace(/_/g, ""));
    const number = /^[+-]?(0|[1-9](_?\d)*)(\.\d(_?\d)*)?([eE][+-]?\d(_?\d)*)?$/;
    if (number.test(word)) return Number(word.replace(/_/g, ""));
    return fail(`"${word}" is not a value (text needs quotes)`);
  };
  const assign = (t, parts, v) => {
    let target = t;
    for (const part of parts.slice(0, -1)) {
      if (target[part] === undefined) target[part] = {};
      else if (typeof target[part] !== "object" || Array.isArray(target[part])) {
        fail(`"${part}" is already a value`);
      }
      target = target[part];
    }
    const last = parts[parts.length - 1];
    if (Object.prototype.hasOwnProperty.call(target, last)) fail(`"${parts.join(".")}" is given twice`);
    target[last] = v;
  };
  skipBlank();
  while (pos < text.length) {
    if (peek() === "[") {
      const array = peek(1) === "[";
      pos += array ? 2 : 1;
      const parts = key();
      if (peek() !== "]" || (array && peek(1) !== "]")) fail(`a table header needs ${array ? "]]" : "]"}`);
      pos += array ? 2 : 1;
      let target = root;
      parts.forEach((part, i) => {
        const last = i === parts.length - 1;
        if (last && array) {
          if (target[part] === undefined) target[part] = [];
          if (!Array.isArray(target[part])) fail(`"${parts.join(".")}" is already a table`);
          const t = {};
          target[part].push(t);
          target = t;
          return;
        }
        if (target[part] === undefined) target[part] = {};
        let next = target[part];
        if (Array.isArray(next)) next = next[next.length - 1];
        if (typeof next !== "object") fail(`"${part}" is already a value`);
        target = next;
      });
      const name = parts.join("\u0000");
      if (!array) {
        if (defined.has(name)) fail(`the table [${parts.join(".")}] is given twice`);
        defined.add(name);
      }
      table = target;
      endOfLine();
    } else {
      const parts = key();
      if (peek() !== "=") fail("a key needs = and a value");
      pos++;
      assign(table, parts, value());
      endOfLine();
    }
    skipBlank();
  }
  return root;
}
