// The emergency card appears before the app has started: index.html's inline script renders
// the snapshot the app keeps. Its content must be the app's card, word for word, except that
// what counts from today is given as a date (it is read on a later day, reference §6), and the
// app takes over without a second copy staying on screen.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL_FAMILY_JSON, holdWasm, screenshot, seedFamily, url, withPage } from './helpers.mjs';

const squash = (s) => s.replace(/\s+/g, ' ').trim();


/** Labels of the card whose text is wider than their own box (it would run into the value). */
function overflowingLabels(page, card) {
  return card.locator('dt').evaluateAll((dts) => dts.filter((dt) => dt.scrollWidth > dt.clientWidth + 1).map((dt) => dt.textContent));
}

/** The card's facts as [label, value] pairs, and its "card last changed" line. */
async function cardFacts(card) {
  const pairs = await card.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent.replace(/\s+/g, ' ').trim(), (dt.nextElementSibling?.textContent || '').replace(/\s+/g, ' ').trim()]));
  const updated = squash(await card.locator('.ems-updated').innerText());
  const rest = squash(await card.locator('.ems-actions').innerText());
  return { pairs, updated, rest };
}

/** Lines whose words count from today: on the pre-app card (read on a later day) they carry the date only. */
const DATED = new Set(['Low-reservoir alarm date', 'Estimated empty date', 'Last refill', 'Last dose or concentration change']);
const RELATIVE = /\bin \d+ days?\b|not passed|\bdays? ago\b|\btomorrow\b|: today\b|\(today\)/i;

/**
 * The pre-app card says what the app card says, word for word, except that a line counting
 * from today gives its absolute date (and the rule "if today is after …") instead (reference
 * §6, corrected 2026-12-07), and the card says the day it was saved.
 */
function expectSameCard(instant, app) {
  const labels = (f) => f.pairs.map(([l]) => l).filter((l) => l !== 'OVERDOSE WATCH');
  assert.deepEqual(labels(instant), labels(app), 'the same lines in the same order');
  const appPairs = app.pairs.filter(([l]) => l !== 'OVERDOSE WATCH');
  for (const [i, [label, value]] of instant.pairs.filter(([l]) => l !== 'OVERDOSE WATCH').entries()) {
    const appValue = appPairs[i][1];
    if (!DATED.has(label)) {
      assert.equal(value, appValue, `${label}: the same words`);
      continue;
    }
    assert.doesNotMatch(value, RELATIVE, `${label} on the pre-app card counts from no day: ${value}`);
    const date = appValue.split(' (')[0].split(',')[0];
    assert.ok(value.startsWith(date), `${label}: the same date (${date}) on both: ${value} / ${appValue}`);
  }
  assert.ok(instant.updated.startsWith(app.updated), `${instant.updated} / ${app.updated}`);
  assert.match(instant.updated, /Saved on \w{3} \d+ \w{3} \d{4}$/);
  assert.equal(instant.rest, app.rest, 'the steps for EMS are the same');
}

// page.route cannot hold requests a service worker makes: these tests run without one
// (offline.test.mjs and update.test.mjs cover the worker).
const NO_WORKER = { serviceWorkers: 'block' };

test('the card shows the same data before and after the app takes over', async () => {
  await withPage(NO_WORKER, async ({ page, context }) => {
    await seedFamily(context);
    // First visit: the app writes the snapshot of the card it shows.
    await page.goto(url('/emergency'));
    const app = page.locator('[data-ems-content="app"]');
    await app.waitFor({ state: 'visible' });
    const appText = squash(await app.innerText());
    const appFacts = await cardFacts(app);
    assert.match(appText, /Maya Rivera/);
    assert.match(appText, /500 mcg\/mL/);
    const snapshot = await page.evaluate(() => localStorage.getItem('itb-companion/instant-card.json'));
    // Snapshot version 2 names whose card it is (the child the app showed last).
    assert.ok(snapshot && JSON.parse(snapshot).v === 2, 'the app saved a snapshot for the pre-app card');
    assert.equal(JSON.parse(snapshot).child, 1, "the snapshot is Maya's (child id 1)");

    // Hold the wasm back: only the inline script can show the card now.
    const release = await holdWasm(page);
    await page.goto(url('/emergency'), { waitUntil: 'domcontentloaded' });
    const instant = page.locator('[data-ems-content="instant"]');
    await instant.waitFor({ state: 'visible' });
    assert.equal(await app.count(), 0, 'the app has not started yet');
    await screenshot(page, 'emergency-before-app');
    assert.deepEqual(await overflowingLabels(page, instant), [], 'no label runs into its value (pre-app card)');
    const instantText = squash(await instant.innerText());
    const instantFacts = await cardFacts(instant);
    expectSameCard(instantFacts, appFacts);
    // Phone numbers are tappable before the app starts too.
    const tel = await instant.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const appTel = await page.evaluate((json) => {
      const card = JSON.parse(json).card;
      return card.sections.flatMap((s) => s.lines).filter((l) => l.phone).map((l) => `tel:${l.phone}`);
    }, snapshot);
    assert.deepEqual(tel, appTel);
    assert.ok(tel.length >= 2, `the pre-app card has call links: ${tel}`);

    // Let the app start: it takes over and the pre-app copy goes away.
    release();
    await app.waitFor({ state: 'visible' });
    await page.waitForFunction(() => !document.getElementById('instant-card'));
    expectSameCard(instantFacts, await cardFacts(app));
    assert.equal(await page.locator('[data-ems-content]').count(), 1, 'one card on screen after the takeover');
    await screenshot(page, 'emergency-after-app');
    assert.deepEqual(await overflowingLabels(page, app), [], 'no label runs into its value (app card)');
  });
});

