// Keyboard only: from the top of the page, Tab reaches the Emergency card button and the
// symptom buttons with a visible focus ring, Space toggles a symptom, and the result band,
// a live region, announces the action.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h1, url, withPage } from './helpers.mjs';

async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      text: (el.innerText || el.getAttribute('aria-label') || '').trim(),
      tag: el.tagName,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

test('keyboard alone reaches the emergency card and a 911 result, with visible focus', async () => {
  await withPage({ hasTouch: false, isMobile: false }, async ({ page }) => {
    await page.goto(url('/symptoms'));
    await h1(page, 'Symptom checker').waitFor();
    const band = page.getByRole('region', { name: 'Result' });
    assert.equal(await band.getAttribute('aria-live'), 'assertive', 'the band is announced');

    // Tab until "Hard to wake up" has focus, checking each stop shows a focus ring.
    let found = false;
    const stops = [];
    for (let i = 0; i < 25 && !found; i++) {
      await page.keyboard.press('Tab');
      const info = await focusedInfo(page);
      stops.push(info.text);
      assert.ok(info.outline, `visible focus on "${info.text}"`);
      found = info.text === 'Hard to wake up';
    }
    assert.ok(found, `Tab reached the symptom; stops: ${stops.join(' | ')}`);
    assert.ok(stops.includes('Emergency card'), 'the Emergency card button is on the Tab path');
    await page.keyboard.press('Space');
    await band.getByText('CALL 911 NOW', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Hard to wake up' }).getAttribute('aria-pressed'), 'true');

    // And back: Shift+Tab to the header's Emergency card link, Enter opens it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Shift+Tab');
      if ((await focusedInfo(page)).text === 'Emergency card') break;
    }
    await page.keyboard.press('Enter');
    await h1(page, 'Emergency card').waitFor();
  });
});
