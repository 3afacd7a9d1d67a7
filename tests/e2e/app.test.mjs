// The page loads, signals ready without console errors, and the sidebar reaches every section.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, closeAll, launch, openApp, probe, screenshot, startServer, waitValue, widget } from './harness.mjs';

const SECTIONS = ['Today', 'Contacts', 'Timeline', 'Events', 'Opportunities', 'Insights', 'Settings'];
let server;
let context;

before(async () => { server = await startServer(); context = await launch(); });
after(async () => { await closeAll(context); await server.stop(); });

test('the app loads, says it is ready, and logs no errors', async () => {
  const page = await openApp(context, server.url);
  assert.equal(await page.title(), 'Ties');
  assert.equal(await page.locator('#loading').isVisible(), false, 'the loading screen is gone');
  const state = await probe(page);
  assert.equal(state.values.section, 'Today');
  for (const name of SECTIONS) assert.ok(state.widgets[`nav.${name}`], `sidebar shows ${name}`);
  await screenshot(page, 'today-light');
  assert.deepEqual(page.problems, []);
});

test('clicking each sidebar entry opens its section', async () => {
  const page = await openApp(context, server.url);
  for (const name of SECTIONS) {
    await click(page, `nav.${name}`);
    await waitValue(page, 'section', name);
    const state = await probe(page);
    // Each section draws its own page (an empty store: what a new user sees).
    const shows = {
      Today: () => assert.equal(state.values.welcome, 'shown', 'an empty Today welcomes a new user'),
      Contacts: () => assert.ok(state.widgets['contacts.new'], 'Contacts offers to add someone'),
      Timeline: () => assert.equal(state.values['timeline.count'], '0'),
      Events: () => assert.ok(state.widgets['events.new'], 'Events offers to add one'),
      Opportunities: () => assert.ok(state.widgets['opportunities.new'], 'Opportunities offers to add one'),
      Insights: () => assert.equal(state.values['insights.empty'], 'no people', 'Insights says what to log first'),
      Settings: () => assert.ok(state.widgets['settings.theme.Dark'], 'Settings offers a theme choice'),
    };
    shows[name]();
  }
  await screenshot(page, 'settings-light');
  const files = await page.evaluate(() => [...Module.FS.readdir('/'), ...Module.FS.readdir(Module.FS.cwd())]);
  assert.ok(!files.includes('imgui.ini'), `ImGui wrote no imgui.ini (files: ${files})`);
  assert.deepEqual(page.problems, []);
});

test('the canvas follows the window size', async () => {
  const page = await openApp(context, server.url);
  const before = await widget(page, 'sidebar.theme');
  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForFunction((y) => window.__ties.widgets['sidebar.theme'][1] !== y, before.y);
  const after = await widget(page, 'sidebar.theme');
  assert.ok(after.y + after.h <= 600 && after.y + after.h > 560, `theme toggle sits at the new bottom (${after.y})`);
  const size = await page.evaluate(() => [Module.canvas.width, Module.canvas.height]);
  assert.deepEqual(size, [900, 600]);
  await page.setViewportSize({ width: 1200, height: 760 });
  assert.deepEqual(page.problems, []);
});

test('an idle app stops redrawing, and wakes up on input', async () => {
  const page = await openApp(context, server.url);
  await page.waitForTimeout(1000);  // let the after-input drawing settle
  const start = (await probe(page)).frame;
  await page.waitForTimeout(3000);
  const idleFrames = (await probe(page)).frame - start;
  assert.equal(idleFrames, 0, `an idle app draws nothing (it drew ${idleFrames} frames in 3 s)`);
  await click(page, 'nav.Timeline');
  await waitValue(page, 'section', 'Timeline');
  assert.deepEqual(page.problems, []);
});
