// Browser storage failing under a long session (issue 14), through the real page:
// - the site's data cleared behind the app's back, by the browser (as its "clear site data" does)
//   and by another tab deleting the database: the page says so, writes nothing back unasked, and
//   puts everything back when the person asks;
// - a full disk at random moments of a long editing session, reported both ways a browser does
//   (the write refused at once, or the transaction aborted when it commits): the page says so,
//   offers the download, loses nothing and resumes by itself.
// - two tabs on one profile taking over from each other many times, each with an edit under way
//   when the other takes over: no edit of either is lost, and a save in the tab that turned
//   read-only is refused with a message, what was typed kept, and goes through after taking over.
// tests/run runs short versions; the long runs: TIES_QUOTA_ROUNDS=150 TIES_TAB_ROUNDS=50 node --test
// tests/e2e/storage-faults.test.mjs (TIES_QUOTA_SEED=n replays a quota run; the seed is printed).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { addContact, click, closeAll, findContact, focusField, launch, openApp, probe, screenshot, seededRandom, showContacts,
         startServer, typeInto, waitReady, waitValue } from './harness.mjs';

const TALL = { width: 1280, height: 1100 };
const QUOTA_ROUNDS = Number(process.env.TIES_QUOTA_ROUNDS || 8);
const QUOTA_SEED = Number(process.env.TIES_QUOTA_SEED || Date.now() % 100000);
const TAB_ROUNDS = Number(process.env.TIES_TAB_ROUNDS || 2);
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The databases this origin holds in IndexedDB.
const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

// A download's text, from a click on a widget.
async function downloaded(page, widget) {
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, widget)]);
  return (await readFile(await download.path())).toString('utf8');
}

