// End-to-end: reader corrections on the demo (issue 6), with real mouse,
// keyboard and touch input in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { suite } from '../lib/suite.mjs';
import { openPage, ARTIFACTS } from '../lib/browser.mjs';
import {
  openWidget, dragSelect, layers, clickHighlight, textRects, generation, waitGeneration, cardText,
} from '../lib/widget.mjs';

const ctx = suite();

const demo = () => `${ctx.server.url}/index.html`;

async function fresh(options) {
  const o = await openPage(ctx.browser, options);
  await openWidget(o.page, demo());
  return o;
}

const count = (arr, text) => (arr ?? []).filter((t) => t === text).length;

test('add by mouse drag, picker by number key, apply to all occurrences as one undo step', async () => {
  const { page, errors, context } = await fresh();
  assert.equal(count((await layers(page)).PER?.d, 'بيسكوف'), 0);
  const g0 = await generation(page);
  await dragSelect(page, 'بيسكوف');
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('1');
  await waitGeneration(page, g0);
  let l = await layers(page);
  assert.deepEqual(l.PER.d, ['بيسكوف']);
  // The offer previews the other mentions; exclude one, apply to the rest.
  const offer = page.locator('.hamish-offer');
  await offer.waitFor();
  assert.equal(await offer.getAttribute('data-count'), '4');
  await offer.locator('input[type=checkbox]').first().uncheck();
  assert.equal(await offer.getAttribute('data-count'), '3');
  await offer.locator('.hamish-offer-apply').click();
  await page.waitForFunction(() => !document.querySelector('.hamish-offer'));
  l = await layers(page);
  assert.equal(count(l.PER.d, 'بيسكوف'), 4);
  // One undo removes the whole apply-to-all; a second removes the add.
  await page.keyboard.press('Control+z');
  assert.equal(count((await layers(page)).PER.d, 'بيسكوف'), 1);
  await page.locator('.hamish-undo').click();
  assert.equal(count((await layers(page)).PER?.d, 'بيسكوف'), 0);
  // Redo both with the keyboard and the toolbar.
  await page.keyboard.press('Control+Shift+z');
  assert.equal(count((await layers(page)).PER.d, 'بيسكوف'), 1);
  await page.locator('.hamish-redo').click();
  assert.equal(count((await layers(page)).PER.d, 'بيسكوف'), 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('selection snaps to the name behind a clitic; Alt keeps the exact selection', async () => {
  const { page, context } = await fresh();
  // «وزيلينسكي»: a drag over the whole word gives زيلينسكي.
  await dragSelect(page, 'وزيلينسكي');
  await page.locator('.hamish-picker').waitFor();
  await page.locator('.hamish-pick[data-type=PER]').click();
  assert.ok((await layers(page)).PER.d.includes('زيلينسكي'));
  await page.keyboard.press('Escape');
  // Double-click a word opens the picker for it.
  const r = (await textRects(page, 'لوفيجارو'))[0];
  await page.mouse.dblclick((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('2');
  assert.ok((await layers(page)).ORG.d.includes('لوفيجارو'));
  await page.keyboard.press('Escape');
  // Alt: exactly what was dragged, no snapping.
  await dragSelect(page, 'صدى البل', 0, { alt: true });
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('2');
  assert.ok((await layers(page)).ORG.d.includes('صدى البل'));
  await context.close();
});

test('retype, accept and reject from the card; delete with the keyboard', async () => {
  const { page, context } = await fresh();
  await clickHighlight(page, 'hamish1-LOC-s', 'موسكو');
  const card = page.locator('.hamish-card');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'suggested');
  await card.locator('.hamish-retype[data-type=ORG]').click();
  let l = await layers(page);
  assert.ok(l.ORG.d.includes('موسكو'), 'retyped to ORG as a decision');
  await page.locator('.hamish-offer-dismiss').click();
  // Accept a suggestion.
  await clickHighlight(page, 'hamish1-DATE-s', 'فبراير 2022');
  await card.locator('.hamish-accept').click();
  l = await layers(page);
  assert.ok(l.DATE.d.includes('فبراير 2022'));
  // Reject one.
  const before = count(l.PER.s, 'ترمب');
  await clickHighlight(page, 'hamish1-PER-s', 'ترمب');
  await card.locator('.hamish-reject').click();
  assert.equal(count((await layers(page)).PER.s, 'ترمب'), before - 1);
  // Delete with the keyboard: focus the first annotation, Delete.
  await clickHighlight(page, 'hamish1-ORG-s', 'الكرملين');
  const g = await generation(page);
  await page.keyboard.press('Delete');
  await waitGeneration(page, g);
  assert.equal(count((await layers(page)).ORG.s, 'الكرملين'), count(l.ORG.s, 'الكرملين') - 1);
  await context.close();
});

test('bulk accept and reject by type and all', async () => {
  const { page, context } = await fresh();
  const n = Number(await page.locator('.hamish-review-count').getAttribute('data-count'));
  assert.ok(n > 50);
  await page.locator('.hamish-legend-item[data-type=LOC]').click(); // hide LOC
  await page.locator('.hamish-accept-all').click();
  const l = await layers(page);
  assert.equal((l.PER?.s ?? []).length, 0);
  assert.equal(Number(await page.locator('.hamish-review-count').getAttribute('data-count')) > 0, true,
    'hidden LOC suggestions stay to review');
  await page.locator('.hamish-legend-item[data-type=LOC]').click();
  await page.keyboard.press('Shift+R');
  await page.locator('.hamish-article').focus();
  await page.keyboard.press('Shift+R');
  assert.equal(await page.locator('.hamish-review-count').getAttribute('data-count'), '0');
  assert.equal(((await layers(page)).LOC?.s ?? []).length, 0);
  await context.close();
});

test('resize both edges in RTL with the keyboard and by dragging the handles', async () => {
  const { page, context } = await fresh();
  // «دميتري بيسكوف» (first story): make بيسكوف a PER, then grow its right
  // (start) edge to take in دميتري.
  await dragSelect(page, 'بيسكوف');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape'); // dismiss offer
  await clickHighlight(page, 'hamish1-PER-d', 'بيسكوف');
  await page.keyboard.press('Alt+ArrowRight');
  assert.ok((await layers(page)).PER.d.includes('دميتري بيسكوف'), 'start edge grew to the right');
  // Shrink the left (end) edge by one character, then grow it back.
  await page.keyboard.press('Alt+Control+Shift+ArrowLeft');
  assert.ok((await layers(page)).PER.d.includes('دميتري بيسكو'));
  await page.keyboard.press('Alt+Control+ArrowLeft');
  assert.ok((await layers(page)).PER.d.includes('دميتري بيسكوف'));
  // Drag the start handle back to the start of بيسكوف.
  const handle = page.locator('.hamish-handle-start');
  await handle.waitFor();
  const hb = await handle.boundingBox();
  const target = (await textRects(page, 'بيسكوف'))[0];
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.right - 2, (target.top + target.bottom) / 2, { steps: 6 });
  await page.mouse.up();
  assert.ok((await layers(page)).PER.d.includes('بيسكوف'));
  // And the end handle over the comma that follows is snapped back to the word end.
  await page.screenshot({ path: path.join(ARTIFACTS, 'resize.png') });
  await context.close();
});

test('keyboard only: caret, Shift+arrows selection, number key, next/previous, ? overlay', async () => {
  const { page, context } = await fresh();
  await page.locator('.hamish-legend-item').last().focus();
  await page.keyboard.press('Tab'); // into the article: first annotation selected
  await page.locator('.hamish-card').waitFor();
  await cardText(page, 'الكرملين');
  await page.keyboard.press('j');
  await cardText(page, 'اليوم');
  await page.keyboard.press('k');
  await cardText(page, 'الكرملين');
  // The caret starts at the selected annotation; in RTL ← moves forward.
  // Ctrl+Shift+← twice selects «الكرملين اليوم»? No: select the next word «اليوم»
  // by moving past الكرملين then selecting one word.
  await page.keyboard.press('Control+ArrowLeft'); // caret after الكرملين
  await page.keyboard.press('Control+ArrowLeft'); // before اليوم
  await page.keyboard.press('Control+Shift+ArrowLeft'); // select اليوم
  await page.keyboard.press('4'); // MISC
  assert.ok((await layers(page)).MISC.d.includes('اليوم'));
  // ? opens the shortcut overlay, a modal dialog: Tab stays in it, Esc
  // closes it and gives the keyboard back to the article.
  await page.keyboard.press('?');
  await page.locator('.hamish-help').waitFor();
  assert.ok((await page.locator('.hamish-help tr').count()) > 10);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.hamish-help') != null), 'Tab stays in the dialog');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.hamish-help').count(), 0);
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('hamish-article')), 'focus is back in the article');
  // Retype with a number key, edit a date value with validation.
  await page.locator('.hamish-article').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('3');
  assert.ok((await layers(page)).LOC.d.includes('الكرملين'));
  // The offer to do the same for the other mentions: `m` applies it.
  await page.locator('.hamish-offer').waitFor();
  await page.keyboard.press('m');
  await page.locator('.hamish-offer').waitFor({ state: 'detached' });
  const kremlin = (await layers(page)).LOC.d.filter((t) => t === 'الكرملين').length;
  assert.ok(kremlin > 5, `every «الكرملين» is a decided place now (${kremlin})`);
  await page.keyboard.press('Escape');
  await clickHighlight(page, 'hamish1-DATE-s', 'فبراير 2022');
  await page.keyboard.press('e');
  const input = page.locator('.hamish-value-form input');
  // `e` gives the keyboard to the value box: what the reader types goes
  // there, not to the article (where digits retype the annotation).
  await page.waitForFunction(() => document.activeElement?.closest('.hamish-value-form') != null);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2022-02-30');
  await page.keyboard.press('Enter');
  await page.locator('.hamish-value-error').waitFor();
  const still = await layers(page);
  assert.ok([...still.DATE.d, ...still.DATE.s].includes('فبراير 2022'),
    'the date is still a date: no digit reached the type shortcuts');
  // The error re-renders the card: the reader's text stays in the box (a
  // re-render used to put the old value back over it).
  assert.equal(await input.inputValue(), '2022-02-30');
  await input.fill('2022-02-24');
  await input.press('Enter');
  await page.locator('.hamish-card-value[data-value="2022-02-24"]').waitFor();
  // Saving closes the editor and gives the keyboard back to the article;
  // so does Esc.
  await page.waitForFunction(() => document.activeElement?.classList.contains('hamish-article'));
  await page.keyboard.press('e');
  await page.waitForFunction(() => document.activeElement?.closest('.hamish-value-form') != null);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.classList.contains('hamish-article'));
  assert.equal(await page.locator('.hamish-value-form').count(), 0);
  await context.close();
});

