// The service worker's logic, run in Node against fakes of the worker globals: it caches exactly
// the listed files of one build, refuses a file whose hash belongs to another build (leaving no
// half-filled cache), deletes older caches on activate, and answers navigations offline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { ROOT } from './harness.mjs';

const SOURCE = readFileSync(path.join(ROOT, 'web/sw.js'), 'utf8');
const sha = (text) => createHash('sha256').update(text).digest('hex');

function fakeCaches() {
  const stores = new Map();
  return {
    stores,
    async open(name) {
      if (!stores.has(name)) stores.set(name, new Map());
      const store = stores.get(name);
      return {
        put: async (url, response) => { store.set(url, await response.text()); },
        keys: async () => [...store.keys()],
      };
    },
    async keys() { return [...stores.keys()]; },
    async delete(name) { return stores.delete(name); },
    async match(url, { cacheName }) {
      const body = stores.get(cacheName)?.get(url);
      return body === undefined ? undefined : new Response(body);
    },
  };
}

// Loads sw.js stamped for `build` with `files` ({url: content}); `served` is what the server has.
function loadWorker(build, files, served, caches = fakeCaches()) {
  const listed = Object.entries(files).map(([url, content]) => ({ url, sha256: sha(content) }));
  const code = SOURCE.replace('__TIES_BUILD__', build).replace('__TIES_FILES__', JSON.stringify(listed));
  const handlers = {};
  const self = {
    location: new URL('http://127.0.0.1:8000/sw.js'),
    registration: { scope: 'http://127.0.0.1:8000/' },
    clients: { claim: async () => {} },
    skipWaiting: () => {},
    addEventListener: (type, fn) => { handlers[type] = fn; },
  };
  const fetch = async (url) => (url in served ? new Response(served[url]) : new Response('', { status: 404 }));
  vm.runInNewContext(code, { self, caches, fetch, crypto: globalThis.crypto, URL, Response, Uint8Array, Array, Error });
  const run = async (type, event = {}) => {
    let pending;
    handlers[type]({ ...event, waitUntil: (p) => { pending = p; }, respondWith: (p) => { pending = p; } });
    return pending;
  };
  return { caches, run };
}

const FILES = { 'index.html': '<html>', 'ties.js': 'js-1', 'ties.wasm': 'wasm-1' };

test('install caches every file of the build under one versioned cache', async () => {
  const { caches, run } = loadWorker('aaa', FILES, FILES);
  await run('install');
  assert.deepEqual([...caches.stores.keys()], ['ties-aaa']);
  assert.deepEqual([...caches.stores.get('ties-aaa').entries()], Object.entries(FILES));
});

test('install refuses a file of another build and leaves no cache behind', async () => {
  const { caches, run } = loadWorker('aaa', FILES, { ...FILES, 'ties.wasm': 'wasm-2' });
  await assert.rejects(run('install'), /ties\.wasm belongs to another build/);
  assert.deepEqual([...caches.stores.keys()], []);
});

test('activate deletes the caches of older builds only', async () => {
  const caches = fakeCaches();
  await caches.open('ties-old');
  await caches.open('someone-else');
  const { run } = loadWorker('new', FILES, FILES, caches);
  await run('install');
  await run('activate');
  assert.deepEqual([...caches.stores.keys()].sort(), ['someone-else', 'ties-new']);
});

test('navigations and build files are answered from the cache; other builds go to the network', async () => {
  const { run } = loadWorker('aaa', FILES, FILES);
  await run('install');
  const request = (url, mode = 'no-cors') => ({ request: { url, method: 'GET', mode } });
  assert.equal(await (await run('fetch', request('http://127.0.0.1:8000/?test', 'navigate'))).text(), '<html>');
  assert.equal(await (await run('fetch', request('http://127.0.0.1:8000/ties.wasm?v=aaa'))).text(), 'wasm-1');
  assert.equal(await run('fetch', request('http://127.0.0.1:8000/ties.wasm?v=bbb')), undefined);
  assert.equal(await run('fetch', request('http://127.0.0.1:8000/other.txt')), undefined);
  assert.equal(await run('fetch', request('http://elsewhere.example/ties.js')), undefined);
});
