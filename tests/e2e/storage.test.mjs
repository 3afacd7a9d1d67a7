// Durable data through the real page: what a person creates survives reloads and closing the
// tab; a second tab cannot spoil the first tab's data; without IndexedDB the app says nothing is
// kept; a damaged file is skipped with a visible warning.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, newProfile, openApp, openContact, probe, screenshot,
         startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function logInteraction(page, notes) {
  await click(page, 'contact.log');
  await typeInto(page, 'log.notes', notes);
  await click(page, 'log.save');
}

test('a contact and an interaction survive a reload', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'storage.mode', 'writer');
    await addContact(page, 'Zoë Ødegaard', { company: 'Fjord Labs', emails: 'zoe@fjord.no' });
    await logInteraction(page, 'Coffee after the Rust meetup; she wants intros to Berlin folks');
    await waitValue(page, 'contact.interactions', '1');
    await waitValue(page, 'save.status', 'Saved');
    await screenshot(page, 'contact-page');

    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '1');
    await waitValue(page, 'store.interactions', '1');
    await openContact(page, 'Zoë Ødegaard');
    await waitValue(page, 'contact.interactions', '1');
    const state = await probe(page);
    assert.match(state.values['contact.history.0'], /Coffee .* Rust meetup/);
    assert.equal(state.values['storage.warnings'], '0');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('the form refuses bad input with a clear message and keeps what was typed', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Ada');
    await typeInto(page, 'contact.emails', 'ada-at-example');
    await click(page, 'contact.save');
    await waitValue(page, 'form.error', '"ada-at-example" does not look like an email address.');
    assert.equal((await probe(page)).values['contact.display_name'], 'Ada', 'the form still holds the name');
    assert.equal((await probe(page)).values['store.contacts'], '0', 'nothing was saved');
    await screenshot(page, 'contact-form-error');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('edit, archive, delete and undo/redo through the page, all persisted', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Ada Lovelace', { company: 'Analytical Engines' });
    await click(page, 'contact.edit');
    await focusField(page, 'contact.company');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Babbage & Co');
    await waitValue(page, 'contact.company', 'Babbage & Co');
    await click(page, 'contact.save');
    await click(page, 'contact.archive');
    await waitValue(page, 'contact.archived', 'yes');
    await click(page, 'undo');
    await waitValue(page, 'contact.archived', 'no');
    await click(page, 'redo');
    await waitValue(page, 'contact.archived', 'yes');

    await click(page, 'contact.delete');
    await click(page, 'contact.delete.confirm');
    await waitValue(page, 'store.contacts', '0');
    await page.keyboard.press('Control+Z');  // keyboard undo brings her back
    await waitValue(page, 'store.contacts', '1');
    await waitValue(page, 'save.status', 'Saved');

    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.archived');  // archived contacts are hidden by default
    await openContact(page, 'Ada Lovelace');
    const values = (await probe(page)).values;
    assert.equal(values['contact.archived'], 'yes');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('closing the tab right after an edit keeps the edit, or the page warned first', async () => {
  const profile = newProfile();
  let context = await launch({ profile, viewport: TALL });
  const page = await openApp(context, server.url);
  await addContact(page, 'Grace Hopper');
  let warned = false;
  page.on('dialog', async (dialog) => {
    warned = dialog.type() === 'beforeunload';
    await dialog.accept();
  });
  await page.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await context.close();

  context = await launch({ profile, viewport: TALL });
  try {
    const reopened = await openApp(context, server.url);
    const count = (await probe(reopened)).values['store.contacts'];
    assert.ok(count === '1' || warned, `the edit survived (${count} contacts) or the page warned before closing`);
    if (count === '1') await openContact(reopened, 'Grace Hopper');
    assert.deepEqual(reopened.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a second tab is read-only and cannot spoil the first tab\'s data; it can take over', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const first = await openApp(context, server.url);
    await waitValue(first, 'storage.mode', 'writer');
    await addContact(first, 'Katherine Johnson');
    await waitValue(first, 'save.status', 'Saved');

    const second = await openApp(context, server.url, { page: await context.newPage() });
    await waitValue(second, 'storage.mode', 'reader');
    await waitValue(second, 'save.status', 'Read-only');
    await waitValue(second, 'store.contacts', '1');
    await click(second, 'nav.Contacts');
    assert.equal((await probe(second)).widgets['contacts.new'], undefined, 'no way to add in a read-only tab');
    await screenshot(second, 'second-tab-readonly');

    // The first tab keeps working, and the second sees its saves.
    await first.bringToFront();
    await addContact(first, 'Dorothy Vaughan');
    await waitValue(first, 'save.status', 'Saved');
    await second.bringToFront();
    await waitValue(second, 'store.contacts', '2');

    // The second tab takes over while the first sits in the background (no animation frames
    // there); the first becomes read-only; nothing is lost.
    await click(second, 'banner.readonly.action');
    await waitValue(second, 'storage.mode', 'writer', 15000);
    await addContact(second, 'Mary Jackson');
    await waitValue(second, 'save.status', 'Saved');
    await first.bringToFront();
    await waitValue(first, 'storage.mode', 'reader');
    await waitValue(first, 'store.contacts', '3');
    await second.bringToFront();
    await second.reload();
    await waitReady(second);
    await waitValue(second, 'store.contacts', '3');
    assert.deepEqual(first.problems, []);
    assert.deepEqual(second.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('without IndexedDB the app runs in memory and says nothing will be kept', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
    await openApp(context, server.url, { page });
    await waitValue(page, 'storage.mode', 'memory');
    await waitValue(page, 'save.status', 'Not kept');
    assert.match((await probe(page)).values['banner.memory'], /Nothing you enter will be kept/);
    await addContact(page, 'Hedy Lamarr');  // still usable
    await screenshot(page, 'memory-mode');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a damaged file in storage is skipped with a visible warning; good data stays', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Annie Easley');
    await waitValue(page, 'save.status', 'Saved');
    // Damage the disk as a crash or a bad sector would: a garbage journal newer than the rest.
    await page.evaluate(() => new Promise((resolve, reject) => {
      Module.FS.writeFile('/data/journal-00000000-00000999.ties', 'TIES\0 this is not a journal');
      Module.FS.syncfs(false, (err) => (err ? reject(err) : resolve()));
    }));
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'storage.warnings', '1');
    assert.match((await probe(page)).values['banner.warnings'], /journal-00000000-00000999\.ties/);
    await waitValue(page, 'store.contacts', '1');
    await screenshot(page, 'damaged-file-warning');
    await click(page, 'banner.warnings.action');
    await waitValue(page, 'storage.warnings', '0');
    assert.deepEqual(page.problems.filter((p) => !p.includes('journal-00000000-00000999')), []);
  } finally {
    await closeAll(context);
  }
});

test('when browser storage is full the page says so, offers the data, and saves once space is back', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__tiesDiskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await openApp(context, server.url, { page });
    await addContact(page, 'Radia Perlman');
    await waitValue(page, 'save.status', 'Saved');

    await page.evaluate(() => { window.__tiesDiskFull = true; });
    await addContact(page, 'Frances Allen');
    await waitValue(page, 'save.status', 'Not saved');
    assert.match((await probe(page)).values['banner.unsaved'], /storage for this site is full/);
    await screenshot(page, 'storage-full');

    // The way out: a download of everything, including the unsaved contact.
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'banner.unsaved.action')]);
    assert.match(download.suggestedFilename(), /^ties-backup-\d{4}-\d{2}-\d{2}\.ties$/);
    const bytes = await (await import('node:fs/promises')).readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x54, 0x49, 0x45, 0x53, 0x00, 0x0d, 0x0a, 0x1a], 'Ties file magic');
    const text = bytes.toString('utf8');
    assert.ok(text.includes('Radia Perlman') && text.includes('Frances Allen'), 'the backup holds both contacts');

    await page.evaluate(() => { window.__tiesDiskFull = false; });
    await waitValue(page, 'save.status', 'Saved', 30000);  // retried by itself
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '2');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('Settings downloads a backup and shows whether the browser keeps the data', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Barbara Liskov');
    await waitValue(page, 'save.status', 'Saved');
    await click(page, 'nav.Settings');
    await page.waitForFunction(() => ['granted', 'denied', 'unsupported'].includes(window.__ties.values['settings.persisted']),
                               null, { timeout: 10000 });
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'settings.backup')]);
    const text = (await (await import('node:fs/promises')).readFile(await download.path())).toString('utf8');
    assert.ok(text.includes('"type": "contact"') && text.includes('Barbara Liskov'), 'readable JSON inside');
    await screenshot(page, 'settings-data');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('once everything is saved, closing the tab does not ask', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Sophie Wilson');
    await waitValue(page, 'save.status', 'Saved');
    let asked = false;
    page.on('dialog', async (dialog) => { asked = true; await dialog.dismiss(); });
    await page.close({ runBeforeUnload: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(asked, false);
  } finally {
    await closeAll(context);
  }
});

