// Clinical safety at phone size (issue 14), written from the clinical reference
// (/work/shared/clinical-reference.md, revised 2026-11-26, §5 and §6), not from the code: each
// test cites the reference line it checks. The symptom checker's 911 and clinic results and
// combinations, the result band a panicking parent reads (call buttons, the can't-reach
// fallback and the after-hours number on the band itself), the Prometra MRI line, a pump model
// that must be chosen, a passed alarm date on Home, the EMS card and the pre-app card (and the
// EMS card's first screen), and the Settings emergency number on every page and printable.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/clinical.test.mjs
// Elements are found by their roles and visible labels; buttons and links are tapped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  FULL_FAMILY_JSON,
  REPO_ROOT,
  MINIMAL_CHILD_FORM,
  SCREENS,
  expectScreen,
  h1,
  holdWasm,
  open,
  screenshot,
  seedFamily,
  url,
  withPage,
} from './helpers.mjs';

const CARD = SCREENS.find((s) => s.key === 'card');
const EMERGENCY = SCREENS.find((s) => s.key === 'emergency');
const SYMPTOMS = SCREENS.find((s) => s.key === 'symptoms');

const TIMEZONE = 'America/Chicago';
const STORAGE_KEY = 'itb-companion/family.json';
const INSTANT_KEY = 'itb-companion/instant-card.json';

/** The fixture's child: Maya, SynchroMed II, printout alarm date 2026-12-08, not speaking. */
const FIXTURE = JSON.parse(FULL_FAMILY_JSON).family;
const MAYA = FIXTURE.children[0];
const CLINIC = MAYA.providers.pump_clinic;
const PARENT = MAYA.contacts[0];
/** Every phone number on the fixture's card: the only tel: links besides the emergency number. */
const CARD_PHONES = [
  ...MAYA.contacts.map((c) => c.phone),
  CLINIC.phone,
  CLINIC.after_hours_phone,
  MAYA.providers.primary_care.phone,
  MAYA.providers.neurosurgeon.phone,
].filter(Boolean);

/** A day before the fixture's alarm date (2026-12-08): nothing has passed. */
const BEFORE_ALARM = new Date('2026-11-24T10:00:00-06:00');
/** Three days after the fixture's printout alarm date. */
const AFTER_ALARM = new Date('2026-12-11T10:00:00-06:00');
const PASSED_NOTE = 'PASSED 3 days ago: the pump may be empty, unless refilled since (last refill recorded on Mon 2 Nov 2026, 39 days ago)';
/** The same date on paper and the pre-app card: the rule that stays true (reference §6). */
const PAPER_RULE = 'If today is after Tue 8 Dec 2026 and the pump has not been refilled since, it may be empty';

/** The fixture's family file with `change(family)` applied. */
function familyJson(change) {
  const file = JSON.parse(FULL_FAMILY_JSON);
  change(file.family);
  return JSON.stringify(file, null, 2);
}

/**
 * The card with a printout alarm date 3 days before AFTER_ALARM's today. (It is the fixture's
 * own date, set here so these tests do not hang on the fixture; it agrees with the estimate
 * from the card, so no mismatch alert crowds the screen.)
 */
const PASSED_JSON = familyJson((f) => {
  f.children[0].pump.printout_alarm_date = '2026-12-08';
});

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * A fresh phone-size browser (helpers.withPage) in Chicago with `json` saved as the family
 * before the app's first load and the clock at `now`.
 */
function withFamily({ now = BEFORE_ALARM, json = FULL_FAMILY_JSON, options = {} }, fn) {
  return withPage({ timezoneId: TIMEZONE, ...options }, async ({ page, context, errors }) => {
    await seedFamily(context, json);
    await context.clock.install({ time: now });
    page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
    await fn({ page, context, errors });
  });
}

/** The symptom checker's result band (section aria-label "Result"). */
function band(page) {
  return page.getByRole('region', { name: 'Result', exact: true });
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A sign's toggle button. Once pressed, CSS puts "✓ " before its name (main.css). */
function signButton(page, name) {
  return page.getByRole('button', { name: new RegExp(`^(✓ )?${escapeRe(name)}$`) });
}

/** Waits until the band's title says exactly `title`. */
async function expectBand(page, title) {
  await band(page).locator('.band-title').filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) }).waitFor({ state: 'visible' });
}

/**
 * Asserts that `locator` can be read on screen as it is: visible, not inside a closed
 * <details>, inside the viewport and not cut off by the band's own scroll box.
 */
async function expectReadableOnBand(locator, what) {
  assert.ok(await locator.isVisible(), `${what} is visible`);
  const m = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const b = el.closest('.result-band')?.getBoundingClientRect();
    return {
      inClosedDetails: !!el.closest('details:not([open])'),
      top: r.top,
      bottom: r.bottom,
      bandTop: b?.top,
      bandBottom: b?.bottom,
      viewport: window.innerHeight,
    };
  });
  assert.equal(m.inClosedDetails, false, `${what} is not inside a closed details/summary control`);
  assert.ok(m.bandTop !== undefined, `${what} is on the result band`);
  assert.ok(
    m.top >= m.bandTop - 0.5 && m.bottom <= m.bandBottom + 0.5 && m.bottom <= m.viewport + 0.5,
    `${what} is on screen without scrolling: its box ${m.top.toFixed(0)}-${m.bottom.toFixed(0)}, band ${m.bandTop.toFixed(0)}-${m.bandBottom.toFixed(0)}, viewport ${m.viewport}`,
  );
  return m;
}

