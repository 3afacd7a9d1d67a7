// The history import through the real page (issue 15): a person who has Maya and Priya imports
// their mailbox and calendar (tests/fixtures/history). The worker reads the mailbox in slices;
// the preview says what the files held, whose mail Ties took them to be, and lists the people
// they talk to but don't have; ticking Jonas adds him. Afterwards Maya's page shows her history
// and its strength, the suggested circles come from it, and once she is a friend Today gives the
// reason to write to her in words.
// Everything survives a reload; importing the same files again adds nothing.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, chooseFiles, click, closeAll, launch, nextFrames, openApp, openContact, openImport, probe, screenshot, startServer, waitReady, waitValue } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'history');
const TODAY = 'test&today=20241201';
const TALL = { width: 1280, height: 1300 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function importFiles(page, names) {
  await openImport(page);
  await chooseFiles(page, names.map((n) => path.join(FIXTURES, n)));
  await waitValue(page, 'import.stage', 'preview', 30000);
  await nextFrames(page, 3);  // a popup's lists are drawn from its second frame
}

// The reason Today gives for someone due, from whichever list they are in.
async function reasonFor(page, name) {
  const { values } = await probe(page);
  const key = Object.keys(values).find((k) => /^today\.[a-z_]+\.\d+$/.test(k) && values[k].includes(name) && values[`${k}.reason`]);
  return key ? values[`${key}.reason`] : undefined;
}

test('a mailbox and a calendar become the history of the people you have; others are offered', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await importFiles(page, ['people.vcf']);
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    await click(page, 'import.close');
    await waitValue(page, 'store.contacts', '2');

    await importFiles(page, ['mail.mbox', 'calendar.ics']);
    let values = (await probe(page)).values;
    assert.equal(values['import.summary'], '11 messages: 7 with people, 2 from lists and machines, 1 between others, ' +
                 '1 seen twice; 4 meetings (2 cancelled, declined or alone skipped). 10 touches with 3 people.');
    assert.equal(values['import.me'], 'sam@example.org');
    assert.equal(values['import.history.have'], '2');
    assert.equal(values['import.matches'], '0', 'same-address matches are not questions');
    assert.equal(values['import.offered.count'], '1');
    assert.equal(values['import.offered.0'], 'Jonas Müller <jonas@example.de>: 1 touch, last 2024-06-10');
    assert.equal(values['import.warning.texts'], 'mail.mbox: 1 message had no sender\n');
    await screenshot(page, 'history-preview');
    await click(page, 'import.offered.0');  // add Jonas
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['import.done'],
                 'Added 10 touches with 2 people you have and 1 new person. Undo takes it all back.');
    await click(page, 'import.close');
    await waitValue(page, 'store.contacts', '3');
    await waitValue(page, 'store.interactions', '10');
    await waitValue(page, 'save.status', 'Saved');

    // Maya's page: her history, its strength and the circle it suggests.
    await openContact(page, 'Maya Lind');
    values = (await probe(page)).values;
    assert.equal(values['contact.interactions'], '6');
    assert.match(values['contact.history.0'], /^Sep 10, 2024 .*Email .*you reached out/);
    assert.match(values['contact.history.2'], /^Jul 15, 2024 .*Video call .*30 min \| Maya \/ Sam: the Fjord Labs role$/);
    assert.equal(values['contact.last_touch'], 'Last in touch 82 days ago (Sep 10, 2024)');
    assert.equal(values['contact.strength.Reciprocity'], '+0.10 of 0.15 | They started 2 of 6 conversations');
    assert.equal(values['contact.strength'], '0.37');
    assert.equal(values['contact.suggested_tier'], 'Meaningful (150)');
    await screenshot(page, 'history-maya');

    // Today: the circles the history suggests, taken in one step; Maya is a friend, the person
    // decides, and Today gives the reason to write to her in words.
    await click(page, 'nav.Today');
    await waitValue(page, 'today.unsorted.count', '3');
    assert.match((await probe(page)).values['today.unsorted'], /1 Meaningful \(150\), 1 Acquaintances \(500\), 1 Recognisable \(1500\)/);
    await click(page, 'today.unsorted.accept');
    await waitValue(page, 'today.unsorted.count', '0');
    await openContact(page, 'Maya Lind');
    await click(page, 'contact.edit');
    await click(page, 'contact.tier');
    await click(page, 'contact.tier.Friends (50)');
    await waitValue(page, 'contact.tier', 'Friends (50)');
    await click(page, 'contact.save');
    await waitValue(page, 'contact.rhythm', /^Every 2 months, for the circle Friends/);
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    const reason = await reasonFor(page, 'Maya Lind');
    assert.equal(reason, 'Last emailed 3 months ago; you reached out first 4 of 6 times; you aim for every 2 months');
    await screenshot(page, 'history-today');

    // Settings keep whose mail it was; all of it survives a reload.
    await click(page, 'nav.Settings');
    assert.equal((await probe(page)).values['settings.own_addresses'], 'sam@example.org');
    await waitValue(page, 'save.status', 'Saved');
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.interactions', '10');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    assert.equal(await reasonFor(page, 'Maya Lind'), reason);

    // The same files again: nothing new, nobody offered (Jonas is one of yours now).
    await importFiles(page, ['mail.mbox', 'calendar.ics']);
    values = (await probe(page)).values;
    assert.equal(values['import.offered.count'], '0');
    assert.equal(values['import.history.have'], '3');
    assert.equal(values['import.me'], 'sam@example.org');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['import.done'],
                 'Added 0 touches with 3 people you have; 10 were there already. Undo takes it all back.');
    await click(page, 'import.close');
    assert.equal((await probe(page)).values['store.interactions'], '10');
  } finally {
    await closeAll(context);
  }
});
