// End-to-end: the demo page built by `trunk build --release`, served from
// dist/ on 127.0.0.1, driven in headless Chromium like a reader would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../lib/server.mjs';
import { launch, openPage, highlightTexts, ARTIFACTS, DIST } from '../lib/browser.mjs';

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

async function openDemo() {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('.hamish[data-phase=ready]', { timeout: 30000 });
  return { page, errors, context };
}

/** Moves the mouse to the middle of the first rectangle of the first range
 *  in highlight `name` whose text is `text`. */
async function hoverHighlight(page, name, text) {
  const point = await page.evaluate(([name, text]) => {
    const hl = CSS.highlights.get(name);
    const range = [...hl].find((r) => r.toString() === text);
    const r = range.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, [name, text]);
  await page.mouse.move(point.x, point.y);
}

test('demo highlights the seed article, toggles types, shows cards, no console errors', async () => {
  const { page, errors, context } = await openDemo();
  const hl = await highlightTexts(page, 'hamish1-');
  assert.ok(hl['hamish1-PER-s'].includes('بوتين'), 'بوتين is a PER');
  assert.ok(hl['hamish1-LOC-s'].includes('موسكو'), 'موسكو is a LOC');
  assert.ok(hl['hamish1-DATE-s'].includes('فبراير 2022'), 'فبراير 2022 is a DATE');

  // Paragraphs and the bullet list are preserved, right to left.
  assert.equal(await page.locator('.hamish-list li').count(), 10);
  assert.ok((await page.locator('.hamish-article p').count()) > 15);
  assert.equal(await page.locator('.hamish-article').getAttribute('dir'), 'rtl');

  // Hovering the date shows its card with the normalised value.
  const date = page.locator('.hamish-card');
  await hoverHighlight(page, 'hamish1-DATE-s', 'فبراير 2022');
  await date.waitFor();
  assert.equal(await date.getAttribute('data-type'), 'DATE');
  assert.equal(await page.locator('.hamish-card-value').getAttribute('data-value'), '2022-02');
  assert.match(await date.textContent(), /فبراير 2022/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'demo-card.png') });

  // Keyboard: Tab into the article focuses the first annotation and shows its card.
  await page.mouse.move(5, 5);
  await page.locator('.hamish-legend-item').last().focus();
  await page.keyboard.press('Tab');
  await page.locator('.hamish-card').waitFor();
  const first = await page.locator('.hamish-card-text').textContent();
  assert.equal(first, 'الكرملين');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('.hamish-card-text').textContent(), 'اليوم');
  await page.keyboard.press('Escape');

  // The legend toggle hides a type and shows it again.
  const per = page.locator('.hamish-legend-item[data-type=PER]');
  const perCount = Number(await per.locator('.hamish-count').getAttribute('data-count'));
  assert.ok(perCount >= 3, `PER count ${perCount}`);
  await per.click();
  assert.equal(await per.getAttribute('aria-pressed'), 'false');
  assert.equal((await highlightTexts(page, 'hamish1-PER'))['hamish1-PER-s'], undefined);
  await per.click();
  assert.ok((await highlightTexts(page, 'hamish1-PER'))['hamish1-PER-s'].includes('بوتين'));

  await page.screenshot({ path: path.join(ARTIFACTS, 'demo.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await context.close();
});

test('Arabic letters stay joined across highlight boundaries', async () => {
  const { page, context } = await openDemo();
  // «لروسيا»: the highlight covers only روسيا, after the clitic ل, which
  // joins to the ر that follows it.
  const result = await page.evaluate(() => {
    const name = 'hamish1-LOC-s';
    const range = [...CSS.highlights.get(name)].find((r) => r.toString() === 'روسيا' &&
      r.startContainer.textContent[r.startOffset - 1] === 'ل');
    const node = range.startContainer;
    const word = document.createRange();
    word.setStart(node, range.startOffset - 1);
    word.setEnd(node, range.endOffset);
    const withHighlight = word.getBoundingClientRect().width;
    const saved = new Map(CSS.highlights);
    CSS.highlights.clear();
    const without = word.getBoundingClientRect().width;
    for (const [k, v] of saved) CSS.highlights.set(k, v);
    // Control: splitting the word with an inline-block does break joining,
    // and this measurement notices it.
    const probe = document.createElement('p');
    probe.style.cssText = getComputedStyle(node.parentElement).cssText;
    probe.innerHTML = 'ل<span style="display:inline-block">روسيا</span>';
    node.parentElement.after(probe);
    const pr = document.createRange();
    pr.selectNodeContents(probe);
    const broken = pr.getBoundingClientRect().width;
    probe.textContent = 'لروسيا';
    pr.selectNodeContents(probe);
    const joined = pr.getBoundingClientRect().width;
    probe.remove();
    return { text: word.toString(), withHighlight, without, broken, joined };
  });
  assert.equal(result.text, 'لروسيا');
  assert.equal(result.withHighlight, result.without, 'highlight does not change shaping');
  assert.notEqual(result.broken, result.joined, 'the control detects a broken join');
  // A close-up for the README.
  await page.evaluate(() => {
    const range = [...CSS.highlights.get('hamish1-LOC-s')].find((r) => r.toString() === 'روسيا' &&
      r.startContainer.textContent[r.startOffset - 1] === 'ل');
    range.startContainer.parentElement.setAttribute('data-probe', '');
  });
  await page.locator('[data-probe]').screenshot({ path: path.join(ARTIFACTS, 'joining.png') });
  await context.close();
});

test('time from navigation to first highlight', async () => {
  const { page, context } = await openDemo();
  const t = await page.evaluate(() => ({
    readyAt: Number(document.querySelector('.hamish-meta').dataset.readyAt),
    analysisMs: Number(document.querySelector('.hamish-meta').dataset.analysisMs),
  }));
  assert.ok(t.readyAt > 0);
  console.log(`# navigation → first highlight: ${t.readyAt.toFixed(0)} ms; analysis of the seed article in WASM: ${t.analysisMs.toFixed(1)} ms`);
  await context.close();
});
