// Real keyboard events reach ImGui text fields, accented and non-Latin letters included (glfw
// alone drops them; the hidden input bridge carries them), and shortcuts work on the fields.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, closeAll, launch, nextFrames, openApp, openPalette, probe, screenshot, startServer, waitValue } from './harness.mjs';

let server;
let context;

before(async () => { server = await startServer(); context = await launch(); });
after(async () => { await closeAll(context); await server.stop(); });

test('typed text with accents reaches the field exactly once', async () => {
  const page = await openApp(context, server.url);
  await openPalette(page);
  await page.keyboard.type('Café Ø é');
  await waitValue(page, 'jump', 'Café Ø é');
  await page.keyboard.type(' Ζωή Жанна');
  await waitValue(page, 'jump', 'Café Ø é Ζωή Жанна');
  await screenshot(page, 'typing-accents');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await waitValue(page, 'jump', 'Café Ø é Ζωή Жан');
  assert.equal((await probe(page)).values['jump.result'], '', 'no section matches that text');
  assert.deepEqual(page.problems, []);
});

test('Enter in the command palette opens the matching section; Escape closes it', async () => {
  const page = await openApp(context, server.url);
  await openPalette(page);
  await page.keyboard.type('insi');
  await waitValue(page, 'jump.result', 'Insights');
  await page.keyboard.press('Enter');
  await waitValue(page, 'section', 'Insights');
  await waitValue(page, 'jump', '');
  await page.waitForFunction(() => window.__ties.textInput === false);

  await openPalette(page);
  await page.keyboard.type('zzz');
  await waitValue(page, 'jump', 'zzz');
  await page.keyboard.press('Escape');
  await waitValue(page, 'jump', '');
  await page.waitForFunction(() => !window.__ties.widgets.jump, null, { timeout: 5000 });
  assert.equal((await probe(page)).values.section, 'Insights', 'Escape does not navigate');
  assert.deepEqual(page.problems, []);
});

test('Ctrl+K opens the command palette from anywhere', async () => {
  const page = await openApp(context, server.url);
  await click(page, 'nav.Events');
  await waitValue(page, 'section', 'Events');
  await page.keyboard.press('Control+K');
  await page.waitForFunction(() => window.__ties.textInput === true);
  await page.keyboard.type('sett');
  await page.keyboard.press('Enter');
  await waitValue(page, 'section', 'Settings');
  await nextFrames(page);
  // The browser's own Ctrl+K / Ctrl+L (search box, address bar) must not take the focus away.
  const prevented = await page.evaluate(() => ['k', 'l'].map((key) => {
    const event = new KeyboardEvent('keydown', { key, ctrlKey: true, cancelable: true, bubbles: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  }));
  assert.deepEqual(prevented, [true, true]);
  assert.deepEqual(page.problems, []);
});

test('names in Latin, Greek, Cyrillic and Hebrew display; a glyph no font has shows the replacement mark', async () => {
  const page = await openApp(context, server.url);
  assert.equal((await probe(page)).values['font.fallback'], String(0xFFFD), 'missing glyphs draw as U+FFFD, never nothing');
  await openPalette(page);
  await page.keyboard.insertText('Zoë Ødegaard · Λάμπρος · Жанна · שרה · 漢');
  await waitValue(page, 'jump', 'Zoë Ødegaard · Λάμπρος · Жанна · שרה · 漢');
  await screenshot(page, 'scripts');
  assert.deepEqual(page.problems, []);
});
