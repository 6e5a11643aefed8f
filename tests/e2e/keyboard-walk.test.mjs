// Keyboard only, everywhere: with Tab / Shift+Tab / Enter / Space / arrow keys and typing (no
// mouse, no taps, no element.click()), a user reaches every screen through the navigation,
// fills and saves the child, pump and refill forms, uses the Settings controls, the symptom
// checker, the emergency card and its QR code, and the unsaved-changes dialog. At every focus
// stop the focused control must show a focus indicator (an outline or box-shadow of at least
// 2 px that it does not have when unfocused), lie inside the viewport after the browser scrolled
// it there, and not be hidden under the sticky header, the bottom navigation, the sticky form
// buttons or the symptom result band. Tab must not get stuck: it comes back round to the start.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS, expectScreen, h1, screenshot, seedFamily, url, withPage } from './helpers.mjs';

// A keyboard user on a phone-sized window (no touch: a hardware keyboard or switch access).
const KEYBOARD = { hasTouch: false, isMobile: false, timezoneId: 'America/Chicago' };
const STORAGE_KEY = 'itb-companion/family.json';

/**
 * Installed in every page: `__kbStop()` describes document.activeElement as a focus stop and
 * checks it; the element shown as focused is the control itself or, for a control that is
 * invisible on purpose (the file input lies transparent over its label), its label.
 */
function installFocusProbe() {
  const indicator = (el) => {
    if (el.labels && el.labels.length && parseFloat(getComputedStyle(el).opacity) === 0) return el.labels[0];
    return el;
  };
  const look = (el) => {
    const s = getComputedStyle(el);
    return {
      outlineStyle: s.outlineStyle,
      outlineWidth: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth) || 0,
      outlineColor: s.outlineColor,
      boxShadow: s.boxShadow,
    };
  };
  const name = (el) =>
    (el.getAttribute('aria-label') || (el.labels && el.labels[0]?.innerText) || el.innerText || el.value || el.id || el.tagName)
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 60);
  window.__kbStop = () => {
    // The previous stop, now unfocused, must look different from when it had focus.
    const problems = [];
    const prev = window.__kbPrev;
    if (prev && prev.el.isConnected && prev.el !== document.activeElement && !prev.el.contains(document.activeElement)) {
      const now = look(prev.target);
      if (now.outlineWidth === prev.focused.outlineWidth && now.outlineColor === prev.focused.outlineColor && now.outlineStyle === prev.focused.outlineStyle && now.boxShadow === prev.focused.boxShadow) {
        problems.push(`"${prev.name}" looks the same focused and unfocused (${JSON.stringify(now)})`);
      }
    }
    window.__kbPrev = null;
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true, problems };
    const target = indicator(el);
    const focused = look(target);
    const label = name(el);
    const shadowWidth = focused.boxShadow === 'none' ? 0 : Math.max(...(focused.boxShadow.match(/-?[\d.]+px/g) || ['0px']).map((v) => Math.abs(parseFloat(v))));
    const transparent = /rgba\(.*,\s*0\)$|transparent/.test(focused.outlineColor);
    if (!((focused.outlineWidth >= 2 && !transparent) || shadowWidth >= 2)) {
      problems.push(`"${label}" has no visible focus indicator (${JSON.stringify(focused)})`);
    }
    // In the viewport, and not under a fixed or sticky bar.
    const r = target.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    if (r.width === 0 || r.height === 0) problems.push(`"${label}" has an empty box`);
    if (r.left < -1 || r.right > vw + 1) problems.push(`"${label}" is outside the viewport horizontally (${r.left.toFixed(0)}..${r.right.toFixed(0)} of ${vw})`);
    const fullyVisible = r.height <= vh ? r.top >= -1 && r.bottom <= vh + 1 : r.top < vh && r.bottom > 0;
    if (!fullyVisible) problems.push(`"${label}" is outside the viewport vertically (${r.top.toFixed(0)}..${r.bottom.toFixed(0)} of ${vh})`);
    else {
      // Sample points across the box (inset, so rounded corners do not count): every one must
      // hit the control (or what it contains).
      // A link that wraps over two lines is checked at the middle of each line's box.
      // A multi-line text field is scrolled so its caret line shows: its first line must.
      const boxes = [...target.getClientRects()];
      const rows = el.tagName === 'TEXTAREA' ? [Math.min(0.25, 24 / r.height)] : [0.25, 0.5, 0.75];
      const points = boxes.length > 1
        ? boxes.map((b) => [b.left + b.width / 2, b.top + b.height / 2])
        : [0.25, 0.5, 0.75].flatMap((fx) => rows.map((fy) => [r.left + r.width * fx, r.top + r.height * fy]));
      for (const [px, py] of points) {
        const x = Math.min(Math.max(px, 1), vw - 1);
        {
          const y = Math.min(Math.max(py, 1), vh - 1);
          const hit = document.elementFromPoint(x, y);
          if (!hit || hit === el || el.contains(hit) || target.contains(hit) || hit === target) continue;
          if (hit.control === el || (el.labels && [...el.labels].includes(hit))) continue;
          const cover = hit.closest('header, nav, .form-actions, .result-band, [role="alertdialog"]') || hit;
          problems.push(`"${label}" is covered at (${x.toFixed(0)},${y.toFixed(0)}) by ${cover.tagName.toLowerCase()}.${cover.className}`);
          break;
        }
        if (problems.length) break;
      }
    }
    window.__kbPrev = { el, target, focused, name: label };
    return { none: false, problems, name: label, tag: el.tagName.toLowerCase(), id: el.id, role: el.getAttribute('role'), href: el.getAttribute('href') };
  };
}

