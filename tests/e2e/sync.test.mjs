// Sync between two devices through a real WebDAV server: Apache from Debian (mod_dav, mod_headers,
// Basic auth), started by the test on loopback on another port than the page, so that every
// request goes through the browser's real CORS preflight. Two browser profiles are two devices;
// everything is done through the page with mouse and keyboard, and checked on both devices and on
// the server's disk (which must hold nothing readable).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, openApp, openContact, retype, screenshot, connectSync, routeFaults, setUpSync, startDav as startDavServer,
         showContacts, startServer, SYNC_ACCOUNT, typeSecret, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1000 };
const { user: USER, password: PASSWORD, passphrase: PASSPHRASE } = SYNC_ACCOUNT;

let page_server;
before(async () => { page_server = await startServer(); });
after(async () => { await page_server.stop(); });

// A private Apache WebDAV server that lets this page in (or, with cors: false, one that does not).
function startDav({ cors = true } = {}) {
  const origin = new URL(page_server.url).origin;
  return startDavServer({ user: USER, password: PASSWORD, extra: ['--origin', origin, ...(cors ? [] : ['--no-cors'])] });
}

// Every file under `dir`, with its bytes.
function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push({ path: full, bytes: readFileSync(full) });
  }
  return out;
}

// Edits the company on a person's page (inline: Enter saves).
async function setCompany(page, company) {
  await focusField(page, 'contact.inline.company');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(company);
  await page.keyboard.press('Enter');
  await waitValue(page, 'contact.inline.company', company);
}

// The page's own errors; the browser's "Failed to load resource" lines for the 404s that sync
// expects (a vault not made yet) are not the page's.
function pageErrors(page) {
  return page.problems.filter((line) => !/Failed to load resource/.test(line));
}

test('two devices stay in step through Apache WebDAV: edits, a deletion, a reload, offline, a removed vault; the server holds nothing readable', async () => {
  const dav = await startDav();
  const laptop = await launch({ viewport: TALL });
  const phone = await launch({ viewport: TALL });
  try {
    const a = await openApp(laptop, page_server.url);
    await addContact(a, 'Ada Lovelace', { company: 'Analytical Engines' });
    await connectSync(a, dav.url);
    await waitValue(a, 'settings.sync.history', /records? sent/);
    await screenshot(a, 'sync-laptop-set-up');
    const stored = filesUnder(dav.root);
    assert.ok(stored.some((f) => f.path.endsWith(path.join('ties', 'vault.json'))), 'the vault is on the server');
    assert.ok(stored.length >= 2, `the vault and a snapshot (${stored.map((f) => f.path).join(', ')})`);
    for (const f of stored) {
      assert.ok(!f.bytes.includes('Lovelace') && !f.bytes.includes('Analytical'), `${f.path} holds no plain text`);
    }

    // The second device joins with the same passphrase and gets Ada.
    const b = await openApp(phone, page_server.url);
    await connectSync(b, dav.url);
    await waitValue(b, 'store.contacts', '1');
    await click(b, 'nav.Contacts');
    await waitValue(b, 'contacts.first', 'Ada Lovelace');

    // An edit on the phone goes up by itself a few seconds later; "Sync now" brings it to the laptop.
    await addContact(b, 'Grace Hopper', { company: 'Navy' });
    await click(b, 'nav.Settings');
    await waitValue(b, 'settings.sync.history', /^1 record sent/, 30000);  // newest first
    await waitValue(b, 'sync.status', /^Synced/);
    await click(a, 'nav.Settings');
    await click(a, 'settings.sync.now');
    await waitValue(a, 'store.contacts', '2', 30000);
    await waitValue(a, 'settings.sync.history', /1 new record from other devices/);
    await screenshot(a, 'sync-laptop-pulled');

    // A deletion travels as a tombstone: deleted on the laptop, gone from the phone.
    await openContact(a, 'Ada Lovelace');
    await click(a, 'contact.delete');
    await click(a, 'contact.delete.confirm');
    await waitValue(a, 'store.contacts', '1');
    await click(a, 'nav.Settings');
    await waitValue(a, 'settings.sync.history', /^1 record sent/, 30000);

    // "Remember on this device" (ticked by default): after a reload the phone syncs on start
    // without the password or the passphrase (the key comes back from IndexedDB).
    await b.reload();
    await waitReady(b);
    await click(b, 'nav.Settings');
    await waitValue(b, 'store.contacts', '1', 30000);
    assert.notEqual(await b.evaluate(() => window.__ties.values['settings.sync.state']), 'locked');
    await waitValue(b, 'settings.sync.last', /^Last synced/);
    await click(b, 'nav.Contacts');
    await waitValue(b, 'contacts.first', 'Grace Hopper');
    await screenshot(b, 'sync-phone-after-reload');

    // Offline: the phone's edit waits, the sidebar says sync is not working, and it goes up by
    // itself when the network is back (the browser's 'online' event).
    await phone.setOffline(true);
    await addContact(b, 'Katherine Johnson');
    await waitValue(b, 'sync.status', 'Sync: not working', 30000);
    await screenshot(b, 'sync-phone-offline');
    await phone.setOffline(false);
    await waitValue(b, 'sync.status', /^Synced/, 30000);
    await click(a, 'settings.sync.now');
    await waitValue(a, 'store.contacts', '2', 30000);

    // The vault removed behind the app's back: sync stops with words, and nothing is wiped.
    rmSync(path.join(dav.root, 'ties'), { recursive: true, force: true });
    await click(a, 'settings.sync.now');
    await waitValue(a, 'settings.sync.problem', /no longer holds a Ties vault/, 30000);
    await waitValue(a, 'store.contacts', '2');
    assert.deepEqual(pageErrors(a), []);
    assert.deepEqual(pageErrors(b), []);
  } finally {
    await closeAll(laptop);
    await closeAll(phone);
    await dav.stop();
  }
});