// page.route cannot hold requests a service worker makes: the pre-app tests run without one.
const NO_WORKER = { serviceWorkers: 'block' };

/** The definition (dd) that follows the term `label` in `scope`. */
function factValue(scope, label) {
  return scope.locator('dt').filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).locator('xpath=following-sibling::dd[1]');
}

// ---------------------------------------------------------------- a. much sleepier: 911

test('a. from a cold start, "much sleepier than usual" reaches CALL 911 NOW in two taps, and the emergency card is one tap more', async () => {
  await withFamily({}, async ({ page }) => {
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    let taps = 0;
    await page.getByRole('link', { name: 'Check symptoms now', exact: true }).tap();
    taps++;
    await expectScreen(page, SYMPTOMS);
    // clinical-reference.md line 89: "hard to wake up, **or extra sleepy** (much sleepier than usual) [CW][L4]"
    // is on [CW]'s "Call 911 or go to the ER" list (line 88).
    const sleepier = signButton(page, 'Much sleepier than usual (extra sleepy)');
    await sleepier.tap();
    taps++;
    await expectBand(page, 'CALL 911 NOW');
    assert.equal(taps, 2, 'two taps from Home');
    assert.equal(await sleepier.getAttribute('aria-pressed'), 'true');

    // The action in one line, on the band (issue 14, Deliver 3).
    await expectReadableOnBand(band(page).getByText('Call 911 now, or go to the nearest emergency room.', { exact: true }), 'the one-line action');
    const call = band(page).getByRole('link', { name: 'Call 911', exact: true });
    assert.equal(await call.getAttribute('href'), 'tel:911');
    await expectReadableOnBand(call, 'the Call 911 button');
    // clinical-reference.md line 139-140: EMS need a physician experienced in ITB at once;
    // issue 14 Deliver 3: a CALL 911 result offers "Show the emergency card" (for the crew).
    const show = band(page).getByRole('link', { name: 'Show the emergency card', exact: true });
    await expectReadableOnBand(show, 'the "Show the emergency card" link');
    // Issue 14 Deliver 2 / clinical-reference.md lines 76-77: drowsiness and "hard to wake" are
    // overdose signs, and a sign shared with withdrawal names both.
    const text = squash(await band(page).innerText());
    assert.match(text, /withdrawal/, `the band names withdrawal: ${text}`);
    assert.match(text, /overdose/, `the band names overdose: ${text}`);
    await screenshot(page, 'clinical-band-911');

    await show.tap();
    await expectScreen(page, EMERGENCY);
    await page.locator('[data-ems-content="app"]').waitFor({ state: 'visible' });
    assert.match(await page.locator('main').innerText(), /Maya Rivera/);
  });
});

// ---------------------------------------------------------------- b. clinic: can't-reach fallback

test('b. a clinic-level result shows the can\'t-reach fallback with the emergency number and the after-hours number on the band, without opening anything', async () => {
  await withFamily({}, async ({ page }) => {
    await open(page, SYMPTOMS);
    // clinical-reference.md line 111: "any fever" -> CALL THE PUMP CLINIC NOW.
    await signButton(page, 'Any fever').tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    const details = band(page).locator('details');
    const closedBefore = await details.evaluateAll((ds) => ds.every((d) => !d.open));
    assert.ok(closedBefore, 'the band\'s "Why this advice" control is closed');

    // clinical-reference.md line 115-118: "If the pump clinic cannot be reached at once ... go to
    // the ER or call 911. Show this fallback and the after-hours number on the result itself,
    // never hidden behind a "details" control".
    const fallback = band(page).locator('p').filter({ hasText: "Can't reach the pump clinic now" });
    assert.equal(await fallback.count(), 1, 'one fallback line on the band');
    assert.match(
      squash(await fallback.innerText()),
      /^Can't reach the pump clinic now \(after hours, no answer, or no call back within the time Maya Rivera's plan gives, or 30 minutes if it gives none\)\? Go to the ER or call 911\./,
    );
    await expectReadableOnBand(fallback, 'the can\'t-reach fallback');
    const afterHours = band(page).getByRole('link', { name: `Clinic after hours: ${CLINIC.after_hours_phone}`, exact: true });
    assert.equal(await afterHours.getAttribute('href'), `tel:${CLINIC.after_hours_phone}`);
    await expectReadableOnBand(afterHours, 'the after-hours call button');
    const clinic = band(page).getByRole('link', { name: 'Call the pump clinic', exact: true });
    assert.equal(await clinic.getAttribute('href'), `tel:${CLINIC.phone}`);
    await expectReadableOnBand(clinic, 'the "Call the pump clinic" button');
    const call = band(page).getByRole('link', { name: 'Call 911', exact: true });
    assert.equal(await call.getAttribute('href'), 'tel:911');
    await expectReadableOnBand(call, 'the Call 911 button');
    assert.ok(await details.evaluateAll((ds) => ds.every((d) => !d.open)), 'nothing was opened');
    await screenshot(page, 'clinical-band-clinic');

    // clinical-reference.md line 84-86 and 114: no "watch only" result for anything tapped;
    // "something else worries me" is at least CALL THE PUMP CLINIC NOW.
    await signButton(page, 'Any fever').tap();
    await band(page).getByText('Tap the signs you see: what to do appears here.', { exact: true }).waitFor();
    await signButton(page, 'Something else worries me').tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    await expectReadableOnBand(band(page).locator('p').filter({ hasText: "Can't reach the pump clinic now" }), 'the fallback for "something else"');
  });
});

