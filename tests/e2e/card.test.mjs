// Device card (/card): adding a full card by tapping and typing through the labelled
// fields, persistence across reloads and new pages, editing, validation that saves nothing,
// export/import into a fresh browser profile, bad imports, two children with the switcher
// and delete/undo, and the unsaved-changes guard.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/card.test.mjs
// Elements are found only by their roles and visible labels; buttons and links are tapped.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BASE_URL, SCREENS, expectFieldValues, expectScreen, field, fillFields, mainNav, open, openFoldedSections, screenshot, withPage } from './helpers.mjs';

const HOME = SCREENS.find((s) => s.key === 'home');
const CARD = SCREENS.find((s) => s.key === 'card');
const EMERGENCY = SCREENS.find((s) => s.key === 'emergency');

/** "Today" for every test: the app's date rules (no future birth, implant, refill) use it. */
const NOW = new Date('2026-11-23T10:00:00-06:00');
const TODAY = '2026-11-23';
const TIMEZONE = 'America/Chicago';
const STORAGE_KEY = 'itb-companion/family.json';

// ---------------------------------------------------------------- test data

/** The child form, in screen order: [accessible name of the field, value]. */
const MAYA_CHILD = [
  ["Child's name (required)", 'Maya Rivera'],
  ['Date of birth (required)', '2016-04-02'],
  ['Weight in kg', '24.5'],
  ['Date weighed', '2026-10-15'],
  ['Diagnoses', 'Spastic quadriplegic cerebral palsy (GMFCS IV)\nEpilepsy'],
  ['Medical ID bracelet or card', 'MedicAlert bracelet, ID 12345'],
  ['Neurological and mental status', 'Alert and smiley; follows simple requests'],
  ['Mobility', 'Power wheelchair; full help with transfers'],
  ['Communication', 'Eye-gaze board, yes/no with blinks'],
  ['Non-verbal', true],
  ['Baseline vital signs', 'HR 90-110, RR 18-24, SpO2 96-99%, BP 100/60'],
  ['Drug allergies', 'Penicillin (rash)'],
  ['Food allergies', 'None known'],
  ['Latex allergy', { option: 'yes' }],
  ['Medicine 1', 'Levetiracetam'],
  ['Medicine 1 dose', '250 mg'],
  ['Medicine 1 schedule', 'twice a day, 8:00 and 20:00'],
  ['Medicine 2', 'Omeprazole'],
  ['Medicine 2 dose', '10 mg'],
  ['Medicine 2 schedule', 'once a day before breakfast'],
  ['Medicine 3', 'Glycopyrrolate'],
  ['Medicine 3 dose', '1 mg'],
  ['Medicine 3 schedule', 'three times a day'],
  ['Emergency medicine 1', 'Oral baclofen'],
  ['Emergency medicine 1 dose', '5 mg'],
  ['Emergency medicine 1: when to give', 'Only if the pump clinic says so'],
  ['Emergency medicine 2', 'Diazepam (rectal)'],
  ['Emergency medicine 2 dose', '5 mg'],
  ['Emergency medicine 2: when to give', 'Seizure longer than 5 minutes'],
  ['Contact 1 (parent or guardian) name', 'Ana Rivera'],
  ['Contact 1 relation', 'Mother'],
  ['Contact 1 phone', '+1 555 010 1000'],
  ['Contact 2 name', 'Luis Rivera'],
  ['Contact 2 relation', 'Father'],
  ['Contact 2 phone', '(555) 010-1001'],
  ['Contact 3 name', 'Carmen Diaz'],
  ['Contact 3 relation', 'Grandmother'],
  ['Contact 3 phone', '555.010.1002'],
  ['Pump clinic or managing physician', "Children's Spasticity Clinic, Dr. Patel"],
  ['Pump clinic phone', '+1 555 010 2000'],
  ['Pump clinic after-hours phone', '+1 555 010 2999'],
  ['Primary care provider', 'Dr. Kim'],
  ['Primary care phone', '555-010-3000'],
  ['Neurosurgeon', 'Dr. Okafor'],
  ['Neurosurgeon phone', '555-010-4000'],
  ['Preferred hospital', "Riverside Children's Hospital"],
  ['Procedures to avoid', 'No MRI without a pump check afterwards\nNo lumbar puncture without the pump team'],
  ['Activity and positioning restrictions', 'No contact sports; do not lie on the pump side'],
  ['Fever protocol', 'Paracetamol 15 mg/kg; call the clinic if fever with headache or stiff neck'],
  ["Your child's own signs of overdose: call the pump clinic", 'Very sleepy\nFloppy, cannot hold her head up\nSlow or shallow breathing'],
  ["Your child's own signs of withdrawal: call the pump clinic", 'Itching\nHigh fever\nStiffer than usual\nAgitated'],
  // A sign the clinic's plan sends to 911: it keeps that level (clinical-reference.md line 124-125).
  ["Your child's own signs of withdrawal: call emergency services (only if the clinic's plan says so)", 'Arching her back and screaming'],
];

