// The JavaScript half of sync's operations (src/io/sync_ops.hpp), included with --pre-js: each job
// performs one operation with fetch (the person's WebDAV folder) or WebCrypto (the vault's data
// key), and wakes the app when it ends. browser_host.cpp starts jobs and takes their results;
// what an HTTP answer means (statuses, PROPFIND listings, the Date header) is read in C++
// (io/webdav.hpp), so this file only moves requests and bytes.
//
// The data key is a non-extractable AES-GCM CryptoKey: once imported, its bytes are zeroed and no
// script can read them back. When the person asks Ties to remember it, the CryptoKey object itself
// is stored in an IndexedDB database of its own ('ties-sync-key'; structured clone keeps it
// non-extractable) and loaded back when the page starts; cryptography waits for that load.
// The layout is byte for byte src/app/sync_crypto.cpp's (OpenSSL):
//   key encryption key  PBKDF2-HMAC-SHA-256(passphrase, 16-byte salt, iterations) -> 32 bytes
//   wrapped data key    IV (12) | AES-256-GCM(key encryption key, IV, aad)(data key) | tag (16)
//   a sealed file       IV (12) | AES-256-GCM(data key, IV, aad)(plaintext) | tag (16)
Module.tiesSync = (function () {
  'use strict';
  // io::sync::OpKind and io::sync::Failure, as numbers.
  const KIND = { probe: 0, list: 1, get: 2, put: 3, remove: 4, makeFolder: 5, createKey: 6, unlock: 7, seal: 8, open: 9 };
  const FAILURE = { none: 0, unreachable: 1, cors: 2, timeout: 3, unauthorized: 4, forbidden: 5, missing: 6,
                    server: 7, refused: 8, noKey: 9 };
  const SALT_SIZE = 16, IV_SIZE = 12, TAG_SIZE = 16, KEY_SIZE = 32;
  const WRAPPED_SIZE = IV_SIZE + KEY_SIZE + TAG_SIZE;
  // Timeouts in milliseconds: most requests are small; a GET or PUT may carry a whole snapshot.
  // Tests shorten them through Module.tiesSync.timeouts.
  const timeouts = { request: 30000, transfer: 120000, corsCheck: 10000 };
  const KEY_DB = 'ties-sync-key', KEY_STORE = 'keys', KEY_NAME = 'data-key';
  const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>\n';

  const jobs = new Map();  // id -> { done, failure, status, detail, bytes: Uint8Array, date }
  let nextJob = 1;
  let dataKey = null;      // the CryptoKey, or null
  let remember = false;    // keep dataKey in IndexedDB (true once a kept key was loaded)
  let rememberChosen = false;  // rememberKey() was called: the load does not override the choice
  let keyWrites = Promise.resolve();  // IndexedDB writes of the key, one after another

  function wake() { if (Module.tiesPlatform) Module.tiesPlatform.wake(); }
  const utf8 = new TextDecoder();

  // --- The kept key (IndexedDB) ------------------------------------------------------------------

  function keyDatabase() {
    return new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined' || indexedDB === null) { reject(new Error('no IndexedDB')); return; }
      const request = indexedDB.open(KEY_DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(KEY_STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the key database is blocked by another tab'));
    });
  }

  // One transaction on the key store; resolves with the request's result once it is committed.
  async function withKeyStore(mode, work) {
    const db = await keyDatabase();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction(KEY_STORE, mode);
        const request = work(transaction.objectStore(KEY_STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error || new Error('aborted'));
      });
    } finally {
      db.close();
    }
  }

  // Started when the page loads; every cryptographic operation waits for it, so the first Seal
  // or Open after a reload already has the kept key.
  // The database is only opened when it exists, so a page that never synced creates none.
  async function keyDatabaseExists() {
    if (typeof indexedDB === 'undefined' || indexedDB === null) return false;
    if (typeof indexedDB.databases !== 'function') return true;  // cannot tell: open it
    return (await indexedDB.databases()).some((database) => database.name === KEY_DB);
  }
  async function keptKey() {
    if (!(await keyDatabaseExists())) return null;
    return withKeyStore('readonly', (store) => store.get(KEY_NAME));
  }
  // A stuck IndexedDB must not hold sync's cryptography forever: after a few seconds, go on without.
  const keyLoaded = Promise.race([keptKey(), new Promise((resolve) => setTimeout(resolve, 5000, null))]).then((key) => {
    if (!key || dataKey || (rememberChosen && !remember)) return;
    dataKey = key;
    remember = true;
  }, () => { /* no IndexedDB or nothing kept: the passphrase unlocks the vault again */ });

  // Brings the kept copy in line with dataKey while remembering, or deletes it.
  function storeKey() {
    const key = remember ? dataKey : null;
    keyWrites = keyWrites.then(async () => {
      if (!key && !(await keyDatabaseExists())) return;  // nothing kept: create nothing to delete it
      await withKeyStore('readwrite', (store) => (key ? store.put(key, KEY_NAME) : store.delete(KEY_NAME)));
    }).catch((e) => {
      console.warn('Ties: the sync key could not be kept in this browser:', e && e.message || e);
    });
    return keyWrites;
  }

  async function setKey(key) {
    dataKey = key;
    if (remember) await storeKey();
  }

  // --- Cryptography ------------------------------------------------------------------------------

  const subtle = () => self.crypto.subtle;

  function failed(failure, detail) { return { failure, status: 0, detail }; }

  async function keyEncryptionKey(passphrase, salt, iterations) {
    const material = await subtle().importKey('raw', passphrase, 'PBKDF2', false, ['deriveKey']);
    return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material,
                              { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }

  // IV | ciphertext | tag (WebCrypto's AES-GCM output is ciphertext | 16-byte tag).
  async function seal(key, plaintext, aad) {
    const iv = self.crypto.getRandomValues(new Uint8Array(IV_SIZE));
    const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
                                                         key, plaintext));
    const out = new Uint8Array(IV_SIZE + sealed.length);
    out.set(iv, 0);
    out.set(sealed, IV_SIZE);
    return out;
  }

  // The plaintext, or null when the tag does not match (WebCrypto's OperationError).
  async function open(key, sealed, aad) {
    if (sealed.length < IV_SIZE + TAG_SIZE) return null;
    try {
      return new Uint8Array(await subtle().decrypt(
        { name: 'AES-GCM', iv: sealed.subarray(0, IV_SIZE), additionalData: aad, tagLength: 128 },
        key, sealed.subarray(IV_SIZE)));
    } catch (e) {
      if (e && e.name === 'OperationError') return null;
      throw e;
    }
  }

  // Raw key bytes as a CryptoKey nobody can read back; the bytes are zeroed.
  async function importDataKey(raw) {
    try {
      return await subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    } finally {
      raw.fill(0);
    }
  }

  async function cryptography(op) {
    await keyLoaded;
    switch (op.kind) {
      case KIND.createKey: {
        const salt = self.crypto.getRandomValues(new Uint8Array(SALT_SIZE));
        const raw = self.crypto.getRandomValues(new Uint8Array(KEY_SIZE));
        let wrapped;
        try {
          wrapped = await seal(await keyEncryptionKey(op.passphrase, salt, op.iterations), raw, op.aad);
        } catch (e) {
          raw.fill(0);
          return failed(FAILURE.server, `the new key could not be sealed (WebCrypto: ${e && e.message || e})`);
        }
        await setKey(await importDataKey(raw));
        const bytes = new Uint8Array(SALT_SIZE + WRAPPED_SIZE);
        bytes.set(salt, 0);
        bytes.set(wrapped, SALT_SIZE);
        return { failure: FAILURE.none, status: 0, detail: '', bytes };
      }
      case KIND.unlock: {
        await setKey(null);  // as OpenSSL's side: a failed unlock leaves no key behind
        const salt = op.path, wrapped = op.bytes;
        if (salt.length !== SALT_SIZE || wrapped.length !== WRAPPED_SIZE)
          return failed(FAILURE.refused, "the vault's salt or wrapped key has the wrong size");
        let kek;
        try {
          kek = await keyEncryptionKey(op.passphrase, salt, op.iterations);
        } catch (e) {
          return failed(FAILURE.refused, `the key could not be derived (WebCrypto: ${e && e.message || e})`);
        }
        const raw = await open(kek, wrapped, op.aad);
        if (!raw || raw.length !== KEY_SIZE) {
          if (raw) raw.fill(0);
          return failed(FAILURE.refused, "wrong sync passphrase, or the vault's key was changed");
        }
        await setKey(await importDataKey(raw));
        return { failure: FAILURE.none, status: 0, detail: '' };
      }
      case KIND.seal: {
        if (!dataKey) return failed(FAILURE.noKey, 'no sync key: set up or unlock the vault first');
        return { failure: FAILURE.none, status: 0, detail: '', bytes: await seal(dataKey, op.bytes, op.aad) };
      }
      case KIND.open: {
        if (!dataKey) return failed(FAILURE.noKey, 'no sync key: set up or unlock the vault first');
        const plaintext = await open(dataKey, op.bytes, op.aad);
        if (!plaintext) {
          return failed(FAILURE.refused, "the file does not open with the vault's key: it was changed, " +
                                         'or it belongs to another place or vault');
        }
        return { failure: FAILURE.none, status: 0, detail: '', bytes: plaintext };
      }
      default:
        return failed(FAILURE.server, 'not a cryptography operation');
    }
  }

  // --- WebDAV ------------------------------------------------------------------------------------

  // "Basic " + base64 of the UTF-8 bytes of user:password (btoa alone takes only Latin-1).
  function basicAuth(user, password) {
    const bytes = new Uint8Array(user.length + 1 + password.length);
    bytes.set(user, 0);
    bytes[user.length] = 0x3a;  // ':'
    bytes.set(password, user.length + 1);
    let binary = '';
    for (let i = 0; i < bytes.length; ++i) binary += String.fromCharCode(bytes[i]);
    bytes.fill(0);
    return 'Basic ' + btoa(binary);
  }

  // The folder's URL as the person typed it, and the operation's path with each part encoded.
  function urlOf(folder, path) {
    return folder + path.split('/').map(encodeURIComponent).join('/');
  }

  // fetch throws the same TypeError whether the server is not there or it answered without the
  // CORS headers that let this page read the answer. To tell them apart, ask again in 'no-cors'
  // mode: such a request needs no permission (no preflight, no Authorization header), and the
  // browser hands back an opaque response whenever any HTTP answer came. So: the browser says it
  // is offline -> Unreachable; the opaque request resolves -> the server is there and CORS kept
  // its answer from us -> Cors; it fails too -> nothing answered (down, wrong address, DNS,
  // refused connection, a certificate the browser rejects) -> Unreachable. A page served over
  // https asking an http:// server fails both ways (mixed content) and is reported Unreachable.
  // But first, a request that needs the same permission (a PROPFIND with a header, so preflighted,
  // without the password: it reads nothing and changes nothing): when its answer reaches us, CORS
  // lets this page in, and what failed was the connection itself (it broke off halfway).
  async function unreachableOrCors(url, error) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false)
      return failed(FAILURE.unreachable, 'the browser is offline');
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeouts.corsCheck);
    const why = (error && error.message) || String(error);
    try {
      await fetch(url, { method: 'PROPFIND', headers: { Depth: '0' }, cache: 'no-store', credentials: 'omit', signal: abort.signal });
      clearTimeout(timer);
      return failed(FAILURE.unreachable, `the connection to the server broke off (${why})`);
    } catch (e) { /* no readable answer: the server is not there, or CORS keeps it from us */ }
    try {
      await fetch(url, { method: 'GET', mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: abort.signal });
      return failed(FAILURE.cors, 'the server answered, but its CORS headers do not allow this page ' +
                                  `(${window.location.origin})`);
    } catch (e) {
      return failed(FAILURE.unreachable, `no answer from the server (${why})`);
    } finally {
      clearTimeout(timer);
    }
  }

  // One request: { status, body (Uint8Array, when asked for), date } or a failure.
  // `how`: { auth, timeout, headers, body, readBody }.
  async function request(url, method, how) {
    const timeout = how.timeout, readBody = !!how.readBody;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; abort.abort(); }, timeout);
    try {
      const response = await fetch(url, {
        method, body: how.body || null, cache: 'no-store', credentials: 'omit', redirect: 'manual', signal: abort.signal,
        headers: Object.assign({ Authorization: how.auth }, how.headers || {}),  // no object spread: emcc's acorn pass rejects it
      });
      // A redirect is not followed: its target is hidden from the page ('opaqueredirect'), it may be
      // an origin the page's Content-Security-Policy does not let it reach (then the browser would
      // report a mere network error), and a PUT or DELETE should go only where the person said.
      // Status 300 stands for "some redirect": the browser hides which one.
      if (response.type === 'opaqueredirect')
        return { failure: FAILURE.server, status: 300, detail: 'an HTTP redirect; the browser does not tell the page where to' };
      // The body is read inside the timeout too: a server may stall halfway through a download.
      const bytes = readBody ? new Uint8Array(await response.arrayBuffer()) : null;
      if (!readBody && response.body) response.body.cancel().catch(() => {});
      return { failure: FAILURE.none, status: response.status, body: bytes, date: response.headers.get('Date') || '' };
    } catch (e) {
      if (timedOut || (e && e.name === 'AbortError'))
        return failed(FAILURE.timeout, `no answer within ${Math.round(timeout / 1000)} s`);
      return unreachableOrCors(url, e);
    } finally {
      clearTimeout(timer);
    }
  }

  async function webdav(op) {
    const url = urlOf(op.folder, utf8.decode(op.path));
    const auth = basicAuth(op.user, op.password);
    const plain = { auth, timeout: timeouts.request };
    switch (op.kind) {
      case KIND.probe: {
        // OPTIONS says whether the server is there and lets this page in (CORS); it needs no
        // login on most servers and answers 200 for a missing folder, so a PROPFIND (Depth: 0)
        // on the folder follows: 401 for a wrong password, 404 for a missing folder.
        const options = await request(url, 'OPTIONS', plain);
        if (options.failure !== FAILURE.none || options.status === 401) return options;
        return request(url, 'PROPFIND', { auth, timeout: timeouts.request, body: PROPFIND_BODY,
                                          headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' } });
      }
      case KIND.list:
        return request(url, 'PROPFIND', { auth, timeout: timeouts.request, readBody: true, body: PROPFIND_BODY,
                                          headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' } });
      case KIND.get:
        return request(url, 'GET', { auth, readBody: true, timeout: timeouts.transfer });
      case KIND.put:
        return request(url, 'PUT', { auth, body: op.bytes, headers: { 'Content-Type': 'application/octet-stream' },
                                     timeout: timeouts.transfer });
      case KIND.remove:
        return request(url, 'DELETE', plain);
      case KIND.makeFolder:
        return request(url, 'MKCOL', plain);
      default:
        return failed(FAILURE.server, 'not a WebDAV operation');
    }
  }

  // --- Jobs --------------------------------------------------------------------------------------

  // `op`: { kind, folder (string), user, password, path, bytes, aad, passphrase (Uint8Array each),
  // iterations }. Returns the job's id; the job ends once, and wakes the app.
  function start(op) {
    const id = nextJob++;
    const job = { done: false };
    jobs.set(id, job);
    const work = op.kind >= KIND.createKey ? cryptography(op) : webdav(op);
    work.catch((e) => failed(op.kind >= KIND.createKey ? FAILURE.server : FAILURE.unreachable,
                             `sync stopped unexpectedly: ${e && e.message || e}`))
      .then((result) => {
        Object.assign(job, { bytes: null, date: '', body: null }, result, { done: true });
        if (!job.bytes && job.body) job.bytes = job.body;
        delete job.body;
        wake();
      });
    return id;
  }

  // The same job as a promise of its plain result, for tests and for the console.
  function perform(op) {
    const id = start(op);
    return new Promise((resolve) => {
      const poll = () => {
        const job = jobs.get(id);
        if (!job.done) { setTimeout(poll, 5); return; }
        jobs.delete(id);
        resolve({ failure: job.failure, status: job.status, detail: job.detail, bytes: job.bytes, date: job.date });
      };
      poll();
    });
  }

  return {
    KIND, FAILURE, timeouts,
    start,
    perform,
    done(id) { const job = jobs.get(id); return job ? (job.done ? 1 : 0) : -1; },
    failure(id) { return jobs.get(id).failure; },
    status(id) { return jobs.get(id).status; },
    detail(id) { return jobs.get(id).detail || ''; },
    date(id) { return jobs.get(id).date || ''; },
    size(id) { const job = jobs.get(id); return job.bytes ? job.bytes.length : 0; },
    take(id, ptr) {  // copies the bytes into wasm memory and forgets the job
      const job = jobs.get(id);
      if (job && job.bytes && job.bytes.length) HEAPU8.set(job.bytes, ptr);
      if (job && job.bytes) job.bytes.fill(0);
      jobs.delete(id);
    },
    // Keep the data key in IndexedDB (and keep it there as it changes), or delete any kept copy.
    // Returns a promise of the write, for tests; the key held for this visit stays either way.
    rememberKey(keep) {
      remember = !!keep;
      rememberChosen = true;
      return keyLoaded.then(storeKey);
    },
    // Sync turned off: the key leaves memory and IndexedDB; a new setup asks for the passphrase.
    // (Once rememberKey(false) is chosen, a kept key still loading is not taken up.)
    forgetKey() {
      dataKey = null;
      return this.rememberKey(false);
    },
    hasKey() { return keyLoaded.then(() => dataKey !== null); },
    keyLoaded,
  };
})();
