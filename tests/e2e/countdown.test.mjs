// Refill countdown on Home, recording a refill, and reminders on the web: a card typed in
// through the Device card forms and then read on Home on several "todays", the printout's alarm
// date winning over the estimate (and the mismatch alert), recording a refill, reminders shown
// as service-worker notifications and in the in-app banner (once only), the permission flow in
// Settings, the calendar (.ics) download, and Settings validation that saves nothing.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/countdown.test.mjs
// Elements are found only by their roles and visible labels; buttons and links are tapped.
// "Today" is fixed per browser context: Chicago time zone + clock installed before the page loads
// (the app reads the date when it starts).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { MINIMAL_CHILD_FORM, SCREENS, expectScreen, mainNav, mayaFamily, open, screenshot, url, withPage } from './helpers.mjs';

const HOME = SCREENS.find((s) => s.key === 'home');
const CARD = SCREENS.find((s) => s.key === 'card');
const SETTINGS = SCREENS.find((s) => s.key === 'settings');

const TIMEZONE = 'America/Chicago';
const STORAGE_KEY = 'itb-companion/family.json';

/** 09:00 in Chicago on `day` (YYYY-MM-DD); Chicago is UTC-6 all winter. */
const at = (day) => new Date(`${day}T09:00:00-06:00`);


/** The card of test 1, typed into the Device card forms. */
const MAYA_CHILD_FORM = MINIMAL_CHILD_FORM;
const MAYA_PUMP_FORM = [
  ['Pump model (required)', { option: 'synchromed_ii_8637_20' }],
  ['Pump site (required)', { option: 'abdomen_right' }],
  ['Reservoir volume in mL', '20'],
  ['Low-reservoir alarm volume in mL', '2'],
  ['Concentration in mcg/mL (required)', '500'],
  ['Daily dose in mcg/day (required)', '250'],
  ['Last refill date', '2026-12-01'],
  ['Volume filled in mL', '20'],
  ['Implant date', '2021-09-14'],
];

const ESTIMATE_TAG = '(estimate from the card: check with your clinic) [A1]';
const REPLACEMENT_BASIS = "(the earlier of implant + 7 years and 90 days after the pump's replacement alarm (ERI)) [M3]";
/** 20 mL x 500 / 250 = 40 days after the 2026-12-01 refill (shown on Home next to the alarm date). */
const EMPTY_DATE = 'Sun 10 Jan 2027 (estimate) [A1]';
const REFILL_14_SUMMARY = 'Maya: pump refill due in 14 days';
const REFILL_14_BODY = 'Refill by Sun 3 Jan 2027. Book or confirm the refill with the pump clinic.';
const REFILL_14_KEY = '1:refill-by:2027-01-03:14';

// ---------------------------------------------------------------- helpers

/**
 * A fresh browser profile (helpers.withPage) in Chicago with the clock fixed at `now` before
 * any page loads. `family` (object or JSON text) is put into localStorage before the app's
 * first load only: a reload sees what the app saved. `notifications: true` grants the
 * notification permission. Calls to the service worker's showNotification and to
 * Notification.requestPermission are recorded (and passed through) for the checks.
 */
function withDay({ now, family = null, notifications = false, options = {} }, fn) {
  return withPage({ timezoneId: TIMEZONE, acceptDownloads: true, ...options }, async ({ page, context, errors }) => {
    if (notifications) await context.grantPermissions(['notifications'], { origin: url('') });
    if (family !== null) {
      const text = typeof family === 'string' ? family : JSON.stringify(family);
      await context.addInitScript(
        ([key, value]) => {
          if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
        },
        [STORAGE_KEY, text],
      );
    }
    await context.addInitScript(() => {
      window.__itbShown = [];
      window.__itbPermissionRequests = 0;
      if (window.ServiceWorkerRegistration) {
        const show = ServiceWorkerRegistration.prototype.showNotification;
        ServiceWorkerRegistration.prototype.showNotification = function (title, opts) {
          window.__itbShown.push({ title, body: opts?.body, tag: opts?.tag });
          return show.call(this, title, opts);
        };
      }
      if (window.Notification) {
        const ask = Notification.requestPermission.bind(Notification);
        Notification.requestPermission = (...args) => {
          window.__itbPermissionRequests += 1;
          return ask(...args);
        };
      }
    });
    await context.clock.install({ time: now });
    page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
    await fn({ page, context, errors });
  });
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

function field(scope, label) {
  return scope.getByLabel(label, { exact: true });
}

function form(page, name) {
  return page.getByRole('form', { name, exact: true });
}

/** A child's countdown on Home: the section labelled by the child's name heading. */
function childSection(page, name) {
  return page.getByRole('main').getByRole('region', { name, exact: true });
}

/** The screen's own status line (the role=status paragraph that is a direct child of main). */
function screenStatus(page) {
  return page.getByRole('main').locator(':scope > [role="status"]');
}

/** The in-app reminders banner (role status, labelled "Reminders"). */
function remindersBanner(page) {
  return page.getByRole('status', { name: 'Reminders', exact: true });
}

/** A definition list as { term: definition }, whitespace squashed. */
async function facts(scope) {
  const terms = (await scope.getByRole('term').allInnerTexts()).map(squash);
  const defs = (await scope.getByRole('definition').allInnerTexts()).map(squash);
  assert.equal(terms.length, defs.length, 'every term has a definition');
  return Object.fromEntries(terms.map((t, i) => [t, defs[i]]));
}

/** The child's status line: { word, advice, text } (case of the word as in the DOM). */
async function childStatus(section) {
  const line = section.getByRole('status');
  assert.equal(await line.count(), 1, 'one status line in the child section');
  return squash(await line.innerText());
}

/** Checks that the status line starts with `word` (any case) followed by the advice. */
function assertStatusWord(text, word, context) {
  assert.ok(
    text.toLowerCase().startsWith(word.toLowerCase() + ' '),
    `${context}: status should start with "${word}", it says "${text}"`,
  );
  // No other status word is there instead (e.g. "Book the refill" vs "OK").
  const rest = text.slice(word.length).trim();
  assert.ok(rest.length > 0, `${context}: status "${text}" has advice after the word`);
}

/** Opens Home (a full page load) and waits for Maya's countdown. */
async function openHome(page, name = 'Maya') {
  await open(page, HOME);
  const section = childSection(page, name);
  await section.waitFor({ state: 'visible' });
  return section;
}

async function storedText(page) {
  return page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
}

async function stored(page) {
  const text = await storedText(page);
  return text === null ? null : JSON.parse(text);
}

/** Waits until `fn()` returns a truthy value (polling); returns the last value. */
async function waitUntil(fn, { timeout = 10_000, step = 100 } = {}) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, step));
  }
  return value;
}