/** Opens a path (a page load is not a pointer action) and waits for its h1. */
async function start(page, path, title) {
  await page.goto(url(path));
  await h1(page, title).waitFor();
}

/** Checks the focus stop the last key press produced; returns its description. */
async function stop(page, stops, where) {
  const info = await page.evaluate(() => window.__kbStop());
  assert.deepEqual(info.problems, [], `${where}: focus stop problems after ${stops.slice(-5).join(' | ')}`);
  if (!info.none) stops.push(info.name);
  return info;
}

/**
 * Presses `key` (Tab or Shift+Tab) until `wanted(info)` holds, checking every stop; fails after
 * `max` presses. Returns the stops passed.
 */
async function tabTo(page, wanted, { key = 'Tab', max = 120, what = 'the target' } = {}) {
  const stops = [];
  // A fresh start: the element focused now is checked as the first stop.
  await page.evaluate(() => { window.__kbPrev = null; });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const info = await stop(page, stops, `${key} towards ${what}`);
    if (!info.none && wanted(info)) return stops;
  }
  assert.fail(`${key} did not reach ${what} in ${max} presses; stops: ${stops.join(' | ')}`);
}

const byName = (name) => (info) => info.name === name;
const byId = (id) => (info) => info.id === id;
const navLink = (name) => (info) => info.tag === 'a' && info.name === name && info.href !== null;

/** Replaces the text of the focused field by typing (select all, then type). */
async function typeInto(page, text) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function stored(page) {
  return JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY)) || 'null');
}

function withKeyboard(fn, options = {}) {
  return withPage({ ...KEYBOARD, ...options }, async (ctx) => {
    await ctx.context.addInitScript(installFocusProbe);
    await ctx.page.clock.install({ time: new Date('2026-12-01T10:00:00-06:00') });
    await fn(ctx);
  });
}

test('keyboard alone reaches every screen through the navigation, with a visible focus at every stop', async () => {
  await withKeyboard(async ({ page, context }) => {
    await seedFamily(context);
    await start(page, '/', 'Home');
    // The first Tab lands on the skip link, which is shown.
    await page.keyboard.press('Tab');
    const first = await stop(page, [], 'first Tab');
    assert.equal(first.name, 'Skip to content');

    for (const screen of SCREENS.filter((s) => s.nav)) {
      await tabTo(page, (i) => navLink(screen.nav)(i) && i.id === '' && i.role === null, { what: `the "${screen.nav}" navigation link` });
      await page.keyboard.press('Enter');
      await expectScreen(page, screen);
    }
    // Screens outside the bottom navigation: the header's Emergency card link, then the
    // card's "Print the card", and the symptom checker's alarm guide.
    await tabTo(page, navLink('Emergency card'), { what: 'the header Emergency card link' });
    await page.keyboard.press('Enter');
    await expectScreen(page, SCREENS.find((s) => s.key === 'emergency'));
    await tabTo(page, navLink('Print the card'), { what: '"Print the card"' });
    await page.keyboard.press('Enter');
    await h1(page, 'Print').waitFor();
    await tabTo(page, navLink('Wallet card (front and back)'), { what: 'the wallet card link' });
    await page.keyboard.press('Enter');
    await h1(page, 'Wallet card').waitFor();
    await tabTo(page, navLink('Symptom checker'), { what: 'the Symptom checker link' });
    await page.keyboard.press('Enter');
    await h1(page, 'Symptom checker').waitFor();
    await tabTo(page, navLink('What does the alarm sound mean?'), { what: 'the alarm guide link' });
    await page.keyboard.press('Enter');
    await h1(page, 'Pump alarms').waitFor();
  });
});

