// Sharing a child's card with a caregiver as a private link (issue 17): the parent makes a link
// and a code, the QR code holds exactly that link, a caregiver in another browser profile opens
// it (a wrong code is refused and nothing is kept), keeps the card, still has it offline; the
// parent changes the dose and shares again, the caregiver sees what changed and replaces the
// copy; a copy past the review period says it may be out of date; and the server never sees the
// link's fragment nor anything of the card.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 share.test.mjs
// The browsers talk to ITB_BASE_URL through a recording proxy started here (every request's
// method, URL, headers and body are logged), so the log is everything any server could see.
// One browser, two contexts (two profiles: separate storage, separate service workers): the
// parent and the caregiver. Phone size, taps, elements found by role and accessible name.
// "Today" is fixed per context: Chicago time zone + the page clock (the app reads the date when
// it starts, so each new day is a new page load).

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import jsQR from 'jsqr';
import { chromium } from 'playwright-core';

import {
  BASE_URL,
  axeViolations,
  CHROMIUM_ARGS,
  PHONE,
  TIMEOUT_MS,
  h1,
  mainNav,
  mayaFamily,
  screenshot,
  smallTouchTargets,
  waitForServiceWorker,
} from './helpers.mjs';

const TIMEZONE = 'America/Chicago';
const STORAGE_KEY = 'itb-companion/family.json';
/** 09:00 in Chicago on `day` (YYYY-MM-DD); Chicago is UTC-6 all winter. */
const at = (day) => new Date(`${day}T09:00:00-06:00`);

const FIRST_DAY = '2026-12-10'; // Thu 10 Dec 2026: the first share
const SECOND_DAY = '2026-12-20'; // Sun 20 Dec 2026: the dose changed, shared again
const TITLE_1 = "Maya's card, shared by Ana, as of Thu 10 Dec 2026";
const TITLE_2 = "Maya's card, shared by Ana, as of Sun 20 Dec 2026";
const OLD_DOSE = '250 mcg/day';
const NEW_DOSE = '300 mcg/day';
/** A code as the share screen shows it: two groups of 5 of Crockford's base 32. */
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** The brief's family (helpers.mayaFamily) with the pump site filled in, as the pump form
 * requires it before it saves a change of dose. */
function family() {
  const f = mayaFamily();
  f.family.children[0].pump.site = { kind: 'abdomen_right' };
  return f;
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

// ---------------------------------------------------------------- the recording proxy

/** Forwards every request to `target` and logs { method, url, headers, body } of each. */
function recordingProxy(target) {
  const upstream = new URL(target);
  const log = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      log.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString('latin1') });
      const forward = http.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        base: `http://127.0.0.1:${server.address().port}`,
        log,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(r);
          }),
      });
    });
  });
}

// ---------------------------------------------------------------- browser, contexts

let browser;
let proxy;
/** Every request either context made: [context name, url]. */
const requests = [];
const errors = [];

async function newProfile(name, { day, family = null }) {
  const context = await browser.newContext({ ...PHONE, timezoneId: TIMEZONE });
  context.setDefaultTimeout(TIMEOUT_MS);
  if (family) {
    await context.addInitScript(
      ([key, value]) => {
        if (location.protocol.startsWith("http") && localStorage.getItem(key) === null) localStorage.setItem(key, value);
      },
      [STORAGE_KEY, JSON.stringify(family)],
    );
  }
  await context.clock.install({ time: at(day) });
  context.on('request', (r) => requests.push([name, r.url()]));
  context.on('page', (page) => {
    page.on('pageerror', (err) => errors.push(`${name}: page error: ${err.message}`));
    page.on('console', (msg) => {
      if (/panicked at|RuntimeError: unreachable/i.test(msg.text())) errors.push(`${name}: panic: ${msg.text()}`);
    });
  });
  return context;
}

/** A new tab of `context` (the old one closed first, as if the link came from a message). */
async function freshPage(context) {
  for (const p of context.pages()) await p.close();
  return context.newPage();
}

