// Announcements: the symptom checker's result band, the save confirmations of the device card
// form and of Settings, the status after recording a refill, and the in-app reminders are in
// ARIA live regions that are already in the page, and in the accessibility tree, before their
// text changes (a live region added together with its content is not announced). Each check
// keeps a handle on the region and a mark set on it before the change, and requires the same,
// still connected element to hold the new text afterwards.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL_FAMILY_JSON, MINIMAL_CHILD_FORM, h1, seedFamily, url, withPage } from './helpers.mjs';

const TIMEZONE = 'America/Chicago';

/** The accessibility-tree node (Chromium, through CDP) of the element behind `handle`. */
async function axNode(page, handle) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const backendNodeId = await backendId(cdp, handle);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { backendNodeId, fetchRelatives: false });
    const node = nodes.find((n) => n.backendDOMNodeId === backendNodeId);
    assert.ok(node, `no accessibility node for the element (${nodes.length} nodes)`);
    return node;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function backendId(cdp, handle) {
  // Put the element where CDP can find it by expression, then describe it.
  await handle.evaluate((el) => { window.__itbProbe = el; });
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__itbProbe' });
  const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
  return node.backendNodeId;
}

function axProp(node, name) {
  return node.properties?.find((p) => p.name === name)?.value?.value;
}

/**
 * Checks `locator` is one element that is a live region (`politeness`), exposed in the
 * accessibility tree (not ignored, so the screen reader tracks it), and marks it. Returns the
 * handle and its text now.
 */
async function liveRegionBefore(page, locator, politeness, what) {
  assert.equal(await locator.count(), 1, `${what}: one live region in the page before the change`);
  const handle = await locator.elementHandle();
  const attrs = await handle.evaluate((el) => ({ live: el.getAttribute('aria-live'), role: el.getAttribute('role') }));
  const implied = { status: 'polite', alert: 'assertive' }[attrs.role];
  assert.equal(attrs.live ?? implied, politeness, `${what}: aria-live (or role) gives "${politeness}" (${JSON.stringify(attrs)})`);
  const node = await axNode(page, handle);
  assert.equal(node.ignored, false, `${what}: the live region is in the accessibility tree before the change (ignored: ${JSON.stringify(node.ignoredReasons?.map((r) => r.name))})`);
  assert.equal(axProp(node, 'live'), politeness, `${what}: Chromium exposes live=${politeness} (${JSON.stringify(node.properties)})`);
  await handle.evaluate((el) => { el.__itbLiveMark = 'before'; });
  return { handle, text: (await handle.evaluate((el) => el.textContent)).trim() };
}

/** The same element, still in the page and still marked, now says `expected`. */
async function sameRegionSays(page, handle, expected, what) {
  await page.waitForFunction(
    ([el, text]) => el.isConnected && el.textContent.includes(text),
    [handle, expected],
    { timeout: 10_000 },
  ).catch(async () => {
    const now = await handle.evaluate((el) => ({ connected: el.isConnected, text: el.textContent }));
    assert.fail(`${what}: the live region that was in the page before should now say "${expected}"; it is ${JSON.stringify(now)}`);
  });
  assert.equal(await handle.evaluate((el) => el.__itbLiveMark), 'before', `${what}: the same element (its mark kept)`);
}

/** The screen's own status line: the role=status paragraph that is a child of main. */
function screenStatus(page) {
  return page.getByRole('main').locator(':scope > [role="status"]');
}

test('the symptom result band is an assertive live region before a symptom is toggled, and its text changes', async () => {
  await withPage({ timezoneId: TIMEZONE }, async ({ page, context }) => {
    await seedFamily(context);
    // Before the fixture's refill-by date (5 Dec): nothing the card knows starts selected.
    await context.clock.install({ time: new Date('2026-11-24T10:00:00-06:00') });
    await page.goto(url('/symptoms'));
    await h1(page, 'Symptom checker').waitFor();
    const band = page.getByRole('region', { name: 'Result' });
    const { handle, text } = await liveRegionBefore(page, band, 'assertive', 'result band');
    assert.ok(text.startsWith('Tap the signs you see'), `band before: ${text}`);

    await page.getByRole('button', { name: 'Any fever' }).tap();
    await sameRegionSays(page, handle, 'CALL THE PUMP CLINIC NOW', 'result band, clinic');
    await page.getByRole('button', { name: 'Hard to wake up' }).tap();
    await sameRegionSays(page, handle, 'CALL 911 NOW', 'result band, emergency');
    // Still assertive for the emergency.
    assert.equal(axProp(await axNode(page, handle), 'live'), 'assertive');
    await page.getByRole('button', { name: 'Hard to wake up' }).tap();
    await page.getByRole('button', { name: 'Any fever' }).tap();
    await sameRegionSays(page, handle, 'Tap the signs you see', 'result band, cleared');
  });
});

