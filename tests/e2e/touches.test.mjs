// Logged touches you can fix, and events that know they were logged, through the real page: a
// Timeline row clicked open and edited, deleted with "Deleted · Undo" and with Ctrl+Z; a row of a
// person's history edited and deleted; a tweetup logged with the quick log, then the event made
// for the same day and people, which offers to log nobody twice; the quick log attached to an
// event; deleting an event keeps its touches; the quick log pre-filled from a person's page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, nextFrames, openApp, openContact, probe, retype, screenshot, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function logFromPage(page, { kind, date, notes }) {
  const before = Number((await probe(page)).values['store.interactions']);
  await click(page, 'contact.log');
  await click(page, 'log.kind');
  await click(page, `log.kind.${kind}`);
  await retype(page, 'log.date', date);
  await typeInto(page, 'log.notes', notes);
  await click(page, 'log.save');
  await waitValue(page, 'store.interactions', String(before + 1));
}

// The quick log (Ctrl+L) with people picked by name.
async function quickLog(page, { people, kind, date, notes }) {
  await page.keyboard.press('Control+L');
  await page.waitForFunction(() => window.__ties.widgets['quicklog.people.field']);
  for (const name of people) {
    await typeInto(page, 'quicklog.people.field', name.split(' ')[0].toLowerCase());
    await click(page, `quicklog.people.match.${name}`);
  }
  await waitValue(page, 'quicklog.people.count', String(people.length));
  await click(page, 'quicklog.kind');
  await click(page, `quicklog.kind.${kind}`);
  await retype(page, 'quicklog.date', date);
  if (notes) await typeInto(page, 'quicklog.notes', notes);
}

async function newEvent(page, { name, date, people }) {
  await click(page, 'nav.Events');
  if ((await probe(page)).widgets['event.back']) await click(page, 'event.back');
  await click(page, 'events.new');
  await typeInto(page, 'event.name', name);
  await click(page, 'event.kind');
  await click(page, 'event.kind.Tweetup');
  await retype(page, 'event.date', date);
  for (const person of people) {
    await typeInto(page, 'event.people.field', person.split(' ')[0].toLowerCase());
    await click(page, `event.people.match.${person}`);
  }
  await waitValue(page, 'event.people.count', String(people.length));
  await click(page, 'event.save');
  await waitValue(page, 'event.title', name);
}