test('compaction folds journals into a snapshot and removes the old files only after syncing', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: 'test&compact=3' });
    for (const name of ['Ada', 'Grace', 'Hedy', 'Joan']) {
      await addContact(page, name);
      await waitValue(page, 'save.status', 'Saved');
    }
    // In IndexedDB itself (not the in-memory copy): one snapshot, no journal of the old generation.
    const stored = async () => page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('/data');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const keys = open.result.transaction('FILE_DATA').objectStore('FILE_DATA').getAllKeys();
        keys.onsuccess = () => resolve(keys.result.map((k) => k.split('/').pop()).filter((n) => n.endsWith('.ties')).sort());
      };
    }));
    let files = await stored();
    for (let i = 0; i < 50 && files.some((f) => f.startsWith('journal-00000000')); ++i) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      files = await stored();
    }
    assert.ok(files.includes('snapshot-00000001.ties'), `a snapshot was written (${files})`);
    assert.ok(!files.some((f) => f.startsWith('journal-00000000')), `old journals deleted (${files})`);
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '4');
    assert.equal((await probe(page)).values['storage.warnings'], '0');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a store too large for one frame opens in slices, its progress on the loading screen', async () => {
  const profile = newProfile();
  let context = await launch({ profile, viewport: TALL });
  let contacts;
  try {
    // compact=1: the sample data's journal is folded into a snapshot straight away.
    const page = await openApp(context, server.url, { query: 'test&compact=1' });
    await click(page, 'welcome.sample');
    await waitValue(page, 'save.status', 'Saved');
    await page.waitForFunction(() => Module.FS.readdir('/data').some((name) => name.startsWith('snapshot-')),
                               null, { timeout: 30000 });
    await waitValue(page, 'save.status', 'Saved');
    contacts = (await probe(page)).values['store.contacts'];
    assert.ok(Number(contacts) > 20);
  } finally {
    await closeAll(context, { keepProfile: true });
  }
  context = await launch({ profile, viewport: TALL });
  try {
    const page = context.pages()[0] || await context.newPage();
    // Every text the loading screen shows, as the page shows it.
    await page.addInitScript(() => {
      window.__loadingTexts = [];
      document.addEventListener('DOMContentLoaded', () => {
        const text = document.getElementById('loading-text');
        new MutationObserver(() => window.__loadingTexts.push(text.textContent))
          .observe(text, { childList: true, characterData: true, subtree: true });
      });
    });
    // load_step=20: twenty records a frame, so this small store takes many frames to open.
    await openApp(context, server.url, { query: 'test&load_step=20', page });
    await waitValue(page, 'store.contacts', contacts);
    const texts = await page.evaluate(() => window.__loadingTexts);
    const percents = texts.map((t) => /^Opening your network… (\d+)%$/.exec(t)).filter(Boolean).map((m) => Number(m[1]));
    assert.ok(percents.length >= 5, `progress shown in several frames: ${JSON.stringify(texts)}`);
    assert.ok(percents.some((p) => p > 0 && p < 100), JSON.stringify(percents));
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'progress never goes back');
    assert.equal((await probe(page)).values['storage.warnings'], '0');
    await screenshot(page, 'opened-in-slices');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

