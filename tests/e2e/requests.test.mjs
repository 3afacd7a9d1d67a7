// Without sync, no request leaves the page's origin: every request of the page, its import
// worker and its service worker, recorded by the browser during a session that opens the app,
// adds a person, imports a file and downloads a backup, goes to the origin that served the page.
// With sync set up, the only other origin is the WebDAV server's (Apache on loopback, as in
// sync.test.mjs).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, addContact, chooseFiles, click, closeAll, connectSync, launch, openApp, openImport, startDav, startServer, SYNC_ACCOUNT, typeSecret,
         waitValue } from './harness.mjs';

// Who asked: the page, a worker of the page (no frame), or the service worker.
function requester(request) {
  if (request.serviceWorker()) return 'service worker';
  try { return request.frame() ? 'page' : 'worker'; } catch { return 'worker'; }
}

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('without sync every request goes to the page\'s own origin', async () => {
  const context = await launch({ viewport: { width: 1280, height: 1000 } });
  const requests = [];
  context.on('request', (request) => requests.push({ url: request.url(), from: requester(request) }));
  try {
    const page = await openApp(context, server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    await addContact(page, 'Ada Lovelace');

    await openImport(page);  // the import runs in a worker that loads its own .js and .wasm
    await chooseFiles(page, [path.join(ROOT, 'tests/fixtures/linkedin/Connections.csv')]);
    await waitValue(page, 'import.stage', 'preview', 30000);
    await click(page, 'import.confirm');
    await waitValue(page, 'store.contacts', '5');
    await click(page, 'import.close');

    await click(page, 'nav.Settings');
    await typeSecret(page, 'settings.backup_passphrase', 'correct horse');
    await typeSecret(page, 'settings.backup_passphrase_again', 'correct horse');
    const [backup] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'settings.backup')]);
    assert.match(backup.suggestedFilename(), /\.ties$/);
    await waitValue(page, 'settings.last_backup', /\S/);
    assert.deepEqual(page.problems, []);

    const origin = new URL(server.url).origin;
    const urls = requests.map((r) => r.url);
    assert.ok(urls.some((u) => u.includes('ties_import.wasm')), `the import worker's requests are seen: ${urls.join(' ')}`);
    assert.ok(requests.some((r) => r.from === 'service worker'), 'the service worker\'s requests are seen');
    const elsewhere = requests.filter((r) => new URL(r.url).origin !== origin);
    assert.deepEqual(elsewhere, [], `requests to another origin than ${origin}`);
  } finally {
    await closeAll(context);
  }
});

test('with sync the only other origin is the WebDAV server\'s', async () => {
  const origin = new URL(server.url).origin;
  const dav = await startDav({ user: SYNC_ACCOUNT.user, password: SYNC_ACCOUNT.password, extra: ['--origin', origin] });
  const context = await launch({ viewport: { width: 1280, height: 1000 } });
  const requests = [];
  context.on('request', (request) => requests.push({ url: request.url(), from: requester(request) }));
  try {
    const page = await openApp(context, server.url);
    await connectSync(page, dav.url);
    await waitValue(page, 'sync.status', /^Synced/);
    // Sync's expected 404s (no vault yet) are the browser's lines, not the page's errors.
    assert.deepEqual(page.problems.filter((line) => !/Failed to load resource/.test(line)), []);

    const davOrigin = new URL(dav.url).origin;
    assert.ok(requests.some((r) => r.url.startsWith(dav.url)), 'sync reached the server');
    const elsewhere = requests.filter((r) => ![origin, davOrigin].includes(new URL(r.url).origin));
    assert.deepEqual(elsewhere, [], `requests to another origin than ${origin} and ${davOrigin}`);
  } finally {
    await closeAll(context);
    await dav.stop();
  }
});
