// The system clipboard and ImGui text fields talk both ways: Ctrl+V brings text copied elsewhere
// into a field; Ctrl+C in a field puts its selection on the system clipboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, launch, nextFrames, openApp, openPalette, probe, startServer, waitValue } from './harness.mjs';

let server;
let context;

before(async () => {
  server = await startServer();
  context = await launch();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
});
after(async () => { await closeAll(context); await server.stop(); });

test('Ctrl+V pastes text from the system clipboard into a field', async () => {
  const page = await openApp(context, server.url);
  await page.evaluate(() => navigator.clipboard.writeText('Ñandú Λ from elsewhere'));
  await openPalette(page);
  await page.keyboard.type('>');
  await page.keyboard.press('Control+V');
  await waitValue(page, 'jump', '>Ñandú Λ from elsewhere');
  // Pasting over a selection replaces it, exactly once.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await waitValue(page, 'jump', 'Ñandú Λ from elsewhere');
  await nextFrames(page, 4);
  assert.equal((await probe(page)).values.jump, 'Ñandú Λ from elsewhere');
  assert.deepEqual(page.problems, []);
});

test('Ctrl+C copies a field\'s selection to the system clipboard', async () => {
  const page = await openApp(context, server.url);
  await page.evaluate(() => navigator.clipboard.writeText('old contents'));
  await openPalette(page);
  await page.keyboard.type('Zoë Ødegaard');
  await waitValue(page, 'jump', 'Zoë Ødegaard');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'Zoë Ødegaard', null,
                             { timeout: 5000, polling: 100 });
  assert.deepEqual(page.problems, []);
});
