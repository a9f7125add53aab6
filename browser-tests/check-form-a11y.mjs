// axe-core in the form: the lead officer's form and the residents' form of the reference
// framework, at 1280 and 360 px wide, as opened and after answers that show conditional
// questions (and their evidence fields): no WCAG 2 A or AA violation, no request outside the
// page. The HTML reports have check-pages-a11y.mjs.
import { launch, axeViolations, fail, ok, finish } from "./lib.mjs";
import { tempDir, writeForm, templateQuestions, openForm, cspProblems, questionIds, visibleIds, setAnswer } from "./form.mjs";

// Answers that show conditional questions, for each form.
const FORMS = [
  {
    role: undefined,
    name: "the lead officer's form",
    answers: { "system-type": "trained", "decisions-about-people": "decides", "residents-involved": ["co-design"], "member-decision": "not known" },
  },
  { role: "residents", name: "the residents' form", answers: { "residents-involved": ["co-design", "go-live-say"] } },
];
const WIDTHS = [1280, 360];

const dir = tempDir("form-a11y");
const browser = await launch();
let pages = 0;
try {
  for (const form of FORMS) {
    const html = writeForm(dir, { role: form.role, name: `${form.role ?? "lead"}.html` });
    const questions = new Map(templateQuestions({ role: form.role }).questions.map((q) => [q.id, q]));
    for (const width of WIDTHS) {
      const { context, page, problems } = await openForm(browser, html, { width, height: 800 });
      for (const p of await cspProblems(page)) fail(`${form.name}: ${p}`);
      if ((await questionIds(page)).length === 0) fail(`${form.name}: no question on the page`);
      const check = async (state) => {
        const violations = await axeViolations(page);
        for (const v of violations) fail(`${form.name}, ${width} px, ${state}: ${v}`);
        if (violations.length === 0) ok(`${form.name}, ${width} px, ${state}: no WCAG A/AA violation`);
        pages += 1;
      };
      await check("as opened");
      const before = new Set(await visibleIds(page));
      for (const [id, value] of Object.entries(form.answers)) await setAnswer(page, questions.get(id), value);
      const revealed = (await visibleIds(page)).filter((id) => !before.has(id));
      if (revealed.length === 0) fail(`${form.name}: the answers showed no further question`);
      await check(`after answers that show ${revealed.join(", ")}`);
      // Content wider than the screen would need scrolling in two directions (WCAG 1.4.10).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) fail(`${form.name}, ${width} px: the page is ${overflow} px wider than the screen`);
      for (const p of problems()) fail(`${form.name}, ${width} px: ${p}`);
      await context.close();
    }
  }
} catch (e) {
  fail(e.stack ?? String(e));
}
await browser.close();
if (pages === 0) fail("no page was checked");
finish("the form's accessibility check");
