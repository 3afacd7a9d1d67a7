// Opportunities through the real page: one linked to the person it came through, its status moved
// with the quick buttons and undone, the status filter, everything kept across a reload; bad input
// refused with a clear message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, openApp, probe, retype, screenshot, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function openOpportunity(page, title) {
  await click(page, 'nav.Opportunities');
  if ((await probe(page)).widgets['opportunity.back']) await click(page, 'opportunity.back');
  await click(page, 'opportunities.filter.All');
  await click(page, `opportunities.row.${title}`);
  await waitValue(page, 'opportunity.name', title);
}

test('an opportunity through a person: Open, won, undone to Open, filtered by status, kept', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'storage.mode', 'writer');
    await addContact(page, 'Zoë Ødegaard');

    await click(page, 'nav.Opportunities');
    await waitValue(page, 'opportunities.count', '0');
    await click(page, 'opportunities.new');
    await typeInto(page, 'opportunity.title', 'Backend role at Fjord Labs');
    await click(page, 'opportunity.kind');
    await click(page, 'opportunity.kind.Job');
    await waitValue(page, 'opportunity.kind', 'Job');
    await typeInto(page, 'opportunity.value', '85,000');
    await retype(page, 'opportunity.date', '2024-04-01');
    await typeInto(page, 'opportunity.people.field', 'zoe');
    await click(page, 'opportunity.people.match.Zoë Ødegaard');
    await waitValue(page, 'opportunity.people.count', '1');
    await typeInto(page, 'opportunity.notes', 'She passed my name to their CTO');
    await click(page, 'opportunity.save');
    await waitValue(page, 'opportunity.name', 'Backend role at Fjord Labs');
    await waitValue(page, 'opportunity.state', 'Open');
    await waitValue(page, 'opportunity.people', '1');

    await click(page, 'opportunity.won');
    await waitValue(page, 'opportunity.state', 'Won');
    await waitValue(page, 'undo.label', 'Mark Backend role at Fjord Labs as won');
    await screenshot(page, 'opportunity-page');
    await click(page, 'undo');
    await waitValue(page, 'opportunity.state', 'Open');

    await click(page, 'opportunity.back');
    await waitValue(page, 'opportunities.count', '1');
    await click(page, 'opportunities.filter.Won');
    await waitValue(page, 'opportunities.count', '0');
    await click(page, 'opportunities.filter.Open');
    await waitValue(page, 'opportunities.count', '1');
    await click(page, 'opportunities.filter.All');
    await waitValue(page, 'save.status', 'Saved');

    await page.reload();
    await waitReady(page);
    await openOpportunity(page, 'Backend role at Fjord Labs');
    await waitValue(page, 'opportunity.state', 'Open');
    await waitValue(page, 'opportunity.people', '1');
    await click(page, 'opportunity.lost');
    await waitValue(page, 'opportunity.state', 'Lost');
    await click(page, 'opportunity.reopen');
    await waitValue(page, 'opportunity.state', 'Open');
    // The person it came through opens their page.
    await click(page, 'opportunity.person.Zoë Ødegaard');
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', 'Zoë Ødegaard');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a list of opportunities by status; edit, delete with confirmation, undo', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace');
    const add = async (title, kind, value, date, person = '') => {
      await click(page, 'nav.Opportunities');
      if ((await probe(page)).widgets['opportunity.back']) await click(page, 'opportunity.back');
      await click(page, 'opportunities.new');
      await typeInto(page, 'opportunity.title', title);
      await click(page, 'opportunity.kind');
      await click(page, `opportunity.kind.${kind}`);
      if (value) await typeInto(page, 'opportunity.value', value);
      await retype(page, 'opportunity.date', date);
      if (person) {
        await typeInto(page, 'opportunity.people.field', person);
        await click(page, 'opportunity.people.create');  // someone new, created on the spot
      }
      await click(page, 'opportunity.save');
      await waitValue(page, 'opportunity.name', title);
    };
    await add('Keynote at RustConf', 'Speaking', '', '2024-06-10', 'Linus Park');
    await waitValue(page, 'store.contacts', '2');
    await click(page, 'opportunity.won');
    await waitValue(page, 'opportunity.state', 'Won');
    await add('Data platform for Acme', 'Client', '12000.5', '2024-02-01');
    await add('Seed round intro', 'Investment', '250000', '2023-12-01');
    await click(page, 'opportunity.lost');
    await waitValue(page, 'opportunity.state', 'Lost');

    await click(page, 'opportunity.back');
    await click(page, 'opportunities.filter.All');
    await waitValue(page, 'opportunities.count', '3');
    await screenshot(page, 'opportunities-list');
    await click(page, 'opportunities.filter.Lost');
    await waitValue(page, 'opportunities.count', '1');
    await click(page, 'opportunities.filter.All');

    await openOpportunity(page, 'Data platform for Acme');
    await click(page, 'opportunity.edit');
    await waitValue(page, 'opportunity.value', '12,000.50');
    await retype(page, 'opportunity.title', 'Data platform for Acme Corp');
    await click(page, 'opportunity.save');
    await waitValue(page, 'opportunity.name', 'Data platform for Acme Corp');

    await click(page, 'opportunity.delete');
    await click(page, 'opportunity.delete.confirm');
    await waitValue(page, 'opportunities.count', '2');
    await page.keyboard.press('Control+Z');
    await waitValue(page, 'opportunities.count', '3');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('the opportunity form refuses a bad date or value with a clear message and keeps what was typed', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Opportunities');
    await click(page, 'opportunities.new');
    await typeInto(page, 'opportunity.title', 'Advisor role');
    await retype(page, 'opportunity.date', '2024-04-31');
    await click(page, 'opportunity.save');
    await waitValue(page, 'form.error', 'Date: write it as YYYY-MM-DD, for example 2024-03-12.');
    assert.equal((await probe(page)).values['opportunity.date'], '2024-04-31', 'the date stays as typed');
    await typeInto(page, 'opportunity.value', 'lots');
    await click(page, 'opportunity.save');
    await waitValue(page, 'form.error', 'Value: write a number, for example 12000 or 12,000.50, or leave it empty.');
    await screenshot(page, 'opportunity-form-error');
    assert.equal((await probe(page)).values['opportunity.title'], 'Advisor role');
    await click(page, 'opportunity.cancel');
    await waitValue(page, 'opportunities.count', '0');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
