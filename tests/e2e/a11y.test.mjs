// Accessibility: axe-core (WCAG 2 A/AA rules) on every screen at phone size, in light and
// dark mode, with a full card saved, must report no violations.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations as violations, h1, seedFamily, url, withPage } from './helpers.mjs';

const SCREENS = [
  ['/', 'Home'],
  ['/card', 'Device card'],
  ['/symptoms', 'Symptom checker'],
  ['/plan', 'Emergency plan'],
  ['/emergency', 'Emergency card'],
  ['/settings', 'Settings'],
  ['/alarms', 'Pump alarms'],
  ['/print', 'Print'],
  ['/share', null],
  ['/shared', 'A card shared with you'],
];

for (const scheme of ['light', 'dark']) {
  for (const withCard of [false, true]) {
    test(`axe finds no WCAG A/AA violations on any screen (${scheme}, ${withCard ? 'full card' : 'empty'})`, async () => {
      await withPage({ colorScheme: scheme, timezoneId: 'America/Chicago' }, async ({ page, context }) => {
        if (withCard) {
          await seedFamily(context);
          await page.clock.install({ time: new Date('2026-12-01T10:00:00-06:00') });
        }
        const found = [];
        for (const [route, title] of SCREENS) {
          await page.goto(url(route));
          // Sharing (issue 17) names the child whose card it shares.
          await h1(page, title ?? (withCard ? "Share Maya Rivera's card" : 'Share with a caregiver')).waitFor();
          if (route === '/symptoms' && withCard) {
            await page.getByRole('button', { name: 'Any fever' }).tap();
            await page.getByText('CALL THE PUMP CLINIC NOW', { exact: true }).waitFor();
          }
          for (const v of await violations(page)) found.push(`${route}: ${v}`);
        }
        assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
      });
    });
  }
}