test('Tab does not trap focus: forward and backward it comes round to where it started', async () => {
  await withKeyboard(async ({ page, context }) => {
    await seedFamily(context);
    for (const [path, title] of [['/', 'Home'], ['/card', 'Device card'], ['/symptoms', 'Symptom checker'], ['/settings', 'Settings']]) {
      await start(page, path, title);
      await page.keyboard.press('Tab');
      const first = await stop(page, [], `${path}: first Tab`);
      assert.equal(first.name, 'Skip to content', `${path}: the skip link comes first`);
      // Forward: through the header, the screen and the navigation, and round to the skip link.
      const forward = await tabTo(page, byName('Skip to content'), { max: 200, what: `${path}: the skip link again (forward)` });
      assert.ok(forward.includes('Emergency card') && forward.includes('Settings'), `${path}: the round passed the header and the navigation: ${forward.join(' | ')}`);
      assert.ok(forward.length > 8, `${path}: the round has the screen's controls (${forward.length} stops)`);
      // Backward: Shift+Tab from the skip link goes round the other way, to the last nav link first.
      const backward = await tabTo(page, byName('Skip to content'), { key: 'Shift+Tab', max: 200, what: `${path}: the skip link again (backward)` });
      assert.equal(backward.find((s) => s !== 'Skip to content'), 'Settings', `${path}: Shift+Tab from the top goes to the last navigation link`);
      assert.equal(backward.length, forward.length, `${path}: the same stops both ways`);
    }
  });
});

