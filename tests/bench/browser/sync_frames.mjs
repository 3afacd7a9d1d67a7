// Sync benchmark in the page (not a test): with N generated people (?test&sample=N: N contacts and
// about four touches each, in memory), sync is set up through Settings against a private Apache
// WebDAV server on loopback (tests/servers/webdav_server.py), then run again with nothing new.
// Prints the wall-clock time of each and the five slowest frames (frame.ms from the test probe,
// the CPU time of one frame), so a sync that freezes the page shows.
// Run: node tests/bench/browser/sync_frames.mjs [N]   (default 10000)
import { click, closeAll, launch, openApp, startDav, startServer, typeInto, typeSecret, waitValue } from '../../e2e/harness.mjs';

const n = process.argv[2] || '10000';
const server = await startServer();
const dav = await startDav({ user: 'ada', password: 'pw', extra: ['--origin', new URL(server.url).origin] });
const context = await launch({ viewport: { width: 1280, height: 1000 } });
try {
  const page = await openApp(context, server.url, { query: `test&sample=${n}` });
  await waitValue(page, 'store.contacts', n, 120000);
  // Every frame's time, read on each animation frame of the page.
  const watch = () => page.evaluate(() => {
    window.__frames = [];
    let last = -1;
    const loop = () => {
      const t = window.__ties;
      if (t && t.frame !== last) { last = t.frame; window.__frames.push(+t.values['frame.ms'] || 0); }
      requestAnimationFrame(loop);
    };
    loop();
  });
  const worst = () => page.evaluate(() => window.__frames.slice().sort((a, b) => b - a).slice(0, 5).map((x) => x.toFixed(0)).join(' '));
  await click(page, 'nav.Settings');
  await typeInto(page, 'settings.sync.url', dav.url);
  await typeInto(page, 'settings.sync.user', 'ada');
  await typeSecret(page, 'settings.sync.password', 'pw');
  await typeSecret(page, 'settings.sync.passphrase', 'correct horse');
  await typeSecret(page, 'settings.sync.passphrase_again', 'correct horse');
  await watch();
  let start = Date.now();
  await click(page, 'settings.sync.connect');
  await waitValue(page, 'settings.sync.history', /records? sent/, 300000);
  console.log(`${n} people: first sync (setup with PBKDF2 + the snapshot up): ${((Date.now() - start) / 1000).toFixed(1)} s; slowest frames (ms): ${await worst()}`);
  await watch();
  start = Date.now();
  await click(page, 'settings.sync.now');
  await waitValue(page, 'settings.sync.history', /^Up to date/, 60000);
  console.log(`${n} people: a sync with nothing new: ${((Date.now() - start) / 1000).toFixed(1)} s; slowest frames (ms): ${await worst()}`);
} finally {
  await closeAll(context);
  await dav.stop();
  await server.stop();
}
