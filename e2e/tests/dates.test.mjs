// End-to-end: date values in words (both calendars) and changing the
// reference date in the UI (issue 4, widget part).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../lib/server.mjs';
import { launch, openPage, DIST } from '../lib/browser.mjs';
import { openWidget, clickHighlight, dragSelect, layers } from '../lib/widget.mjs';

let server;
let browser;
before(async () => {
  server = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the card shows the date in words in both calendars; relative dates follow the reference date', async () => {
  const { page, context, errors } = await openPage(browser);
  await openWidget(page, `${server.url}/index.html`);
  await clickHighlight(page, 'hamish1-DATE-s', 'أمس الجمعة');
  const value = page.locator('.hamish-card-value');
  assert.equal(await value.getAttribute('data-value'), '2025-05-16');
  const words = await page.locator('.hamish-card-words').textContent();
  assert.match(words, /الجمعة 16 مايو 2025/);
  assert.match(words, /ذو القعدة 1446/);
  await page.keyboard.press('Escape');

  // A reader decision on another date must survive re-normalisation.
  await clickHighlight(page, 'hamish1-DATE-s', 'فبراير 2022');
  await page.locator('.hamish-card .hamish-accept').click();

  // Move the reference date a week later: «أمس الجمعة» moves with it.
  await page.locator('.hamish-refdate input').fill('2025-05-24');
  await page.locator('.hamish-refdate input').dispatchEvent('change');
  await page.waitForFunction(() => {
    const hl = CSS.highlights.get('hamish1-DATE-s');
    return hl && [...hl].some((r) => r.toString() === 'أمس الجمعة');
  });
  await page.waitForTimeout(200);
  await clickHighlight(page, 'hamish1-DATE-s', 'أمس الجمعة');
  assert.equal(await page.locator('.hamish-card-value').getAttribute('data-value'), '2025-05-23');
  assert.ok((await layers(page)).DATE.d.includes('فبراير 2022'), 'decisions kept across re-analysis');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader-added date gets its value from the temporal grammar', async () => {
  const { page, context } = await openPage(browser);
  await openWidget(page, `${server.url}/index.html`);
  // «ديسمبر 2019» is found already; add «منذ ديسمبر 2019» as one date to get
  // a value computed for the reader's span.
  await dragSelect(page, 'ديسمبر 2019');
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('5');
  assert.equal(await page.locator('.hamish-card-value').getAttribute('data-value'), '2019-12');
  await context.close();
});
