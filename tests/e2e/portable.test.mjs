// Data in and out through the real page: files chosen in the file chooser or dropped on the page
// are previewed and imported (a second import of the same file duplicates nobody); contacts
// export as vCard and CSV; a backup downloads, encrypted with a passphrase if asked, and merges
// back in another browser profile; a file Ties cannot read changes nothing and says why.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OUTPUT, ROOT, chooseFiles, click, closeAll, dropFiles, launch, openApp, openImport, probe, screenshot, startServer, typeInto, typeSecret, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// The four LinkedIn connections of the sample file, imported through Settings.
async function importLinkedIn(page) {
  await openImport(page);
  await chooseFiles(page, [path.join(FIXTURES, 'linkedin', 'Connections.csv')]);
  await waitValue(page, 'import.stage', 'preview');
  await click(page, 'import.confirm');
  await waitValue(page, 'store.contacts', '4');
  await click(page, 'import.close');
}

test('LinkedIn connections through the file chooser: preview, import, and again without duplicates', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'welcome.import');  // a new user starts from the welcome
    await waitValue(page, 'import.stage', 'choose');
    await chooseFiles(page, [path.join(FIXTURES, 'linkedin', 'Connections.csv')]);
    await waitValue(page, 'import.stage', 'preview');
    assert.match((await probe(page)).values['import.summary'], /^4 entries: 4 new people\./);
    assert.match((await probe(page)).values['import.new'], /Björn Lindqvist \(Fjord Analytics, AB\)/);
    await screenshot(page, 'import-preview');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.match((await probe(page)).values['import.done'], /^Imported 4 entries from .*: 4 new people; /);
    await waitValue(page, 'store.contacts', '4');
    await click(page, 'import.close');

    // The same file again: everyone is recognised, nobody is added.
    await openImport(page);
    await chooseFiles(page, [path.join(FIXTURES, 'linkedin', 'Connections.csv')]);
    await waitValue(page, 'import.stage', 'preview');
    assert.match((await probe(page)).values['import.summary'], /^4 entries: 0 new people, 4 merged with people you have/);
    assert.match((await probe(page)).values['import.match.0'], /LinkedIn|same/);
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['store.contacts'], '4');
    await click(page, 'import.close');

    // Undo takes an import back.
    await click(page, 'undo');
    await click(page, 'undo');
    await waitValue(page, 'store.contacts', '0');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('vCards and the X archive dropped on the page are imported; a binary file is refused', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await dropFiles(page, [path.join(FIXTURES, 'vcard', 'contacts-v3.vcf')]);
    await waitValue(page, 'import.stage', 'preview');
    assert.match((await probe(page)).values['import.summary'], /^2 entries: 2 new people/);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '2');
    await click(page, 'import.close');

    const x = ['account.js', 'following.js', 'follower.js', 'tweets.js']
      .map((name) => path.join(FIXTURES, 'x-archive', 'data', name));
    await dropFiles(page, x.filter((f) => !f.endsWith('tweets.js') || true));
    await waitValue(page, 'import.stage', /preview|failed/);
    const values = (await probe(page)).values;
    assert.equal(values['import.stage'], 'preview', values['import.error']);
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    await click(page, 'import.close');
    const people = Number((await probe(page)).values['store.contacts']);
    assert.ok(people > 2, `X follows became contacts (${people})`);

    // Not a format Ties reads: a clear message, nothing changed.
    await dropFiles(page, [path.join(ROOT, 'assets', 'icon.py')]);
    await waitValue(page, 'import.stage', 'failed');
    assert.match((await probe(page)).values['import.error'], /icon\.py.*not a format Ties can import/);
    assert.equal((await probe(page)).values['store.contacts'], String(people));
    await screenshot(page, 'import-refused');
  } finally {
    await closeAll(context);
  }
});

