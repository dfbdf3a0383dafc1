// Headless Debian Chromium, driven by playwright-core (which never downloads a browser).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
export const DIST = process.env.HAMISH_DIST ??
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** Launches Chromium with the flags this machine needs; Playwright gives it a fresh profile. */
export async function launch() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--font-render-hinting=none',
    ],
  });
}

/** Opens a page that records console errors and page errors. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors };
}

/** Text of every highlight range registered under names starting with `prefix`. */
export async function highlightTexts(page, prefix = 'hamish') {
  return page.evaluate((prefix) => {
    const out = {};
    for (const [name, hl] of CSS.highlights) {
      if (!name.startsWith(prefix)) continue;
      out[name] = [...hl].map((r) => r.toString());
    }
    return out;
  }, prefix);
}
