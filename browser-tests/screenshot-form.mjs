// The screenshots in docs/ (not a check): the reference framework's lead form, partly filled,
// at desktop (1280 px) and phone (360 px) widths, cropped to the top of the page.
// Usage: COOPAI=target/debug/coopai node browser-tests/screenshot-form.mjs [DIR]   (default docs)
import { join } from "node:path";
import { launch } from "./lib.mjs";
import { tempDir, writeForm, templateQuestions, openForm, setAnswer, typeInto } from "./form.mjs";

const out = process.argv[2] ?? "docs";
const html = writeForm(tempDir("form-screenshot"));
const questions = new Map(templateQuestions().questions.map((q) => [q.id, q]));
const SHOTS = [
  { file: "form-desktop.png", width: 1280, height: 1500 },
  { file: "form-phone.png", width: 360, height: 1900 },
];

const browser = await launch();
for (const shot of SHOTS) {
  const { context, page } = await openForm(browser, html, { width: shot.width, height: 900 });
  await typeInto(page, "#meta-council", "Testshire County Council");
  await typeInto(page, "#meta-system", "Housing repairs assistant");
  await typeInto(page, "#meta-description", "Answers tenants' questions about repairs and books appointments");
  await page.selectOption("#meta-stage", "pilot");
  await setAnswer(page, questions.get("system-type"), "generative");
  await typeInto(page, "#evidence-system-type", "Supplier's technical summary v2.1, section 3");
  await setAnswer(page, questions.get("decisions-about-people"), "minor");
  // Scrolled back to the top, with the focus on the next question, as someone answering sees it.
  await page.focus('input[name="answer-vulnerable-groups"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, shot.file), clip: { x: 0, y: 0, width: shot.width, height: shot.height }, fullPage: true });
  console.log(`wrote ${join(out, shot.file)}`);
  await context.close();
}
await browser.close();
