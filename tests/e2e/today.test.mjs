// Today through the real page, with "today" pinned to Tuesday 2026-03-10 (?test&today=...):
// people due are planned within the budget set in Settings; logging from the queue takes the
// person out of it; snoozing does too and survives a reload; the plan downloads as an .ics file;
// the contact page explains the tie's strength.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, addContact, click, closeAll, dropFiles, focusField, launch, openApp, openContact, probe, resize, screenshot, setNumber, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TODAY = 'test&today=20260310';
const TALL = { width: 1280, height: 1300 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// A contact in a circle, met on a given day and never contacted since: due (or overdue) today.
async function addTie(page, name, tier, firstMet) {
  await click(page, 'nav.Contacts');
  await click(page, 'contacts.new');
  await typeInto(page, 'contact.display_name', name);
  await click(page, 'contact.tier');
  await click(page, `contact.tier.${tier}`);
  await waitValue(page, 'contact.tier', tier);
  await typeInto(page, 'contact.first_met', firstMet);
  await click(page, 'contact.save');
  await waitValue(page, 'contact.name', name);
}

// Types a number into a Settings field and leaves it with Enter, which commits it.
async function planNames(page, list = 'today.plan') {
  const values = (await probe(page)).values;
  const count = Number(values[`${list}.count`] ?? 0);
  return Array.from({ length: count }, (_, n) => values[`${list}.${n}`]);
}

test('the plan fills up to the budget; logging or snoozing from the queue takes the person out', async () => {
  const context = await launch({ viewport: TALL });
  try {
    let page = await openApp(context, server.url, { query: TODAY });
    // Acquaintances are kept up yearly by a message; all three were met over a year ago.
    await addTie(page, 'Ada Lovelace', 'Acquaintances (500)', '2024-01-15');
    await addTie(page, 'Grace Hopper', 'Acquaintances (500)', '2024-06-01');
    await addTie(page, 'Alan Turing', 'Acquaintances (500)', '2024-09-01');

    await click(page, 'nav.Today');
    await waitValue(page, 'today.plan.count', '3');  // the default budget: 3 messages a day
    assert.deepEqual(await planNames(page), ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'],
                     'the longest overdue first');
    await screenshot(page, 'today-three-due');

    // One message a day: one today, the others later this week (Wednesday, Thursday).
    await click(page, 'nav.Settings');
    await setNumber(page, 'settings.budget.messages', 1);
    await waitValue(page, 'settings.budget', '2/180/1/30');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.plan.count', '1');
    assert.deepEqual(await planNames(page), ['Ada Lovelace']);
    assert.deepEqual(await planNames(page, 'today.later'), ['Grace Hopper', 'Alan Turing']);
    assert.equal((await probe(page)).values['today.over_budget.count'], '0');

    // Ten minutes a week: two messages fit (5 minutes each), the third is over budget.
    await click(page, 'nav.Settings');
    await setNumber(page, 'settings.budget.minutes', 10);
    await waitValue(page, 'settings.budget', '2/10/1/30');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.over_budget.count', '1');
    assert.deepEqual(await planNames(page), ['Ada Lovelace']);
    assert.deepEqual(await planNames(page, 'today.later'), ['Grace Hopper']);
    assert.match((await probe(page)).values['today.budget.minutes'], /^0 of 10 {2}\(\+10 planned\)$/);

    // Log from the queue: the quick log opens for Ada with a direct message chosen; Enter saves.
    assert.match((await probe(page)).values['today.plan.0'], /Ada Lovelace/);
    await click(page, 'today.plan.0.log');
    await waitValue(page, 'quicklog.kind', 'Direct message');
    await typeInto(page, 'quicklog.notes', 'Asked about her engine');
    await page.keyboard.press('Enter');
    await waitValue(page, 'store.interactions', '1');
    // Ada leaves the queue; the logged message counts against today and the week.
    await waitValue(page, 'today.budget.messages', '1 of 1');
    let values = (await probe(page)).values;
    assert.ok(!(await planNames(page)).includes('Ada Lovelace'));
    assert.equal(values['today.due.count'], '2');
    assert.match(values['today.budget.minutes'], /^5 of 10/);
    await screenshot(page, 'today-after-log');

    // Snooze Grace for a week from her row (tomorrow's plan): she leaves the queue.
    assert.deepEqual(await planNames(page, 'today.later'), ['Grace Hopper']);
    await click(page, 'today.later.0.name');  // open her page
    await waitValue(page, 'contact.name', 'Grace Hopper');
    await click(page, 'contact.snooze.week');
    await waitValue(page, 'contact.snoozed', /Snoozed until/);
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    assert.deepEqual(await planNames(page, 'today.later'), ['Alan Turing'], 'Alan takes the free slot');

    // After a reload the log and the snooze are still there.
    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    assert.equal((await probe(page)).values['store.interactions'], '1');
  } finally {
    await closeAll(context);
  }
});

test('snooze and archive from the row itself; the plan downloads as a calendar file', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await addTie(page, 'Ada Lovelace', 'Acquaintances (500)', '2024-01-15');
    await addTie(page, 'Grace Hopper', 'Acquaintances (500)', '2024-06-01');
    await addTie(page, 'Alan Turing', 'Close (15)', '2026-01-05');  // close: a meeting
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '3');
    assert.deepEqual(await planNames(page), ['Alan Turing', 'Ada Lovelace', 'Grace Hopper'],
                     'a close tie overdue by weeks outranks acquaintances');
    assert.match((await probe(page)).values['today.budget.meetings'], /^0 of 2 {2}\(\+1 planned\)$/);

    // The calendar file holds every planned touch, as all-day events.
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'today.export_ics')]);
    assert.equal(download.suggestedFilename(), 'ties-plan-2026-03-10.ics');
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    assert.match(ics, /SUMMARY:Meet Alan Turing\r\n/);
    assert.match(ics, /SUMMARY:Message Ada Lovelace\r\n/);
    assert.match(ics, /DTSTART;VALUE=DATE:20260310\r\n/);
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 3);
    assert.match(ics, /END:VCALENDAR\r\n$/);

    // Snooze from the row's menu, then archive from the row: both leave the queue, both undo.
    await click(page, 'today.plan.1.snooze');
    await click(page, 'today.plan.1.snooze.month');
    await waitValue(page, 'today.due.count', '2');
    assert.deepEqual(await planNames(page), ['Alan Turing', 'Grace Hopper']);
    await click(page, 'today.plan.1.archive');
    await waitValue(page, 'today.due.count', '1');
    await click(page, 'undo');
    await waitValue(page, 'today.due.count', '2');

    // Relax Alan's rhythm: every 3 weeks becomes every 2 months; he met them 64 days ago, so he
    // is still due, but now by a message-sized margin of the new rhythm.
    await click(page, 'today.plan.0.relax');
    await openContact(page, 'Alan Turing');
    await waitValue(page, 'contact.rhythm', /^Every 2 months, set for them/);
    await screenshot(page, 'today-contact-page');

    // On a phone the row's buttons wrap instead of running off the screen.
    await resize(page, { width: 390, height: 844 });
    await click(page, 'nav.Today');
    await waitValue(page, 'today.plan.0', /\S/);
    const widgets = (await probe(page)).widgets;
    const row = Object.entries(widgets).filter(([name]) => name.startsWith('today.plan.0.'));
    assert.ok(row.length >= 4, 'the row has its buttons');
    for (const [name, [x, , w]] of row) assert.ok(x + w <= 390, `${name} fits on the screen (${x}+${w})`);
    await screenshot(page, 'today-phone');
  } finally {
    await closeAll(context);
  }
});