test('keyboard alone fills and saves the child form, the pump form and a refill', async () => {
  await withKeyboard(async ({ page }) => {
    await start(page, '/card', 'Device card');
    await page.getByRole('form', { name: 'Add a child' }).waitFor();

    // Save with nothing filled: refused, with the reason announced.
    await tabTo(page, (i) => i.tag === 'button' && i.name === 'Save', { max: 200, what: 'Save' });
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'fields need attention. Nothing was saved.' }).waitFor();

    const fill = async (id, text) => {
      await tabTo(page, byId(id), { max: 200, what: `#${id}` });
      await typeInto(page, text);
    };
    // Back up from Save to the top of the form, then forward through the required fields.
    await tabTo(page, byId('f-name'), { key: 'Shift+Tab', max: 200, what: 'the name field' });
    await page.keyboard.type('Maya');
    await tabTo(page, byId('f-date_of_birth'), { what: 'the date of birth' });
    await page.keyboard.type('04022016');
    // The later sections are folded (issue 15.7): Enter on a section's button opens it.
    const openSection = async (title) => {
      await tabTo(page, (i) => i.tag === 'button' && i.name.endsWith(title), { what: `the ${title} button` });
      await page.keyboard.press('Enter');
      await page.locator(`button.section-toggle[aria-expanded="true"]`, { hasText: title }).waitFor();
    };
    await openSection('Baseline (how your child usually is)');
    await tabTo(page, byId('f-non_verbal'), { what: 'the Non-verbal checkbox' });
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#f-non_verbal').isChecked(), true, 'Space ticks the checkbox');
    await openSection('Guardians and emergency contacts');
    await tabTo(page, byId('f-contact1_name'), { what: 'contact 1 name' });
    await page.keyboard.type('Ana');
    await tabTo(page, byId('f-contact1_phone'), { what: 'contact 1 phone' });
    await page.keyboard.type('555 010 1000');
    await openSection('Doctors and hospital');
    await tabTo(page, byId('f-clinic_name'), { what: 'the pump clinic' });
    await page.keyboard.type('Pump Clinic');
    await tabTo(page, byId('f-clinic_phone'), { what: 'the pump clinic phone' });
    await page.keyboard.type('555 010 2000');
    await tabTo(page, (i) => i.tag === 'button' && i.name === 'Save', { max: 200, what: 'Save' });
    await page.keyboard.press('Enter');
    const status = page.getByRole('main').locator(':scope > [role="status"]');
    await status.getByText("Maya's details saved. Now the pump and drug.").waitFor();
    await page.getByRole('form', { name: 'Pump and drug for Maya' }).waitFor();

    // The pump form: the model with the arrow keys, the two required numbers, Space on Save.
    await tabTo(page, byId('f-pump_model'), { max: 200, what: 'the pump model' });
    const before = await page.locator('#f-pump_model').inputValue();
    await page.keyboard.press('ArrowDown');
    const model = await page.locator('#f-pump_model').inputValue();
    assert.notEqual(model, before, 'ArrowDown changes the pump model');
    // The pump site is required too, and starts at "Choose…" (issue 14: no silent default).
    await tabTo(page, byId('f-pump_site'), { what: 'the pump site' });
    assert.equal(await page.locator('#f-pump_site').inputValue(), '', 'no site is chosen for the family');
    await page.keyboard.press('ArrowDown');
    const site = await page.locator('#f-pump_site').inputValue();
    assert.notEqual(site, '', 'ArrowDown chooses a pump site');
    await fill('f-concentration', '500');
    await fill('f-daily_dose', '250');
    await tabTo(page, byId('f-last_refill_date'), { what: 'the last refill date' });
    await page.keyboard.type('11152026');
    await fill('f-last_refill_volume', '20');
    await tabTo(page, (i) => i.tag === 'button' && i.name === 'Save', { max: 200, what: 'Save' });
    await page.keyboard.press('Space');
    await status.getByText("Maya's card saved.").waitFor();
    let saved = await stored(page);
    const maya = saved.family.children[0];
    assert.equal(maya.name, 'Maya');
    assert.equal(maya.date_of_birth, '2016-04-02');
    assert.equal(maya.baseline.non_verbal, true);
    assert.equal(maya.pump.model.kind, model);
    assert.equal(maya.pump.site.kind, site);
    assert.equal(maya.pump.drug.concentration_mcg_per_ml, '500');
    assert.equal(maya.pump.last_refill.date, '2026-11-15');

    // Home, "Record a refill", the two required fields, Enter in a field submits the form.
    await tabTo(page, navLink('Home'), { max: 200, what: 'the Home link' });
    await page.keyboard.press('Enter');
    await h1(page, 'Home').waitFor();
    await tabTo(page, (i) => i.tag === 'button' && i.name === 'Record a refill', { max: 200, what: 'Record a refill' });
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Record a refill for Maya' }).waitFor();
    await tabTo(page, byId('f-refill_date'), { max: 200, what: 'the refill date' });
    await page.keyboard.type('12012026');
    await tabTo(page, byId('f-refill_volume'), { what: 'the refill volume' });
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.getByRole('main').locator(':scope > [role="status"]').getByText('Refill recorded for Maya.', { exact: false }).waitFor();
    saved = await stored(page);
    assert.equal(saved.family.children[0].pump.last_refill.date, '2026-12-01');
    await screenshot(page, 'keyboard-refill-saved');
  });
});

test('keyboard alone uses the Settings controls and saves them', async () => {
  await withKeyboard(async ({ page, context }) => {
    await seedFamily(context);
    await start(page, '/settings', 'Settings');
    await tabTo(page, byId('f-settings.refill'), { what: 'the refill reminder days' });
    await typeInto(page, '10, 2');
    await tabTo(page, byId('f-settings.alarm'), { what: 'the alarm-date checkbox' });
    const wasOn = await page.locator('[id="f-settings.alarm"]').isChecked();
    await page.keyboard.press('Space');
    assert.equal(await page.locator('[id="f-settings.alarm"]').isChecked(), !wasOn, 'Space toggles the checkbox');
    await tabTo(page, byId('f-settings.book'), { what: 'the book-refill days' });
    await typeInto(page, '400');
    await tabTo(page, (i) => i.tag === 'button' && i.name === 'Save settings', { what: 'Save settings' });
    await page.keyboard.press('Enter');
    const status = page.getByRole('main').locator(':scope > [role="status"]');
    await status.getByText('Nothing was saved: check the fields marked below.').waitFor();
    // A refused save focuses the first field in error, here the book-refill days.
    await page.waitForFunction(() => document.activeElement?.id === 'f-settings.book');
    await typeInto(page, '21');
    await page.keyboard.press('Enter');
    await status.getByText('Settings saved.').waitFor();
    const reminders = (await stored(page)).family.settings.reminders;
    assert.deepEqual(reminders.refill_days_before, [10, 2]);
    assert.equal(reminders.book_refill_days, 21);
    assert.equal(reminders.on_alarm_date, !wasOn);

    // The weekly recall check checkbox saves at once.
    await tabTo(page, byId('s-auto-recalls'), { what: 'the weekly recall check' });
    await page.keyboard.press('Space');
    await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).family.settings.auto_recall_check === true, STORAGE_KEY);
  });
});

