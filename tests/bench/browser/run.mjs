// Browser storage benchmark driver (not a test): what saving one edit, loading and compacting
// cost in a real browser, where IDBFS copies files to and from IndexedDB (FS.syncfs), which the
// native tests/bench/storage_bench.cpp cannot show. Serves the bench build (bench.html, bench.js,
// bench.wasm) on 127.0.0.1, drives Debian's Chromium headless through playwright-core with a
// fresh profile (kept across a reload and a browser restart so IndexedDB holds the data), prints
// a table and writes test-output/bench/storage-browser.json. Every wait has a timeout and the
// whole run has a deadline, so a hang fails clearly instead of blocking.
//
//   python3 tools/bootstrap.py bench-web && node tests/bench/browser/run.mjs
//   (playwright-core comes from tests/e2e: `cd tests/e2e && npm ci` once, as tests/run does)
//
// Options: --dir DIR (default build/bench-web/bench-web), --runs N (default 20), --warmup N (default 5).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// playwright-core is the browser tests' pinned copy (tests/e2e/node_modules).
const { chromium } = (() => {
  try {
    return createRequire(path.join(ROOT, 'tests/e2e/package.json'))('playwright-core');
  } catch (error) {
    console.error('[bench] error: playwright-core is not installed; run: (cd tests/e2e && npm ci)');
    process.exit(1);
  }
})();

const CHROMIUM = process.env.TIES_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
                       '--disable-component-update', '--disable-sync', '--disable-quic'];
const DEADLINE_S = Number(process.env.TIES_BENCH_DEADLINE_S || 300);
const OUT_FILE = path.join(ROOT, 'test-output', 'bench', 'storage-browser.json');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const SERVE_DIR = path.resolve(option('--dir', path.join(ROOT, 'build', 'bench-web', 'bench-web')));
const RUNS = Number(option('--runs', 20));
const WARMUP = Number(option('--warmup', 5));  // unmeasured edits before the measured ones, per save phase
const GROWTH_LEVELS = [50, 125, 245];  // journals; 10 measured edits each, ending near kCompactAfterJournals
const GROWTH_RUNS = 10;
const JOURNALS_FOR_LOAD = 50;          // as in the native benchmark: snapshot + 50 journals

const say = (text) => console.log(`[bench] ${text}`);

// --- Static server: only the bench build folder ---------------------------------------------------
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
               '.wasm': 'application/wasm' };

function startServer(dir) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch (e) {
      res.writeHead(400).end();
      return;
    }
    if (pathname === '/') pathname = '/bench.html';
    const file = path.resolve(dir, '.' + pathname);
    const type = MIME[path.extname(file)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(dir + path.sep) || !type ||
        !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(file);
    // Cross-origin isolation gives performance.now() its fine resolution (5 µs instead of 100 µs).
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store',
                         'Cross-Origin-Opener-Policy': 'same-origin',
                         'Cross-Origin-Embedder-Policy': 'require-corp' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// --- Helpers --------------------------------------------------------------------------------------
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (!n) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], n };
}

function editStats(edits) {
  return { total: stats(edits.map((e) => e.total)), save: stats(edits.map((e) => e.save)),
           sync: stats(edits.map((e) => e.sync)) };
}

const ms = (v, digits = 2) => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : '-');
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const pad = (text, width) => String(text).padEnd(width);
const lpad = (text, width) => String(text).padStart(width);

// --- The run --------------------------------------------------------------------------------------
let context = null;
let server = null;
let profile = null;

// Closes Chromium, stops the server and deletes the profile; safe to call more than once.
let cleaning = null;
function cleanup() {
  cleaning = cleaning || (async () => {
    if (context) await within(15000, 'closing Chromium', context.close()).catch(() => {});
    context = null;
    if (server) server.close();
    server = null;
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    profile = null;
  })();
  return cleaning;
}

