// Our page: title, favicon, manifest, and a clear message instead of a blank screen when WebGL 2
// or WebAssembly is missing or the app fails to load.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, launch, screenshot, startServer } from './harness.mjs';

let server;
let context;

before(async () => { server = await startServer(); context = await launch({ serviceWorkers: 'block' }); });
after(async () => { await closeAll(context); await server.stop(); });

async function errorShown(page) {
  await page.waitForFunction(() => document.documentElement.dataset.tiesState === 'error', null, { timeout: 15000 });
  return { title: await page.locator('#error-title').textContent(), text: await page.locator('#error-text').textContent() };
}

test('the page has a title, favicon and a manifest with our icons', async () => {
  const page = await context.newPage();
  await page.goto(server.url);
  assert.equal(await page.title(), 'Ties');
  assert.equal(await page.locator('link[rel=icon]').first().getAttribute('href'), 'icon.svg');
  const manifest = await (await page.request.get(server.url + 'manifest.webmanifest')).json();
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size);
    assert.ok(icon, `icon ${size}`);
    const response = await page.request.get(server.url + icon.src);
    assert.equal(response.headers()['content-type'], 'image/png');
    const png = await response.body();
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, size, `${icon.src} really is ${size}`);
  }
  await page.close();
});

test('without WebGL 2 the page says so', async () => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  await page.goto(server.url);
  const shown = await errorShown(page);
  assert.equal(shown.title, 'Ties needs WebGL 2');
  await screenshot(page, 'error-no-webgl2');
  await page.close();
});

test('without WebAssembly the page says so', async () => {
  const page = await context.newPage();
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url);
  assert.equal((await errorShown(page)).title, 'Ties needs a newer browser');
  await page.close();
});

test('with WebAssembly but without its exceptions (an engine from before 2022) the page says so', async () => {
  const page = await context.newPage();
  // Such an engine refuses the `try` instruction: the page's check module does not validate.
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(6) ? false : validate(bytes));
  });
  await page.goto(server.url);
  const shown = await errorShown(page);
  assert.equal(shown.title, 'Ties needs a newer browser');
  assert.match(shown.text, /exception handling/);
  await page.close();
});

test('when the app cannot load, the page explains instead of staying blank', async () => {
  const page = await context.newPage();
  await page.route('**/ties.wasm*', (route) => route.fulfill({ status: 500, body: 'broken' }));
  await page.goto(server.url);
  const shown = await errorShown(page);
  assert.equal(shown.title, 'Ties stopped unexpectedly');
  assert.match(shown.text, /could not finish loading/);
  assert.equal(await page.locator('#error-detail').textContent(), 'ties.wasm?v=' +
    await page.evaluate(() => BUILD) + ': HTTP 500');
  await page.close();
});
