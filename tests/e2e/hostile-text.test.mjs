// Text that cannot disguise itself, through the real page: a vCard whose names and notes carry a
// zero-width space, a right-to-left override, isolates, a bell and joiners between ASCII letters
// imports as the plain names (the preview says what was removed), "Ada\u200B Lovelace" is the Ada
// already in the store rather than a look-alike second one, a name pasted with an override saves
// without it, the CSV export defuses a formula, and all of it is the same after a reload.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, addContact, click, closeAll, focusField, launch, openApp, openContact, probe, screenshot, showContacts,
         startServer, waitReady, waitValue } from './harness.mjs';

const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'vcard', 'hostile.vcf');
const FORMULA = '=HYPERLINK("http://evil.example","Click")';
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const rows = async (page) => Object.keys((await probe(page)).widgets)
  .filter((name) => name.startsWith('contacts.row.')).map((name) => name.slice('contacts.row.'.length)).sort();

test('hidden and reversing characters are removed on import and on typing; the CSV export defuses formulas', async () => {
  const context = await launch({ viewport: { width: 1280, height: 1000 } });
  try {
    let page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace', { emails: 'ada@example.org' });

    await click(page, 'nav.Settings');
    await click(page, 'settings.import');
    await waitValue(page, 'import.stage', 'choose');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.pick')]);
    await chooser.setFiles([HOSTILE]);
    await waitValue(page, 'import.stage', 'preview');
    const values = (await probe(page)).values;
    assert.equal(values['import.warning.texts'],
      'hostile.vcf: Characters that draw nothing or reverse text (control, zero-width or right-to-left override) ' +
      'were removed from 2 contacts, for example \u201cAda Lovelace\u201d.\n');
    assert.equal(values['import.summary'], '3 entries: 2 new people, 1 merged with someone you have.');
    await screenshot(page, 'hostile-import-preview');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    await waitValue(page, 'store.contacts', '3');
    await click(page, 'import.close');

    await showContacts(page);
    assert.deepEqual(await rows(page), ['=HYPERLINK("http://evil.example","Click")', 'Ada Lovelace', 'Grace Hopper']);
    await openContact(page, 'Ada Lovelace');
    assert.equal((await probe(page)).values['contact.inline.notes'], 'Met at the fdp.sepyt conference\nLikes tea');
    await openContact(page, 'Grace Hopper');
    assert.equal((await probe(page)).values['contact.inline.notes'], 'NOTEtrailing');

    // Pasted or typed by an input method: the override goes in with the text and is removed on save.
    await showContacts(page);
    await click(page, 'contacts.new');
    await focusField(page, 'contact.display_name');
    await page.keyboard.insertText('Katherine\u202E Johnson\u200B');
    await click(page, 'contact.save');
    await waitValue(page, 'contact.name', 'Katherine Johnson');
    await screenshot(page, 'hostile-typed');

    await click(page, 'nav.Settings');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ties-hostile-'));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'settings.export.csv')]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const csv = await readFile(file, 'utf8');
    assert.ok(csv.includes(`"'${FORMULA.replaceAll('"', '""')}"`), csv);  // a leading apostrophe: shown as text
    assert.ok(!/[\u200B\u202E\u2066\u2069\u0007]/u.test(csv), 'nothing hidden reaches the CSV');
    assert.deepEqual(page.problems, []);

    await waitValue(page, 'save.status', 'Saved');
    await page.reload();
    await waitReady(page);
    await showContacts(page);
    assert.deepEqual(await rows(page), [FORMULA, 'Ada Lovelace', 'Grace Hopper', 'Katherine Johnson']);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
