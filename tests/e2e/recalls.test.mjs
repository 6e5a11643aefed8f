// The recall check in the browser: the app's real request to openFDA is routed to a real HTTP
// server on 127.0.0.1 serving the documented shapes (no test setting in the app itself).
// A success lists the recalls with classes; a later failure shows the cached list with its
// date; a failure with nothing cached says "could not check", never "no recalls".

import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { h1, seedFamily, url, withPage } from './helpers.mjs';

const RECALLS = {
  meta: { disclaimer: 'Do not rely on openFDA to make decisions regarding medical care.', results: { skip: 0, limit: 100, total: 2 } },
  results: [
    { product_res_number: 'Z-3043-2011', cfres_id: '102030', event_date_initiated: '2011-07-05', recall_status: 'Terminated', product_code: 'LKK', product_description: 'SynchroMed II', recalling_firm: 'Medtronic Neuromodulation', reason_for_recall: 'Battery: the pump motor may stall' },
    { product_res_number: 'Z-1570-2014', cfres_id: '125000', event_date_initiated: '2014-02-26', recall_status: 'Terminated', product_code: 'LKK', product_description: 'SynchroMed II', recalling_firm: 'Medtronic Neuromodulation', reason_for_recall: 'Over-infusion' },
  ],
};
const ENFORCEMENT = {
  results: [
    { recall_number: 'Z-3043-2011', classification: 'Class I', status: 'Terminated', recall_initiation_date: '20110705' },
    { recall_number: 'Z-1570-2014', classification: 'Class II', status: 'Terminated', recall_initiation_date: '20140226' },
  ],
};

/** A fixture openFDA on 127.0.0.1; `mode.fail` switches it to HTTP 500s. */
async function fixtureServer(mode) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(body));
    };
    if (mode.fail) return send(500, { error: { code: 'SERVER_ERROR', message: 'Check your request and try again' } });
    if (req.url.startsWith('/device/recall.json')) return send(200, RECALLS);
    if (req.url.startsWith('/device/enforcement.json')) return send(200, ENFORCEMENT);
    return send(404, { error: { code: 'NOT_FOUND', message: 'No matches found!' } });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, requests, base: `http://127.0.0.1:${server.address().port}` };
}

async function routeFdaTo(context, base) {
  await context.route('https://api.fda.gov/**', async (route) => {
    const target = new URL(route.request().url());
    const response = await route.fetch({ url: base + target.pathname + target.search });
    await route.fulfill({ response });
  });
}

test('a recall check lists the recalls, then a failed check shows the cached list with its date', async () => {
  const mode = { fail: false };
  const fda = await fixtureServer(mode);
  try {
    await withPage(async ({ page, context }) => {
      await routeFdaTo(context, fda.base);
      await seedFamily(context);
      await page.goto(url('/card'));
      await h1(page, 'Device card').waitFor();
      assert.equal(fda.requests.length, 0, 'no look-up until the user asks');
      await page.getByRole('button', { name: 'Check for recalls' }).tap();
      const panel = page.getByRole('region', { name: 'FDA recalls for this pump model' });
      await panel.getByText(/2 recall record\(s\) for this pump model \(checked/).waitFor();
      const text = await panel.innerText();
      assert.match(text, /Z-1570-2014 · 2014-02-26 · Terminated · Class II/);
      assert.match(text, /Z-3043-2011 · 2011-07-05 · Terminated · Class I\b/);
      assert.ok(fda.requests.some((r) => r.includes('product_code%3ALKK') || r.includes('product_code:LKK')), fda.requests.join('\n'));

      mode.fail = true;
      await page.getByRole('button', { name: 'Check for recalls' }).tap();
      await panel.getByText(/Could not check for recalls: the FDA service had an error \(500\)\. Showing the last successful check, from /).waitFor({ timeout: 30_000 });
      assert.match(await panel.innerText(), /Z-1570-2014/, 'the cached list is still shown');
    });

    await withPage(async ({ page, context }) => {
      await routeFdaTo(context, fda.base);
      await seedFamily(context);
      await page.goto(url('/card'));
      await h1(page, 'Device card').waitFor();
      await page.getByRole('button', { name: 'Check for recalls' }).tap();
      const panel = page.getByRole('region', { name: 'FDA recalls for this pump model' });
      await panel.getByText(/does not mean there are no recalls/).waitFor({ timeout: 30_000 });
      assert.doesNotMatch(await panel.innerText(), /No recalls found/);
    });
  } finally {
    fda.server.close();
  }
});