test('keyboard alone uses the symptom checker, then opens the emergency card and its QR code', async () => {
  await withKeyboard(async ({ page, context }) => {
    await seedFamily(context);
    await start(page, '/symptoms', 'Symptom checker');
    const band = page.getByRole('region', { name: 'Result' });
    await tabTo(page, byName('Any fever'), { what: 'Any fever' });
    await page.keyboard.press('Space');
    await band.getByText('CALL THE PUMP CLINIC NOW', { exact: true }).waitFor();
    await tabTo(page, byName('Hard to wake up'), { key: 'Shift+Tab', what: 'Hard to wake up' });
    await page.keyboard.press('Enter');
    await band.getByText('CALL 911 NOW', { exact: true }).waitFor();
    await page.keyboard.press('Space');
    await band.getByText('CALL THE PUMP CLINIC NOW', { exact: true }).waitFor();
    // Into the band: "Why this advice" opens with Enter.
    await tabTo(page, byName('Why this advice'), { max: 80, what: 'Why this advice' });
    await page.keyboard.press('Enter');
    await band.getByText('Because:', { exact: false }).waitFor();
    await screenshot(page, 'keyboard-symptoms-band');

    await tabTo(page, navLink('Emergency card'), { key: 'Shift+Tab', max: 80, what: 'the header Emergency card link' });
    await page.keyboard.press('Enter');
    await h1(page, 'Emergency card').waitFor();
    await tabTo(page, byName('Show a QR code of this card'), { max: 80, what: 'the QR code button' });
    await page.keyboard.press('Enter');
    const qr = page.locator('figure.qr svg');
    await qr.waitFor({ state: 'visible' });
    const box = await qr.boundingBox();
    assert.ok(box && box.width > 150, 'the QR code is shown large enough to scan');
    assert.equal(await page.getByRole('button', { name: 'Hide the QR code' }).getAttribute('aria-expanded'), 'true');
    // Focus stayed on the (relabelled) button, and Space hides the code again.
    assert.equal(await page.evaluate(() => document.activeElement.innerText.trim()), 'Hide the QR code');
    await page.keyboard.press('Space');
    await qr.waitFor({ state: 'detached' });
  });
});

test('the unsaved-changes dialog is keyboard operable: focus moves into it, Escape and both buttons work', async () => {
  await withKeyboard(async ({ page, context }) => {
    await seedFamily(context);
    await start(page, '/card', 'Device card');
    await tabTo(page, byName('Edit child details'), { what: 'Edit child details' });
    await page.keyboard.press('Enter');
    await tabTo(page, byId('f-medical_id'), { what: 'the medical ID field' });
    await typeInto(page, 'Bracelet 42');

    const dialog = page.getByRole('alertdialog');
    const openDialog = async () => {
      await tabTo(page, navLink('Home'), { max: 200, what: 'the Home link' });
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'visible' });
      await expectScreen(page, SCREENS.find((s) => s.key === 'card'));
      // Focus is moved into the dialog, visibly, on the safe choice.
      await page.waitForFunction(() => document.activeElement?.closest('[role="alertdialog"]'));
      const info = await stop(page, [], 'dialog opened');
      assert.equal(info.name, 'Stay and finish');
    };

    await openDialog();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.locator('#f-medical_id').inputValue(), 'Bracelet 42', 'Escape keeps the draft');

    await openDialog();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.locator('#f-medical_id').inputValue(), 'Bracelet 42', '"Stay and finish" keeps the draft');

    await openDialog();
    await tabTo(page, byName('Leave without saving'), { max: 3, what: 'Leave without saving' });
    await page.keyboard.press('Enter');
    await expectScreen(page, SCREENS.find((s) => s.key === 'home'));
    assert.equal(await dialog.count(), 0, 'the dialog is gone');
  });
});
