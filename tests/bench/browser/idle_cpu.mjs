// Benchmark (not a test): what an idle tab costs. Opens the app as a person does (no ?test, so
// no probe; a new profile, so the welcome page), leaves it alone, and reads Chromium's own counters (the DevTools Performance domain) over a quiet window:
// main-thread task time and script time per second, and animation frames run. Prints JSON.
// Run: node tests/bench/browser/idle_cpu.mjs [seconds, default 10]
import { closeAll, launch, startServer } from '../../e2e/harness.mjs';

const SECONDS = Number(process.argv[2] || 10);

const server = await startServer();
try {
  const context = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('loading').style.display === 'none', null, { timeout: 60000 });
    await page.waitForTimeout(3000);  // the first saves and syncs settle
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.evaluate(() => {  // counts animation frames from the page's side
      window.__rafs = 0;
      const count = () => { window.__rafs += 1; requestAnimationFrame(count); };
      requestAnimationFrame(count);
    });
    const before = await read();
    const rafsBefore = await page.evaluate(() => window.__rafs);
    await page.waitForTimeout(SECONDS * 1000);
    const after = await read();
    const rafs = await page.evaluate(() => window.__rafs) - rafsBefore;
    const per = (name) => (after[name] - before[name]) / SECONDS;
    console.log(JSON.stringify({
      seconds: SECONDS,
      task_ms_per_s: +(per('TaskDuration') * 1000).toFixed(2),
      script_ms_per_s: +(per('ScriptDuration') * 1000).toFixed(2),
      cpu_share: +(per('TaskDuration') * 100).toFixed(2) + '%',
      animation_frames_per_s: +(rafs / SECONDS).toFixed(1),
      js_heap_mb: +(after.JSHeapUsedSize / 1048576).toFixed(1),
    }));
  } finally {
    await closeAll(context);
  }
} finally {
  await server.stop();
}
