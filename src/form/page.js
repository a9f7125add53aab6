// The offline form's page: turns the printable list of questions into the live form. Reads
// the answers from the controls into `state`, shows only the questions that apply (rules.js),
// keeps the answers in the browser's local storage, and saves and opens answers files. Text
// is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("form-data").textContent);
  const fw = { questions: data.questions, order: data.order, impact: data.impact, index: {} };
  data.questions.forEach((q, i) => {
    fw.index[q.id] = i;
  });
  const asked = data.layout.questions.map((q) => q.id);
  const askedSet = new Set(asked);
  const question = (id) => fw.questions[fw.index[id]];
  const $ = (id) => document.getElementById(id);
  const META = ["council", "system", "description", "stage", "assessor", "date", "status",
    "team", "contact", "service", "region", "phase"];
  const CHOICES = {
    stage: ["proposal", "pilot", "live", "being-retired"],
    status: ["draft", "in-review", "final"],
    phase: ["pre-deployment", "private-beta", "public-beta", "production", "retired"],
  };

  function emptyState() {
    return { meta: { status: "draft" }, pseudonym: "", answers: new Map(), evidence: new Map(),
      private: new Set() };
  }

  // A new start: nothing answered, and for the lead today's date, as `coopai assess` records.
  function freshState() {
    const s = emptyState();
    if (data.lead) {
      const today = new Date();
      const pad = (n) => String(n).padStart(2, "0");
      s.meta.date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
    }
    return s;
  }
  let state = freshState();

  // ---- Keeping the answers in the browser ----

  function store() {
    try {
      localStorage.setItem(data.storage_key, JSON.stringify({
        meta: state.meta,
        pseudonym: state.pseudonym,
        answers: [...state.answers],
        evidence: [...state.evidence],
        private: [...state.private],
      }));
    } catch (e) {
      // Storage can be switched off or full; the page still works, and the file can be saved.
    }
  }

  function restore() {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(data.storage_key) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved || typeof saved !== "object") return false;
    const s = emptyState();
    Object.assign(s.meta, saved.meta || {});
    s.pseudonym = typeof saved.pseudonym === "string" ? saved.pseudonym : "";
    for (const [id, v] of saved.answers || []) if (askedSet.has(id)) s.answers.set(id, v);
    for (const [id, t] of saved.evidence || []) if (askedSet.has(id)) s.evidence.set(id, t);
    for (const id of saved.private || []) s.private.add(id);
    state = s;
    return true;
  }

  // ---- From the controls to the state, and back ----

  function radios(id) {
    return [...document.getElementsByName("answer-" + id)];
  }

  function readQuestion(id) {
    const q = question(id);
    const nk = $(`answer-${id}-not-known`);
    const evidence = $("evidence-" + id).value;
    if (evidence === "") state.evidence.delete(id);
    else state.evidence.set(id, evidence);
    let value;
    if (!hasRadios(q)) {
      const others = q.kind === "multiple" ? radios(id) : [$("answer-" + id)];
      if (nk) {
        for (const el of others) {
          el.disabled = nk.checked;
          if (nk.checked) {
            if (el.type === "checkbox") el.checked = false;
            else el.value = "";
          }
        }
      }
      if (nk && nk.checked) {
        value = logic.notKnown;
        if (q.kind !== "multiple") showError(others[0], fieldError(others[0]), "");
      } else if (q.kind === "multiple") {
        const chosen = others.filter((el) => el.checked).map((el) => el.value);
        value = chosen.length ? chosen : undefined;
      } else if (q.kind !== "text") value = readNumber(q, others[0]);
      else value = others[0].value === "" ? undefined : others[0].value;
    } else {
      const checked = radios(id).find((el) => el.checked);
      if (!checked) value = undefined;
      else if (checked.value === logic.NOT_KNOWN) value = logic.notKnown;
      else value = q.kind === "scale" ? Number(checked.value) : checked.value;
    }
    if (value === undefined) state.answers.delete(id);
    else state.answers.set(id, value);
  }

  // Whether the question is answered with radios (choices, and scales narrow enough for a
  // radio each) rather than boxes to tick or fill in.
  function hasRadios(q) {
    return q.kind === "single" || q.kind === "yes_no" || (q.kind === "scale" && !$("answer-" + q.id));
  }

  // A number within the question's limits (a whole one for a scale), or undefined (with a
  // word on why) when not one.
  function readNumber(q, input) {
    const error = fieldError(input);
    const n = input.valueAsNumber;
    if (input.value === "" && !input.validity.badInput) {
      showError(input, error, "");
      return undefined;
    }
    const spec = q.scale || q.number || {};
    const ok = Number.isFinite(n) && (spec.min == null || n >= spec.min) &&
      (spec.max == null || n <= spec.max) && (!q.scale || Number.isInteger(n));
    if (ok) {
      showError(input, error, "");
      return n;
    }
    let words = q.scale ? "Not accepted: give a whole number" : "Not accepted: give a number";
    if (spec.min != null && spec.max != null) words += ` from ${spec.min} to ${spec.max}`;
    else if (spec.min != null) words += ` of at least ${spec.min}`;
    else if (spec.max != null) words += ` of at most ${spec.max}`;
    showError(input, error, words + ".");
    return undefined;
  }

  function fieldError(input) {
    let error = $(input.id + "-error");
    if (!error) {
      error = document.createElement("p");
      error.className = "error";
      error.id = input.id + "-error";
      error.hidden = true;
      input.insertAdjacentElement("afterend", error);
      input.setAttribute("aria-describedby", error.id);
    }
    return error;
  }

  function showError(input, error, words) {
    error.textContent = words;
    error.hidden = words === "";
    if (words) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function showQuestion(id) {
    const q = question(id);
    const v = state.answers.get(id);
    const nkBox = $(`answer-${id}-not-known`);
    $("evidence-" + id).value = state.evidence.get(id) || "";
    if (!hasRadios(q)) {
      const nk = logic.isNotKnown(v);
      if (nkBox) nkBox.checked = nk;
      if (q.kind === "multiple") {
        for (const el of radios(id)) {
          el.checked = Array.isArray(v) && v.includes(el.value);
          el.disabled = nk;
        }
      } else {
        const input = $("answer-" + id);
        input.value = v === undefined || nk ? "" : String(v);
        input.disabled = nk;
        if (q.kind !== "text") showError(input, fieldError(input), "");
      }
    } else {
      const want = logic.isNotKnown(v) ? logic.NOT_KNOWN : v === undefined ? null : String(v);
      for (const el of radios(id)) el.checked = el.value === want;
    }
  }

  function showState() {
    if (data.lead) {
      for (const key of META) $("meta-" + key).value = state.meta[key] || "";
      if (!state.meta.status) $("meta-status").value = "draft";
    } else {
      $("meta-pseudonym").value = state.pseudonym;
      checkPseudonym();
    }
    asked.forEach(showQuestion);
    refresh();
  }

  // Shows the questions that apply, hides (and disables) the rest, and counts progress.
  function refresh() {
    const stage = data.lead && state.meta.stage ? state.meta.stage : null;
    const applies = logic.applicability(fw, state.answers, stage);
    let total = 0;
    let answered = 0;
    for (const id of asked) {
      const on = applies[fw.index[id]];
      const el = $("q-" + id);
      el.hidden = !on;
      el.disabled = !on;
      if (on) {
        total++;
        if (state.answers.has(id)) answered++;
      }
    }
    for (const section of document.querySelectorAll("section.section")) {
      section.hidden = [...section.querySelectorAll("fieldset.question")].every((f) => f.hidden);
    }
    $("progress").textContent =
      `${answered} of ${total} question${total === 1 ? "" : "s"} answered` +
      (total > 0 && answered === total ? ": all done. Save the answers file to send it." : ".");
    const bar = $("progress-bar");
    bar.max = Math.max(total, 1);
    bar.value = answered;
  }

  function checkPseudonym() {
    const input = $("meta-pseudonym");
    const error = $("meta-pseudonym-error");
    const what = logic.identifyingPseudonym(input.value);
    const words = what
      ? `That looks like ${what}. Reports must not identify the people who answer, so use a code or word such as r-07, or leave it empty.`
      : "";
    error.textContent = words;
    error.hidden = !what;
    if (what) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "meta-pseudonym-hint meta-pseudonym-error");
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "meta-pseudonym-hint");
    }
    return what;
  }

  function onChange(event) {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    if (target.id === "meta-pseudonym") {
      state.pseudonym = target.value;
      checkPseudonym();
    } else if (target.id.startsWith("meta-")) {
      state.meta[target.id.slice(5)] = target.value;
    } else {
      const fieldset = target.closest("fieldset.question");
      if (!fieldset) return;
      readQuestion(fieldset.dataset.question);
    }
    refresh();
    store();
  }

  // ---- Messages ----

  function say(words, problem) {
    const box = $("messages");
    box.textContent = "";
    const p = document.createElement("p");
    p.className = problem ? "problem" : "done";
    if (problem) {
      const strong = document.createElement("strong");
      strong.textContent = "Problem: ";
      p.append(strong);
    }
    p.append(words);
    box.append(p);
  }

  // ---- Saving ----

  function fileName() {
    const base = data.lead ? state.meta.system || "" : `${data.role}-response`;
    const slug = base.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return (slug || "answers") + ".toml";
  }

  function save() {
    if (!data.lead && checkPseudonym()) {
      say("the pseudonym would identify you, so the file was not saved. Change or clear it first.", true);
      $("meta-pseudonym").focus();
      return;
    }
    const text = logic.answersFile(data, state);
    const url = URL.createObjectURL(new Blob([text], { type: "application/toml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName();
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(`Saved ${link.download} in your downloads folder. Send that file to whoever asked you to answer; nothing has been sent by this page.`);
  }

  // ---- Opening a file ----

  let pending = null;

  // An answer in a file as the form keeps it: {value}, {blank}, or {problem: words}.
  function placeAnswer(q, raw) {
    if (raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0)) return { blank: true };
    if (raw === logic.NOT_KNOWN) {
      return q.not_known ? { value: logic.notKnown } : { problem: "“not known” is not accepted for it" };
    }
    const option = (id) => typeof id === "string" && q.options.some((o) => o.id === id);
    switch (q.kind) {
      case "single":
      case "yes_no":
        return option(raw) ? { value: raw } : { problem: `“${raw}” is not one of its options` };
      case "multiple": {
        const list = Array.isArray(raw) ? raw : [raw];
        const bad = list.find((id) => !option(id));
        if (bad !== undefined) return { problem: `“${bad}” is not one of its options` };
        return { value: q.options.map((o) => o.id).filter((id) => list.includes(id)) };
      }
      case "scale": {
        const s = q.scale;
        return Number.isInteger(raw) && raw >= s.min && raw <= s.max
          ? { value: raw }
          : { problem: `it takes a whole number from ${s.min} to ${s.max}` };
      }
      case "number": {
        const spec = q.number || {};
        return typeof raw === "number" && Number.isFinite(raw) &&
          (spec.min == null || raw >= spec.min) && (spec.max == null || raw <= spec.max)
          ? { value: raw }
          : { problem: "it takes a number within its limits" };
      }
      default:
        return typeof raw === "string" ? { value: raw } : { problem: "it takes text" };
    }
  }

  // What a file holds, placed in this form, with what cannot be placed and why.
  function place(doc) {
    const s = emptyState();
    const problems = [];
    const notes = [];
    const ref = doc.framework;
    if (ref && typeof ref === "object" && (ref.id !== data.framework.id || ref.version !== data.framework.version)) {
      const named = `“${String(ref.id ?? "")}” version ${String(ref.version ?? "")}`;
      notes.push(`This file was written for the framework ${named}; this form is for “${data.framework.id}” version ${data.framework.version}.`);
    }
    const respondent = doc.respondent && typeof doc.respondent === "object" ? doc.respondent : null;
    const fileRole = respondent ? String(respondent.role ?? "") : "";
    if (data.lead && respondent) {
      notes.push(`This file is a response in the role “${fileRole}”; this form is the lead officer's.`);
    } else if (!data.lead && !respondent) {
      notes.push(`This file is not a response in the role “${data.role}”, which this form is for.`);
    } else if (!data.lead && fileRole !== data.role) {
      notes.push(`This file is a response in the role “${fileRole}”; this form is for “${data.role}”.`);
    }
    // A file without the assessment's details keeps the ones typed here.
    if (data.lead && !doc.assessment) s.meta = state.meta;
    if (data.lead && doc.assessment && typeof doc.assessment === "object") {
      for (const key of META) {
        const v = doc.assessment[key];
        if (v === undefined) continue;
        if (typeof v !== "string" || (CHOICES[key] && v !== "" && !CHOICES[key].includes(v))) {
          problems.push(`the ${key} “${String(v)}” is not one this form can record`);
        } else s.meta[key] = v;
      }
    }
    if (!data.lead && respondent && typeof respondent.pseudonym === "string") {
      s.pseudonym = respondent.pseudonym;
    }
    const answers = doc.answers && typeof doc.answers === "object" ? doc.answers : {};
    for (const [id, table] of Object.entries(answers)) {
      if (!askedSet.has(id)) {
        problems.push(`“${id}”: this form does not ask it`);
        continue;
      }
      if (!table || typeof table !== "object" || Array.isArray(table)) {
        problems.push(`“${id}”: not a table of answer and evidence`);
        continue;
      }
      const placed = placeAnswer(question(id), table.answer);
      if (placed.problem) {
        problems.push(`“${id}”: ${placed.problem}`);
        continue;
      }
      if (placed.value !== undefined) s.answers.set(id, placed.value);
      if (typeof table.evidence === "string" && table.evidence !== "") s.evidence.set(id, table.evidence);
      if (table.private === true) s.private.add(id);
    }
    return { state: s, problems, notes };
  }

  function openText(name, text) {
    let doc;
    try {
      doc = logic.parseToml(text);
    } catch (e) {
      say(`${name} could not be read as an answers file: ${e.message}.`, true);
      return;
    }
    const placed = place(doc);
    if (placed.problems.length === 0 && placed.notes.length === 0) {
      use(name, placed.state);
      return;
    }
    pending = { name, state: placed.state };
    const count = placed.state.answers.size;
    $("confirm-open-text").textContent = [
      ...placed.notes,
      `${count} answer${count === 1 ? "" : "s"} can be placed in this form.`,
      placed.problems.length ? "These cannot, and would be left out:" : "",
    ].filter(Boolean).join(" ");
    const list = $("confirm-open-list");
    list.textContent = "";
    for (const problem of placed.problems) {
      const li = document.createElement("li");
      li.textContent = problem;
      list.append(li);
    }
    list.hidden = placed.problems.length === 0;
    $("confirm-open").hidden = false;
    $("confirm-open").focus();
  }

  function use(name, s) {
    state = s;
    showState();
    store();
    say(`Opened ${name}: ${state.answers.size} answer${state.answers.size === 1 ? "" : "s"}. Carry on where it left off.`);
  }

  // ---- Setting up ----

  document.documentElement.classList.replace("no-js", "js");
  restore();
  showState();
  const main = $("questions");
  main.addEventListener("input", onChange);
  main.addEventListener("change", onChange);
  $("save-answers").addEventListener("click", save);
  $("open-answers").addEventListener("change", (event) => {
    const file = event.target.files && event.target.files[0];
    if (!file) return;
    file.text().then((text) => openText(file.name, text), () => say(`${file.name} could not be read.`, true));
    event.target.value = "";
  });
  $("clear-answers").addEventListener("click", () => {
    $("confirm-clear").hidden = false;
    $("confirm-clear").focus();
  });
  $("confirm-clear-yes").addEventListener("click", () => {
    $("confirm-clear").hidden = true;
    state = freshState();
    try {
      localStorage.removeItem(data.storage_key);
    } catch (e) {
      // Nothing was stored.
    }
    showState();
    say("Every answer on this page is cleared. Files you saved before are unchanged.");
    $("clear-answers").focus();
  });
  $("confirm-clear-no").addEventListener("click", () => {
    $("confirm-clear").hidden = true;
    $("clear-answers").focus();
  });
  $("confirm-open-yes").addEventListener("click", () => {
    $("confirm-open").hidden = true;
    if (pending) use(pending.name, pending.state);
    pending = null;
    $("open-answers").focus();
  });
  $("confirm-open-no").addEventListener("click", () => {
    $("confirm-open").hidden = true;
    pending = null;
    say("Nothing was opened; your answers are as they were.");
    $("open-answers").focus();
  });
  // Escape in a confirmation is its "no".
  for (const [box, no] of [["confirm-clear", "confirm-clear-no"], ["confirm-open", "confirm-open-no"]]) {
    $(box).addEventListener("keydown", (event) => {
      if (event.key === "Escape") $(no).click();
    });
  }
  $("tools").hidden = false;
  $("progress-box").hidden = false;
  document.documentElement.dataset.ready = "true";
})();