// ---------------------------------------------------------------- c. combination

test('c. the pump beeping together with itching without a rash is CALL 911 NOW in either order; untapping itching goes back to the clinic', async () => {
  await withFamily({}, async ({ page }) => {
    await open(page, SYMPTOMS);
    const beeping = signButton(page, 'The pump is beeping or alarming');
    const itchy = signButton(page, 'Very itchy, with no rash');
    // clinical-reference.md line 110-111: "any pump beeping" -> CALL THE PUMP CLINIC NOW.
    await beeping.tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    // clinical-reference.md line 99-101: "any pump alarm ... together with ANY withdrawal sign
    // (itching, ...): the drug may not be flowing" -> CALL 911 NOW.
    await itchy.tap();
    await expectBand(page, 'CALL 911 NOW');
    assert.equal(await band(page).getByRole('link', { name: 'Call 911', exact: true }).getAttribute('href'), 'tel:911');
    // clinical-reference.md line 108: "very itchy" alone is CALL THE PUMP CLINIC NOW, so the
    // combination, not either sign, made it 911: untapping itching goes back.
    await itchy.tap();
    assert.equal(await itchy.getAttribute('aria-pressed'), 'false');
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    // Any order of taps (issue 14, Tests: "every combination rule fires in any order of taps").
    await beeping.tap();
    assert.equal(await beeping.getAttribute('aria-pressed'), 'false');
    await band(page).getByText('Tap the signs you see: what to do appears here.', { exact: true }).waitFor();
    await itchy.tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    await beeping.tap();
    await expectBand(page, 'CALL 911 NOW');
  });
});

// ---------------------------------------------------------------- d. Prometra MRI

test('d. a Prometra card\'s EMS card and emergency plan say the pump must be EMPTIED before an MRI', async () => {
  const json = familyJson((f) => {
    f.children[0].pump.model = { kind: 'prometra_ii_13827' };
  });
  await withFamily({ json }, async ({ page }) => {
    // clinical-reference.md line 19 (§1, Prometra): "pump must be EMPTIED before an MRI or the
    // magnet can release the reservoir (overdose)" [F3].
    await open(page, EMERGENCY);
    const card = page.locator('[data-ems-content="app"]');
    await card.waitFor({ state: 'visible' });
    const ems = squash(await card.innerText());
    assert.match(ems, /Flowonix Prometra II 13827/, 'the EMS card names the Prometra pump');
    assert.ok(ems.includes('must be EMPTIED before an MRI'), `the EMS card has the Prometra MRI line: ${ems}`);
    assert.ok(!ems.includes('stalls the pump motor'), 'the EMS card does not give the SynchroMed MRI line');

    await page.goto(url('/plan'));
    await h1(page, 'Emergency plan').waitFor();
    const mri = page.getByRole('region', { name: 'Before any MRI scan', exact: true });
    await mri.waitFor({ state: 'visible' });
    const plan = squash(await mri.innerText());
    assert.ok(plan.includes('must be EMPTIED before an MRI'), `the plan has the Prometra MRI line: ${plan}`);
    assert.ok(!squash(await page.locator('main').innerText()).includes('stalls the pump motor'), 'the plan does not give the SynchroMed MRI line');
  });
});

// ---------------------------------------------------------------- e. model must be chosen

