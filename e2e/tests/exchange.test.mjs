// End-to-end: export → import round trips in every format through the UI,
// orphans placed by the reader, hostile files rejected without loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite } from '../lib/suite.mjs';
import { openPage } from '../lib/browser.mjs';
import { openWidget, dragSelect, clickHighlight, layers, textRects } from '../lib/widget.mjs';

const ctx = suite();

async function fresh() {
  const o = await openPage(ctx.browser);
  await openWidget(o.page, `${ctx.server.url}/index.html`);
  return o;
}

async function exportAs(page, format) {
  await page.locator('.hamish-export-format').selectOption(format);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.hamish-export').click()]);
  return { name: download.suggestedFilename(), data: fs.readFileSync(await download.path(), 'utf8') };
}

async function importFile(page, name, data) {
  await page.locator('.hamish-import-file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(data) });
}

const flat = (l, statuses = true) => Object.entries(l).flatMap(([t, v]) =>
  [...v.s.map((x) => `${t}:${statuses ? 's' : ''}:${x}`), ...v.d.map((x) => `${t}:${statuses ? 'd' : ''}:${x}`)]).sort();

test('every format round-trips the reader\'s work through export and import', async () => {
  const { page, context } = await fresh();
  await dragSelect(page, 'بيسكوف');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await clickHighlight(page, 'hamish1-LOC-s', 'موسكو');
  await page.locator('.hamish-card .hamish-reject').click();
  const want = await layers(page);
  const files = {};
  for (const f of ['hamish', 'w3c', 'conll', 'brat']) files[f] = await exportAs(page, f);
  assert.match(files.hamish.name, /\.hamish\.json$/);
  assert.match(files.w3c.data, /TextQuoteSelector/);
  assert.match(files.w3c.data, /TextPositionSelector/);
  assert.match(files.brat.data, /^T1\t/m);
  await context.close();

  for (const [f, file] of Object.entries(files)) {
    const o = await fresh();
    await importFile(o.page, file.name, file.data);
    await o.page.waitForFunction(() => Number(document.querySelector('.hamish-meta').dataset.generation) > 0);
    const got = await layers(o.page);
    // Hamish JSON and W3C keep statuses; CoNLL and brat keep spans and types.
    const lossless = f === 'hamish' || f === 'w3c';
    assert.deepEqual(flat(got, lossless), flat(want, lossless), f);
    await o.context.close();
  }
});

test('orphans are listed and placed by selecting text; hostile files change nothing', async () => {
  const { page, context, errors } = await fresh();
  const before = await layers(page);
  // brat with a mismatched text column: an error naming the line.
  await importFile(page, 'bad.ann', 'T1\tPER 0 5\tبوتين\nT2\tLOC x 9\tموسكو\n');
  await page.locator('.hamish-notice').waitFor();
  assert.match(await page.locator('.hamish-notice').textContent(), /line 2/);
  assert.deepEqual(await layers(page), before, 'nothing applied');
  // Garbage JSON: a new error replaces the previous one.
  const bratError = await page.locator('.hamish-notice').textContent();
  await importFile(page, 'x.hamish.json', '{"format":"hamish","version":1,"annotations":[{"start":"a"}');
  await page.waitForFunction((prev) => {
    const t = document.querySelector('.hamish-notice')?.textContent ?? '';
    return t !== '' && t !== prev;
  }, bratError);
  assert.match(await page.locator('.hamish-notice').textContent(), /hamish/i);
  assert.deepEqual(await layers(page), before);

  // A Hamish JSON file whose quote is not in this text: an orphan.
  const file = JSON.stringify({
    format: 'hamish', version: 1, offset_unit: 'codepoint',
    annotations: [{ start: 0, end: 5, quote: 'كرافتشوك', prefix: '', suffix: '', type: 'PER', status: 'decided', source: 'reader', confidence: 1 }],
  });
  await importFile(page, 'orphan.hamish.json', file);
  await page.locator('.hamish-orphans').waitFor();
  assert.equal(await page.locator('.hamish-orphans li').count(), 1);
  await page.locator('.hamish-orphan-place').click();
  await page.locator('.hamish-placing').waitFor();
  await dragSelect(page, 'باشنيك');
  await page.waitForFunction(() => !document.querySelector('.hamish-orphans'));
  assert.ok((await layers(page)).PER.d.includes('باشنيك'));
  // Undo goes back to before the placement.
  await page.keyboard.press('Control+z');
  assert.ok(!((await layers(page)).PER?.d ?? []).includes('باشنيك'));
  assert.deepEqual(errors.filter((e) => !e.includes('hamish')), []);
  await context.close();
});