// Browser storage is written by listing the data folder, then copying what changed. A file the
// app removes or renames in between (a compaction, sync's state file) used to read as a failed
// write: "Your latest changes are not saved", for a moment, over a page that had lost nothing.
test('a file removed while browser storage is being written is not taken for a failure', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    await addContact(page, 'Barbara Liskov');
    await waitValue(page, 'save.status', 'Saved');
    await page.evaluate(() => {
      const original = FS.syncfs;
      window.__raced = 0;
      FS.syncfs = function (populate, callback) {
        if (populate || window.__raced) return original.call(this, populate, callback);
        FS.writeFile('/data/vanishing', 'x');
        const result = original.call(this, populate, callback);  // lists the folder at once
        FS.unlink('/data/vanishing');                            // gone before it is copied
        ++window.__raced;
        return result;
      };
      window.__statuses = new Set();
      setInterval(() => window.__statuses.add(window.__ties.values['save.status']), 1);
    });
    await addContact(page, 'Shafi Goldwasser');
    await waitValue(page, 'save.status', 'Saved', 20000);
    const seen = await page.evaluate(() => ({ raced: window.__raced, statuses: [...window.__statuses] }));
    assert.equal(seen.raced, 1, 'the race happened once');
    assert.ok(!seen.statuses.includes('Not saved'), `statuses seen: ${seen.statuses.join(', ')}`);
    assert.equal((await probe(page)).values['banner.unsaved'], undefined);
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '2');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
