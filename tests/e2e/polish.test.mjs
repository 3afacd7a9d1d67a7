// Everyday polish on a laptop: the contacts table lines its cells up and sorts by last contact
// and circle; the sidebar's Contacts returns to the list; a new page starts at its top; the
// contact form saves on Enter with Save in view; saves, archives and deletes confirm with a
// notice that can undo them; the backup passphrase is typed twice; the words say "circle".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, closeAll, focusField, launch, newProfile, nextFrames, openApp, probe, screenshot, startServer,
         typeInto, waitValue, widget } from './harness.mjs';

const LAPTOP = { width: 1280, height: 800 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const days = (text) => text === 'never' ? Infinity : text === 'today' ? 0 : text === 'yesterday' ? 1
  : Number(text.split(' ')[0]);

// The rows on screen, top to bottom, as [name, rectangle].
function rows(shown) {
  return Object.keys(shown.widgets).filter((k) => k.startsWith('contacts.row.'))
    .map((k) => [k.slice('contacts.row.'.length), shown.widgets[k]])
    .sort((a, b) => a[1][1] - b[1][1]);
}

test('the table: cells line up with the name; Last contact sorts the most neglected first; Circle sorts', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await launch({ viewport: LAPTOP, colorScheme });
    try {
      const page = await openApp(context, server.url, { query: 'test&sample=80' });
      await click(page, 'nav.Contacts');
      await page.waitForFunction(() => Number(window.__ties.values['contacts.count']) > 60);
      let shown = await probe(page);
      for (const [name, row] of rows(shown).slice(0, 5)) {
        const cell = shown.widgets[`contacts.cell.company.${name}`];
        const rowMiddle = row[1] + row[3] / 2, cellMiddle = cell[1] + cell[3] / 2;
        assert.ok(Math.abs(rowMiddle - cellMiddle) <= 1.5, `${name}: name and company on one line (${rowMiddle} vs ${cellMiddle})`);
      }
      await click(page, 'contacts.column.Last contact');
      await nextFrames(page, 3);
      shown = await probe(page);
      const order = rows(shown).map(([name]) => days(shown.values[`contacts.last.${name}`]));
      assert.ok(order.length > 8, `rows on screen (${order.length})`);
      for (let i = 1; i < order.length; ++i) assert.ok(order[i - 1] >= order[i], `longest ago first: ${order.join(', ')}`);
      await screenshot(page, `contacts-last-contact-${colorScheme}`);
      await click(page, 'contacts.column.Last contact');  // again: the most recent first
      await nextFrames(page, 3);
      shown = await probe(page);
      const recent = rows(shown).map(([name]) => days(shown.values[`contacts.last.${name}`]));
      for (let i = 1; i < recent.length; ++i) assert.ok(recent[i - 1] <= recent[i], `most recent first: ${recent.join(', ')}`);

      // Circle sorts the inner circle first; someone whose rhythm comes from their circle says so
      // without parentheses in parentheses.
      await click(page, 'contacts.column.Circle');
      await nextFrames(page, 3);
      let rhythm = '';
      for (const [name] of rows(await probe(page)).slice(0, 8)) {
        await click(page, `contacts.row.${name}`);
        await waitValue(page, 'contact.name', name);
        rhythm = (await probe(page)).values['contact.rhythm'];
        if (/circle/.test(rhythm)) break;
        await click(page, 'nav.Contacts');
      }
      assert.match(rhythm, /, for the circle [^,]+ \(\d+\),/);
      assert.ok(!rhythm.includes('))'), `no double parentheses: ${rhythm}`);
      await screenshot(page, `contact-page-${colorScheme}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});

test('Contacts in the sidebar returns to the list from a page or the form; a new page starts at its top', async () => {
  const context = await launch({ viewport: LAPTOP });
  try {
    const page = await openApp(context, server.url, { query: 'test&sample=40' });
    await click(page, 'nav.Contacts');
    const name = (await probe(page)).values['contacts.first'];
    await click(page, `contacts.row.${name}`);
    await waitValue(page, 'contact.name', name);
    // Scroll the person's page down, then go back through the sidebar.
    await page.mouse.move(800, 500);
    for (let i = 0; i < 6; ++i) { await page.mouse.wheel(0, 300); await nextFrames(page, 2); }
    assert.equal((await probe(page)).widgets['section.title'], undefined, 'the page scrolled down');
    await click(page, 'nav.Contacts');
    await nextFrames(page, 3);
    let shown = await probe(page);
    assert.ok(shown.widgets['contacts.search'], 'the list is back');
    assert.equal(shown.values['contact.name'], undefined, 'the page is gone');
    assert.ok(shown.widgets['section.title'], 'and it starts at its top');

    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Half Written');
    await click(page, 'nav.Contacts');
    await nextFrames(page, 3);
    shown = await probe(page);
    assert.ok(shown.widgets['contacts.search'], 'the list is back from the form');
    assert.equal(shown.widgets['contact.display_name'], undefined, 'the form is closed');

    // Today, left scrolled down, opens at its top next time.
    await click(page, 'nav.Today');
    await page.mouse.move(800, 500);
    for (let i = 0; i < 6; ++i) { await page.mouse.wheel(0, 300); await nextFrames(page, 2); }
    assert.equal((await probe(page)).widgets['section.title'], undefined, 'Today scrolled down');
    await click(page, 'nav.Settings');
    await nextFrames(page, 2);
    await click(page, 'nav.Today');
    await nextFrames(page, 3);
    const title = (await probe(page)).widgets['section.title'];
    assert.ok(title && title[1] < 100, `Today starts at its top (${title})`);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('the form saves on Enter with Save in view; saves, archives and deletes say so and undo', async () => {
  const profile = newProfile();
  let context = await launch({ profile, viewport: LAPTOP });
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    const save = (await probe(page)).widgets['contact.save'];
    assert.ok(save && save[1] + save[3] < LAPTOP.height / 3, `Save is at the top of the form (${save})`);
    assert.ok((await probe(page)).widgets['contact.cancel'], 'Cancel too');
    await typeInto(page, 'contact.display_name', 'Ada Lovelace');
    await typeInto(page, 'contact.company', 'Analytical Engines');
    await page.keyboard.press('Enter');
    await waitValue(page, 'contact.name', 'Ada Lovelace');
    await waitValue(page, 'notice', 'Saved Ada Lovelace');
    const title = (await probe(page)).widgets['section.title'];
    assert.ok(title && title[1] < 100, 'the saved person is shown from the top');
    await screenshot(page, 'notice-saved');

    // Undo from the notice takes the new person back out.
    await click(page, 'notice.undo');
    await waitValue(page, 'store.contacts', '0');
    assert.equal((await probe(page)).values.notice, undefined, 'the notice is gone');

    // Enter in the emails field saves too; a bad email keeps the form open with its text.
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Grace Hopper');
    await typeInto(page, 'contact.emails', 'not an email');
    await page.keyboard.press('Enter');
    await waitValue(page, 'form.error', /does not look like an email/);
    assert.equal((await probe(page)).values['contact.display_name'], 'Grace Hopper', 'nothing typed is lost');
    await focusField(page, 'contact.emails');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('grace@navy.example');
    await page.keyboard.press('Enter');
    await waitValue(page, 'contact.name', 'Grace Hopper');
    await waitValue(page, 'notice', 'Saved Grace Hopper');

    await click(page, 'contact.archive');
    await waitValue(page, 'notice', 'Archived Grace Hopper');
    await waitValue(page, 'contact.archived', 'yes');
    await click(page, 'notice.undo');
    await waitValue(page, 'contact.archived', 'no');

    await click(page, 'contact.delete');
    await click(page, 'contact.delete.confirm');
    await waitValue(page, 'notice', 'Deleted Grace Hopper');
    await waitValue(page, 'store.contacts', '0');
    await screenshot(page, 'notice-deleted');
    await click(page, 'notice.undo');
    await waitValue(page, 'store.contacts', '1');
    await waitValue(page, 'save.status', 'Saved');
    assert.deepEqual(page.problems, []);
    await closeAll(context, { keepProfile: true });

    context = await launch({ profile, viewport: LAPTOP });
    const reopened = await openApp(context, server.url);
    await waitValue(reopened, 'store.contacts', '1');  // the undone delete stayed undone
  } finally {
    await closeAll(context);
  }
});

test('Settings: the passphrase is typed twice and can be shown; shortcuts list Ctrl+L; Remove fits', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await launch({ viewport: LAPTOP, colorScheme });
    try {
      const page = await openApp(context, server.url, { query: 'test&sample=10' });
      await click(page, 'nav.Settings');
      let downloads = 0;
      page.on('download', () => { downloads += 1; });
      await focusField(page, 'settings.backup_passphrase');
      await page.keyboard.type('correct horse');
      await focusField(page, 'settings.backup_passphrase_again');
      await page.keyboard.type('correct hors');
      await click(page, 'settings.backup');
      await waitValue(page, 'settings.backup_error', /passphrases differ/);
      await page.waitForTimeout(500);
      assert.equal(downloads, 0, 'nothing downloaded');
      await click(page, 'settings.backup_passphrase_show');
      await waitValue(page, 'settings.backup_passphrase_shown', 'correct horse');
      await screenshot(page, `settings-passphrase-${colorScheme}`);
      await focusField(page, 'settings.backup_passphrase_again');
      await page.keyboard.type('e');
      await waitValue(page, 'settings.backup_error', '');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'settings.backup')]);
      assert.match(download.suggestedFilename(), /ties/);

      assert.match((await probe(page)).values['settings.shortcuts'], /Ctrl\+L/);
      await typeInto(page, 'settings.tag.new', 'investors');
      await click(page, 'settings.tag.add');
      const remove = await widget(page, 'settings.tag.investors.remove');
      const table = (await probe(page)).widgets['settings.tag_cadences'];
      assert.ok(remove.x + remove.w <= table[0] + table[2] + 1, `Remove is not cut (${remove.x + remove.w} > ${table[0] + table[2]})`);
      await screenshot(page, `settings-tags-${colorScheme}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await closeAll(context);
    }
  }
});

test('a long tooltip stays inside a narrow window', async () => {
  const context = await launch({ viewport: { width: 390, height: 844 } });  // a mouse, no touch
  try {
    const page = await openApp(context, server.url);
    await click(page, 'nav.Contacts');
    await click(page, 'contacts.new');
    await typeInto(page, 'contact.display_name', 'Linus');
    await click(page, 'contact.handle.add');
    await click(page, 'contact.handle.0');
    await page.keyboard.type('https://example.com/a/rather/long/address/that/goes/on/and/on/for/a/while');
    await click(page, 'contact.save');
    await waitValue(page, 'contact.name', 'Linus');
    const link = await widget(page, 'contact.handle.link.0');
    await page.mouse.move(link.x + 10, link.y + link.h / 2);
    await waitValue(page, 'tooltip', /^Open https/);
    await nextFrames(page, 3);
    const tip = (await probe(page)).widgets.tooltip;
    assert.ok(tip[0] >= 0 && tip[0] + tip[2] <= 390, `the tooltip fits (${tip[0]}..${tip[0] + tip[2]})`);
    await screenshot(page, 'tooltip-narrow');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