test('e. a new child\'s pump cannot be saved until a pump model is chosen', async () => {
  // No saved family: a new child from an empty app.
  await withPage({ timezoneId: TIMEZONE }, async ({ page, context }) => {
    await context.clock.install({ time: BEFORE_ALARM });
    page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
    await open(page, CARD);
    const childForm = page.getByRole('form', { name: 'Add a child', exact: true });
    await childForm.waitFor({ state: 'visible' });
    for (const [label, value] of MINIMAL_CHILD_FORM) await childForm.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('main').getByRole('button', { name: 'Save', exact: true }).tap();

    const pumpForm = page.getByRole('form', { name: 'Pump and drug for Maya', exact: true });
    await pumpForm.waitFor({ state: 'visible' });
    // Issue 14 Deliver 4 (clinical-reference.md line 19: the MRI rule differs by model): the
    // model starts empty ("Choose…"), never a silent SynchroMed.
    const model = pumpForm.getByLabel('Pump model (required)', { exact: true });
    assert.equal(await model.inputValue(), '', 'no model is chosen for the family');
    assert.equal(squash(await model.locator('option:checked').innerText()), 'Choose…');
    await pumpForm.getByLabel('Pump site (required)', { exact: true }).selectOption('abdomen_right');
    await pumpForm.getByLabel('Concentration in mcg/mL (required)', { exact: true }).fill('500');
    await pumpForm.getByLabel('Daily dose in mcg/day (required)', { exact: true }).fill('250');
    const savedBefore = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    assert.ok(savedBefore, "the child's details were saved by the first form");
    assert.equal(JSON.parse(savedBefore).family.children[0].pump ?? null, null, 'no pump yet');

    await page.getByRole('main').getByRole('button', { name: 'Save', exact: true }).tap();
    await pumpForm.getByRole('alert').filter({ hasText: '1 field needs attention. Nothing was saved.' }).waitFor();
    assert.equal(await model.getAttribute('aria-invalid'), 'true', 'the model field is marked invalid');
    const ids = ((await model.getAttribute('aria-describedby')) || '').trim().split(/\s+/).filter(Boolean);
    assert.ok(ids.length, 'the model field has a message tied to it');
    const message = squash((await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' '));
    assert.match(message, /Pump model is required/, `message on the field: ${message}`);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), savedBefore, 'nothing saved');

    await model.selectOption('prometra_ii_13827');
    await page.getByRole('main').getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByRole('main').getByRole('status').filter({ hasText: "Maya's card saved." }).first().waitFor({ state: 'visible' });
    const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY));
    assert.deepEqual(saved.family.children[0].pump.model, { kind: 'prometra_ii_13827' }, 'the chosen model is saved');
  });
});

// ---------------------------------------------------------------- f. passed alarm date

test('f. a passed alarm date shows PASSED on Home, on the EMS card and on the pre-app card', async () => {
  await withFamily({ now: AFTER_ALARM, json: PASSED_JSON, options: NO_WORKER }, async ({ page }) => {
    // clinical-reference.md line 152-153: "A low-reservoir alarm date that has passed ... the
    // card shows it as "PASSED n days ago: the pump may be empty"" (and Home: issue 14 Deliver 5).
    await page.goto(url('/'));
    const home = page.getByRole('main').getByRole('region', { name: 'Maya Rivera', exact: true });
    await home.waitFor({ state: 'visible' });
    const alarm = squash(await factValue(home, 'Low-reservoir alarm date').innerText());
    assert.ok(alarm.includes(PASSED_NOTE), `Home's alarm date says "${PASSED_NOTE}": ${alarm}`);
    // Issue 14 Deliver 6: past the alarm date Home says the pump may be empty, call the clinic
    // now, and 911 with any withdrawal sign (clinical-reference.md line 99-101).
    const status = squash(await home.getByRole('status').innerText());
    // (The status word is shown in capitals by CSS.)
    assert.match(status, /^Overdue /i, status);
    assert.match(status, /the pump may be empty\. Call the pump clinic now, and call 911 if any sign of withdrawal appears\./, status);

    await page.goto(url('/emergency'));
    const card = page.locator('[data-ems-content="app"]');
    await card.waitFor({ state: 'visible' });
    const pumpSection = card.getByRole('region', { name: 'Intrathecal baclofen pump', exact: true });
    const emsAlarm = squash(await factValue(pumpSection, 'Low-reservoir alarm date').innerText());
    assert.equal(emsAlarm, `Tue 8 Dec 2026 (printout): ${PASSED_NOTE}`);

    // The pre-app card (index.html) renders the snapshot the app just saved, before the wasm runs.
    const snapshot = await page.evaluate((key) => localStorage.getItem(key), INSTANT_KEY);
    assert.ok(snapshot, 'the app saved the pre-app snapshot');
    const release = await holdWasm(page);
    await page.goto(url('/emergency'), { waitUntil: 'domcontentloaded' });
    const instant = page.locator('[data-ems-content="instant"]');
    await instant.waitFor({ state: 'visible' });
    assert.equal(await card.count(), 0, 'the app has not started yet');
    const instantAlarm = squash(await factValue(instant, 'Low-reservoir alarm date').innerText());
    // The pre-app card is read on a later day than it was saved: the date and the rule (§6).
    assert.equal(instantAlarm, `Tue 8 Dec 2026 (printout). ${PAPER_RULE}`, 'the pre-app card shows the date and the rule');
    await screenshot(page, 'clinical-ems-pre-app-passed');
    release();
    await card.waitFor({ state: 'visible' });
  });
});

