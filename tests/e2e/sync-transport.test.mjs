// Sync's transport in the real page, before any Settings → Sync screen uses it: web/sync.js's
// operations (fetch against a private Apache WebDAV server, WebCrypto) called from the page, and
// the same operations through BrowserHost::start_sync/take_sync (C++: outcome_of_http, the
// PROPFIND reader, the Date header) via the ?test hook ties_sync_test_start/take. Cryptography is
// checked against OpenSSL both ways: the fixture made natively opens in the page, and what the
// page seals opens with node:crypto (OpenSSL) and in tests/unit/sync_crypto_test.cpp.
// Needs Debian's apache2 and apache2-utils (tests/servers/webdav_server.py).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, closeAll, freePort, launch, openApp, startDav as startDavServer, startServer } from './harness.mjs';

const USER = 'ada';
const PASSWORD = 'sécret ünïcode';  // Basic auth must send UTF-8
const FAILURE = { none: 0, unreachable: 1, cors: 2, timeout: 3, unauthorized: 4, forbidden: 5, missing: 6,
                  server: 7, refused: 8, noKey: 9 };
const fixture = Object.fromEntries(readFileSync(path.join(ROOT, 'tests/fixtures/sync/known-answer.txt'), 'utf8')
  .split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(/: (.*)/s).slice(0, 2)));

let app, dav, blocked, hanging, redirecting, closedPort, context, page;
const servers = [];

// A private WebDAV server (harness.mjs), stopped after the tests.
async function startDav(extra = []) {
  const server = await startDavServer({ user: USER, password: PASSWORD, extra });
  servers.push(server);
  return server.url;
}