/** Notifications the service worker registration still holds: [{ title, body, tag }]. */
async function swNotifications(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg) return null;
    return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });
}

/** The error text tied to a field through aria-describedby (hints included). */
async function fieldMessage(scope, label) {
  const input = field(scope, label);
  const ids = ((await input.getAttribute('aria-describedby')) || '').trim();
  assert.ok(ids, `"${label}" has aria-describedby`);
  const texts = [];
  for (const id of ids.split(/\s+/)) {
    texts.push(await scope.page().evaluate((i) => document.getElementById(i)?.innerText ?? '', id));
  }
  return squash(texts.join(' '));
}

/** Relative luminance contrast of two CSS rgb() colours (WCAG). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, b2] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Colours of the status pill and the page background. */
async function statusColours(section) {
  return section.getByRole('status').evaluate((el) => {
    const s = getComputedStyle(el);
    return { fg: s.color, bg: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor };
  });
}

// ---------------------------------------------------------------- 1. card through the UI, then several todays

/** What Home must show for Maya (card of the brief) on each day. */
const DAYS = [
  // Only the app's estimate (no printout date): never "OK" (reference §5, 2026-12-07).
  { day: '2026-12-19', word: 'Estimate: confirm', refillBy: 'Sun 3 Jan 2027 (in 15 days)' },
  { day: '2026-12-20', word: 'Book the refill', refillBy: 'Sun 3 Jan 2027 (in 14 days)' },
  { day: '2026-12-31', word: 'Book the refill', refillBy: 'Sun 3 Jan 2027 (in 3 days)' },
  { day: '2027-01-01', word: 'Due', refillBy: 'Sun 3 Jan 2027 (in 2 days)' },
  { day: '2027-01-02', word: 'Due', refillBy: 'Sun 3 Jan 2027 (tomorrow)' },
  { day: '2027-01-03', word: 'Due', refillBy: 'Sun 3 Jan 2027 (today)' },
  // Issue 14 Deliver 6: between the refill-by date and the alarm date the refill is late: call
  // the clinic now (not "make sure it happens by the refill-by date", a date already gone).
  {
    day: '2027-01-04',
    word: 'Late',
    refillBy: 'Sun 3 Jan 2027 (yesterday)',
    advice: 'Refill late: the refill-by date has passed. Call the pump clinic now.',
  },
  { day: '2027-01-06', word: 'Late', refillBy: 'Sun 3 Jan 2027 (3 days ago)' },
  // Past the alarm date: "PASSED n days ago: the pump may be empty" (clinical-reference.md
  // line 152-153), call the clinic now and 911 with any withdrawal sign (line 99-101).
  { day: '2027-01-07', word: 'Overdue', refillBy: 'Sun 3 Jan 2027 (4 days ago)', passed: 'PASSED 1 day ago: the pump may be empty, unless refilled since (last refill recorded on Tue 1 Dec 2026, 37 days ago)' },
  {
    day: '2027-01-10',
    word: 'Overdue',
    refillBy: 'Sun 3 Jan 2027 (7 days ago)',
    advice:
      'Past the low-reservoir alarm date: the pump may be empty. Call the pump clinic now, and call 911 if any sign of withdrawal appears.',
    passed: 'PASSED 4 days ago: the pump may be empty, unless refilled since (last refill recorded on Tue 1 Dec 2026, 40 days ago)',
  },
];

