// Accessibility: axe-core (WCAG 2 A/AA rules) on every screen at phone size, in light and
// dark mode, with a full card saved, must report no violations.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { h1, seedFamily, url, withPage } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const SCREENS = [
  ['/', 'Home'],
  ['/card', 'Device card'],
  ['/symptoms', 'Symptom checker'],
  ['/plan', 'Emergency plan'],
  ['/emergency', 'Emergency card'],
  ['/settings', 'Settings'],
  ['/alarms', 'Pump alarms'],
  ['/print', 'Print'],
];

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { violations: r.violations, passes: r.passes.map((p) => p.id) };
  });
  // axe really ran: it checked many rules on the page.
  assert.ok(result.passes.length > 10, `axe checked only ${result.passes.length} rules`);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

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
          await h1(page, title).waitFor();
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
