// The Timeline through the real page: every interaction newest first, filters by kind, person and
// date range that change the count, a clear message for a bad date, people's names that open their
// page, and helpful empty states.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, openApp, openContact, probe, retype, screenshot, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// Logs an interaction from the open contact's page.
async function logInteraction(page, { kind, date, time = '', notes }) {
  const before = Number((await probe(page)).values['store.interactions']);
  await click(page, 'contact.log');
  await click(page, 'log.kind');
  await click(page, `log.kind.${kind}`);
  await waitValue(page, 'log.kind', kind);
  await retype(page, 'log.date', date);
  if (time) await typeInto(page, 'log.time', time);
  await typeInto(page, 'log.notes', notes);
  await click(page, 'log.save');
  await waitValue(page, 'store.interactions', String(before + 1));
}

test('newest first; kind, person and date filters change the count; names open the person', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace');
    await logInteraction(page, { kind: 'Coffee', date: '2024-03-12', time: '08:30', notes: 'Coffee at Fjord Labs' });
    await logInteraction(page, { kind: 'Call', date: '2024-05-02', notes: 'Call about the backend role; she '
      + 'would like an introduction to someone working on compilers in Berlin, ideally before the summer.' });
    await addContact(page, 'Grace Hopper');
    await logInteraction(page, { kind: 'Email', date: '2023-11-20', notes: 'Sent the slides' });
    await openContact(page, 'Ada Lovelace');
    await logInteraction(page, { kind: 'Coffee', date: '2024-03-12', time: '17:00', notes: 'Second coffee' });

    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '4');
    let values = (await probe(page)).values;
    assert.match(values['timeline.row.0'], /^2024-05-02 \| Call \| Ada Lovelace \| Call about/);
    assert.match(values['timeline.row.1'], /^2024-03-12 \| Coffee \| Ada Lovelace \| Second coffee/,
                 'the later time of the same day comes first');
    assert.match(values['timeline.row.2'], /^2024-03-12 \| Coffee \| Ada Lovelace \| Coffee at Fjord Labs/);
    assert.match(values['timeline.row.3'], /^2023-11-20 \| Email \| Grace Hopper \| Sent the slides/);
    await screenshot(page, 'timeline');

    // Kind.
    await click(page, 'timeline.kind');
    await click(page, 'timeline.kind.Coffee');
    await waitValue(page, 'timeline.kind', 'Coffee');
    await waitValue(page, 'timeline.count', '2');
    await click(page, 'timeline.kind');
    await click(page, 'timeline.kind.All kinds');
    await waitValue(page, 'timeline.count', '4');

    // Person: one at a time, through the people picker.
    await typeInto(page, 'timeline.person.field', 'grace');
    await click(page, 'timeline.person.match.Grace Hopper');
    await waitValue(page, 'timeline.count', '1');
    await screenshot(page, 'timeline-person');
    await click(page, 'timeline.person.chip.Grace Hopper');
    await waitValue(page, 'timeline.count', '4');

    // Date range, both ends inclusive; a bad date says so and is not applied.
    await typeInto(page, 'timeline.from', '2024-01-01');
    await waitValue(page, 'timeline.count', '3');
    await typeInto(page, 'timeline.to', '2024-03-12');
    await waitValue(page, 'timeline.count', '2');
    await retype(page, 'timeline.to', '2024-13-01');
    await waitValue(page, 'form.error', 'To: write the date as YYYY-MM-DD, for example 2024-03-12.');
    await waitValue(page, 'timeline.count', '3');
    assert.equal((await probe(page)).values['timeline.to'], '2024-13-01', 'what was typed stays');
    await screenshot(page, 'timeline-bad-date');
    await retype(page, 'timeline.to', '2023-12-31');
    await waitValue(page, 'form.error', 'The range ends before it starts: "From" should be on or before "To".');
    await click(page, 'timeline.clear');
    await waitValue(page, 'timeline.count', '4');
    values = (await probe(page)).values;
    assert.equal(values['timeline.from'], '');
    assert.equal(values['form.error'], undefined);

    // Nothing matches: a helpful line and a way out.
    await typeInto(page, 'timeline.from', '2030-01-01');
    await waitValue(page, 'timeline.count', '0');
    await waitValue(page, 'timeline.empty', 'no match');
    await click(page, 'timeline.clear.empty');
    await waitValue(page, 'timeline.count', '4');

    // A name opens the person's page.
    await click(page, 'timeline.row.3.person.Grace Hopper');
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', 'Grace Hopper');

    // Kept across a reload.
    await waitValue(page, 'save.status', 'Saved');
    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '4');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('an empty timeline says how to fill it', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Timeline');
    await waitValue(page, 'timeline.count', '0');
    await waitValue(page, 'timeline.empty', 'nothing logged');
    await screenshot(page, 'timeline-empty');
    await click(page, 'timeline.go.events');
    await waitValue(page, 'section', 'Events');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
