// The Map through the real page: the sample network's clusters and its one bridge; the mouse
// drags the picture, the wheel zooms about the pointer (and does not scroll the page), hovering a
// dot names the person and why they matter, a click opens them; their page says which clusters
// they connect you to and goes back to them on the map; Today lists the bridge going cold; the
// list beside the picture opens people too. On a phone one finger pans, two pinch, and the list
// replaces the picture. Screenshots in light, dark and on a phone.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { importLinkedInAndX } from './network_files.mjs';
import { click, closeAll, launch, nextFrames, openApp, probe, screenshot, startServer, tap, typeInto, waitReady, waitValue, widget } from './harness.mjs';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TODAY = 'test&today=20240630';
const BRIDGE_CLUSTER = 'Tern & Tide Studio';  // the sample's company known through one person only
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function values(page) { return (await probe(page)).values; }

async function openSampleMap(page) {
  await click(page, 'welcome.sample');
  await waitValue(page, 'section', 'Contacts');  // the sample opens on the contacts it added
  await click(page, 'nav.Map');
  await waitValue(page, 'map.state', 'ready', 20000);
  await nextFrames(page, 3);
}

// The screen position of a person's dot, as the page drew it last.
async function dotOf(page, name) {
  const at = (await values(page))[`map.dot.${name}`];
  assert.ok(at, `${name}'s dot is on screen`);
  const [x, y] = at.split(',').map(Number);
  return { x, y };
}

// The bridge's name, from the list beside the map: "...; only through NAME".
async function bridgeName(page) {
  const v = await values(page);
  const row = Object.keys(v).find((k) => /^map\.list\.\d+$/.test(k) && v[k].includes(BRIDGE_CLUSTER));
  assert.ok(row, `the list names ${BRIDGE_CLUSTER}: ${JSON.stringify(v)}`);
  const line = v[`${row}.line`];
  const match = /only through (.+)$/.exec(line);
  assert.ok(match, `the cluster is reached through one person: ${line}`);
  return { name: match[1], row };
}

const centre = (v) => v['map.centre'].split(',').map(Number);

