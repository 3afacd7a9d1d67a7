// Sync end to end through Settings → Sync, with web/sync.js against a private Apache WebDAV
// server: one browser sets sync up (a new vault), a second browser joins with the passphrase and
// gets the first one's people, and a reload with "Remember on this device" syncs again without
// the passphrase (the data key comes back from IndexedDB). The server's disk holds no names.
// Needs Debian's apache2 and apache2-utils (tests/servers/webdav_server.py).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, addContact, click, closeAll, launch, openApp, openContact, startServer, typeInto, typeSecret,
         waitReady, waitValue } from './harness.mjs';

const USER = 'ada';
const PASSWORD = 'app pässword';
const PASSPHRASE = 'long sync passphrase';
let app, dav, davRoot, child;

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  app = await startServer();
  davRoot = mkdtempSync(path.join(tmpdir(), 'ties-dav-'));
  const port = await freePort();
  child = spawn('python3', [path.join(ROOT, 'tests/servers/webdav_server.py'), '--port', String(port), '--root', davRoot,
                            '--user', USER, '--password', PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  dav = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`webdav_server.py did not start: ${errors}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const match = out.match(/^ready (\S+)/m);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`webdav_server.py exited (${code}): ${errors}`)); });
  });
});

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(davRoot, { recursive: true, force: true });
  if (app) await app.stop();
});

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

// Settings → Sync: the form, Connect, and the wait until a sync has run.
async function connect(page, { first }) {
  await click(page, 'nav.Settings');
  await typeInto(page, 'settings.sync.url', dav);
  await typeInto(page, 'settings.sync.user', USER);
  await typeSecret(page, 'settings.sync.password', PASSWORD);
  await typeSecret(page, 'settings.sync.passphrase', PASSPHRASE);
  await typeSecret(page, 'settings.sync.passphrase_again', PASSPHRASE);
  await click(page, 'settings.sync.connect');
  await waitValue(page, 'settings.sync.history', first ? /Made a new vault/ : /Joined the vault/, 60000);
  await waitValue(page, 'settings.sync.last', /^Last synced/, 60000);
  assert.equal((await page.evaluate(() => window.__ties.values['settings.sync.problem'])) || '', '');
}

// The browser logs every failed request (a 404 while looking for the vault) as a console error.
const scriptProblems = (page) => page.problems.filter((p) => !/Failed to load resource/.test(p));

test('two browsers sync through Settings → Sync; a remembered key syncs after a reload', async () => {
  const first = await launch({ viewport: { width: 1280, height: 1100 } });
  const second = await launch({ viewport: { width: 1280, height: 1100 } });
  try {
    const a = await openApp(first, app.url);
    await addContact(a, 'Grace Hopper');
    await connect(a, { first: true });
    const files = filesUnder(davRoot).map((f) => path.relative(davRoot, f));
    assert.ok(files.includes(path.join('ties', 'vault.json')), files.join(', '));
    assert.ok(files.some((f) => /^ties\/devices\/[0-9a-f]{32}\/(log|snapshot)-\d{12}\.ties$/.test(f)), files.join(', '));
    for (const file of filesUnder(davRoot)) {
      assert.ok(!readFileSync(file).includes('Grace'), `${file} holds no plaintext`);
    }

    const b = await openApp(second, app.url);
    await connect(b, { first: false });
    await openContact(b, 'Grace Hopper');

    // "Remember on this device" is ticked by default: after a reload the first browser syncs
    // again without the password or the passphrase (the key comes back from IndexedDB).
    const sealedFiles = () => filesUnder(path.join(davRoot, 'ties', 'devices')).length;
    const before = sealedFiles();
    await addContact(b, 'Alan Turing');
    await click(b, 'nav.Settings');
    await click(b, 'settings.sync.now');
    for (let i = 0; i < 600 && sealedFiles() <= before; ++i) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(sealedFiles() > before, 'the second browser pushed its edit');
    await a.reload();
    await waitReady(a);
    await click(a, 'nav.Settings');
    assert.notEqual(await a.evaluate(() => window.__ties.values['settings.sync.state']), 'locked');
    await waitValue(a, 'settings.sync.last', /^Last synced/, 60000);
    await openContact(a, 'Alan Turing');
    assert.deepEqual(scriptProblems(a), []);
    assert.deepEqual(scriptProblems(b), []);
  } finally {
    await closeAll(first);
    await closeAll(second);
  }
});