test('a card typed in on 2026-12-01 counts down on Home, and the status follows "today"', async (t) => {
  let savedFamily = null;

  await t.test('type the card in through the Device card forms (phone size), then read Home', async () => {
    await withDay({ now: at('2026-12-01') }, async ({ page }) => {
      await open(page, HOME);
      await page.getByRole('link', { name: 'Add your first child', exact: true }).tap();
      await expectScreen(page, CARD);

      const childForm = form(page, 'Add a child');
      await childForm.waitFor({ state: 'visible' });
      for (const [label, value] of MAYA_CHILD_FORM) {
        await field(childForm, label).fill(value);
        assert.equal(await field(childForm, label).inputValue(), value, `"${label}" holds what was typed`);
      }
      await button(page.getByRole('main'), 'Save').tap();

      const pumpForm = form(page, 'Pump and drug for Maya');
      await pumpForm.waitFor({ state: 'visible' });
      for (const [label, value] of MAYA_PUMP_FORM) {
        const input = field(pumpForm, label);
        if (typeof value === 'object') await input.selectOption(value.option);
        else await input.fill(value);
        assert.equal(await input.inputValue(), typeof value === 'object' ? value.option : value, `"${label}" holds what was entered`);
      }
      await button(page.getByRole('main'), 'Save').tap();
      await screenStatus(page).filter({ hasText: "Maya's card saved." }).waitFor({ state: 'visible' });

      // To Home through the bottom navigation (no reload).
      await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
      await expectScreen(page, HOME);
      const section = childSection(page, 'Maya');
      await section.waitFor({ state: 'visible' });

      const status = await childStatus(section);
      assertStatusWord(status, 'Estimate: confirm', '2026-12-01');
      assert.equal(status.slice('Estimate: confirm'.length).trim(), "The dates are the app's estimate from the card, to confirm with the pump clinic. First enter the low-reservoir alarm date from the clinic printout.");
      assert.deepEqual(await facts(section), {
        'Refill by': 'Sun 3 Jan 2027 (in 33 days)',
        'Low-reservoir alarm date': `Wed 6 Jan 2027 ${ESTIMATE_TAG}`,
        'Estimated empty date': EMPTY_DATE,
        'Last refill': 'Tue 1 Dec 2026, 20 mL filled',
        'Pump replacement': `Thu 14 Sep 2028: about 21 months left ${REPLACEMENT_BASIS}`,
      });
      assert.equal(await section.getByRole('alert').count(), 0, 'no mismatch alert without a printout date');
      assert.equal(await button(section, 'Record a refill').count(), 1, 'Record a refill button');

      await screenshot(page, 'home-countdown');

      // What was typed is what was saved (the later days reuse this exact storage).
      savedFamily = await storedText(page);
      const pump = JSON.parse(savedFamily).family.children[0].pump;
      assert.deepEqual(
        {
          implant: pump.implant_date,
          reservoir: pump.reservoir_ml,
          alarm: pump.alarm_volume_ml,
          conc: pump.drug.concentration_mcg_per_ml,
          dose: pump.drug.daily_dose_mcg_per_day,
          refill: pump.last_refill,
          printout: pump.printout_alarm_date,
        },
        {
          implant: '2021-09-14',
          reservoir: '20',
          alarm: '2',
          conc: '500',
          dose: '250',
          refill: { date: '2026-12-01', volume_ml: '20' },
          printout: null,
        },
      );
    });
  });

  for (const { day, word, refillBy, advice, passed } of DAYS) {
    await t.test(`${day}: ${word}, refill by ${refillBy}`, async (st) => {
      if (!savedFamily) return st.skip('the card could not be typed in');
      await withDay({ now: at(day), family: savedFamily }, async ({ page }) => {
        const section = await openHome(page);
        const status = await childStatus(section);
        assertStatusWord(status, word, day);
        if (advice) assert.equal(status.slice(word.length).trim(), advice, `${day}: advice`);
        const f = await facts(section);
        assert.equal(f['Refill by'], refillBy, `${day}: Refill by`);
        const alarm = passed ? `Wed 6 Jan 2027 ${ESTIMATE_TAG} ${passed}` : `Wed 6 Jan 2027 ${ESTIMATE_TAG}`;
        assert.equal(f['Low-reservoir alarm date'], alarm, `${day}: alarm date`);
        // The estimated empty date (2027-01-10) has not passed on any of these days.
        assert.equal(f['Estimated empty date'], EMPTY_DATE, `${day}: estimated empty date`);
        // The hidden "today" line says which day the app thinks it is.
        assert.ok((await section.innerText()).includes(`Today is ${day}`), `${day}: the app's today`);
      });
    });
  }

  await t.test('dark mode screenshot of the countdown (2026-12-20)', async (st) => {
    if (!savedFamily) return st.skip('the card could not be typed in');
    let light;
    await withDay({ now: at('2026-12-20'), family: savedFamily }, async ({ page }) => {
      light = await statusColours(await openHome(page));
    });
    await withDay({ now: at('2026-12-20'), family: savedFamily, options: { colorScheme: 'dark' } }, async ({ page }) => {
      const section = await openHome(page);
      assertStatusWord(await childStatus(section), 'Book the refill', 'dark mode');
      const dark = await statusColours(section);
      assert.notEqual(dark.page, light.page, 'the page background changes in dark mode');
      assert.ok(contrast(dark.page, 'rgb(0, 0, 0)') < 2, `dark page background is dark (${dark.page})`);
      assert.notEqual(dark.bg, light.bg, 'the status pill changes colour in dark mode');
      assert.ok(contrast(dark.fg, dark.bg) >= 4.5, `status pill contrast in dark mode ${contrast(dark.fg, dark.bg).toFixed(2)} >= 4.5`);
      await screenshot(page, 'home-countdown-dark');
    });
  });
});

// ---------------------------------------------------------------- 2. printout wins, mismatch alert

