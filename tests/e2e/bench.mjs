// Web benchmark for issue #7 (a benchmark, not a test: it asserts nothing, it measures).
// Run through `make bench` (scripts/bench.sh), which builds the release bundle first.
//
// It serves a copy of the release web build on 127.0.0.1 (scripts/serve.py) with one extra
// file: a static HTML page of the same emergency card (same stylesheet, same markup), and
// drives Debian Chromium at 390x844 with touch and a 4x CPU throttle (CDP). Each run is a new
// browser context (empty cache, no service worker); A (the app) and B (the static page)
// alternate, and their order flips every run (ABBA), so drift in machine speed hits both.
//
// Per run:
//   cold  the first visit with a saved card: time until the card's text is on screen.
//   warm  the second visit (the app's service worker, the static page's HTTP cache).
//   tap   (app) on the symptom checker, a tap on a sign until the result band has changed.
// Card visible: the first frame after an element [data-ems-content] holding the child's name
// exists (requestAnimationFrame, then a task: the frame has been produced), in ms since
// navigation start. The same observer runs on both pages.
// First-load transfer: every wasm, JS, CSS and HTML file the cold app visit fetched, gzipped
// at level 9 (what a gzip-serving host sends), in KiB.
//
// Prints a line per run, the medians, and last, exactly:
//   card_visible_ratio_cold=<x>  card_visible_ratio_warm=<x>  first_load_gzip_kb=<n>  tap_to_result_ms=<n>
// Options (environment): BENCH_RUNS (default 9), BENCH_CPU_RATE (default 4), ITB_CHROMIUM.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PHONE, REPO_ROOT, serveCopy, waitForServiceWorker } from './browser.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 9);
const CPU_RATE = Number(process.env.BENCH_CPU_RATE || 4);
const CHILD_NAME = 'Maya Rivera';
const FAMILY_JSON = await readFile(path.join(REPO_ROOT, 'tests', 'fixtures', 'full-family.json'), 'utf8');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => x.toFixed(1);