test('a wrong passphrase, a wrong password and a server without CORS headers are each said plainly', async () => {
  const dav = await startDav();
  const closed = await startDav({ cors: false });
  const first = await launch({ viewport: TALL });
  const second = await launch({ viewport: TALL });
  try {
    const a = await openApp(first, page_server.url);
    await connectSync(a, dav.url);

    const b = await openApp(second, page_server.url);
    await addContact(b, 'Kept Here');
    await setUpSync(b, dav.url, { passphrase: 'not the passphrase' });
    await waitValue(b, 'settings.sync.state', 'problem', 60000);
    await waitValue(b, 'settings.sync.problem', /passphrase/);
    await screenshot(b, 'sync-wrong-passphrase');
    await waitValue(b, 'store.contacts', '1');  // nothing lost

    await typeSecret(b, 'settings.sync.password', 'wrong-password');
    await typeSecret(b, 'settings.sync.passphrase', PASSPHRASE);
    await typeSecret(b, 'settings.sync.passphrase_again', PASSPHRASE);
    await click(b, 'settings.sync.connect');
    await waitValue(b, 'settings.sync.problem', /password/i, 60000);

    await retype(b, 'settings.sync.url', closed.url);
    await typeSecret(b, 'settings.sync.password', PASSWORD);
    await click(b, 'settings.sync.connect');
    await waitValue(b, 'settings.sync.problem', /CORS/, 60000);
    await waitValue(b, 'settings.sync.problem', /Access-Control-Allow-Origin/);
    await screenshot(b, 'sync-cors');
    assert.deepEqual(pageErrors(a), []);
  } finally {
    await closeAll(first);
    await closeAll(second);
    await dav.stop();
    await closed.stop();
  }
});