test('the printout alarm date wins over the estimate; a disagreement beyond the accuracy is flagged', async (t) => {
  const cases = [
    // [printout date, alarm text, refill by on 2026-12-20, days apart or null for no alert]
    ['2027-01-05', 'Tue 5 Jan 2027', 'Sat 2 Jan 2027 (in 13 days)', null],
    ['2027-01-08', 'Fri 8 Jan 2027', 'Tue 5 Jan 2027 (in 16 days)', null],
    ['2027-01-09', 'Sat 9 Jan 2027', 'Wed 6 Jan 2027 (in 17 days)', 3],
    ['2027-01-12', 'Tue 12 Jan 2027', 'Sat 9 Jan 2027 (in 20 days)', 6],
  ];
  for (const [printout, alarmText, refillBy, apart] of cases) {
    await t.test(`printout ${printout}: ${apart === null ? 'no alert' : `${apart} days apart, alert`}`, async () => {
      await withDay({ now: at('2026-12-20'), family: mayaFamily({ printoutAlarmDate: printout }) }, async ({ page }) => {
        const section = await openHome(page);
        const f = await facts(section);
        assert.equal(f['Low-reservoir alarm date'], `${alarmText} (from the clinic printout)`);
        assert.equal(f["App's estimate"], 'Wed 6 Jan 2027 (estimate)');
        assert.equal(f['Refill by'], refillBy, 'refill by is counted from the printout date');
        const alerts = section.getByRole('alert');
        if (apart === null) {
          assert.equal(await alerts.count(), 0, `no mismatch alert for ${printout}`);
        } else {
          assert.equal(await alerts.count(), 1, `a mismatch alert for ${printout}`);
          assert.equal(
            squash(await alerts.innerText()),
            `The printout's alarm date (${alarmText}) and the app's estimate (Wed 6 Jan 2027) are ${apart} days apart, ` +
              "more than the pump's accuracy allows (2 days). [A1] A number on the card may be mistyped: check with your clinic.",
          );
        }
        // No "the printout date is not entered" note once it is entered.
        assert.ok(!(await section.innerText()).includes('is not entered'), 'no missing-printout note');
      });
    });
  }
});

// ---------------------------------------------------------------- 3. record a refill

test('recording a refill on 2027-01-02 moves the countdown and keeps the old refill in the history', async () => {
  await withDay({ now: at('2027-01-02'), family: mayaFamily() }, async ({ page }) => {
    let section = await openHome(page);
    assertStatusWord(await childStatus(section), 'Due', 'before the refill');
    const before = await storedText(page);

    // Cancel first: nothing changes.
    await button(section, 'Record a refill').tap();
    let refillForm = form(page, 'Record a refill for Maya');
    await refillForm.waitFor({ state: 'visible' });
    await field(refillForm, 'Volume filled in mL (required)').fill('19');
    await button(refillForm, 'Cancel').tap();
    await screenStatus(page).filter({ hasText: 'Refill not recorded.' }).waitFor({ state: 'visible' });
    section = childSection(page, 'Maya');
    assert.equal((await facts(section))['Refill by'], 'Sun 3 Jan 2027 (tomorrow)', 'Cancel leaves the countdown');
    assert.equal(await storedText(page), before, 'Cancel saves nothing');

    // Now for real.
    await button(section, 'Record a refill').tap();
    refillForm = form(page, 'Record a refill for Maya');
    await refillForm.waitFor({ state: 'visible' });
    assert.equal(await field(refillForm, 'Refill date (required)').inputValue(), '2027-01-02', 'refill date prefilled with today');
    assert.equal(await field(refillForm, 'Refill date (required)').getAttribute('type'), 'date');
    for (const label of [
      'Volume filled in mL (required)',
      'New low-reservoir alarm date (printout)',
      'New concentration in mcg/mL',
      'New daily dose in mcg/day',
    ]) {
      assert.equal(await field(refillForm, label).count(), 1, `refill form has "${label}"`);
    }
    await field(refillForm, 'Volume filled in mL (required)').fill('20');
    await button(refillForm, 'Save').tap();
    await screenStatus(page).filter({ hasText: 'Refill recorded for Maya.' }).waitFor({ state: 'visible' });
    // The status line (a live region) also says the countdown's new status.
    assert.equal(squash(await screenStatus(page).innerText()), "Refill recorded for Maya. Estimate: confirm The dates are the app's estimate from the card, to confirm with the pump clinic. First enter the low-reservoir alarm date from the clinic printout.");

    // 18 mL x 500 / 250 = 36 days after 2027-01-02: alarm 2027-02-07, refill by 2027-02-04.
    const expectAfter = async (context) => {
      const s = childSection(page, 'Maya');
      await s.waitFor({ state: 'visible' });
      assertStatusWord(await childStatus(s), 'Estimate: confirm', context);
      const f = await facts(s);
      assert.equal(f['Refill by'], 'Thu 4 Feb 2027 (in 33 days)', `${context}: Refill by`);
      assert.equal(f['Low-reservoir alarm date'], `Sun 7 Feb 2027 ${ESTIMATE_TAG}`, `${context}: alarm date`);
      assert.equal(f['Last refill'], 'Sat 2 Jan 2027, 20 mL filled', `${context}: Last refill`);
      const history = s.getByText('Earlier refills (1)', { exact: true });
      await history.waitFor({ state: 'visible' });
      await history.tap();
      const items = (await s.getByRole('listitem').allInnerTexts()).map(squash);
      assert.ok(items.includes('Tue 1 Dec 2026: 20 mL'), `${context}: history lists the previous refill, its date as every other date (${JSON.stringify(items)})`);
    };
    await expectAfter('after Save');

    const pump = (await stored(page)).family.children[0].pump;
    assert.deepEqual(pump.last_refill, { date: '2027-01-02', volume_ml: '20' });
    assert.equal(pump.refill_history.length, 1);
    assert.deepEqual(pump.refill_history[0].refill, { date: '2026-12-01', volume_ml: '20' });

    await page.reload({ waitUntil: 'load' });
    await expectScreen(page, HOME);
    await expectAfter('after reload');
  });
});

// ---------------------------------------------------------------- 4. web notification

