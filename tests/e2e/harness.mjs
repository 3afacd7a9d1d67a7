// Shared helpers for the browser tests: start serve.py on a free port, launch Debian's Chromium
// headless with software WebGL, open the app in test mode and find widgets through the probe the
// app publishes (window.__ties), so tests click and type where a person would.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.TIES_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--disable-features=Translate,MediaRouter',
];

// Starts `python3 serve.py --no-build --port 0`; resolves when it prints its URL. `dist` (or
// TIES_DIST=DIR) serves another build output (e.g. a second build directory) instead of build/web/dist.
export async function startServer({ dist: folder = process.env.TIES_DIST } = {}) {
  const dist = folder ? ['--dist', folder] : [];
  const child = spawn('python3', ['serve.py', '--no-build', '--port', '0', ...dist], {
    cwd: ROOT, env: { ...process.env, TIES_SERVE_QUIET: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${errors}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const match = out.match(/http:\/\/[^\s]+\//);
      if (match) { clearTimeout(timer); resolve(match[0]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited (${code}): ${errors}`)); });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// A Chromium profile that survives relaunches (IndexedDB, service worker, localStorage).
export function newProfile() {
  return mkdtempSync(path.join(tmpdir(), 'ties-profile-'));
}

// serviceWorkers: 'block' keeps the offline cache out of tests that stub network responses;
// timezoneId (e.g. 'Europe/Oslo') sets the page's time zone, else the machine's.
export async function launch({ profile = newProfile(), dpr = 1, colorScheme = 'light',
                               viewport = { width: 1200, height: 760 }, serviceWorkers = 'allow',
                               touch = false, timezoneId = undefined } = {}) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    deviceScaleFactor: dpr, colorScheme, viewport, serviceWorkers, hasTouch: touch, isMobile: touch, timezoneId,
  });
  context.profile = profile;
  return context;
}

export async function closeAll(context, { keepProfile = false } = {}) {
  await context.close();
  if (!keepProfile) rmSync(context.profile, { recursive: true, force: true });
}

// Opens the app in test mode and waits until it has drawn a few frames. Console errors and
// uncaught exceptions are collected in page.problems; tests assert it stays empty.
export async function openApp(context, baseUrl, { query = 'test', page = null } = {}) {
  page = page || context.pages()[0] || await context.newPage();
  page.problems = page.problems || [];
  if (!page.watched) {
    page.watched = true;
    page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  }
  await page.goto(`${baseUrl}?${query}`);
  await waitReady(page);
  return page;
}

export async function waitReady(page) {
  await page.waitForFunction(() => {
    if (document.documentElement.dataset.tiesState !== 'ready' || !window.__ties) return false;
    if (window.__ties.frame > 2) return true;
    Module.tiesPlatform.wake();  // a ready app that has nothing to do sleeps
    return false;
  }, null, { timeout: 30000 });
}

// The probe as published on the latest frame.
export function probe(page) {
  return page.evaluate(() => window.__ties);
}

// Waits until the next frame has been published, so a probe read reflects earlier input.
// Waits until the app has drawn `count` more frames. An idle app sleeps and draws nothing, so this
// wakes it as often as needed, as the browser's input or a timer would.
export async function nextFrames(page, count = 2) {
  // One round trip to the page (not a read of the counter, then a wait): each is worth a frame.
  const drawn = await page.evaluate((n) => new Promise((resolve) => {
    const until = window.__ties.frame + n;
    const give_up = setTimeout(() => resolve(false), 30000);
    const tick = () => {
      if (window.__ties.frame >= until) {
        clearTimeout(give_up);
        return resolve(true);
      }
      Module.tiesPlatform.wake();
      requestAnimationFrame(tick);
    };
    tick();
  }), count);
  if (!drawn) throw new Error(`the app drew fewer than ${count} frames in 30 s`);
}

// A widget's rectangle, once it is on screen. A widget that does not show up soon may be below
// or above the visible part of the page: then the mouse wheel scrolls, as a person would, until
// it is in view (the probe publishes only what is visible).
export async function widget(page, name) {
  // One round trip: the page itself watches each frame's probe for the widget.
  const find = (timeout) => page.evaluate(([n, ms]) => new Promise((resolve) => {
    const end = performance.now() + ms;
    const look = () => {
      const r = window.__ties && window.__ties.widgets[n];
      if (r || performance.now() > end) return resolve(r || null);
      requestAnimationFrame(look);
    };
    look();
  }), [name, timeout]);
  let r = await find(1500);
  if (!r) r = await scrollTo(page, name) ?? await find(6000);
  if (!r) throw new Error(`widget ${name} did not appear on screen`);
  r = await settled(page, name, r);
  const [x, y, w, h] = r;
  const view = page.viewportSize();
  if (y + h / 2 > view.height || y + h / 2 < 0) {  // partly off screen: bring its middle into view
    await page.mouse.move(view.width * 0.6, view.height * 0.5);
    await page.mouse.wheel(0, y + h / 2 > view.height ? 200 : -200);
    await nextFrames(page, 3);
    return widget(page, name);
  }
  return { x, y, w, h };
}

// A page's first frames may still move things (a window sizing itself, a scroll reset when a
// page opens): a hand aims at where the widget stays, so wait until the probe says it has not
// moved since the frame before (its fifth number).
async function settled(page, name, rect) {
  for (let i = 0; i < 10 && rect[4]; ++i) {
    await nextFrames(page, 1);
    rect = await page.evaluate((n) => window.__ties && window.__ties.widgets[n], name) ?? rect;
  }
  return rect;
}

async function scrollTo(page, name) {
  const view = page.viewportSize();
  const rect = () => page.evaluate((n) => window.__ties && window.__ties.widgets[n], name);
  await page.mouse.move(view.width * 0.6, view.height * 0.5);
  for (const [dy, steps] of [[200, 15], [-200, 30]]) {
    for (let i = 0; i < steps; ++i) {
      await page.mouse.wheel(0, dy);
      await nextFrames(page, 2);
      const r = await rect();
      if (r) return r;
    }
  }
  return null;
}

export async function click(page, name) {
  const r = await widget(page, name);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await nextFrames(page, 1);  // ImGui sees the hover before the press, as with a real hand
  await page.mouse.down();
  await nextFrames(page, 1);
  await page.mouse.up();
  await nextFrames(page, 2);
}

// Resizes the window and waits until the app has drawn at the new size, so that the next
// click aims at where widgets are now, not where they were in the last frame before.
export async function resize(page, size) {
  await page.setViewportSize(size);
  await page.waitForFunction(([w, h]) => Module.canvas.clientWidth === w && Module.canvas.clientHeight === h,
                             [size.width, size.height], { timeout: 10000 });
  await nextFrames(page, 3);
}

// A finger's tap in the middle of a widget (contexts launched with touch: true).
export async function tap(page, name) {
  const r = await widget(page, name);
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await nextFrames(page, 3);
}

// `expected` is a string (exact) or a RegExp.
export async function waitValue(page, name, expected, timeout = 10000) {
  const pattern = expected instanceof RegExp ? [expected.source, expected.flags] : null;
  try {
    await page.waitForFunction(([n, e, p]) => {
      const value = window.__ties && window.__ties.values[n];
      return p ? typeof value === 'string' && new RegExp(p[0], p[1]).test(value) : value === e;
    }, [name, pattern ? null : expected, pattern], { timeout });
  } catch (error) {
    const [actual, section] = await page.evaluate((n) => window.__ties && [window.__ties.values[n], window.__ties.values.section], name);
    throw new Error(`probe value ${name}: expected ${pattern ? expected : JSON.stringify(expected)}, got ${JSON.stringify(actual)} (section: ${section})`);
  }
}

// Clicks a text field and waits until the hidden input that carries typed text has the focus.
export async function focusField(page, name) {
  await click(page, name);
  await page.waitForFunction(() => window.__ties.textInput === true, null, { timeout: 5000 });
}

// Clicks a field and types into it, then waits until the app holds the text.
export async function typeInto(page, field, text) {
  await focusField(page, field);
  await page.keyboard.type(text);
  await waitValue(page, field, text);
}

// Adds a contact through the Contacts form; `fields` maps form fields (company, emails…) to text.
export async function addContact(page, name, fields = {}) {
  await showContacts(page);
  await click(page, 'contacts.new');
  await typeInto(page, 'contact.display_name', name);
  for (const [field, value] of Object.entries(fields)) await typeInto(page, `contact.${field}`, value);
  await click(page, 'contact.save');
  await waitValue(page, 'contact.name', name);
}

// The list of contacts (Contacts keeps the person's page that was open: Back leaves it).
export async function showContacts(page) {
  await click(page, 'nav.Contacts');
  if ((await probe(page)).widgets['contact.back']) await click(page, 'contact.back');
  await page.waitForFunction(() => window.__ties.widgets['contacts.new'], null, { timeout: 10000 });
}

export async function openContact(page, name) {
  await showContacts(page);
  await click(page, `contacts.row.${name}`);
  await waitValue(page, 'contact.name', name);
}

// Opens a person by typing the name into the list's search box, as a person with a long list
// would (scrolling many similar rows to find one is slow and says nothing more).
// Moves the open person to a circle through their page's form ("Friends (50)").
export async function setTier(page, tier) {
  await click(page, 'contact.edit');
  await click(page, 'contact.tier');
  await click(page, `contact.tier.${tier}`);
  await waitValue(page, 'contact.tier', tier);
  await click(page, 'contact.save');
}

export async function findContact(page, name) {
  await showContacts(page);
  await retype(page, 'contacts.search', name);
  await click(page, `contacts.row.${name}`);
  await waitValue(page, 'contact.name', name);
}

// Passphrase fields show a star per byte (UTF-8) of what was typed: the probe does too.
export async function typeSecret(page, field, text) {
  await focusField(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await waitValue(page, field, '*'.repeat(Buffer.byteLength(text)));
}

// Settings → Import…, then files given to the file chooser it opens.
export async function openImport(page) {
  await click(page, 'nav.Settings');
  await click(page, 'settings.import');
  await waitValue(page, 'import.stage', 'choose');
}

export async function chooseFiles(page, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.pick')]);
  await chooser.setFiles(files);
}

// Types a number into a number field (the budget's) and presses Enter, which keeps it.
export async function setNumber(page, field, value) {
  await focusField(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
}

// Replaces a field's text (an empty `text` clears it).
export async function retype(page, field, text) {
  await focusField(page, field);
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
  await waitValue(page, field, text);
}

// Opens the command palette by clicking the sidebar's search box, as a person would.
export async function openPalette(page) {
  await click(page, 'sidebar.search');
  await page.waitForFunction(() => window.__ties.textInput === true && window.__ties.widgets.jump, null, { timeout: 5000 });
}

export async function screenshot(page, name) {
  const dir = path.join(OUTPUT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Drops files on the page the way the browser delivers a drop from the desktop.
export async function dropFiles(page, files) {
  const contents = await Promise.all(files.map(async (f) => ({ name: path.basename(f), data: [...await readFile(f)] })));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([new Uint8Array(item.data)], item.name));
    const canvas = document.querySelector('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, contents);
}

// The sync settings as a person types them in Settings, then Connect ("Remember on this device"
// stays ticked, as it is by default). `again` is the passphrase's second typing.
export const SYNC_ACCOUNT = { user: 'ada', password: 'app-password-1', passphrase: 'correct horse battery staple' };
export async function setUpSync(page, url, { user = SYNC_ACCOUNT.user, password = SYNC_ACCOUNT.password,
                                             passphrase = SYNC_ACCOUNT.passphrase, again = passphrase } = {}) {
  await click(page, 'nav.Settings');
  await typeInto(page, 'settings.sync.url', url);
  await typeInto(page, 'settings.sync.user', user);
  await typeSecret(page, 'settings.sync.password', password);
  await typeSecret(page, 'settings.sync.passphrase', passphrase);
  await typeSecret(page, 'settings.sync.passphrase_again', again);
  await click(page, 'settings.sync.connect');
}

// Sets sync up and waits until the first sync is over.
export async function connectSync(page, url, account = {}) {
  await setUpSync(page, url, account);
  await waitValue(page, 'settings.sync.state', 'idle', 60000);
}

// A small deterministic generator (mulberry32) for the randomised runs, so that a seed replays a run.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Faults between one browser (a context) and the WebDAV server at `davUrl`, injected where the
// browser sends each request; `pageUrl` is the app's, whose origin the fake answers let in (CORS).
// `fault(request)` returns:
//   'fail'      an HTTP 503 from "the server";
//   'lost'      the server gets the request and acts on it, its answer is lost on the way back;
//   'drop'      the connection breaks before the server sees anything;
//   'truncate'  the server's answer arrives cut in half (its status and headers intact);
//   'stall:MS'  the request waits MS milliseconds before it goes on (the app may give up first);
//   anything else: the request goes through untouched.
// Resolves with a function that removes the faults.
export async function routeFaults(context, davUrl, pageUrl, fault) {
  const origin = new URL(pageUrl).origin;
  const pattern = `${new URL(davUrl).origin}/**`;
  const handler = async (route) => {
    const what = fault(route.request()) || '';
    try {
      if (what === 'fail') {
        await route.fulfill({ status: 503, body: 'overloaded',
                              headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'ETag, Date, DAV' } });
      } else if (what === 'lost') {
        await route.fetch();
        await route.abort('connectionreset');
      } else if (what === 'drop') {
        await route.abort('connectionreset');
      } else if (what === 'truncate') {
        const response = await route.fetch();
        const body = await response.body();
        await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
      } else if (what.startsWith('stall:')) {
        await new Promise((resolve) => setTimeout(resolve, Number(what.slice(6))));
        await route.continue();
      } else {
        await route.continue();
      }
    } catch (error) {
      // The page gave up on the request meanwhile (its own timeout): nothing left to answer.
      if (!/Route is already handled|Target page, context or browser has been closed|Request context disposed/.test(String(error))) throw error;
    }
  };
  await context.route(pattern, handler);
  return () => context.unroute(pattern, handler);
}

// A port on 127.0.0.1 that nothing listens on (a moment ago).
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A private WebDAV server for sync: Debian's Apache through tests/servers/webdav_server.py, on a
// free loopback port (another origin than the page, so the browser's real CORS checks happen).
// `extra`: more arguments (['--no-cors']). Resolves with { url, root, stop }.
export async function startDav({ user, password, extra = [] }) {
  const root = mkdtempSync(path.join(tmpdir(), 'ties-dav-'));
  const port = await freePort();
  const child = spawn('python3', [path.join(ROOT, 'tests/servers/webdav_server.py'), '--port', String(port), '--root', root,
                                  '--user', user, '--password', password, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  const stop = async () => {
    if (child.exitCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`webdav_server.py did not start: ${errors}`)), 20000);
      child.stdout.on('data', (d) => {
        out += d;
        const match = out.match(/^ready (\S+)/m);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`webdav_server.py exited (${code}): ${errors}`)); });
    });
    return { url, root, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
