// End-to-end: the widget learns from a reader's correction (issue 5): the
// name is then found in a new document, in the same browser; undoing a
// correction takes back what it taught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from '../lib/suite.mjs';
import { openPage } from '../lib/browser.mjs';
import { openWidget, dragSelect, layers, clickHighlight } from '../lib/widget.mjs';

const ctx = suite();

// Annotates `text` in a new widget on another page of the same browser (so
// with what the first page learned and saved): "TYPE:text:source:status".
async function annotateInNewPage(context, text) {
  const page = await context.newPage();
  await page.goto(`${ctx.server.url}/examples/element.html`);
  return page.evaluate(async (text) => {
    const { mount } = await import('../hamish.js');
    const div = document.createElement('div');
    document.body.append(div);
    const ready = new Promise((r) => div.addEventListener('hamish-ready', r, { once: true }));
    const h = await mount(div, { text, lang: 'ar', persist: true });
    await ready;
    return h.annotations().map((a) => `${a.type}:${a.text}:${a.source}:${a.status}`);
  }, text);
}

test('a name the model missed, corrected once, is found in a new document', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await openWidget(page, `${ctx.server.url}/index.html`);
  // The model misses «وزارة الطوارئ» (an organisation).
  assert.ok(!((await layers(page)).ORG?.s ?? []).includes('وزارة الطوارئ'));
  await dragSelect(page, 'وزارة الطوارئ');
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('2');
  assert.ok((await layers(page)).ORG.d.includes('وزارة الطوارئ'));
  // What was learned is saved for this origin.
  await page.waitForFunction(() => localStorage.getItem('hamish:v1:learned'), null, { timeout: 10000 });

  // A new document in another page of the same browser.
  const found = await annotateInNewPage(context, 'قالت وزارة الطوارئ إن فرقها وصلت إلى المنطقة.');
  assert.ok(found.includes('ORG:وزارة الطوارئ:reader:suggested'), found.join(', '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('undoing a rejection takes back what it taught', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await openWidget(page, `${ctx.server.url}/index.html`);
  const learned = () => page.evaluate(() => localStorage.getItem('hamish:v1:learned') ?? '');
  // Reject «موسكو» by mistake: the rejection is learned and saved.
  await clickHighlight(page, 'hamish1-LOC-s', 'موسكو');
  await page.locator('.hamish-card .hamish-reject').click();
  await page.waitForFunction(() => (localStorage.getItem('hamish:v1:learned') ?? '').includes('موسكو'), null, { timeout: 10000 });
  // Undo: the saved learned state no longer holds it.
  await page.locator('.hamish-undo').click();
  await page.waitForFunction(() => {
    const s = localStorage.getItem('hamish:v1:learned');
    return s !== null && !s.includes('موسكو');
  }, null, { timeout: 10000 });
  assert.ok(!(await learned()).includes('موسكو'));

  // A new document in the same browser still marks Moscow.
  const found = await annotateInNewPage(context, 'وصل الوفد إلى موسكو أمس.');
  assert.ok(found.some((a) => a.startsWith('LOC:موسكو:')), found.join(', '));
  assert.deepEqual(errors, []);
  await context.close();
});
