// Cold start in the browser (benchmark, not a test), for Ties and for a typical web app kept the
// plain way, on the same generated records, in one run:
//  - Ties (release build in build/web/dist, ?test so its probe publishes counts): a fresh profile
//    imports OUT.ties (written by build/bench/make_backup) through Settings → Import… with real
//    clicks and the file chooser, confirms the merge and waits until the page says Saved (the data
//    is in IndexedDB). Timed on the way: file chosen → preview shown, and the longest gap between
//    animation frames while the merge applies. Then the browser is closed and relaunched on the same
//    profile RUNS times; each time: navigation → the first frame whose probe counts all the people
//    (performance.now() in the page, whose origin is the navigation start).
//  - The baseline (baseline.html, served by this script from another port): the same records, one
//    object per record in IndexedDB object stores, read with getAll, a plain-JS name search, a list
//    painted; timed the same way (navigation → list laid out), relaunching the browser each run.
// Prints one JSON document of rows on stdout (tests/bench/run reads it); progress on stderr.
//
//   node tests/bench/browser/cold_start.mjs --data test-output/bench/data/p10000-i100000 --people 10000 --runs 5
import http from 'node:http';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { click, closeAll, launch, newProfile, nextFrames, openApp, openImport, startServer,
         waitValue } from '../../e2e/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const DATA = option('--data', null);          // OUT prefix given to make_backup: OUT.ties, OUT.json
const PEOPLE = Number(option('--people', 0));  // live people in the data set
const RUNS = Number(option('--runs', 5));
const LABEL = option('--label', `${PEOPLE} people`);
const KEY = option('--key', `p${PEOPLE}`);
const DEADLINE_S = Number(option('--deadline', 900));
const EDITS = Number(option('--edits', 3));  // edits on Today after the cold starts (0: none)
const START_TIMEOUT_MS = Number(option('--start-timeout', 60000));  // one cold start
const only = option('--only', 'ties,baseline').split(',');
if (!DATA || !PEOPLE || !existsSync(`${DATA}.ties`) || !existsSync(`${DATA}.json`)) {
  console.error('usage: cold_start.mjs --data OUT --people N [--runs R] (OUT.ties and OUT.json from make_backup)');
  process.exit(2);
}
const say = (text) => process.stderr.write(`[cold-start ${LABEL}] ${text}\n`);
setTimeout(() => { say(`deadline of ${DEADLINE_S} s passed: giving up`); process.exit(3); }, DEADLINE_S * 1000).unref();

// Records in the page, before anything of the app runs: the first frame drawn, the first frame
// whose probe counts at least `want` people (window.__ties is assigned once per frame), each change
// of the save indicator, and every frame's CPU time (frame.ms).
function watchFrames(want) {
  let value;
  window.__saveLog = [];
  window.__frameMs = [];
  Object.defineProperty(window, '__ties', {
    configurable: true,
    get() { return value; },
    set(v) {
      value = v;
      const now = performance.now();
      const status = v && v.values && v.values['save.status'];
      const log = window.__saveLog;
      if (status !== undefined && (!log.length || log[log.length - 1][1] !== status)) log.push([now, status]);
      if (v && v.values) window.__frameMs.push(Number(v.values['frame.ms']));
      if (window.__tiesFirstFrameAt === undefined) window.__tiesFirstFrameAt = now;
      if (window.__tiesDataAt === undefined && v && v.values && Number(v.values['store.contacts']) >= want) {
        window.__tiesDataAt = now;
        performance.mark('ties-first-data-frame');
      }
    },
  });
}