test('keyboard only: the caret goes on into the next paragraph, so one without annotations can be annotated', async () => {
  const { page, context, errors } = await fresh();
  await page.locator('.hamish-article').focus();
  const target = 'وطالب الرئيس الأوكراني';
  const caretText = () => page.evaluate(() => getSelection().anchorNode?.textContent ?? '');
  // Word by word (RTL: ← is forward) from the first paragraph on.
  let presses = 0;
  while (!(await caretText()).startsWith(target) && presses < 600) {
    await page.keyboard.press('Control+ArrowLeft');
    presses++;
  }
  assert.ok((await caretText()).startsWith(target), `reached the paragraph after ${presses} presses`);
  // Select its first word (past the clitic «و»), hear the choices, mark it.
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  await page.locator('.hamish-picker[role=toolbar]').waitFor();
  assert.match(await page.locator('.hamish-sr').textContent(), /^اختر النوع: 1 .+، 2 .+\(Esc\)$/);
  await page.keyboard.press('4');
  const misc = (await layers(page)).MISC?.d ?? [];
  assert.ok(misc.some((t) => target.includes(t) && t.length >= 4), misc.join(', '));
  // And back: → goes into the previous paragraph.
  const before = await caretText();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+ArrowRight');
  assert.notEqual(await caretText(), before);
  // A mouse selection across two paragraphs gets no picker, and says why.
  // (Esc closes the offer and the card the add opened, so that nothing
  // covers the text.)
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.hamish-card, .hamish-offer').count(), 0);
  // (Both words measured after one scroll: textRects scrolls each word's
  // paragraph to the middle.)
  const [a, b] = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('[data-block]')];
    blocks.find((e) => e.textContent.startsWith('وطالب')).scrollIntoView({ block: 'center' });
    return ['مرارًا', 'الادعاءات'].map((w) => {
      const node = blocks.find((e) => e.textContent.includes(w)).firstChild;
      const i = node.textContent.indexOf(w);
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + w.length);
      const x = r.getBoundingClientRect();
      return { left: x.left, right: x.right, top: x.top, bottom: x.bottom };
    });
  });
  await page.mouse.move(a.right - 2, (a.top + a.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(b.left + 2, (b.top + b.bottom) / 2, { steps: 6 });
  await page.mouse.up();
  await page.locator('.hamish-notice').waitFor();
  assert.match(await page.locator('.hamish-notice').textContent(), /فقرة/);
  assert.equal(await page.locator('.hamish-picker').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('touch: long-press selects, picker below, tap a highlight, drag a handle', async () => {
  const { page, context } = await fresh({ hasTouch: true, isMobile: true, viewport: { width: 420, height: 860 } });
  const cdp = await context.newCDPSession(page);
  const r = (await textRects(page, 'بيسكوف'))[0];
  const x = (r.left + r.right) / 2;
  const y = (r.top + r.bottom) / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await page.waitForTimeout(900);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.locator('.hamish-picker').waitFor({ timeout: 5000 });
  const pb = await page.locator('.hamish-picker').boundingBox();
  assert.ok(pb.y > r.bottom, 'picker below the selection on touch');
  await page.locator('.hamish-pick[data-type=PER]').tap();
  assert.ok((await layers(page)).PER.d.includes('بيسكوف'));
  await page.locator('.hamish-offer-dismiss').tap();
  // Close the card, then tap a suggestion: its card opens.
  await page.locator('.hamish-card-close').tap();
  await page.waitForFunction(() => !document.querySelector('.hamish-card'));
  const m = (await textRects(page, 'موسكو'))[0];
  await page.touchscreen.tap((m.left + m.right) / 2, (m.top + m.bottom) / 2);
  await page.locator('.hamish-card[data-type=LOC]').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'touch.png') });
  // Drag the end (left, in RTL) handle with a finger over the next word.
  await page.locator('.hamish-card .hamish-accept').tap();
  await page.touchscreen.tap((m.left + m.right) / 2, (m.top + m.bottom) / 2);
  const h = await page.locator('.hamish-handle-end').boundingBox();
  const next = (await textRects(page, 'موسكو أنها'))[0];
  const hx = h.x + h.width / 2;
  const hy = h.y + h.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: hx, y: hy }] });
  for (let i = 1; i <= 5; i++) {
    const nx = hx + ((next.left + 2) - hx) * (i / 5);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: nx, y: hy }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page
    .waitForFunction(() => [...(CSS.highlights.get('hamish1-LOC-d') ?? [])].some((r) => r.toString() === 'موسكو أنها'), null, { timeout: 5000 })
    .catch(() => {});
  assert.ok((await layers(page)).LOC.d.includes('موسكو أنها'), 'end edge dragged by touch');
  await context.close();
});

