// Privacy: a full walk through the app, with a card saved, makes no request that leaves
// 127.0.0.1. (The only network look-ups are the FDA checks a user taps; none is tapped here.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h1, mainNav, seedFamily, url, withPage } from './helpers.mjs';

test('a full walk through the app sends nothing beyond 127.0.0.1', async () => {
  await withPage({ timezoneId: 'America/Chicago' }, async ({ page, context }) => {
    const outside = [];
    let seen = 0;
    context.on('request', (request) => {
      seen++;
      const { protocol, hostname } = new URL(request.url());
      if (['data:', 'blob:'].includes(protocol)) return;
      if (hostname !== '127.0.0.1') outside.push(`${request.method()} ${request.url()}`);
    });
    await seedFamily(context);
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    for (const [nav, title] of [['Device card', 'Device card'], ['Symptom checker', 'Symptom checker'], ['Emergency plan', 'Emergency plan'], ['Settings', 'Settings'], ['Home', 'Home']]) {
      await mainNav(page).getByRole('link', { name: nav, exact: true }).tap();
      await h1(page, title).waitFor();
      if (title === 'Symptom checker') {
        await page.getByRole('button', { name: 'A seizure' }).tap();
        await page.getByRole('link', { name: 'What does the alarm sound mean?' }).tap();
        await h1(page, 'Pump alarms').waitFor();
      }
    }
    await page.getByRole('banner').getByRole('link', { name: 'Emergency card' }).tap();
    await h1(page, 'Emergency card').waitFor();
    await page.getByRole('button', { name: 'Show a QR code of this card' }).tap();
    await page.getByRole('link', { name: 'Print the card' }).tap();
    await h1(page, 'Print').waitFor();
    await page.getByRole('link', { name: 'Emergency Information Form' }).tap();
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
    await page.goto(url('/card'));
    await page.getByRole('button', { name: 'Edit child details' }).tap();
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await page.waitForTimeout(500);
    assert.ok(seen > 3, `requests were recorded (${seen})`);
    assert.deepEqual(outside, [], `requests that left the device:\n${outside.join('\n')}`);
  });
});