const app = (path) => proxy.base + path;

before(async () => {
  proxy = await recordingProxy(BASE_URL);
  browser = await chromium.launch({
    executablePath: process.env.ITB_CHROMIUM || '/usr/bin/chromium',
    headless: process.env.ITB_HEADED !== '1',
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await proxy?.close();
});

// ---------------------------------------------------------------- pieces of the screens

/** On the share screen: make a link as "Ana"; returns { code, link }. */
async function makeLink(page) {
  await h1(page, "Share Maya's card").waitFor();
  const main = page.getByRole('main');
  const name = main.getByLabel('Your name (the caregiver sees who shared the card)', { exact: true });
  if ((await name.inputValue()) !== 'Ana') await name.fill('Ana');
  const make = button(main, 'Make the link');
  await make.tap();
  const made = main.getByRole('region', { name: "The link to Maya's card", exact: true });
  await made.waitFor({ state: 'visible' });
  assert.equal(await make.isDisabled(), false, '"Make the link" is back once the link is made');
  const code = squash(await made.getByLabel('The code', { exact: true }).innerText());
  assert.match(code, CODE_SHAPE, 'the code is 10 letters and digits in two groups');
  const link = await made.getByLabel('The link', { exact: true }).inputValue();
  assert.deepEqual(await axeViolations(page), [], 'the share screen with its link, code and QR code: no WCAG A/AA violation');
  assert.match(link, new RegExp(`^${proxy.base.replace(/[.]/g, '\\.')}/#share=1\\.c\\.[A-Za-z0-9_-]{60,}$`), `a coded link to this app: ${link}`);
  return { code, link, made };
}

/** The QR code's pixels, drawn from its inline SVG into a canvas, decoded by jsQR. */
async function decodeQr(made) {
  const qr = made.getByRole('img', { name: 'QR code of the link to the card', exact: true });
  await qr.waitFor({ state: 'visible' });
  const { width, height, rgba } = await qr.evaluate(async (svg) => {
    const text = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    const modules = svg.viewBox.baseVal.width;
    const scale = Math.max(4, Math.ceil(800 / modules));
    const size = modules * scale;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const g = canvas.getContext('2d');
    g.imageSmoothingEnabled = false;
    g.drawImage(img, 0, 0, size, size);
    const data = g.getImageData(0, 0, size, size).data;
    let bin = '';
    for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: size, height: size, rgba: btoa(bin) };
  });
  const pixels = new Uint8ClampedArray(Buffer.from(rgba, 'base64'));
  assert.equal(pixels.length, width * height * 4);
  const found = jsQR(pixels, width, height);
  assert.ok(found, 'jsQR finds a QR code in the picture');
  return found.data;
}

/** The caregiver opens `link` in a new tab, as from a message: the app takes the link out of
 * the address bar and asks for the code. Returns the page. */
async function openLink(context, link) {
  const page = await freshPage(context);
  await page.goto(link);
  try {
    await h1(page, 'A card shared with you').waitFor({ timeout: 10_000 });
  } catch {
    const h1s = await page.getByRole('heading', { level: 1 }).allInnerTexts();
    assert.fail(`opening the link did not lead to "A card shared with you": the page is ${page.url()}, its h1 ${JSON.stringify(h1s)}`);
  }
  const address = new URL(page.url());
  assert.equal(address.hash, '', `the link's fragment is taken out of the address bar: ${page.url()}`);
  assert.ok(!page.url().includes('share='), page.url());
  assert.equal(address.pathname, '/shared');
  return page;
}

/** The caregiver opens `link` and enters `code`; returns the page on the preview. */
async function openWithCode(context, link, code, title) {
  const page = await openLink(context, link);
  const main = page.getByRole('main');
  await main.getByRole('heading', { name: 'Enter the code', exact: true }).waitFor();
  await main.getByLabel('The code you were given', { exact: true }).fill(code);
  await button(main, 'Open the card').tap();
  await h1(page, title).waitFor();
  return page;
}

/** The facts ({ term: definition }) of a card's section (its dt/dd pairs, whitespace squashed). */
async function cardFacts(section) {
  await section.waitFor({ state: 'visible' });
  const terms = (await section.getByRole('term').allInnerTexts()).map(squash);
  const defs = (await section.getByRole('definition').allInnerTexts()).map(squash);
  assert.equal(terms.length, defs.length, 'every term has a definition');
  return Object.fromEntries(terms.map((t, i) => [t, defs[i]]));
}

/** The daily dose the "Emergency card" section of a shared card's screen shows. */
async function shownDose(page) {
  return (await cardFacts(page.getByRole('main').getByRole('region', { name: 'Emergency card', exact: true })))['Daily dose'];
}

/** Home's "Cards shared with you": the links listed (their names). */
async function sharedOnHome(page) {
  const main = page.getByRole('main');
  const heading = main.getByRole('heading', { name: 'Cards shared with you', exact: true });
  if ((await heading.count()) === 0) return null;
  const list = main.getByRole('region', { name: 'Cards shared with you', exact: true });
  return (await list.getByRole('link').allInnerTexts()).map(squash);
}

/** Opens Home (a page load of "/") and waits for it. */
async function openHome(page) {
  await page.goto(app('/'));
  await h1(page, 'Home').waitFor();
  // Home's sections are drawn with the h1; give the list a frame anyway.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** From Home, the kept copy by its link; returns the copy's age line. */
async function openCopyFromHome(page, title) {
  await page.getByRole('main').getByRole('link', { name: title, exact: true }).tap();
  await h1(page, title).waitFor();
  return ageLine(page);
}

/** A kept copy's age line (its text and role: note, or alert once out of date). */
async function ageLine(page) {
  const line = page.getByRole('main').getByText(/^Shared (today|\d+ days? ago)\./);
  await line.waitFor({ state: 'visible' });
  return { text: squash(await line.innerText()), role: await line.getAttribute('role') };
}

/** The share dates of the copies kept in this profile's storage. */
async function keptShares(page) {
  const text = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  return (JSON.parse(text)?.family?.shared_copies ?? []).map((c) => c.card.shared_on);
}

// ---------------------------------------------------------------- the walk

test('a card shared as a private link: made, scanned, opened with its code, kept, offline, updated, aged; the server sees none of it', async (t) => {
  const parent = await newProfile('parent', { day: FIRST_DAY, family: family() });
  const caregiver = await newProfile('caregiver', { day: FIRST_DAY });
  let first;
  let second;
  let parentPage;
  let page;
  let key;
  let replaced = false;

  await t.test('1. the parent makes a link with a code, as "Ana"', async () => {
    parentPage = await parent.newPage();
    await parentPage.goto(app('/card'));
    await h1(parentPage, 'Device card').waitFor();
    await parentPage.getByRole('main').getByRole('link', { name: 'Share with a caregiver', exact: true }).tap();
    await h1(parentPage, "Share Maya's card").waitFor();
    assert.equal(new URL(parentPage.url()).pathname, '/share');

    const main = parentPage.getByRole('main');
    const box = (label) => main.getByRole('checkbox', { name: label, exact: true });
    const always = box("The emergency card and the clinic's plan (always)");
    assert.equal(await always.isChecked(), true, 'the emergency card is always shared');
    assert.equal(await always.isDisabled(), true, 'and cannot be left out');
    for (const label of [
      'The rest of the device card (UDI, catheter, school and fever notes)',
      'All contacts and the care team',
      'Refill dates, the booked visit and the battery dates',
    ]) {
      assert.equal(await box(label).isChecked(), false, `"${label}" is off by default`);
    }
    assert.equal(await box('Lock the link with a code').isChecked(), true, 'a code by default');

    first = await makeLink(parentPage);
    // The made link's heading just under the (sticky) header: the code and the QR code in view.
    await first.made.getByRole('heading').evaluate((el) => {
      const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
      window.scrollBy(0, el.getBoundingClientRect().top - header - 12);
    });
    await screenshot(parentPage, 'share-made');
    assert.deepEqual(await smallTouchTargets(parentPage), [], 'tap targets of the share screen are 44x44 or more');
  });

  await t.test('2. the QR code holds exactly the link', async () => {
    assert.ok(first, 'a link was made');
    assert.equal(await decodeQr(first.made), first.link);
  });

  await t.test('3. another profile: a wrong code is refused and nothing kept; the right one opens it; kept; still there offline', async () => {
    assert.ok(first, 'a link was made');
    page = await openLink(caregiver, first.link);
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Enter the code', exact: true }).waitFor();
    await screenshot(page, 'share-code-entry');
    assert.deepEqual(await smallTouchTargets(page), [], 'tap targets of the code entry are 44x44 or more');

    // A code of the right shape that is not this link's code.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const wrong = alphabet[(alphabet.indexOf(first.code[0]) + 1) % 32] + first.code.slice(1);
    const codeBox = main.getByLabel('The code you were given', { exact: true });
    await codeBox.fill(wrong);
    // Enter in the code field opens, as the button does.
    await codeBox.press('Enter');
    const alert = main.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    assert.match(squash(await alert.innerText()), /^That code does not open this card/);
    assert.equal(await h1(page, 'A card shared with you').count(), 1, 'still asking for the code');
    assert.deepEqual(await keptShares(page), [], 'nothing kept on this device');
    // Home, in another tab of the same profile, lists no shared card.
    const home = await caregiver.newPage();
    await openHome(home);
    assert.equal(await sharedOnHome(home), null, 'Home shows no "Cards shared with you" after a wrong code');
    await home.close();

    await codeBox.fill(first.code);
    await button(main, 'Open the card').tap();
    await h1(page, TITLE_1).waitFor();
    await main.getByRole('heading', { name: 'Keep this card?', exact: true }).waitFor();
    assert.equal(await shownDose(page), OLD_DOSE, 'the card shows the dose');
    assert.deepEqual(await keptShares(page), [], 'nothing kept before "Keep"');
    await button(main, 'Keep on this device').tap();

    await page.waitForURL((u) => u.pathname.startsWith('/shared/'));
    // By its place in the list: a reload sends the path to the server, never the share's key.
    key = new URL(page.url()).pathname;
    assert.equal(key, '/shared/1', `the copy's address: ${page.url()}`);
    await h1(page, TITLE_1).waitFor();
    assert.deepEqual(await ageLine(page), { text: 'Shared today. Read-only: only Ana can change it.', role: 'note' });
    assert.deepEqual(await keptShares(page), [FIRST_DAY], 'one copy kept');
    assert.equal(await shownDose(page), OLD_DOSE);
    assert.equal(await main.getByRole('textbox').count(), 0, 'nothing to type into: read-only');
    await screenshot(page, 'share-copy');
    assert.deepEqual(await axeViolations(page), [], 'the kept copy: no WCAG A/AA violation');
    // Every tap target of the copy, the card's phone links included (they were 41.8 px once).
    assert.deepEqual(
      await smallTouchTargets(page),
      [],
      'tap targets of the kept copy are 44x44 or more',
    );

    // Home lists it; the header's Emergency card shows it (no child of their own here).
    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
    await h1(page, 'Home').waitFor();
    await page.getByRole('main').getByRole('heading', { name: 'Cards shared with you', exact: true }).waitFor();
    assert.deepEqual(await sharedOnHome(page), [TITLE_1]);
    await page.getByRole('banner').getByRole('link', { name: 'Emergency card', exact: true }).tap();
    await h1(page, 'Emergency card').waitFor();
    const onCard = page.getByRole('main').getByRole('region', { name: TITLE_1, exact: true });
    await onCard.waitFor({ state: 'visible' });
    assert.equal((await cardFacts(onCard))['Daily dose'], OLD_DOSE, 'the emergency card screen shows the shared card');

    // Offline: the service worker has the app; "/" reloads, the copy and its card are there.
    await waitForServiceWorker(page).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    });
    await caregiver.setOffline(true);
    try {
      await openHome(page);
      assert.deepEqual(await sharedOnHome(page), [TITLE_1], 'offline, Home still lists the copy');
      const line = await openCopyFromHome(page, TITLE_1);
      assert.equal(line.text, 'Shared today. Read-only: only Ana can change it.');
      assert.equal(await shownDose(page), OLD_DOSE, 'offline, the card shows');
    } finally {
      await caregiver.setOffline(false);
    }
  });

  await t.test('4. the parent changes the dose and shares again', async () => {
    assert.ok(first, 'a first link was made');
    await parent.clock.setSystemTime(at(SECOND_DAY));
    await parentPage.goto(app('/card'));
    await h1(parentPage, 'Device card').waitFor();
    const main = parentPage.getByRole('main');
    await button(main, 'Edit pump and drug').tap();
    const form = parentPage.getByRole('form', { name: 'Pump and drug for Maya', exact: true });
    await form.waitFor({ state: 'visible' });
    const dose = form.getByLabel('Daily dose in mcg/day (required)', { exact: true });
    assert.equal(await dose.inputValue(), '250');
    await dose.fill('300');
    await button(main, 'Save').tap();
    await main.locator(':scope > [role="status"]').filter({ hasText: "Maya's card saved." }).waitFor({ state: 'visible' });

    await main.getByRole('link', { name: 'Share with a caregiver', exact: true }).tap();
    await h1(parentPage, "Share Maya's card").waitFor();
    assert.equal(
      await main.getByLabel('Your name (the caregiver sees who shared the card)', { exact: true }).inputValue(),
      'Ana',
      'the name typed last time is kept',
    );
    second = await makeLink(parentPage);
    assert.notEqual(second.link, first.link, 'a new link');
    assert.notEqual(second.code, first.code, 'a new code');
    assert.equal(await decodeQr(second.made), second.link, 'the new QR code holds the new link');
  });

  await t.test('5. the caregiver opens the new link, sees the change and replaces the copy', async () => {
    assert.ok(key, 'the first link was kept (step 3)');
    assert.ok(second, 'a second link was made (step 4)');
    await caregiver.clock.setSystemTime(at(SECOND_DAY));
    page = await openWithCode(caregiver, second.link, second.code, TITLE_2);
    const cmain = page.getByRole('main');
    await cmain.getByRole('heading', { name: 'Update your copy?', exact: true }).waitFor();
    const changed = cmain.getByRole('list', { name: 'What changed', exact: true });
    const items = (await changed.getByRole('listitem').allInnerTexts()).map(squash);
    assert.ok(items.includes(`Daily dose: ${OLD_DOSE} → ${NEW_DOSE}`), `the dose change is listed: ${JSON.stringify(items)}`);
    assert.ok(!items.some((i) => i.startsWith('Drug:') || i.startsWith('Concentration:')), `only what changed: ${JSON.stringify(items)}`);
    // The copy kept is untouched until "Replace".
    assert.deepEqual(await keptShares(page), [FIRST_DAY], 'the first copy is still the one kept');
    await button(cmain, 'Replace my copy').tap();

    await h1(page, TITLE_2).waitFor();
    await page.waitForURL((u) => u.pathname.startsWith('/shared/'));
    assert.equal(new URL(page.url()).pathname, key, 'the same copy, in the same place');
    assert.deepEqual(await ageLine(page), { text: 'Shared today. Read-only: only Ana can change it.', role: 'note' });
    assert.deepEqual(await keptShares(page), [SECOND_DAY], 'one copy kept, the new one');
    assert.equal(await shownDose(page), NEW_DOSE, 'the copy shows the new dose');

    await openHome(page);
    assert.deepEqual(await sharedOnHome(page), [TITLE_2], 'one copy, replaced (not a second one)');
    replaced = true;
  });

  await t.test('6. past the review period (30 days) the copy says it may be out of date', async () => {
    assert.ok(replaced, 'the copy was replaced (step 5)');
    await caregiver.clock.setSystemTime(at('2027-01-19')); // 30 days after 20 Dec: still current
    await openHome(page);
    let line = await openCopyFromHome(page, TITLE_2);
    assert.deepEqual(line, { text: 'Shared 30 days ago. Read-only: only Ana can change it.', role: 'note' });

    await caregiver.clock.setSystemTime(at('2027-01-20')); // 31 days
    await openHome(page);
    line = await openCopyFromHome(page, TITLE_2);
    assert.deepEqual(line, { text: 'Shared 31 days ago. This card may be out of date: ask Ana for an update.', role: 'alert' });
    assert.equal(await shownDose(page), NEW_DOSE, 'the old copy still shows its card');
    await screenshot(page, 'share-copy-old');
  });

  await t.test('7. no request carried the link, its code or anything of the card', async () => {
    const links = [first, second].filter(Boolean);
    assert.ok(links.length > 0, 'a link was made');
    const elsewhere = requests.filter(([, u]) => !/^(data|blob):/.test(u) && new URL(u).origin !== proxy.base);
    assert.deepEqual(elsewhere, [], 'every request went to the (recording) server');
    assert.ok(proxy.log.length >= 5, `the server saw the app's requests (${proxy.log.length})`);
    assert.ok(proxy.log.some((r) => r.url.endsWith('.wasm')), 'the log has the wasm download');
    assert.ok(
      proxy.log.some((r) => r.url === '/shared' || r.url === '/'),
      `the log has the pages loaded: ${proxy.log.map((r) => r.url).join(' ')}`,
    );

    const secrets = ['#', 'share=', 'Maya', 'Baclofen', 'Ana', 'mcg', '555 010', '555%20010'];
    for (const { code } of links) secrets.push(code, code.replace('-', ''));
    // Any 12 characters in a row of either link's data.
    for (const { link } of links) {
      const data = link.slice(link.indexOf('#share=') + '#share=1.c.'.length);
      for (let i = 0; i + 12 <= data.length; i += 1) secrets.push(data.slice(i, i + 12));
    }
    const leaks = [];
    for (const r of proxy.log) {
      const seen = JSON.stringify(r);
      let decoded = seen;
      try {
        decoded = decodeURIComponent(seen);
      } catch {}
      const found = secrets.find((s) => seen.includes(s) || decoded.includes(s));
      if (found) leaks.push(`${r.method} ${r.url} holds ${JSON.stringify(found)}`);
    }
    assert.deepEqual(leaks, [], `what reached the server:\n${leaks.join('\n')}`);
    assert.deepEqual(
      proxy.log.filter((r) => r.body.length > 0).map((r) => `${r.method} ${r.url}`),
      [],
      'no request had a body',
    );
  });

  await parent.close();
  await caregiver.close();
  assert.deepEqual(errors, [], `the pages reported errors:\n${errors.join('\n')}`);
});