/** The pump form of a SynchroMed II 8637-20 card, with flex steps that add up to 250 mcg/day. */
const MAYA_PUMP = [
  ['Pump model (required)', { option: 'synchromed_ii_8637_20' }],
  ['Serial number', 'NGP123456H'],
  ['Implant date', '2021-06-15'],
  ['Pump site (required)', { option: 'abdomen_left' }],
  ['Catheter model', '8781'],
  ['Catheter tip level', 'T10'],
  ['Catheter placed on', '2021-06-15'],
  ['Reservoir volume in mL', '20'],
  ['Low-reservoir alarm volume in mL', '2'],
  ['MRI notes', 'Check the pump within 24 hours after any MRI'],
  ['Drug name', 'Lioresal Intrathecal (baclofen)'],
  ['Drug source', { option: 'brand' }],
  ['Concentration in mcg/mL (required)', '500'],
  ['Daily dose in mcg/day (required)', '250'],
  ['Step 1 start time', '00:00'],
  ['Step 1 rate in mcg/h', '10'],
  ['Step 2 start time', '08:00'],
  ['Step 2 rate in mcg/h', '10.5'],
  ['Step 3 start time', '20:00'],
  ['Step 3 rate in mcg/h', '11'],
  ['Last refill date', '2026-11-02'],
  ['Volume filled in mL', '20'],
  ['Low-reservoir alarm date (printout)', '2026-12-08'],
  ['Next refill appointment', '2026-12-01'],
  ["The pump's replacement alarm (ERI) date", '2028-03-01'],
];

/** What the summary's first definition list must say for Maya (term -> definition). */
const MAYA_FACTS = {
  'Date of birth': 'Sat 2 Apr 2016',
  Weight: '24.5 kg (weighed Thu 15 Oct 2026)',
  Diagnoses: 'Spastic quadriplegic cerebral palsy (GMFCS IV) Epilepsy',
  'Medical ID': 'MedicAlert bracelet, ID 12345',
  'Neurological and mental status': 'Alert and smiley; follows simple requests',
  Mobility: 'Power wheelchair; full help with transfers',
  Communication: 'Non-verbal. Eye-gaze board, yes/no with blinks',
  'Baseline vital signs': 'HR 90-110, RR 18-24, SpO2 96-99%, BP 100/60',
  'Drug allergies': 'Penicillin (rash)',
  'Food allergies': 'None known',
  'Latex allergy': 'YES: latex allergy',
  'Preferred hospital': "Riverside Children's Hospital",
  'Procedures to avoid': 'No MRI without a pump check afterwards No lumbar puncture without the pump team',
  'Activity and positioning': 'No contact sports; do not lie on the pump side',
  'Fever protocol': 'Paracetamol 15 mg/kg; call the clinic if fever with headache or stiff neck',
  'Last updated': 'Mon 23 Nov 2026',
};

const MAYA_PUMP_FACTS = {
  Pump: 'Medtronic SynchroMed II 8637-20',
  'Serial number': 'NGP123456H',
  'Implant date': 'Tue 15 Jun 2021',
  Site: 'Abdomen, left side',
  Catheter: '8781, tip T10, placed Tue 15 Jun 2021',
  'Reservoir volume': '20 mL',
  'Low-reservoir alarm volume': '2 mL',
  Drug: 'Lioresal Intrathecal (baclofen)',
  'Drug source': 'Brand',
  Concentration: '500 mcg/mL',
  'Daily dose': '250 mcg/day',
  'Flex steps': 'from 00:00 at 10 mcg/h; from 08:00 at 10.5 mcg/h; from 20:00 at 11 mcg/h;',
  'Last refill': 'Mon 2 Nov 2026, 20 mL filled',
  'Low-reservoir alarm date (printout)': 'Tue 8 Dec 2026',
  'Next refill appointment': 'Tue 1 Dec 2026',
  'Replacement alarm (ERI) date': 'Wed 1 Mar 2028',
  'MRI notes': 'Check the pump within 24 hours after any MRI',
};

const MAYA_MEDICINES = [
  'Levetiracetam: 250 mg, twice a day, 8:00 and 20:00',
  'Omeprazole: 10 mg, once a day before breakfast',
  'Glycopyrrolate: 1 mg, three times a day',
  'Oral baclofen: 5 mg. When: Only if the pump clinic says so',
  'Diazepam (rectal): 5 mg. When: Seizure longer than 5 minutes',
];

const MAYA_CONTACTS = [
  'Ana Rivera (Mother): +1 555 010 1000',
  'Luis Rivera (Father): (555) 010-1001',
  'Carmen Diaz (Grandmother): 555.010.1002',
  "Pump clinic: Children's Spasticity Clinic, Dr. Patel: +1 555 010 2000",
  'Pump clinic after hours: +1 555 010 2999',
  'Primary care: Dr. Kim 555-010-3000',
  'Neurosurgeon: Dr. Okafor 555-010-4000',
];

const MAYA_SIGNS = [
  'Very sleepy (call the pump clinic)',
  'Floppy, cannot hold her head up (call the pump clinic)',
  'Slow or shallow breathing (call the pump clinic)',
  'Arching her back and screaming (call 911 now)',
  'Itching (call the pump clinic)',
  'High fever (call the pump clinic)',
  'Stiffer than usual (call the pump clinic)',
  'Agitated (call the pump clinic)',
];

