// The everyday flows: first run with sample data, finding people (search, filters, sort, the
// command palette), logging a touch for a group with the quick log, merging duplicates, and the
// shortcuts help, all with real keyboard and mouse on the release build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, launch, nextFrames, openApp, probe, screenshot, startServer, typeInto,
         waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1000 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('first run: the welcome explains the idea and offers sample data, which undo removes', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'welcome', 'shown');
    await screenshot(page, 'welcome');
    await click(page, 'welcome.sample');
    await waitValue(page, 'section', 'Contacts');
    const count = Number((await probe(page)).values['store.contacts']);
    assert.ok(count >= 40, `sample contacts added (${count})`);
    assert.ok(Number((await probe(page)).values['store.interactions']) > 100, 'and their history');
    await screenshot(page, 'contacts-sample');
    await page.keyboard.press('Control+Z');
    await waitValue(page, 'store.contacts', '0');
    await click(page, 'nav.Today');
    await waitValue(page, 'welcome', 'shown');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('search as you type across fields (accents folded), filter by tag, sort by column', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Zoë Ødegaard', { company: 'Fjord Labs', city: 'Oslo', tags: 'rust, berlin' });
    await addContact(page, 'Ada Lovelace', { company: 'Analytical Engines', city: 'London', tags: 'math' });
    await addContact(page, 'Grace Hopper', { company: 'Navy', city: 'Arlington', tags: 'rust' });
    await click(page, 'nav.Contacts');
    await waitValue(page, 'contacts.count', '3');
    await waitValue(page, 'contacts.first', 'Ada Lovelace');  // sorted by name

    await typeInto(page, 'contacts.search', 'zoe');  // folded: finds Zoë
    await waitValue(page, 'contacts.count', '1');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('fjord oslo');      // every word must match some field
    await waitValue(page, 'contacts.count', '1');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitValue(page, 'contacts.count', '3');

    await click(page, 'contacts.filter.tag');
    await click(page, 'contacts.filter.tag.rust');
    await waitValue(page, 'contacts.count', '2');
    await screenshot(page, 'contacts-filtered');
    await click(page, 'contacts.filter.clear');
    await waitValue(page, 'contacts.count', '3');

    await click(page, 'contacts.column.City');   // sort by city: Arlington first
    await waitValue(page, 'contacts.first', 'Grace Hopper');
    await click(page, 'contacts.column.City');   // again: descending, Oslo first
    await waitValue(page, 'contacts.first', 'Zoë Ødegaard');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('the command palette finds a person and opens their page', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Søren Kierkegaard', { company: 'Copenhagen University' });
    await click(page, 'nav.Today');
    await page.keyboard.press('Control+K');
    await page.waitForFunction(() => window.__ties.textInput === true);
    await page.keyboard.type('soren');
    await waitValue(page, 'jump.result', 'Søren Kierkegaard');
    await screenshot(page, 'palette');
    await page.keyboard.press('Enter');
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', 'Søren Kierkegaard');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('quick log: one entry for a group, with a new person added on the spot; Enter saves', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace');
    await addContact(page, 'Grace Hopper');
    await click(page, 'nav.Timeline');  // from a person's page the quick log would start with them
    await page.keyboard.press('Control+L');
    await page.waitForFunction(() => window.__ties.textInput === true && window.__ties.widgets['quicklog.people.field']);
    await waitValue(page, 'quicklog.people.count', '0');
    await page.keyboard.type('ada');
    await waitValue(page, 'quicklog.people.field', 'ada');
    await page.keyboard.press('Enter');              // picks Ada
    await waitValue(page, 'quicklog.people.count', '1');
    await page.keyboard.type('grace');
    await page.keyboard.press('Enter');              // picks Grace
    await waitValue(page, 'quicklog.people.count', '2');
    await page.keyboard.type('Katherine Johnson');
    await waitValue(page, 'quicklog.people.field', 'Katherine Johnson');
    await click(page, 'quicklog.people.create');     // not a contact yet: add her
    await waitValue(page, 'quicklog.people.count', '3');
    await click(page, 'quicklog.kind');
    await click(page, 'quicklog.kind.Meetup or event');
    await typeInto(page, 'quicklog.notes', 'Rust meetup at the library');
    await screenshot(page, 'quick-log');
    await page.keyboard.press('Enter');              // saves
    await waitValue(page, 'store.interactions', '1');
    await waitValue(page, 'store.contacts', '3');
    await waitValue(page, 'undo.label', 'Log meetup or event with Ada Lovelace and 2 more');
    await waitValue(page, 'save.status', 'Saved');

    await page.reload();
    await waitReady(page);
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson']) {
      await click(page, 'nav.Contacts');
      await click(page, `contacts.row.${name}`);
      await waitValue(page, 'contact.name', name);
      await waitValue(page, 'contact.interactions', '1');
      assert.match((await probe(page)).values['contact.history.0'], /Meetup or event .*Rust meetup/);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('likely duplicates are found and merged with their history; undo splits them again', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace', { emails: 'ada@engines.org' });
    await click(page, 'contact.log');
    await typeInto(page, 'log.notes', 'Tea in London');
    await click(page, 'log.save');
    await addContact(page, 'A. Lovelace', { emails: 'ADA@engines.org', company: 'Analytical Engines' });
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.duplicates');
    await waitValue(page, 'duplicates.count', '1');
    await screenshot(page, 'duplicates');
    await click(page, 'duplicates.merge.A. Lovelace');
    await waitValue(page, 'store.contacts', '1');
    await click(page, 'duplicates.back');
    await click(page, 'contacts.row.Ada Lovelace');
    await waitValue(page, 'contact.interactions', '1');
    assert.match((await probe(page)).values['contact.name'], /Ada Lovelace/);
    await click(page, 'undo');
    await waitValue(page, 'store.contacts', '2');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('? shows the keyboard shortcuts', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await page.keyboard.press('Shift+Slash');
    await waitValue(page, 'help', 'open');
    await screenshot(page, 'help');
    await page.keyboard.press('Escape');
    await nextFrames(page, 3);
    assert.equal((await probe(page)).values.help, undefined);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('who introduced whom: set in the form, shown on both pages, each name opens the other', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ana Lima');
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Bruno Costa');
    await typeInto(page, 'contact.introducer.field', 'ana');
    await click(page, 'contact.introducer.match.Ana Lima');
    await waitValue(page, 'contact.introducer.count', '1');
    await click(page, 'contact.save');
    await waitValue(page, 'contact.name', 'Bruno Costa');
    await click(page, 'contact.introduced_by.Ana Lima');  // her name is a link to her page
    await waitValue(page, 'contact.name', 'Ana Lima');
    await click(page, 'contact.introduced.Bruno Costa');  // and she lists whom she introduced
    await waitValue(page, 'contact.name', 'Bruno Costa');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
