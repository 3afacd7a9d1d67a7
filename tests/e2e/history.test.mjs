// The history import through the real page (issue 15): a person who has Maya and Priya imports
// their mailbox and calendar (tests/fixtures/history). The worker reads the mailbox in slices;
// the preview says what the files held, whose mail Ties took them to be, and lists the people
// they talk to but don't have; ticking Jonas adds him. Afterwards Maya's page shows her history
// and its strength, the suggested circles come from it, and once she is a friend Today gives the
// reason to write to her in words.
// Everything survives a reload; importing the same files again adds nothing. A generated mailbox
// larger than the old 256 MB limit for files streams through the worker with progress, can be
// cancelled, and leaves the worker's memory bounded (TIES_HISTORY_MB sets its size: the long run).
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, chooseFiles, click, closeAll, launch, nextFrames, openApp, openContact, openImport, probe, screenshot, setTier, startServer, waitReady, waitValue } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'history');
const TODAY = 'test&today=20241201';
const TALL = { width: 1280, height: 1300 };
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function importFiles(page, names) {
  await openImport(page);
  await chooseFiles(page, names.map((n) => path.join(FIXTURES, n)));
  await waitValue(page, 'import.stage', 'preview', 30000);
  await nextFrames(page, 3);  // a popup's lists are drawn from its second frame
}

// The reason Today gives for someone due, from whichever list they are in.
async function reasonFor(page, name) {
  const { values } = await probe(page);
  const key = Object.keys(values).find((k) => /^today\.[a-z_]+\.\d+$/.test(k) && values[k].includes(name) && values[`${k}.reason`]);
  return key ? values[`${key}.reason`] : undefined;
}

test('a mailbox and a calendar become the history of the people you have; others are offered', async () => {
  // In Oslo: touches are in the person's local time, summer time included.
  const context = await launch({ viewport: TALL, timezoneId: 'Europe/Oslo' });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await importFiles(page, ['people.vcf']);
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    await click(page, 'import.close');
    await waitValue(page, 'store.contacts', '2');

    await importFiles(page, ['mail.mbox', 'calendar.ics']);
    let values = (await probe(page)).values;
    assert.equal(values['import.summary'], '11 messages: 7 with people, 2 from lists and machines, 1 between others, ' +
                 '1 seen twice; 4 meetings (2 cancelled, declined or alone skipped). 10 touches with 3 people.');
    assert.equal(values['import.me'], 'sam@example.org');
    assert.equal(values['import.history.have'], '2');
    assert.equal(values['import.matches'], '0', 'same-address matches are not questions');
    assert.equal(values['import.offered.count'], '1');
    assert.equal(values['import.offered.0'], 'Jonas Müller <jonas@example.de>: 1 touch, last 2024-06-10');
    assert.equal(values['import.warning.texts'], 'mail.mbox: 1 message had no sender\n');
    await screenshot(page, 'history-preview');
    await click(page, 'import.offered.0');  // add Jonas
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['import.done'],
                 'Added 10 touches with 2 people you have and 1 new person. Undo takes it all back.');
    await click(page, 'import.close');
    await waitValue(page, 'store.contacts', '3');
    await waitValue(page, 'store.interactions', '10');
    await waitValue(page, 'save.status', 'Saved');

    // Maya's page: her history, its strength and the circle it suggests.
    await openContact(page, 'Maya Lind');
    values = (await probe(page)).values;
    assert.equal(values['contact.interactions'], '6');
    assert.match(values['contact.history.0'], /^Sep 10, 2024 09:00 .*Email .*you reached out/);
    assert.match(values['contact.history.2'], /^Jul 15, 2024 10:00 .*Video call .*30 min \| Maya \/ Sam: the Fjord Labs role$/);
    assert.match(values['contact.history.5'], /^Mar 4, 2024 09:12 .*Email .*you reached out/);  // winter time
    assert.equal(values['contact.last_touch'], 'Last in touch 82 days ago (Sep 10, 2024)');
    assert.equal(values['contact.strength.Reciprocity'], '+0.10 of 0.15 | They started 2 of 6 conversations');
    assert.equal(values['contact.strength'], '0.37');
    assert.equal(values['contact.suggested_tier'], 'Meaningful (150)');
    await screenshot(page, 'history-maya');

    // Today: the circles the history suggests, taken in one step; Maya is a friend, the person
    // decides, and Today gives the reason to write to her in words.
    await click(page, 'nav.Today');
    await waitValue(page, 'today.unsorted.count', '3');
    assert.match((await probe(page)).values['today.unsorted'], /1 Meaningful \(150\), 1 Acquaintances \(500\), 1 Recognisable \(1500\)/);
    await click(page, 'today.unsorted.accept');
    await waitValue(page, 'today.unsorted.count', '0');
    await openContact(page, 'Maya Lind');
    await setTier(page, 'Friends (50)');
    await waitValue(page, 'contact.rhythm', /^Every 2 months, for the circle Friends/);
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    const reason = await reasonFor(page, 'Maya Lind');
    assert.equal(reason, 'Last emailed 3 months ago; you reached out first 4 of 6 times; you aim for every 2 months');
    await screenshot(page, 'history-today');

    // Settings keep whose mail it was; all of it survives a reload.
    await click(page, 'nav.Settings');
    assert.equal((await probe(page)).values['settings.own_addresses'], 'sam@example.org');
    await waitValue(page, 'save.status', 'Saved');
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'store.interactions', '10');
    await click(page, 'nav.Today');
    await waitValue(page, 'today.due.count', '1');
    assert.equal(await reasonFor(page, 'Maya Lind'), reason);

    // The same files again: nothing new, nobody offered (Jonas is one of yours now).
    await importFiles(page, ['mail.mbox', 'calendar.ics']);
    values = (await probe(page)).values;
    assert.equal(values['import.offered.count'], '0');
    assert.equal(values['import.history.have'], '3');
    assert.equal(values['import.me'], 'sam@example.org');
    await click(page, 'import.confirm');
    await waitValue(page, 'import.stage', 'done');
    assert.equal((await probe(page)).values['import.done'],
                 'Added 0 touches with 3 people you have; 10 were there already. Undo takes it all back.');
    await click(page, 'import.close');
    assert.equal((await probe(page)).values['store.interactions'], '10');
  } finally {
    await closeAll(context);
  }
});