test('the same person edited on two devices: the newer edit wins on both, the other is kept, and Restore makes it the current one everywhere', async () => {
  const dav = await startDav();
  const laptop = await launch({ viewport: TALL });
  const phone = await launch({ viewport: TALL });
  try {
    const a = await openApp(laptop, page_server.url);
    await addContact(a, 'Grace Hopper', { company: 'Navy' });
    await connectSync(a, dav.url);
    const b = await openApp(phone, page_server.url);
    await connectSync(b, dav.url);
    await waitValue(b, 'store.contacts', '1');

    // Both edit Grace between syncs; the phone first (offline), then the laptop, whose edit is
    // newer and goes up.
    await phone.setOffline(true);
    await openContact(b, 'Grace Hopper');
    await setCompany(b, 'Navy (phone)');
    await openContact(a, 'Grace Hopper');
    await setCompany(a, 'Navy (laptop)');
    await click(a, 'nav.Settings');
    await waitValue(a, 'settings.sync.history', /^1 record sent/, 30000);

    // Back online, the phone pulls: the laptop's edit wins, the phone's own is kept for the person.
    await click(b, 'nav.Settings');
    await phone.setOffline(false);
    await waitValue(b, 'settings.sync.kept', '1', 30000);
    await waitValue(b, 'settings.sync.history', /1 conflict kept/);
    await screenshot(b, 'sync-phone-kept');
    await openContact(b, 'Grace Hopper');
    await waitValue(b, 'contact.inline.company', 'Navy (laptop)');

    // Restore brings the phone's version back as a new edit, which then wins on both devices.
    await click(b, 'nav.Settings');
    await click(b, 'settings.sync.kept.0.restore');
    await waitValue(b, 'settings.sync.kept', '0');
    await waitValue(b, 'settings.sync.history', /^1 record sent/, 30000);
    await openContact(b, 'Grace Hopper');
    await waitValue(b, 'contact.inline.company', 'Navy (phone)');
    await click(a, 'nav.Settings');
    await click(a, 'settings.sync.now');
    await waitValue(a, 'settings.sync.history', /^1 change from other devices/, 30000);
    await openContact(a, 'Grace Hopper');
    await waitValue(a, 'contact.inline.company', 'Navy (phone)');
    assert.equal((await a.evaluate(() => window.__ties.values['store.contacts'])), '1', 'still one Grace');

    // After a reload both still agree.
    await a.reload();
    await waitReady(a);
    await openContact(a, 'Grace Hopper');
    await waitValue(a, 'contact.inline.company', 'Navy (phone)');

    // Turning sync off on the laptop keeps its data, and forgets the key in memory and in
    // IndexedDB: after a reload it neither syncs nor can open the vault without the passphrase.
    await click(a, 'nav.Settings');
    await click(a, 'settings.sync.off');
    await click(a, 'settings.sync.off.confirm');
    await waitValue(a, 'settings.sync.state', 'off');
    assert.equal(await a.evaluate(() => Module.tiesSync.hasKey()), false, 'no key in memory');
    await waitValue(a, 'save.status', 'Saved', 30000);
    await a.reload();
    await waitReady(a);
    await click(a, 'nav.Settings');
    await waitValue(a, 'settings.sync.state', 'off');
    assert.equal(await a.evaluate(() => Module.tiesSync.hasKey()), false, 'no key kept in IndexedDB');
    await waitValue(a, 'store.contacts', '1');
    await screenshot(a, 'sync-laptop-turned-off');
    assert.deepEqual(pageErrors(a), []);
    assert.deepEqual(pageErrors(b), []);
  } finally {
    await closeAll(laptop);
    await closeAll(phone);
    await dav.stop();
  }
});

// Faults between one browser and the server (see routeFaults in the harness).
const injectFaults = (context, davUrl, fault) => routeFaults(context, davUrl, page_server.url, fault);

const isPush = (request) => request.method() === 'PUT' && request.url().includes('/devices/');
const isFetch = (request) => request.method() === 'GET' && request.url().includes('/devices/');

