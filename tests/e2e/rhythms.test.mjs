// Keep-in-touch rhythms through the real page ("today" pinned to 2026-03-10): a circle's rhythm
// edited in Settings changes who is due and survives a reload; a tag's rhythm overrides the
// circle's; a person's own rhythm overrides both; bad numbers get a clear message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, focusField, launch, openApp, openContact, probe, screenshot, setTier, startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TODAY = 'test&today=20260310';
const TALL = { width: 1280, height: 1300 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function setNumber(page, field, value) {
  await focusField(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
}

test('a circle rhythm edited in Settings changes who is due, and is kept', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await addContact(page, 'Ada Lovelace', { first_met: '2026-02-18' });  // 20 days ago
    await setTier(page, 'Close (15)');
    await waitValue(page, 'contact.rhythm', 'Every 3 weeks, for the circle Close (15), overdue after 35 days');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '0');

    await click(page, 'nav.Settings');
    await waitValue(page, 'settings.cadence.2', '21/35');
    await setNumber(page, 'settings.cadence.2.ideal', 14);
    await waitValue(page, 'settings.cadence.2', '14/35');
    await screenshot(page, 'settings-rhythms');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');

    // A max below the ideal is read as the ideal; out of range is refused with a message.
    await click(page, 'nav.Settings');
    await setNumber(page, 'settings.cadence.2.max', 7);
    await waitValue(page, 'settings.cadence.2', '14/14');
    await setNumber(page, 'settings.cadence.3.ideal', 5000);
    await waitValue(page, 'form.error', /choose between 0 \(never\) and 3650 days/);
    assert.equal((await probe(page)).values['settings.cadence.3'], '60/90', 'nothing saved');

    await page.reload();
    await waitReady(page);
    await click(page, 'nav.Settings');
    await waitValue(page, 'settings.cadence.2', '14/14');
    await click(page, 'settings.cadence.defaults');
    await waitValue(page, 'settings.cadence.2', '21/35');
  } finally {
    await closeAll(context);
  }
});

test('a tag rhythm overrides the circle; a person\'s own rhythm overrides both', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await addContact(page, 'Grace Hopper', { first_met: '2026-03-01', tags: 'investors, navy' });  // 9 days ago
    await setTier(page, 'Friends (50)');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '0');

    await click(page, 'nav.Settings');
    await typeInto(page, 'settings.tag.new', 'Investors');
    await setNumber(page, 'settings.tag.new.ideal', 7);
    await setNumber(page, 'settings.tag.new.max', 10);
    await click(page, 'settings.tag.add');
    await waitValue(page, 'settings.tag.Investors', '7/10');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    await openContact(page, 'Grace Hopper');
    await waitValue(page, 'contact.rhythm', 'Every week, for the tag "Investors", overdue after 10 days');

    // Her own rhythm: every 30 days.
    await click(page, 'contact.edit');
    await click(page, 'contact.cadence');
    await focusField(page, 'contact.cadence_days');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await click(page, 'contact.save');
    await waitValue(page, 'contact.rhythm', 'Every month, set for them, overdue after 45 days');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '0');

    // Removing the tag rhythm is one click, and undoable.
    await click(page, 'nav.Settings');
    await click(page, 'settings.tag.Investors.remove');
    await nextValueGone(page, 'settings.tag.Investors');
    await click(page, 'undo');
    await waitValue(page, 'settings.tag.Investors', '7/10');
  } finally {
    await closeAll(context);
  }
});

async function nextValueGone(page, name) {
  await page.waitForFunction((n) => window.__ties && !(n in window.__ties.values), name, { timeout: 10000 });
}
