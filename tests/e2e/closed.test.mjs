// Reminders with every app page closed (issue 16.1): the installed web app registers a
// periodic background sync; the service worker, woken by it, shows the reminders that are due
// from the list the app keeps for it (computed by core, worded by the app), records them, and
// the app, opened again, does not show them a second time. Where periodic sync is missing, the
// Settings screen says reminders need the app open.
//
// The worker runs on the machine's real clock (Playwright's clock reaches pages only), so the
// card is built around the real date: its 14-day refill reminder fell due yesterday.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS, mayaFamily, open, screenshot, url, withPage } from './helpers.mjs';

const HOME = SCREENS.find((s) => s.key === 'home');
const SETTINGS = SCREENS.find((s) => s.key === 'settings');
const STORAGE_KEY = 'itb-companion/family.json';
const TAG = 'itb-reminders';

const DAY = 24 * 3600 * 1000;
/** The local date `n` days from the real today, as YYYY-MM-DD. */
function day(n) {
  const d = new Date(Date.now() + n * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const noon = (iso) => new Date(`${iso}T12:00:00`);

/** Refilled 20 days ago: the 14-day reminder (19 days after the refill) was due yesterday. */
const family = () => mayaFamily({ lastRefill: day(-20) });
const KEY = `1:refill-by:${day(13)}:14`;

async function grant(cdp, names) {
  const origin = new URL(url('/')).origin;
  for (const name of names) {
    await cdp.send('Browser.setPermission', { permission: { name }, setting: 'granted', origin });
  }
}

/** Notifications the worker's registration holds, seen from an app page. */
function notifications(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });
}

async function settingsChannel(page) {
  await open(page, SETTINGS);
  const line = page.getByRole('main').getByText(/Reminders arrive (even with the app closed|only when the app is open)/);
  await line.waitFor({ state: 'visible' });
  return (await line.innerText()).trim();
}

test('a reminder due while every app page is closed arrives through periodic sync, once', async () => {
  await withPage({ timezoneId: 'UTC' }, async ({ page, context }) => {
    const cdp = await context.newCDPSession(page);
    await grant(cdp, ['notifications', 'periodic-background-sync']);
    const registrations = new Map();
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
      for (const r of list) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    await context.addInitScript(
      ([key, value]) => {
        if (!location.protocol.startsWith('http')) return; // about:blank has no storage
        if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
        window.__itbShown = [];
        if (window.ServiceWorkerRegistration) {
          const show = ServiceWorkerRegistration.prototype.showNotification;
          ServiceWorkerRegistration.prototype.showNotification = function (title, opts) {
            window.__itbShown.push({ title, tag: opts?.tag });
            return show.call(this, title, opts);
          };
        }
      },
      [STORAGE_KEY, JSON.stringify(family())],
    );
    // The app is open the day before the reminder: nothing is due yet.
    await context.clock.install({ time: noon(day(-2)) });
    await open(page, HOME);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // It registered the periodic sync and wrote the list for the worker.
    const tags = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      for (let i = 0; i < 50; i++) {
        const t = await reg.periodicSync.getTags();
        if (t.length) return t;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    });
    assert.deepEqual(tags, [TAG], 'the app registered the periodic sync');
    const planned = await page.evaluate(async () => {
      for (let i = 0; i < 50; i++) {
        const res = await (await caches.open('itb-reminders')).match('/__itb/reminders.json');
        if (res) return res.json();
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    });
    assert.ok(planned?.some((r) => r.key === KEY), `the worker's list holds ${KEY}`);
    assert.deepEqual(await page.evaluate(() => window.__itbShown), [], 'nothing was due while the app was open');
    assert.equal(await settingsChannel(page), 'Reminders arrive even with the app closed.');

    // Every app page closed; the browser wakes the worker.
    const scope = url('/');
    const registrationId = registrations.get(scope);
    assert.ok(registrationId, `a service worker registration for ${scope}`);
    await page.goto('about:blank');
    const origin = new URL(scope).origin;
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin, registrationId, tag: TAG });
    await new Promise((r) => setTimeout(r, 1500));

    // The family opens the app the next day: the notification is there, once, and the app
    // does not show it again.
    await context.clock.setSystemTime(noon(day(0)));
    await open(page, HOME);
    let shown = [];
    for (let i = 0; i < 50 && !shown.length; i++) {
      shown = (await notifications(page)).filter((n) => n.tag === KEY);
      if (!shown.length) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(shown.length, 1, 'the worker showed the reminder');
    assert.equal(shown[0].title, 'Maya: pump refill due in 14 days');
    assert.match(shown[0].body, /^Refill by .+\. Book or confirm the refill with the pump clinic\.$/);
    await page.waitForTimeout(2500);
    assert.deepEqual(await page.evaluate(() => window.__itbShown), [], 'the app did not show it again');
    assert.equal(await page.getByRole('status', { name: 'Reminders', exact: true }).count(), 0, 'not in the banner either');
    const delivered = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).family.settings.delivered_reminders, STORAGE_KEY);
    assert.ok(delivered.includes(KEY), `recorded as delivered: ${JSON.stringify(delivered)}`);
    await screenshot(page, 'closed-app-reminder-home');
  });
});

test('where the browser has no periodic sync, Settings says reminders need the app open', async () => {
  await withPage({}, async ({ page, context }) => {
    await context.grantPermissions(['notifications'], { origin: url('') });
    await context.addInitScript(() => {
      if (window.ServiceWorkerRegistration) delete ServiceWorkerRegistration.prototype.periodicSync;
    });
    assert.equal(
      await settingsChannel(page),
      'Reminders arrive only when the app is open on this browser: add the dates to your calendar too.',
    );
    await screenshot(page, 'settings-no-periodic-sync');
  });
});
