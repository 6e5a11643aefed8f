import { createRequire } from 'node:module';
// Shared helpers for the ITB Companion browser tests (node --test + playwright-core).
//
// Each test gets a fresh Chromium with a new, empty user-data directory (no
// localStorage, no service worker, no cache from earlier tests), a phone-sized
// page (390x844, isMobile, hasTouch, deviceScaleFactor 3), and fails if the
// page throws (a wasm panic shows up as a page error or a "panicked at" log).
//
// Environment:
//   ITB_BASE_URL   where the release web build is served (required), e.g. http://127.0.0.1:8080
//   ITB_CHROMIUM   Chromium binary (default /usr/bin/chromium)
//   ITB_HEADED=1   show the browser (needs a display)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, PHONE, REPO_ROOT } from './browser.mjs';

export { CHROMIUM_ARGS, PHONE, REPO_ROOT, serveCopy, waitForServiceWorker } from './browser.mjs';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'screenshots');

export const BASE_URL = (process.env.ITB_BASE_URL || '').replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error('ITB_BASE_URL is not set (e.g. ITB_BASE_URL=http://127.0.0.1:8080; see scripts/test-all.sh)');
}

/** Wait this long for the wasm app to start and for each screen to appear. */
export const TIMEOUT_MS = Number(process.env.ITB_E2E_TIMEOUT_MS || 30_000);



/** Screens of the app: route, h1 text, bottom-navigation link name (null: not in the nav). */
export const SCREENS = [
  { key: 'home', path: '/', title: 'Home', nav: 'Home' },
  { key: 'card', path: '/card', title: 'Device card', nav: 'Device card' },
  { key: 'symptoms', path: '/symptoms', title: 'Symptom checker', nav: 'Symptom checker' },
  { key: 'plan', path: '/plan', title: 'Emergency plan', nav: 'Emergency plan' },
  { key: 'emergency', path: '/emergency', title: 'Emergency card', nav: null },
  { key: 'settings', path: '/settings', title: 'Settings', nav: 'Settings' },
];

export const APP_NAME = 'ITB Companion';

/**
 * Run `fn({ page, context, errors })` in a fresh browser with an empty profile.
 * `options` are extra browser-context options (e.g. { colorScheme: 'dark' }).
 * Fails the test if the page threw or logged a Rust panic.
 */
export async function withPage(options, fn) {
  if (typeof options === 'function') {
    fn = options;
    options = {};
  }
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'itb-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.ITB_CHROMIUM || '/usr/bin/chromium',
    headless: process.env.ITB_HEADED !== '1',
    args: CHROMIUM_ARGS,
    ...PHONE,
    ...options,
  });
  const errors = [];
  const consoleErrors = [];
  try {
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      const text = msg.text();
      if (/panicked at|RuntimeError: unreachable/i.test(text)) errors.push(`panic: ${text}`);
      else if (msg.type() === 'error') consoleErrors.push(text);
    });
    await fn({ page, context, errors });
    assert.deepEqual(errors, [], `the page reported errors:\n${errors.join('\n')}`);
  } catch (err) {
    if (consoleErrors.length) {
      err.message += `\n(browser console errors: ${consoleErrors.slice(0, 10).join(' | ')})`;
    }
    throw err;
  } finally {
    await context.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** Absolute URL for an app path. */
export function url(p) {
  return BASE_URL + p;
}

/** Go to an app path and wait for the screen's h1. Returns the navigation response. */
export async function open(page, screen) {
  const response = await page.goto(url(screen.path), { waitUntil: 'load' });
  assert.ok(response, `no response for ${screen.path}`);
  assert.equal(response.status(), 200, `GET ${screen.path} returned ${response.status()}`);
  await expectScreen(page, screen);
  return response;
}

/** The single level-1 heading named `title`. */
export function h1(page, title) {
  return page.getByRole('heading', { level: 1, name: title, exact: true });
}

/**
 * Wait until the screen's h1 is visible, then check: exactly one h1 on the page,
 * the URL path, the header (banner) with app name and Emergency card link, and
 * aria-current on the current bottom-navigation link.
 */
export async function expectScreen(page, screen) {
  await h1(page, screen.title).waitFor({ state: 'visible' });
  const h1s = page.getByRole('heading', { level: 1 });
  assert.equal(await h1s.count(), 1, `${screen.path}: expected exactly one h1, found ${await h1s.count()}`);
  assert.equal((await h1s.first().innerText()).trim(), screen.title);

  const pathname = new URL(page.url()).pathname.replace(/\/+$/, '') || '/';
  assert.equal(pathname, screen.path, `expected to be on ${screen.path}, URL is ${page.url()}`);

  const banner = page.getByRole('banner');
  assert.equal(await banner.count(), 1, `${screen.path}: expected one banner (header), found ${await banner.count()}`);
  await banner.getByText(APP_NAME, { exact: true }).first().waitFor({ state: 'visible' });
  if (screen.path === '/emergency') {
    // On the card itself the header gives the crew's first screen its room: no link to the
    // page it is on (issue 14.5).
    assert.equal(await banner.getByRole('link', { name: 'Emergency card', exact: true }).count(), 0);
  } else {
    await banner.getByRole('link', { name: 'Emergency card', exact: true }).waitFor({ state: 'visible' });
  }

  if (screen.nav) {
    const link = mainNav(page).getByRole('link', { name: screen.nav, exact: true });
    await link.waitFor({ state: 'visible' });
    assert.equal(await link.getAttribute('aria-current'), 'page', `${screen.path}: nav link "${screen.nav}" should have aria-current="page"`);
  }
}

/** The bottom navigation landmark (nav aria-label="Main"). */
export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main', exact: true });
}

