// Helpers to drive a Hamish widget like a reader.
import { highlightTexts } from './browser.mjs';

/** Opens `url` and waits for the widget to be ready. */
export async function openWidget(page, url) {
  await page.goto(url);
  await page.waitForSelector('.hamish[data-phase=ready]', { timeout: 30000 });
}

/** Viewport rectangles of the `nth` occurrence of `text` in the article (a DOM Range, not a highlight). */
export async function textRects(page, text, nth = 0) {
  return page.evaluate(([text, nth]) => {
    const blocks = [...document.querySelectorAll('[data-block]')];
    let seen = 0;
    for (const b of blocks) {
      const node = b.firstChild;
      if (!node) continue;
      let from = 0;
      for (;;) {
        const i = node.textContent.indexOf(text, from);
        if (i < 0) break;
        if (seen++ === nth) {
          b.scrollIntoView({ block: 'center' });
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + text.length);
          return [...r.getClientRects()].map((x) => ({ left: x.left, right: x.right, top: x.top, bottom: x.bottom }));
        }
        from = i + 1;
      }
    }
    return null;
  }, [text, nth]);
}

/** Drags the mouse across the `nth` occurrence of `text` (right to left, as an Arabic reader does). */
export async function dragSelect(page, text, nth = 0, { alt = false } = {}) {
  const rects = await textRects(page, text, nth);
  if (!rects) throw new Error(`no ${text} in the article`);
  // Lines top to bottom; on each line, boxes of mixed-direction text (words
  // and numbers) are merged, and the drag runs from its right to its left.
  const lines = [];
  for (const r of rects) {
    const line = lines.find((l) => Math.abs(l.top - r.top) < 3);
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
    } else lines.push({ ...r });
  }
  lines.sort((a, b) => a.top - b.top);
  const first = lines[0];
  const last = lines[lines.length - 1];
  const y1 = (first.top + first.bottom) / 2;
  const y2 = (last.top + last.bottom) / 2;
  await page.mouse.move(first.right - 1, y1);
  await page.mouse.down();
  await page.mouse.move((first.left + first.right) / 2, y1, { steps: 4 });
  await page.mouse.move(last.left + 1, y2, { steps: 4 });
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
}

/** Clicks the middle of the `nth` range in highlight `name` whose text is `text`. */
export async function clickHighlight(page, name, text, nth = 0) {
  const p = await page.evaluate(([name, text, nth]) => {
    const ranges = [...(CSS.highlights.get(name) ?? [])].filter((r) => r.toString() === text);
    const range = ranges[nth];
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const r = range.getClientRects()[0];
    return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  }, [name, text, nth]);
  if (!p) throw new Error(`no ${text} in ${name}`);
  await page.mouse.click(p.x, p.y);
  return p;
}

/** Highlight texts of instance `inst` grouped as {TYPE: {s: [...], d: [...]}}. */
export async function layers(page, inst = 'hamish1') {
  const hl = await highlightTexts(page, `${inst}-`);
  const out = {};
  for (const [name, texts] of Object.entries(hl)) {
    const m = name.match(/^[^-]+-([A-Z]+)-([sd])$/);
    if (!m) continue;
    out[m[1]] ??= { s: [], d: [] };
    out[m[1]][m[2]].push(...texts);
  }
  return out;
}

/** Waits until the widget's annotation generation moves past `gen`. */
export async function waitGeneration(page, gen) {
  await page.waitForFunction((gen) => Number(document.querySelector('.hamish-meta').dataset.generation) > gen, gen);
}

export async function generation(page) {
  return page.evaluate(() => Number(document.querySelector('.hamish-meta').dataset.generation));
}