test('the map: pan, zoom about the pointer, hover and click a bridge; their page; Today; the list', async () => {
  const context = await launch({ viewport: DESKTOP });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await openSampleMap(page);
    let v = await values(page);
    assert.match(v['map.summary'], /^\d+ people in \d+ clusters; 1 cluster reached through one person only/);
    const { name: bridge, row } = await bridgeName(page);
    await screenshot(page, 'map-light');

    // Screen readers cannot read the canvas: the same list is in the page as text.
    const text = await page.evaluate(() => {
      const region = document.getElementById('page-text');
      return region && { label: region.getAttribute('aria-label'), headings: [...region.querySelectorAll('h2')].map((h) => h.textContent),
                         paragraphs: [...region.querySelectorAll('p')].map((p) => p.textContent),
                         items: [...region.querySelectorAll('li')].map((li) => li.textContent) };
    });
    assert.ok(text, 'the map as text is in the page');
    assert.equal(text.label, 'This page as text');
    assert.equal(text.headings[0], 'Your network map, as a list');
    assert.equal(text.paragraphs[0], v['map.summary']);
    assert.ok(text.headings.includes(`${BRIDGE_CLUSTER} (4 people)`), text.headings.join(' | '));
    assert.ok(text.paragraphs.includes(`A bridge: you reach it only through ${bridge}.`), text.paragraphs.join(' | '));
    assert.ok(text.items.includes(`${bridge}, your only link`), text.items.join(' | '));
    assert.equal(text.items.length, Number(/^(\d+) people/.exec(v['map.summary'])[1]), 'everyone on the map is listed');

    // Hover: the name and why they matter; the tooltip follows the real mouse.
    let dot = await dotOf(page, bridge);
    await page.mouse.move(dot.x, dot.y);
    await waitValue(page, 'map.hover', bridge);
    v = await values(page);
    assert.match(v.tooltip, new RegExp(`Your only link to ${BRIDGE_CLUSTER} \\(4 people\\)`));
    await screenshot(page, 'map-hover');

    // Drag: the picture follows the mouse (the plane's centre moves by the drag over the scale).
    const canvas = await widget(page, 'map.canvas');
    const title = await widget(page, 'section.title');
    const scale = Number(v['map.scale']);
    const [cx0, cy0] = centre(v);
    const from = { x: canvas.x + 60, y: canvas.y + 60 };
    await page.mouse.move(from.x, from.y);
    await nextFrames(page, 1);
    await page.mouse.down();
    for (let i = 1; i <= 8; ++i) { await page.mouse.move(from.x + 10 * i, from.y + 5 * i); await nextFrames(page, 1); }
    await page.mouse.up();
    await nextFrames(page, 2);
    v = await values(page);
    const [cx1, cy1] = centre(v);
    assert.ok(Math.abs((cx0 - cx1) * scale - 80) < 6 && Math.abs((cy0 - cy1) * scale - 40) < 6,
              `dragged by (80, 40) px: centre ${cx0},${cy0} -> ${cx1},${cy1} at ${scale} px per unit`);
    assert.equal(v['map.hover'], undefined, 'a drag is not a hover on a person');

    // Zoom about the pointer: the bridge's dot stays under the mouse, it gets bigger, the page does not scroll.
    dot = await dotOf(page, bridge);
    await page.mouse.move(dot.x, dot.y);
    await nextFrames(page, 1);
    for (let i = 0; i < 3; ++i) { await page.mouse.wheel(0, -100); await nextFrames(page, 2); }
    v = await values(page);
    assert.ok(Number(v['map.scale']) > scale * 1.8, `zoomed in: ${scale} -> ${v['map.scale']}`);
    const after = await dotOf(page, bridge);
    assert.ok(Math.hypot(after.x - dot.x, after.y - dot.y) < 3, `the dot stayed under the pointer: ${JSON.stringify([dot, after])}`);
    assert.deepEqual(await widget(page, 'section.title'), title, 'the page did not scroll');
    await screenshot(page, 'map-zoomed');
    await click(page, 'map.zoom_out');
    assert.ok(Number((await values(page))['map.scale']) < Number(v['map.scale']), 'the − button zooms out');

    // A click on the dot opens the person; their page tells the clusters they connect you to.
    dot = await dotOf(page, bridge);
    await page.mouse.move(dot.x, dot.y);
    await nextFrames(page, 1);
    await page.mouse.down();
    await nextFrames(page, 1);
    await page.mouse.up();
    await waitValue(page, 'section', 'Contacts');
    assert.equal(await page.evaluate(() => document.getElementById('page-text')), null, 'the map\'s text leaves with the map');
    await waitValue(page, 'contact.name', bridge);
    await waitValue(page, 'contact.bridge', new RegExp(`^${bridge} is your only link to ${BRIDGE_CLUSTER} \\(4 people\\); you last talked 5 months ago$`));
    v = await values(page);
    assert.match(v['contact.clusters'], new RegExp(`^Connects you to ${BRIDGE_CLUSTER} \\(their group, 4 people\\)`));
    await screenshot(page, 'map-person');

    // "Show on the map" goes back with them in the middle, close up.
    await click(page, 'contact.show_on_map');
    await waitValue(page, 'section', 'Map');
    await nextFrames(page, 3);
    v = await values(page);
    dot = await dotOf(page, bridge);
    const shown = await widget(page, 'map.canvas');
    assert.ok(Math.abs(dot.x - (shown.x + shown.w / 2)) < 2 && Math.abs(dot.y - (shown.y + shown.h / 2)) < 2,
              `centred on ${bridge}: ${JSON.stringify([dot, shown])}`);
    assert.ok(Number(v['map.scale']) >= 28);

    // The list: open the bridge's cluster; its strongest member (the bridge) opens from it.
    await click(page, row);
    await click(page, `${row}.person.0`);
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', bridge);

    // Today: the bridge going cold, in words.
    await click(page, 'nav.Today');
    await waitValue(page, 'today.bridges.count', '1');
    await waitValue(page, 'today.bridges.0.reason', `${bridge} is your only link to ${BRIDGE_CLUSTER} (4 people); you last talked 5 months ago`);
    await screenshot(page, 'map-today');

    // An opportunity through the bridge: Insights counts it beside the weak/strong split.
    await click(page, 'nav.Opportunities');
    await click(page, 'opportunities.new');
    await typeInto(page, 'opportunity.title', 'Design contract');
    await typeInto(page, 'opportunity.people.field', bridge.split(' ')[0]);
    await click(page, `opportunity.people.match.${bridge}`);
    await waitValue(page, 'opportunity.people.count', '1');
    await click(page, 'opportunity.save');
    await waitValue(page, 'opportunity.name', 'Design contract');
    await click(page, 'nav.Insights');
    await waitValue(page, 'insights.bridges', new RegExp(`^(1 of your \\d+ opportunities|Your one opportunity) came through a bridge, ` +
                                                         `someone who is your only link into a group: ${bridge} \\(${BRIDGE_CLUSTER}\\)\\.$`), 20000);
    await screenshot(page, 'map-insights');

    // After a reload the same map, from what was stored.
    await click(page, 'nav.Map');
    await waitValue(page, 'map.state', 'ready', 20000);
    const summary = (await values(page))['map.summary'];

    // The export for Gephi holds everyone on the map.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'map.export')]);
    assert.match(download.suggestedFilename(), /^ties-network-\d{4}-\d\d-\d\d\.graphml$/);
    const graphml = await readFile(await download.path(), 'utf8');
    assert.equal((graphml.match(/<node id=/g) || []).length, Number(summary.split(' ')[0]), 'a node per person on the map');
    assert.ok(graphml.includes(`<data key="cluster">${BRIDGE_CLUSTER.replace('&', '&amp;')}</data>`));
    await page.reload();
    await waitReady(page);
    // The app opens on Today: once the person has not touched anything for a moment, the map is
    // worked out and the bridge going cold shows there too.
    await waitValue(page, 'section', 'Today');
    await waitValue(page, 'today.bridges.count', '1', 15000);
    await click(page, 'nav.Map');
    await waitValue(page, 'map.state', 'ready', 20000);
    assert.equal((await values(page))['map.summary'], summary);
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

// Touch input as a phone sends it (Chrome DevTools Protocol): fingers as lists of points per step.
async function touchSteps(page, context, steps) {
  const cdp = await context.newCDPSession(page);
  const send = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  await send('touchStart', steps[0]);
  for (const points of steps.slice(1)) { await send('touchMove', points); await nextFrames(page, 1); }
  await send('touchEnd', []);
  await nextFrames(page, 3);
}

test('on a phone, in dark mode: one finger pans, two fingers pinch, a tap opens; the list instead of the picture', async () => {
  const context = await launch({ viewport: PHONE, touch: true, colorScheme: 'dark' });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await tap(page, 'welcome.sample');
    await waitValue(page, 'section', 'Contacts');
    await tap(page, 'nav.Map');
    await waitValue(page, 'map.state', 'ready', 20000);
    await nextFrames(page, 3);
    await screenshot(page, 'map-phone-dark');
    const canvas = await widget(page, 'map.canvas');
    const title = await widget(page, 'section.title');
    let v = await values(page);
    const scale = Number(v['map.scale']);
    const [cx0, cy0] = centre(v);

    // One finger: the picture moves with it, the page stays.
    const x = canvas.x + canvas.w / 2, y = canvas.y + canvas.h / 2;
    await touchSteps(page, context, [[[x, y]], ...Array.from({ length: 6 }, (_, i) => [[x - 10 * (i + 1), y - 6 * (i + 1)]])]);
    v = await values(page);
    const [cx1, cy1] = centre(v);
    assert.ok(Math.abs((cx1 - cx0) * scale - 60) < 12 && Math.abs((cy1 - cy0) * scale - 36) < 12,
              `panned by (60, 36) px: ${cx0},${cy0} -> ${cx1},${cy1}`);
    assert.deepEqual(await widget(page, 'section.title'), title, 'the page did not scroll');

    // Two fingers moving apart: zoomed in about the point between them.
    await touchSteps(page, context, [[[x - 20, y], [x + 20, y]],
                                     ...Array.from({ length: 6 }, (_, i) => [[x - 20 - 12 * (i + 1), y], [x + 20 + 12 * (i + 1), y]])]);
    v = await values(page);
    assert.ok(Number(v['map.scale']) > scale * 2, `pinched in: ${scale} -> ${v['map.scale']}`);
    await screenshot(page, 'map-phone-pinched');

    // Fit, then a tap on a person opens them.
    await tap(page, 'map.fit');
    v = await values(page);
    const [name, at] = Object.entries(v).find(([k]) => k.startsWith('map.dot.'));
    const [dx, dy] = at.split(',').map(Number);
    await page.touchscreen.tap(dx, dy);
    await waitValue(page, 'section', 'Contacts');
    await waitValue(page, 'contact.name', name.slice('map.dot.'.length));

    // The list instead of the picture, for reading and for the keyboard.
    await tap(page, 'nav.Map');
    await tap(page, 'map.toggle');
    await waitValue(page, 'map.list.0', /\(\d+\)$/);
    assert.equal((await probe(page)).widgets['map.canvas'], undefined, 'the picture gave way to the list');
    await tap(page, 'map.list.0');
    await widget(page, 'map.list.0.person.0');
    await screenshot(page, 'map-phone-list');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});

test('a network imported from LinkedIn and X: its companies and its X scene are clusters on the map', async () => {
  const context = await launch({ viewport: DESKTOP });
  try {
    const page = await openApp(context, server.url, { query: TODAY });
    await importLinkedInAndX(page);
    await click(page, 'nav.Map');
    await waitValue(page, 'map.state', 'ready', 20000);
    const v = await values(page);
    assert.match(v['map.summary'], /^46 people in 5 clusters;/);
    const labels = Object.keys(v).filter((k) => /^map\.list\.\d+$/.test(k)).map((k) => v[k]);
    for (const company of ['Northwind Traders', 'Fjord Analytics, AB', 'Contoso', 'Blue Heron Labs'])
      assert.ok(labels.some((l) => l.includes(`${company}  (8)`)), `${company} is a cluster of 8: ${labels}`);
    // The scene's people share only the tag the X import gives (the people you follow there).
    assert.ok(labels.some((l) => l.endsWith('x-following  (6)')), `the X scene is a cluster of 6: ${labels}`);
    assert.ok(labels.some((l) => l.includes('Linked to nobody else  (8)')), `the 8 without a company: ${labels}`);
    await screenshot(page, 'map-linkedin-x');
    assert.deepEqual(page.problems, []);
  } finally {
    await closeAll(context);
  }
});
