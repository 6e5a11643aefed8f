// Nothing a family enters is ever silently lost, cut short or replaced (issue 15, "Tests",
// the browser list): a card with 6 medicines and 3 contacts with second phones typed through
// the form survives a reload and an unchanged edit; a dose saved in a second tab survives a
// save in the first, which shows the new dose and says so (and a setting saved in tab 2
// survives a settings save in tab 1); a hostile family file is refused
// with a message naming the field and changes nothing; a valid import that changes the
// emergency number shows the change before it is confirmed, and "Undo import" puts it back.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/family-data.test.mjs
// Elements are found by their roles and visible labels; buttons and links are tapped. Each
// test starts from what a family does.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  FULL_FAMILY_JSON,
  SCREENS,
  expectFieldValues,
  expectScreen,
  field,
  fillFields,
  mainNav,
  open,
  screenshot,
  seedFamily,
  withPage,
  openFoldedSections,
} from './helpers.mjs';

const CARD = SCREENS.find((s) => s.key === 'card');
const SETTINGS = SCREENS.find((s) => s.key === 'settings');
const SYMPTOMS = SCREENS.find((s) => s.key === 'symptoms');
const PLAN = SCREENS.find((s) => s.key === 'plan');

/** "Today" for every test (the fixture was last updated 2026-11-23; nothing is overdue). */
const NOW = new Date('2026-11-24T10:00:00-06:00');
const TIMEZONE = 'America/Chicago';
const STORAGE_KEY = 'itb-companion/family.json';

/** Said in a window when another window or tab saved the cards (src/app.rs CHANGED_ELSEWHERE). */
const CHANGED_ELSEWHERE = 'The cards were changed in another window or tab: this window now shows that version.';

// ---------------------------------------------------------------- helpers

/**
 * A fresh phone-size browser (helpers.withPage) in Chicago with the clock at NOW, and the
 * fixture's family saved before the app's first load when `json` is given. No request may
 * leave the app's own server; a beforeunload prompt is accepted.
 */
