// 200 % text size at 390x844: no horizontal scrolling and nothing cut off, on every screen,
// with an empty profile and with the full card saved.
//
// Text size is doubled the way the browser's own text-size setting does it: Chromium's default
// font size goes from 16 px to 32 px (CDP Page.setFontSizes). The app sizes its text in rem and
// em, so all of it scales; the first test proves that by comparing the h1 at 100 % and 200 %.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS, h1, screenshot, seedFamily, url, withPage } from './helpers.mjs';

const ROUTES = [
  ...SCREENS.map((s) => [s.path, s.title]),
  ['/print', 'Print'],
  ['/alarms', 'Pump alarms'],
];

async function setTextSize(page, percent) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: (16 * percent) / 100, fixed: (13 * percent) / 100 } });
  return cdp;
}

async function h1Size(page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize));
}

/**
 * Everything that overflows sideways: the page scrolling horizontally, any visible element whose
 * box passes the viewport's right (or left) edge, and any element that clips or scrolls its own
 * content (overflow hidden/clip/auto/scroll, or an ellipsis) while that content is wider than
 * it, or (hidden/clip) taller than it.
 */
function overflowProblems() {
  const de = document.documentElement;
  const vw = de.clientWidth;
  const problems = [];
  if (de.scrollWidth > vw) problems.push(`the page scrolls sideways: scrollWidth ${de.scrollWidth} > ${vw}`);
  if (document.body.scrollWidth > vw) problems.push(`body scrollWidth ${document.body.scrollWidth} > ${vw}`);
  const describe = (el) => {
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${text}"`;
  };
  for (const el of document.querySelectorAll('body *')) {
    // Hidden on purpose: screen-reader-only text, the skip link until it has focus.
    if (el.closest('.visually-hidden, .skip-link, script, style, head')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 1) problems.push(`${describe(el)} ends at x=${r.right.toFixed(0)}, past the right edge ${vw}`);
    if (r.left < -1) problems.push(`${describe(el)} starts at x=${r.left.toFixed(0)}, past the left edge`);
    const clipsX = ['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    if (clipsX && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} cuts its content sideways: ${el.scrollWidth} > ${el.clientWidth}`);
    const clipsY = ['hidden', 'clip'].includes(s.overflowY);
    if (clipsY && el.scrollHeight > el.clientHeight + 1) problems.push(`${describe(el)} cuts its content off at the bottom: ${el.scrollHeight} > ${el.clientHeight}`);
  }
  // Text that runs out of its box (a long word in a narrow column) is not in any element's box.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('.visually-hidden, .skip-link, script, style')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden') continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
        problems.push(`text "${node.textContent.trim().slice(0, 40)}" in ${describe(el)} runs to x=${r.right.toFixed(0)}..${r.left.toFixed(0)}, outside 0..${vw}`);
        break;
      }
    }
  }
  return problems;
}

test('200 % text size really doubles the app\'s text (h1 and body text)', async () => {
  await withPage(async ({ page }) => {
    await page.goto(url('/symptoms'));
    await h1(page, 'Symptom checker').waitFor();
    const normal = await h1Size(page);
    const normalNav = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('nav a')).fontSize));
    await setTextSize(page, 200);
    await page.reload();
    await h1(page, 'Symptom checker').waitFor();
    const zoomed = await h1Size(page);
    const zoomedNav = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('nav a')).fontSize));
    assert.ok(normal > 20 && normal < 30, `h1 at 100 % is ${normal}px`);
    assert.equal(zoomed, normal * 2, `h1 at 200 % (${zoomed}px) is twice the 100 % size (${normal}px)`);
    assert.equal(zoomedNav, normalNav * 2, `navigation labels scale too (${normalNav}px -> ${zoomedNav}px)`);
    // And the page is laid out for it: the viewport is 390 CSS px wide either way.
    assert.equal(await page.evaluate(() => document.documentElement.clientWidth), 390);
  });
});

for (const withCard of [false, true]) {
  test(`at 200 % text size no screen scrolls sideways or cuts text off (${withCard ? 'full card' : 'empty profile'})`, async () => {
    await withPage({ timezoneId: 'America/Chicago' }, async ({ page, context }) => {
      if (withCard) await seedFamily(context);
      await page.clock.install({ time: new Date('2026-12-01T10:00:00-06:00') });
      await setTextSize(page, 200);
      const found = [];
      for (const [route, title] of ROUTES) {
        await page.goto(url(route));
        await h1(page, title).waitFor();
        assert.ok((await h1Size(page)) >= 50, `${route}: the text is at 200 %`);
        const states = [['', null]];
        if (route === '/symptoms') states.push([' with a result', async () => {
          await page.getByRole('button', { name: 'Any fever' }).tap();
          await page.getByText('CALL THE PUMP CLINIC NOW', { exact: true }).waitFor();
        }]);
        if (route === '/emergency' && withCard) states.push([' with the QR code', async () => {
          await page.getByRole('button', { name: 'Show a QR code of this card' }).tap();
          await page.locator('figure.qr svg').waitFor();
        }]);
        for (const [label, action] of states) {
          if (action) await action();
          await page.evaluate(() => document.fonts?.ready);
          for (const p of await page.evaluate(overflowProblems)) found.push(`${route}${label}: ${p}`);
          const name = `zoom200-${withCard ? 'card' : 'empty'}-${route.replace(/\//g, '') || 'home'}${label ? '-' + label.trim().replace(/\s+/g, '-') : ''}`;
          await screenshot(page, name);
        }
      }
      assert.deepEqual(found, [], `overflow at 200 % text:\n${found.join('\n')}`);
    });
  });
}

test('at 200 % text size a refused save shows the focused field and "Nothing was saved" together', async () => {
  // Issue 15.7: "a refused save scrolls to and focuses the first field in error, with the
  // summary in view", also where the Save bar is not fixed on screen (large text).
  await withPage({}, async ({ page }) => {
    await setTextSize(page, 200);
    await page.goto(url('/card'));
    await h1(page, 'Device card').waitFor();
    const form = page.getByRole('form', { name: 'Add a child', exact: true });
    await form.getByLabel("Child's name (required)", { exact: true }).fill('Maya');
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const inView = (locator) => locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    const focused = page.locator(':focus');
    assert.equal(await focused.getAttribute('id'), 'f-date_of_birth');
    assert.ok(await inView(focused), 'the focused field is on screen');
    const said = page.getByText('1 field needs attention. Nothing was saved.', { exact: true });
    const shown = [];
    for (const el of await said.all()) if ((await el.isVisible()) && (await inView(el))) shown.push(el);
    assert.equal(shown.length, 1, 'the summary is on screen with the focused field');
    await screenshot(page, 'zoom200-refused-save');
  });
});
