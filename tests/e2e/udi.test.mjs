// Pasting the UDI from the implant card fills the serial number: no typing of the serial.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h1, seedFamily, url, withPage } from './helpers.mjs';

function gtin(body13) {
  const sum = [...body13].reverse().reduce((s, ch, i) => s + Number(ch) * (i % 2 === 0 ? 3 : 1), 0);
  return body13 + ((10 - (sum % 10)) % 10);
}

test('pasting a UDI fills the serial; a HIBCC code is refused with a clear message', async () => {
  await withPage({ timezoneId: 'America/Chicago' }, async ({ page, context }) => {
    await seedFamily(context);
    await page.clock.install({ time: new Date('2026-11-24T10:00:00-06:00') });
    await page.goto(url('/card'));
    await h1(page, 'Device card').waitFor();
    await page.getByRole('button', { name: 'Edit pump and drug' }).tap();
    const serial = page.getByLabel('Serial number', { exact: true });
    assert.equal(await serial.inputValue(), 'NGP123456H');
    const udi = `(01)${gtin('0064316900722')}(17)280600(10)LOT7(21)NGP777000K`;
    await page.getByLabel('UDI from the implant card or box', { exact: true }).fill(udi);
    await page.waitForFunction(() => document.getElementById('f-serial_number')?.value === 'NGP777000K');
    assert.equal(await serial.inputValue(), 'NGP777000K');
    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByText('Maya Rivera\'s card saved.').waitFor();
    assert.match(await page.locator('main').innerText(), /NGP777000K/);
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('itb-companion/family.json')));
    assert.equal(saved.family.children[0].pump.serial_number, 'NGP777000K');
    assert.equal(saved.family.children[0].pump.udi, udi);

    await page.getByRole('button', { name: 'Edit pump and drug' }).tap();
    await page.getByLabel('UDI from the implant card or box', { exact: true }).fill('+H123PUMP1234/$$0L123');
    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByText('not a GS1 code: look it up instead').waitFor();
    const after = JSON.parse(await page.evaluate(() => localStorage.getItem('itb-companion/family.json')));
    assert.equal(after.family.children[0].pump.udi, udi, 'nothing saved from the refused form');
  });
});
