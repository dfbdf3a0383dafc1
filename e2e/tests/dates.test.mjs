// End-to-end: date values in words (both calendars) and changing the
// reference date in the UI (issue 4, widget part).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from '../lib/suite.mjs';
import { openPage } from '../lib/browser.mjs';
import { openWidget, clickHighlight, dragSelect, layers } from '../lib/widget.mjs';

const ctx = suite();

// Re-analysis after a reference-date change is asynchronous: opens the card of
// «أمس الجمعة» until its values satisfy `ok` (5 s at most) and returns them;
// the caller asserts on what it got.
async function yesterdayValuesOnceSettled(page, ok) {
  let values = [];
  for (let i = 0; i < 25; i++) {
    await clickHighlight(page, 'hamish1-DATE-s', 'أمس الجمعة');
    await page.locator('.hamish-card').waitFor();
    values = await page.locator('.hamish-card-value').evaluateAll((els) => els.map((e) => e.dataset.value));
    if (ok(values)) break;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
  return values;
}

test('the card shows the date in words in both calendars; relative dates follow the reference date', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await openWidget(page, `${ctx.server.url}/index.html`);
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
  const moved = await yesterdayValuesOnceSettled(page, (v) => v.includes('2025-05-23'));
  assert.equal(moved[0], '2025-05-23');
  assert.ok((await layers(page)).DATE.d.includes('فبراير 2022'), 'decisions kept across re-analysis');
  // The reader's reference date is saved with their work: a reload brings
  // back the date and the values that go with it.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k !== 'hamish:v1:learned' && (localStorage.getItem(k) ?? '').includes('"date":"2025-05-24"')));
  await page.reload();
  await page.waitForSelector('.hamish[data-phase=ready]');
  assert.equal(await page.locator('.hamish-refdate input').inputValue(), '2025-05-24');
  assert.deepEqual(await yesterdayValuesOnceSettled(page, (v) => v.length > 0), ['2025-05-23']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a half-edited reference date keeps the date in effect; clearing the box removes it', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await openWidget(page, `${ctx.server.url}/index.html`);
  const box = page.locator('.hamish-refdate input');
  const yesterday = async () => {
    await clickHighlight(page, 'hamish1-DATE-s', 'أمس الجمعة');
    const v = await page.locator('.hamish-card-value').getAttribute('data-value');
    await page.keyboard.press('Escape');
    return v;
  };
  assert.equal(await yesterday(), '2025-05-16');
  // Clear one field of the date (the value reads as empty while invalid).
  await box.focus();
  await page.keyboard.press('Backspace');
  assert.equal(await box.inputValue(), '');
  assert.ok(await box.evaluate((el) => el.validity.badInput), 'the date is half-edited');
  await box.dispatchEvent('change');
  await page.waitForTimeout(300);
  assert.equal(await yesterday(), '2025-05-16', 'the reference date is kept while it is being edited');
  // Leaving the box shows the date in effect again.
  await box.focus();
  await page.locator('.hamish-help-button').focus();
  assert.equal(await box.inputValue(), '2025-05-17');
  // Clearing the box entirely removes the reference date.
  await box.fill('');
  await box.dispatchEvent('change');
  await page.waitForFunction(() => {
    const el = document.querySelector('.hamish-refdate input');
    return el && el.value === '' && !el.validity.badInput;
  });
  const values = await yesterdayValuesOnceSettled(page, (v) => !v.includes('2025-05-16'));
  assert.ok(!values.includes('2025-05-16'), `without a reference date «أمس» has no calendar date (${values})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader-added date gets its value from the temporal grammar', async () => {
  const { page, context } = await openPage(ctx.browser);
  await openWidget(page, `${ctx.server.url}/index.html`);
  // «ديسمبر 2019» is found already; add «منذ ديسمبر 2019» as one date to get
  // a value computed for the reader's span.
  await dragSelect(page, 'ديسمبر 2019');
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('5');
  assert.equal(await page.locator('.hamish-card-value').getAttribute('data-value'), '2019-12');
  await context.close();
});
