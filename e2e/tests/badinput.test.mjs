// End-to-end: hostile and extreme texts in the widget (issue 2, bad input):
// a 5 MB article, bidi controls, emoji and combining marks, markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from '../lib/suite.mjs';
import { openPage } from '../lib/browser.mjs';

const ctx = suite();

async function mountText(page, text, extra = {}) {
  return page.evaluate(async ([text, extra]) => {
    const { mount } = await import('../hamish.js');
    const div = document.createElement('div');
    document.body.append(div);
    const ready = new Promise((r) => div.addEventListener('hamish-ready', r, { once: true }));
    const t0 = performance.now();
    window.__h = await mount(div, { text, lang: 'auto', referenceDate: '2025-05-17', persist: false, ...extra });
    await ready;
    const anns = window.__h.annotations();
    return {
      ms: performance.now() - t0,
      count: anns.length,
      sample: anns.slice(0, 40).map((a) => ({ t: a.text, s: a.start, e: a.end, type: a.type })),
      scripts: div.querySelectorAll('script').length,
      shown: div.querySelector('.hamish-article').textContent,
    };
  }, [text, extra]);
}

test('markup, bidi controls, emoji and combining marks stay text with exact offsets', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.url}/examples/element.html`);
  const text = '<script>alert(1)</script> <b>x</b> \u202Bبوتين\u202C في \u200Fموسكو 👩‍👩‍👧 e\u0301 كييف';
  const r = await mountText(page, text);
  assert.equal(r.scripts, 0, 'markup is never HTML');
  assert.ok(r.shown.includes('<script>alert(1)</script>'));
  for (const a of r.sample) assert.equal(text.slice(a.s, a.e), a.t, 'UTF-16 offsets match the text');
  assert.deepEqual(r.sample.map((a) => a.t), ['بوتين', 'موسكو', 'كييف']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 5 MB article loads and is analysed, and corrections still work on it', async () => {
  const { page, context, errors } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.url}/examples/element.html`);
  const seed = await (await fetch(`${ctx.server.url}/kremlin-talks.ar.txt`)).text();
  const big = Array(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(seed))).fill(seed).join('\n\n');
  assert.ok(Buffer.byteLength(big) >= 5 * 1024 * 1024);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask' });
  });
  const r = await mountText(page, big);
  assert.ok(r.count > 10000, `${r.count} annotations`);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`# 5 MB article: ready in ${r.ms.toFixed(0)} ms, ${r.count} annotations, longest main-thread task ${longest.toFixed(0)} ms`);
  // A correction on it still works.
  const changed = await page.evaluate(() => new Promise((resolve) => {
    const div = document.querySelector('.hamish').parentElement;
    div.addEventListener('hamish-change', (e) => resolve(e.detail.op), { once: true });
    const first = window.__h.annotations()[0];
    window.__h.setAnnotations([{ start: first.start, end: first.end, type: 'MISC' }]);
  }));
  assert.equal(changed, 'import');
  assert.deepEqual(errors, []);
  await context.close();
});
