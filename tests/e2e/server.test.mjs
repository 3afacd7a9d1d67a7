// serve.py serves the build output only, with the MIME types browsers require, and no path
// (../, encoded or not) escapes the build folder.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startServer } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// A raw request: the path goes out exactly as written (fetch would normalise ../).
function rawGet(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('it listens on loopback by default', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('each file type gets its MIME type', async () => {
  const expected = {
    '/': 'text/html; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
    '/ties.js': 'text/javascript; charset=utf-8',
    '/ties.wasm': 'application/wasm',
    '/sw.js': 'text/javascript; charset=utf-8',
    '/manifest.webmanifest': 'application/manifest+json',
    '/icon.svg': 'image/svg+xml',
    '/icon-192.png': 'image/png',
  };
  for (const [path, type] of Object.entries(expected)) {
    const res = await rawGet(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.headers['cache-control'], 'no-cache', path);
  }
  const wasm = await rawGet('/ties.wasm');
  assert.deepEqual([...wasm.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'a real wasm module');
  const head = await rawGet('/ties.wasm', 'HEAD');
  assert.equal(head.headers['content-length'], String(wasm.body.length));
  assert.equal(head.body.length, 0);
});

test('no path escapes the build folder', async () => {
  for (const path of ['/../serve.py', '/../../CMakeLists.txt', '/%2e%2e/%2e%2e/serve.py', '/..%2f..%2fserve.py',
                      '/....//serve.py', '/%2e%2e%5c%2e%2e%5cserve.py', '/../../../../../../etc/passwd',
                      '/ties.wasm%00.html', '/CMakeLists.txt', '/nonexistent.js']) {
    const res = await rawGet(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.body.toString().includes('root:'), path);
  }
});