test('a Timeline row opens to edit every field; delete shows "Deleted · Undo"; Ctrl+Z too; kept across a reload', async () => {
  const context = await launch({ viewport: TALL });
  try {
    let page = await openApp(context, server.url);
    await waitValue(page, 'storage.mode', 'writer');
    await addContact(page, 'Ada Lovelace');
    await addContact(page, 'Grace Hopper');
    await openContact(page, 'Ada Lovelace');
    await logFromPage(page, { kind: 'Coffee', date: '2024-03-12', notes: 'Coffee at Fjord Labs' });

    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '1');
    await click(page, 'timeline.row.0.edit');
    await waitValue(page, 'timeline.edit.kind', 'Coffee');
    assert.equal((await probe(page)).values['timeline.edit.notes'], 'Coffee at Fjord Labs');
    // Bad input: a clear message, nothing saved, nothing lost.
    await retype(page, 'timeline.edit.time', '25:99');
    await click(page, 'timeline.edit.save');
    await waitValue(page, 'form.error', /^Time: write it as HH:MM/);
    assert.equal((await probe(page)).values['timeline.edit.notes'], 'Coffee at Fjord Labs');
    // Every field: kind, date, time, people, who reached out, duration, notes, follow-up.
    await click(page, 'timeline.edit.kind');
    await click(page, 'timeline.edit.kind.Meal or drinks');
    await retype(page, 'timeline.edit.date', '2024-03-13');
    await retype(page, 'timeline.edit.time', '19:30');
    await typeInto(page, 'timeline.edit.people.field', 'grace');
    await click(page, 'timeline.edit.people.match.Grace Hopper');
    await waitValue(page, 'timeline.edit.people.count', '2');
    await click(page, 'timeline.edit.initiator.Them');
    await waitValue(page, 'timeline.edit.initiator', 'Them');
    await click(page, 'timeline.edit.duration');
    await retype(page, 'timeline.edit.notes', 'Dinner at Fjord Labs');
    await click(page, 'timeline.edit.followup');
    await typeInto(page, 'timeline.edit.followup.text', 'Send the paper');
    await screenshot(page, 'timeline-row-editor');
    await click(page, 'timeline.edit.save');
    await waitValue(page, 'timeline.row.0', '2024-03-13 | Meal or drinks | Ada Lovelace, Grace Hopper | Dinner at Fjord Labs');
    assert.equal((await probe(page)).values['store.interactions'], '1', 'edited, not added');
    assert.match((await probe(page)).values['undo.label'], /Edit meal or drinks with Ada Lovelace and 1 more/);

    // Delete: the notice offers Undo; its button brings the row back.
    await click(page, 'timeline.row.0.edit');
    await click(page, 'timeline.edit.delete');
    await waitValue(page, 'timeline.deleted', 'Deleted');
    await waitValue(page, 'timeline.count', '0');
    await click(page, 'timeline.deleted.undo');
    await waitValue(page, 'timeline.count', '1');
    // And Ctrl+Z after another delete.
    await click(page, 'timeline.row.0.edit');
    await click(page, 'timeline.edit.delete');
    await waitValue(page, 'timeline.count', '0');
    await page.keyboard.press('Control+Z');
    await waitValue(page, 'timeline.count', '1');
    await waitValue(page, 'timeline.row.0', /Dinner at Fjord Labs/);

    await waitValue(page, 'save.status', 'Saved');
    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.row.0', '2024-03-13 | Meal or drinks | Ada Lovelace, Grace Hopper | Dinner at Fjord Labs');
    await click(page, 'timeline.row.0.edit');
    await waitValue(page, 'timeline.edit.initiator', 'Them');
    assert.equal((await probe(page)).values['timeline.edit.time'], '19:30');
    assert.equal((await probe(page)).values['timeline.edit.followup.text'], 'Send the paper');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a row of a person\'s history opens to edit or delete; both log forms say "Me" reached out', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace');
    await openContact(page, 'Ada Lovelace');
    await click(page, 'contact.log');
    await waitValue(page, 'log.initiator', 'Me');
    await click(page, 'log.cancel');
    // Ctrl+L on her page: the quick log starts with her, and with the same default.
    await page.keyboard.press('Control+L');
    await waitValue(page, 'quicklog.people.count', '1');
    await waitValue(page, 'quicklog.initiator', 'Me');
    await typeInto(page, 'quicklog.notes', 'Quick hello');
    await page.keyboard.press('Enter');
    await waitValue(page, 'store.interactions', '1');
    await waitValue(page, 'contact.history.0', /Quick hello$/);
    assert.match((await probe(page)).values['contact.history.0'], /you reached out/);

    await click(page, 'contact.history.0.edit');
    await waitValue(page, 'history.edit.notes', 'Quick hello');
    await retype(page, 'history.edit.notes', 'A long call about compilers');
    await click(page, 'history.edit.kind');
    await click(page, 'history.edit.kind.Call');
    await click(page, 'history.edit.save');
    await waitValue(page, 'contact.history.0', /Call .*\| A long call about compilers$/);
    await click(page, 'contact.history.0.edit');
    await click(page, 'history.edit.delete');
    await waitValue(page, 'history.deleted', 'Deleted');
    await waitValue(page, 'contact.interactions', '0');
    await click(page, 'history.deleted.undo');
    await waitValue(page, 'contact.interactions', '1');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a tweetup logged first, then its event: nobody is logged twice; the quick log attaches; deleting the event keeps the touches', async () => {
  let context = await launch({ viewport: TALL });
  const profile = context.profile;
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'storage.mode', 'writer');
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Linus Park']) await addContact(page, name);
    await click(page, 'nav.Timeline');
    await quickLog(page, { people: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'], kind: 'Meetup or event', date: '2024-03-12', notes: 'Tweetup' });
    await waitValue(page, 'quicklog.events', '0');
    await click(page, 'quicklog.save');
    await waitValue(page, 'store.interactions', '1');

    // The event for the same day and people: everyone is logged already.
    await newEvent(page, { name: 'Rust tweetup', date: '2024-03-12', people: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'] });
    await waitValue(page, 'event.covered', 'Ada Lovelace, Grace Hopper, Alan Turing');
    await waitValue(page, 'event.touches', '1');
    assert.match((await probe(page)).values['event.already'], /^Already logged: Ada Lovelace, Grace Hopper, Alan Turing\. Everyone/);
    await click(page, 'event.log');  // disabled: nothing to log
    await nextFrames(page, 4);
    assert.equal((await probe(page)).values['store.interactions'], '1');

    // Linus was there too: only he is logged, and the earlier tweetup is linked.
    await click(page, 'event.edit');
    await typeInto(page, 'event.people.field', 'linus');
    await click(page, 'event.people.match.Linus Park');
    await click(page, 'event.save');
    await waitValue(page, 'event.attendees', '4');
    assert.match((await probe(page)).values['event.already'], /adds only the others/);
    await click(page, 'event.log');
    await waitValue(page, 'store.interactions', '2');
    await waitValue(page, 'event.notice', /^Logged the meeting with 1 person/);
    await waitValue(page, 'event.covered', 'Ada Lovelace, Grace Hopper, Alan Turing, Linus Park');
    await waitValue(page, 'event.touches', '2');
    const touches = (await probe(page)).values;
    assert.ok([touches['event.touch.0'], touches['event.touch.1']].some((t) => /Meetup or event .* Linus Park/.test(t)));
    await screenshot(page, 'event-page-logged');

    // The quick log on the event page: its day, its people, attached to it.
    await page.keyboard.press('Control+L');
    await waitValue(page, 'quicklog.event', 'Rust tweetup');
    await waitValue(page, 'quicklog.people.count', '4');
    assert.equal((await probe(page)).values['quicklog.date'], '2024-03-12');
    await click(page, 'quicklog.kind');
    await click(page, 'quicklog.kind.Direct message');
    await typeInto(page, 'quicklog.notes', 'Slides sent to all');
    await click(page, 'quicklog.save');
    await waitValue(page, 'store.interactions', '3');
    await waitValue(page, 'event.touches', '3');

    // A coffee on another day, for a new event made from the quick log (from the Timeline: no
    // event page to pre-fill it).
    await click(page, 'nav.Timeline');
    await quickLog(page, { people: ['Ada Lovelace'], kind: 'Coffee', date: '2024-04-02' });
    await click(page, 'quicklog.event');
    await click(page, 'quicklog.event.new');
    await click(page, 'quicklog.save');
    await waitValue(page, 'quicklog.error', 'Event: give the new event a name, or choose None.');
    await typeInto(page, 'quicklog.event.name', 'Compiler club');
    await click(page, 'quicklog.save');
    await waitValue(page, 'store.interactions', '4');
    await click(page, 'nav.Events');
    if ((await probe(page)).widgets['event.back']) await click(page, 'event.back');
    await waitValue(page, 'events.count', '2');
    await click(page, 'events.row.Compiler club');
    await waitValue(page, 'event.covered', 'Ada Lovelace');

    // Deleting the tweetup leaves its three touches, unlinked.
    await click(page, 'event.back');
    await click(page, 'events.row.Rust tweetup');
    await click(page, 'event.delete');
    await click(page, 'event.delete.confirm');
    await waitValue(page, 'events.count', '1');
    assert.equal((await probe(page)).values['store.interactions'], '4');
    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '4');
    // The direct message of 12 March was for the tweetup; it is kept, for no event now.
    const rows = (await probe(page)).values;
    const slides = [0, 1, 2, 3].find((n) => /Slides sent to all$/.test(rows[`timeline.row.${n}`]));
    await click(page, `timeline.row.${slides}.edit`);
    await waitValue(page, 'timeline.edit.notes', 'Slides sent to all');
    assert.equal((await probe(page)).values['timeline.edit.event'], '');
    await click(page, 'timeline.edit.cancel');
    await click(page, 'undo');  // the event comes back, and the touches with it
    await click(page, 'timeline.row.' + slides + '.edit');
    await waitValue(page, 'timeline.edit.event', 'Rust tweetup');
    await click(page, 'timeline.edit.cancel');
    assert.deepEqual(page.problems, []);
    await waitValue(page, 'save.status', 'Saved');
    await closeAll(context, { keepProfile: true });

    // How the event page and the row editor look in the dark, on a laptop and a phone-sized screen.
    for (const [size, viewport] of [['laptop', TALL], ['phone', { width: 390, height: 844 }]]) {
      context = await launch({ profile, viewport, colorScheme: 'dark' });
      const shown = await openApp(context, server.url);
      await click(shown, 'nav.Events');
      await click(shown, 'events.row.Rust tweetup');
      await waitValue(shown, 'event.touches', '3');
      await screenshot(shown, `event-page-${size}-dark`);
      await click(shown, 'nav.Timeline');
      await click(shown, 'timeline.row.0.edit');
      await waitValue(shown, 'timeline.edit.kind', /./);
      await screenshot(shown, `timeline-row-editor-${size}-dark`);
      await closeAll(context, { keepProfile: size === 'laptop' });
    }
    context = null;
  } finally {
    if (context) await closeAll(context);
  }
});