function withFamilyPage({ json = null } = {}, fn) {
  return withPage({ timezoneId: TIMEZONE }, async ({ page, context, errors }) => {
    if (json !== null) await seedFamily(context, json);
    await context.clock.install({ time: NOW });
    const external = [];
    await context.route(
      (u) => !u.href.startsWith(BASE_URL),
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
    page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
    await fn({ page, context, errors });
    assert.deepEqual(external, [], 'the app made no request outside its own server');
  });
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function form(page, name) {
  return page.getByRole('form', { name, exact: true });
}


function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

function region(page, name) {
  return page.getByRole('main').getByRole('region', { name, exact: true });
}

/** Waits for a status message in main that says exactly `text`. */
async function expectStatus(page, text) {
  const status = page.getByRole('main').getByRole('status').filter({ hasText: new RegExp(`^\\s*${escapeRe(text)}\\s*$`) });
  await status.first().waitFor({ state: 'visible' });
}

/** The card summary of `name` is on screen (no form open). */
async function expectSummary(page, name) {
  await region(page, name).waitFor({ state: 'visible' });
  assert.equal(await page.getByRole('main').getByRole('form').count(), 0, 'no form is open');
}

/** The definition (dd) that follows the term `label` in `scope`, whitespace squashed. */
async function fact(scope, label) {
  const dd = scope.locator('dt').filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).locator('xpath=following-sibling::dd[1]');
  return squash(await dd.innerText());
}

async function listItems(scope) {
  return (await scope.getByRole('listitem').allInnerTexts()).map(squash);
}

async function storedText(page) {
  return page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
}

async function stored(page) {
  const text = await storedText(page);
  return text === null ? null : JSON.parse(text);
}

/** Waits until the locator's text (whitespace squashed) matches `re`; returns the text. */
async function waitForText(locator, re, timeout = 10_000) {
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    text = squash(await locator.innerText().catch(() => ''));
    if (re.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

/** Waits until `fn()` returns a truthy value; returns it (or the last value after `timeout`). */
async function eventually(fn, timeout = 10_000) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return value;
}

async function reload(page) {
  const response = await page.reload({ waitUntil: 'load' });
  assert.equal(response?.status(), 200, 'reload returns 200');
}

/** Goes to a screen through the bottom navigation. */
async function navigate(page, screen) {
  await mainNav(page).getByRole('link', { name: screen.nav, exact: true }).tap();
  await expectScreen(page, screen);
}

/** The fixture's family file with `change(file.family)` applied. */
function familyFile(change) {
  const file = JSON.parse(FULL_FAMILY_JSON);
  change(file.family);
  return JSON.stringify(file, null, 2);
}

/** Chooses a file (its text) in the Device card's "Import a card file" picker. */
async function chooseImportFile(page, name, text) {
  await page.getByLabel('Import a card file', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

// ---------------------------------------------------------------- test data

const MEDICINES = [
  ['Levetiracetam', '250 mg', 'twice a day, 8:00 and 20:00'],
  ['Omeprazole', '10 mg', 'once a day before breakfast'],
  ['Glycopyrrolate', '1 mg', 'three times a day'],
  ['Melatonin', '3 mg', 'at bedtime'],
  ['Polyethylene glycol', '8.5 g', 'once a day in water'],
  ['Clonidine', '0.05 mg', 'at night if unsettled'],
];

const CONTACTS = [
  ['Ana Rivera', 'Mother', '+1 555 010 1000', '+1 555 010 1100'],
  ['Luis Rivera', 'Father', '(555) 010-1001', '(555) 010-1101'],
  ['Carmen Diaz', 'Grandmother', '555.010.1002', '555.010.1102'],
];

/** The child form: identity, the pump clinic, 6 medicines, 3 contacts with second phones. */
const CHILD_FORM = [
  ["Child's name (required)", 'Maya Rivera'],
  ['Date of birth (required)', '2016-04-02'],
  ['Pump clinic or managing physician', 'Riverside Pump Clinic'],
  ['Pump clinic phone', '+1 555 010 2000'],
  ...MEDICINES.flatMap(([name, dose, schedule], i) => [
    [`Medicine ${i + 1}`, name],
    [`Medicine ${i + 1} dose`, dose],
    [`Medicine ${i + 1} schedule`, schedule],
  ]),
  ...CONTACTS.flatMap(([name, relation, phone, second], i) => [
    [i === 0 ? 'Contact 1 (parent or guardian) name' : `Contact ${i + 1} name`, name],
    [`Contact ${i + 1} relation`, relation],
    [i === 0 ? 'Contact 1 phone' : `Contact ${i + 1} phone`, phone],
    [`Contact ${i + 1} second phone`, second],
  ]),
];

const PUMP_FORM = [
  ['Pump model (required)', { option: 'synchromed_ii_8637_20' }],
  ['Pump site (required)', { option: 'abdomen_right' }],
  ['Implant date', '2021-09-14'],
  ['Reservoir volume in mL', '20'],
  ['Low-reservoir alarm volume in mL', '2'],
  ['Concentration in mcg/mL (required)', '500'],
  ['Daily dose in mcg/day (required)', '250'],
];

/** What the summary's "Medicines" and "Contacts and doctors" lists say. */
const MEDICINE_LINES = MEDICINES.map(([name, dose, schedule]) => `${name}: ${dose}, ${schedule}`);
const CONTACT_LINES = CONTACTS.map(([name, relation, phone, second]) => `${name} (${relation}): ${phone}, second phone ${second}`);

async function expectSummaryLists(page) {
  assert.deepEqual(await listItems(region(page, 'Medicines')), MEDICINE_LINES, 'the summary lists all 6 medicines');
  const contacts = await listItems(region(page, 'Contacts and doctors'));
  assert.deepEqual(contacts.slice(0, 3), CONTACT_LINES, `the summary lists the 3 contacts with their second phones: ${contacts.join(' | ')}`);
  for (const [, , , second] of CONTACTS) {
    const href = await region(page, 'Contacts and doctors').getByRole('link', { name: second, exact: true }).getAttribute('href');
    assert.equal(href?.replace(/\D/g, ''), second.replace(/\D/g, ''), `the second phone ${second} is a tel: link`);
  }
}

// ---------------------------------------------------------------- 1. lists survive

test('1. six medicines and three contacts with second phones, typed through the form, survive a reload and an unchanged edit', async () => {
  // Issue 15, Tests (browser): "enter 6 medicines and 3 contacts with second phones, reload,
  // edit, everything kept"; Deliver 3: lists with "Add" and "Remove" buttons, no fixed count,
  // and a field the form does not show is never touched.
  await withFamilyPage({}, async ({ page }) => {
    await open(page, CARD);
    const addForm = form(page, 'Add a child');
    await addForm.waitFor({ state: 'visible' });
    // The sections after the child's name fold (issue 15.7): the parent opens them.
    assert.ok((await openFoldedSections(addForm)) > 0, 'the form folds its later sections');
    // The form starts with 3 medicine slots: "Add a medicine" gives the 4th, 5th and 6th.
    assert.equal(await field(addForm, 'Medicine 4').count(), 0, 'the form starts with 3 medicines');
    for (const n of [4, 5, 6]) {
      await button(addForm, 'Add a medicine').tap();
      await field(addForm, `Medicine ${n}`).waitFor({ state: 'visible' });
    }
    await fillFields(addForm, CHILD_FORM);
    await button(addForm, 'Save').tap();
    await expectStatus(page, "Maya Rivera's details saved. Now the pump and drug.");
    const pumpForm = form(page, 'Pump and drug for Maya Rivera');
    await fillFields(pumpForm, PUMP_FORM);
    await button(pumpForm, 'Save').tap();
    await expectStatus(page, "Maya Rivera's card saved.");
    await expectSummary(page, 'Maya Rivera');
    await expectSummaryLists(page);

    const savedChild = (await stored(page)).family.children[0];
    assert.equal(savedChild.medicines.length, 6, 'six medicines saved');
    assert.deepEqual(savedChild.contacts.map((c) => c.other_phone), CONTACTS.map((c) => c[3]), 'every second phone saved');

    // A new start of the app: reload, then open the form again.
    await reload(page);
    await expectSummary(page, 'Maya Rivera');
    await expectSummaryLists(page);
    await button(page, 'Edit child details').tap();
    const editForm = form(page, "Edit Maya Rivera's details");
    await editForm.waitFor({ state: 'visible' });
    await expectFieldValues(editForm, CHILD_FORM);
    assert.equal(await field(editForm, 'Medicine 7').count(), 0, 'the form holds the 6 medicines the card has (no 7th)');
    await field(editForm, 'Medicine 6 schedule').scrollIntoViewIfNeeded();
    await screenshot(page, 'family-data-six-medicines');

    // Saved unchanged: the card comes back exactly the same.
    await button(editForm, 'Save').tap();
    await expectStatus(page, "Maya Rivera's card saved.");
    await expectSummary(page, 'Maya Rivera');
    await expectSummaryLists(page);
    assert.deepEqual((await stored(page)).family.children[0], savedChild, 'an unchanged edit saves exactly the same card');

    // The emergency plan calls the second phones too (Deliver 3: "contacts (with both phone numbers)").
    await navigate(page, PLAN);
    for (const [name, , , second] of CONTACTS) {
      const call = page.getByRole('link', { name: `Call ${name}'s second phone`, exact: true });
      assert.equal((await call.getAttribute('href'))?.replace(/\D/g, ''), second.replace(/\D/g, ''), `the plan calls ${name}'s second phone`);
    }
  });
});

// ---------------------------------------------------------------- 2. two tabs

test('2. two tabs: a dose saved in tab 2 shows in tab 1 with a message, and survives tab 1\'s own saves', async () => {
  // Issue 15, Tests (browser): "two tabs: a dose saved in tab 2 survives a save in tab 1, and
  // tab 1 shows the new dose with a message"; Deliver 5 (web): a save based on an older
  // revision is not written over the newer one; the app listens for the other tab's change,
  // reloads the family, keeps an open form's typing, and tells the user.
  await withFamilyPage({ json: FULL_FAMILY_JSON }, async ({ page: tab1, context, errors }) => {
    await open(tab1, CARD);
    await expectSummary(tab1, 'Maya Rivera');
    const pump1 = region(tab1, 'Pump and drug');
    assert.equal(await fact(pump1, 'Daily dose'), '250 mcg/day');

    const tab2 = await context.newPage();
    tab2.on('pageerror', (err) => errors.push(`page error (tab 2): ${err.message}`));
    tab2.on('dialog', (dialog) => dialog.accept().catch(() => {}));
    await open(tab2, CARD);
    await expectSummary(tab2, 'Maya Rivera');

    // Tab 2: the clinic changed the dose to 300 mcg/day.
    await button(tab2, 'Edit pump and drug').tap();
    const pumpForm2 = form(tab2, 'Pump and drug for Maya Rivera');
    await field(pumpForm2, 'Daily dose in mcg/day (required)').fill('300');
    await button(pumpForm2, 'Save').tap();
    await expectStatus(tab2, "Maya Rivera's card saved.");
    assert.equal((await stored(tab2)).family.children[0].pump.drug.daily_dose_mcg_per_day, '300');

    // Tab 1, untouched: shows the new dose, and says why.
    const banner1 = tab1.getByRole('alert').filter({ hasText: CHANGED_ELSEWHERE });
    await banner1.waitFor({ state: 'visible' });
    assert.equal(await eventually(async () => (await fact(pump1, 'Daily dose')) === '300 mcg/day'), true, `tab 1 shows the new dose (it shows ${await fact(pump1, 'Daily dose')})`);
    await button(banner1, 'I understand').tap();
    await banner1.waitFor({ state: 'detached' });

    // Tab 1 makes a save of its own: a reminder lead time in Settings.
    await navigate(tab1, SETTINGS);
    const refill = field(tab1, 'Days before the refill-by date');
    assert.equal(await refill.inputValue(), '14, 7, 3, 1');
    await refill.fill('14, 7, 2');
    await button(tab1, 'Save settings').tap();
    await expectStatus(tab1, 'Settings saved.');
    let family = (await stored(tab1)).family;
    assert.equal(family.children[0].pump.drug.daily_dose_mcg_per_day, '300', "tab 2's dose survives tab 1's settings save");
    assert.deepEqual(family.settings.reminders.refill_days_before, [14, 7, 2], "tab 1's setting is saved");

    // Tab 1 has the child form open with typing when tab 2 saves another dose: the typing is
    // kept, and saving the form keeps tab 2's dose too.
    await navigate(tab1, CARD);
    await button(tab1, 'Edit child details').tap();
    const childForm1 = form(tab1, "Edit Maya Rivera's details");
    await field(childForm1, 'Medical ID bracelet or card').fill('MedicAlert bracelet #778899');

    await reload(tab2);
    await expectSummary(tab2, 'Maya Rivera');
    await button(tab2, 'Edit pump and drug').tap();
    await field(form(tab2, 'Pump and drug for Maya Rivera'), 'Daily dose in mcg/day (required)').fill('350');
    await button(form(tab2, 'Pump and drug for Maya Rivera'), 'Save').tap();
    await expectStatus(tab2, "Maya Rivera's card saved.");

    await tab1.getByRole('alert').filter({ hasText: CHANGED_ELSEWHERE }).waitFor({ state: 'visible' });
    assert.equal(await field(childForm1, 'Medical ID bracelet or card').inputValue(), 'MedicAlert bracelet #778899', 'the open form keeps its typing');
    await button(childForm1, 'Save').tap();
    await expectStatus(tab1, "Maya Rivera's card saved.");
    family = (await stored(tab1)).family;
    assert.equal(family.children[0].medical_id, 'MedicAlert bracelet #778899', "tab 1's edit is saved");
    assert.equal(family.children[0].pump.drug.daily_dose_mcg_per_day, '350', "tab 2's second dose survives tab 1's form save");
    assert.deepEqual(family.settings.reminders.refill_days_before, [14, 7, 2]);
    assert.equal(await fact(region(tab1, 'Pump and drug'), 'Daily dose'), '350 mcg/day', 'tab 1 shows the dose tab 2 saved');
  });
});

test('2b. two tabs on Settings: a setting saved in tab 2 survives a settings save in tab 1, which shows it', async () => {
  // Issue 15, Deliver 5 (web): "a save based on an older revision is not written over the
  // newer one"; the window "reloads the family ... and tells the user that the card was changed
  // in another window". The Settings screen is a form too (Deliver 3: "Settings ... use the
  // same form system"): what tab 1 shows after the message must be tab 2's version.
  await withFamilyPage({ json: FULL_FAMILY_JSON }, async ({ page: tab1, context, errors }) => {
    await open(tab1, SETTINGS);
    const tab2 = await context.newPage();
    tab2.on('pageerror', (err) => errors.push(`page error (tab 2): ${err.message}`));
    await open(tab2, SETTINGS);

    // Tab 2: the family moved to Europe.
    await field(tab2, 'Emergency number to call').fill('112');
    await button(tab2, 'Save settings').tap();
    await expectStatus(tab2, 'Settings saved.');
    assert.equal((await stored(tab2)).family.settings.emergency_number, '112');

    // Tab 1 is told, and shows tab 2's number.
    await tab1.getByRole('alert').filter({ hasText: CHANGED_ELSEWHERE }).waitFor({ state: 'visible' });
    const shown = await eventually(async () => {
      const v = await field(tab1, 'Emergency number to call').inputValue();
      return v === '112' ? v : null;
    }, 5_000);
    // Tab 1 changes a reminder lead time and saves: tab 2's number must survive.
    await field(tab1, 'Days before the refill-by date').fill('14, 7, 2');
    await button(tab1, 'Save settings').tap();
    await expectStatus(tab1, 'Settings saved.');
    const settings = (await stored(tab1)).family.settings;
    assert.deepEqual(settings.reminders.refill_days_before, [14, 7, 2], "tab 1's lead time is saved");
    assert.equal(settings.emergency_number, '112', "tab 2's emergency number survives tab 1's settings save");
    assert.equal(shown, '112', `after the message, tab 1's Settings shows tab 2's emergency number (it showed ${await field(tab1, 'Emergency number to call').inputValue()})`);
  });
});

// ---------------------------------------------------------------- 3. hostile files

/** One recall as openFDA gives it, with `link`. */
const recall = (link) => ({
  number: 'Z-0001-2026',
  date_initiated: '2026-01-15',
  status: 'Ongoing',
  class: 'Class II',
  reason: 'Example reason',
  firm: 'Medtronic',
  link,
});

/** [what the attack is, file name, file text, the alert the family must read]. */
const HOSTILE_FILES = [
  [
    'a premium-rate emergency number',
    'premium.json',
    familyFile((f) => {
      f.settings.emergency_number = '1-900-555-0199 premium';
    }),
    /^The file's settings: Emergency number: .+ Nothing was changed\.$/,
  ],
  [
    'a javascript: link in the cached recall check',
    'javascript-link.json',
    familyFile((f) => {
      f.settings.recall_cache = [{ model_key: 'synchromed_ii_8637_20', checked_at: '2026-11-20T10:00:00Z', recalls: [recall('javascript:alert(1)')] }];
    }),
    /^The file's settings: Cached recall link: Only links to the FDA .+ Nothing was changed\.$/,
  ],
  [
    'a 100,000-character 4th contact name',
    'long-contact.json',
    familyFile((f) => {
      const c = f.children[0].contacts;
      c.push({ name: 'Carmen Diaz', relation: 'Grandmother', phone: '555 010 1002', other_phone: '' });
      c.push({ name: 'X'.repeat(100_000), relation: 'Neighbour', phone: '555 010 1003', other_phone: '' });
      assert.equal(c.length, 4);
    }),
    /^Maya Rivera's card: Contact 4 name: Too long.+ Nothing was changed\.$/,
  ],
  [
    'a right-to-left override in the 5th medicine\'s dose',
    'rlo-dose.json',
    familyFile((f) => {
      const m = f.children[0].medicines;
      m.push({ name: 'Omeprazole', dose: '10 mg', schedule: 'once a day' });
      m.push({ name: 'Glycopyrrolate', dose: '1 mg', schedule: 'three times a day' });
      m.push({ name: 'Melatonin', dose: '3 mg', schedule: 'at bedtime' });
      // Displays as "1000 mg" but says 0001 mg.
      m.push({ name: 'Clonidine', dose: '\u202Egm 0001', schedule: 'at night' });
      assert.equal(m.length, 5);
    }),
    /^Maya Rivera's card: Medicine 5 dose: Contains a hidden text-direction character.+ Nothing was changed\.$/,
  ],
];

test('3. a hostile family file is refused with a message naming the field, and nothing changes', async () => {
  // Issue 15, Tests (browser): "a hostile family file (premium-rate emergency number,
  // `javascript:` link, 100,000-char 4th contact, RLO dose text) is refused with a message
  // naming the field"; Deliver 4: settings validated with the Settings screen's rules, link
  // fields only accept the FDA hosts, every list item checked, bidi overrides refused.
  await withFamilyPage({ json: FULL_FAMILY_JSON }, async ({ page }) => {
    await open(page, CARD);
    await expectSummary(page, 'Maya Rivera');
    const savedBefore = await storedText(page);
    const screenBefore = await page.getByRole('main').innerText();
    const alert = page.getByRole('main').getByRole('alert').filter({ hasText: 'Nothing was changed.' });

    for (const [attack, name, text, expected] of HOSTILE_FILES) {
      await chooseImportFile(page, name, text);
      const said = await waitForText(alert, expected);
      assert.match(said, expected, `${attack}: the alert says "${said}"`);
      assert.ok(await alert.isVisible(), `${attack}: the alert is visible`);
      assert.equal(await page.getByRole('dialog', { name: 'Check the import' }).count(), 0, `${attack}: no import offered`);
      assert.equal(await storedText(page), savedBefore, `${attack}: the saved family is unchanged`);
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0, `${attack}: no javascript: link on the page`);
      // Clear the picker so the next file is a new choice.
      await page.getByLabel('Import a card file', { exact: true }).setInputFiles([]);
    }

    // The cards and the settings are as before, also after a reload.
    await reload(page);
    await expectSummary(page, 'Maya Rivera');
    assert.equal(await page.getByRole('main').innerText(), screenBefore, 'the card reads the same');
    assert.equal(await storedText(page), savedBefore, 'the saved family is unchanged after a reload');
    await navigate(page, SETTINGS);
    assert.equal(await field(page, 'Emergency number to call').inputValue(), '911');
    assert.equal(await page.getByRole('button', { name: /^Restore: / }).count(), 0, 'no restore point: nothing was imported');
  });
});

// ---------------------------------------------------------------- 4. import and undo

test('4. an import that changes the emergency number shows "911 → 112" before confirming, and Undo import puts everything back', async () => {
  // Issue 15, Tests (browser): "a valid import that changes the emergency number shows the
  // change before confirming, and Undo import restores it"; Deliver 4: the preview lists every
  // setting that would change, old → new; settings are kept unless the family chooses to
  // replace them; "Undo import" until the app closes, and a named restore point in Settings.
  await withFamilyPage({ json: FULL_FAMILY_JSON }, async ({ page }) => {
    // The family has used the app on this phone: its settings were saved once, so the saved
    // family is exactly as the app writes it (the seeded file leaves out what has its default).
    await open(page, SETTINGS);
    await button(page, 'Save settings').tap();
    await expectStatus(page, 'Settings saved.');
    await navigate(page, CARD);
    await expectSummary(page, 'Maya Rivera');
    const before = (await stored(page)).family;
    const savedBefore = await storedText(page);
    const cardBefore = await page.getByRole('main').innerText();
    assert.equal(before.settings.emergency_number, '911');

    // The file (from another phone, say): the number for Europe and a new dose.
    const file = familyFile((f) => {
      f.settings.emergency_number = '112';
      f.children[0].pump.drug.daily_dose_mcg_per_day = '300';
    });
    await chooseImportFile(page, 'itb-family-2026-11-24.json', file);
    const dialog = page.getByRole('dialog', { name: 'Check the import', exact: true });
    await dialog.waitFor({ state: 'visible' });
    const lines = await listItems(dialog);
    assert.ok(lines.includes('Card: Maya Rivera'), `the preview lists the card: ${lines.join(' | ')}`);
    await dialog.getByRole('heading', { name: "Settings in the file that differ from this device's", exact: true }).waitFor();
    const settingsList = dialog.getByRole('list').filter({ hasText: 'Emergency number' });
    assert.deepEqual(await listItems(settingsList), ['Emergency number: 911 → 112'], 'the preview shows the emergency number old → new, and nothing else');
    const replaceSettings = dialog.getByLabel("Also replace this device's settings with the file's", { exact: true });
    assert.equal(await replaceSettings.isChecked(), false, 'by default the settings are kept');
    await dialog.getByText("This device's settings are kept.", { exact: true }).waitFor();
    assert.equal(await storedText(page), savedBefore, 'nothing is imported before the family confirms');
    await dialog.scrollIntoViewIfNeeded();
    await screenshot(page, 'family-data-import-preview');

    await replaceSettings.tap();
    await dialog.getByText('The settings above will change.', { exact: true }).waitFor();
    assert.equal(await replaceSettings.isChecked(), true);
    await button(dialog, 'Replace and import').tap();
    await dialog.waitFor({ state: 'detached' });
    await expectStatus(page, 'Imported. "Undo import" at the top puts the cards back as they were.');
    assert.equal(await fact(region(page, 'Pump and drug'), 'Daily dose'), '300 mcg/day', 'the imported card is shown');
    assert.equal((await stored(page)).family.settings.emergency_number, '112', 'the settings were replaced');

    // The symptom checker calls 112 now, and Settings shows it.
    await navigate(page, SYMPTOMS);
    const call = page.getByRole('region', { name: 'Result', exact: true }).getByRole('link', { name: 'Call 112', exact: true });
    assert.equal(await call.getAttribute('href'), 'tel:112');
    await navigate(page, SETTINGS);
    assert.equal(await field(page, 'Emergency number to call').inputValue(), '112');

    // Undo import, tapped on the Settings screen: the saved family is as before.
    await button(page, 'Undo import').tap();
    await button(page, 'Undo import').waitFor({ state: 'detached' });
    const after = (await stored(page)).family;
    assert.deepEqual(after.children, before.children, 'the cards are exactly as before the import');
    assert.deepEqual(after.settings, before.settings, 'the settings are exactly as before the import');

    // Settings lists the family from before the import as a restore point.
    const points = region(page, 'Restore points');
    await points.getByRole('button', { name: /^Restore: Before the import on / }).waitFor({ state: 'visible' });
    const items = await listItems(points);
    assert.equal(items.length, 1, `one restore point: ${items.join(' | ')}`);
    assert.match(items[0], /^Before the import on .+: 1 card\(s\) Restore$/);

    // Every screen is back to 911 and the card from before.
    await navigate(page, SYMPTOMS);
    assert.equal(await page.getByRole('region', { name: 'Result', exact: true }).getByRole('link', { name: 'Call 911', exact: true }).getAttribute('href'), 'tel:911');
    await navigate(page, CARD);
    await expectSummary(page, 'Maya Rivera');
    assert.equal(await fact(region(page, 'Pump and drug'), 'Daily dose'), '250 mcg/day', 'the card from before is shown');
    assert.equal(await page.getByRole('main').innerText(), cardBefore, 'the Device card reads exactly as before the import');

    // Settings shows 911 too, and offers no "unsaved change" that a tap on Save would write
    // back (the 112 undone is not the family's typing).
    await navigate(page, SETTINGS);
    const number = await field(page, 'Emergency number to call').inputValue();
    const status = squash(await page.getByRole('main').getByRole('status').first().innerText());
    assert.equal(number, '911', `Settings shows 911 again after Undo import (it shows ${number}; status line: "${status}")`);
    assert.doesNotMatch(status, /unsaved changes/, 'no unsaved change is left over from the undone import');
  });
});