// A mailbox of `megabytes` MB shaped like an export: 2,000 correspondents, threads of three,
// every fifth message with a base64 attachment of ~30 KB, a newsletter now and then.
async function writeMailbox(file, megabytes) {
  const out = createWriteStream(file);
  const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n';
  const attachment = line.repeat(400);
  const small = line.repeat(10);
  let written = 0;
  for (let n = 0; written < megabytes * 1048576; ++n) {
    const person = `person${(n * 7919) % 2000}@example.org`;
    const mine = n % 3 === 0;
    const day = 1 + (n % 28), month = 1 + (Math.floor(n / 28) % 12);
    const date = `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} 2024 10:${String(n % 60).padStart(2, '0')}:00 +0100`;
    let m = `From ${n}@xxx Thu Nov 05 10:00:00 +0000 2024\n`;
    m += `From: ${mine ? 'Sam Reyes <sam@example.org>' : `Person ${n % 2000} <${person}>`}\n`;
    m += `To: ${mine ? `<${person}>` : 'Sam Reyes <sam@example.org>'}\n`;
    m += `Date: ${date}\nMessage-ID: <m${n}@example.org>\n`;
    if (n % 3) m += `In-Reply-To: <m${n - 1}@example.org>\nReferences: <m${n - (n % 3)}@example.org>\n`;
    if (n % 11 === 0) m += 'List-Id: <news.example.org>\n';
    m += 'Subject: Re: next week\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nHello.\n>From the archive.\n';
    m += '--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n' + (n % 5 === 0 ? attachment : small) + '--b--\n\n';
    written += m.length;
    if (!out.write(m)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

test('a mailbox larger than 256 MB streams through the worker: progress, cancel, bounded memory', { timeout: 900000 }, async () => {
  const megabytes = Number(process.env.TIES_HISTORY_MB || 300);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ties-mbox-'));
  const file = path.join(dir, 'All mail Including Spam and Trash.mbox');
  const context = await launch({ viewport: TALL });
  try {
    await writeMailbox(file, megabytes);
    const size = statSync(file).size;
    const page = await openApp(context, server.url, { query: TODAY });

    // Cancelled part of the way: nothing changes.
    await openImport(page);
    await chooseFiles(page, [file]);
    await waitValue(page, 'import.stage', 'working');
    await page.waitForFunction(() => Number(window.__ties.values['import.progress']) >= 5, null, { timeout: 60000 });
    await screenshot(page, 'history-big-progress');
    await click(page, 'import.cancel');
    await page.waitForFunction(() => window.__ties.values['import.stage'] === undefined, null, { timeout: 10000 });
    assert.equal((await probe(page)).values['store.contacts'], '0');

    // Read to the end, then the preview: every correspondent offered, nobody added unasked.
    const started = Date.now();
    await openImport(page);
    await chooseFiles(page, [file]);
    await waitValue(page, 'import.stage', 'preview', 600000);
    const seconds = (Date.now() - started) / 1000;
    await nextFrames(page, 3);
    const values = (await probe(page)).values;
    assert.equal(values['import.me'], 'sam@example.org');
    assert.equal(values['import.offered.count'], '2000');
    assert.match(values['import.summary'], /^[\d,]+ messages: [\d,]+ with people, [\d,]+ from lists and machines\. [\d,]+ touches with 2,000 people\.$/);
    const memory = Number(values['import.worker_memory']) / 1048576;
    console.log(`worker: ${(size / 1048576).toFixed(0)} MB in ${seconds.toFixed(1)} s (${(size / 1048576 / seconds).toFixed(0)} MB/s ` +
                `from choosing to the preview), worker memory at the end ${memory.toFixed(0)} MB`);
    // Bodies and attachments cost nothing; what is kept (message ids, one touch per thread and
    // day) grows with the mail: 35 MB at 300 MB, 145 MB at 2 GB of this very personal mailbox.
    const limit = 64 + megabytes / 16;
    assert.ok(memory > 0 && memory < limit, `the worker's memory: ${memory} MB for a ${megabytes} MB mailbox (limit ${limit})`);
    await screenshot(page, 'history-big-preview');
    await click(page, 'import.cancel');
    await page.waitForFunction(() => window.__ties.values['import.stage'] === undefined, null, { timeout: 10000 });
    assert.equal((await probe(page)).values['store.contacts'], '0');
  } finally {
    await closeAll(context);
    rmSync(dir, { recursive: true, force: true });
  }
});