test('a server failing in the middle of a push or a pull loses nothing and never half-applies; a third device joining late gets it all', async () => {
  const dav = await startDav();
  const laptop = await launch({ viewport: TALL });
  const phone = await launch({ viewport: TALL });
  const tablet = await launch({ viewport: TALL });
  try {
    const a = await openApp(laptop, page_server.url);
    await addContact(a, 'Ada Lovelace');
    await addContact(a, 'Grace Hopper');
    await connectSync(a, dav.url);
    const b = await openApp(phone, page_server.url);
    await connectSync(b, dav.url);
    await waitValue(b, 'store.contacts', '2');

    // A push that the server refuses (503): the edit stays on the phone, and goes up later.
    let stop = await injectFaults(phone, dav.url, (r) => (isPush(r) ? 'fail' : null));
    await addContact(b, 'Katherine Johnson');
    await click(b, 'nav.Settings');
    await waitValue(b, 'settings.sync.problem', /server had a problem/, 30000);
    await waitValue(b, 'sync.status', 'Sync: not working');
    await screenshot(b, 'sync-phone-server-failed');
    await stop();
    await click(b, 'settings.sync.now');
    await waitValue(b, 'settings.sync.history', /^1 record sent/, 30000);
    await waitValue(b, 'sync.status', /^Synced/);

    // A push that reaches the server but whose answer is lost: the phone cannot know it arrived,
    // so it sends the edit again under a new number; the laptop must not count it twice.
    stop = await injectFaults(phone, dav.url, (r) => (isPush(r) ? 'lost' : null));
    await addContact(b, 'Dorothy Vaughan');
    await click(b, 'nav.Settings');
    await waitValue(b, 'settings.sync.problem', /connection to the server broke off/, 30000);
    await stop();
    await click(b, 'settings.sync.now');
    await waitValue(b, 'settings.sync.history', /^1 record sent/, 30000);

    // A pull broken in the middle: the laptop reads the phone's first file, then the connection
    // drops. Nothing of the half it read is applied; the next sync brings everything.
    let fetches = 0;
    stop = await injectFaults(laptop, dav.url, (r) => (isFetch(r) && ++fetches >= 2 ? 'drop' : null));
    await click(a, 'nav.Settings');
    await click(a, 'settings.sync.now');
    await waitValue(a, 'settings.sync.problem', /connection to the server broke off/, 30000);
    assert.ok(fetches >= 2, `the pull got as far as its second file (${fetches})`);
    assert.equal(await a.evaluate(() => window.__ties.values['store.contacts']), '2', 'nothing of a broken pull is applied');
    await stop();
    await click(a, 'settings.sync.now');
    await waitValue(a, 'store.contacts', '4', 30000);
    await waitValue(a, 'settings.sync.history', /^2 new records from other devices/);

    // A deletion, then a third device that joins only now: it gets the people as they are.
    await openContact(a, 'Grace Hopper');
    await click(a, 'contact.delete');
    await click(a, 'contact.delete.confirm');
    await waitValue(a, 'store.contacts', '3');
    await click(a, 'nav.Settings');
    await waitValue(a, 'settings.sync.history', /^1 record sent/, 30000);
    const c = await openApp(tablet, page_server.url);
    await connectSync(c, dav.url);
    await waitValue(c, 'store.contacts', '3', 30000);
    await openContact(c, 'Dorothy Vaughan');
    await openContact(c, 'Katherine Johnson');
    await screenshot(c, 'sync-tablet-joined-late');
    await click(b, 'settings.sync.now');
    await waitValue(b, 'store.contacts', '3', 30000);
    for (const page of [a, b, c]) {
      await showContacts(page);
      await waitValue(page, 'contacts.first', 'Ada Lovelace');
      assert.deepEqual(pageErrors(page), []);
    }
  } finally {
    await closeAll(laptop);
    await closeAll(phone);
    await closeAll(tablet);
    await dav.stop();
  }
});
