// Real keyboard events reach ImGui text fields, accented and non-Latin letters included (glfw
// alone drops them; the hidden input bridge carries them), and shortcuts work on the fields.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, nextFrames, openApp, openContact, openPalette, probe, screenshot, startServer,
         waitReady, waitValue } from './harness.mjs';

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

// A slow frame (a sync applying, a phone) lets several keystrokes arrive before the next frame:
// the text and the keys around it must reach the field in the order they were typed, so that
// Enter after a word saves the word, and Ctrl+A then typing replaces what was there.
test('keys typed faster than the page draws keep their order: Ctrl+A, the word, then Enter', async () => {
  const page = await openApp(context, server.url);
  await addContact(page, 'Order Test');
  await openContact(page, 'Order Test');
  const cdp = await context.newCDPSession(page);
  for (const word of ['Navy', 'Analytical Engines']) {
    await focusField(page, 'contact.inline.company');
    // The keys arrive while the main thread is busy (a long frame: a sync applying, a slow
    // phone), so all of them land between two frames, as a fast typist's do on a slow page.
    // They go through the DevTools protocol without waiting for each other, the way a real
    // keyboard's events queue up in the browser.
    await page.evaluate((ms) => setTimeout(() => { const end = performance.now() + ms; while (performance.now() < end); }, 0), 300);
    const keys = [{ type: 'rawKeyDown', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, modifiers: 2 },
                  { type: 'rawKeyDown', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2 },
                  { type: 'keyUp', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2 },
                  { type: 'keyUp', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 }];
    for (const ch of word) {
      const code = ch === ' ' ? 'Space' : `Key${ch.toUpperCase()}`;
      const vk = ch === ' ' ? 32 : ch.toUpperCase().charCodeAt(0);
      keys.push({ type: 'keyDown', key: ch, code, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: vk },
                { type: 'keyUp', key: ch, code, windowsVirtualKeyCode: vk });
    }
    keys.push({ type: 'keyDown', key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 },
              { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    await Promise.all(keys.map((k) => cdp.send('Input.dispatchKeyEvent', k)));
    await waitValue(page, 'contact.inline.company', word);
    await page.waitForFunction(() => window.__ties.textInput === false);
    await nextFrames(page, 3);
    assert.equal((await probe(page)).values['contact.inline.company'], word, 'kept after the field closed');
  }
  await waitValue(page, 'save.status', 'Saved');
  await page.reload();
  await waitReady(page);
  await openContact(page, 'Order Test');
  await waitValue(page, 'contact.inline.company', 'Analytical Engines');
  assert.deepEqual(page.problems, []);
});
