// After one visit the service worker has precached this build, and the app starts with the
// server gone and the network switched off.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, closeAll, launch, openApp, probe, startServer, waitReady } from './harness.mjs';

const BUILD = JSON.parse(readFileSync(path.join(ROOT, 'build/web/dist/build.json'), 'utf8'));

test('a reload starts the app with the network off after one visit', async () => {
  const server = await startServer();
  const context = await launch();
  try {
    const page = await openApp(context, server.url);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null,
                               { timeout: 30000 });
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`ties-${BUILD.build}`], 'one cache, named for this build');
    const cached = await page.evaluate(async (name) =>
      (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1)).sort(), caches[0]);
    assert.deepEqual(cached, BUILD.files.map((f) => f.url).sort(), 'every file of the build is cached');

    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.equal((await probe(page)).values.section, 'Today');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
    await server.stop();
  }
});