/** A short card: the required fields of both forms plus reservoir, alarm volume and implant date. */
function smallCard(name, dob) {
  return {
    child: [
      ["Child's name (required)", name],
      ['Date of birth (required)', dob],
      ['Contact 1 (parent or guardian) name', 'Ana Rivera'],
      ['Contact 1 phone', '+1 555 010 1000'],
      ['Pump clinic or managing physician', 'Riverside Pump Clinic'],
      ['Pump clinic phone', '+1 555 010 2000'],
    ],
    pump: [
      ['Pump model (required)', { option: 'synchromed_ii_8637_20' }],
      ['Pump site (required)', { option: 'abdomen_right' }],
      ['Implant date', '2020-01-10'],
      ['Reservoir volume in mL', '20'],
      ['Low-reservoir alarm volume in mL', '2'],
      ['Concentration in mcg/mL (required)', '500'],
      ['Daily dose in mcg/day (required)', '250'],
    ],
  };
}

// ---------------------------------------------------------------- helpers

/**
 * A fresh browser profile (helpers.withPage) in Chicago with the clock fixed at NOW before
 * any page loads. beforeunload prompts (the app asks before a reload loses a half-filled
 * form) are accepted and counted in `prompts`.
 */
function withCardPage(fn) {
  return withPage({ timezoneId: TIMEZONE, acceptDownloads: true }, async ({ page, context, errors }) => {
    await context.clock.install({ time: NOW });
    // Nothing in these tests may leave this machine (the app only fetches on request, but
    // make sure): any request that is not for the app's own server is refused.
    const external = [];
    await context.route(
      (u) => !u.href.startsWith(BASE_URL),
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
    const prompts = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      dialog.accept().catch(() => {});
    });
    await fn({ page, context, errors, prompts });
    assert.deepEqual(external, [], 'the app made no request outside its own server');
  });
}

/** A form landmark by its accessible name. */
function form(page, name) {
  return page.getByRole('form', { name, exact: true });
}

function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