/**
 * True for a source-id link ("[A1]", a.source-link inside span.source-ids) that sits inline in
 * running text: laid out inline, in a block that has text of its own besides the source ids.
 * WCAG 2.2 SC 2.5.8 (Target Size, Minimum) exempts such targets: "Inline: The target is in a
 * sentence or its size is otherwise constrained by the line-height of non-target text."
 * Nothing else is exempt: a source link set apart on its own line still has to be 44x44.
 */
function isInlineSourceLink(locator) {
  return locator.evaluate((a) => {
    if (!a.matches('a.source-link') || !a.parentElement?.matches('span.source-ids')) return false;
    if (getComputedStyle(a).display !== 'inline' || getComputedStyle(a.parentElement).display !== 'inline') return false;
    let block = a.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    if (!block) return false;
    const text = block.cloneNode(true);
    for (const ids of text.querySelectorAll('.source-ids')) ids.remove();
    return text.textContent.trim().length > 0;
  });
}

/**
 * Visible links and buttons on the page whose box is smaller than min x min CSS px (source-id
 * links inline in running text excepted: see isInlineSourceLink).
 */
export async function smallTouchTargets(page, min = 44) {
  const small = [];
  for (const role of ['link', 'button']) {
    for (const el of await page.getByRole(role).all()) {
      if (!(await el.isVisible())) continue;
      const box = await el.boundingBox();
      if (!box) continue;
      // Allow for sub-pixel rounding of layout sizes.
      if ((box.width + 0.01 < min || box.height + 0.01 < min) && !(await isInlineSourceLink(el))) {
        const name = ((await el.getAttribute('aria-label')) || (await el.innerText()) || '').trim().replace(/\s+/g, ' ');
        small.push(`${role} "${name}" is ${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
      }
    }
  }
  return small;
}

/** Save a screenshot of the visible page to target/screenshots/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Let fonts and the last frame settle before capturing.
  await page.evaluate(() => document.fonts?.ready);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** The full SynchroMed II card the app itself writes (kept current by tests/store.rs). */
export const FULL_FAMILY_JSON = readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'full-family.json'), 'utf8');

/**
 * Seed the saved family before the app starts, on every page of the context, unless the app
 * has already saved something there (so changes made during the test are kept on reload).
 */
export async function seedFamily(context, json = FULL_FAMILY_JSON) {
  await context.addInitScript((data) => {
    if (!localStorage.getItem('itb-companion/family.json')) localStorage.setItem('itb-companion/family.json', data);
  }, json);
}

/** The required fields of the child form, as [label, value]: the smallest card that saves
 * (issue 15.7: what identifies the child; the rest is asked for on Home). */
export const MINIMAL_CHILD_FORM = [
  ["Child's name (required)", 'Maya'],
  ['Date of birth (required)', '2016-04-02'],
];

/** The child form folds its sections after the first: a parent opens one by tapping its
 * button (named by the section's title, `aria-expanded="false"`). Opens every folded
 * section of `scope`, as a parent would one by one, and returns how many it opened. */
export async function openFoldedSections(scope) {
  let opened = 0;
  for (;;) {
    const folded = scope.locator('button.section-toggle[aria-expanded="false"]');
    if ((await folded.count()) === 0) return opened;
    await folded.first().tap();
    opened += 1;
  }
}

/** The field labelled `label`, opening the folded sections when it is not on screen yet. */
async function shownField(scope, label) {
  const input = field(scope, label);
  if ((await input.count()) === 0) await openFoldedSections(scope);
  return input;
}

/** Holds the app's wasm download until the returned function is called (the pre-app card is
 * then all there is on screen). page.route cannot hold requests a service worker makes. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** A field of `scope` by its full accessible name. */
export function field(scope, label) {
  return scope.getByLabel(label, { exact: true });
}

/** Types (fill), chooses (selectOption) or ticks (tap) each [label, value] into `scope`. */
export async function fillFields(scope, fields) {
  for (const [label, value] of fields) {
    const input = await shownField(scope, label);
    if (value === true || value === false) {
      if ((await input.isChecked()) !== value) await input.tap();
      assert.equal(await input.isChecked(), value, `"${label}" should be ${value ? 'ticked' : 'unticked'}`);
    } else if (typeof value === 'object') {
      await input.selectOption(value.option);
      assert.equal(await input.inputValue(), value.option, `"${label}" should be "${value.option}"`);
    } else {
      await input.fill(value);
      assert.equal(await input.inputValue(), value, `"${label}" should hold what was typed`);
    }
  }
}

/** Checks that each [label, value] of `fields` shows its value in `scope`'s inputs. */
export async function expectFieldValues(scope, fields) {
  const wrong = [];
  for (const [label, value] of fields) {
    const input = await shownField(scope, label);
    if ((await input.count()) === 0) {
      wrong.push(`${label}: no such field`);
      continue;
    }
    if (value === true || value === false) {
      if ((await input.isChecked()) !== value) wrong.push(`${label}: checked should be ${value}`);
    } else {
      const expected = typeof value === 'object' ? value.option : value;
      const actual = await input.inputValue();
      if (actual !== expected) wrong.push(`${label}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    }
  }
  assert.deepEqual(wrong, [], `form fields differ from what was saved:\n${wrong.join('\n')}`);
}

/**
 * The family of the brief: 20 mL SynchroMed II, alarm at 2 mL, 500 mcg/mL, 250 mcg/day,
 * refilled 2026-12-01 with 20 mL, implanted 2021-09-14. Estimate: 18 mL x 500 / 250 = 36 days,
 * so the alarm is 2027-01-06, refill by 2027-01-03, the refill window opens 2027-01-01.
 * `lastRefill` moves the refill (and with it every date) for tests on the real clock.
 */
export function mayaFamily({ lastRefill = '2026-12-01', printoutAlarmDate = null } = {}) {
  return {
    format: 'itb-companion',
    schema_version: 2,
    kind: 'family',
    family: {
      children: [
        {
          id: 1,
          colour: 0,
          name: 'Maya',
          date_of_birth: '2016-04-02',
          contacts: [{ name: 'Ana', relation: 'Mother', phone: '555 010 1000' }],
          providers: { pump_clinic: { name: 'Pump Clinic', phone: '555 010 2000' } },
          pump: {
            model: { kind: 'synchromed_ii_8637_20' },
            implant_date: '2021-09-14',
            reservoir_ml: '20',
            alarm_volume_ml: '2',
            drug: { name: 'Baclofen', concentration_mcg_per_ml: '500', daily_dose_mcg_per_day: '250' },
            last_refill: { date: lastRefill, volume_ml: '20' },
            printout_alarm_date: printoutAlarmDate,
          },
        },
      ],
    },
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2 A/AA violations on the page, one line each (none: []). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { violations: r.violations, passes: r.passes.map((p) => p.id) };
  });
  // axe really ran: it checked many rules on the page.
  assert.ok(result.passes.length > 10, `axe checked only ${result.passes.length} rules`);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
