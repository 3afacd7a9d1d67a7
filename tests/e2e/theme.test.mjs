// Light and dark themes follow prefers-color-scheme and can be switched (the choice survives a
// reload); on a devicePixelRatio 2 screen the canvas renders at full resolution while the UI
// keeps its size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
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

// The pixels of a PNG screenshot: { width, height, channels, data } (8-bit RGB or RGBA, as
// Chromium writes them). Decoded here in Node, not in the page: the page's Content-Security-Policy
// (img-src 'self') rightly refuses a data: image.
function decodePng(png) {
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  const [depth, colorType, , , interlace] = png.subarray(24, 29);
  const channels = { 2: 3, 6: 4 }[colorType];
  assert.ok(depth === 8 && channels && interlace === 0, `an 8-bit RGB(A) PNG (depth ${depth}, type ${colorType})`);
  const idat = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at), type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; ++x) {
      const a = x >= channels ? data[y * stride + x - channels] : 0;
      const b = y > 0 ? data[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predicted = [0, a, b, (a + b) >> 1][filter] ?? paeth();
      data[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  return { width, height, channels, data };
}

// Mean brightness of the pixels in a CSS-pixel rectangle of the page.
async function brightness(page, rect) {
  const { channels, data } = decodePng(await page.screenshot({ clip: rect }));
  let sum = 0;
  for (let i = 0; i < data.length; i += channels) sum += (data[i] + data[i + 1] + data[i + 2]) / 3;
  return sum / (data.length / channels);
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
