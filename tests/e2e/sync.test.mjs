// Sync between two devices through a real WebDAV server: Apache from Debian (mod_dav, mod_headers,
// Basic auth), started by the test on loopback on another port than the page, so that every
// request goes through the browser's real CORS preflight. Two browser profiles are two devices;
// everything is done through the page with mouse and keyboard, and checked on both devices and on
// the server's disk (which must hold nothing readable).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, launch, openApp, openContact, retype, screenshot, startDav as startDavServer,
         startServer, typeInto, typeSecret, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1000 };
const USER = 'ada';
const PASSWORD = 'app-password-1';
const PASSPHRASE = 'correct horse battery staple';

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

async function setUpSync(page, url, passphrase = PASSPHRASE, { again = passphrase } = {}) {
  await click(page, 'nav.Settings');
  await typeInto(page, 'settings.sync.url', url);
  await typeInto(page, 'settings.sync.user', USER);
  await typeSecret(page, 'settings.sync.password', PASSWORD);
  await typeSecret(page, 'settings.sync.passphrase', passphrase);
  await typeSecret(page, 'settings.sync.passphrase_again', again);
  await click(page, 'settings.sync.connect');
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
    await setUpSync(a, dav.url);
    await waitValue(a, 'settings.sync.state', 'idle', 60000);
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
    await setUpSync(b, dav.url);
    await waitValue(b, 'settings.sync.state', 'idle', 60000);
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
    await setUpSync(a, dav.url);
    await waitValue(a, 'settings.sync.state', 'idle', 60000);

    const b = await openApp(second, page_server.url);
    await addContact(b, 'Kept Here');
    await setUpSync(b, dav.url, 'not the passphrase');
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