/** The screen's status messages (role status inside main; other panels may have their own). */
function statusLine(page) {
  return page.getByRole('main').getByRole('status');
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits for a status message in main that says exactly `text`. */
async function expectStatus(page, text) {
  const exact = new RegExp(`^\\s*${escapeRe(text)}\\s*$`);
  const status = statusLine(page).filter({ hasText: exact });
  await status.first().waitFor({ state: 'visible' });
  assert.equal(squash(await status.first().innerText()), text);
}

/** A titled part of the summary (section aria-labelledby -> role region). */
function region(page, name) {
  return page.getByRole('main').getByRole('region', { name, exact: true });
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** A definition list as { term: definition }, whitespace squashed. */
async function facts(scope) {
  const terms = (await scope.getByRole('term').allInnerTexts()).map(squash);
  const defs = (await scope.getByRole('definition').allInnerTexts()).map(squash);
  assert.equal(terms.length, defs.length, 'every term has a definition');
  return Object.fromEntries(terms.map((t, i) => [t, defs[i]]));
}

async function listItems(scope) {
  return (await scope.getByRole('listitem').allInnerTexts()).map(squash);
}

/** The saved family file in localStorage (parsed), or null. */
async function stored(page) {
  const text = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  return text === null ? null : JSON.parse(text);
}

async function storedText(page) {
  return page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
}

/** The whole Device card screen as a person reads it (main's text). */
async function screenText(page) {
  return page.getByRole('main').innerText();
}

/** The header's current child (no switcher) or the pressed switcher button. */
function banner(page) {
  return page.getByRole('banner');
}

/** The card summary of `name` is on screen (no form open). */
async function expectSummary(page, name) {
  await region(page, name).waitFor({ state: 'visible' });
  await page.getByRole('main').getByRole('heading', { level: 2, name, exact: true }).waitFor();
  assert.equal(await page.getByRole('main').getByRole('form').count(), 0, 'no form is open');
}

/** Saves the open form with the Save button. */
async function tapSave(page) {
  await button(page.getByRole('main'), 'Save').tap();
}

/**
 * Adds a child through both forms, from the Device card screen. `first`: the add form is
 * already open (no child yet); otherwise "Add another child" opens it.
 */
async function addCard(page, card, { first = true } = {}) {
  const name = card.child.find(([label]) => label === "Child's name (required)")[1];
  if (!first) await button(page, 'Add another child').tap();
  const childForm = form(page, 'Add a child');
  await childForm.waitFor({ state: 'visible' });
  await fillFields(childForm, card.child);
  await tapSave(page);
  await expectStatus(page, `${name}'s details saved. Now the pump and drug.`);
  const pumpForm = form(page, `Pump and drug for ${name}`);
  await pumpForm.waitFor({ state: 'visible' });
  await fillFields(pumpForm, card.pump);
  await tapSave(page);
  await expectStatus(page, `${name}'s card saved.`);
  await expectSummary(page, name);
}

/** Checks every part of Maya's full card summary. */
async function expectMayaSummary(page) {
  await expectSummary(page, 'Maya Rivera');
  assert.deepEqual(await facts(region(page, 'Maya Rivera')), MAYA_FACTS, 'child details in the summary');
  assert.deepEqual(await facts(region(page, 'Pump and drug')), MAYA_PUMP_FACTS, 'pump and drug in the summary');
  assert.deepEqual(await listItems(region(page, 'Medicines')), MAYA_MEDICINES, 'medicines in the summary');
  const contacts = region(page, 'Contacts and doctors');
  assert.deepEqual(await listItems(contacts), MAYA_CONTACTS, 'contacts in the summary');
  for (const phone of ['+1 555 010 1000', '(555) 010-1001', '+1 555 010 2000', '+1 555 010 2999']) {
    const href = await contacts.getByRole('link', { name: phone, exact: true }).getAttribute('href');
    assert.ok(href?.startsWith('tel:'), `${phone} is a tel: link (href ${href})`);
    assert.equal(href.replace(/\D/g, ''), phone.replace(/\D/g, ''), `${phone}: tel: link dials the same digits`);
  }
  const signs = region(page, "Maya Rivera's own signs");
  assert.deepEqual(await listItems(signs), MAYA_SIGNS, "Maya's own signs in the summary");
  assert.deepEqual(
    (await signs.getByRole('heading', { level: 3 }).allInnerTexts()).map(squash),
    ['Overdose', 'Withdrawal'],
  );
  // The header says whose card this is.
  await banner(page).getByText('Maya Rivera', { exact: true }).waitFor({ state: 'visible' });
}

/** Opens the Home screen, taps "Add your first child", types Maya's full card. */
async function addMaya(page) {
  await open(page, HOME);
  await page.getByRole('link', { name: 'Add your first child', exact: true }).tap();
  await expectScreen(page, CARD);
  await addCard(page, { child: MAYA_CHILD, pump: MAYA_PUMP });
}

/** The error message tied to a field (through aria-describedby), and aria-invalid. */
async function fieldMessage(scope, label) {
  const input = field(scope, label);
  const ids = (await input.getAttribute('aria-describedby')) || '';
  assert.ok(ids.trim(), `"${label}" has aria-describedby`);
  const texts = [];
  for (const id of ids.trim().split(/\s+/)) {
    texts.push(await scope.page().evaluate((i) => document.getElementById(i)?.innerText ?? '', id));
  }
  return { invalid: await input.getAttribute('aria-invalid'), text: squash(texts.join(' ')) };
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

async function reload(page) {
  const response = await page.reload({ waitUntil: 'load' });
  assert.equal(response?.status(), 200, 'reload returns 200');
}

async function tempDir() {
  return mkdtemp(path.join(tmpdir(), 'itb-card-'));
}

// ---------------------------------------------------------------- tests

test('a. a full SynchroMed II card typed through the labelled fields shows every value with its unit', async () => {
  await withCardPage(async ({ page }) => {
    await addMaya(page);
    await expectMayaSummary(page);
    assert.deepEqual(
      await button(page, 'Edit pump and drug').count(),
      1,
      'the pump can be edited from the summary',
    );
    for (const name of ['Edit child details', 'Add another child', 'Export this card', 'Export all cards', "Delete Maya Rivera's card"]) {
      await button(page, name).waitFor({ state: 'visible' });
    }
    const saved = await stored(page);
    assert.equal(saved.family.children.length, 1, 'one child saved');
    const child = saved.family.children[0];
    assert.equal(child.name, 'Maya Rivera');
    assert.equal(child.date_of_birth, '2016-04-02');
    await screenshot(page, 'card-full');
  });
});

test('b. the whole card survives a reload and a new page in the same browser profile', async () => {
  await withCardPage(async ({ page, context, errors }) => {
    await addMaya(page);
    const savedBefore = await storedText(page);

    await reload(page);
    await expectScreen(page, CARD);
    await expectMayaSummary(page);
    const before = await screenText(page);
    assert.equal(await storedText(page), savedBefore, 'the saved file is unchanged by reading it');

    // Every field comes back into the edit forms exactly as typed.
    await button(page, 'Edit child details').tap();
    const childForm = form(page, "Edit Maya Rivera's details");
    await childForm.waitFor({ state: 'visible' });
    await expectFieldValues(childForm, MAYA_CHILD);
    await button(childForm, 'Cancel').tap();
    await expectSummary(page, 'Maya Rivera');
    await button(page, 'Edit pump and drug').tap();
    const pumpForm = form(page, 'Pump and drug for Maya Rivera');
    await pumpForm.waitFor({ state: 'visible' });
    await expectFieldValues(pumpForm, MAYA_PUMP);
    await button(pumpForm, 'Cancel').tap();

    // Close the page, open a new one in the same profile.
    const page2 = await context.newPage();
    page2.on('pageerror', (err) => errors.push(`page error (second page): ${err.message}`));
    await page.close();
    await open(page2, CARD);
    await expectMayaSummary(page2);
    assert.equal(await screenText(page2), before, 'the new page shows the same card');
    assert.equal(await storedText(page2), savedBefore, 'the saved file is unchanged by reading it');
  });
});

test('c. editing the daily dose updates the summary and the saved card', async () => {
  await withCardPage(async ({ page }) => {
    await open(page, CARD);
    await addCard(page, smallCard('Sam Lee', '2018-05-20'));
    assert.equal((await facts(region(page, 'Pump and drug')))['Daily dose'], '250 mcg/day');

    await button(page, 'Edit pump and drug').tap();
    const pumpForm = form(page, 'Pump and drug for Sam Lee');
    const dose = field(pumpForm, 'Daily dose in mcg/day (required)');
    assert.equal(await dose.inputValue(), '250', 'the form opens with the saved dose');
    await dose.fill('300');
    await tapSave(page);
    await expectStatus(page, "Sam Lee's card saved.");
    await expectSummary(page, 'Sam Lee');
    const after = await facts(region(page, 'Pump and drug'));
    assert.equal(after['Daily dose'], '300 mcg/day', 'summary shows the new dose');
    assert.equal(after.Concentration, '500 mcg/mL', 'other values unchanged');
    assert.equal(after['Reservoir volume'], '20 mL');

    await reload(page);
    await expectSummary(page, 'Sam Lee');
    assert.equal((await facts(region(page, 'Pump and drug')))['Daily dose'], '300 mcg/day', 'new dose after reload');
    const child = (await stored(page)).family.children[0];
    assert.equal(child.pump.drug.daily_dose_mcg_per_day, '300', 'stored dose is exactly 300');
    await button(page, 'Edit pump and drug').tap();
    assert.equal(
      await field(form(page, 'Pump and drug for Sam Lee'), 'Daily dose in mcg/day (required)').inputValue(),
      '300',
    );
  });
});

test('d. invalid input shows its message next to the field and saves nothing', async () => {
  await withCardPage(async ({ page, prompts }) => {
    await open(page, CARD);
    await addCard(page, smallCard('Sam Lee', '2018-05-20'));
    const savedBefore = await storedText(page);
    const summaryBefore = await facts(region(page, 'Pump and drug'));

    // Alarm volume above the reservoir volume.
    await button(page, 'Edit pump and drug').tap();
    const pumpForm = form(page, 'Pump and drug for Sam Lee');
    await field(pumpForm, 'Low-reservoir alarm volume in mL').fill('25');
    await tapSave(page);
    const alert = pumpForm.getByRole('alert');
    await alert.filter({ hasText: '1 field needs attention. Nothing was saved.' }).waitFor();
    let alarm = await fieldMessage(pumpForm, 'Low-reservoir alarm volume in mL');
    assert.equal(alarm.invalid, 'true', 'alarm volume is aria-invalid');
    assert.match(alarm.text, /The alarm volume must be below the reservoir volume \(20 mL\)/);
    assert.equal(await storedText(page), savedBefore, 'nothing saved after a refused save');

    // An implant date in the future as well: two messages.
    await field(pumpForm, 'Implant date').fill('2026-12-01');
    await tapSave(page);
    await alert.filter({ hasText: '2 fields need attention. Nothing was saved.' }).waitFor();
    const implant = await fieldMessage(pumpForm, 'Implant date');
    assert.equal(implant.invalid, 'true', 'implant date is aria-invalid');
    assert.match(implant.text, /cannot be in the future \(today is Mon 23 Nov 2026\)/, "the date in the one format of every screen");
    alarm = await fieldMessage(pumpForm, 'Low-reservoir alarm volume in mL');
    assert.equal(alarm.invalid, 'true');
    const reservoir = await field(pumpForm, 'Reservoir volume in mL').getAttribute('aria-invalid');
    assert.notEqual(reservoir, 'true', 'a valid field is not marked invalid');
    assert.equal(await storedText(page), savedBefore, 'still nothing saved');

    // A zero dose is refused too.
    await field(pumpForm, 'Daily dose in mcg/day (required)').fill('0');
    await tapSave(page);
    await alert.filter({ hasText: '3 fields need attention. Nothing was saved.' }).waitFor();
    assert.match((await fieldMessage(pumpForm, 'Daily dose in mcg/day (required)')).text, /more than 0/);

    // Leave by reloading (the browser asks first; accepted): the old values are unchanged.
    await reload(page);
    assert.ok(prompts.includes('beforeunload'), `the browser asked before the reload lost the form (dialogs: ${prompts.join(', ') || 'none'})`);
    await expectSummary(page, 'Sam Lee');
    assert.deepEqual(await facts(region(page, 'Pump and drug')), summaryBefore, 'pump card unchanged after reload');
    assert.equal(await storedText(page), savedBefore, 'saved file unchanged after reload');

    // Child form: a phone with 2 digits is refused.
    await button(page, 'Edit child details').tap();
    const childForm = form(page, "Edit Sam Lee's details");
    await childForm.getByRole('button', { name: 'Guardians and emergency contacts', exact: true }).tap();
    await field(childForm, 'Contact 1 phone').fill('12');
    await field(childForm, 'Date of birth (required)').fill('2027-01-01');
    await tapSave(page);
    await childForm.getByRole('alert').filter({ hasText: '2 fields need attention. Nothing was saved.' }).waitFor();
    const phone = await fieldMessage(childForm, 'Contact 1 phone');
    assert.equal(phone.invalid, 'true');
    assert.match(phone.text, /3 to 15 digits/);
    assert.match((await fieldMessage(childForm, 'Date of birth (required)')).text, /cannot be in the future/);
    await button(childForm, 'Cancel').tap();
    await expectSummary(page, 'Sam Lee');
    assert.equal(await storedText(page), savedBefore, 'cancel saves nothing');

    // A warning ("Check: ...") informs but does not block.
    await button(page, 'Edit pump and drug').tap();
    const pumpForm2 = form(page, 'Pump and drug for Sam Lee');
    await field(pumpForm2, 'Concentration in mcg/mL (required)').fill('4000');
    const warning = await fieldMessage(pumpForm2, 'Concentration in mcg/mL (required)');
    assert.match(warning.text, /Check: /, 'an unusual concentration shows a "Check:" warning');
    assert.notEqual(warning.invalid, 'true', 'a warning is not an error');
    // 500 -> 4000 mcg/mL is a change of 2x or more: confirmed against the printout first
    // (reference §5, issue 24.4), then saved.
    await tapSave(page);
    await pumpForm2.getByRole('alert').filter({ hasText: 'Nothing was saved.' }).first().waitFor();
    await pumpForm2.getByLabel('I checked the new dose and concentration against the clinic printout', { exact: true }).check();
    await tapSave(page);
    await expectStatus(page, "Sam Lee's card saved.");
    assert.equal((await facts(region(page, 'Pump and drug'))).Concentration, '4000 mcg/mL');
  });
});

test('d2. a new child with an empty name is refused and no child appears', async () => {
  await withCardPage(async ({ page, prompts }) => {
    await open(page, CARD);
    const childForm = form(page, 'Add a child');
    await childForm.waitFor({ state: 'visible' });
    await fillFields(childForm, [
      ['Date of birth (required)', '2019-02-03'],
      ['Contact 1 (parent or guardian) name', 'Ana Rivera'],
      ['Contact 1 phone', '+1 555 010 1000'],
      ['Pump clinic or managing physician', 'Riverside Pump Clinic'],
      ['Pump clinic phone', '+1 555 010 2000'],
    ]);
    await tapSave(page);
    await childForm.getByRole('alert').filter({ hasText: '1 field needs attention. Nothing was saved.' }).waitFor();
    const name = await fieldMessage(childForm, "Child's name (required)");
    assert.equal(name.invalid, 'true');
    assert.match(name.text, /Child's name is required/);
    assert.equal(await storedText(page), null, 'nothing saved');
    await banner(page).getByText('No child added yet').waitFor({ state: 'visible' });

    await reload(page);
    assert.ok(prompts.includes('beforeunload'), 'the browser asked before the reload lost the form');
    await expectScreen(page, CARD);
    assert.equal(await storedText(page), null, 'still nothing saved after reload');
    await banner(page).getByText('No child added yet').waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('group', { name: 'Whose card to show' }).count(), 0, 'no switcher');
  });
});

/** Exports with `buttonName`, saves the download into `dir`, returns [path, suggested name]. */
async function exportCard(page, buttonName, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, buttonName).tap()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return [file, download.suggestedFilename()];
}

/**
 * In a fresh page with no card, reaches the import control. With no child the Device card
 * opens the "Add a child" form straight away; "Import a card file" is offered once that
 * form is closed (Cancel).
 */
async function importPicker(page) {
  const picker = page.getByLabel('Import a card file', { exact: true });
  if ((await picker.count()) === 0) {
    await button(form(page, 'Add a child'), 'Cancel').tap();
  }
  await picker.waitFor({ state: 'attached' });
  return picker;
}

test('e. export then import into a fresh profile reproduces the card exactly', async () => {
  const dir = await tempDir();
  try {
    let summary1;
    let family1;
    let exportedFile;
    let childFile;
    await withCardPage(async ({ page }) => {
      await addMaya(page);
      // A second, short card so the family export holds two children.
      await addCard(page, smallCard('Leo Rivera', '2019-09-09'), { first: false });
      await page.getByRole('group', { name: 'Whose card to show' }).getByRole('button', { name: 'Maya Rivera', exact: true }).tap();
      await expectSummary(page, 'Maya Rivera');

      let name;
      [exportedFile, name] = await exportCard(page, 'Export all cards', dir);
      assert.equal(name, `itb-family-${TODAY}.json`);
      await expectStatus(page, `Downloaded ${name}.`);
      const exported = JSON.parse(await readFile(exportedFile, 'utf8'));
      assert.equal(exported.kind, 'family');
      assert.equal(exported.family.children.length, 2);

      [childFile, name] = await exportCard(page, 'Export this card', dir);
      assert.equal(name, `itb-card-maya-rivera-${TODAY}.json`);
      const one = JSON.parse(await readFile(childFile, 'utf8'));
      assert.equal(one.kind, 'child');
      assert.deepEqual(one.family.children.map((c) => c.name), ['Maya Rivera']);

      await reload(page);
      await expectMayaSummary(page);
      summary1 = await screenText(page);
      family1 = (await stored(page)).family;
      assert.deepEqual(exported.family, family1, 'the export holds exactly the saved family');
    });

    // A fresh profile: import the family file.
    await withCardPage(async ({ page }) => {
      await open(page, CARD);
      assert.equal(await storedText(page), null, 'the new profile starts empty');
      await (await importPicker(page)).setInputFiles(exportedFile);
      const dialog = page.getByRole('dialog', { name: 'Check the import', exact: true });
      await dialog.waitFor({ state: 'visible' });
      const changes = await listItems(dialog);
      assert.ok(changes.includes('Card: Maya Rivera') && changes.includes('Card: Leo Rivera'), `the preview lists both cards: ${changes.join(' | ')}`);
      assert.equal(await storedText(page), null, 'nothing is imported before the person confirms');
      await button(dialog, 'Import').tap();
      await expectStatus(page, 'Imported. "Undo import" at the top puts the cards back as they were.');
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('group', { name: 'Whose card to show' }).waitFor({ state: 'visible' });

      await reload(page);
      await expectMayaSummary(page);
      assert.equal(await screenText(page), summary1, 'the Device card reads exactly the same in both profiles');
      // The cards and settings are identical; the revision counts this profile's own saves.
      const { revision: _importedRevision, ...imported } = (await stored(page)).family;
      const { revision: _exportedRevision, ...exported } = family1;
      assert.deepEqual(imported, exported, 'the saved family is identical');
    });

    // Another fresh profile: import one child's card.
    await withCardPage(async ({ page }) => {
      await open(page, CARD);
      await (await importPicker(page)).setInputFiles(childFile);
      const dialog = page.getByRole('dialog', { name: 'Check the import', exact: true });
      await dialog.waitFor({ state: 'visible' });
      assert.deepEqual(await listItems(dialog), ["Add Maya Rivera's card."]);
      await button(dialog, 'Import').tap();
      await expectStatus(page, 'Imported. "Undo import" at the top puts the cards back as they were.');
      await reload(page);
      await expectMayaSummary(page);
      const family = (await stored(page)).family;
      assert.equal(family.children.length, 1);
      const { id: _a, ...mine } = family.children[0];
      const { id: _b, ...original } = family1.children.find((c) => c.name === 'Maya Rivera');
      assert.deepEqual(mine, original, "Maya's card (all but its local id) is identical");
      const summary = await screenText(page);
      assert.ok(summary.includes('Medtronic SynchroMed II 8637-20') && summary.includes('Mon 2 Nov 2026, 20 mL filled'));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('f. a bad import file shows a clear alert and changes nothing', async () => {
  const dir = await tempDir();
  try {
    await withCardPage(async ({ page }) => {
      await open(page, CARD);
      await addCard(page, smallCard('Sam Lee', '2018-05-20'));
      await reload(page);
      await expectSummary(page, 'Sam Lee');
      const savedBefore = await storedText(page);
      const screenBefore = await screenText(page);

      const cases = [
        ['hello.json', '{"hello":1}', /^This is not an ITB Companion file\. Nothing was changed\.$/],
        ['cut.json', savedBefore.slice(0, Math.floor(savedBefore.length / 2)), /^The file is damaged or cut short .*Nothing was changed\.$/],
        ['empty.json', '', /^The file is empty\. Nothing was changed\.$/],
        ['newer.json', JSON.stringify({ ...JSON.parse(savedBefore), schema_version: 99 }), /newer version of the app.*Nothing was changed\.$/],
      ];
      for (const [name, content, expected] of cases) {
        const file = path.join(dir, name);
        await writeFile(file, content);
        await page.getByLabel('Import a card file', { exact: true }).setInputFiles(file);
        const alert = page.getByRole('main').getByRole('alert').filter({ hasText: 'Nothing was changed.' });
        const text = await waitForText(alert, expected);
        assert.match(text, expected, `${name}: alert says "${text}"`);
        assert.equal(await page.getByRole('dialog', { name: 'Check the import' }).count(), 0, `${name}: no import offered`);
        assert.equal(await storedText(page), savedBefore, `${name}: saved card unchanged`);
        // Clear the picker so the next file is a change.
        await page.getByLabel('Import a card file', { exact: true }).setInputFiles([]);
      }
      await reload(page);
      await expectSummary(page, 'Sam Lee');
      assert.equal(await screenText(page), screenBefore, 'card unchanged after reload');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('g. two children: the switcher shows both, switches the card, delete asks and Undo brings it back', async () => {
  await withCardPage(async ({ page }) => {
    await open(page, CARD);
    await addCard(page, smallCard('Maya Rivera', '2016-04-02'));
    assert.equal(await banner(page).getByRole('group', { name: 'Whose card to show' }).count(), 0, 'no switcher with one child');
    await banner(page).getByText('Maya Rivera', { exact: true }).waitFor();

    const leo = smallCard('Leo Rivera', '2019-09-09');
    leo.pump = leo.pump.map(([l, v]) => (l.startsWith('Daily dose') ? [l, '180'] : [l, v]));
    await addCard(page, leo, { first: false });

    const switcher = banner(page).getByRole('group', { name: 'Whose card to show', exact: true });
    await switcher.waitFor({ state: 'visible' });
    const mayaButton = button(switcher, 'Maya Rivera');
    const leoButton = button(switcher, 'Leo Rivera');
    assert.equal(await switcher.getByRole('button').count(), 2);
    assert.equal(await leoButton.getAttribute('aria-pressed'), 'true', 'the new child is shown');
    assert.equal(await mayaButton.getAttribute('aria-pressed'), 'false');
    assert.equal((await facts(region(page, 'Pump and drug')))['Daily dose'], '180 mcg/day');

    await mayaButton.tap();
    await expectSummary(page, 'Maya Rivera');
    assert.equal(await mayaButton.getAttribute('aria-pressed'), 'true');
    assert.equal(await leoButton.getAttribute('aria-pressed'), 'false');
    assert.equal((await facts(region(page, 'Pump and drug')))['Daily dose'], '250 mcg/day', "Maya's dose is shown");
    assert.equal(await region(page, 'Leo Rivera').count(), 0, "Leo's card is not shown");

    // The choice is per screen: Home lists both, the switcher stays.
    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
    await expectScreen(page, HOME);
    await mainNav(page).getByRole('link', { name: 'Device card', exact: true }).tap();
    await expectSummary(page, 'Maya Rivera');

    // Delete asks first; "Keep the card" keeps it.
    const savedTwo = await storedText(page);
    await button(page, "Delete Maya Rivera's card").tap();
    await page.getByRole('main').getByRole('alert').filter({ hasText: "Delete Maya Rivera's card from this device?" }).waitFor();
    await button(page, 'Keep the card').tap();
    await button(page, "Delete Maya Rivera's card").waitFor();
    assert.equal(await storedText(page), savedTwo, 'keeping changes nothing');

    await button(page, "Delete Maya Rivera's card").tap();
    await button(page, "Yes, delete Maya Rivera's card").tap();
    await expectStatus(page, "Maya Rivera's card was deleted.");
    await expectSummary(page, 'Leo Rivera');
    assert.equal(await switcher.count(), 0, 'no switcher with one child left');
    await banner(page).getByText('Leo Rivera', { exact: true }).waitFor();
    assert.deepEqual((await stored(page)).family.children.map((c) => c.name), ['Leo Rivera'], 'the deletion is saved');

    await button(page, 'Undo delete').tap();
    await switcher.waitFor({ state: 'visible' });
    await expectSummary(page, 'Maya Rivera');
    assert.equal(await mayaButton.getAttribute('aria-pressed'), 'true', 'the restored child is shown');
    assert.equal(await button(page, 'Undo delete').count(), 0, 'the undo banner is gone');
    // Every save counts up the family's revision (two tabs never overwrite each other); the
    // cards themselves come back exactly.
    const withoutRevision = (text) => JSON.stringify({ ...JSON.parse(text), family: { ...JSON.parse(text).family, revision: undefined } });
    assert.equal(withoutRevision(await storedText(page)), withoutRevision(savedTwo), 'undo restores exactly what was saved');
    assert.ok(JSON.parse(await storedText(page)).family.revision > JSON.parse(savedTwo).family.revision, 'the undo is a new save');

    await reload(page);
    await switcher.waitFor({ state: 'visible' });
    assert.deepEqual((await switcher.getByRole('button').allInnerTexts()).map((t) => squash(t).replace(/^\S+\s/, '')), ['Maya Rivera', 'Leo Rivera']);
  });
});

test('i. typing key by key without pauses keeps every character', async () => {
  await withCardPage(async ({ page }) => {
    await open(page, CARD);
    const childForm = form(page, 'Add a child');
    const cases = [
      ["Child's name (required)", "Maya-Sofía O'Neil Rivera"],
      ['Medicine 1 schedule', 'twice a day, 8:00 and 20:00 (with food)'],
      ['Weight in kg', '24.575'],
      ['Contact 1 phone', '+1 (555) 010-1000'],
    ];
    await openFoldedSections(childForm);
    for (const [label, value] of cases) {
      const input = field(childForm, label);
      await input.tap();
      await input.pressSequentially(value);
      // Let any late re-render land before reading the value back.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.equal(await input.inputValue(), value, `"${label}" keeps every typed character`);
    }
  });
});

test('h. leaving a half-filled form asks first', async () => {
  await withCardPage(async ({ page }) => {
    await open(page, CARD);
    const childForm = form(page, 'Add a child');
    await childForm.waitFor({ state: 'visible' });

    // An untouched form does not ask.
    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
    await expectScreen(page, HOME);
    await mainNav(page).getByRole('link', { name: 'Device card', exact: true }).tap();
    await expectScreen(page, CARD);
    await childForm.waitFor({ state: 'visible' });

    await field(childForm, "Child's name (required)").fill('Maya');
    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).tap();
    const ask = page.getByRole('alertdialog', { name: /^You have unsaved changes/ });
    await ask.waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('alertdialog').count(), 1);
    await expectScreen(page, CARD);

    await button(ask, 'Stay and finish').tap();
    await ask.waitFor({ state: 'detached' });
    await expectScreen(page, CARD);
    assert.equal(await field(childForm, "Child's name (required)").inputValue(), 'Maya', 'the typed name is kept');

    // The Emergency card is never blocked, and the form is still there on return.
    await banner(page).getByRole('link', { name: 'Emergency card', exact: true }).tap();
    await expectScreen(page, EMERGENCY);
    await mainNav(page).getByRole('link', { name: 'Device card', exact: true }).tap();
    await expectScreen(page, CARD);
    assert.equal(await field(form(page, 'Add a child'), "Child's name (required)").inputValue(), 'Maya', 'the half-filled form is kept');

    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).tap();
    await ask.waitFor({ state: 'visible' });
    await button(ask, 'Leave without saving').tap();
    await expectScreen(page, SCREENS.find((s) => s.key === 'settings'));
    assert.equal(await storedText(page), null, 'nothing was saved');
    await banner(page).getByText('No child added yet').waitFor({ state: 'visible' });
  });
});
