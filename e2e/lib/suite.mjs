// Shared set-up for a test file: dist/ served on 127.0.0.1 and one headless
// Chromium, started before the file's tests and stopped after them.
import { before, after } from 'node:test';
import { serve } from './server.mjs';
import { launch, DIST } from './browser.mjs';

/** Registers the hooks; the returned object gets `server` and `browser`. */
export function suite(serveOptions = {}) {
  const ctx = {};
  before(async () => {
    ctx.server = await serve(DIST, serveOptions);
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