test('f2. the EMS card\'s first screen (390x844, no scrolling) holds what a crew needs first', async () => {
  await withFamily({ now: AFTER_ALARM, json: PASSED_JSON }, async ({ page }) => {
    await open(page, EMERGENCY);
    const card = page.locator('[data-ems-content="app"]');
    await card.waitFor({ state: 'visible' });
    await page.evaluate(() => document.fonts?.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'the card is at the top');
    // Issue 14 Deliver 5: the first screen at 390x844, no scrolling, holds the warning, the
    // pump (model), concentration and dose, the alarm-date status (passed or not), the two
    // steps in one line each and one-tap calls to the pump clinic / ITB physician and the parent
    // (clinical-reference.md lines 139-153: a physician experienced in ITB IMMEDIATELY, the
    // withdrawal and overdose steps, "PASSED n days ago: the pump may be empty").
    const pumpSection = card.getByRole('region', { name: 'Intrathecal baclofen pump', exact: true });
    const suspect = card.getByRole('region', { name: 'If you suspect', exact: true });
    const needed = [
      ['the red warning', card.locator('.ems-warning')],
      ['Pump', factValue(pumpSection, 'Pump')],
      ['Concentration', factValue(pumpSection, 'Concentration')],
      ['Daily dose', factValue(pumpSection, 'Daily dose')],
      ['the alarm date line', factValue(pumpSection, 'Low-reservoir alarm date')],
      ['If you suspect: Withdrawal', factValue(suspect, 'Withdrawal')],
      ['If you suspect: Overdose', factValue(suspect, 'Overdose')],
      ['the call to the pump clinic', card.locator(`a[href="tel:${CLINIC.phone}"]`)],
      ['the call to the parent', card.locator(`a[href="tel:${PARENT.phone}"]`)],
    ];
    const withdrawal = squash(await factValue(suspect, 'Withdrawal').innerText());
    const overdose = squash(await factValue(suspect, 'Overdose').innerText());
    // clinical-reference.md line 142-146: withdrawal, restore delivery; line 147-151: overdose,
    // stop delivery and never refill.
    assert.match(withdrawal, /Restore pump delivery/, withdrawal);
    assert.match(overdose, /Do NOT refill/, overdose);
    assert.match(squash(await factValue(pumpSection, 'Pump').innerText()), /^Medtronic SynchroMed II 8637-20$/);
    // The bottom navigation is fixed over the last 56 px: what is under it cannot be read,
    // so the first screen ends at the navigation's top edge (within the 844 px viewport).
    const navTop = await page.evaluate(() => document.querySelector('.bottom-nav')?.getBoundingClientRect().top ?? window.innerHeight);
    const limit = Math.min(844, navTop);
    const measured = [];
    const over = [];
    for (const [what, locator] of needed) {
      assert.equal(await locator.count(), 1, `${what} is on the card once`);
      const box = await locator.boundingBox();
      const line = `${what}: ${box.y.toFixed(0)}-${(box.y + box.height).toFixed(0)}`;
      measured.push(line);
      if (box.y + box.height > limit + 0.5) over.push(line);
    }
    await screenshot(page, 'clinical-ems-top');
    assert.deepEqual(over, [], `the first screen ends at ${limit.toFixed(0)} px (bottom navigation top ${navTop.toFixed(0)}); measured top-bottom px: ${measured.join('; ')}`);
  });
});

// ---------------------------------------------------------------- g. emergency number 112

/** Text a person can meet on the page: rendered text, the app's whole DOM text, labels and links. */
async function pageWords(page) {
  return page.evaluate(() => {
    const out = [document.body.innerText];
    const root = document.getElementById('main');
    if (root) out.push(root.textContent);
    const instant = document.getElementById('instant-card');
    if (instant) out.push(instant.textContent);
    for (const el of document.querySelectorAll('[aria-label], [title], a[href]')) {
      out.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '', el.getAttribute('href') || '');
    }
    return out.join('\n');
  });
}

async function telLinks(page) {
  return page.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), name: a.innerText.trim() })));
}

/** Asserts no "911" anywhere on the page and every tel: link is 112 or a number on the card. */
async function expectNo911(page, where, { mustSay112 }) {
  const words = await pageWords(page);
  const at = words.indexOf('911');
  assert.equal(at, -1, `${where}: "911" appears: …${words.slice(Math.max(0, at - 80), at + 40)}…`);
  if (mustSay112) assert.ok(words.includes('112'), `${where}: the emergency number 112 is shown`);
  // The card's own numbers, and Medtronic's 24-hour clinician line on a SynchroMed card
  // (clinical-reference.md line 159: "Medtronic clinician line, 24 hours, 1-800-707-0933").
  const allowed = new Set(['tel:112', 'tel:1-800-707-0933', ...CARD_PHONES.map((p) => `tel:${p}`)]);
  for (const link of await telLinks(page)) {
    assert.ok(allowed.has(link.href), `${where}: tel: link "${link.name}" dials ${link.href}, not 112, a number on the card or the maker's line`);
  }
  for (const link of await telLinks(page)) {
    if (/call|emergency/i.test(link.name) && !/clinic|pump|after hours|Ana|Luis|primary|neuro/i.test(link.name)) {
      assert.equal(link.href, 'tel:112', `${where}: the emergency call "${link.name}" dials 112`);
    }
  }
}

