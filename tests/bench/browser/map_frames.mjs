// Map and Ask benchmark (not a test): how long the Map takes to work out (graph, communities,
// clusters, structural measures and layout, in one frame after "Working out your map"), and the
// frame work while panning (mouse drags), zooming (wheel) and hovering over it; then on the Ask
// page, the frame that works out an audience (a circle: ranked, the week's budget, recent asks),
// the frames after it, and the frame after asking (the page's lists of tags, cities and asks
// rebuilt), in headless Chromium on the release build. The app is opened with ?test&sample=N (N generated people, 4N touches); frame.ms
// is the CPU time of one frame the app publishes through its test probe.
// Run: node tests/bench/browser/map_frames.mjs [sizes, default 1000,10000] [--json]
// With --json, progress goes to stderr and stdout gets {rows, failures} for tests/bench/run.
import { click, closeAll, focusField, launch, screenshot, startServer, widget } from '../../e2e/harness.mjs';
import { openSample, sizeKey, stats } from './frame_stats.mjs';

const JSON_OUT = process.argv.includes('--json');
const SIZES = (process.argv.slice(2).find((a) => !a.startsWith('--')) || '1000,10000').split(',').map(Number);
const log = JSON_OUT ? (text) => process.stderr.write(text + '\n') : console.log;
const rows = [];
const failures = [];

// The frame.ms of every frame the app draws while `action` runs.
async function frameTimes(page, action) {
  await page.evaluate(() => {
    window.__frames = [];
    let last = 0;
    const poll = () => {
      const probe = window.__ties;
      if (probe && probe.frame !== last) {
        last = probe.frame;
        window.__frames.push(Number(probe.values['frame.ms']));
      }
      window.__poll = requestAnimationFrame(poll);
    };
    poll();
  });
  await action();
  return page.evaluate(() => { cancelAnimationFrame(window.__poll); return window.__frames.slice(1); });
}

const server = await startServer();
try {
  for (const size of SIZES) {
    const k = sizeKey(size);
    const people = `${size.toLocaleString('en')} people`;
    const context = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const page = context.pages()[0] || await context.newPage();
      await openSample(page, server.url, size);
      const started = Date.now();
      const working = await frameTimes(page, async () => {
        await click(page, 'nav.Map');
        await page.waitForFunction(() => window.__ties.values['map.state'] === 'ready', null, { timeout: 300000 });
      });
      const waited = Date.now() - started;
      const v = await page.evaluate(() => window.__ties.values);
      const computed = Number(v['map.computed_ms']);
      rows.push({ key: `browser.map.compute.${k}`, label: `Map worked out (graph, clusters, layout; its slices added up), ${people}`,
                  unit: 'ms', stat: 'max', samples: [computed] });
      rows.push({ key: `browser.map.working_frame.${k}`, label: `Map: slowest frame while it is worked out, ${people}`, unit: 'ms',
                  stat: 'max', samples: working });
      log(`${people}: ${v['map.summary']} Worked out in ${computed} ms of work over ${working.length} frames ` +
          `(${waited} ms from the click; frames ${working.join(' ')}; slowest slice ${Number(v['map.slowest_step_ms']).toFixed(1)} ms from ${Number(v['map.slowest_step_at']).toFixed(2)}, slowest frame ${Math.max(...working)} ms).`);
      await screenshot(page, `bench-map-${k}`);

      const canvas = await widget(page, 'map.canvas');
      const cx = canvas.x + canvas.w / 2, cy = canvas.y + canvas.h / 2;
      const pan = await frameTimes(page, async () => {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let i = 0; i < 60; ++i) { await page.mouse.move(cx + 3 * i, cy + 2 * i); await page.waitForTimeout(16); }
        await page.mouse.up();
      });
      const zoom = await frameTimes(page, async () => {
        for (let i = 0; i < 20; ++i) { await page.mouse.wheel(0, -100); await page.waitForTimeout(16); }
        for (let i = 0; i < 20; ++i) { await page.mouse.wheel(0, 100); await page.waitForTimeout(16); }
      });
      const hover = await frameTimes(page, async () => {
        for (let i = 0; i < 60; ++i) { await page.mouse.move(canvas.x + 40 + i * 8, cy + (i % 7) * 9); await page.waitForTimeout(16); }
      });
      for (const [name, what, samples] of [['pan', 'panning', pan], ['zoom', 'zooming', zoom], ['hover', 'hovering', hover]]) {
        const s = stats(samples);
        rows.push({ key: `browser.map.${name}.${k}.p95`, label: `Map frame while ${what}, p95, ${people}`, unit: 'ms',
                    stat: 'p95', samples });
        log(`  ${what}: ${s.n} frames, median ${s.median} ms, p95 ${s.p95} ms, max ${s.max} ms`);
      }

      // Ask: a circle as the audience (the sample's Friends), then asking them.
      await click(page, 'nav.Ask');
      await page.waitForFunction(() => window.__ties.values.section === 'Ask');
      const choose = await frameTimes(page, async () => {
        await click(page, 'ask.kind.3');
        await page.waitForFunction(() => window.__ties.values['ask.kind'] === 'A circle');
      });
      const audience = (await page.evaluate(() => window.__ties.values))['ask.audience.summary'];
      const still = await frameTimes(page, async () => {
        for (let i = 0; i < 30; ++i) { await page.mouse.move(700 + i * 5, 500 + (i % 5) * 7); await page.waitForTimeout(16); }
      });
      await focusField(page, 'ask.question');
      await page.keyboard.type('Who knows a good venue?');
      const asked = await frameTimes(page, async () => {
        await click(page, 'ask.send');
        await page.waitForFunction(() => window.__ties.values['ask.history.count'] === '1');
      });
      for (const [name, what, samples, stat] of [['choose', 'choosing an audience (a circle), slowest frame', choose, 'max'],
                                                 ['frames', 'after it, p95', still, 'p95'],
                                                 ['send', 'asking them, slowest frame', asked, 'max']]) {
        const s = stats(samples);
        rows.push({ key: `browser.ask.${name}.${k}`, label: `Ask: ${what}, ${people}`, unit: 'ms', stat, samples });
        log(`  Ask, ${what}: ${s.n} frames, median ${s.median} ms, p95 ${s.p95} ms, max ${s.max} ms`);
      }
      log(`  Ask audience: ${audience}`);
    } catch (error) {
      failures.push(`map at ${size}: ${error.message}`);
      log(`map at ${size} failed: ${error.message}`);
    } finally {
      await closeAll(context);
    }
  }
} finally {
  await server.stop();
}
if (JSON_OUT) process.stdout.write(JSON.stringify({ rows, failures }) + '\n');
if (failures.length) process.exitCode = 1;