test('no saved card: nothing is shown before the app, which then offers to add one', async () => {
  await withPage(NO_WORKER, async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(url('/emergency'), { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('#instant-card').isVisible(), false);
    assert.equal(await page.locator('[data-ems-content]').count(), 0);
    release();
    await page.getByText('No device card saved yet.', { exact: true }).waitFor();
  });
});

test('a damaged snapshot is ignored, and the app still shows the card', async () => {
  await withPage(async ({ page, context }) => {
    await seedFamily(context);
    await context.addInitScript(() => localStorage.setItem('itb-companion/instant-card.json', '{"v":2,"child":1,"card":{"sections":7'));
    await page.goto(url('/emergency'));
    await page.locator('[data-ems-content="app"]').waitFor({ state: 'visible' });
    assert.match(await page.locator('[data-ems-content="app"]').innerText(), /Maya Rivera/);
  });
});

test('the pre-app card shows the child the app showed last, not always the first child', async () => {
  // Issue 14 Deliver 5: "The pre-app card shows the child the app last showed, not always the
  // first child" (clinical-reference.md §6: the card must be this child's, for the crew).
  const file = JSON.parse(FULL_FAMILY_JSON);
  const leo = structuredClone(file.family.children[0]);
  leo.id = 2;
  leo.colour = 1;
  leo.name = 'Leo Rivera';
  leo.date_of_birth = '2019-09-09';
  leo.pump.drug.daily_dose_mcg_per_day = '180';
  file.family.children.push(leo);
  await withPage(NO_WORKER, async ({ page, context }) => {
    await seedFamily(context, JSON.stringify(file));
    await page.goto(url('/emergency'));
    const app = page.locator('[data-ems-content="app"]');
    await app.waitFor({ state: 'visible' });
    assert.match(squash(await app.innerText()), /Maya Rivera/, 'the first child to start with');

    // Show Leo (the header's switcher), then his card.
    const switcher = page.getByRole('banner').getByRole('group', { name: 'Whose card to show', exact: true });
    await switcher.getByRole('button', { name: 'Leo Rivera', exact: true }).tap();
    await page.waitForFunction(() => document.querySelector('[data-ems-content="app"]')?.innerText.includes('Leo Rivera'));
    const appText = squash(await app.innerText());
    const appFacts = await cardFacts(app);
    assert.match(appText, /180 mcg\/day/);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('itb-companion/instant-card.json') || '{}').child === 2);

    const release = await holdWasm(page);
    await page.goto(url('/emergency'), { waitUntil: 'domcontentloaded' });
    const instant = page.locator('[data-ems-content="instant"]');
    await instant.waitFor({ state: 'visible' });
    const instantText = squash(await instant.innerText());
    const leoFacts = await cardFacts(instant);
    expectSameCard(leoFacts, appFacts);
    assert.ok(!instantText.includes('Maya Rivera'), "not Maya's");
    release();
    // The app opens with Leo again, so the takeover shows the same child.
    await app.waitFor({ state: 'visible' });
    expectSameCard(leoFacts, await cardFacts(app));
    assert.match(squash(await app.innerText()), /Leo Rivera/, "the app card after the takeover is Leo's too");
  });
});
