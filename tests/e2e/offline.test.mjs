// Offline: after the first visit the service worker has the whole app, so with the network
// gone a reload and every screen still work, and the emergency card shows the saved card.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS, h1, mainNav, seedFamily, url, waitForServiceWorker, withPage } from './helpers.mjs';

test('after one visit, every screen works offline, reload and deep link included', async () => {
  await withPage(async ({ page, context }) => {
    await seedFamily(context);
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    // Wait until the service worker controls the page and its precache is complete.
    await waitForServiceWorker(page).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('itb-companion-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.some((p) => p.endsWith('.wasm')), `the wasm is precached: ${cached}`);

    await context.setOffline(true);
    await page.reload();
    await h1(page, 'Home').waitFor();
    for (const screen of SCREENS.filter((s) => s.nav)) {
      await mainNav(page).getByRole('link', { name: screen.nav, exact: true }).tap();
      await h1(page, screen.title).waitFor();
    }
    await page.goto(url('/emergency'));
    await h1(page, 'Emergency card').waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /INTRATHECAL BACLOFEN PUMP: withdrawal, or overdose/);
    assert.match(text, /500 mcg\/mL/);
    assert.match(text, /Maya Rivera/);
    await context.setOffline(false);
  });
});
