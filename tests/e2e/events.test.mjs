// Events through the real page: an event with someone you know and someone met there (created on
// the spot, in the same undoable change), "Log the meeting for everyone" reaching the Timeline and
// each person's page, all kept across a reload; editing attendees, deleting, and bad input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, openApp, openContact, probe, retype, screenshot, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function pickPerson(page, picker, query, label) {
  await typeInto(page, `${picker}.field`, query);
  await click(page, `${picker}.match.${label}`);
}

async function newPerson(page, picker, name) {
  await typeInto(page, `${picker}.field`, name);
  await click(page, `${picker}.create`);
}

async function openEvent(page, name) {
  await click(page, 'nav.Events');
  if ((await probe(page)).widgets['event.back']) await click(page, 'event.back');  // another page is open
  await click(page, `events.row.${name}`);
  await waitValue(page, 'event.title', name);
}

test('an event with a known and a new person; the meeting logged for everyone; kept across a reload', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'storage.mode', 'writer');
    await addContact(page, 'Ada Lovelace', { company: 'Analytical Engines' });

    await click(page, 'nav.Events');
    await waitValue(page, 'events.count', '0');
    await click(page, 'events.new');
    await typeInto(page, 'event.name', 'Rust Berlin');
    await click(page, 'event.kind');
    await click(page, 'event.kind.Tweetup');
    await waitValue(page, 'event.kind', 'Tweetup');
    await retype(page, 'event.date', '2024-03-12');
    await typeInto(page, 'event.place', 'c-base');
    await pickPerson(page, 'event.people', 'ada', 'Ada Lovelace');
    await waitValue(page, 'event.people.count', '1');
    await newPerson(page, 'event.people', 'Linus Park');
    await waitValue(page, 'event.people.count', '2');
    await screenshot(page, 'event-form');
    await click(page, 'event.save');
    await waitValue(page, 'event.title', 'Rust Berlin');
    await waitValue(page, 'event.attendees', '2');
    await waitValue(page, 'store.contacts', '2');

    // One undo takes back the event and the person created with it; redo brings both.
    assert.match((await probe(page)).values['undo.label'], /Rust Berlin and 1 new person/);
    await click(page, 'undo');
    await waitValue(page, 'store.contacts', '1');
    await waitValue(page, 'events.count', '0');
    await click(page, 'redo');
    await waitValue(page, 'store.contacts', '2');
    await waitValue(page, 'events.count', '1');

    await openEvent(page, 'Rust Berlin');
    await click(page, 'event.log');
    await waitValue(page, 'store.interactions', '1');
    assert.match((await probe(page)).values['event.notice'], /Logged the meeting with 2 people/);
    await screenshot(page, 'event-page');

    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '1');
    const row = (await probe(page)).values['timeline.row.0'];
    assert.equal(row, '2024-03-12 | Meetup or event | Ada Lovelace, Linus Park | At Rust Berlin');

    await openContact(page, 'Ada Lovelace');
    await waitValue(page, 'contact.interactions', '1');
    await openContact(page, 'Linus Park');
    await waitValue(page, 'contact.interactions', '1');
    assert.match((await probe(page)).values['contact.history.0'], /Meetup or event \| At Rust Berlin/);
    await waitValue(page, 'save.status', 'Saved');

    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '2');
    await waitValue(page, 'store.interactions', '1');
    await click(page, 'nav.Events');
    await waitValue(page, 'events.count', '1');
    await screenshot(page, 'events-list');
    await openEvent(page, 'Rust Berlin');
    await waitValue(page, 'event.attendees', '2');
    // An attendee's name opens their page.
    await click(page, 'event.attendee.Linus Park');
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', 'Linus Park');
    await waitValue(page, 'contact.interactions', '1');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('attendees are added and removed in the edit form; delete asks first and undo brings it back', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Grace Hopper');
    await addContact(page, 'Katherine Johnson');
    await click(page, 'nav.Events');
    await click(page, 'events.new');
    await typeInto(page, 'event.name', 'PyCon');
    await pickPerson(page, 'event.people', 'grace', 'Grace Hopper');
    await waitValue(page, 'event.people.count', '1');
    await click(page, 'event.save');
    await waitValue(page, 'event.attendees', '1');

    await click(page, 'event.edit');
    await waitValue(page, 'event.name', 'PyCon');
    await pickPerson(page, 'event.people', 'kath', 'Katherine Johnson');
    await waitValue(page, 'event.people.count', '2');
    await click(page, 'event.people.chip.Grace Hopper');  // × removes her
    await waitValue(page, 'event.people.count', '1');
    await click(page, 'event.save');
    await waitValue(page, 'event.attendees', '1');
    const widgets = (await probe(page)).widgets;
    assert.ok(widgets['event.attendee.Katherine Johnson'], 'Katherine is listed');
    assert.equal(widgets['event.attendee.Grace Hopper'], undefined, 'Grace is not');

    await click(page, 'event.delete');
    await click(page, 'event.delete.cancel');
    await waitValue(page, 'event.title', 'PyCon');
    await click(page, 'event.delete');
    await click(page, 'event.delete.confirm');
    await waitValue(page, 'events.count', '0');
    await page.keyboard.press('Control+Z');
    await waitValue(page, 'events.count', '1');
    await waitValue(page, 'store.contacts', '2', 5000);  // deleting an event keeps its people
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('the event form refuses a bad date or no name with a clear message and keeps what was typed', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Events');
    await click(page, 'events.new');
    await click(page, 'event.save');
    await waitValue(page, 'form.error', 'Give the event a name, for example "Rust Berlin, March".');
    await typeInto(page, 'event.name', 'JSConf');
    await retype(page, 'event.date', '2023-02-29');
    await click(page, 'event.save');
    await waitValue(page, 'form.error', 'Date: write it as YYYY-MM-DD, for example 2024-03-12.');
    const values = (await probe(page)).values;
    assert.equal(values['event.name'], 'JSConf', 'the form still holds the name');
    assert.equal(values['event.date'], '2023-02-29', 'and the date as typed');
    await screenshot(page, 'event-form-error');
    await retype(page, 'event.date', '2023-02-28');
    await click(page, 'event.save');
    await waitValue(page, 'event.title', 'JSConf');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
