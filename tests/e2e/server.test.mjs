// serve.py serves the build output only, with the MIME types browsers require and the build's
// Content-Security-Policy, and no path (../, encoded once or twice, absolute, with backslashes, or
// through a symlink planted in the folder) escapes the build folder.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startServer } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// A raw request: the path goes out exactly as written (fetch would normalise ../).
function rawGet(path, method = 'GET', from = server) {
  const { hostname, port } = new URL(from.url);
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
  // build/web/app/ties.js sits next to the build folder and has a served suffix (.js): a path
  // that escapes would reach it, where serve.py and other .py files would be refused for their suffix.
  const next = 'app/ties.js';
  const abs = `${ROOT}/build/web/${next}`;
  for (const path of ['/../serve.py', '/../../CMakeLists.txt', '/%2e%2e/%2e%2e/serve.py', '/..%2f..%2fserve.py',
                      '/....//serve.py', '/%2e%2e%5c%2e%2e%5cserve.py', '/../../../../../../etc/passwd',
                      '/ties.wasm%00.html', '/CMakeLists.txt', '/nonexistent.js',
                      `/../${next}`, `/%2e%2e/${next}`, `/%2E%2E%2F${next}`, `/.%2e/${next}`,
                      `/%252e%252e/${next}`, `/%252e%252e%252f${next}`, `/%25252e%25252e/${next}`,
                      abs, `/${abs}`, encodeURIComponent(abs), `/%2f${abs.slice(1).replaceAll('/', '%2f')}`,
                      `file://${abs}`, `http://127.0.0.1/../${next}`,
                      `/..\\${next}`, `/..\\..\\web\\${next}`, `/%5c..%5c${next}`, `/..%5c${next}`,
                      '/..\\..\\..\\..\\etc\\passwd', '/etc/passwd', '//etc/passwd']) {
    const res = await rawGet(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.body.toString().includes('root:') && !res.body.toString().includes('Module'), path);
  }
});

test('every file carries the build\'s Content-Security-Policy, frame-ancestors included', async () => {
  const policy = readFileSync(path.join(ROOT, 'build/web/dist/content-security-policy.txt'), 'utf8').trim();
  assert.match(policy, /frame-ancestors 'none'/);
  for (const file of ['/', '/ties.js', '/ties.wasm', '/sw.js', '/import_worker.js', '/icon.svg']) {
    assert.equal((await rawGet(file)).headers['content-security-policy'], policy, file);
  }
  assert.equal((await rawGet('/content-security-policy.txt')).status, 404, 'the policy file is not served');
});

test('a symlink planted in the served folder does not lead out of it', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ties-serve-'));
  const dist = path.join(work, 'dist');
  const outside = path.join(work, 'outside');
  cpSync(path.join(ROOT, 'build/web/dist'), dist, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.js'), 'root:secret');
  symlinkSync(path.join(outside, 'secret.js'), path.join(dist, 'leak.js'));
  symlinkSync(outside, path.join(dist, 'out'));
  symlinkSync('../outside/secret.js', path.join(dist, 'relative.js'));
  symlinkSync('/etc/passwd', path.join(dist, 'passwd.json'));
  symlinkSync(path.join(dist, 'ties.js'), path.join(dist, 'inside.js'));  // stays inside: served
  const copy = await startServer({ dist });
  try {
    for (const file of ['/leak.js', '/out/secret.js', '/relative.js', '/passwd.json', '/../outside/secret.js',
                        '/%2e%2e/outside/secret.js', '/%252e%252e/outside/secret.js', '/..\\outside\\secret.js',
                        `${outside}/secret.js`]) {
      const res = await rawGet(file, 'GET', copy);
      assert.equal(res.status, 404, file);
      assert.ok(!res.body.toString().includes('root:'), file);
    }
    assert.equal((await rawGet('/inside.js', 'GET', copy)).status, 200, 'a link within the folder is served');
    assert.equal((await rawGet('/index.html', 'GET', copy)).status, 200);
  } finally {
    await copy.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