test('a card opened near the bottom of the screen scrolls into view', async () => {
  const { page, context } = await fresh({ viewport: { width: 900, height: 600 } });
  // The first «موسكو» suggestion, once highlighted, about 30 px above the
  // bottom of the screen.
  const moscow = () => page.evaluate(() => {
    const r = [...(CSS.highlights.get('hamish1-LOC-s') ?? [])].find((x) => x.toString() === 'موسكو');
    if (!r) return null;
    const b = r.getBoundingClientRect();
    return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, bottom: b.bottom };
  });
  await page.waitForFunction(() => [...(CSS.highlights.get('hamish1-LOC-s') ?? [])].some((x) => x.toString() === 'موسكو'));
  await page.evaluate((dy) => window.scrollBy(0, dy), (await moscow()).bottom - (600 - 30));
  await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
  const m = await moscow();
  assert.ok(m.y > 540, `placed at ${m.y}`);
  // Hovering it shows its card without scrolling the page.
  const y0 = await page.evaluate(() => scrollY);
  await page.mouse.move(m.x, m.y, { steps: 3 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => scrollY), y0, 'hovering does not scroll');
  await page.mouse.click(m.x, m.y);
  await page.locator('.hamish-card[data-type=LOC]').waitFor({ timeout: 10000 });
  await page.waitForFunction(() => {
    const c = document.querySelector('.hamish-card').getBoundingClientRect();
    return c.height > 0 && c.top >= -1 && c.bottom <= innerHeight + 1;
  }, null, { timeout: 5000 });
  await context.close();
});