/** Records window.__cardVisible (ms since navigation start) once the card's text is on screen. */
function installCardObserver(name) {
  window.__cardVisible = null;
  const seen = () => {
    const el = document.querySelector('[data-ems-content]');
    return !!el && el.textContent.includes(name);
  };
  const done = () => {
    requestAnimationFrame(() => {
      setTimeout(() => {
        if (window.__cardVisible === null) window.__cardVisible = performance.now();
      }, 0);
    });
  };
  const observer = new MutationObserver(() => {
    if (seen()) {
      observer.disconnect();
      done();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}


async function newPhone(browser, { seed }) {
  const context = await browser.newContext(PHONE);
  if (seed) {
    await context.addInitScript(
      ([family, snapshot]) => {
        if (!localStorage.getItem('itb-companion/family.json')) localStorage.setItem('itb-companion/family.json', family);
        if (snapshot && !localStorage.getItem('itb-companion/instant-card.json')) {
          localStorage.setItem('itb-companion/instant-card.json', snapshot);
        }
      },
      [FAMILY_JSON, seed.snapshot],
    );
  }
  await context.addInitScript(installCardObserver, CHILD_NAME);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return { context, page };
}

async function cardVisibleMs(page, target) {
  await page.goto(target, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => window.__cardVisible, null, { timeout: 120_000, polling: 50 });
  return handle.jsonValue();
}

/** The snapshot the app writes, and the static page made from the pre-app card's own markup. */
async function prepare(browser, base, root) {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await context.addInitScript((family) => {
    if (!localStorage.getItem('itb-companion/family.json')) localStorage.setItem('itb-companion/family.json', family);
  }, FAMILY_JSON);
  await page.goto(`${base}/emergency`);
  await page.locator('[data-ems-content="app"]').waitFor({ timeout: 120_000 });
  const snapshot = await page.evaluate(() => localStorage.getItem('itb-companion/instant-card.json'));
  if (!snapshot) throw new Error('the app wrote no card snapshot');
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${base}/emergency`);
  await page.locator('[data-ems-content="instant"]').waitFor();
  const cardHtml = await page.evaluate(() => document.getElementById('instant-card').outerHTML);
  await context.close();
  const index = await readFile(path.join(root, 'index.html'), 'utf8');
  const css = index.match(/<link rel="stylesheet" href="[^"]+">/);
  if (!css) throw new Error('index.html links no stylesheet (run scripts/build-web.sh)');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>Emergency card</title>
${css[0]}
</head>
<body>
${cardHtml.replace(' hidden=""', '')}
</body>
</html>
`;
  await writeFile(path.join(root, 'bench-static-card.html'), html);
  return { snapshot };
}

async function runApp(browser, base, seed, firstRun) {
  const { context, page } = await newPhone(browser, { seed });
  // The first load: what the cold visit fetched until the app is running, plus the service
  // worker script the browser fetches when the app registers it (not reported to the page).
  const fetched = new Set(['/sw.js']);
  const record = (r) => {
    const u = new URL(r.url());
    if (u.origin === base) fetched.add(u.pathname);
  };
  page.on('response', record);
  const cold = await cardVisibleMs(page, `${base}/emergency`);
  await page.locator('[data-ems-content="app"]').waitFor({ timeout: 120_000 });
  page.off('response', record);
  // The service worker has installed and controls the page: the warm visit.
  await waitForServiceWorker(page, 120_000);
  await page.locator('[data-ems-content="app"]').waitFor({ timeout: 120_000 });
  const warm = await cardVisibleMs(page, `${base}/emergency`);
  await page.locator('[data-ems-content="app"]').waitFor({ timeout: 120_000 });
  const taps = await tapToResult(page, base);
  await context.close();
  return { cold, warm, taps, fetched: firstRun ? [...fetched] : null };
}

async function runStatic(browser, base) {
  const { context, page } = await newPhone(browser, { seed: null });
  const cold = await cardVisibleMs(page, `${base}/bench-static-card.html`);
  const warm = await cardVisibleMs(page, `${base}/bench-static-card.html`);
  await context.close();
  return { cold, warm };
}

/** Taps three signs, one after another; for each, ms from the touch to the band's next frame. */
async function tapToResult(page, base) {
  await page.goto(`${base}/symptoms`);
  const band = page.locator('.result-band');
  await band.waitFor({ timeout: 120_000 });
  const out = [];
  for (const name of ['Stiffer than usual: hard to move because of tight muscles', 'Any fever', 'Much sleepier than usual (extra sleepy)']) {
    const sign = page.getByRole('button', { name, exact: true }).first();
    if ((await sign.count()) === 0) throw new Error(`no sign named "${name}"`);
    // Centre it: the result band is fixed at the bottom and would take a tap near the edge.
    await sign.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.evaluate(() => {
      window.__tap = { start: null, end: null };
      const el = document.querySelector('.result-band');
      const before = el.textContent + el.className;
      addEventListener('touchstart', (e) => { window.__tap.start ??= e.timeStamp; }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const now = el.isConnected ? el : document.querySelector('.result-band');
        if (now.textContent + now.className !== before) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => { window.__tap.end = performance.now(); }, 0));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    const box = await sign.boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const t = await page.waitForFunction(() => window.__tap.end !== null && window.__tap.start !== null && window.__tap, null, {
      timeout: 30_000,
      polling: 50,
    });
    const { start, end } = await t.jsonValue();
    out.push(end - start);
  }
  return out;
}

async function gzipKb(root, paths) {
  let total = 0;
  const rows = [];
  for (const p of paths.sort()) {
    if (!/\.(wasm|js|css|html)$/.test(p) && !/^\/[^.]*$/.test(p)) continue;
    const file = /\.[a-z]+$/.test(p) ? path.join(root, p) : path.join(root, 'index.html');
    let bytes;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    const gz = gzipSync(bytes, { level: 9 }).length;
    rows.push(`  ${p}: ${bytes.length} B, ${gz} B gzip`);
    total += gz;
  }
  return { kb: total / 1024, rows };
}

const served = await serveCopy();
const root = served.root;
const browser = await chromium.launch({ executablePath: process.env.ITB_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const seed = await prepare(browser, served.base, root);
  console.log(`bench: ${RUNS} runs, Chromium ${browser.version()}, 390x844 touch, CPU throttle ${CPU_RATE}x, ${served.base}`);
  const rows = [];
  let fetched = null;
  for (let i = 0; i < RUNS; i++) {
    let app;
    let page;
    if (i % 2 === 0) {
      app = await runApp(browser, served.base, seed, i === 0);
      page = await runStatic(browser, served.base);
    } else {
      page = await runStatic(browser, served.base);
      app = await runApp(browser, served.base, seed, false);
    }
    fetched ??= app.fetched;
    const row = {
      appCold: app.cold,
      staticCold: page.cold,
      appWarm: app.warm,
      staticWarm: page.warm,
      ratioCold: app.cold / page.cold,
      ratioWarm: app.warm / page.warm,
      taps: app.taps,
    };
    rows.push(row);
    console.log(
      `run ${i + 1} (${i % 2 === 0 ? 'app first' : 'static first'}): cold app ${fmt(row.appCold)} ms / static ${fmt(row.staticCold)} ms = ${row.ratioCold.toFixed(2)}; ` +
        `warm app ${fmt(row.appWarm)} ms / static ${fmt(row.staticWarm)} ms = ${row.ratioWarm.toFixed(2)}; taps ${row.taps.map(fmt).join(', ')} ms`,
    );
  }
  const gz = await gzipKb(root, fetched);
  console.log('first load (cold app visit), gzip -9:');
  for (const r of gz.rows) console.log(r);
  const taps = rows.flatMap((r) => r.taps);
  console.log(`median card visible, cold: app ${fmt(median(rows.map((r) => r.appCold)))} ms, static ${fmt(median(rows.map((r) => r.staticCold)))} ms`);
  console.log(`median card visible, warm: app ${fmt(median(rows.map((r) => r.appWarm)))} ms, static ${fmt(median(rows.map((r) => r.staticWarm)))} ms`);
  console.log(`median tap to result over ${taps.length} taps: ${fmt(median(taps))} ms (max ${fmt(Math.max(...taps))} ms)`);
  console.log(`card_visible_ratio_cold=${median(rows.map((r) => r.ratioCold)).toFixed(2)}`);
  console.log(`card_visible_ratio_warm=${median(rows.map((r) => r.ratioWarm)).toFixed(2)}`);
  console.log(`first_load_gzip_kb=${Math.round(gz.kb)}`);
  console.log(`tap_to_result_ms=${Math.round(median(taps))}`);
} finally {
  await browser.close();
  await served.stop();
}
