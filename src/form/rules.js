// The offline form's rules, without the DOM: which questions apply (a port of
// src/assessment/applicability.rs and src/framework/condition.rs) and the pseudonym rule (of
// src/assessment/pseudonym.rs). Comes after answers.js in the page's script, and gathers the
// pure functions of both as `logic`, which page.js uses and Node tests load.

// ---- Which questions apply -------------------------------------------------------------

// Whether something is so: certainly not, perhaps, certainly (ordered, as Rust's Tri).
const NO = 0;
const MAYBE = 1;
const YES = 2;

function tri(b) {
  return b ? YES : NO;
}

function chosenOf(v) {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v;
  return [];
}

function numberOf(v) {
  return typeof v === "number" ? v : null;
}

function inRange(v, lo, hi) {
  return (lo == null || v >= lo) && (hi == null || v <= hi);
}

// Whether condition `c` holds for `facts` ({chosen, value, answered, level, stage}).
function holds(c, facts) {
  if (c.all) return c.all.every((x) => holds(x, facts));
  if (c.any) return c.any.some((x) => holds(x, facts));
  if (c.not) return !holds(c.not, facts);
  if (c.stage) return facts.stage != null && c.stage.includes(facts.stage);
  if (c.question == null) {
    return inRange(facts.level, c.impact_level_at_least, c.impact_level_at_most);
  }
  if (c.is) {
    const chosen = facts.chosen(c.question);
    return chosen != null && chosen.some((o) => c.is.includes(o));
  }
  if (c.answered != null) return facts.answered(c.question) === c.answered;
  const v = facts.value(c.question);
  return v != null && inRange(v, c.at_least, c.at_most);
}

// Whether condition `c` holds whatever the blanks turn out to be (YES), for none of them
// (NO), or depending on them, for `open` ({applies, given, levels: [low, high], stage}).
function couldHold(c, open) {
  if (c.all) return c.all.reduce((acc, x) => Math.min(acc, couldHold(x, open)), YES);
  if (c.any) return c.any.reduce((acc, x) => Math.max(acc, couldHold(x, open)), NO);
  if (c.not) return YES - couldHold(c.not, open);
  if (c.stage) return open.stage == null ? MAYBE : tri(c.stage.includes(open.stage));
  if (c.question == null) {
    const [low, high] = open.levels;
    let count = 0;
    for (let l = low; l <= high; l++) {
      if (inRange(l, c.impact_level_at_least, c.impact_level_at_most)) count++;
    }
    if (count === 0) return NO;
    return count === high - low + 1 ? YES : MAYBE;
  }
  // `given` is [chosen, number] for an answer, null for none.
  let test;
  if (c.is) test = (g) => g != null && g[0].some((o) => c.is.includes(o));
  else if (c.answered != null) test = (g) => (g != null) === c.answered;
  else test = (g) => g != null && g[1] != null && inRange(g[1], c.at_least, c.at_most);
  const unanswered = test(null);
  const applies = open.applies(c.question);
  const given = open.given(c.question);
  if (applies === NO) return tri(unanswered);
  if (given == null) return MAYBE;
  if (applies === YES) return tri(test(given));
  const a = test(given);
  return a === unanswered ? tri(a) : MAYBE;
}

function maxPoints(q) {
  switch (q.kind) {
    case "single":
    case "yes_no":
      return q.options.reduce((m, o) => Math.max(m, o.points), 0);
    case "multiple":
      return q.options.reduce((s, o) => s + o.points, 0);
    case "scale":
      return q.scale ? q.scale.points : 0;
    case "number":
      return q.number ? q.number.ranges.reduce((m, r) => Math.max(m, r.points), 0) : 0;
    default:
      return 0;
  }
}

