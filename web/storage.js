// Browser half of Ties' storage (see src/platform/storage.hpp), included with --pre-js.
//
// - Before main runs, /data is mounted on IDBFS and filled from IndexedDB (a run dependency holds
//   main back), and this tab learns whether it is the writer: a Web Lock ("ties-writer") admits one
//   writing tab per browser profile; other tabs are read-only and refresh when the writer saves.
// - The C++ storage engine writes new files under /data; each write bumps `written` and asks for a
//   sync. Syncs to IndexedDB run one at a time, debounced, with a timeout, and also right away when
//   the page is hidden or closed. `committed` is the highest write that a finished sync covered.
// - Without IndexedDB (some private modes), or if loading fails, /data is plain memory and nothing
//   is ever synced, so a failed load can never overwrite good data in IndexedDB.
// - The browser closes the database when the person clears the site's data (in its settings or in
//   another tab): this tab then writes nothing more and says so. Everything is still in /data, and
//   it goes back into the emptied storage only when the person asks (restore()), so a wish to wipe
//   Ties is not silently undone and an accident does not go unnoticed.
// - A transaction the browser aborts (a full disk is reported that way, at commit) ends the sync at
//   once with the browser's reason; Emscripten's IDBFS would otherwise wait for the timeout.
Module.tiesStorage = (function () {
  'use strict';
  const MOUNT = '/data';
  const LOAD_TIMEOUT_MS = 20000;
  const SYNC_TIMEOUT_MS = 15000;
  // A sync of one edit takes ~2 ms (tests/bench/browser): sync on the next tick, which still
  // batches the writes of one frame, rather than widen the window in which a closed tab loses it.
  const SYNC_DELAY_MS = 0;
  const RETRY_DELAYS_MS = [2000, 10000, 30000];

  // Any change of state wakes the app if it sleeps while idle (see sleep() in web/platform.js).
  const state = new Proxy({
    mode: 'starting',     // 'writer' | 'reader' | 'memory'
    reason: '',           // why memory/reader, for people
    written: 0,           // bumped by C++ after each file write or delete
    committed: 0,         // highest `written` value a finished sync covered
    syncing: false,
    error: '',            // last sync error, '' when the last sync succeeded
    persisted: 'unknown', // 'granted' | 'denied' | 'unsupported' | 'unknown'
    reloadNeeded: false,  // the data in /data changed under the app (reader refresh, takeover)
    dirty: false,         // C++ has edits not yet written, or written but not committed
    cleared: false,       // the site's storage was emptied behind the app's back: nothing is written
  }, {
    set(target, key, value) {
      if (target[key] !== value) {
        target[key] = value;
        if (Module.tiesPlatform) Module.tiesPlatform.wake();
      }
      return true;
    },
  });
  let syncTimer = null;
  let retries = 0;
  let raced = 0;          // passes in a row that met a file removed while they ran
  const MAX_RACED = 5;    // then it is said, as any other failure
  let persistAsked = false;
  let releaseLock = null;
  let takingOver = false;  // a takeover asked and waiting for the lock
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ties') : null;

  function indexedDBUsable() {
    try {
      return typeof indexedDB !== 'undefined' && indexedDB !== null && typeof indexedDB.open === 'function';
    } catch (e) {
      return false;
    }
  }

  function pull(done) {  // IndexedDB -> /data, with a timeout
    let finished = false;
    const timer = setTimeout(() => { if (!finished) { finished = true; done(new Error('timed out')); } },
                             LOAD_TIMEOUT_MS);
    FS.syncfs(true, (err) => {
      watch();
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(err);
    });
  }

  // Listens to the database connection IDBFS keeps open (once per connection).
  const watched = new WeakSet();
  function watch() {
    const db = IDBFS.dbs[MOUNT];
    if (!db || watched.has(db)) return;
    watched.add(db);
    // Requests' error events and transactions' abort events bubble up to their connection, with
    // the browser's reason. (IDBFS hands its callback `this.error`, which is window.error: nothing,
    // unless the page had an element with id "error", as shell.html once had; that element then
    // arrived here as the error, and a full disk was said as "unknown error".)
    db.addEventListener('error', (event) => {
      const error = event.target && event.target.error;
      if (finishSync && error && error.name !== 'AbortError') finishSync(error);
    });
    db.addEventListener('abort', (event) => {
      const error = event.target && event.target.error;
      if (finishSync) finishSync(error || new Error('the browser aborted the write'));
    });
    // Closed by the browser: the site's data was cleared.
    db.addEventListener('close', () => emptied(db));
    // Someone deletes the database (another tab, the developer tools): let it go, and say so.
    db.addEventListener('versionchange', (event) => {
      db.close();
      if (IDBFS.dbs[MOUNT] === db) delete IDBFS.dbs[MOUNT];
      if (event.newVersion === null) emptied(db);
    });
  }

  function emptied(db) {
    if (IDBFS.dbs[MOUNT] === db) delete IDBFS.dbs[MOUNT];  // a closed connection cannot be used again
    if (state.mode === 'memory' || state.cleared) return;
    if (syncTimer !== null) { clearTimeout(syncTimer); syncTimer = null; }
    state.cleared = true;
    state.error = 'this browser\'s storage for Ties was emptied outside the app (site data cleared in ' +
                  'the browser\'s settings or in another tab)';
    if (finishSync) finishSync(null);
  }

  // Holds the writer lock until released (takeover) or the tab closes.
  function holdLock(lock) {
    return new Promise((resolve) => { releaseLock = () => { releaseLock = null; resolve(); }; });
  }

  function decideWriter(done) {
    if (!navigator.locks) {  // no coordination possible: behave as the only tab
      done(true);
      return;
    }
    navigator.locks.request('ties-writer', { ifAvailable: true }, (lock) => {
      if (!lock) { done(false); return undefined; }
      done(true);
      return holdLock(lock);
    }).catch(() => done(true));
  }

  function mount() {
    FS.mkdir(MOUNT);
    if (!indexedDBUsable()) {
      state.mode = 'memory';
      state.reason = 'This browser does not let Ties use IndexedDB (a private window, or storage turned off).';
      return;
    }
    FS.mount(IDBFS, {}, MOUNT);
    addRunDependency('ties-storage');
    let pending = 2;
    let writer = false;
    let loadError = null;
    const finish = () => {
      if (--pending > 0) return;
      if (loadError) {
        // Unmount so nothing written from now on can reach IndexedDB and replace good data.
        try { FS.unmount(MOUNT); } catch (e) { /* already gone */ }
        state.mode = 'memory';
        state.reason = 'Ties could not read its data from this browser\'s storage (' + loadError +
                       '). Your saved data was not touched; reload to try again.';
      } else {
        state.mode = writer ? 'writer' : 'reader';
        if (!writer) state.reason = 'Ties is open in another tab. This tab is read-only.';
      }
      removeRunDependency('ties-storage');
    };
    decideWriter((isWriter) => { writer = isWriter; finish(); });
    pull((err) => { if (err) loadError = err.message || String(err); finish(); });
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then((p) => { if (p) state.persisted = 'granted'; }).catch(() => {});
    } else {
      state.persisted = 'unsupported';
    }
  }

  function schedule(delay) {
    if (state.mode !== 'writer') return;
    if (syncTimer !== null) clearTimeout(syncTimer);
    syncTimer = setTimeout(() => { syncTimer = null; sync(); }, delay);
  }

  let finishSync = null;  // ends the sync under way: from its callback, its timeout, or an abort
  function sync() {
    if (state.mode !== 'writer' || state.cleared || state.committed >= state.written) return;
    if (state.syncing) return;  // the finishing sync re-checks and runs again
    state.syncing = true;
    watch();
    const covering = state.written;
    const finish = (err) => {
      if (finishSync !== finish) return;
      finishSync = null;
      clearTimeout(timer);
      state.syncing = false;
      if (state.cleared) return;  // said already; nothing is written until the person chooses
      if (err && vanished(err) && raced < MAX_RACED) {
        // syncfs lists the folder, then copies each changed file a moment later; a file the app
        // removed or renamed in between (a compaction, sync's state file) is no failure of the
        // storage: a fresh pass sees the folder as it is now.
        raced++;
        schedule(0);
        return;
      }
      if (err) {
        fail(err === TIMED_OUT ? 'saving to browser storage timed out (is the disk full?)' : describe(err));
        return;
      }
      raced = 0;
      state.committed = Math.max(state.committed, covering);
      state.error = '';
      retries = 0;
      if (channel) channel.postMessage({ type: 'saved' });
      if (state.committed < state.written) schedule(0);
    };
    finishSync = finish;
    const timer = setTimeout(() => finish(TIMED_OUT), SYNC_TIMEOUT_MS);
    FS.syncfs(false, (err) => { watch(); finish(err); });
  }
  const TIMED_OUT = new Error('timed out');

  // Emscripten's FS error for a path that no longer exists (ENOENT is 44 in its errno table).
  function vanished(err) {
    return !!err && err.errno === 44;
  }

  function describe(err) {
    const name = (err && (err.name || (err.target && err.target.error && err.target.error.name))) || '';
    if (/Quota/i.test(name) || /quota/i.test(String(err && err.message))) {
      return 'the browser\'s storage for this site is full';
    }
    return 'browser storage refused the write (' + (name || (err && err.message) || 'unknown error') + ')';
  }

  function fail(message) {
    state.error = message;
    const delay = RETRY_DELAYS_MS[Math.min(retries, RETRY_DELAYS_MS.length - 1)];
    retries++;
    schedule(delay);
  }

  function requestPersistence() {
    if (persistAsked) return;
    persistAsked = true;
    if (!navigator.storage || !navigator.storage.persist) { state.persisted = 'unsupported'; return; }
    navigator.storage.persist().then((granted) => { state.persisted = granted ? 'granted' : 'denied'; })
      .catch(() => { state.persisted = 'denied'; });
  }

  // Asks the app to write any edits it holds in memory (background tabs get no animation frames,
  // so this cannot wait for the app's next frame).
  function flush() {
    if (state.mode === 'writer' && typeof Module._ties_flush === 'function') Module._ties_flush();
  }

  // The writer hands over to a tab that asked: write, sync, then let go of the lock.
  function handOver() {
    if (state.mode !== 'writer') return;
    flush();
    if (state.dirty) { setTimeout(handOver, 500); return; }  // a write is failing: keep trying
    if (state.committed < state.written || state.syncing) { sync(); setTimeout(handOver, 100); return; }
    state.mode = 'reader';
    state.reason = 'Ties is now in use in another tab. This tab is read-only.';
    state.reloadNeeded = true;
    if (releaseLock) releaseLock();
  }

  // Flush now when the page may be going away; warn before closing with unsaved edits.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') { flush(); sync(); }
  });
  window.addEventListener('pagehide', () => { flush(); sync(); });
  window.addEventListener('beforeunload', (event) => {
    const openingMail = Module.tiesPlatform && performance.now() - Module.tiesPlatform.mailOpenedAt < 1000;
    if (openingMail) { sync(); return; }  // a mail draft opening (platform.js openUrl), not the page closing
    if (state.mode === 'writer' && (state.dirty || state.committed < state.written || state.cleared)) {
      sync();
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // A reader re-reads the writer's saves, but only while someone can see it and at most every
  // few seconds: re-reading a large store costs seconds of work.
  const REFRESH_INTERVAL_MS = 3000;
  let stale = false;
  let refreshing = false;
  let lastRefresh = 0;
  function refresh() {
    // An emptied storage would empty the tab: it keeps what it shows until the writer restores.
    if (state.mode !== 'reader' || state.cleared || !stale || refreshing || document.visibilityState !== 'visible') return;
    const wait = lastRefresh + REFRESH_INTERVAL_MS - Date.now();
    if (wait > 0) { setTimeout(refresh, wait); return; }
    stale = false;
    refreshing = true;
    lastRefresh = Date.now();
    pull((err) => {
      refreshing = false;
      if (!err) state.reloadNeeded = true;
      refresh();  // saves that arrived meanwhile
    });
  }
  document.addEventListener('visibilitychange', refresh);

  if (channel) {
    channel.onmessage = (event) => {
      const type = event.data && event.data.type;
      if (type === 'saved' && state.mode === 'reader') {
        if (state.cleared) { state.cleared = false; state.error = ''; }  // the writer put it back
        stale = true;
        refresh();
      } else if (type === 'takeover') {
        handOver();
      }
    };
  }

  Module.preRun = Module.preRun || [];
  Module.preRun.push(mount);

  return {
    state,
    written() { state.written++; requestPersistence(); schedule(SYNC_DELAY_MS); },
    setDirty(dirty) { state.dirty = !!dirty; },
    // The person chose to keep the data in this browser again, after the storage was emptied:
    // every file goes back (IDBFS copies what the emptied database lacks), through a new connection.
    restore() {
      if (!state.cleared) return;
      if (IDBFS.dbs[MOUNT]) delete IDBFS.dbs[MOUNT];
      state.cleared = false;
      state.error = '';
      retries = 0;
      if (state.mode !== 'writer') return;
      state.written++;
      schedule(0);
    },
    // A reader asks to become the writer: the writer saves and lets go, then this tab reloads
    // the data from IndexedDB and continues as the writer.
    takeOver() {
      // One request at a time: a second one queued behind the first would take the lock again
      // whenever this tab lets go later (a reload, another takeover), unasked.
      if (state.mode !== 'reader' || !navigator.locks || takingOver) return;
      takingOver = true;
      state.reason = 'Waiting for the other tab to save and let go…';
      navigator.locks.request('ties-writer', (lock) => {
        takingOver = false;
        pull((err) => {
          if (err) {
            state.reason = 'Could not read the other tab\'s data (' + err.message + ').';
            if (releaseLock) releaseLock();
            return;
          }
          state.mode = 'writer';
          state.reason = '';
          state.reloadNeeded = true;
        });
        return holdLock(lock);
      });
      if (channel) channel.postMessage({ type: 'takeover' });
    },
  };
})();
