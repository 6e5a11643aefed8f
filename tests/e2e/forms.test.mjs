// Forms a parent can finish (issue 15.7), tried as a new user would on a phone: a refused save
// brings the first field in error into view and puts the focus in it, and the summary
// ("N fields need attention. Nothing was saved.") is on screen at the same time, not
// thousands of pixels above where the parent is looking.
//
// Run with: ITB_BASE_URL=http://127.0.0.1:8080 node --test tests/e2e/forms.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS, field, fillFields, open, screenshot, withPage } from './helpers.mjs';

const CARD = SCREENS.find((s) => s.key === 'card');

/** Whether the element is inside the visible part of the viewport (not under a sticky bar). */
async function inView(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) return false;
    const hit = document.elementFromPoint(r.left + Math.min(10, r.width / 2), r.top + Math.min(10, r.height / 2));
    return hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
  });
}

test('a refused save focuses the first field in error, with the summary in view', async () => {
  await withPage({}, async ({ page, errors }) => {
    await open(page, CARD);
    const form = page.getByRole('form', { name: 'Add a child', exact: true });
    await form.waitFor();
    // Issue 15.7: the first save needs only the name and date of birth; the other sections
    // are folded, each opened by its own button.
    const toggles = form.locator('button.section-toggle');
    assert.ok((await toggles.count()) >= 5, 'the later sections are folded behind buttons');
    const contactsToggle = form.getByRole('button', { name: 'Guardians and emergency contacts', exact: true });
    assert.equal(await contactsToggle.getAttribute('aria-expanded'), 'false');
    await contactsToggle.scrollIntoViewIfNeeded();
    await screenshot(page, 'child-form-folded');
    // A parent fills the name, opens the contacts, types a second contact's phone wrongly,
    // folds the section again and taps Save: the date of birth is missing.
    await fillFields(form, [["Child's name (required)", 'Maya']]);
    await contactsToggle.tap();
    assert.equal(await contactsToggle.getAttribute('aria-expanded'), 'true');
    await fillFields(form, [['Contact 2 phone', '12']]);
    await contactsToggle.tap();
    assert.equal(await field(form, 'Contact 2 phone').count(), 0, 'the folded section hides its fields');
    await form.getByRole('button', { name: 'Save', exact: true }).tap();

    const dob = field(form, 'Date of birth (required)');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.equal(focused, await dob.getAttribute('id'), 'the first field in error has the focus');
    assert.ok(await inView(dob), 'the focused field is on screen');
    const summary = page.getByRole('alert').filter({ hasText: /fields? needs? attention\. Nothing was saved\./ });
    assert.equal(await summary.count(), 1);
    assert.ok(await inView(summary), 'the summary is on screen at the same time');
    assert.equal(await contactsToggle.getAttribute('aria-expanded'), 'true', 'the folded section with an error opened');
    await screenshot(page, 'form-refused-save');

    // Fixing the date and saving again is refused for the phone in the section that opened,
    // which then has the focus, on screen.
    const dobId = await dob.getAttribute('id');
    await dob.fill('2016-04-02');
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('aria-invalid') === 'true' && document.activeElement.id !== id, dobId);
    assert.equal(await page.evaluate(() => document.activeElement.id), await field(form, 'Contact 2 phone').getAttribute('id'));
    assert.ok(await inView(page.locator(':focus')), 'the next field in error is on screen');

    // Emptying it, the card saves with the name and date of birth alone.
    await field(form, 'Contact 2 phone').fill('');
    await form.getByRole('button', { name: 'Save', exact: true }).tap();
    await page.getByRole('form', { name: 'Pump and drug for Maya', exact: true }).waitFor();
    assert.deepEqual(errors, []);
  });
});