// Points an answer earns, before the question's weight.
function points(q, v) {
  switch (q.kind) {
    case "single":
    case "yes_no":
    case "multiple": {
      let sum = 0;
      for (const id of chosenOf(v)) {
        const o = q.options.find((x) => x.id === id);
        if (o) sum += o.points;
      }
      return sum;
    }
    case "scale": {
      const n = numberOf(v);
      if (n == null || !q.scale) return 0;
      const span = q.scale.max - q.scale.min;
      return span > 0 ? (q.scale.points * (n - q.scale.min)) / span : 0;
    }
    case "number": {
      const n = numberOf(v);
      if (n == null || !q.number) return 0;
      for (let i = q.number.ranges.length - 1; i >= 0; i--) {
        if (n >= q.number.ranges[i].at_least) return q.number.ranges[i].points;
      }
      return 0;
    }
    default:
      return 0;
  }
}

// The highest impact-level floor among options (0 for none: levels start at 1).
function floorOf(q, ids) {
  let floor = 0;
  for (const id of ids) {
    const o = q.options.find((x) => x.id === id);
    if (o && o.floor != null) floor = Math.max(floor, o.floor);
  }
  return floor;
}

function levelAt(impact, percent) {
  const top = impact.levels.length;
  for (const l of impact.levels) {
    const fromInclusive = impact.bounds !== "to-inclusive";
    const aboveFrom = fromInclusive ? percent >= l.from : percent > l.from;
    const belowTo = fromInclusive ? percent < l.to : percent <= l.to;
    if ((aboveFrom || l.level === 1) && (belowTo || l.level === top)) return l.level;
  }
  return 1;
}

const AS_ANSWERED = 0;
const HIGHEST = 1;
const LOWEST = 2;

// The impact level in one reading (as answered, the highest the blanks allow, the lowest).
function impactLevel(fw, answers, applies, possible, reading) {
  let raw = 0;
  let floor = 0;
  fw.questions.forEach((q, i) => {
    if (q.impact !== "risk") return;
    const answer = answers.get(q.id);
    const most = () => [maxPoints(q), floorOf(q, q.options.map((o) => o.id))];
    const given = (v) => (isNotKnown(v) ? most() : [points(q, v), floorOf(q, chosenOf(v))]);
    let pf = [0, 0];
    if (reading === AS_ANSWERED && answer !== undefined && applies[i]) pf = given(answer);
    else if (reading === HIGHEST && possible[i] !== NO) {
      pf = answer !== undefined ? given(answer) : most();
    } else if (reading === LOWEST && answer !== undefined && possible[i] === YES) {
      pf = given(answer);
    }
    raw += pf[0];
    floor = Math.max(floor, pf[1]);
  });
  const m = fw.impact.mitigation;
  if (m) {
    let earned = 0;
    let available = 0;
    let open = false;
    fw.questions.forEach((q, i) => {
      if (q.impact !== "mitigation") return;
      const answer = answers.get(q.id);
      open = open || possible[i] === MAYBE || (possible[i] === YES && answer === undefined);
      let counts = reading === HIGHEST ? possible[i] !== NO : applies[i];
      const earns = reading === HIGHEST ? possible[i] === YES : applies[i];
      counts = counts || m.basis === "all";
      if (counts) available += maxPoints(q);
      if (earns && answer !== undefined) earned += points(q, answer);
    });
    const percent = available > 0 ? (100 * earned) / available : 0;
    if ((available > 0 && percent >= m.threshold) || (reading === LOWEST && open)) {
      raw *= 1 - m.reduction / 100;
    }
  }
  // Scores are never negative, so Math.round's halves up are Rust's halves away from zero.
  if (fw.impact.rounding === "half-up") raw = Math.round(raw);
  const max = fw.impact.max_raw_score;
  const computed = levelAt(fw.impact, max > 0 ? (100 * raw) / max : 0);
  return floor > computed ? floor : computed;
}

// Which questions apply (by framework index), for `answers` (a Map of question id to answer)
// and the lifecycle `stage` (null when not recorded), exactly as coopai works it out.
function applicability(fw, answers, stage) {
  return evaluate(fw, answers, stage).applies;
}

// As assessment::evaluate: which questions apply, whether each could apply once the blanks
// are answered (NO, MAYBE, YES), the impact level conditions see and the lowest it could be.
function evaluate(fw, answers, stage) {
  return closedPass(fw, answers, stage) || openPass(fw, answers, stage);
}