test('a due reminder is shown once as a service-worker notification and in the in-app banner', async () => {
  await withDay({ now: at('2026-12-20'), family: mayaFamily(), notifications: true }, async ({ page }) => {
    await openHome(page);

    const banner = remindersBanner(page);
    await banner.waitFor({ state: 'visible' });
    const items = (await banner.getByRole('listitem').allInnerTexts()).map(squash);
    assert.deepEqual(items, [`${REFILL_14_SUMMARY} ${REFILL_14_BODY}`], 'the banner lists the 14-day reminder');
    assert.equal(await button(banner, 'Dismiss reminders').count(), 1);

    // The notification went through the service worker registration.
    const shown = await waitUntil(async () => {
      const n = await swNotifications(page);
      return n && n.length ? n : null;
    });
    assert.deepEqual(shown, [{ title: REFILL_14_SUMMARY, body: REFILL_14_BODY, tag: REFILL_14_KEY }], 'getNotifications()');
    assert.deepEqual(
      await page.evaluate(() => window.__itbShown),
      [{ title: REFILL_14_SUMMARY, body: REFILL_14_BODY, tag: REFILL_14_KEY }],
      'showNotification was called once',
    );
    const scriptUrl = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
    assert.equal(scriptUrl, url('/sw.js'), 'the service worker is /sw.js');

    // Recorded as delivered.
    const delivered = await waitUntil(async () => {
      const d = (await stored(page))?.family?.settings?.delivered_reminders ?? [];
      return d.some((k) => k.includes('refill-by')) ? d : null;
    });
    assert.deepEqual(delivered, [REFILL_14_KEY], 'delivered_reminders holds the refill-by key');

    // Dismiss hides the banner.
    await button(banner, 'Dismiss reminders').tap();
    await banner.waitFor({ state: 'detached' });

    // Reload: not delivered again, not listed again.
    await page.reload({ waitUntil: 'load' });
    await expectScreen(page, HOME);
    await childSection(page, 'Maya').waitFor({ state: 'visible' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Give the on-open delivery time to run (it would call showNotification within ~1 s).
    await page.waitForTimeout(2500);
    assert.deepEqual(await page.evaluate(() => window.__itbShown), [], 'no notification shown again after reload');
    const again = (await swNotifications(page)).filter((n) => n.tag === REFILL_14_KEY);
    assert.equal(again.length, 1, 'one notification with the tag, not two');
    assert.equal(await remindersBanner(page).count(), 0, 'the delivered reminder is not in the banner again');
    assert.deepEqual((await stored(page)).family.settings.delivered_reminders, [REFILL_14_KEY]);

    // Becoming visible again checks once more and still shows nothing new.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(1000);
    assert.deepEqual(await page.evaluate(() => window.__itbShown), [], 'no repeat on visibilitychange');
  });
});

test('on a phone set to US English every date is month first: Home, the reminder and the emergency card', async () => {
  // Issue 15.8: one date format everywhere, from the device's locale (navigator.language).
  const options = { locale: 'en-US' };
  await withDay({ now: at('2026-12-20'), family: mayaFamily(), notifications: true, options }, async ({ page }) => {
    assert.equal(await page.evaluate(() => navigator.language), 'en-US');
    const section = await openHome(page);
    const home = await facts(section);
    assert.equal(home['Refill by'], 'Sun, Jan 3, 2027 (in 14 days)');
    assert.equal(home['Last refill'], 'Tue, Dec 1, 2026, 20 mL filled');
    const body = 'Refill by Sun, Jan 3, 2027. Book or confirm the refill with the pump clinic.';
    const banner = remindersBanner(page);
    await banner.waitFor({ state: 'visible' });
    assert.deepEqual((await banner.getByRole('listitem').allInnerTexts()).map(squash), [`${REFILL_14_SUMMARY} ${body}`]);
    const shown = await waitUntil(async () => {
      const n = await swNotifications(page);
      return n && n.length ? n : null;
    });
    assert.deepEqual(shown, [{ title: REFILL_14_SUMMARY, body, tag: REFILL_14_KEY }], 'the notification says the same');
    await screenshot(page, 'home-en-us-dates');

    await page.goto(url('/emergency'));
    const card = page.locator('[data-ems-content="app"]');
    await card.waitFor({ state: 'visible' });
    const pump = card.getByRole('region', { name: 'Intrathecal baclofen pump', exact: true });
    const terms = (await pump.getByRole('term').allInnerTexts()).map(squash);
    const defs = (await pump.getByRole('definition').allInnerTexts()).map(squash);
    const alarm = defs[terms.indexOf('Low-reservoir alarm date')];
    assert.ok(alarm.startsWith('Wed, Jan 6, 2027 (estimate)'), `the EMS card's alarm date: ${alarm}`);
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(squash(await card.innerText())), 'no ISO date on the card');
  });
});

test('a reminder missed while the app was closed is delivered on the next open (once per event)', async () => {
  // The 14-day (2026-12-20) and 7-day (2026-12-27) reminders were both missed; open on 2026-12-28.
  await withDay({ now: at('2026-12-28'), family: mayaFamily(), notifications: true }, async ({ page }) => {
    await openHome(page);
    const banner = remindersBanner(page);
    await banner.waitFor({ state: 'visible' });
    const items = (await banner.getByRole('listitem').allInnerTexts()).map(squash);
    assert.equal(items.length, 1, `one reminder for the one event (${JSON.stringify(items)})`);
    assert.ok(items[0].startsWith('Maya: pump refill due'), items[0]);
    const shown = await waitUntil(async () => ((await page.evaluate(() => window.__itbShown)).length ? page.evaluate(() => window.__itbShown) : null));
    assert.equal(shown.length, 1, 'one notification for the missed reminders');
    const delivered = await waitUntil(async () => {
      const d = (await stored(page))?.family?.settings?.delivered_reminders ?? [];
      return d.length ? d : null;
    });
    assert.deepEqual([...delivered].sort(), ['1:refill-by:2027-01-03:14', '1:refill-by:2027-01-03:7'], 'both missed keys marked delivered');
  });
});

/**
 * A reminder caught up late must not claim the wrong time ("due tomorrow" two days after the
 * refill-by date, "alarm date today" six days after it): caught-up reminders are worded from
 * today's date.
 */
test(
  'a caught-up reminder tells the real time left (refill-by 2027-01-03, alarm 2027-01-06)',
  async () => {
    const REFILL_BY = Date.UTC(2027, 0, 3);
    const ALARM = Date.UTC(2027, 0, 6);
    const wrong = [];
    // One test (no subtests), so the known failure stays a single TODO and fails no run.
    for (const day of ['2026-12-28', '2027-01-05', '2027-01-12']) {
      await withDay({ now: at(day), family: mayaFamily(), notifications: true }, async ({ page }) => {
        await openHome(page);
        const banner = remindersBanner(page);
        await banner.waitFor({ state: 'visible' });
        const [y, m, d] = day.split('-').map(Number);
        const today = Date.UTC(y, m - 1, d);
        const toRefillBy = Math.round((REFILL_BY - today) / 86_400_000);
        for (const item of (await banner.getByRole('listitem').allInnerTexts()).map(squash)) {
          const inDays = item.match(/refill due in (\d+) days/);
          if (inDays && Number(inDays[1]) !== toRefillBy) wrong.push(`${day}: "${item}" (refill-by is ${toRefillBy} days away)`);
          if (/refill due tomorrow/.test(item) && toRefillBy !== 1) wrong.push(`${day}: "${item}" (refill-by is ${toRefillBy} days away)`);
          if (/alarm date today/.test(item) && today !== ALARM) wrong.push(`${day}: "${item}" (the alarm date was 2027-01-06)`);
        }
      });
    }
    assert.deepEqual(wrong, [], 'reminders that state the wrong time');
  },
);

test(
  'the reminder notification has an icon that the server has',
  async () => {
    await withDay({ now: at('2026-12-20'), family: mayaFamily(), notifications: true }, async ({ page, context }) => {
      await openHome(page);
      // Up to 20 s: the notification waits for the service worker, which first precaches the
      // whole build (11 s once under a full `make test` on this 2-core machine).
      const icons = await waitUntil(
        () =>
          page.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            const list = reg ? await reg.getNotifications() : [];
            return list.length ? list.map((n) => n.icon) : null;
          }),
        { timeout: 20_000 },
      );
      assert.ok(icons?.length, 'a notification was shown');
      for (const icon of icons) {
        assert.ok(icon, 'the notification names an icon');
        const response = await context.request.get(icon);
        assert.equal(response.status(), 200, `GET ${icon}`);
        assert.match(response.headers()['content-type'] || '', /^image\//, `${icon} is an image`);
      }
    });
  },
);