async function launch() {
  context = await within(60000, 'launching Chromium', chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, serviceWorkers: 'block',
  }));
  const page = context.pages()[0] || await within(30000, 'opening a tab', context.newPage());
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') { page.problems.push(msg.text()); console.error(`[page] ${msg.text()}`); }
  });
  page.on('pageerror', (err) => { page.problems.push(err.message); console.error(`[page error] ${err.message}`); });
  page.on('crash', () => { page.problems.push('the tab crashed'); console.error('[page] the tab crashed'); });
  return page;
}

// Opens (or reopens) the bench page and waits until /data is loaded from IndexedDB.
async function open(page, url) {
  await within(60000, 'loading bench.html', page.goto(url));
  return within(180000, 'mounting /data and loading it from IndexedDB', page.evaluate(() => window.bench.ready));
}

function call(page, what, timeoutMs, fn, arg) {
  return within(timeoutMs, what, page.evaluate(fn, arg)).then((value) => {
    if (page.problems.length) throw new Error(`${what}: the page reported: ${page.problems.join('; ')}`);
    return value;
  });
}

async function main() {
  for (const name of ['bench.html', 'bench.js', 'bench.wasm']) {
    if (!existsSync(path.join(SERVE_DIR, name))) {
      throw new Error(`${path.join(SERVE_DIR, name)} is missing; build it first: python3 tools/bootstrap.py bench-web`);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run: python3 tools/bootstrap.py test-deps`);
  const started = Date.now();
  server = await startServer(SERVE_DIR);
  const url = `http://127.0.0.1:${server.address().port}/bench.html`;
  profile = mkdtempSync(path.join(tmpdir(), 'ties-bench-profile-'));
  say(`serving ${SERVE_DIR} at ${url}; profile ${profile}`);

  let page = await launch();
  const first = await open(page, url);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  const browser = (userAgent.match(/(?:Headless)?Chrome\/[\d.]+/) || [userAgent])[0];
  if (first.startup.filesAfterPull !== 0) throw new Error('the fresh profile already holds files under /data');
  say(`${browser}; crossOriginIsolated=${first.crossOriginIsolated}`);

  // A throwaway round first, so the first measured phase does not pay for a cold IndexedDB (its
  // first transactions) or for wasm code not yet optimised (tier-up).
  say('warming up: a small store, 30 edits saved and synced, then cleared');
  await call(page, 'warm-up', 60000, (a) => window.bench.phaseSave(a),
             { contacts: 10, interactions: 100, runs: 0, warmup: 30 });
  await call(page, 'clearing /data', 60000, () => window.bench.reset());

  say(`1k: 1,000 interactions, 100 contacts: compaction, then ${RUNS} edits saved and synced`);
  const small = await call(page, '1k save phase', 120000, (a) => window.bench.phaseSave(a),
                           { contacts: 100, interactions: 1000, runs: RUNS, warmup: WARMUP });
  await call(page, 'clearing /data', 60000, () => window.bench.reset());

  say(`100k: 100,000 interactions, 10,000 contacts: build, compaction, then ${RUNS} edits saved and synced`);
  const large = await call(page, '100k save phase', 240000, (a) => window.bench.phaseSave(a),
                           { contacts: 10000, interactions: 100000, runs: RUNS, warmup: WARMUP });
  const beforeReload = (await call(page, `padding to ${JOURNALS_FOR_LOAD} journals`, 60000,
                                   (n) => window.bench.padJournals(n), JOURNALS_FOR_LOAD)).info;

  say(`reloading the page: load of snapshot + ${beforeReload.journals} journals`);
  await open(page, url);
  const afterReload = await call(page, 'StorageEngine::load after reload', 120000, () => window.bench.phaseLoad());

  say('restarting Chromium with the same profile: load again');
  await within(30000, 'closing Chromium', context.close());
  context = null;
  page = await launch();
  await open(page, url);
  const afterRestart = await call(page, 'StorageEngine::load after restart', 120000, () => window.bench.phaseLoad());
  for (const [label, load] of [['reload', afterReload], ['restart', afterRestart]]) {
    if (load.info.records !== beforeReload.records || load.info.loadWarnings !== 0 ||
        load.info.loadJournalsApplied !== beforeReload.journals) {
      throw new Error(`load after ${label} differs from what was saved: ${JSON.stringify(load.info)} ` +
                      `vs ${JSON.stringify(beforeReload)}`);
    }
  }

  say(`sync cost as journals pile up: ${GROWTH_LEVELS.join(', ')} journals, ${GROWTH_RUNS} edits each`);
  const growth = await call(page, 'sync growth', 120000, (a) => window.bench.syncGrowth(a),
                            { levels: GROWTH_LEVELS, runs: GROWTH_RUNS });
  say('compaction after the journals piled up, with the clean-up of the old generation');
  const recompact = await call(page, 'recompaction', 120000, () => window.bench.recompact());
  await cleanup();

  // --- Report ---------------------------------------------------------------------------------------
  const rows = [['1,000 interactions, 100 contacts', small], ['100,000 interactions, 10,000 contacts', large]];
  const out = [];
  out.push(`Ties storage in headless ${browser}, IDBFS on IndexedDB (emscripten 3.1.6, -O2 wasm)`);
  out.push('');
  out.push('Save one edit: Store::apply + StorageEngine::save (wasm) + FS.syncfs(false) to IndexedDB;');
  out.push(`median of ${RUNS} after ${WARMUP} unmeasured; files = files under /data after the runs`);
  out.push(`${pad('store', 40)}${lpad('total', 12)}${lpad('save part', 12)}${lpad('sync part', 12)}` +
           `${lpad('sync min-max', 18)}${lpad('files', 8)}`);
  for (const [label, phase] of rows) {
    const s = editStats(phase.edits);
    out.push(`${pad(label, 40)}${lpad(ms(s.total.median), 12)}${lpad(ms(s.save.median, 3), 12)}` +
             `${lpad(ms(s.sync.median), 12)}${lpad(`${s.sync.min.toFixed(1)}-${s.sync.max.toFixed(1)} ms`, 18)}` +
             `${lpad(`${phase.info.files}`, 8)}`);
  }
  out.push('');
  out.push(`Load 100,000 interactions: snapshot (${mb(beforeReload.snapshotBytes)}) + ${beforeReload.journals} journals, ` +
           'fresh page, same profile');
  out.push(`${pad('', 26)}${lpad('open IDB', 12)}${lpad('syncfs(true)', 14)}${lpad('parse (load)', 14)}${lpad('total', 12)}`);
  for (const [label, load] of [['after a page reload', afterReload], ['after a browser restart', afterRestart]]) {
    const st = load.startup;
    out.push(`${pad(label, 26)}${lpad(ms(st.openMs, 1), 12)}${lpad(ms(st.pullMs, 1), 14)}${lpad(ms(load.parseMs, 1), 14)}` +
             `${lpad(ms(st.openMs + st.pullMs + load.parseMs, 1), 12)}`);
  }
  out.push('');
  out.push('Compaction of the 100k store (StorageEngine::compact) and the syncs that follow');
  out.push(`${pad('', 34)}${lpad('compact', 12)}${lpad('its sync', 12)}${lpad('committed', 12)}${lpad('clean-up sync', 15)}`);
  out.push(`${pad('initial (empty IndexedDB)', 34)}${lpad(ms(large.compactMs, 1), 12)}${lpad(ms(large.compactSyncMs, 1), 12)}` +
           `${lpad(ms(large.committedMs, 1), 12)}${lpad('-', 15)}`);
  out.push(`${pad(`after ${recompact.before.journals} journals`, 34)}${lpad(ms(recompact.compactMs, 1), 12)}` +
           `${lpad(ms(recompact.compactSyncMs, 1), 12)}${lpad(ms(recompact.committedMs, 1), 12)}` +
           `${lpad(ms(recompact.cleanupSyncMs, 1), 15)}`);
  out.push(`(1k store: compact ${ms(small.compactMs, 1)}, its sync ${ms(small.compactSyncMs, 1)})`);
  out.push('');
  out.push(`Sync of one edit as files pile up (100k store, after the restart; median of ${GROWTH_RUNS})`);
  out.push(`${pad('journals before', 18)}${lpad('files', 8)}${lpad('total', 12)}${lpad('save part', 12)}${lpad('sync part', 12)}`);
  const growthRows = growth.map((level) => ({ ...level, stats: editStats(level.edits) }));
  for (const level of growthRows) {
    out.push(`${pad(level.journalsBefore, 18)}${lpad(level.filesBefore, 8)}${lpad(ms(level.stats.total.median), 12)}` +
             `${lpad(ms(level.stats.save.median, 3), 12)}${lpad(ms(level.stats.sync.median), 12)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  out.push('');
  out.push(`total ${seconds.toFixed(1)} s`);
  console.log('\n' + out.join('\n'));

  const json = {
    benchmark: 'storage-browser', date: new Date().toISOString(), browser, userAgent,
    crossOriginIsolated: first.crossOriginIsolated, runs: RUNS, warmup: WARMUP, unit: 'ms',
    save: Object.fromEntries(rows.map(([, phase]) => [phase.interactions === 1000 ? '1k' : '100k', {
      contacts: phase.contacts, interactions: phase.interactions, records: phase.info.records,
      filesInData: phase.info.files, ...editStats(phase.edits), edits: phase.edits,
    }])),
    load100k: {
      snapshotBytes: beforeReload.snapshotBytes, journals: beforeReload.journals, records: beforeReload.records,
      afterReload: { openIndexedDb: afterReload.startup.openMs, syncfsTrue: afterReload.startup.pullMs,
                     parse: afterReload.parseMs },
      afterRestart: { openIndexedDb: afterRestart.startup.openMs, syncfsTrue: afterRestart.startup.pullMs,
                      parse: afterRestart.parseMs },
    },
    compaction: {
      '1k': { compact: small.compactMs, firstSync: small.compactSyncMs, snapshotBytes: small.compactInfo.snapshotBytes },
      '100k': { build: large.buildMs, compact: large.compactMs, firstSync: large.compactSyncMs,
                committed: large.committedMs, snapshotBytes: large.compactInfo.snapshotBytes },
      '100kAfterJournals': { journals: recompact.before.journals, compact: recompact.compactMs,
                             sync: recompact.compactSyncMs, committed: recompact.committedMs,
                             cleanupSync: recompact.cleanupSyncMs, filesAfter: recompact.info.files },
    },
    syncGrowth100k: growthRows.map((level) => ({ journalsBefore: level.journalsBefore, files: level.filesBefore,
                                                 total: level.stats.total, save: level.stats.save,
                                                 sync: level.stats.sync })),
    totalSeconds: seconds,
  };
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  const microseconds = (key, value) => (typeof value === 'number' && !Number.isInteger(value)
    ? Math.round(value * 1000) / 1000 : value);
  writeFileSync(OUT_FILE, JSON.stringify(json, microseconds, 2) + '\n');
  say(`wrote ${path.relative(ROOT, OUT_FILE)}`);
}

let failed = false;
async function failWith(message) {
  if (failed) return;  // after the deadline, main() fails too as Chromium goes away: report once
  failed = true;
  console.error(`[bench] error: ${message}`);
  await cleanup().catch((error) => console.error(`[bench] clean-up: ${error.message}`));
  process.exit(1);
}

const deadline = setTimeout(() => failWith(`the benchmark did not finish within ${DEADLINE_S} s`), DEADLINE_S * 1000);

main().then(() => clearTimeout(deadline),
            (error) => { clearTimeout(deadline); return failWith(error instanceof Error ? error.message : String(error)); });
