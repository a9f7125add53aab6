// The screenshots in docs/ (not a check): the reference framework's lead form, partly filled,
// at desktop (1280 px) and phone (360 px) widths, cropped to the first questions (the page
// above them is the header, the buttons, the progress and the assessment's details).
// Usage: COOPAI=target/debug/coopai node browser-tests/screenshot-form.mjs [DIR]   (default docs)
import { join } from "node:path";
import { launch } from "./lib.mjs";
import { tempDir, writeForm, templateQuestions, openForm, setAnswer, typeInto } from "./form.mjs";

const out = process.argv[2] ?? "docs";
const html = writeForm(tempDir("form-screenshot"));
const questions = new Map(templateQuestions().questions.map((q) => [q.id, q]));
const SHOTS = [
  { file: "form-desktop.png", width: 1280, height: 1250 },
  { file: "form-phone.png", width: 360, height: 1700 },
];

const browser = await launch();
for (const shot of SHOTS) {
  const { context, page } = await openForm(browser, html, { width: shot.width, height: shot.height });
  await typeInto(page, "#meta-council", "Testshire County Council");
  await typeInto(page, "#meta-system", "Housing repairs assistant");
  await typeInto(page, "#meta-description", "Answers tenants' questions about repairs and books appointments");
  await page.selectOption("#meta-stage", "pilot");
  await setAnswer(page, questions.get("system-type"), "generative");
  await typeInto(page, "#evidence-system-type", "Supplier's technical summary v2.1, section 3");
  await setAnswer(page, questions.get("decisions-about-people"), "minor");
  await typeInto(page, "#meta-assessor", "A. Officer, Digital Services lead");
  // The focus on the next question, as someone answering sees it.
  await page.focus('input[name="answer-vulnerable-groups"]');
  // Scrolled to the first questions: what the screen shows there, sticky progress line included.
  await page.evaluate(() => window.scrollTo(0, document.querySelector("section.section").getBoundingClientRect().top + window.scrollY - 80));
  await page.screenshot({ path: join(out, shot.file) });
  console.log(`wrote ${join(out, shot.file)}`);
  await context.close();
}
await browser.close();