// ---------------------------------------------------------------- 5. permission flow

test('Settings asks for notification permission only when "Turn on reminders" is tapped', async () => {
  await withDay({ now: at('2026-12-20'), family: mayaFamily() }, async ({ page, context }) => {
    await open(page, SETTINGS);
    const reminders = page.getByRole('main').getByRole('region', { name: 'Reminders', exact: true });
    const turnOn = button(reminders, 'Turn on reminders');
    await turnOn.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => Notification.permission), 'default', 'permission not asked on load');
    assert.equal(await page.evaluate(() => window.__itbPermissionRequests), 0, 'requestPermission not called before the tap');
    assert.equal(await page.evaluate(() => window.__itbShown.length), 0, 'no notification without permission');
    assert.equal(await reminders.getByText('Reminders are on', { exact: false }).count(), 0);
    // Without permission the reminder is not marked delivered (it is retried later).
    assert.deepEqual((await stored(page)).family.settings?.delivered_reminders ?? [], []);

    await context.grantPermissions(['notifications'], { origin: url('') });
    await turnOn.tap();
    await reminders.getByText('Reminders are on', { exact: false }).waitFor({ state: 'visible' });
    assert.equal(await turnOn.count(), 0, 'the button is gone once reminders are on');
    assert.equal(await page.evaluate(() => window.__itbPermissionRequests), 1, 'requestPermission called once, by the tap');

    // Turning reminders on delivers the reminder that is due today.
    const shown = await waitUntil(async () => {
      const n = await page.evaluate(() => window.__itbShown);
      return n.length ? n : null;
    });
    assert.deepEqual(shown, [{ title: REFILL_14_SUMMARY, body: REFILL_14_BODY, tag: REFILL_14_KEY }]);
  });
});

// ---------------------------------------------------------------- 6. calendar