test('g. with the emergency number 112, no page, printable or the pre-app card says 911, and emergency calls dial 112', async () => {
  // clinical-reference.md line 133-135: "Default to 911 and let Settings change it; every
  // "call 911" label and `tel:` link follows it, on every screen, printable and the pre-app card."
  const json = familyJson((f) => {
    f.settings.emergency_number = '112';
    f.children[0].pump.printout_alarm_date = '2026-12-08';
  });
  // The alarm date has passed (AFTER_ALARM): Home's status names the emergency number too.
  await withFamily({ now: AFTER_ALARM, json, options: NO_WORKER }, async ({ page }) => {
    await page.goto(url('/settings'));
    await h1(page, 'Settings').waitFor();
    assert.equal(await page.getByLabel('Emergency number to call', { exact: true }).inputValue(), '112', 'Settings holds 112');

    await page.goto(url('/'));
    await page.getByRole('main').getByRole('region', { name: 'Maya Rivera', exact: true }).waitFor();
    await expectNo911(page, 'Home', { mustSay112: true });

    await page.goto(url('/symptoms'));
    await h1(page, 'Symptom checker').waitFor();
    // The passed alarm date starts selected: a clinic result with the fallback "call 112".
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    assert.match(squash(await band(page).innerText()), /Go to the ER or call 112\./);
    await expectNo911(page, '/symptoms at CALL THE PUMP CLINIC NOW', { mustSay112: true });
    await signButton(page, 'Very itchy, with no rash').tap();
    await expectBand(page, 'CALL 112 NOW');
    await band(page).getByRole('link', { name: 'Call 112', exact: true }).waitFor();
    await expectNo911(page, '/symptoms at CALL 112 NOW', { mustSay112: true });

    await page.goto(url('/plan'));
    await h1(page, 'Emergency plan').waitFor();
    await page.getByRole('link', { name: 'Call 112', exact: true }).first().waitFor();
    await expectNo911(page, '/plan', { mustSay112: true });

    await page.goto(url('/emergency'));
    await page.locator('[data-ems-content="app"]').waitFor({ state: 'visible' });
    await expectNo911(page, '/emergency', { mustSay112: false });

    for (const kind of ['wallet', 'eif', 'school']) {
      await page.goto(url(`/print/${kind}`));
      await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
      await expectNo911(page, `/print/${kind}`, { mustSay112: true });
    }

    // The pre-app card, from the snapshot the app saved for this card.
    const release = await holdWasm(page);
    await page.goto(url('/emergency'), { waitUntil: 'domcontentloaded' });
    await page.locator('[data-ems-content="instant"]').waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-ems-content="app"]').count(), 0, 'the app has not started yet');
    await expectNo911(page, 'the pre-app card', { mustSay112: false });
    release();
    await page.locator('[data-ems-content="app"]').waitFor({ state: 'visible' });
  });
});

// ---------------------------------------------------------------- h. EMS steps, looked at

test('h. the EMS card keeps the withdrawal and the overdose steps apart, each labelled (screenshot)', async () => {
  await withFamily({}, async ({ page }) => {
    await open(page, EMERGENCY);
    const steps = page.getByRole('region', { name: 'For EMS and the emergency department', exact: true });
    await steps.waitFor({ state: 'visible' });
    // clinical-reference.md line 150-151: "the card must keep the withdrawal and overdose steps
    // apart and label each"; line 142-146 (withdrawal: restore delivery) and 147-150 (overdose:
    // stop delivery, support breathing, "Do NOT "refill" or restore delivery").
    const headings = (await steps.getByRole('heading', { level: 3 }).allInnerTexts()).map(squash);
    const w = headings.findIndex((t) => /^Suspected WITHDRAWAL/.test(t));
    const o = headings.findIndex((t) => /^Suspected OVERDOSE/.test(t));
    assert.ok(w >= 0 && o >= 0 && w !== o, `separate labelled groups: ${headings.join(' | ')}`);
    const group = (i) => steps.locator('.ems-action-group').nth(i);
    const withdrawal = squash(await group(w).innerText());
    const overdose = squash(await group(o).innerText());
    assert.match(withdrawal, /Restore intrathecal delivery as soon as possible/);
    assert.match(overdose, /Stop delivery/);
    assert.match(overdose, /Support breathing/);
    assert.match(overdose, /Do NOT refill the pump or restore delivery/);
    // Outside its "do NOT" line, the overdose group never tells the crew to refill or restore.
    const overdoseSteps = (await group(o).getByRole('listitem').allInnerTexts()).map(squash);
    for (const step of overdoseSteps.filter((s) => !/^Do NOT/.test(s))) {
      assert.doesNotMatch(step, /refill|restore/i, `overdose step: ${step}`);
    }
    await steps.getByRole('heading', { level: 2 }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'clinical-ems-steps');
    await steps.getByRole('heading', { level: 3 }).nth(o).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'clinical-ems-steps-overdose');
  });
});

// ---------------------------------------------------------------- issue 24 (reference of 2026-12-07)

/** The clinical reference with its line breaks joined: the tests below quote it. */
const REFERENCE = readFileSync(path.join(REPO_ROOT, '..', 'shared', 'clinical-reference.md'), 'utf8').replace(/\s+/g, ' ');

/** Asserts the reference says `phrase` (so each test below stands on a line of it). */
function cites(phrase) {
  assert.ok(REFERENCE.includes(phrase), `the clinical reference says: ${phrase}`);
}

