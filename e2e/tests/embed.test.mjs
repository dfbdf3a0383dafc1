// End-to-end: embedding (issue 7) — the custom element, the JS API and its
// events, in-place mode on a host article, isolation from host styles, a
// strict Content-Security-Policy, and a host page on another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../lib/server.mjs';
import { launch, openPage, ARTIFACTS, DIST } from '../lib/browser.mjs';

let widgetHost;
let otherOrigin;
let browser;
before(async () => {
  // The widget host sends the CORS header the README documents, and a
  // strict CSP on the CSP example.
  widgetHost = await serve(DIST, {
    headers: (p) => ({
      'access-control-allow-origin': '*',
      ...(p.endsWith('/csp.html') ? { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'" } : {}),
    }),
  });
  // Another origin (another port) serving only the host page.
  otherOrigin = await serve(path.join(DIST, 'examples'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await widgetHost?.close();
  await otherOrigin?.close();
});

/** Highlight names → texts for ranges inside `selector`'s shadow root (or the document). */
async function shadowHighlights(page) {
  return page.evaluate(() => {
    const out = {};
    for (const [name, hl] of CSS.highlights) out[name] = [...hl].map((r) => r.toString());
    return out;
  });
}

async function readyEvents(page) {
  return page.locator('#log li[data-event=hamish-ready]').count();
}

test('the element renders, fires events with details, and exposes its API', async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${widgetHost.url}/examples/element.html`);
  await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 30000 });
  const hl = await shadowHighlights(page);
  const per = Object.entries(hl).find(([n]) => /-PER-s$/.test(n));
  assert.ok(per[1].includes('بوتين'));
  const api = await page.evaluate(async () => {
    const el = document.getElementById('demo');
    const anns = el.annotations;
    const text = await (await fetch('../kremlin-talks.ar.txt')).text();
    const a = anns.find((x) => x.text === 'موسكو');
    const changes = [];
    el.addEventListener('hamish-change', (e) => changes.push(e.detail));
    // Replace with one reader annotation; UTF-16 offsets round-trip.
    el.annotations = [{ start: a.start, end: a.end, type: 'ORG' }];
    // The change event follows the render: wait for it (5 s at most).
    for (let i = 0; i < 200 && changes.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    let bad = null;
    try { el.annotations = [{ start: 0, end: 999999, type: 'PER' }]; } catch (e) { bad = e.message; }
    const brat = el.export('brat');
    let badImport = null;
    try { el.import('T1\tPER x 5\tفلان\n', 'brat'); } catch (e) { badImport = e.message; }
    return {
      count: anns.length,
      sliceOk: text.slice(a.start, a.end) === 'موسكو',
      after: el.annotations.map((x) => `${x.type}:${x.text}:${x.status}`),
      change: changes[0] && { op: changes[0].op, added: changes[0].added.length, removed: changes[0].removed.length, unit: changes[0].offsetUnit },
      bad, brat, badImport,
    };
  });
  assert.ok(api.count > 50);
  assert.ok(api.sliceOk, 'annotation offsets are UTF-16 units of the text');
  assert.deepEqual(api.after, ['ORG:موسكو:decided']);
  assert.deepEqual(api.change, { op: 'import', added: 1, removed: api.count, unit: 'utf16' });
  assert.match(api.bad, /character boundary|end/);
  assert.match(api.brat, /^T1\tORG /);
  assert.match(api.badImport, /line 1/);
  assert.deepEqual(api.after, await page.evaluate(() => document.getElementById('demo').annotations.map((x) => `${x.type}:${x.text}:${x.status}`)), 'a failed import changes nothing');
  // A reader correction in the UI fires hamish-change with the change.
  const detail = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById('demo');
    el.addEventListener('hamish-change', (e) => resolve(e.detail), { once: true });
    el.shadowRoot.querySelector('.hamish-undo').click();
  }));
  assert.equal(detail.op, 'undo');
  // Removing the element frees its highlights.
  const before = Object.keys(await shadowHighlights(page)).length;
  await page.evaluate(() => document.getElementById('demo').remove());
  const afterRemove = Object.keys(await shadowHighlights(page)).length;
  assert.ok(before > 0 && afterRemove === 0, `highlights ${before} → ${afterRemove}`);
  // An Arabic page never downloads the English model.
  assert.ok(!widgetHost.requests.some((r) => r.path.endsWith('en.hmnr')));
  // A model that cannot be loaded: lexicon and rules still work, and the
  // widget says so.
  const fallback = await page.evaluate(async () => {
    const { mount } = await import('../hamish.js');
    const div = document.createElement('div');
    document.body.append(div);
    const ready = new Promise((r) => div.addEventListener('hamish-ready', r, { once: true }));
    const h = await mount(div, { text: 'Macron met Putin in Moscow on 16 May 2025.', lang: 'en', modelBase: '/nowhere/', persist: false });
    await ready;
    await new Promise((r) => setTimeout(r, 50));
    return { warn: div.querySelector('.hamish-warning')?.textContent ?? '', anns: h.annotations().map((a) => `${a.type}:${a.text}`) };
  });
  assert.match(fallback.warn, /English name model could not be loaded/);
  assert.ok(fallback.anns.includes('LOC:Moscow'), fallback.anns.join(', '));
  assert.ok(fallback.anns.includes('DATE:16 May 2025'), fallback.anns.join(', '));
  assert.deepEqual(errors.filter((e) => !e.includes('404 (Not Found)')), [], 'only the intended 404');
  await context.close();
});

test('two widgets on one page are independent, and host CSS does not leak either way', async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${widgetHost.url}/examples/two.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('hamish-annotator')].every((e) => e.shadowRoot?.querySelector('.hamish[data-phase=ready]')), null, { timeout: 30000 });
  const info = await page.evaluate(() => {
    const [ar, en] = ['ar', 'en'].map((id) => document.getElementById(id));
    const names = (el) => el.shadowRoot.querySelector('.hamish').dataset.instance;
    const article = (el) => el.shadowRoot.querySelector('.hamish-article');
    const cs = getComputedStyle(article(ar));
    return {
      instances: [names(ar), names(en)],
      arTexts: ar.annotations.map((a) => a.text),
      enTexts: en.annotations.map((a) => `${a.type}:${a.text}`),
      enWarnings: en.shadowRoot.querySelectorAll('.hamish-warning').length,
      widgetVisible: cs.display !== 'none' && article(ar).getBoundingClientRect().height > 100,
      widgetFont: cs.fontFamily,
      widgetColor: cs.color,
      widgetSpacing: cs.letterSpacing,
      buttonsVisible: getComputedStyle(ar.shadowRoot.querySelector('.hamish-legend-item')).display !== 'none',
      hostText: getComputedStyle(document.querySelector('.host-text')).color,
      hostLegendLeak: getComputedStyle(document.querySelector('.host-text')).getPropertyValue('--hamish-per-bg'),
    };
  });
  assert.notEqual(info.instances[0], info.instances[1]);
  assert.ok(info.arTexts.includes('بوتين'));
  assert.ok(info.enTexts.includes('LOC:Berlin'), info.enTexts.join(', '));
  assert.ok(info.enTexts.includes('PER:Johann Wadephul'), 'the English model, downloaded on demand, finds names');
  assert.ok(widgetHost.requests.some((r) => r.path === '/models/en.hmnr'));
  assert.equal(info.enWarnings, 0, 'no model warning');
  assert.ok(!info.enTexts.some((t) => t.startsWith('MISC')), 'types attribute respected');
  assert.ok(info.widgetVisible, 'host display:none rules do not reach the widget');
  assert.doesNotMatch(info.widgetFont, /Comic/);
  assert.notEqual(info.widgetColor, 'rgb(204, 0, 0)');
  assert.equal(info.widgetSpacing, 'normal', 'inherited host !important styles are reset');
  assert.ok(info.buttonsVisible);
  assert.equal(info.hostText, 'rgb(204, 0, 0)', 'the host keeps its own styles');
  assert.equal(info.hostLegendLeak, '', 'widget theme variables do not leak into the host');
  // Hiding a type in one widget leaves the other alone.
  await page.evaluate(() => document.getElementById('ar').shadowRoot.querySelector('.hamish-legend-item[data-type=LOC]').click());
  const hl = await shadowHighlights(page);
  const arLoc = Object.keys(hl).find((n) => n.startsWith(info.instances[0]) && n.endsWith('-LOC-s'));
  const enLoc = Object.keys(hl).find((n) => n.startsWith(info.instances[1]) && n.endsWith('-LOC-s'));
  assert.equal(arLoc, undefined);
  assert.ok(enLoc);
  await page.screenshot({ path: path.join(ARTIFACTS, 'two-widgets.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('widgets showing the same text save apart when their elements have ids; without ids the second one says it does not save', async () => {
  const { page, context, errors } = await openPage(browser);
  const addWidgets = () => page.evaluate(() => {
    for (const id of ['copy', '', '']) {
      const el = document.createElement('hamish-annotator');
      if (id) el.id = id;
      el.setAttribute('src', '../kremlin-talks.ar.txt');
      el.setAttribute('lang', 'ar');
      el.setAttribute('reference-date', '2025-05-17');
      document.body.append(el);
    }
  });
  const allReady = () => page.waitForFunction(() => [...document.querySelectorAll('hamish-annotator')]
    .every((e) => e.shadowRoot?.querySelector('.hamish[data-phase=ready]')), null, { timeout: 30000 });
  await page.goto(`${widgetHost.url}/examples/element.html`);
  await addWidgets();
  await allReady();
  // element.html's «demo» and the «copy» save under their own keys; of the
  // two without an id, exactly one saves and the other says why it does not.
  const failed = () => page.evaluate(() => [...document.querySelectorAll('hamish-annotator')]
    .map((e) => e.shadowRoot.querySelector('.hamish-save-failed')?.textContent ?? ''));
  await page.waitForFunction(() => [...document.querySelectorAll('hamish-annotator')]
    .some((e) => e.shadowRoot.querySelector('.hamish-save-failed')));
  const f = await failed();
  assert.deepEqual(f.slice(0, 2), ['', '']);
  assert.equal(f.slice(2).filter((t) => /\bid\b/.test(t)).length, 1, f.join(' | '));
  const counts = await page.evaluate(() => {
    const [demo, copy] = ['demo', 'copy'].map((id) => document.getElementById(id));
    demo.annotations = demo.annotations.slice(1);
    copy.annotations = copy.annotations.slice(0, -2);
    return [demo.annotations.length, copy.annotations.length];
  });
  await page.waitForFunction(() => ['demo', 'copy']
    .every((id) => document.getElementById(id).shadowRoot.querySelector('.hamish-save-saved')));
  await page.reload();
  await addWidgets();
  await allReady();
  const after = await page.evaluate(() => ['demo', 'copy'].map((id) => document.getElementById(id).annotations.length));
  assert.deepEqual(after, counts, 'each widget got its own work back');
  assert.notEqual(counts[0], counts[1]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the JS API and the element survive a site owner\'s mistakes', async () => {
  const { page, errors, context } = await openPage(browser);
  // b.txt answers at once, a.txt late: the newer source must win.
  await page.route('**/slow-a.txt', async (route) => {
    await new Promise((r) => setTimeout(r, 1200));
    await route.fulfill({ body: 'Angela Merkel visited Rome on 3 June 2024 and met the Pope there.', contentType: 'text/plain' });
  });
  await page.route('**/fast-b.txt', (route) => route.fulfill({ body: 'Boris Johnson flew to Kyiv.', contentType: 'text/plain' }));
  await page.goto(`${widgetHost.url}/examples/element.html`);
  await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 30000 });
  const r = await page.evaluate(async () => {
    const until = async (ok) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((res) => setTimeout(res, 25));
    };
    const { mount, enhance } = await import('../hamish.js');
    const out = {};
    // A shorter text swapped in: analysed, no crash.
    const div = document.createElement('div');
    document.body.append(div);
    let readies = 0;
    div.addEventListener('hamish-ready', () => readies++);
    const h = await mount(div, { text: 'Angela Merkel visited Rome on 3 June 2024 and met the Pope there.', lang: 'en', persist: false });
    await until(() => readies === 1);
    h.update({ text: 'Boris Johnson flew to Kyiv.' });
    await until(() => readies === 2);
    out.swapped = h.annotations().map((a) => a.text);
    // Annotations read and written back keep their source, confidence and link.
    const round = h.annotations();
    h.setAnnotations(round.map((a) => ({ start: a.start, end: a.end, type: a.type, status: a.status, value: a.value ?? undefined })));
    const meta = (list) => JSON.stringify(list.map((a) => [a.text, a.status, a.source, a.confidence, a.link?.id ?? null]));
    out.roundTrip = [meta(round), meta(h.annotations())];
    // An empty file changes nothing.
    const before = h.annotations().length;
    try { h.import(''); out.empty = 'accepted'; } catch (e) { out.empty = e.message; }
    out.afterEmpty = h.annotations().length === before;
    out.exportDefault = h.export().startsWith('{');
    // Bad annotations are refused: blank span, a value on a person, a bad date value.
    for (const bad of [[{ start: 5, end: 6, type: 'LOC' }], [{ start: 0, end: 5, type: 'PER', value: '2020' }],
      [{ start: 22, end: 26, type: 'DATE', value: 'not-a-date' }]]) {
      try { h.setAnnotations(bad); out.bad = (out.bad ?? []).concat('accepted'); } catch (e) { out.bad = (out.bad ?? []).concat(e.message); }
    }
    // A second widget on the same element is refused; after destroy() it mounts.
    try { await mount(div, { text: 'x y', persist: false }); out.twice = 'accepted'; } catch (e) { out.twice = e.message; }
    h.destroy();
    const h2 = await mount(div, { text: 'Macron in Paris.', lang: 'en', persist: false });
    out.remount = !!h2;
    h2.destroy();
    // The newest src wins over a slower earlier one.
    const el = document.createElement('hamish-annotator');
    el.setAttribute('lang', 'en');
    el.setAttribute('persist', 'false');
    el.setAttribute('src', '/slow-a.txt');
    document.body.append(el);
    await el.whenMounted();
    el.setAttribute('src', '/fast-b.txt');
    await new Promise((res) => setTimeout(res, 2000));
    out.race = el.shadowRoot.querySelector('.hamish-article')?.textContent.trim();
    // Moving the element keeps the reader's work (persist=false).
    el.annotations = [{ start: 0, end: 13, type: 'ORG' }];
    document.querySelector('h2').after(el);
    await new Promise((res) => setTimeout(res, 100));
    out.moved = el.annotations.map((a) => `${a.type}:${a.text}:${a.status}`);
    // A bad attribute: the text stays readable with the reason; fixing it mounts the widget.
    const bad = document.createElement('hamish-annotator');
    bad.setAttribute('lang', 'fr');
    bad.setAttribute('persist', 'false');
    bad.textContent = 'قال بوتين في موسكو.';
    document.body.append(bad);
    await until(() => bad.shadowRoot?.querySelector('[data-hamish-failed]'));
    out.failedText = bad.shadowRoot.querySelector('[data-hamish-failed]').textContent;
    bad.setAttribute('lang', 'ar');
    bad.setAttribute('ui-lang', 'de');
    await until(() => bad.shadowRoot.querySelector('[data-hamish-failed]')?.textContent.includes('uiLang'));
    out.badUi = bad.shadowRoot.querySelector('[data-hamish-failed]')?.textContent ?? '';
    bad.setAttribute('ui-lang', 'en-GB');
    await until(() => bad.annotations.length > 0);
    out.uiLang = bad.shadowRoot.querySelector('.hamish')?.getAttribute('lang');
    out.fixed = bad.annotations.map((a) => a.text);
    // enhance() is read-only, and once per article.
    const art = document.createElement('article');
    art.textContent = 'Macron met Scholz in Berlin.';
    document.body.append(art);
    const e1 = await enhance(art, { lang: 'en' });
    await until(() => e1.ready);
    // Offsets index the text the widget read (`handle.text`).
    out.enhanceOffsets = e1.annotations().every((a) => e1.text.slice(a.start, a.end) === a.text) && e1.annotations().length > 0;
    try { e1.setAnnotations([]); out.enhanceWrite = 'accepted'; } catch (e) { out.enhanceWrite = e.message; }
    try { await enhance(art, { lang: 'en' }); out.enhanceTwice = 'accepted'; } catch (e) { out.enhanceTwice = e.message; }
    e1.destroy();
    return out;
  });
  assert.deepEqual(r.swapped, ['Boris Johnson', 'Kyiv']);
  assert.equal(r.roundTrip[1], r.roundTrip[0], 'setAnnotations(annotations) keeps where they came from');
  assert.match(r.roundTrip[0], /"lexicon"/);
  assert.match(r.empty, /empty/);
  assert.ok(r.afterEmpty);
  assert.ok(r.exportDefault, 'export() defaults to Hamish JSON');
  assert.equal(r.bad.length, 3);
  assert.match(r.bad[0], /white space/);
  assert.match(r.bad[1], /only dates and times have a value/);
  assert.match(r.bad[2], /value/);
  assert.match(r.twice, /already holds a widget/);
  assert.ok(r.remount);
  assert.equal(r.race, 'Boris Johnson flew to Kyiv.');
  assert.deepEqual(r.moved, ['ORG:Boris Johnson:decided']);
  assert.match(r.failedText, /lang/);
  assert.match(r.failedText, /قال بوتين في موسكو/);
  assert.ok(r.fixed.includes('بوتين'), r.fixed.join(', '));
  assert.match(r.badUi, /uiLang/);
  assert.equal(r.uiLang, 'en', 'ui-lang="en-GB" is English');
  assert.ok(r.enhanceOffsets, 'enhance offsets index handle.text');
  assert.match(r.enhanceWrite, /read-only/);
  assert.match(r.enhanceTwice, /already holds a widget/);
  assert.deepEqual(errors.filter((e) => !/hamish-error|lang/.test(e)), []);
  await context.close();
});

test('in-place mode highlights the host article without touching its DOM or scripts', async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${widgetHost.url}/examples/blog.html`);
  const htmlBefore = await page.evaluate(() => document.getElementById('post').innerHTML);
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((n) => n.endsWith('-PER-s')), null, { timeout: 30000 });
  const r = await page.evaluate(() => {
    const out = {};
    for (const [name, hl] of CSS.highlights) out[name.replace(/^hamish\d+-/, '')] = [...hl].map((x) => x.toString());
    return { hl: out, html: document.getElementById('post').innerHTML };
  });
  assert.equal(r.html, htmlBefore, 'the article DOM is unchanged');
  assert.ok(r.hl['PER-s'].includes('فلاديمير بوتين'), 'a name inside <strong> is found');
  assert.ok(r.hl['ORG-s'].includes('الكرملين'), 'a name inside a link is found');
  assert.ok(r.hl['DATE-s'].includes('أمس الجمعة'));
  // The reference date came from the page: أمس الجمعة = 2025-05-16.
  const point = await page.evaluate(() => {
    const hl = [...CSS.highlights].find(([n]) => n.endsWith('-DATE-s'))[1];
    const range = [...hl].find((x) => x.toString() === 'أمس الجمعة');
    const rect = range.getClientRects()[0];
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(point.x, point.y);
  const card = page.locator('hamish-enhance .hamish-card');
  await card.waitFor();
  assert.equal(await card.locator('.hamish-card-value').getAttribute('data-value'), '2025-05-16');
  // The host's own script still works.
  await page.click('#link');
  assert.equal(await page.textContent('#clicks'), '1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'in-place.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('works under a strict Content-Security-Policy with no inline script', async () => {
  const { page, errors, context } = await openPage(browser);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${widgetHost.url}/examples/csp.html`);
  await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 30000 });
  const n = await page.evaluate(() => document.getElementById('demo').annotations.length);
  assert.ok(n > 50);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('works when the host page is on another origin', async () => {
  const { page, errors, context } = await openPage(browser);
  const url = `${otherOrigin.url}/cross-origin.html?widget=${encodeURIComponent(`${widgetHost.url}/`)}`;
  await page.goto(url);
  await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 30000 });
  const n = await page.evaluate(() => window.hamishHandle.annotations().length);
  assert.ok(n > 50);
  assert.notEqual(new URL(otherOrigin.url).port, new URL(widgetHost.url).port);
  assert.ok(widgetHost.requests.some((r) => r.path.endsWith('.wasm') && r.origin === otherOrigin.url), 'the wasm came cross-origin');
  assert.deepEqual(errors, []);
  await context.close();
});

test('element attributes: inline text, readonly, ui-lang, types; attribute changes re-render; mount().update() and destroy()', async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(`${widgetHost.url}/examples/element.html`);
  await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 30000 });
  const r = await page.evaluate(async () => {
    const el = document.createElement('hamish-annotator');
    el.setAttribute('lang', 'ar');
    el.setAttribute('reference-date', '2025-05-17');
    el.setAttribute('ui-lang', 'en');
    el.setAttribute('readonly', '');
    el.setAttribute('types', 'PER,DATE');
    el.setAttribute('persist', 'false');
    el.textContent = 'قال بوتين في موسكو اليوم إن المحادثات ستستمر.';
    const ready = new Promise((res) => el.addEventListener('hamish-ready', (e) => res(e.detail), { once: true }));
    document.body.append(el);
    const detail = await ready;
    const root = el.shadowRoot;
    const byText = (t) => el.annotations.find((a) => a.text === t);
    // Waits for a condition the widget reaches asynchronously (model fetch, re-analysis).
    const until = async (ok) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((res) => setTimeout(res, 25));
    };
    const out = {
      detail,
      readonlyFlag: root.querySelector('.hamish').dataset.readonly,
      undoButtons: root.querySelectorAll('.hamish-undo').length,
      uiLang: root.querySelector('.hamish').getAttribute('lang'),
      refLabel: root.querySelector('.hamish-refdate').textContent.trim(),
      legend: [...root.querySelectorAll('.hamish-legend-item')].map((b) => b.dataset.type),
      putin: byText('بوتين')?.type,
      today: byText('اليوم')?.value,
    };
    // Attribute changes apply to the live widget.
    el.setAttribute('reference-date', '2025-06-01');
    el.removeAttribute('readonly');
    el.setAttribute('ui-lang', 'ar');
    await until(() => byText('اليوم')?.value === '2025-06-01' && root.querySelectorAll('.hamish-undo').length > 0);
    out.todayAfter = byText('اليوم')?.value;
    out.undoAfter = root.querySelectorAll('.hamish-undo').length;
    out.uiLangAfter = root.querySelector('.hamish').getAttribute('lang');
    // analyze() brings the machine's annotations back after they were cleared.
    el.annotations = [];
    out.cleared = el.annotations.length;
    el.analyze();
    await until(() => el.annotations.length > 0);
    out.reanalysed = el.annotations.map((a) => a.text).sort();
    // The JS API: mount, update, destroy.
    const { mount } = await import('../hamish.js');
    const div = document.createElement('div');
    document.body.append(div);
    const mounted = new Promise((res) => div.addEventListener('hamish-ready', res, { once: true }));
    const h = await mount(div, { text: 'Macron spoke in Paris today.', lang: 'en', referenceDate: '2025-05-17', persist: false });
    await mounted;
    out.mountToday = h.annotations().find((a) => a.text === 'today')?.value;
    h.update({ referenceDate: '2024-01-02' });
    const todayOf = () => h.annotations().find((a) => a.text === 'today')?.value;
    await until(() => todayOf() === '2024-01-02');
    out.updatedToday = h.annotations().find((a) => a.text === 'today')?.value;
    const names = () => [...CSS.highlights.keys()].length;
    const before = names();
    h.destroy();
    await until(() => names() < before);
    out.destroyed = { before, after: names(), empty: div.childElementCount };
    try { h.annotations(); out.afterDestroy = 'no error'; } catch (e) { out.afterDestroy = e.message; }
    return out;
  });
  assert.ok(r.detail.count >= 2, JSON.stringify(r.detail));
  assert.equal(r.readonlyFlag, 'true');
  assert.equal(r.undoButtons, 0, 'readonly: no editing controls');
  assert.equal(r.uiLang, 'en');
  assert.equal(r.refLabel, 'Reference date');
  assert.deepEqual(r.legend, ['PER', 'DATE'], 'types attribute limits the legend');
  assert.equal(r.putin, 'PER');
  assert.equal(r.today, '2025-05-17');
  assert.equal(r.todayAfter, '2025-06-01', 'reference-date attribute re-normalises');
  assert.equal(r.undoAfter, 1, 'removing readonly brings the editing controls');
  assert.equal(r.uiLangAfter, 'ar');
  assert.equal(r.cleared, 0);
  assert.ok(r.reanalysed.includes('بوتين') && r.reanalysed.includes('اليوم'), r.reanalysed.join(', '));
  assert.equal(r.mountToday, '2025-05-17');
  assert.equal(r.updatedToday, '2024-01-02');
  assert.ok(r.destroyed.before > r.destroyed.after, JSON.stringify(r.destroyed));
  assert.equal(r.destroyed.empty, 0, 'destroy empties the element');
  assert.match(r.afterDestroy, /destroy/i);
  assert.deepEqual(errors, []);
  await context.close();
});