test('storage emptied behind the app is said, nothing is written back unasked, and everything goes back when asked', async () => {
  const context = await launch({ viewport: TALL });
  try {
    const page = await openApp(context, server.url);
    const origin = new URL(server.url).origin;
    await addContact(page, 'Hedy Lamarr');
    await waitValue(page, 'save.status', 'Saved');
    assert.ok((await databases(page)).includes('/data'));

    // 1. The browser clears the site's data (what "Clear site data" in its settings does).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await waitValue(page, 'banner.cleared', /emptied outside the app/);
    await waitValue(page, 'save.status', 'Not saved');
    await screenshot(page, 'storage-emptied');
    await addContact(page, 'Joan Clarke');  // work goes on in the tab
    await sleep(1500);
    assert.deepEqual(await databases(page), [], 'nothing was written back unasked');
    await waitValue(page, 'save.status', 'Not saved');

    // The way out chosen first: a copy of everything, the edit made since included.
    const copy = await downloaded(page, 'banner.cleared.second');
    assert.ok(copy.includes('Hedy Lamarr') && copy.includes('Joan Clarke'), 'the copy holds both people');
    // Then: keep it here again.
    await click(page, 'banner.cleared.action');
    await waitValue(page, 'save.status', 'Saved', 15000);
    assert.equal((await probe(page)).values['banner.cleared'], undefined, 'the banner is gone');
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '2');

    // 2. The database is deleted from outside (the developer tools, or another tab's script):
    // through the DevTools protocol, not a second tab, because any page of the site a tab opens is
    // the app (the service worker answers every navigation with it), and that app opening its own
    // database raced the deletion and sometimes created it again.
    await cdp.send('IndexedDB.deleteDatabase', { securityOrigin: origin, databaseName: '/data' });
    assert.ok(!(await databases(page)).includes('/data'), 'the app let go of its database');
    await waitValue(page, 'banner.cleared', /emptied outside the app/);
    await addContact(page, 'Mavis Batey');
    assert.deepEqual(await databases(page), []);
    await click(page, 'banner.cleared.action');
    await waitValue(page, 'save.status', 'Saved', 15000);
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', '3');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

// Makes IndexedDB report a full disk while window.__tiesDiskFull says so, in either way a browser
// does: 'refuse' (put throws QuotaExceededError at once) or 'commit' (the writes are taken, then
// the transaction aborts with QuotaExceededError as it commits, as Chromium does when the quota is
// reached).
function fullDiskSwitch() {
  window.__tiesDiskFull = '';
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const mode = window.__tiesDiskFull;
    if (mode === 'refuse') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const request = put.apply(this, args);
    const transaction = this.transaction;
    if (mode === 'commit' && !transaction.__tiesFull) {
      transaction.__tiesFull = true;
      Object.defineProperty(transaction, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
      request.addEventListener('success', () => { try { transaction.abort(); } catch (e) { /* finished already */ } });
    }
    return request;
  };
}

test(`a full disk at random moments of a long editing session, ${QUOTA_ROUNDS} rounds: said, offered, nothing lost, resumed`, async () => {
  console.log(`quota run: ${QUOTA_ROUNDS} rounds, seed ${QUOTA_SEED}`);
  const next = seededRandom(QUOTA_SEED);
  const context = await launch({ viewport: TALL });
  const names = [];
  const episodes = { refuse: 0, commit: 0 };
  let refusedEdits = 0;
  let offered = 0;
  let missed = 0;  // clicks a banner appearing under the pointer made miss
  const resumeTimes = [];
  const full = (page) => page.evaluate(() => window.__tiesDiskFull);
  const setFull = (page, mode) => page.evaluate((m) => { window.__tiesDiskFull = m; }, mode);
  try {
    const page = await context.newPage();
    await page.addInitScript(fullDiskSwitch);
    await openApp(context, server.url, { page });
    let round = 0;
    try {
      for (; round < QUOTA_ROUNDS; ++round) {
        // The disk fills up or frees at a random moment: often while the last edit is being written.
        if (next() < 0.4) {
          if (await full(page)) {
            await setFull(page, '');
            // Resumes by itself: nothing is clicked or typed.
            const start = Date.now();
            await waitValue(page, 'save.status', 'Saved', 45000);
            resumeTimes.push(Date.now() - start);
          } else {
            const mode = next() < 0.5 ? 'refuse' : 'commit';
            episodes[mode] += 1;
            await setFull(page, mode);
          }
        }
        const name = `Quota ${round}`;
        try {
          await addContact(page, name);
        } catch (error) {
          // The "Not saved" banner can appear between aiming and clicking (a compaction's write
          // failing in the background) and push the page down under the pointer: the click then
          // misses "New contact". A person clicks again; so does the test, and counts it.
          if (!/contact.display_name did not appear/.test(String(error))) throw error;
          await screenshot(page, `storage-full-random-missed-click-${round}`);
          missed += 1;
          await addContact(page, name);
        }
        names.push(name);
        if (await full(page)) {
          refusedEdits += 1;
          // Said at once, whichever way the browser reported it (not after the 15 s timeout).
          await waitValue(page, 'save.status', 'Not saved', 5000);
          await waitValue(page, 'banner.unsaved', /storage for this site is full/);
          if (offered === 0) {
            await screenshot(page, 'storage-full-random');
            const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'banner.unsaved.action')]);
            const copy = (await readFile(await download.path())).toString('utf8');
            for (const n of names) assert.ok(copy.includes(n), `the offered copy holds ${n}`);
            offered += 1;
          }
        } else {
          await sleep(Math.round(next() * 1500));
        }
        assert.deepEqual(page.problems, [], `round ${round}`);
      }
    } catch (error) {  // what the page showed, to look at
      await screenshot(page, `storage-full-random-failed-round-${round}`);
      const values = (await probe(page)).values;
      console.log(`quota run failed in round ${round}: save.status ${values['save.status']}, section ${values.section}, ` +
                  `disk full: ${await full(page) || 'no'}`);
      throw error;
    }
    if (await full(page)) {
      await setFull(page, '');
      const start = Date.now();
      await waitValue(page, 'save.status', 'Saved', 45000);
      resumeTimes.push(Date.now() - start);
    }
    await waitValue(page, 'save.status', 'Saved', 20000);
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.contacts', String(names.length));
    for (const n of names.filter((_, i) => i % Math.ceil(names.length / 6) === 0)) await findContact(page, n);
    assert.deepEqual(page.problems, []);
    console.log(`quota run: ${QUOTA_ROUNDS} rounds, ${names.length} edits, ${refusedEdits} made while the disk was full; ` +
                `full-disk episodes: ${episodes.refuse} refused at once, ${episodes.commit} aborted at commit; ` +
                `0 lost after a reload; resumed by itself after ${resumeTimes.map((t) => (t / 1000).toFixed(1)).join(' ')} s; ` +
                `${missed} clicks missed as a banner appeared under the pointer`);
  } finally {
    await closeAll(context);
  }
});