function seenFacts(fw, answers, applies, level, stage) {
  const value = (id) => {
    const i = fw.index[id];
    if (i === undefined || !applies[i]) return undefined;
    return answers.get(id);
  };
  return {
    chosen: (id) => {
      const v = value(id);
      if (v === undefined) return null;
      const c = chosenOf(v);
      return c.length ? c : null;
    },
    value: (id) => {
      const v = value(id);
      return v === undefined ? null : numberOf(v);
    },
    answered: (id) => value(id) !== undefined,
    level,
    stage,
  };
}

// Nothing open: every applicable question answered, none "not known". Null otherwise.
function closedPass(fw, answers, stage) {
  for (const v of answers.values()) if (isNotKnown(v)) return null;
  const applies = fw.questions.map(() => false);
  let level = null;
  for (const step of fw.order) {
    if (step === -1) {
      level = impactLevel(fw, answers, applies, applies.map(tri), AS_ANSWERED);
      continue;
    }
    const q = fw.questions[step];
    const facts = seenFacts(fw, answers, applies, level == null ? 1 : level, stage);
    applies[step] = q.when == null || holds(q.when, facts);
    if (applies[step] && !answers.has(q.id)) return null;
  }
  if (level == null) return null;
  return { applies, possible: applies.map(tri), level, lowest: level };
}

function openPass(fw, answers, stage) {
  const applies = fw.questions.map(() => false);
  const possible = fw.questions.map(() => NO);
  let levels = null;
  const impact = () => {
    const highest = impactLevel(fw, answers, applies, possible, HIGHEST);
    const asAnswered = impactLevel(fw, answers, applies, possible, AS_ANSWERED);
    const lowest = impactLevel(fw, answers, applies, possible, LOWEST);
    return [Math.min(lowest, asAnswered), highest];
  };
  const open = {
    applies: (id) => {
      const i = fw.index[id];
      return i === undefined ? NO : possible[i];
    },
    given: (id) => {
      const v = answers.get(id);
      if (v === undefined || isNotKnown(v)) return null;
      return [chosenOf(v), numberOf(v)];
    },
    levels: [1, 1],
    stage,
  };
  for (const step of fw.order) {
    if (step === -1) {
      levels = impact();
      continue;
    }
    const [lowest, level] = levels || [1, 1];
    const when = fw.questions[step].when;
    applies[step] = when == null || holds(when, seenFacts(fw, answers, applies, level, stage));
    open.levels = [lowest, level];
    possible[step] = when == null ? YES : couldHold(when, open);
  }
  const [lowest, level] = levels || impact();
  return { applies, possible, level, lowest };
}

// ---- The pseudonym rule ----------------------------------------------------------------

// What a pseudonym looks like that it must not: "an email address", "a phone number", or null.
function identifyingPseudonym(s) {
  if (looksLikeEmail(s)) return "an email address";
  if (looksLikePhone(s)) return "a phone number";
  return null;
}

const alphanumeric = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u;

function looksLikeEmail(s) {
  const at = s.indexOf("@");
  return at >= 0 && alphanumeric.test(s.slice(0, at)) && alphanumeric.test(s.slice(at + 1));
}

function looksLikePhone(s) {
  const phoneChar = (c) => (c >= "0" && c <= "9") || " .-()+/".includes(c);
  const digits = (run) => [...run].filter((c) => c >= "0" && c <= "9").length;
  const whole = rustTrim(s);
  if (whole !== "" && [...whole].every(phoneChar) && digits(whole) >= 7) return true;
  let run = "";
  for (const c of whole) {
    if (phoneChar(c)) {
      run += c;
    } else {
      if (digits(run) >= 10) return true;
      run = "";
    }
  }
  return digits(run) >= 10;
}

const logic = {
  NOT_KNOWN,
  notKnown,
  isNotKnown,
  applicability,
  evaluate,
  identifyingPseudonym,
  quote,
  tomlValue,
  rustFloat,
  answersFile,
  parseToml,
  TomlError,
};

if (typeof module !== "undefined") module.exports = logic;
