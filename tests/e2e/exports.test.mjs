// What leaves the page agrees with the command-line tool: each export downloaded from Settings
// and Today is byte for byte what `ties export` writes from a backup of the same page, and a
// backup encrypted in the page (WebCrypto) opens with `ties decrypt` (OpenSSL) and back again.
// Needs build/native/ties (python3 tools/bootstrap.py native) besides the web build.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { OUTPUT, ROOT, addContact, chooseFiles, click, closeAll, launch, openApp, openImport, probe, startServer, typeSecret, waitValue, widget } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const TIES = path.join(ROOT, 'build', 'native', 'ties');
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function ties(...args) {
  const { stdout } = await promisify(execFile)(TIES, args, { encoding: 'buffer', maxBuffer: 64 << 20 });
  return stdout;
}

async function scratch() {
  await mkdir(OUTPUT, { recursive: true });
  return mkdtemp(path.join(OUTPUT, 'exports-'));
}

// Clicks a button that downloads, and keeps the file in `dir` under the name the page gave it.
async function downloadFrom(page, button, dir) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, button)]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

// The sample network, and people whose names sort one way as bytes and another folded; the two
// Émiles fold to the same name, so their order comes from their ids.
async function openWithPeople(context) {
  const page = await openApp(context, server.url);
  await click(page, 'welcome.sample');
  await waitValue(page, 'section', 'Contacts');
  for (const name of ['émile', 'Zoë', 'adam', 'Émile']) await addContact(page, name);
  return page;
}

test('every export from the page is the file `ties export` writes from the page\'s backup', async () => {
  const dir = await scratch();
  const context = await launch({ viewport: TALL });
  try {
    const page = await openWithPeople(context);
    await click(page, 'nav.Settings');
    const backup = await downloadFrom(page, 'settings.backup', dir);
    const files = {
      vcf: await downloadFrom(page, 'settings.export.vcf', dir),
      vcf3: await downloadFrom(page, 'settings.export.vcf3', dir),
      csv: await downloadFrom(page, 'settings.export.csv', dir),
    };
    files.graphml = await downloadFrom(page, 'settings.export.graphml', dir);
    await click(page, 'nav.Today');
    files.ics = await downloadFrom(page, 'today.export_ics', dir);
    assert.deepEqual(page.problems, []);

    assert.match(path.basename(files.vcf), /^ties-contacts-\d{4}-\d\d-\d\d\.vcf$/);
    assert.match(path.basename(files.vcf3), /^ties-contacts-\d{4}-\d\d-\d\d-v3\.vcf$/);
    assert.match(path.basename(files.csv), /^ties-contacts-\d{4}-\d\d-\d\d\.csv$/);
    assert.match(path.basename(files.ics), /^ties-plan-\d{4}-\d\d-\d\d\.ics$/);
    assert.match(path.basename(files.graphml), /^ties-network-\d{4}-\d\d-\d\d\.graphml$/);
    assert.match(await readFile(files.graphml, 'utf8'), /<graph id="ties" edgedefault="undirected">[\s\S]*<data key="cluster">/);
    // Folded, adam < émile = Émile < Zoë; as bytes Zoë would come first and the Émiles last.
    const vcard = await readFile(files.vcf, 'utf8');
    const at = (name) => vcard.indexOf(`\r\nFN:${name}\r\n`);
    assert.ok(at('adam') >= 0 && at('adam') < at('émile') && at('adam') < at('Émile'), 'adam first');
    assert.ok(at('Zoë') > at('émile') && at('Zoë') > at('Émile'), 'Zoë after both Émiles');

    // Both build the plan for today's local date; only the calendar's DTSTAMP (now) differs.
    const stamp = (bytes) => bytes.toString('utf8').replace(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/g, '\r\nDTSTAMP:(now)\r\n');
    for (const [format, file] of Object.entries(files)) {
      const downloaded = await readFile(file);
      const tool = await ties('export', backup, '--format', format);
      if (format === 'ics') {
        assert.match(downloaded.toString('utf8'), /BEGIN:VEVENT/);
        assert.equal(stamp(downloaded), stamp(tool), 'ics: the same calendar');
      } else {
        assert.ok(downloaded.equals(tool), `${format}: the page's bytes differ from ties export's (${file})`);
      }
    }
  } finally {
    await closeAll(context);
  }
});

test('a backup encrypted in the page opens with `ties decrypt`; `ties encrypt` makes one the page opens', async () => {
  const dir = await scratch();
  const passphrase = 'Grüße, Kraków';  // non-ASCII: both sides must take its UTF-8 bytes
  const passphraseFile = path.join(dir, 'passphrase.txt');
  await writeFile(passphraseFile, passphrase + '\n');

  const first = await launch({ viewport: TALL });
  let people;
  let locked;
  try {
    const page = await openWithPeople(first);
    people = (await probe(page)).values['store.contacts'];
    await click(page, 'nav.Settings');
    await typeSecret(page, 'settings.backup_passphrase', passphrase);
    await typeSecret(page, 'settings.backup_passphrase_again', passphrase);
    locked = await downloadFrom(page, 'settings.backup', dir);
    assert.ok(!(await readFile(locked)).includes(Buffer.from('Zoë')), 'the names are not readable in the encrypted file');
  } finally {
    await closeAll(first);
  }

  const plain = path.join(dir, 'decrypted.ties');
  await ties('decrypt', locked, '-o', plain, '--passphrase-file', passphraseFile);
  const report = (await ties('check', plain)).toString('utf8');
  assert.match(report, /intact \(format version \d+, backup\)/);
  assert.match(report, new RegExp(`contacts +${people}\\b`));

  // Encrypted again by OpenSSL, into a new browser: the passphrase opens it and everyone arrives.
  const relocked = path.join(dir, 'encrypted-by-ties.ties');
  await ties('encrypt', plain, '-o', relocked, '--passphrase-file', passphraseFile);
  const second = await launch({ viewport: TALL });
  try {
    const page = await openApp(second, server.url);
    await openImport(page);
    await chooseFiles(page, [relocked]);
    await waitValue(page, 'import.stage', 'passphrase');
    await typeSecret(page, 'import.passphrase', passphrase);
    await click(page, 'import.decrypt');
    await waitValue(page, 'import.stage', 'backup', 30000);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', people);
    await click(page, 'import.close');
    await click(page, 'nav.Contacts');
    await widget(page, 'contacts.row.adam');  // listed (throws if not)
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(second);
  }
});
