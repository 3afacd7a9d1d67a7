// Imports that never merge two different people, through the real page: the preview lists every
// match with its reason (also cards of one person inside one file), weak evidence unticked; the
// person unticks a strong one with a real click, imports, and the store holds the people they
// chose, also after a reload. Screenshots of the preview on a laptop and a phone.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, click, closeAll, launch, nextFrames, openApp, probe, screenshot, startServer, tap, waitReady, waitValue, widget } from './harness.mjs';

const SAMPLES = path.join(ROOT, 'tests', 'fixtures', 'matching');
const FILES = ['john-doe-phones.vcf', 'shared-mailbox.vcf', 'colleagues.vcf'].map((f) => path.join(SAMPLES, f));
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// From the welcome on a laptop; from Settings with a finger on a phone.
async function choose(page, files, { phone = false } = {}) {
  if (phone) {
    await tap(page, 'nav.Settings');
    await tap(page, 'settings.import');
  } else {
    await click(page, 'welcome.import');
  }
  await waitValue(page, 'import.stage', 'choose');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), phone ? tap(page, 'import.pick') : click(page, 'import.pick')]);
  await chooser.setFiles(files);
  await waitValue(page, 'import.stage', 'preview');
}

// The preview's matches: { index, text, ticked }.
async function matches(page) {
  const { values } = await probe(page);
  const out = [];
  for (let i = 0; i < Number(values['import.matches']); ++i)
    out.push({ index: i, text: values[`import.match.${i}`], ticked: values[`import.match.${i}.ticked`] === 'yes' });
  return out;
}

test('the preview lists in-file merges with their reasons, weak ones unticked; unticking one keeps that card apart', async () => {
  const context = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await openApp(context, server.url);
    await choose(page, FILES);
    assert.equal((await probe(page)).values['import.summary'],
                 '9 entries: 6 new people, 4 entries for John Doe combined into one, 1 possible match left apart.');
    // The box of new people lists the six the summary counts: Sarah Jane Smith, whose match is
    // unticked, will be a person of her own, so she is among them.
    const fresh = (await probe(page)).values['import.new'].split(', ');
    assert.equal(fresh.length, 6, fresh.join(' / '));
    assert.equal((await probe(page)).values['import.new.count'], '6');
    assert.ok(fresh.some((n) => n.startsWith('Sarah Jane Smith')), fresh.join(' / '));
    assert.equal(fresh.filter((n) => n.startsWith('John Doe')).length, 1, fresh.join(' / '));
    const list = await matches(page);
    assert.equal(list.length, 4, JSON.stringify(list));
    const johns = list.filter((m) => /John Doe \(in this file\): same phone number/.test(m.text));
    assert.equal(johns.length, 3, JSON.stringify(list));
    assert.ok(johns.every((m) => m.ticked));
    const shop = list.find((m) => /Sarah Jane Smith/.test(m.text));
    assert.match(shop.text, /Tom Baker \(in this file\): shares info@smallshop\.example, but the names differ/);
    assert.equal(shop.ticked, false);
    assert.ok(!list.some((m) => /Alice|Bob/.test(m.text)), 'colleagues are not matched by their company web site');
    await screenshot(page, 'import-matching-laptop');

    // "Mr. John Doe" is someone else, the person decides: untick that merge.
    const mister = list.find((m) => /^Mr\. John Doe/.test(m.text));
    assert.ok(mister, JSON.stringify(list));
    await click(page, `import.match.${mister.index}`);
    await waitValue(page, `import.match.${mister.index}.ticked`, 'no');
    await waitValue(page, 'import.summary',
                    '9 entries: 7 new people, 3 entries for John Doe combined into one, 2 possible matches left apart.');
    await screenshot(page, 'import-matching-unticked');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['import.done'],
                 'Imported 9 entries from 3 files: 7 new people, 3 entries for John Doe combined into one, ' +
                 '2 possible matches left apart; 0 conversations. Undo takes it all back.');
    await waitValue(page, 'store.contacts', '7');
    await click(page, 'import.close');

    const people = ['Alice Smith', 'Bob Jones', 'Grace Hopper', 'John Doe', 'Mr. John Doe', 'Sarah Jane Smith', 'Tom Baker'];
    const rows = async () => {
      await click(page, 'nav.Contacts');
      await waitValue(page, 'contacts.count', '7');
      await nextFrames(page, 3);
      return Object.keys((await probe(page)).widgets).filter((w) => w.startsWith('contacts.row.')).map((w) => w.slice(13)).sort();
    };
    assert.deepEqual(await rows(), people);
    await waitValue(page, 'save.status', 'Saved');

    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '7');
    assert.deepEqual(await rows(), people);

    // The same files again: everyone is recognised, nobody is added.
    await click(page, 'nav.Settings');
    await click(page, 'settings.import');
    await waitValue(page, 'import.stage', 'choose');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.pick')]);
    await chooser.setFiles(FILES);
    await waitValue(page, 'import.stage', 'preview');
    assert.match((await probe(page)).values['import.summary'], /^9 entries: 0 new people, /);
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    await click(page, 'import.close');
    await waitValue(page, 'store.contacts', '7');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

for (const dark of [false, true]) {
  test(`the match list on a phone (${dark ? 'dark' : 'light'}): one readable row per match, a weak one ticked by a tap`, async () => {
    const context = await launch({ viewport: { width: 390, height: 844 }, touch: true, dpr: 2, colorScheme: dark ? 'dark' : 'light' });
    try {
      const page = await openApp(context, server.url);
      await choose(page, FILES, { phone: true });
      const list = await matches(page);
      assert.equal(list.length, 4);
      await widget(page, 'import.match.list');  // the dialog's first frames size it: wait until it stays put
      const { widgets } = await probe(page);
      const box = widgets['import.match.list'];
      assert.ok(box, 'the match list is on screen');
      assert.ok(box[3] >= 4 * 50, `the list shows its rows, not a sliver: ${box[3]}px high`);
      for (const m of list) {
        const r = widgets[`import.match.${m.index}`];
        assert.ok(r && r[1] >= box[1] && r[1] + r[3] <= box[1] + box[3] + 1, `row ${m.index} is visible inside the list`);
      }
      await screenshot(page, `import-matching-phone-${dark ? 'dark' : 'light'}`);
      // Tom and Sarah are one person after all (the user knows): a tap ticks the weak match.
      const shop = list.find((m) => /Sarah Jane Smith/.test(m.text));
      const r = widgets[`import.match.${shop.index}`];
      await page.touchscreen.tap(r[0] + 12, r[1] + r[3] / 2);
      await waitValue(page, `import.match.${shop.index}.ticked`, 'yes');
      await waitValue(page, 'import.summary', /^9 entries: 5 new people, 4 entries for John Doe combined into one, 2 entries for Tom Baker combined into one\.$/);
      await click(page, 'import.confirm');
      await waitValue(page, 'import.stage', 'done');
      await waitValue(page, 'store.contacts', '5');
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  });
}
