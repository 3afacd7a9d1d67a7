// On a phone: the layout fits a narrow screen, a tap on a text field focuses the hidden input
// inside the tap (so the on-screen keyboard opens) and text typed through an input method
// arrives, and a one-finger drag scrolls a long list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, launch, nextFrames, openApp, probe, screenshot, startServer, tap, waitValue, widget } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('tapping a text field focuses the keyboard input within the tap; IME text arrives', async () => {
  const context = await launch({ viewport: PHONE, dpr: 3, touch: true });
  try {
    const page = await openApp(context, server.url);
    await waitValue(page, 'welcome', 'shown');
    await screenshot(page, 'phone-welcome');
    await tap(page, 'nav.Contacts');
    await waitValue(page, 'section', 'Contacts');
    // Record whether the hidden input is focused while the touchend itself is being handled
    // (window.event is the event in dispatch): only then do phones open their keyboard.
    await page.evaluate(() => {
      window.__focusedInTouch = false;
      const focus = HTMLElement.prototype.focus;
      HTMLElement.prototype.focus = function (...args) {
        if (this.id === 'ties-text-bridge' && window.event && window.event.type === 'touchend') window.__focusedInTouch = true;
        return focus.apply(this, args);
      };
    });
    const search = await widget(page, 'contacts.search');
    assert.ok(search.x + search.w <= PHONE.width, `the search field fits the screen (${search.x + search.w})`);
    // A finger rests ~100 ms on the glass: press, let a few frames pass, lift.
    const cdp = await context.newCDPSession(page);
    const point = [{ x: search.x + 40, y: search.y + search.h / 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
    await page.waitForTimeout(100);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    assert.equal(await page.evaluate(() => window.__focusedInTouch), true, 'focused during the tap itself');
    await page.waitForFunction(() => window.__ties.textInput === true);
    await page.keyboard.insertText('Жанна');  // what an input method or on-screen keyboard sends
    await waitValue(page, 'contacts.search', 'Жанна');
    await screenshot(page, 'phone-contacts-search');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a one-finger drag scrolls the contact list', async () => {
  const context = await launch({ viewport: PHONE, touch: true });
  try {
    const page = await openApp(context, server.url, { query: 'test&sample=300' });
    await tap(page, 'nav.Contacts');
    await page.waitForFunction(() => Number(window.__ties.values['contacts.count']) > 200);
    const first = (await probe(page)).values['contacts.first'];
    const table = await widget(page, 'contacts.column.Name');
    const x = table.x + 60;
    const cdp = await context.newCDPSession(page);
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', 700);
    for (let y = 690; y >= 300; y -= 30) { await touch('touchMove', y); await nextFrames(page, 1); }
    await touch('touchEnd', 300);
    await nextFrames(page, 4);
    const after = (await probe(page)).values['contacts.first'];
    assert.notEqual(after, first, `the list scrolled (first row was ${first}, now ${after})`);
    await screenshot(page, 'phone-contacts');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