test('"Add to calendar (.ics)" downloads an iCalendar file with the refill-by date', async () => {
  await withDay({ now: at('2026-12-20'), family: mayaFamily() }, async ({ page }) => {
    await open(page, SETTINGS);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button(page.getByRole('main'), 'Add to calendar (.ics)').tap(),
    ]);
    assert.equal(download.suggestedFilename(), 'itb-reminders.ics');
    const text = await readFile(await download.path(), 'utf8');
    await screenStatus(page).filter({ hasText: 'Downloaded itb-reminders.ics.' }).waitFor({ state: 'visible' });

    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), `starts with BEGIN:VCALENDAR: ${JSON.stringify(text.slice(0, 40))}`);
    assert.ok(text.trimEnd().endsWith('END:VCALENDAR'), 'ends with END:VCALENDAR');
    const lines = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');

    // Events by UID.
    const events = [];
    let current = null;
    for (const line of lines) {
      if (line === 'BEGIN:VEVENT') current = [];
      else if (line === 'END:VEVENT') events.push(current), (current = null);
      else if (current) current.push(line);
    }
    const byUid = Object.fromEntries(events.map((e) => [e.find((l) => l.startsWith('UID:')), e]));
    const refill = byUid['UID:child-1-refill-by@itb-companion.app'];
    assert.ok(refill, `a refill-by event (UIDs: ${Object.keys(byUid).join(', ')})`);
    assert.ok(refill.includes('DTSTART;VALUE=DATE:20270103'), 'refill-by on 2027-01-03');
    assert.ok(refill.includes('DTEND;VALUE=DATE:20270104'), 'all-day event ends the next day');
    assert.ok(refill.includes('SUMMARY:Maya: pump refill by today'), 'refill-by summary');
    assert.deepEqual(
      refill.filter((l) => l.startsWith('TRIGGER:')),
      ['TRIGGER:-P13DT15H', 'TRIGGER:-P6DT15H', 'TRIGGER:-P2DT15H', 'TRIGGER:-P0DT15H'],
      'alarms at 09:00 14, 7, 3 and 1 days before',
    );
    const alarm = byUid['UID:child-1-alarm@itb-companion.app'];
    assert.ok(alarm?.includes('DTSTART;VALUE=DATE:20270106'), 'alarm-date event on 2027-01-06');
    const replacement = byUid['UID:child-1-replacement@itb-companion.app'];
    assert.ok(replacement?.includes('DTSTART;VALUE=DATE:20280914'), 'replacement deadline 2028-09-14');
  });
});

// ---------------------------------------------------------------- 7. settings validation

test('Settings: a lead time that is not a number saves nothing; a valid one is saved', async () => {
  await withDay({ now: at('2026-12-20'), family: mayaFamily() }, async ({ page }) => {
    await open(page, SETTINGS);
    const main = page.getByRole('main');
    const days = field(main, 'Days before the refill-by date');
    assert.equal(await days.inputValue(), '14, 7, 3, 1', 'default lead times');
    assert.equal(await field(main, 'Days before the pump replacement deadline').inputValue(), '180, 90, 30');
    assert.equal(await field(main, 'Show "Book the refill" from this many days before the refill-by date').inputValue(), '14');
    assert.equal(await field(main, 'Emergency number to call').inputValue(), '911');
    assert.equal(await field(main, 'Remind on the low-reservoir alarm date').isChecked(), true);

    const before = await storedText(page);
    await days.fill('seven');
    await button(main, 'Save settings').tap();
    await screenStatus(page).filter({ hasText: 'Nothing was saved' }).waitFor({ state: 'visible' });
    assert.equal(squash(await screenStatus(page).innerText()), 'Nothing was saved: check the fields marked below.');
    assert.ok(
      (await fieldMessage(main, 'Days before the refill-by date')).includes('"seven" is not a whole number of days.'),
      'the field says what is wrong',
    );
    assert.equal(await storedText(page), before, 'localStorage unchanged');

    // A valid change is saved and changes Home's status threshold.
    await days.fill('7, 3');
    await field(main, 'Show "Book the refill" from this many days before the refill-by date').fill('10');
    await button(main, 'Save settings').tap();
    await screenStatus(page).filter({ hasText: 'Settings saved.' }).waitFor({ state: 'visible' });
    assert.ok(!(await fieldMessage(main, 'Days before the refill-by date')).includes('not a whole number'), 'error cleared');
    const reminders = (await stored(page)).family.settings.reminders;
    assert.deepEqual(reminders.refill_days_before, [7, 3]);
    assert.equal(reminders.book_refill_days, 10);

    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
    await expectScreen(page, HOME);
    // 14 days before the refill-by date, with "Book the refill" from 10 days: still OK.
    assertStatusWord(await childStatus(childSection(page, 'Maya')), 'Estimate: confirm', 'book_refill_days 10 on 2026-12-20');
  });
});

test('the refill loop: "I booked it" with a late day is flagged in red; a day in time stops the nagging, reminds the day before and asks after', async () => {
  // Issue 16.3. Refill-by 2027-01-03, alarm 2027-01-06 (mayaFamily). Today 2026-12-20: book now.
  await withDay({ now: at('2026-12-20'), family: mayaFamily(), notifications: true }, async ({ page, context }) => {
    let section = await openHome(page);
    assertStatusWord(await childStatus(section), 'Book the refill', '2026-12-20');
    // The reminder offers it too.
    const banner = remindersBanner(page);
    await banner.waitFor({ state: 'visible' });
    assert.equal(await banner.getByRole('link', { name: 'I booked it', exact: true }).count(), 1);

    const book = async (day) => {
      const form = section.getByRole('form', { name: 'Booked the refill visit', exact: true });
      await field(form, 'Booked the refill visit? Its day:').fill(day);
      await button(form, 'I booked it').tap();
    };
    // A day after the refill-by date: said at once, in red, with the clinic's number.
    await book('2027-01-05');
    await screenStatus(page).filter({ hasText: 'after the refill-by date: call the pump clinic' }).waitFor();
    const late = section.getByRole('alert').filter({ hasText: 'is after the refill-by date' });
    await late.waitFor({ state: 'visible' });
    assert.equal(await late.getByRole('link', { name: '555 010 2000' }).getAttribute('href'), 'tel:555 010 2000');
    const red = await late.evaluate((el) => getComputedStyle(el).color);
    assert.ok(contrast(red, await late.evaluate((el) => getComputedStyle(el).backgroundColor)) >= 4.5, 'the red text is readable');
    assertStatusWord(await childStatus(section), 'Book the refill', 'a late visit does not silence the countdown');
    await screenshot(page, 'home-visit-late');

    // Moved to 2 Jan, in time: Home says so instead of nagging.
    await book('2027-01-02');
    await screenStatus(page).filter({ hasText: "Maya's refill visit booked for Sat 2 Jan 2027." }).waitFor();
    assertStatusWord(await childStatus(section), 'Visit booked', 'booked in time');
    assert.equal((await facts(section))['Refill visit'], 'Booked for Sat 2 Jan 2027');
    assert.equal(await section.getByRole('alert').filter({ hasText: 'is after the refill-by date' }).count(), 0);
    assert.equal(await section.getByRole('form', { name: 'Booked the refill visit' }).count(), 0, 'no more asking');
    await screenshot(page, 'home-visit-booked');

    // The day before the visit: a reminder.
    await context.clock.setSystemTime(at('2027-01-01'));
    await page.reload({ waitUntil: 'load' });
    section = childSection(page, 'Maya');
    await section.waitFor({ state: 'visible' });
    await remindersBanner(page).getByText('Maya: pump refill visit tomorrow').waitFor();

    // The day after, no refill recorded: "Was the pump refilled?" leads to recording it.
    await context.clock.setSystemTime(at('2027-01-03'));
    await page.reload({ waitUntil: 'load' });
    section = childSection(page, 'Maya');
    await section.waitFor({ state: 'visible' });
    await section.getByText('Was the pump refilled?').waitFor();
    assertStatusWord(await childStatus(section), 'Due', 'the visit passed without a recorded refill');
    await screenshot(page, 'home-visit-check');
    await button(section, 'Yes, record the refill').tap();
    await form(page, 'Record a refill for Maya').waitFor({ state: 'visible' });
  });
});

