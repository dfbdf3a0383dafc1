// Browser measurements for the README and the issues, in headless Chromium:
//   - time from navigation to first highlight (seed article), median of N loads;
//   - correction latency (keydown → state, highlights and card updated; and
//     → next frame), median and p95, on the seed article and on 100× it;
//   - analysis time in WASM and page responsiveness (longest main-thread task)
//     while a 100× article loads.
// Usage: node bench/web.mjs [dist-dir]   (run by scripts/bench-web.sh)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../lib/server.mjs';
import { launch, openPage, DIST } from '../lib/browser.mjs';

const dist = process.argv[2] ?? DIST;
const N_LOADS = 10;
const N_EDITS = 60;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}
const fmt = (st) => `median ${st.median.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, max ${st.max.toFixed(1)} ms (n=${st.n})`;

// A copy of dist/ with a 100× article page.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamish-bench-'));
fs.cpSync(dist, dir, { recursive: true });
const seed = fs.readFileSync(path.join(dist, 'kremlin-talks.ar.txt'), 'utf8');
fs.writeFileSync(path.join(dir, 'big.txt'), Array(100).fill(seed).join('\n\n'));
const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
fs.writeFileSync(path.join(dir, 'big.html'), index.replace('data-src="kremlin-talks.ar.txt"', 'data-src="big.txt"'));

const server = await serve(dir);
const browser = await launch();

async function load(page, file) {
  await page.goto(`${server.url}/${file}`);
  await page.waitForSelector('.hamish[data-phase=ready]', { timeout: 120000 });
  return page.evaluate(() => ({
    readyAt: Number(document.querySelector('.hamish-meta').dataset.readyAt),
    textAt: Number(document.querySelector('.hamish-meta').dataset.textAt),
    analysisMs: Number(document.querySelector('.hamish-meta').dataset.analysisMs),
    annotations: Number(document.querySelector('.hamish-meta').dataset.visibleAnnotations),
  }));
}

async function firstHighlight() {
  const ready = [];
  const analysis = [];
  const text = [];
  for (let i = 0; i < N_LOADS; i++) {
    const { page, context } = await openPage(browser);
    const t = await load(page, 'index.html');
    ready.push(t.readyAt);
    analysis.push(t.analysisMs);
    text.push(t.textAt);
    await context.close();
  }
  return { ready: stats(ready), analysis: stats(analysis), text: stats(text) };
}

async function latency(file) {
  const { page, context } = await openPage(browser);
  // Longest tasks while loading (responsiveness).
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const loadInfo = await load(page, file);
  const longestLoad = await page.evaluate(() => window.__longest);
  await page.evaluate(() => {
    window.__lat = [];
    window.__frame = [];
    let t0 = 0;
    addEventListener('keydown', () => { t0 = performance.now(); }, true);
    new MutationObserver(() => {
      if (!t0) return;
      const t = t0;
      t0 = 0;
      window.__lat.push(performance.now() - t);
      requestAnimationFrame(() => window.__frame.push(performance.now() - t));
    }).observe(document.querySelector('.hamish-meta'), { attributes: true, attributeFilter: ['data-generation'] });
  });
  await page.locator('.hamish-article').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < N_EDITS; i++) {
    const before = await page.evaluate(() => window.__lat.length);
    const type = await page.evaluate(() => document.querySelector('.hamish-card')?.dataset.type);
    await page.keyboard.press(type === 'ORG' ? '4' : '2');
    await page.waitForFunction((n) => window.__lat.length > n, before, { timeout: 60000 });
    await page.keyboard.press('Escape'); // dismiss the apply-to-all offer
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !document.querySelector('.hamish-card'))) {
      await page.locator('.hamish-article').focus();
      await page.keyboard.press('j');
    }
  }
  await page.waitForTimeout(100);
  const r = await page.evaluate(() => ({ lat: window.__lat, frame: window.__frame, longest: window.__longest }));
  await context.close();
  return { load: loadInfo, longestLoad, lat: stats(r.lat), frame: stats(r.frame), longestAll: r.longest };
}

// Embedding: time from the start of the hamish.js request to hamish-ready
// (the first highlights) on the plain element example.
async function embedTiming() {
  const xs = [];
  for (let i = 0; i < N_LOADS; i++) {
    const { page, context } = await openPage(browser);
    await page.addInitScript(() => {
      document.addEventListener('hamish-ready', () => { window.__readyAt = performance.now(); }, true);
    });
    await page.goto(`${server.url}/examples/element.html`);
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 60000 });
    xs.push(await page.evaluate(() => {
      const loader = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/hamish.js'));
      return window.__readyAt - loader.startTime;
    }));
    await context.close();
  }
  return stats(xs);
}

// Start-up cost of the bundled lexicons and models in WASM (first use in a
// fresh page).
async function startup() {
  const lex = [];
  const an = [];
  for (let i = 0; i < N_LOADS; i++) {
    const { page, context } = await openPage(browser);
    await page.goto(`${server.url}/examples/element.html`);
    await page.waitForSelector('#log li[data-event=hamish-ready]', { timeout: 60000 });
    const t = await page.evaluate(async () => {
      const m = await import('../hamish.js').then((h) => h.load());
      return m.startupTimings();
    });
    lex.push(t.lexiconMs);
    an.push(t.modelsMs);
    await context.close();
  }
  return { lex: stats(lex), an: stats(an) };
}

const st = await startup();
console.log(`WASM start-up, first widget of a page: lexicons ${fmt(st.lex)}; Arabic model ${fmt(st.an)}`);
{
  // Analysis throughput in WASM, warm, on the seed article and on 10× it.
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}/examples/element.html`);
  for (const times of [1, 10]) {
    const r = await page.evaluate(async (times) => {
      const m = await import('../hamish.js').then((h) => h.load());
      const seed = await (await fetch('../kremlin-talks.ar.txt')).text();
      return m.benchmarkAnalysis(Array(times).fill(seed).join('\n\n'), times === 1 ? 20 : 3);
    }, times);
    console.log(`WASM analysis (normalise + tokens + lexicons + temporal + tagger), warm, ${times}× seed article: ${r.tokens} tokens, ${r.msPerRound.toFixed(1)} ms, ${Math.round(r.tokensPerSecond).toLocaleString('en')} tokens/s`);
  }
  await context.close();
}
const fh = await firstHighlight();
console.log(`embed: hamish.js request → hamish-ready (first highlights), element example: ${fmt(await embedTiming())}`);
console.log(`navigation → article text shown (seed article): ${fmt(fh.text)}`);
console.log(`navigation → first highlight (seed article): ${fmt(fh.ready)}`);
console.log(`analysis of the seed article in WASM: ${fmt(fh.analysis)}`);
for (const [name, file] of [['seed article', 'index.html'], ['100× seed article', 'big.html']]) {
  const r = await latency(file);
  console.log(`${name}: ${r.load.annotations} annotations, analysis in WASM ${r.load.analysisMs.toFixed(0)} ms, ` +
    `navigation → first highlight ${r.load.readyAt.toFixed(0)} ms, longest main-thread task while loading ${r.longestLoad.toFixed(0)} ms`);
  console.log(`  correction latency, keydown → state + highlights + card updated: ${fmt(r.lat)}`);
  console.log(`  correction latency, keydown → next frame: ${fmt(r.frame)}`);
}
await browser.close();
await server.close();
fs.rmSync(dir, { recursive: true, force: true });
