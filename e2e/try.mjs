import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { launch, openPage } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
const dist='/work/main/dist';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-'));
fs.cpSync(dist, dir, { recursive: true });
const seed = fs.readFileSync(path.join(dist, 'kremlin-talks.ar.txt'), 'utf8');
fs.writeFileSync(path.join(dir, 'big.txt'), Array(100).fill(seed).join('\n\n'));
fs.writeFileSync(path.join(dir, 'big.html'), fs.readFileSync(path.join(dist, 'index.html'), 'utf8').replace('data-src="kremlin-talks.ar.txt"', 'data-src="big.txt"'));
const server = await serve(dir);
const browser = await launch();
const { page, context } = await openPage(browser);
await page.goto(`${server.url}/big.html`);
await page.waitForSelector('.hamish[data-phase=ready]', { timeout: 120000 });
await page.locator('.hamish-article').focus();
await page.keyboard.press('Home');
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
for (let i = 0; i < 4; i++) { await page.keyboard.press(i%2?'2':'4'); await page.waitForTimeout(50); }
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; 
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) { const n = byId.get(id); const k = n.callFrame.functionName || n.callFrame.url.slice(-30); self.set(k, (self.get(k) ?? 0) + t); }
const parent = new Map(); for (const n of profile.nodes) for (const c of (n.children??[])) parent.set(c, n.id);
for (const [id, t] of counts) { const n = byId.get(id); if (n.callFrame.functionName==='setAttribute' && t>10000) { let chain=[]; let x=id; for(let i=0;i<8 && x;i++){ chain.push(byId.get(x).callFrame.functionName); x=parent.get(x);} console.log((t/1000).toFixed(0), chain.join(' < ')); } }
console.log([...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,t])=>`${(t/1000).toFixed(1)}ms ${k}`).join('\n'));
await browser.close(); await server.close();