test('device card save confirmations and refused saves are announced by a status line that was already there', async () => {
  await withPage({ timezoneId: TIMEZONE }, async ({ page }) => {
    await page.goto(url('/card'));
    await h1(page, 'Device card').waitFor();
    const form = page.getByRole('form', { name: 'Add a child' });
    await form.waitFor();
    const { handle, text } = await liveRegionBefore(page, screenStatus(page), 'polite', 'device card status');
    assert.equal(text, '', 'nothing to announce yet');

    // A refused save is announced through an alert that appears with it (role=alert is
    // announced when inserted), then a good save through the status line.
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByRole('alert').getByText('Nothing was saved.', { exact: false }).waitFor();
    for (const [label, value] of MINIMAL_CHILD_FORM) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await sameRegionSays(page, handle, "Maya's details saved. Now the pump and drug.", 'device card status');
    const pumpForm = page.getByRole('form', { name: 'Pump and drug for Maya' });
    await pumpForm.getByRole('button', { name: 'Cancel', exact: true }).tap();
    await sameRegionSays(page, handle, 'Changes discarded.', 'device card status after cancel');
  });
});

test('recording a refill announces the result and the new countdown status in the Home status line', async () => {
  await withPage({ timezoneId: TIMEZONE }, async ({ page, context }) => {
    await seedFamily(context);
    await page.clock.install({ time: new Date('2026-12-01T10:00:00-06:00') });
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    const section = page.getByRole('main').getByRole('region', { name: 'Maya Rivera', exact: true });
    const pill = section.getByRole('status');
    const before = (await pill.innerText()).replace(/\s+/g, ' ').trim();
    assert.ok(!/^ok /i.test(before), `the status before the refill is not OK: ${before}`);
    const { handle } = await liveRegionBefore(page, screenStatus(page), 'polite', 'home status');

    await section.getByRole('button', { name: 'Record a refill' }).tap();
    const form = page.getByRole('form', { name: 'Record a refill for Maya Rivera' });
    await form.getByLabel('Refill date (required)', { exact: true }).fill('2026-12-01');
    await form.getByLabel('Volume filled in mL (required)', { exact: true }).fill('20');
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await sameRegionSays(page, handle, 'Refill recorded for Maya Rivera.', 'home status');
    // The countdown's new status is part of the announcement (the status pill itself is
    // rebuilt with the countdown, so it would not be announced on its own).
    const after = (await pill.innerText()).replace(/\s+/g, ' ').trim();
    // Only the app's estimate after the refill: "Estimate: confirm", never "OK" (§5).
    assert.ok(/^estimate: confirm /i.test(after), `the status after the refill asks to confirm the estimate: ${after}`);
    const announced = await handle.evaluate((el) => el.textContent.replace(/\s+/g, ' ').trim());
    assert.ok(announced.toLowerCase().includes(after.toLowerCase()), `the status line "${announced}" includes the new status "${after}"`);
  });
});

test('Settings save results are announced by a status line that was already there', async () => {
  await withPage({ timezoneId: TIMEZONE }, async ({ page, context }) => {
    await seedFamily(context);
    await page.goto(url('/settings'));
    await h1(page, 'Settings').waitFor();
    const { handle } = await liveRegionBefore(page, screenStatus(page), 'polite', 'settings status');
    await page.getByLabel('Emergency number to call', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save settings' }).tap();
    await sameRegionSays(page, handle, 'Nothing was saved: check the fields marked below.', 'settings status, refused');
    await page.getByLabel('Emergency number to call', { exact: true }).fill('112');
    await page.getByRole('button', { name: 'Save settings' }).tap();
    await sameRegionSays(page, handle, 'Settings saved.', 'settings status, saved');
  });
});

test('reminders that come due while the app is open are announced in a live region that was already there', async () => {
  await withPage({ timezoneId: TIMEZONE }, async ({ page, context }) => {
    // No visit booked (a visit booked in time replaces the refill-by reminders up to its day).
    const family = JSON.parse(FULL_FAMILY_JSON);
    for (const child of family.family.children) if (child.pump) delete child.pump.next_refill_appointment;
    await seedFamily(context, JSON.stringify(family));
    // The day before the 14-day refill reminder (refill by 2026-12-05): nothing due yet.
    await page.clock.install({ time: new Date('2026-11-20T09:00:00-06:00') });
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    // The reminders banner's live region sits in the frame around every screen, outside main.
    const region = page.locator('.reminders-live');
    const { handle, text } = await liveRegionBefore(page, region, 'polite', 'reminders region');
    assert.equal(text, '', 'no reminder is due on 2026-11-20');
    assert.equal(await page.getByRole('status', { name: 'Reminders', exact: true }).count(), 0);

    // The app checks again every 30 minutes: a day later the 14-day reminder is due.
    await page.clock.fastForward('24:00:00');
    await sameRegionSays(page, handle, 'Maya Rivera: pump refill due in 14 days', 'reminders region');
    const banner = page.getByRole('status', { name: 'Reminders', exact: true });
    assert.equal(await banner.count(), 1);
    assert.ok(await handle.evaluate((el, b) => el.contains(b), await banner.elementHandle()), 'the banner is inside the live region');
  });
});