test('i. slow heartbeat gives CALL 911 NOW (screenshot)', async () => {
  // §5 CALL 911 NOW, "Plus the overdose progression signs": "a heartbeat slower than usual for
  // the child; a body temperature lower than usual (feels cold)" (corrected 2026-12-07).
  cites('Plus the overdose progression signs [SN1][GB][OB][L4]: a heartbeat slower than usual for the child');
  await withFamily({}, async ({ page }) => {
    await open(page, SYMPTOMS);
    await signButton(page, 'Heartbeat slower than usual for Maya Rivera').tap();
    await expectBand(page, 'CALL 911 NOW');
    await expectReadableOnBand(band(page).getByRole('link', { name: 'Call 911', exact: true }), 'the Call 911 button');
    // §5: the PRN medicines must not be given for sleepiness, floppiness or slow breathing.
    cites('must not be given for sleepiness, floppiness or slow breathing unless the clinic or 911 says so');
    const prn = band(page).locator('.band-prn');
    assert.match(squash(await prn.innerText()), /^Do not give oral baclofen or diazepam for sleepiness, floppiness or slow breathing unless the clinic or 911 tells you to/);
    await screenshot(page, 'clinical-band-slow-heartbeat');
    await signButton(page, 'Heartbeat slower than usual for Maya Rivera').tap();
    await signButton(page, 'Feels cold: temperature lower than usual').tap();
    await expectBand(page, 'CALL 911 NOW');
    // Hard to wake: call, do not drive (§5, the team's reading).
    cites('the advice is to call, not to drive');
    await signButton(page, 'Hard to wake up').tap();
    await expectReadableOnBand(band(page).locator('.band-call-not-drive'), 'call, not drive');
    await screenshot(page, 'clinical-band-call-not-drive');
  });
});

test('j. fever with a stiff neck gives CALL 911 NOW', async () => {
  // §5 combinations: "fever together with ANY ONE of headache, stiff neck or light sensitivity".
  cites('fever together with ANY ONE of headache, stiff neck or light sensitivity');
  await withFamily({}, async ({ page }) => {
    await open(page, SYMPTOMS);
    await signButton(page, 'Stiff neck').tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    // Below 911, the 911 signs to watch for are on the band itself, not in a details control.
    cites('is on the band itself, not inside a details control');
    const wait = band(page).locator('.band-while-you-wait');
    await wait.scrollIntoViewIfNeeded();
    assert.equal(await wait.evaluate((el) => !!el.closest('details')), false, 'not inside details');
    assert.ok(await wait.isVisible(), 'the while-you-wait list is visible');
    assert.match(squash(await wait.innerText()), /^While you wait, call 911 at once if you see:/);
    assert.match(squash(await wait.innerText()), /Heartbeat slower than usual for Maya Rivera/);
    await signButton(page, 'Any fever').tap();
    await expectBand(page, 'CALL 911 NOW');
    assert.match(squash(await band(page).locator('.band-details').textContent()), /meningitis/, 'why: meningitis');
    await screenshot(page, 'clinical-band-fever-stiff-neck');
  });
});

test('k. a passed refill-by date pre-selects a late refill, and itching gives CALL 911 NOW', async () => {
  // §5: "A late refill that the app itself knows about (the refill-by date has passed and no
  // refill is recorded) counts as "a missed or late refill" without a tap".
  cites('A late refill that the app itself knows about (the refill-by date has passed and no refill is recorded) counts as "a missed or late refill" without a tap');
  // The fixture's printout alarm date is 8 Dec: refill by 5 Dec. On 6 Dec the refill is late.
  await withFamily({ now: new Date('2026-12-06T10:00:00-06:00') }, async ({ page }) => {
    await open(page, SYMPTOMS);
    const late = signButton(page, 'A refill was missed or is late');
    assert.equal(await late.getAttribute('aria-pressed'), 'true', 'the late refill starts selected');
    await page.getByRole('note').filter({ hasText: 'The refill-by date on the card has passed and no refill is recorded' }).waitFor({ state: 'visible' });
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
    // §5 [GB]: the right-away line, visible on the band without opening anything.
    cites('"If the clinic cannot see your child right away, take your child to the emergency room now" [GB]');
    await expectReadableOnBand(
      band(page).getByText('If the clinic cannot see Maya Rivera right away, take Maya Rivera to the emergency room now.', { exact: false }),
      'the right-away line',
    );
    // The fallback names 30 minutes where the plan gives no time (§5).
    cites('30 minutes where the plan gives none');
    assert.match(squash(await band(page).locator('.band-fallback').innerText()), /or 30 minutes if it gives none\)\? Go to the ER or call 911\./);
    await screenshot(page, 'clinical-band-late-refill');
    await signButton(page, 'Very itchy, with no rash').tap();
    await expectBand(page, 'CALL 911 NOW');
    await screenshot(page, 'clinical-band-late-refill-itching');
    // Untapping the fact is the parent's choice: the band follows.
    await late.tap();
    await expectBand(page, 'CALL THE PUMP CLINIC NOW');
  });
});