test('people without a circle are offered the circles their history suggests, in one undoable step', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await addContact(page, 'Ada Lovelace');
    await addContact(page, 'Grace Hopper');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.unsorted.count', '2');
    assert.equal((await probe(page)).values['today.due.count'], '0', 'no circle, no reminders');
    assert.match((await probe(page)).values['today.unsorted'], /^2 people have no circle yet.*2 Recognisable \(1500\)/);
    await click(page, 'today.unsorted.accept');
    await waitValue(page, 'today.unsorted.count', '0');
    await openContact(page, 'Ada Lovelace');
    await waitValue(page, 'contact.suggested_tier', 'Recognisable (1500)');
    assert.match((await probe(page)).values['contact.rhythm'], /^No reminders/);
    await click(page, 'undo');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.unsorted.count', '2');
  } finally {
    await closeAll(context);
  }
});

test('follow-ups due, birthdays ahead and new ties to follow up', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    // A birthday in four days, typed without the year.
    await addContact(page, 'Ada Lovelace', { birthday: '03-14' });
    await waitValue(page, 'contact.inline.birthday', '03-14');
    // Met two days ago at a meetup, nothing since: a new tie to follow up.
    await addContact(page, 'Grace Hopper', { first_met: '2026-03-08' });
    // A coffee last week with a follow-up promised for yesterday.
    await openContact(page, 'Ada Lovelace');
    await click(page, 'contact.log');
    await typeInto(page, 'log.notes', 'Coffee');
    await click(page, 'log.followup');
    await typeInto(page, 'log.followup.text', 'Send the paper');
    await focusField(page, 'log.followup.date');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026-03-09');
    await click(page, 'log.save');
    await waitValue(page, 'store.interactions', '1');

    await click(page, 'nav.Today');
    await waitValue(page, 'today.follow_ups.count', '1');
    let values = (await probe(page)).values;
    assert.equal(values['today.follow_ups.0'], 'Send the paper  ·  Ada Lovelace');
    assert.equal(values['today.dates.count'], '1');
    assert.match(values['today.dates.0'], /^Ada Lovelace \| Birthday \| .*in 4 days$/);
    assert.equal(values['today.new.count'], '1');
    assert.equal(values['today.new.0'], 'Grace Hopper');
    await screenshot(page, 'today-follow-ups');

    // Done: the follow-up leaves; a message logged to Grace makes her an ongoing tie.
    await click(page, 'today.follow_ups.0.done');
    await waitValue(page, 'today.follow_ups.count', '0');
    await click(page, 'today.new.0.log');
    await page.keyboard.press('Enter');
    await waitValue(page, 'store.interactions', '2');
    await waitValue(page, 'today.new.count', '0');
  } finally {
    await closeAll(context);
  }
});

