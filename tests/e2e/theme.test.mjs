// Light and dark themes follow prefers-color-scheme and can be switched (the choice survives a
// reload); on a devicePixelRatio 2 screen the canvas renders at full resolution while the UI
// keeps its size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { click, closeAll, launch, openApp, probe, screenshot, startServer, waitReady, waitValue, widget } from './harness.mjs';

async function withApp(options, body) {
  const server = await startServer();
  const context = await launch(options);
  try {
    await body(await openApp(context, server.url), server, context);
  } finally {
    await closeAll(context);
    await server.stop();
  }
}

// Mean brightness of the pixels in a CSS-pixel rectangle of the page.
async function brightness(page, rect) {
  const png = await page.screenshot({ clip: rect });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
    return sum / (d.length / 4);
  }, png.toString('base64'));
}

test('the theme follows the system: dark', async () => {
  await withApp({ colorScheme: 'dark' }, async (page) => {
    await waitValue(page, 'theme', 'dark');
    assert.ok(await brightness(page, { x: 600, y: 400, width: 200, height: 100 }) < 60, 'the page is dark');
    await screenshot(page, 'today-dark');
    assert.deepEqual(page.problems, []);
  });
});

test('switching the theme in Settings overrides the system and survives a reload', async () => {
  await withApp({ colorScheme: 'light' }, async (page) => {
    await waitValue(page, 'theme', 'light');
    assert.ok(await brightness(page, { x: 600, y: 400, width: 200, height: 100 }) > 200, 'the page is light');
    await click(page, 'nav.Settings');
    await click(page, 'settings.theme.Dark');
    await waitValue(page, 'theme', 'dark');
    await waitValue(page, 'settings.theme', 'Dark');
    await screenshot(page, 'settings-dark');
    await page.reload();
    await waitReady(page);
    await waitValue(page, 'theme', 'dark');
    // The sidebar toggle flips back to light.
    await click(page, 'sidebar.theme');
    await waitValue(page, 'theme', 'light');
    assert.deepEqual(page.problems, []);
  });
});

test('at devicePixelRatio 2 the canvas has twice the pixels and the UI keeps its size', async () => {
  let layoutAt1;
  await withApp({ dpr: 1 }, async (page) => {
    layoutAt1 = await widget(page, 'nav.Settings');
  });
  await withApp({ dpr: 2 }, async (page) => {
    const sizes = await page.evaluate(() => ({
      css: [Module.canvas.clientWidth, Module.canvas.clientHeight],
      pixels: [Module.canvas.width, Module.canvas.height],
    }));
    assert.deepEqual(sizes.pixels, [sizes.css[0] * 2, sizes.css[1] * 2]);
    assert.deepEqual(await widget(page, 'nav.Settings'), layoutAt1, 'same layout in CSS pixels');
    assert.equal((await probe(page)).values.fontPixelRatio, '2.000000', 'fonts rasterised for 2x');
    await screenshot(page, 'today-hidpi');
    assert.deepEqual(page.problems, []);
  });
});