test('after a refill moves the dates, Home offers "Update your calendar" until the calendar is added again', async () => {
  // Issue 16.4: the family added the dates to the calendar; a refill recorded later moves
  // every date; Home says so and one tap hands over the new file (same UIDs: events move).
  await withDay({ now: at('2027-01-02'), family: mayaFamily() }, async ({ page }) => {
    await open(page, SETTINGS);
    const [first] = await Promise.all([
      page.waitForEvent('download'),
      button(page.getByRole('main'), 'Add to calendar (.ics)').tap(),
    ]);
    const before = await readFile(await first.path(), 'utf8');
    let section = await openHome(page);
    assert.equal(await page.getByRole('button', { name: 'Update your calendar' }).count(), 0, 'nothing moved yet');

    await button(section, 'Record a refill').tap();
    const refillForm = form(page, 'Record a refill for Maya');
    await refillForm.waitFor({ state: 'visible' });
    await field(refillForm, 'Volume filled in mL (required)').fill('20');
    await button(refillForm, 'Save').tap();
    const update = page.getByRole('button', { name: 'Update your calendar', exact: true });
    await update.waitFor({ state: 'visible' });
    await screenshot(page, 'home-update-calendar');
    const [second] = await Promise.all([page.waitForEvent('download'), update.tap()]);
    assert.equal(second.suggestedFilename(), 'itb-reminders.ics');
    const after = await readFile(await second.path(), 'utf8');
    const uids = (ics) => ics.split('\r\n').filter((l) => l.startsWith('UID:')).sort();
    const refillBy = (ics) => ics.split('BEGIN:VEVENT').find((e) => e.includes('refill-by@'))?.match(/DTSTART;VALUE=DATE:(\d+)/)?.[1];
    assert.deepEqual(uids(after), uids(before), 'the same events, moved');
    assert.equal(refillBy(before), '20270103');
    assert.equal(refillBy(after), '20270204', 'refill by 4 Feb after the 2 Jan refill');
    await update.waitFor({ state: 'detached' });
  });
});

test('Home draws the reservoir from the refill to empty, with the same in words, at OK, book-now, booked and overdue, light and dark', async () => {
  // Issue 16.5. Refilled 1 Dec, empty 10 Jan (40 days); window 1-3 Jan; alarm 6 Jan.
  const booked = mayaFamily();
  booked.family.children[0].pump.next_refill_appointment = '2027-01-02';
  const states = [
    ['ok', '2026-12-10', mayaFamily(), 'today is day 9 of 40'],
    ['book', '2026-12-22', mayaFamily(), 'today is day 21 of 40'],
    ['booked', '2026-12-22', booked, 'Refill visit Sat 2 Jan 2027'],
    ['overdue', '2027-01-08', mayaFamily(), 'today is day 38 of 40'],
  ];
  for (const scheme of ['light', 'dark']) {
    for (const [name, day, family, says] of states) {
      await withDay({ now: at(day), family, options: { colorScheme: scheme } }, async ({ page }) => {
        const section = await openHome(page);
        const gauge = section.getByRole('img', { name: /^Reservoir from the last refill/ });
        await gauge.waitFor({ state: 'visible' });
        const words = await gauge.getAttribute('aria-label');
        assert.ok(words.includes('Reservoir from the last refill (Tue 1 Dec 2026) to empty (Sun 10 Jan 2027)'), words);
        assert.ok(words.includes(says), `${name}: ${words}`);
        assert.ok(words.includes('Refill window Fri 1 Jan 2027 to Sun 3 Jan 2027. Alarm date Wed 6 Jan 2027.'), words);
        // Today's mark sits where the words say.
        const [track, mark] = await Promise.all([
          gauge.locator('.gauge-track').boundingBox(),
          gauge.locator('.gauge-today').boundingBox(),
        ]);
        const dayOf = Number(words.match(/day (\d+) of 40/)[1]);
        const expected = track.x + (track.width * Math.min(dayOf, 40)) / 40;
        assert.ok(Math.abs(mark.x + mark.width / 2 - expected) < 6, `${name}: today's mark at ${mark.x}, expected about ${expected}`);
        await gauge.scrollIntoViewIfNeeded();
        await screenshot(page, `home-gauge-${name}-${scheme}`);
      });
    }
  }
});