test('exports: vCard and CSV arrive; an encrypted backup merges into another browser only with its passphrase', async () => {
  const first = await launch({ viewport: TALL });
  let backupFile;
  try {
    const page = await openApp(first, server.url);
    await importLinkedIn(page);

    await click(page, 'nav.Settings');
    const [vcf] = await Promise.all([page.waitForEvent('download'), click(page, 'settings.export.vcf')]);
    const vcard = await readFile(await vcf.path(), 'utf8');
    assert.equal((vcard.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g) ?? []).length, 4);
    assert.match(vcard, /FN:Björn Lindqvist\r\n/);
    const [csv] = await Promise.all([page.waitForEvent('download'), click(page, 'settings.export.csv')]);
    const table = await readFile(await csv.path(), 'utf8');
    assert.match(table, /Björn/);
    assert.equal(table.trim().split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).length, 5, 'a header and four people');

    await typeSecret(page, 'settings.backup_passphrase', 'correct horse');
    await typeSecret(page, 'settings.backup_passphrase_again', 'correct horse');
    const [backup] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'settings.backup')]);
    backupFile = path.join(OUTPUT, 'encrypted-backup.ties');  // kept after this browser closes
    await backup.saveAs(backupFile);
    const bytes = await readFile(backupFile);
    assert.equal(bytes.subarray(0, 4).toString(), 'TIES');
    assert.ok(!bytes.includes(Buffer.from('Lindqvist')), 'the names are not readable in the encrypted file');
    await waitValue(page, 'settings.last_backup', /\S/);
  } finally {
    await closeAll(first);
  }

  const second = await launch({ viewport: TALL });
  try {
    const page = await openApp(second, server.url);
    await openImport(page);
    await chooseFiles(page, [backupFile]);
    await waitValue(page, 'import.stage', 'passphrase');
    await typeSecret(page, 'import.passphrase', 'wrong horse');
    await click(page, 'import.decrypt');
    await waitValue(page, 'import.error', /wrong passphrase, or the file was changed/i, 30000);
    await typeSecret(page, 'import.passphrase', 'correct horse');
    await click(page, 'import.decrypt');
    await waitValue(page, 'import.stage', 'backup', 30000);
    assert.match((await probe(page)).values['import.summary'], /^Merging adds \d+ records/);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '4');
    await screenshot(page, 'import-backup-merged');
  } finally {
    await closeAll(second);
  }
});

test('a big import shows its progress and can be cancelled; nothing changes', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    // About 120 MB of cards, made in the page and dropped on it.
    await page.evaluate(() => {
      const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person Number\r\nN:Number;Person;;;\r\n'
        + 'EMAIL:person@example.org\r\nNOTE:' + 'x'.repeat(300) + '\r\nEND:VCARD\r\n';
      const transfer = new DataTransfer();
      transfer.items.add(new File([card.repeat(300000)], 'everyone.vcf'));
      const canvas = document.querySelector('canvas');
      canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await waitValue(page, 'import.stage', 'working', 30000);
    await page.waitForFunction(() => Number(window.__ties.values['import.progress']) > 0, null, { timeout: 30000 });
    await screenshot(page, 'import-progress');
    await click(page, 'import.cancel');
    await page.waitForFunction(() => !('import.stage' in window.__ties.values), null, { timeout: 10000 });
    assert.equal((await probe(page)).values['store.contacts'], '0');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('Today reminds to back up; a backup replaces the data only when asked, after saving a copy', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await importLinkedIn(page);

    // No backup yet: Today says so, and its button downloads one.
    await click(page, 'nav.Today');
    await waitValue(page, 'today.backup_due', /not downloaded a backup/);
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'today.backup')]);
    const file = path.join(OUTPUT, 'plain-backup.ties');
    await download.saveAs(file);
    await page.waitForFunction(() => !('today.backup_due' in window.__ties.values));

    // Merging our own backup changes nothing.
    await openImport(page);
    await chooseFiles(page, [file]);
    await waitValue(page, 'import.stage', 'backup');
    assert.equal((await probe(page)).values['import.summary'], 'Everything in this backup is already here: nothing to merge.');
    await click(page, 'import.cancel');

    // A fifth person, then Replace with the backup: the current data is downloaded first, the
    // fifth person is gone, and Undo brings them back.
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Grace Hopper');
    await click(page, 'contact.save');
    await waitValue(page, 'store.contacts', '5');
    await openImport(page);
    await chooseFiles(page, [file]);
    await waitValue(page, 'import.stage', 'backup');
    await click(page, 'import.replace');
    await waitValue(page, 'import.mode', 'replace');
    const [before] = await Promise.all([page.waitForEvent('download'), click(page, 'import.confirm')]);
    assert.match(before.suggestedFilename(), /^ties-backup-before-replace-\d{4}-\d\d-\d\d\.ties$/);
    await waitValue(page, 'store.contacts', '4');
    await click(page, 'import.close');
    await click(page, 'undo');
    await waitValue(page, 'store.contacts', '5');
  } finally {
    await closeAll(context);
  }
});

test('any other CSV goes through the column mapping: guessed, corrected by hand, imported', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    const file = path.join(OUTPUT, 'club-members.csv');
    await (await import('node:fs/promises')).writeFile(file,
      'Name,Mail,Firma,Stadt\r\nAda Lovelace,ada@example.org,Analytical Engines,London\r\nGrace Hopper,grace@example.org,Navy,Arlington\r\n');
    await openImport(page);
    await chooseFiles(page, [file]);
    await waitValue(page, 'import.stage', 'mapping');
    let values = (await probe(page)).values;
    assert.match(values['import.column.0'], /^Name = /);
    assert.match(values['import.column.1'], /^Mail = E-?mail/i);
    await screenshot(page, 'import-mapping');
    // "Firma" is German for company: say so.
    await click(page, 'import.column.2');
    await click(page, 'import.column.2.Company');
    await waitValue(page, 'import.column.2', 'Firma = Company');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'preview');
    assert.match((await probe(page)).values['import.new'], /Ada Lovelace \(Analytical Engines\)/);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '2');
  } finally {
    await closeAll(context);
  }
});