test('l. after a refill typed in the pump form, the EMS card first screen shows the overdose watch (screenshot)', async () => {
  // §5: "The watch follows the card's own dates ... (a refill typed into the pump form counts
  // as much as one recorded with "Record a refill")"; §6: the first screen shows the last refill
  // and "Refilled n days ago: overdose most likely now".
  cites('a refill typed into the pump form counts as much as one recorded with "Record a refill"');
  cites('"Refilled n days ago: overdose most likely now"');
  await withFamily({ now: BEFORE_ALARM }, async ({ page }) => {
    await open(page, CARD);
    await page.getByRole('button', { name: 'Edit pump and drug', exact: true }).tap();
    const pumpForm = page.getByRole('form', { name: 'Pump and drug for Maya Rivera', exact: true });
    await pumpForm.getByLabel('Last refill date', { exact: true }).fill('2026-11-23');
    await pumpForm.getByLabel('Low-reservoir alarm date (printout)', { exact: true }).fill('2026-12-29');
    await pumpForm.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByRole('main').getByRole('status').filter({ hasText: "Maya Rivera's card saved." }).first().waitFor({ state: 'visible' });

    // Home and the checker say it too.
    await page.goto(url('/'));
    await page.getByRole('main').getByRole('note', { name: 'Overdose watch' }).first().waitFor({ state: 'visible' });
    assert.match(squash(await page.getByRole('main').innerText()), /Watch for overdose signs until Thu 26 Nov 2026\./);
    await page.goto(url('/symptoms'));
    await page.getByRole('main').getByRole('note', { name: 'Overdose watch' }).first().waitFor({ state: 'visible' });

    await page.goto(url('/emergency'));
    const card = page.locator('[data-ems-content="app"]');
    await card.waitFor({ state: 'visible' });
    await page.evaluate(() => document.fonts?.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    const pumpSection = card.getByRole('region', { name: 'Intrathecal baclofen pump', exact: true });
    assert.equal(squash(await factValue(pumpSection, 'OVERDOSE WATCH').innerText()), 'Refilled 1 day ago: overdose most likely now [L4][S2]');
    assert.match(squash(await factValue(pumpSection, 'Last refill').innerText()), /^Mon 23 Nov 2026 \(1 day ago\), 20 mL filled$/);
    assert.equal(await factValue(pumpSection, 'Last dose or concentration change').count(), 0, 'no dose change recorded: no line');
    // The headline names overdose as well as withdrawal; the mimics line is on the card.
    assert.match(squash(await card.locator('.ems-warning').innerText()), /withdrawal, or overdose after a refill or a dose change, can be life-threatening/);
    const suspect = card.getByRole('region', { name: 'If you suspect', exact: true });
    assert.match(squash(await factValue(suspect, 'Either').innerText()), /overdose can mimic withdrawal/);
    // All of it on the first screen, above the bottom navigation.
    const navTop = await page.evaluate(() => document.querySelector('.bottom-nav')?.getBoundingClientRect().top ?? window.innerHeight);
    const limit = Math.min(844, navTop);
    for (const [what, locator] of [
      ['the overdose watch', factValue(pumpSection, 'OVERDOSE WATCH')],
      ['the last refill', factValue(pumpSection, 'Last refill')],
      ['the call to the pump clinic', card.locator(`a[href="tel:${CLINIC.phone}"]`)],
    ]) {
      const box = await locator.boundingBox();
      assert.ok(box.y + box.height <= limit + 0.5, `${what} ends at ${(box.y + box.height).toFixed(0)} px, the first screen at ${limit.toFixed(0)} px`);
    }
    await screenshot(page, 'clinical-ems-overdose-watch');
  });
});

test('m. printables printed to PDF carry absolute dates only', async () => {
  // §6: "printouts carry absolute dates only, the day they were printed, and the rule "if today
  // is after {alarm date} and the pump has not been refilled since, it may be empty"; never "in
  // N days" or "not passed"".
  cites('never "in N days" or "not passed"');
  const dir = path.join(REPO_ROOT, 'target', 'print');
  mkdirSync(dir, { recursive: true });
  await withFamily({ now: BEFORE_ALARM }, async ({ page }) => {
    for (const kind of ['wallet', 'eif', 'school']) {
      await page.goto(url(`/print/${kind}`));
      await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
      await page.emulateMedia({ media: 'print' });
      const file = path.join(dir, `dates-${kind}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const text = squash(execFileSync('pdftotext', [file, '-']).toString());
      assert.doesNotMatch(text, /\bin \d+ days?\b|not passed|\bdays? ago\b|\btomorrow\b/i, `${kind}: ${text}`);
      assert.match(text, /Printed on Tue 24 Nov 2026/, `${kind}: the day it was printed`);
      assert.match(text, /if today is after Tue 8 Dec 2026 and the pump has not been refilled since, it may be empty/i, `${kind}: the rule`);
      execFileSync('pdftoppm', ['-png', '-r', kind === 'wallet' ? '200' : '80', '-f', '1', '-l', '1', file, path.join(dir, `dates-${kind}`)]);
    }
  });
});
