// Service worker: makes Ties start offline after one visit.
// tools/stage_web.py stamps in the build id and the SHA-256 of every file of this build. Install
// fetches each file and refuses any whose hash differs, so one cache never mixes two builds'
// .js and .wasm. A new build waits until the page asks it to take over (the page shows
// "update ready"), then old caches are deleted.
'use strict';
const BUILD = '__TIES_BUILD__';
const FILES = __TIES_FILES__;
const CACHE = 'ties-' + BUILD;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      for (const file of FILES) {
        const response = await fetch(file.url, { cache: 'no-store' });
        if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
        const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
        if (digest !== file.sha256) throw new Error(`${file.url} belongs to another build`);
        await cache.put(file.url, response);
      }
    } catch (error) {
      await caches.delete(CACHE);  // never keep a half-filled or mixed cache
      throw error;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('ties-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // A page of another build asks for its own files by ?v=: let the network answer.
  const version = url.searchParams.get('v');
  if (version && version !== BUILD) return;
  const scope = new URL(self.registration.scope);
  let path = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
  if (path === null) return;
  if (request.mode === 'navigate' || path === '') path = 'index.html';
  if (!FILES.some((file) => file.url === path)) return;
  event.respondWith((async () => {
    const cached = await caches.match(path, { cacheName: CACHE });
    return cached || fetch(request);
  })());
});