test('an import brings no "new ties"; an overdue close tie the budget leaves out comes first, with why', async () => {
  let context = await launch({ viewport: TALL });
  const profile = context.profile;
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await waitValue(page, 'storage.mode', 'writer');
    await dropFiles(page, [path.join(ROOT, 'tests', 'fixtures', 'vcard', 'contacts-v3.vcf')]);
    await waitValue(page, 'import.stage', 'preview');
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '2');
    await click(page, 'import.close');
    await addTie(page, 'Tomás Álvarez', 'Close (15)', '2024-07-08');   // 610 days ago, every 3 weeks
    await addTie(page, 'Grace Hopper', 'Acquaintances (500)', '2024-06-01');

    // A long meetup this week with one of the imported people: 120 of 10 minutes spent.
    await click(page, 'nav.Settings');
    await setNumber(page, 'settings.budget.minutes', 10);
    await waitValue(page, 'settings.budget', '2/10/3/30');
    await page.keyboard.press('Control+L');
    await typeInto(page, 'quicklog.people.field', 'ada');
    await click(page, 'quicklog.people.match.Ada Okafor');
    await click(page, 'quicklog.kind');
    await click(page, 'quicklog.kind.Meetup or event');
    await click(page, 'quicklog.save');
    await waitValue(page, 'store.interactions', '1');

    await click(page, 'nav.Today');
    await waitValue(page, 'today.new.count', '0');  // imported today, but not met today
    await waitValue(page, 'today.plan.count', '0');
    await waitValue(page, 'today.closest.count', '1');
    const values = (await probe(page)).values;
    assert.equal(values['today.closest.0'], 'Tomás Álvarez');
    assert.equal(values['today.closest.0.reason'],
                 "Overdue: 610 days since you met, you aim for every 3 weeks. Deferred: this week's 10 minutes are spent (120 logged).");
    assert.match(values['today.plan.empty'], /someone close is overdue/);
    // The others are listed with their reasons, not hidden behind a button.
    assert.equal(values['today.over_budget.count'], '2');
    assert.match(values['today.over_budget.0.reason'], /^Overdue: 647 days since you met, you aim for every year\. Deferred/);
    await screenshot(page, 'today-deferred-laptop');
    // Logging from the row opens the quick log for him.
    await click(page, 'today.closest.0.log');
    await waitValue(page, 'quicklog.people.count', '1');
    await click(page, 'quicklog.cancel');
    await waitValue(page, 'save.status', 'Saved');
    assert.deepEqual(page.problems, []);
    await closeAll(context, { keepProfile: true });

    // The same Today on a phone, in the dark theme.
    context = await launch({ profile, viewport: { width: 390, height: 844 }, touch: true, colorScheme: 'dark' });
    const phone = await openApp(context, server.url, { query: TODAY });
    await waitValue(phone, 'today.closest.count', '1');
    await screenshot(phone, 'today-deferred-phone-dark');
  } finally {
    await closeAll(context);
  }
});