async function tiesRuns(rows) {
  const server = await startServer();
  const profile = newProfile();
  try {
    // Import once, as a person would.
    let context = await launch({ profile });
    try {
      let page = context.pages()[0] || await context.newPage();
      await page.addInitScript(watchFrames, PEOPLE);
      await page.addInitScript(() => {  // every animation frame's time, to find when the page froze
        window.__raf = [];
        const tick = (t) => { window.__raf.push(t); requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      page = await openApp(context, server.url, { page });
      await openImport(page);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.pick')]);
      const chosen = Date.now();
      await chooser.setFiles([`${DATA}.ties`]);
      await waitValue(page, 'import.stage', /^(backup|failed)$/, 300000);
      const preview = Date.now() - chosen;
      const stage = await page.evaluate(() => [window.__ties.values['import.stage'], window.__ties.values['import.error']]);
      if (stage[0] !== 'backup') throw new Error(`the import failed: ${stage[1]}`);
      say(`import preview after ${preview} ms; merging`);
      const t0 = Date.now();
      await page.evaluate(() => { window.__confirmAt = performance.now(); });
      await click(page, 'import.confirm');
      await page.waitForFunction(() => window.__tiesDataAt !== undefined, null, { timeout: 600000, polling: 100 });
      const applied = Date.now() - t0;
      // The longest gap between animation frames from the confirming click to the first frame
      // after the one that showed the imported people.
      const gap = await page.evaluate(() => {
        const raf = window.__raf.filter((t) => t >= window.__confirmAt);
        const end = raf.findIndex((t) => t > window.__tiesDataAt);
        let longest = 0;
        for (let j = 1; j <= (end < 0 ? raf.length - 1 : end); ++j) longest = Math.max(longest, raf[j] - raf[j - 1]);
        return end < 0 ? Math.max(longest, performance.now() - raf[raf.length - 1]) : longest;
      });
      await nextFrames(page, 3);
      await waitValue(page, 'save.status', 'Saved', 300000);
      say(`merged in ${applied} ms (longest frame gap ${gap.toFixed(0)} ms); saved`);
      // The import is one big journal next to an empty snapshot, so the app compacts soon after
      // saving it. Done when the page says Saved and its data folder holds one snapshot and no
      // journal; the longest gap between animation frames from the frame that showed the imported
      // people until then is how long writing the journal and compacting froze the page.
      const compaction = await page.waitForFunction(() => {
        let files = [];
        try { files = FS.readdir('/data'); } catch (e) { return false; }
        const snapshots = files.filter((f) => f.startsWith('snapshot-')).length;
        const journals = files.filter((f) => f.startsWith('journal-')).length;
        if (window.__ties.values['save.status'] !== 'Saved' || snapshots !== 1 || journals !== 0) {
          Module.tiesPlatform.wake();
          return false;
        }
        const now = performance.now();
        const raf = window.__raf.filter((t) => t > window.__tiesDataAt);
        let gap = 0;
        for (let j = 1; j < raf.length; ++j) gap = Math.max(gap, raf[j] - raf[j - 1]);
        return [gap, now - window.__tiesDataAt];
      }, null, { timeout: 120000, polling: 200 }).then((h) => h.jsonValue()).catch(() => null);
      if (compaction) {
        say(`saved and compacted ${compaction[1].toFixed(0)} ms after the merge showed; longest frame gap ${compaction[0].toFixed(0)} ms`);
        rows.push({ key: `browser.compaction.${KEY}`,
                    label: `Import of ${LABEL} saved and compacted into IndexedDB: longest frame gap`,
                    unit: 'ms', stat: 'max', samples: [compaction[0]] });
      } else {
        say('the import was not compacted within 120 s after it was saved');
        failures.push('compaction: the import was not compacted within 120 s after it was saved');
      }
      rows.push({ key: `browser.import.preview.${KEY}`, label: `Import the ${LABEL} backup in the page: file chosen → preview`,
                  unit: 'ms', samples: [preview] });
      rows.push({ key: `browser.import.apply_gap.${KEY}`, label: `Import the ${LABEL} backup: longest frame while it applies`,
                  unit: 'ms', stat: 'max', samples: [gap] });
    } finally {
      await closeAll(context, { keepProfile: true });
    }
    // Cold starts: a new browser on the same profile each time, as after a reboot.
    const data = [];
    const first = [];
    for (let run = 0; run < RUNS; ++run) {
      context = await launch({ profile });
      try {
        const page = context.pages()[0] || await context.newPage();
        await page.addInitScript(watchFrames, PEOPLE);
        await page.goto(`${server.url}?test`, { timeout: START_TIMEOUT_MS });
        await page.waitForFunction(() => window.__tiesDataAt !== undefined, null,
                                   { timeout: START_TIMEOUT_MS, polling: 50 });
        const [dataAt, firstAt] = await page.evaluate(() => [window.__tiesDataAt, window.__tiesFirstFrameAt]);
        data.push(dataAt);
        first.push(firstAt);
        say(`run ${run + 1}: first frame ${firstAt.toFixed(0)} ms, first frame with the data ${dataAt.toFixed(0)} ms`);
      } finally {
        await closeAll(context, { keepProfile: true });
      }
    }
    if (EDITS > 0) await editRuns(profile, server, rows);
    rows.push({ key: `browser.cold_start.${KEY}`, label: `Cold start, navigation → first frame with the data, ${LABEL}`,
                unit: 'ms', samples: data, baseline: `baseline.cold_start.${KEY}` });
    rows.push({ key: `browser.first_frame.${KEY}`, label: `Cold start, navigation → first frame (any), ${LABEL}`,
                unit: 'ms', samples: first });
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

// One more start on the stored data, then EDITS edits on Today (a follow-up marked done, as a
// person clicks it): the longest frame (CPU time, frame.ms) from the click until Today shows the
// change, and the time from the first frame showing "Saving…" to the first showing "Saved" again,
// when the journal is in IndexedDB.
async function editRuns(profile, server, rows) {
  const context = await launch({ profile });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.addInitScript(watchFrames, PEOPLE);
    await page.goto(`${server.url}?test`, { timeout: START_TIMEOUT_MS });
    await page.waitForFunction(() => window.__tiesDataAt !== undefined, null, { timeout: START_TIMEOUT_MS, polling: 50 });
    await click(page, 'nav.Today');
    await page.waitForFunction(() => window.__ties.values['today.follow_ups.count'] !== undefined, null, { timeout: 120000 });
    await waitValue(page, 'save.status', 'Saved', 120000);
    const frames = [];
    const commits = [];
    for (let i = 0; i < EDITS; ++i) {
      const before = await page.evaluate(() => {
        window.__frameMs = [];
        return [window.__ties.values['today.follow_ups.count'], window.__saveLog.length];
      });
      await click(page, 'today.follow_ups.0.done');
      await page.waitForFunction((b) => window.__ties.values['today.follow_ups.count'] !== b, before[0], { timeout: 120000 });
      await nextFrames(page, 2);
      frames.push(await page.evaluate(() => Math.max(...window.__frameMs)));
      const saved = await page.waitForFunction((start) => {
        const log = window.__saveLog.slice(start);
        const saving = log.findIndex(([, s]) => s !== 'Saved');
        const done = saving < 0 ? -1 : log.findIndex(([, s], j) => j > saving && s === 'Saved');
        if (done < 0) { Module.tiesPlatform.wake(); return false; }
        return [log[done][0] - log[saving][0]];  // an array: a 0 ms result must not read as false
      }, before[1], { timeout: 60000, polling: 20 });
      commits.push((await saved.jsonValue())[0]);
      say(`edit ${i + 1}: longest frame ${frames[i].toFixed(1)} ms, committed after ${commits[i].toFixed(0)} ms`);
    }
    rows.push({ key: `browser.today_edit.${KEY}`, label: `Today, the frame after an edit (longest frame.ms), ${LABEL} stored`,
                unit: 'ms', stat: 'max', samples: frames },
              { key: `browser.edit_commit.${KEY}`, label: `One edit until committed to IndexedDB ("Saving…" → "Saved"), ${LABEL}`,
                unit: 'ms', samples: commits });
  } finally {
    await closeAll(context, { keepProfile: true });
  }
}

// --- The baseline ----------------------------------------------------------------------------------
function serveBaseline() {
  const files = {
    '/': ['text/html; charset=utf-8', () => readFileSync(path.join(HERE, 'baseline.html'))],
    '/data.json': ['application/json', () => readFileSync(`${DATA}.json`)],
  };
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://localhost').pathname;
    const file = files[pathname];
    if (!file) { res.writeHead(404).end(); return; }
    const body = file[1]();
    res.writeHead(200, { 'Content-Type': file[0], 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function baselineRuns(rows) {
  const server = await serveBaseline();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = newProfile();
  try {
    let context = await launch({ profile });
    try {
      const page = context.pages()[0] || await context.newPage();
      await page.goto(`${url}?setup`);
      await page.waitForFunction(() => window.__baseline && (window.__baseline.stored || window.__baseline.error),
                                 null, { timeout: 600000, polling: 200 });
      const state = await page.evaluate(() => window.__baseline);
      if (state.error) throw new Error(`baseline setup: ${state.error}`);
      say(`baseline: ${state.stored} records stored in IndexedDB`);
    } finally {
      await closeAll(context, { keepProfile: true });
    }
    const painted = [];
    for (let run = 0; run < RUNS; ++run) {
      context = await launch({ profile });
      try {
        const page = context.pages()[0] || await context.newPage();
        await page.goto(url, { timeout: START_TIMEOUT_MS });
        await page.waitForFunction(() => window.__baseline && (window.__baseline.paintedAt || window.__baseline.error),
                                   null, { timeout: START_TIMEOUT_MS, polling: 50 });
        const state = await page.evaluate(() => window.__baseline);
        if (state.error) throw new Error(`baseline: ${state.error}`);
        if (state.people < PEOPLE) throw new Error(`baseline read ${state.people} people, expected ${PEOPLE}`);
        painted.push(state.paintedAt);
        say(`baseline run ${run + 1}: list painted at ${state.paintedAt.toFixed(0)} ms (getAll done at ${state.readAt.toFixed(0)} ms)`);
        if (run === RUNS - 1) {
          // Typing a search, timed as ui_frames.mjs times Ties: key press → the list shows the change.
          await page.fill('#search', '');
          await page.focus('#search');
          const latencies = [];
          for (const ch of 'anna') {
            const before = await page.evaluate(() => document.getElementById('count').textContent + document.getElementById('rows').innerHTML.length);
            const t0 = Date.now();
            await page.keyboard.type(ch);
            await page.waitForFunction((b) => document.getElementById('count').textContent + document.getElementById('rows').innerHTML.length !== b,
                                       before, { polling: 'raf', timeout: 30000 });
            latencies.push(Date.now() - t0);
          }
          say(`baseline: key press → list ${latencies.join(', ')} ms`);
          rows.push({ key: `baseline.key_to_list.${KEY}`, label: `Baseline: key press → updated list, slowest of 4 keys, ${LABEL}`,
                      unit: 'ms', stat: 'max', samples: latencies });
        }
      } finally {
        await closeAll(context, { keepProfile: true });
      }
    }
    rows.push({ key: `baseline.cold_start.${KEY}`, label: `Baseline cold start (IndexedDB getAll + JS search + list), ${LABEL}`,
                unit: 'ms', samples: painted });
  } finally {
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
}

const rows = [];
const failures = [];
for (const [name, fn] of [['baseline', baselineRuns], ['ties', tiesRuns]]) {
  if (!only.includes(name)) continue;
  try {
    await fn(rows);
  } catch (error) {
    say(`${name}: ${error.message}`);
    failures.push(`${name}: ${error.message.split('\n')[0]}`);
  }
}
process.stdout.write(JSON.stringify({ rows, failures }, null, 1) + '\n');
process.exit(0);