test('the emergency card alone may go without a code, with a warning; damaged and newer links say so and keep nothing', async () => {
  const parent = await newProfile('parent-open', { day: FIRST_DAY, family: family() });
  const caregiver = await newProfile('caregiver-open', { day: FIRST_DAY });
  try {
    const page = await freshPage(parent);
    await page.goto(app('/share'));
    await h1(page, "Share Maya's card").waitFor();
    const main = page.getByRole('main');
    const lock = main.getByRole('checkbox', { name: 'Lock the link with a code', exact: true });
    assert.equal(await lock.isChecked(), true, 'a code by default');
    // More than the emergency card: a code, always (the choice is gone, and the screen says so).
    const contacts = main.getByRole('checkbox', { name: 'All contacts and the care team', exact: true });
    await contacts.tap();
    assert.equal(await lock.count(), 0, 'no "without a code" choice when contacts are shared');
    await main.getByText('A code is always needed when you share more than the emergency card.', { exact: true }).waitFor();
    await contacts.tap();
    await lock.tap();
    await main.getByText(/^Without a code, anyone who gets the link can read the emergency card/).waitFor();
    await main.getByLabel('Your name (the caregiver sees who shared the card)', { exact: true }).fill('Ana');
    await button(main, 'Make the link').tap();
    const made = main.getByRole('region', { name: "The link to Maya's card", exact: true });
    await made.waitFor({ state: 'visible' });
    await made.getByText('No code: anyone with this link can read the emergency card.', { exact: true }).waitFor();
    assert.equal(await made.getByLabel('The code', { exact: true }).count(), 0, 'no code shown');
    const link = await made.getByLabel('The link', { exact: true }).inputValue();
    assert.match(link, /#share=1\.o\.[A-Za-z0-9_-]{40,}$/, link);

    // Damaged (cut in half) and newer-format links: a clear message, nothing kept.
    for (const [bad, message] of [
      [link.slice(0, Math.floor(link.length / 2) + 1), /^This link is cut short or altered/],
      [link.replace('#share=1.', '#share=2.'), /^This link was made by a newer version of ITB Companion/],
    ]) {
      const cpage = await openLink(caregiver, bad);
      const cmain = cpage.getByRole('main');
      if (await button(cmain, 'Open the card').count()) await button(cmain, 'Open the card').tap();
      const alert = cmain.getByRole('alert');
      await alert.waitFor();
      assert.match(squash(await alert.innerText()), message);
      assert.deepEqual(await keptShares(cpage), [], 'nothing kept');
    }

    // The good link opens with no code to type.
    const cpage = await openLink(caregiver, link);
    const cmain = cpage.getByRole('main');
    await cmain.getByText('This link has no code: it holds only the emergency card.', { exact: true }).waitFor();
    assert.equal(await cmain.getByLabel('The code you were given', { exact: true }).count(), 0);
    await button(cmain, 'Open the card').tap();
    await h1(cpage, TITLE_1).waitFor();
    assert.equal(await shownDose(cpage), OLD_DOSE);
    await button(cmain, 'Keep on this device').tap();
    await cpage.waitForURL((u) => u.pathname === '/shared/1');
    assert.deepEqual(await keptShares(cpage), [FIRST_DAY]);
  } finally {
    await parent.close();
    await caregiver.close();
  }
  assert.deepEqual(errors, [], `the pages reported errors:\n${errors.join('\n')}`);
});

test('"Share the link…" hands the share sheet the link without its code; "Copy the link" copies it', async () => {
  const parent = await newProfile('parent-sheet', { day: FIRST_DAY, family: family() });
  try {
    await parent.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: proxy.base });
    // The system share sheet, as the page sees it: what it is handed is recorded.
    await parent.addInitScript(() => {
      window.__shared = [];
      navigator.share = (data) => {
        window.__shared.push(data);
        return Promise.resolve();
      };
    });
    const page = await freshPage(parent);
    await page.goto(app('/share'));
    const { code, link, made } = await makeLink(page);
    await button(made, 'Share the link…').tap();
    const status = page.getByRole('main').getByRole('status');
    await status.getByText('Link shared.', { exact: true }).waitFor();
    const handed = await page.evaluate(() => window.__shared);
    assert.equal(handed.length, 1, 'the share sheet was opened once');
    assert.equal(handed[0].url, link, 'it got the link');
    assert.match(handed[0].text, /I will give you the code separately/);
    for (const part of [code, code.replace('-', '')]) {
      assert.ok(!JSON.stringify(handed[0]).includes(part), 'the code never travels with the link');
    }
    await button(made, 'Copy the link').tap();
    await status.getByText('Link copied.', { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  } finally {
    await parent.close();
  }
  assert.deepEqual(errors, [], `the pages reported errors:\n${errors.join('\n')}`);
});
