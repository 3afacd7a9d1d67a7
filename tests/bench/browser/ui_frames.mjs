// UI benchmark (not a test): frame work while scrolling 100,000 contacts, while typing a search,
// and when Today computes the day's queue, in headless Chromium on the release build. The app is opened with ?test&sample=N, which
// loads N generated contacts in memory; frame.ms is the CPU time of one frame (UI + draw calls)
// that the app publishes through its test probe. Key to updated list is measured twice: from
// Playwright (includes its round trips to the browser) and in the page, from the keydown event to
// the first animation frame whose probe shows rows for the typed text ("contacts.query"; builds
// before it existed searched in the same frame as the text, so "contacts.search" stands in).
// Run: node tests/bench/browser/ui_frames.mjs [sizes] [--no-today]
// With --json, progress goes to stderr and stdout gets one JSON document of rows with every sample
// ({rows, failures}), which tests/bench/run reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { click, closeAll, launch, nextFrames, OUTPUT, startServer, widget } from '../../e2e/harness.mjs';
import { openSample, sizeKey, stats } from './frame_stats.mjs';

const JSON_OUT = process.argv.includes('--json');
const SIZES = (process.argv.slice(2).find((a) => !a.startsWith('--')) || '10000,100000').split(',').map(Number);
const log = JSON_OUT ? (text) => process.stderr.write(text + '\n') : console.log;
const rows = [];
const failures = [];
const TODAY = !process.argv.includes('--no-today');

async function frameTimes(page, action) {
  await page.evaluate(() => {
    window.__frames = [];
    window.__shown = [];  // when the text and the rows for it were first on screen
    window.__rafs = [];   // every animation frame, drawn by the app or not
    let last = 0;
    const poll = () => {
      window.__rafs.push(performance.now());
      const probe = window.__ties;
      if (probe && probe.frame !== last) {
        last = probe.frame;
        window.__frames.push(Number(probe.values['frame.ms']));
        const v = probe.values;
        window.__shown.push({ at: performance.now(), text: v['contacts.search'], rows: v['contacts.query'] ?? v['contacts.search'] });
      }
      window.__poll = requestAnimationFrame(poll);
    };
    poll();
  });
  await action();
  return page.evaluate(() => { cancelAnimationFrame(window.__poll); return window.__frames; });
}