test('corrections survive a reload; damaged or unavailable storage is reported, work continues', async () => {
  const { page, context } = await fresh();
  await dragSelect(page, 'بيسكوف');
  await page.keyboard.press('1');
  await clickHighlight(page, 'hamish1-LOC-s', 'موسكو');
  await page.locator('.hamish-card .hamish-reject').click();
  // Rejecting one «الكرملين» teaches the widget that the word is not a
  // name; the other mentions stay as the reader left them, after the
  // reload too (the first analysis does not replace restored work).
  await clickHighlight(page, 'hamish1-ORG-s', 'الكرملين');
  await page.locator('.hamish-card .hamish-reject').click();
  await page.locator('.hamish-save-saved').waitFor();
  const before = await layers(page);
  assert.ok(before.ORG.s.filter((t) => t === 'الكرملين').length > 5);
  await page.reload();
  await page.waitForSelector('.hamish[data-phase=ready]');
  await page.waitForFunction(() => document.querySelector('.hamish-save-saved'));
  assert.deepEqual(await layers(page), before);

  // Damage the saved entry: it is reported and kept aside, never overwritten blindly.
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('hamish:v1:')));
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1, broken'), key);
  await page.reload();
  await page.waitForSelector('.hamish[data-phase=ready]');
  await page.locator('.hamish-notice').waitFor();
  const aside = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:damaged:`)), key);
  assert.equal(aside.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), '{"version":1, broken');
  await context.close();

  // Storage that throws (full, or blocked): say so, keep working in memory.
  const o = await openPage(ctx.browser);
  await o.page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await openWidget(o.page, demo());
  await dragSelect(o.page, 'بيسكوف');
  await o.page.keyboard.press('1');
  await o.page.locator('.hamish-save-failed').waitFor();
  assert.match(await o.page.locator('.hamish-save-failed').textContent(), /storage is full|التخزين|full/);
  assert.ok((await layers(o.page)).PER.d.includes('بيسكوف'), 'the correction is kept in memory');
  await o.context.close();
});

test('two tabs on one article: each shows what the other saved, neither overwrites the other', async () => {
  const { page: a, context } = await fresh();
  const b = await context.newPage();
  await openWidget(b, demo());
  await dragSelect(a, 'بيسكوف');
  await a.keyboard.press('1');
  await a.locator('.hamish-save-saved').waitFor();
  // B had nothing unsaved: it now shows A's work, and says so.
  await b.locator('.hamish-notice').waitFor();
  assert.ok((await layers(b)).PER.d.includes('بيسكوف'));
  await clickHighlight(b, 'hamish1-LOC-s', 'موسكو');
  await b.keyboard.press('2');
  await b.locator('.hamish-save-saved').waitFor();
  await a.reload();
  await a.waitForSelector('.hamish[data-phase=ready]');
  const l = await layers(a);
  assert.ok(l.PER.d.includes('بيسكوف'), 'A keeps its own correction');
  assert.ok(l.ORG.d.includes('موسكو'), "and has B's");
  await context.close();
});

test('a correction touches no article DOM (only highlight ranges change)', async () => {
  const { page, context } = await fresh();
  await page.evaluate(() => {
    window.__mutations = 0;
    new MutationObserver((m) => { window.__mutations += m.length; })
      .observe(document.querySelector('.hamish-article'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await clickHighlight(page, 'hamish1-LOC-s', 'موسكو');
  await page.keyboard.press('2');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Delete');
  assert.equal(await page.evaluate(() => window.__mutations), 0);
  await context.close();
});

test('sticky label: every new selection gets the chosen type at once; Meta+Z undoes (macOS)', async () => {
  const { page, errors, context } = await fresh();
  await page.locator('.hamish-sticky select').selectOption('ORG');
  const g0 = await generation(page);
  await dragSelect(page, 'لوفيجارو');
  await waitGeneration(page, g0);
  // No picker: the type was applied directly.
  assert.equal(await page.locator('.hamish-picker').count(), 0);
  assert.ok((await layers(page)).ORG.d.includes('لوفيجارو'));
  const g1 = await generation(page);
  await dragSelect(page, 'بيسكوف');
  await waitGeneration(page, g1);
  assert.ok((await layers(page)).ORG.d.includes('بيسكوف'));
  // Off again: the picker is back.
  await page.locator('.hamish-sticky select').selectOption('');
  await dragSelect(page, 'زيلينسكي');
  await page.locator('.hamish-picker').waitFor();
  await page.keyboard.press('Escape');
  // Cmd+Z (Meta) undoes like Ctrl+Z.
  const g2 = await generation(page);
  await page.keyboard.press('Meta+z');
  await waitGeneration(page, g2);
  assert.ok(!(await layers(page)).ORG.d.includes('بيسكوف'));
  assert.deepEqual(errors, []);
  await context.close();
});