test(`two tabs taking over from each other, ${TAB_ROUNDS} rounds with an edit under way at each takeover: nothing lost, refusals said`, async () => {
  const context = await launch({ viewport: TALL });
  const tabs = [];
  const saved = [];         // people added, by either tab
  const notes = new Map();  // person -> notes saved through an inline edit
  let takeovers = 0;
  let refused = 0;
  const takeOver = async (page) => {
    await page.bringToFront();
    await click(page, 'banner.readonly.action');
    await waitValue(page, 'storage.mode', 'writer', 15000);
    takeovers += 1;
  };
  try {
    tabs.push(await openApp(context, server.url));
    await waitValue(tabs[0], 'storage.mode', 'writer');
    tabs.push(await openApp(context, server.url, { page: await context.newPage() }));
    await waitValue(tabs[1], 'storage.mode', 'reader');
    for (let round = 0; round < TAB_ROUNDS; ++round) {
      const x = tabs[round % 2];
      const y = tabs[1 - (round % 2)];
      const label = round % 2 ? 'B' : 'A';
      if ((await probe(x)).values['storage.mode'] !== 'writer') await takeOver(x);
      await x.bringToFront();

      // x begins an edit: a new person (even rounds) or the notes of a person (odd rounds).
      const inline = round % 2 === 1;
      const name = `Tab ${label} ${round}`;
      const person = inline ? saved[saved.length - 1] : null;
      const text = `Noted in tab ${label}, round ${round}`;
      if (inline) {
        await findContact(x, person);
        await focusField(x, 'contact.inline.notes');
        await x.keyboard.press('Control+A');
        await x.keyboard.type(text);
        await waitValue(x, 'contact.inline.notes', text);
      } else {
        await showContacts(x);
        await click(x, 'contacts.new');
        await typeInto(x, 'contact.display_name', name);
      }

      // Meanwhile y takes over and saves an edit of its own.
      await takeOver(y);
      const meanwhile = `Tab ${label === 'A' ? 'B' : 'A'} ${round} meanwhile`;
      await addContact(y, meanwhile);
      await waitValue(y, 'save.status', 'Saved');
      saved.push(meanwhile);

      // x, read-only now, saves what it typed: refused with a message, and nothing typed is lost.
      await x.bringToFront();
      await waitValue(x, 'storage.mode', 'reader');
      if (inline) {
        await x.keyboard.press('Enter');
        await waitValue(x, 'form.error', /read-only now/);
        await waitValue(x, 'contact.inline.notes', text);
      } else {
        await click(x, 'contact.save');
        await waitValue(x, 'form.error', /read-only now/);
        await waitValue(x, 'contact.display_name', name);
      }
      refused += 1;
      if (round === 0) await screenshot(x, 'two-tabs-refused');

      // x takes over again, and the same save goes through.
      await takeOver(x);
      if (inline) {
        await focusField(x, 'contact.inline.notes');
        await x.keyboard.press('Enter');
        await waitValue(x, 'contact.inline.notes', text);
        notes.set(person, text);
      } else {
        await click(x, 'contact.save');
        await waitValue(x, 'contact.name', name);
        saved.push(name);
      }
      await waitValue(x, 'save.status', 'Saved');
    }

    // Both tabs hold everything; so does the storage after a reload.
    const writer = (await probe(tabs[0])).values['storage.mode'] === 'writer' ? tabs[0] : tabs[1];
    const reader = writer === tabs[0] ? tabs[1] : tabs[0];
    await reader.bringToFront();
    await waitValue(reader, 'store.contacts', String(saved.length), 15000);
    await writer.bringToFront();
    await writer.reload();
    await waitReady(writer);
    await waitValue(writer, 'store.contacts', String(saved.length));
    // The reloaded tab sometimes comes back read-only, the other tab writing (2 of 8 runs of this
    // build, 0 of 4 of the one before; not understood yet): its data is the same either way, and
    // what is checked next is that data, in the page, so it takes over first when it has to.
    await waitValue(writer, 'storage.mode', /^(writer|reader)$/);
    if ((await probe(writer)).values['storage.mode'] === 'reader') await takeOver(writer);
    for (const person of saved) {
      await findContact(writer, person);
      if (notes.has(person)) await waitValue(writer, 'contact.inline.notes', notes.get(person));
    }
    for (const tab of tabs) assert.deepEqual(tab.problems, []);
    console.log(`two-tab run: ${TAB_ROUNDS} rounds, ${takeovers} takeovers, ${saved.length} people and ${notes.size} notes saved, ` +
                `${refused} saves refused in a tab turned read-only (each said, kept, and saved after taking over), 0 lost`);
  } finally {
    await closeAll(context);
  }
});
