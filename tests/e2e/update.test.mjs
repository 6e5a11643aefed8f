// A new version of the web app: the service worker installs it in the background, the app
// offers "Reload to update", and tapping it reloads into the new version with the half-typed
// form still there. Served from a copy of the release build (so this test can "deploy" a new
// build by changing the copy's sw.js) by scripts/serve.py on a free 127.0.0.1 port.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { h1, screenshot, seedFamily, serveCopy, waitForServiceWorker, withPage } from './helpers.mjs';


/** "Deploys" a new build: a service worker with a new cache version (as build-web.sh writes). */
async function deployNewVersion(root) {
  const file = path.join(root, 'sw.js');
  const sw = await readFile(file, 'utf8');
  const m = sw.match(/VERSION\s*=\s*"([0-9a-f]{16})"/);
  assert.ok(m, 'the built sw.js has a version written by build-web.sh');
  const next = `${m[1]}-next`;
  await writeFile(file, sw.replace(m[0], m[0].replace(m[1], next)));
  return { old: m[1], next };
}

test('a new build shows "Reload to update", and updating keeps the half-typed form', async () => {
  const served = await serveCopy();
  try {
    await withPage(async ({ page, context }) => {
      await seedFamily(context);
      await page.goto(`${served.base}/card`);
      await h1(page, 'Device card').waitFor();
      await waitForServiceWorker(page);
      const update = page.getByRole('button', { name: 'Reload to update', exact: true });
      // Nothing to offer on the first install.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await page.waitForTimeout(500);
      assert.equal(await update.count(), 0, 'no update prompt without a new build');

      // Start editing, then a new build is deployed.
      await page.getByRole('button', { name: 'Edit child details', exact: true }).tap();
      const form = page.getByRole('form', { name: "Edit Maya Rivera's details", exact: true });
      const diagnoses = form.getByLabel('Diagnoses', { exact: true });
      await diagnoses.fill('Typed before the update, not saved');
      const { old, next } = await deployNewVersion(served.root);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

      await update.waitFor({ state: 'visible', timeout: 30_000 });
      const banner = page.getByRole('status').filter({ has: update });
      assert.match(await banner.innerText(), /new version of ITB Companion is ready/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'update-offered');
      // The new version waits; the old one stays in charge (and its cache stays) until the user asks.
      const state = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        // The app's own versions (the reminders kept for the worker are another cache).
        const keys = (await caches.keys()).filter((k) => k.startsWith('itb-companion-')).sort();
        return { waiting: !!reg.waiting, keys };
      });
      assert.equal(state.waiting, true, 'the new worker waits');
      assert.deepEqual(state.keys, [`itb-companion-${old}`, `itb-companion-${next}`]);

      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), update.tap()]);
      await h1(page, 'Device card').waitFor();
      const formAfter = page.getByRole('form', { name: "Edit Maya Rivera's details", exact: true });
      await formAfter.waitFor({ state: 'visible' });
      assert.equal(
        await formAfter.getByLabel('Diagnoses', { exact: true }).inputValue(),
        'Typed before the update, not saved',
        'the unsaved input came back after the reload',
      );
      // The new version is in charge, the old cache is gone, and there is nothing left to offer.
      await page.waitForFunction((v) => caches.keys().then((all) => { const k = all.filter((c) => c.startsWith('itb-companion-')); return k.length === 1 && k[0] === `itb-companion-${v}`; }), next, {
        timeout: 30_000,
      });
      assert.equal(await update.count(), 0, 'the prompt is gone after updating');
      // The input is kept once: it is still unsaved (Cancel discards it as usual).
      assert.equal(
        await page.evaluate(() => localStorage.getItem('itb-companion/draft.json') || ''),
        '',
        'the kept draft is used once',
      );
    });
  } finally {
    await served.stop();
  }
});

test('updating also keeps unsaved text in the plan editor and in Settings (and moving between screens keeps it)', async () => {
  const served = await serveCopy();
  try {
    await withPage(async ({ page, context }) => {
      await seedFamily(context);
      await page.goto(`${served.base}/plan`);
      await h1(page, 'Emergency plan').waitFor();
      await waitForServiceWorker(page);

      // Half-typed plan, then half-typed Settings (reached through the navigation).
      const main = page.getByRole('main');
      const editPlan = main.getByRole('button', { name: /^(Enter|Edit) the clinic's plan$/ });
      await editPlan.tap();
      // The plan is a list of steps (issue 15.3); a plan pasted into the first box is split
      // into steps when saved.
      const plan = main.getByLabel('Step 1', { exact: true });
      await plan.fill('Call the pump clinic\nGive the rescue medicine');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).tap();
      await h1(page, 'Settings').waitFor();
      const days = main.getByLabel('Days before the refill-by date', { exact: true });
      await days.fill('21, 7');
      // Moving between screens keeps both.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency plan', exact: true }).tap();
      assert.equal(await plan.inputValue(), 'Call the pump clinic\nGive the rescue medicine');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).tap();
      assert.equal(await days.inputValue(), '21, 7');

      await deployNewVersion(served.root);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const update = page.getByRole('button', { name: 'Reload to update', exact: true });
      await update.waitFor({ state: 'visible', timeout: 30_000 });
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), update.tap()]);

      await h1(page, 'Settings').waitFor();
      assert.equal(await days.inputValue(), '21, 7', 'the Settings text came back');
      await page.getByRole('status').getByText('Your unsaved changes from before are still here', { exact: false }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency plan', exact: true }).tap();
      assert.equal(await plan.inputValue(), 'Call the pump clinic\nGive the rescue medicine', 'the plan text came back');

      // Saving or cancelling ends "unsaved": nothing is kept afterwards.
      await main.getByRole('button', { name: 'Save', exact: true }).tap();
      await main.getByText("Maya Rivera's plan saved.", { exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).tap();
      await main.getByRole('button', { name: 'Save settings', exact: true }).tap();
      await main.getByText('Settings saved.', { exact: true }).waitFor();
      assert.equal(await page.evaluate(() => window.__itbDirty), false, 'nothing unsaved is left');
      const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('itb-companion/family.json')));
      assert.deepEqual(saved.family.settings.reminders.refill_days_before, [21, 7]);
      assert.deepEqual(saved.family.children[0].plan_steps, ['Call the pump clinic', 'Give the rescue medicine']);
      // Editing again shows one step per box, with a box to add the next.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency plan', exact: true }).tap();
      await main.getByRole('button', { name: "Edit the clinic's plan", exact: true }).tap();
      assert.equal(await main.getByLabel('Step 1', { exact: true }).inputValue(), 'Call the pump clinic');
      assert.equal(await main.getByLabel('Step 2', { exact: true }).inputValue(), 'Give the rescue medicine');
      assert.equal(await main.getByLabel('Step 3', { exact: true }).inputValue(), '');
      await main.getByRole('button', { name: 'Add a step', exact: true }).waitFor();
      await screenshot(page, 'plan-editor');
    });
  } finally {
    await served.stop();
  }
});