before(async () => {
  app = await startServer();
  [dav, blocked] = await Promise.all([startDav(), startDav(['--no-cors'])]);
  closedPort = await freePort();
  hanging = net.createServer(() => {});  // accepts connections and never answers
  await new Promise((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  // Lets the page in (CORS) and then sends every request to an origin the page's
  // Content-Security-Policy does not allow (TEST-NET-1: nothing there answers either).
  redirecting = http.createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Methods', 'OPTIONS, PROPFIND, GET, PUT, DELETE, MKCOL');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Depth, Content-Type');
    if (request.method === 'OPTIONS') return response.end();
    response.writeHead(301, { Location: 'http://192.0.2.1/dav/' }).end();
  });
  await new Promise((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
  context = await launch();
  page = await openApp(context, app.url);
});

after(async () => {
  if (context) await closeAll(context);
  if (hanging) hanging.close();
  if (redirecting) redirecting.close();
  await Promise.all(servers.map((server) => server.stop()));
  if (app) await app.stop();
});

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const text = (value) => Buffer.from(value, 'utf8').toString('hex');

// One operation through web/sync.js. `op`: kind (a KIND name), folder, user, password, path
// (text) or pathHex, bytes and aad (hex), passphrase, iterations. Bytes come back as hex.
function viaJs(op) {
  return page.evaluate(async (op) => {
    const fromHex = (h) => new Uint8Array((h || '').match(/../g)?.map((x) => parseInt(x, 16)) || []);
    const utf8 = (t) => new TextEncoder().encode(t || '');
    const result = await Module.tiesSync.perform({
      kind: Module.tiesSync.KIND[op.kind], folder: op.folder || '', user: utf8(op.user), password: utf8(op.password),
      path: op.pathHex !== undefined ? fromHex(op.pathHex) : utf8(op.path), bytes: fromHex(op.bytes),
      aad: fromHex(op.aad), passphrase: utf8(op.passphrase), iterations: op.iterations || 0 });
    const bytes = result.bytes ? Array.from(result.bytes, (b) => b.toString(16).padStart(2, '0')).join('') : '';
    return { failure: result.failure, status: result.status, detail: result.detail, date: result.date, bytes };
  }, op);
}

// The same operation through BrowserHost (C++), as the session performs it: the Outcome as JSON.
function viaHost(op) {
  return page.evaluate(async (op) => {
    const KIND = Module.tiesSync.KIND;
    const fromHex = (h) => new Uint8Array((h || '').match(/../g)?.map((x) => parseInt(x, 16)) || []);
    const utf8 = (t) => new TextEncoder().encode(t || '');
    const owned = [];
    const copy = (bytes) => {
      const ptr = Module._malloc(bytes.length + 1);
      Module.HEAPU8.set(bytes, ptr);
      Module.HEAPU8[ptr + bytes.length] = 0;
      owned.push(ptr);
      return ptr;
    };
    const pathBytes = op.pathHex !== undefined ? fromHex(op.pathHex) : utf8(op.path);
    const bytes = fromHex(op.bytes), aad = fromHex(op.aad);
    const job = Module._ties_sync_test_start(KIND[op.kind], copy(utf8(op.folder)), copy(utf8(op.user)),
      copy(utf8(op.password)), copy(pathBytes), pathBytes.length, copy(bytes), bytes.length, copy(aad), aad.length,
      copy(utf8(op.passphrase)), op.iterations || 0);
    owned.forEach((ptr) => Module._free(ptr));
    if (job < 0) throw new Error('ties_sync_test_start refused: not a ?test page');
    for (;;) {
      const out = Module._ties_sync_test_take(job);
      if (out) {
        const json = Module.UTF8ToString(out);
        Module._free(out);
        return JSON.parse(json);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }, op);
}

// The browser logs every failed request (a 404, a CORS refusal) as a console error: those are
// this test's doing. Anything else (an exception, a script error) is a problem.
const scriptProblems = () => page.problems.filter((p) => !/Failed to load resource|blocked by CORS policy/.test(p));

const server = () => ({ folder: dav, user: USER, password: PASSWORD });

test('WebDAV through the page: folders, binary files up and down, listings, deletes', async () => {
  const made = await viaJs({ kind: 'makeFolder', ...server(), path: 'ties/' });
  assert.equal(made.status, 201, made.detail);
  assert.equal((await viaHost({ kind: 'makeFolder', ...server(), path: 'ties/' })).failure, FAILURE.none, 'MKCOL of an existing folder is fine');
  const missingParent = await viaHost({ kind: 'makeFolder', ...server(), path: 'nowhere/deeper/' });
  assert.equal(missingParent.failure, FAILURE.missing);

  const every = Buffer.alloc(256 * 1024);
  for (let i = 0; i < every.length; ++i) every[i] = (i * 7 + (i >> 8)) & 0xff;  // every byte value, no pattern of 256
  const put = await viaHost({ kind: 'put', ...server(), path: 'ties/blob.ties', bytes: hex(every) });
  assert.equal(put.failure, FAILURE.none, put.detail);
  assert.equal(put.status, 201);
  assert.ok(Math.abs(put.server_time - Date.now()) < 60000, `the Date header is read (exposed by CORS): ${put.server_time}`);

  const got = await viaHost({ kind: 'get', ...server(), path: 'ties/blob.ties' });
  assert.equal(got.failure, FAILURE.none, got.detail);
  assert.equal(got.bytes, hex(every), 'GET gives back the very bytes PUT sent');
  const gotJs = await viaJs({ kind: 'get', ...server(), path: 'ties/blob.ties' });
  assert.equal(gotJs.status, 200);
  assert.equal(gotJs.bytes.length, every.length * 2);
  assert.match(gotJs.date, /GMT$/);

  await viaHost({ kind: 'makeFolder', ...server(), path: 'ties/devices/' });
  const listed = await viaHost({ kind: 'list', ...server(), path: 'ties/' });
  assert.equal(listed.failure, FAILURE.none, listed.detail);
  assert.equal(listed.status, 207);
  const entries = Object.fromEntries(listed.entries.map((e) => [e.name, e]));
  assert.deepEqual(Object.keys(entries).sort(), ['blob.ties', 'devices']);
  assert.deepEqual(entries['blob.ties'], { name: 'blob.ties', folder: false, size: every.length });
  assert.equal(entries.devices.folder, true);
  const rawListing = await viaJs({ kind: 'list', ...server(), path: 'ties/' });
  assert.equal(rawListing.status, 207);
  assert.match(Buffer.from(rawListing.bytes, 'hex').toString('utf8'), /multistatus/);

  // A name that needs percent-encoding in the URL, and comes back decoded in the listing.
  const spaced = await viaHost({ kind: 'put', ...server(), path: 'ties/a b+é.ties', bytes: text('x') });
  assert.equal(spaced.failure, FAILURE.none, spaced.detail);
  const names = (await viaHost({ kind: 'list', ...server(), path: 'ties/' })).entries.map((e) => e.name);
  assert.ok(names.includes('a b+é.ties'), names.join(', '));

  const deleted = await viaHost({ kind: 'remove', ...server(), path: 'ties/blob.ties' });
  assert.equal(deleted.failure, FAILURE.none, deleted.detail);
  assert.equal(deleted.status, 204);
  const gone = await viaHost({ kind: 'get', ...server(), path: 'ties/blob.ties' });
  assert.equal(gone.failure, FAILURE.missing);
  assert.equal(gone.status, 404);
  assert.equal((await viaHost({ kind: 'put', ...server(), path: 'nowhere/x.ties', bytes: text('x') })).failure,
               FAILURE.missing, 'PUT into a missing folder (409)');
  assert.deepEqual(scriptProblems(), []);
});

test('Probe tells a good folder, a wrong password and a missing folder apart', async () => {
  const ok = await viaHost({ kind: 'probe', ...server(), path: '' });
  assert.equal(ok.failure, FAILURE.none, ok.detail);
  const wrong = await viaHost({ kind: 'probe', ...server(), password: 'not it', path: '' });
  assert.equal(wrong.failure, FAILURE.unauthorized, wrong.detail);
  assert.equal(wrong.status, 401);
  const missing = await viaHost({ kind: 'probe', ...server(), folder: `${dav}no-such-folder/`, path: '' });
  assert.equal(missing.failure, FAILURE.missing, missing.detail);
  const wrongGet = await viaHost({ kind: 'get', ...server(), password: '', path: 'ties/a b+é.ties' });
  assert.equal(wrongGet.failure, FAILURE.unauthorized);
});

test('a server without CORS headers, a closed port and a server that never answers', async () => {
  const cors = await viaHost({ kind: 'probe', folder: blocked, user: USER, password: PASSWORD, path: '' });
  assert.equal(cors.failure, FAILURE.cors, cors.detail);
  const corsPut = await viaHost({ kind: 'put', folder: blocked, user: USER, password: PASSWORD, path: 'x', bytes: '00' });
  assert.equal(corsPut.failure, FAILURE.cors, corsPut.detail);
  const closed = await viaHost({ kind: 'probe', folder: `http://127.0.0.1:${closedPort}/dav/`, user: USER, password: PASSWORD, path: '' });
  assert.equal(closed.failure, FAILURE.unreachable, closed.detail);
  assert.equal(closed.status, 0);

  await page.evaluate(() => { Module.tiesSync.timeouts.request = 1500; });
  try {
    const slow = await viaHost({ kind: 'list', folder: `http://127.0.0.1:${hanging.address().port}/dav/`, user: USER,
                                 password: PASSWORD, path: '' });
    assert.equal(slow.failure, FAILURE.timeout, slow.detail);
  } finally {
    await page.evaluate(() => { Module.tiesSync.timeouts.request = 30000; });
  }
});

test('a redirect is reported as one, and not followed', async () => {
  // Before, fetch followed it into the Content-Security-Policy's wall and the page said only
  // "no answer from the server".
  const folder = `http://127.0.0.1:${redirecting.address().port}/dav/`;
  for (const kind of ['probe', 'put', 'list']) {
    const result = await viaHost({ kind, folder, user: USER, password: PASSWORD, path: kind === 'put' ? 'x' : '', bytes: '00' });
    assert.equal(result.failure, FAILURE.server, `${kind}: ${result.detail}`);
    assert.equal(result.status, 300, kind);
    assert.match(result.detail, /redirect/, kind);
  }
  assert.deepEqual(page.problems.filter((p) => /Content Security Policy|Refused to connect/.test(p)), [],
                   'nothing was sent to the redirect\'s target');
});

// The node:crypto (OpenSSL) reading of IV | ciphertext | tag.
function openWithNode(key, sealedHex, aadHex) {
  const sealed = Buffer.from(sealedHex, 'hex');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aadHex, 'hex'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

test('cryptography: no key, the native fixture, OpenSSL reads what the page seals, tampering refused', async () => {
  const iterations = Number(fixture.iterations);
  assert.equal((await viaHost({ kind: 'seal', bytes: text('x'), aad: '' })).failure, FAILURE.noKey);
  assert.equal((await viaHost({ kind: 'open', bytes: fixture.sealed_natively, aad: fixture.file_aad })).failure, FAILURE.noKey);

  const wrong = await viaHost({ kind: 'unlock', pathHex: fixture.salt, bytes: fixture.wrapped_key, aad: fixture.key_aad,
                                passphrase: 'correct horse battery stapler', iterations });
  assert.equal(wrong.failure, FAILURE.refused, wrong.detail);

  const unlocked = await viaHost({ kind: 'unlock', pathHex: fixture.salt, bytes: fixture.wrapped_key, aad: fixture.key_aad,
                                   passphrase: fixture.passphrase, iterations });
  assert.equal(unlocked.failure, FAILURE.none, unlocked.detail);
  const opened = await viaHost({ kind: 'open', bytes: fixture.sealed_natively, aad: fixture.file_aad });
  assert.equal(opened.failure, FAILURE.none, opened.detail);
  assert.equal(opened.bytes, fixture.plaintext, 'the page opens the file OpenSSL sealed');

  const sealed = await viaHost({ kind: 'seal', bytes: fixture.plaintext, aad: fixture.file_aad });
  assert.equal(sealed.failure, FAILURE.none, sealed.detail);
  assert.equal(sealed.bytes.length, (12 + fixture.plaintext.length / 2 + 16) * 2);
  assert.equal(openWithNode(Buffer.from(fixture.data_key, 'hex'), sealed.bytes, fixture.file_aad).toString('hex'),
               fixture.plaintext, 'OpenSSL opens what the page sealed');
  if (process.env.TIES_PRINT_WEBCRYPTO_SEAL) console.log(`sealed_by_webcrypto: ${sealed.bytes}`);
  if (fixture.sealed_by_webcrypto) {
    const again = await viaHost({ kind: 'open', bytes: fixture.sealed_by_webcrypto, aad: fixture.file_aad });
    assert.equal(again.bytes, fixture.plaintext);
  }

  // Every changed byte (IV, ciphertext, tag), another name's aad, a shortened file: Refused.
  for (const at of [0, 11, 12, 12 + 17, sealed.bytes.length / 2 - 1]) {
    const changed = Buffer.from(sealed.bytes, 'hex');
    changed[at] ^= 0x01;
    const refused = await viaHost({ kind: 'open', bytes: hex(changed), aad: fixture.file_aad });
    assert.equal(refused.failure, FAILURE.refused, `byte ${at}`);
  }
  assert.equal((await viaHost({ kind: 'open', bytes: sealed.bytes, aad: fixture.key_aad })).failure, FAILURE.refused);
  assert.equal((await viaHost({ kind: 'open', bytes: sealed.bytes.slice(0, 40), aad: fixture.file_aad })).failure, FAILURE.refused);

  // A failed unlock leaves no key behind, as OpenSSL's side does.
  await viaHost({ kind: 'unlock', pathHex: fixture.salt, bytes: fixture.wrapped_key, aad: fixture.key_aad, passphrase: 'no', iterations });
  assert.equal((await viaHost({ kind: 'seal', bytes: '00', aad: '' })).failure, FAILURE.noKey);
});

test('CreateKey: OpenSSL unwraps the new key and opens what the page seals with it', async () => {
  const aad = text('ties-sync/1\nsome vault\nkey');
  const created = await viaHost({ kind: 'createKey', aad, passphrase: 'new pässphrase', iterations: 2000 });
  assert.equal(created.failure, FAILURE.none, created.detail);
  const bytes = Buffer.from(created.bytes, 'hex');
  assert.equal(bytes.length, 16 + 60);
  const kek = crypto.pbkdf2Sync(Buffer.from('new pässphrase', 'utf8'), bytes.subarray(0, 16), 2000, 32, 'sha256');
  const key = openWithNode(kek, hex(bytes.subarray(16)), aad);
  assert.equal(key.length, 32);

  const fileAad = text('ties-sync/1\nsome vault\ndevice\nsnapshot\n3');
  const sealed = await viaJs({ kind: 'seal', bytes: text('every record'), aad: fileAad });
  assert.equal(openWithNode(key, sealed.bytes, fileAad).toString('utf8'), 'every record');
  const opened = await viaJs({ kind: 'open', bytes: sealed.bytes, aad: fileAad });
  assert.equal(Buffer.from(opened.bytes, 'hex').toString('utf8'), 'every record');

  const second = await viaJs({ kind: 'createKey', aad, passphrase: 'new pässphrase', iterations: 2000 });
  assert.notEqual(second.bytes.slice(0, 32), created.bytes.slice(0, 32), 'a new salt each time');
  assert.equal((await viaJs({ kind: 'open', bytes: sealed.bytes, aad: fileAad })).failure, FAILURE.refused, 'a new key');

  // Unlock with the first vault's wrapped key brings its key back.
  const unlocked = await viaJs({ kind: 'unlock', pathHex: hex(bytes.subarray(0, 16)), bytes: hex(bytes.subarray(16)), aad,
                                 passphrase: 'new pässphrase', iterations: 2000 });
  assert.equal(unlocked.failure, FAILURE.none, unlocked.detail);
  assert.equal(Buffer.from((await viaJs({ kind: 'open', bytes: sealed.bytes, aad: fileAad })).bytes, 'hex').toString('utf8'),
               'every record');
  assert.deepEqual(scriptProblems(), []);
});

test('a remembered key survives a reload, cannot be read back, and is forgotten on request', async () => {
  const iterations = Number(fixture.iterations);
  const unlock = () => viaJs({ kind: 'unlock', pathHex: fixture.salt, bytes: fixture.wrapped_key, aad: fixture.key_aad,
                               passphrase: fixture.passphrase, iterations });
  const openFixture = () => viaHost({ kind: 'open', bytes: fixture.sealed_natively, aad: fixture.file_aad });
  assert.equal((await unlock()).failure, FAILURE.none);
  await page.evaluate(() => Module.tiesSync.rememberKey(true));

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tiesState === 'ready');
  // The first operation after the reload already has the key: it waits for IndexedDB.
  const opened = await openFixture();
  assert.equal(opened.failure, FAILURE.none, opened.detail);
  assert.equal(opened.bytes, fixture.plaintext);
  const kept = await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('ties-sync-key');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const get = request.result.transaction('keys').objectStore('keys').get('data-key');
      get.onsuccess = async () => {
        const key = get.result;
        let exported = 'refused';
        try { await crypto.subtle.exportKey('raw', key); exported = 'exported'; } catch (e) { /* as it should */ }
        request.result.close();
        resolve({ type: key.type, extractable: key.extractable, algorithm: key.algorithm.name, exported });
      };
    };
  }));
  assert.deepEqual(kept, { type: 'secret', extractable: false, algorithm: 'AES-GCM', exported: 'refused' });

  // Not remembered: the key stays for this visit only.
  await page.evaluate(() => Module.tiesSync.rememberKey(false));
  assert.equal((await openFixture()).failure, FAILURE.none);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tiesState === 'ready');
  assert.equal((await openFixture()).failure, FAILURE.noKey);

  // Remembering before the key exists keeps the key that comes later.
  await page.evaluate(() => Module.tiesSync.rememberKey(true));
  assert.equal((await unlock()).failure, FAILURE.none);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tiesState === 'ready');
  assert.equal((await openFixture()).failure, FAILURE.none);
  await page.evaluate(() => Module.tiesSync.rememberKey(false));
  assert.deepEqual(scriptProblems(), []);
});