const server = await startServer();
const results = {};
try {
  for (const size of SIZES) {
    const context = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const page = context.pages()[0] || await context.newPage();
      const started = Date.now();
      await openSample(page, server.url, size);
      const startup = Date.now() - started;
      await click(page, 'nav.Contacts');
      await page.waitForFunction((n) => Number(window.__ties.values['contacts.count']) > n * 0.9, size, { timeout: 120000 });
      const table = await widget(page, 'contacts.column.Name');
      await page.mouse.move(table.x + 300, table.y + 300);
      const scroll = await frameTimes(page, async () => {
        for (let i = 0; i < 120; ++i) { await page.mouse.wheel(0, 400); await page.waitForTimeout(16); }
      });
      const search = await widget(page, 'contacts.search');
      await page.mouse.click(search.x + 20, search.y + search.h / 2);
      await page.waitForFunction(() => window.__ties.textInput === true);
      const latencies = [];
      await page.evaluate(() => {
        window.__keys = [];
        window.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
      });
      let typed = '';
      const typing = await frameTimes(page, async () => {
        for (const ch of 'anna') {
          typed += ch;
          const t0 = Date.now();
          await page.keyboard.type(ch);
          await page.waitForFunction((t) => (window.__ties.values['contacts.query'] ?? window.__ties.values['contacts.search']) === t,
                                     typed, { polling: 'raf', timeout: 120000 });
          latencies.push(Date.now() - t0);
          await nextFrames(page, 2);
        }
      });
      const interactions = Number(await page.evaluate(() => window.__ties.values['store.interactions']));
      const k = sizeKey(size);
      const people = `${size / 1000}k people (?sample, ${interactions / 1000}k interactions, in memory)`;
      rows.push({ key: `browser.scroll.${k}.p50`, label: `Frame while scrolling, p50, ${people}`, unit: 'ms', stat: 'p50', samples: scroll },
                { key: `browser.scroll.${k}.p95`, label: `Frame while scrolling, p95, ${people}`, unit: 'ms', stat: 'p95', samples: scroll },
                { key: `browser.typing.${k}.p50`, label: `Frame while typing a search, p50, ${people}`, unit: 'ms', stat: 'p50', samples: typing },
                { key: `browser.typing.${k}.p95`, label: `Frame while typing a search, p95, ${people}`, unit: 'ms', stat: 'p95', samples: typing },
                { key: `browser.key_to_list.${k}`, label: `Key press → updated list, slowest of ${latencies.length} keys, ${people}`,
                  unit: 'ms', stat: 'max', samples: latencies });
      const inPage = await page.evaluate((word) => {
        const gaps = window.__shown.slice(1).map((s, i) => s.at - window.__shown[i].at).sort((x, y) => x - y);
        const rafs = window.__rafs;
        const out = { text: [], rows: [], frame_gap_median: Math.round(gaps[Math.floor(gaps.length / 2)]),
                      raf_gap_mean: Math.round((rafs[rafs.length - 1] - rafs[0]) / (rafs.length - 1)) };
        for (let i = 0; i < word.length; ++i) {
          const prefix = word.slice(0, i + 1);
          const key = window.__keys[i];
          const first = (field) => window.__shown.find((s) => s.at >= key && s[field] === prefix);
          out.text.push(Math.round(first('text').at - key));
          out.rows.push(Math.round(first('rows').at - key));
        }
        return out;
      }, 'anna');
      rows.push({ key: `browser.key_to_rows_in_page.${k}`, label: `Key press → rows for it on screen, in the page, slowest of 4 keys, ${people}`,
                  unit: 'ms', stat: 'max', samples: inPage.rows });
      log(`${size} contacts: start-up ${startup} ms; scrolling frame ${JSON.stringify(stats(scroll))} ms; ` +
          `typing frame ${JSON.stringify(stats(typing))} ms; key to updated list ${latencies.join(', ')} ms ` +
          `(in the page: text shown ${inPage.text.join(', ')} ms, rows ${inPage.rows.join(', ')} ms; ` +
          `median time between drawn frames ${inPage.frame_gap_median} ms, between animation frames ` +
          `${inPage.raf_gap_mean} ms)`);
      // Today: the first frame computes the day's outlook (statistics, queue, ledger, suggested
      // circles); an edit (closing a follow-up) computes it again.
      results[size] = { startup_ms: startup, scroll: stats(scroll), typing: stats(typing), keystroke_ms: latencies,
                        in_page: inPage, typing_frames_ms: typing };
      if (!TODAY) continue;
      const today = { interactions };
      results[size].today = today;
      const openToday = await frameTimes(page, async () => {
        await click(page, 'nav.Today');
        await page.waitForFunction(() => window.__ties.values['today.due.count'] !== undefined, null, { timeout: 120000 });
        await nextFrames(page, 3);
      });
      today.open_ms = Math.max(...openToday);
      rows.push({ key: `browser.today_first.${k}`, label: `Today's first frame, ${people}`, unit: 'ms', stat: 'max', samples: [today.open_ms] });
      // Once a day Today works out the network map (its bridges going cold): a slice a frame in
      // builds since it was sliced (one frame at the first quiet moment before): the slowest frame
      // until it is there, measured on its own, before the edits.
      const mapFrames = await frameTimes(page, async () => {
        await page.waitForFunction(() => window.__ties.values['today.bridges.count'] !== undefined, null, { timeout: 60000 });
        await nextFrames(page, 2);
      });
      today.map_ms = Math.max(...mapFrames);
      rows.push({ key: `browser.today_map.${k}`, label: `Today: the slowest frame while the day's map is worked out, ${people}`,
                  unit: 'ms', stat: 'max', samples: [today.map_ms] });
      try {
        const edit = await frameTimes(page, async () => {
          // The sample network has usually spent the week's budget: then close the first follow-up.
          const before = await page.evaluate(() => window.__ties.values['today.follow_ups.count']);
          await click(page, 'today.follow_ups.0.done');
          await page.waitForFunction((b) => window.__ties.values['today.follow_ups.count'] !== b, before, { timeout: 120000 });
          await nextFrames(page, 3);
        });
        today.after_edit_ms = Math.max(...edit);
        today.steady = stats(edit.slice(-3));
        rows.push({ key: `browser.today_edit_sample.${k}`, label: `Today, the frame after an edit, ${people}`, unit: 'ms', stat: 'max',
                    samples: [today.after_edit_ms] });
        log(`Today (${interactions} interactions): first frame ${today.open_ms} ms, the day's map ${today.map_ms} ms, frame after an edit ` +
            `${today.after_edit_ms} ms, then ${today.steady.median} ms`);
      } catch (error) {
        failures.push(`${size} contacts, an edit on Today: ${error.message.split('\n')[0]}`);
        log(`Today at ${size} contacts: first frame ${today.open_ms} ms; the edit failed: ${error.message}`);
      }
    } finally {
      await closeAll(context);
    }
  }
} catch (error) {
  failures.push(error.message.split('\n')[0]);
  log(`error: ${error.message}`);
} finally {
  await server.stop();
}
if (JSON_OUT) process.stdout.write(JSON.stringify({ rows, failures }) + '\n');
mkdirSync(path.join(OUTPUT, 'bench'), { recursive: true });
writeFileSync(path.join(OUTPUT, 'bench', 'ui-frames.json'), JSON.stringify(results, null, 2) + '\n');
