// On a phone: the layout fits a narrow screen, a tap on a text field focuses the hidden input
// inside the tap (so the on-screen keyboard opens) and text typed through an input method
// arrives, and a one-finger drag scrolls a long list. Contacts is a list of rows made for a
// finger, buttons wrap instead of running off the screen, no tooltip stays after a tap, and the
// top bar has a search button.
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
    const list = await widget(page, 'contacts.list');
    const x = list.x + 60;
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

test('phone: contacts are rows a tap opens, buttons wrap, no tooltip sticks, search in the top bar', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await launch({ viewport: PHONE, touch: true, colorScheme });
    try {
      const page = await openApp(context, server.url, { query: 'test&sample=60' });
      await tap(page, 'nav.Contacts');
      await page.waitForFunction(() => Number(window.__ties.values['contacts.count']) > 40);
      // Tapping the sidebar leaves no tooltip behind (a finger cannot hover out).
      await nextFrames(page, 6);
      assert.equal((await probe(page)).values.tooltip, undefined, 'no tooltip after tapping the sidebar');
      const shown = await probe(page);
      assert.equal(shown.widgets['contacts.column.Name'], undefined, 'no table columns on a phone');
      assert.ok(shown.widgets['contacts.list'], 'a list instead');
      const first = shown.values['contacts.first'];
      assert.match(shown.values[`contacts.last.${first}`], /^(never|today|yesterday|\d+ days ago|in \d+ days)$/);
      await screenshot(page, `phone-contacts-list-${colorScheme}`);

      // Sort by last contact from the menu: the most neglected first.
      await tap(page, 'contacts.sort');
      await tap(page, 'contacts.sort.Last contact (longest ago first)');
      await nextFrames(page, 3);
      const sorted = await probe(page);
      const days = (text) => text === 'never' ? Infinity : text === 'today' ? 0 : text === 'yesterday' ? 1
        : Number(text.split(' ')[0]);
      const rows = Object.keys(sorted.widgets).filter((k) => k.startsWith('contacts.row.'))
        .sort((a, b) => sorted.widgets[a][1] - sorted.widgets[b][1])
        .map((k) => days(sorted.values[`contacts.last.${k.slice('contacts.row.'.length)}`]));
      assert.ok(rows.length > 5, `rows on screen (${rows.length})`);
      for (let i = 1; i < rows.length; ++i) assert.ok(rows[i - 1] >= rows[i], `longest ago first: ${rows.join(', ')}`);

      // A tap on a row opens the person (someone in the inner circle, who has a rhythm to relax).
      await tap(page, 'contacts.sort');
      await tap(page, 'contacts.sort.Circle');
      await nextFrames(page, 3);
      const name = (await probe(page)).values['contacts.first'];
      await tap(page, `contacts.row.${name}`);
      await waitValue(page, 'contact.name', name);
      await nextFrames(page, 4);
      assert.equal((await probe(page)).values.tooltip, undefined, 'no tooltip after tapping a row');
      for (const button of ['contact.log', 'contact.edit', 'contact.archive', 'contact.delete']) {
        const r = await widget(page, button);
        assert.ok(r.x >= 0 && r.x + r.w <= PHONE.width, `${button} fits the screen (${r.x}..${r.x + r.w})`);
      }
      await screenshot(page, `phone-contact-${colorScheme}`);
      const relax = await widget(page, 'contact.relax');
      assert.ok(relax.x + relax.w <= PHONE.width, `Relax fits the screen (${relax.x + relax.w})`);

      // The search button in the top bar opens the palette.
      await tap(page, 'topbar.search');
      await page.waitForFunction(() => window.__ties.widgets.jump, null, { timeout: 5000 });
      await screenshot(page, `phone-palette-${colorScheme}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});
