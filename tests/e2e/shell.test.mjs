// App shell: screens, header, bottom navigation, touch targets, deep links, screenshots.
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/
// (scripts/test-all.sh builds, serves and runs these for you.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SCREENS,
  expectScreen,
  h1,
  mainNav,
  open,
  screenshot,
  smallTouchTargets,
  withPage,
} from './helpers.mjs';

const HOME = SCREENS.find((s) => s.key === 'home');
const EMERGENCY = SCREENS.find((s) => s.key === 'emergency');
const SYMPTOMS = SCREENS.find((s) => s.key === 'symptoms');

test('Home opens with its heading and invites adding the first child', async () => {
  await withPage(async ({ page }) => {
    await open(page, HOME);
    await h1(page, 'Home').waitFor({ state: 'visible' });

    const banner = page.getByRole('banner');
    await banner.getByText('No child added yet').first().waitFor({ state: 'visible' });

    const name = 'Add your first child';
    const cta = page
      .getByRole('link', { name, exact: true })
      .or(page.getByRole('button', { name, exact: true }));
    await cta.first().waitFor({ state: 'visible' });
  });
});

test('"Add your first child" goes to the Device card', async () => {
  await withPage(async ({ page }) => {
    await open(page, HOME);
    await page.getByRole('link', { name: 'Add your first child', exact: true }).tap();
    await expectScreen(page, SCREENS.find((s) => s.key === 'card'));
  });
});

test('the bottom navigation reaches every screen and comes back Home', async () => {
  await withPage(async ({ page }) => {
    await open(page, HOME);
    const nav = mainNav(page);
    for (const screen of SCREENS.filter((s) => s.nav && s.key !== 'home')) {
      await nav.getByRole('link', { name: screen.nav, exact: true }).tap();
      await expectScreen(page, screen);
      await nav.getByRole('link', { name: 'Home', exact: true }).tap();
      await expectScreen(page, HOME);
    }
  });
});

test('the bottom navigation has exactly the five main links', async () => {
  await withPage(async ({ page }) => {
    await open(page, HOME);
    const nav = mainNav(page);
    const expected = ['Home', 'Device card', 'Symptom checker', 'Emergency plan', 'Settings'];
    for (const name of expected) {
      assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, `nav "Main" has one link named "${name}"`);
    }
    assert.equal(await nav.getByRole('link').count(), expected.length, 'nav "Main" has no other links');
    const current = nav.locator('[aria-current="page"]');
    assert.equal(await current.count(), 1, 'exactly one nav link is the current page');
  });
});

test('the header "Emergency card" link works from every screen', async () => {
  await withPage(async ({ page }) => {
    // From every other screen: on the card itself the header has no link to it (issue 14.5).
    for (const screen of SCREENS.filter((s) => s.path !== EMERGENCY.path)) {
      await open(page, screen);
      await page.getByRole('banner').getByRole('link', { name: 'Emergency card', exact: true }).tap();
      await expectScreen(page, EMERGENCY);
    }
  });
});

test('every visible link and button is at least 44x44 CSS px on every screen', async () => {
  await withPage(async ({ page }) => {
    const problems = [];
    for (const screen of SCREENS) {
      await open(page, screen);
      for (const p of await smallTouchTargets(page, 44)) problems.push(`${screen.path}: ${p}`);
    }
    assert.deepEqual(problems, [], `touch targets smaller than 44x44:\n${problems.join('\n')}`);
  });
});

test('screenshots of every screen (light) and Home (dark)', async () => {
  await withPage(async ({ page }) => {
    for (const screen of SCREENS) {
      await open(page, screen);
      await screenshot(page, screen.key);
    }
  });
  await withPage({ colorScheme: 'dark' }, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, HOME);
    assert.ok(
      await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
      'dark color scheme is emulated',
    );
    await screenshot(page, 'home-dark');
  });
});

test('a deep link to /symptoms loads and survives a reload', async () => {
  await withPage(async ({ page }) => {
    await open(page, SYMPTOMS);
    const response = await page.reload({ waitUntil: 'load' });
    assert.equal(response?.status(), 200, 'reload of /symptoms returns 200');
    await expectScreen(page, SYMPTOMS);
  });
});
