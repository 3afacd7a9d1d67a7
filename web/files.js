// The JavaScript half of src/platform/files.cpp: files the person chooses (a file picker) or
// drops on the page, read into memory (a mailbox or a calendar only its first 64 KB: the worker
// reads it in slices); imports run in a Web Worker (web/import_worker.js) so a
// big file shows progress and can be cancelled; backups encrypted and decrypted with WebCrypto
// (PBKDF2-SHA-256 and AES-256-GCM, the layout in src/io/crypto_format.hpp).
Module.tiesFiles = (function () {
  const MAX_BYTES = 256 * 1024 * 1024;  // io::kMaxImportBytes
  let chosen = [];      // [{ name, size, buffer }] once read
  let reading = 0;      // files still being read
  let problem = '';     // a message for the person (too big, unreadable)
  let generation = 0;   // counts choices, so C++ notices a new one
  let job = null;       // { worker, state: 'running'|'done'|'failed', share, payload, report }
  const cryptoJobs = new Map();  // id -> { state: 'running'|'done'|'failed', bytes, error }; one per job
  let nextCryptoJob = 1;
  const STATES = { running: 0, done: 1, failed: 2 };  // platform::JobState

  // A mailbox or a calendar, from its name or first bytes (as io::detect_history decides): it is
  // kept as a File and read in slices by the import worker, whatever its size.
  const HEAD_BYTES = 64 * 1024;
  function isHistory(name, head) {
    let text = new TextDecoder('latin1').decode(head.subarray(0, 67));
    if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
    const lower = text.toLowerCase();
    if (lower.startsWith('begin:vcalendar') || text.startsWith('From ')) return true;
    if (['return-path:', 'received:', 'delivered-to:', 'x-gm-thrid:', 'message-id:', 'mime-version:',
         'x-mozilla-status:'].some((field) => lower.startsWith(field))) return true;
    return /\.(mbox|mbx|eml|ics|ical|ifb)$/i.test(name);
  }

  function accept(files) {
    chosen = [];
    problem = '';
    const list = Array.from(files || []);
    if (list.length === 0) return;
    reading = list.length;
    const batch = ++generation;
    const unreadable = (file) => () => {
      if (batch !== generation) return;
      problem = `${file.name} could not be read (it may have been moved or deleted).`;
      reading -= 1;
      wake();
    };
    for (const file of list) {
      file.slice(0, HEAD_BYTES).arrayBuffer().then((head) => {
        if (batch !== generation) return;
        if (isHistory(file.name, new Uint8Array(head))) {
          chosen.push({ name: file.name, size: file.size, buffer: head, file });
          reading -= 1;
          wake();
          return;
        }
        if (file.size > MAX_BYTES) {
          problem = `${file.name} is ${(file.size / 1048576).toFixed(0)} MB: Ties imports files up to 256 MB.`;
          reading -= 1;
          wake();
          return;
        }
        file.arrayBuffer().then((buffer) => {
          if (batch !== generation) return;
          chosen.push({ name: file.name, size: file.size, buffer });
          reading -= 1;
          wake();
        }, unreadable(file));
      }, unreadable(file));
    }
  }

  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.style.display = 'none';
  input.addEventListener('change', () => { accept(input.files); input.value = ''; });
  document.body.appendChild(input);

  // Dropping files anywhere on the page; the browser must not open them instead.
  window.addEventListener('dragover', (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files')) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    accept(event.dataTransfer.files);
  });

  function bytesOf(buffer) { return new Uint8Array(buffer); }
  // Whatever finishes here (a file read, the worker's progress, a crypto job) wakes a sleeping app.
  function wake() { if (Module.tiesPlatform) Module.tiesPlatform.wake(); }

  function startCrypto(work, describe) {
    const id = nextCryptoJob++;
    const job = { state: 'running' };
    cryptoJobs.set(id, job);
    work().then((bytes) => Object.assign(job, { state: 'done', bytes }),
                (e) => Object.assign(job, { state: 'failed', error: describe(e) })).then(wake);
    return id;
  }

  async function deriveKey(passphrase, salt, iterations, usage) {
    const material = await self.crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    return self.crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
                                        material, { name: 'AES-GCM', length: 256 }, false, [usage]);
  }

  return {
    pick() { input.click(); },
    // 0: nothing new; otherwise the generation of a complete choice (all files read).
    ready() { return reading === 0 && (chosen.length > 0 || problem) ? generation : 0; },
    problem() { return problem; },
    count() { return chosen.length; },
    name(i) { return chosen[i].name; },
    size(i) { return chosen[i].size; },
    history(i) { return Boolean(chosen[i].file); },  // only its head is here: the worker reads it
    copy(i, ptr, max) {  // the first `max` bytes of file i (of its head, for history) into wasm memory; returns how many
      const bytes = bytesOf(chosen[i].buffer);
      const n = Math.min(max, bytes.length);
      HEAPU8.set(bytes.subarray(0, n), ptr);
      return n;
    },
    clear() { chosen = []; problem = ''; generation += 1; },

    // `me`: the person's own addresses, one per line, for mailboxes and calendars.
    startImport(now, me) {
      if (job && job.worker) job.worker.terminate();
      const worker = new Worker('import_worker.js');
      job = { worker, state: 'running', share: 0, payload: null, report: '' };
      const mine = job;
      worker.onmessage = (event) => {
        wake();
        const m = event.data;
        if (m.type === 'progress') mine.share = m.share;
        else if (m.type === 'done') { mine.state = 'done'; mine.payload = bytesOf(m.payload); mine.report = m.report; worker.terminate(); }
        else if (m.type === 'failed') { mine.state = 'failed'; mine.report = m.error; worker.terminate(); }
      };
      worker.onerror = (event) => { wake(); mine.state = 'failed'; mine.report = event.message || 'the import stopped unexpectedly'; };
      // A mailbox or a calendar goes as its File (the worker reads slices of it); others as bytes.
      const files = chosen.map((f) => (f.file ? { name: f.name, file: f.file } : { name: f.name, bytes: f.buffer.slice(0) }));
      const offset = -new Date(now).getTimezoneOffset();
      worker.postMessage({ files, now, me: me || '', offset }, files.filter((f) => f.bytes).map((f) => f.bytes));
    },
    importState() { return job ? STATES[job.state] : -1; },
    importShare() { return job ? job.share : 0; },
    importReport() { return job ? job.report : ''; },
    importPayloadSize() { return job && job.payload ? job.payload.length : 0; },
    importPayload(ptr) { HEAPU8.set(job.payload, ptr); },
    cancelImport() { if (job && job.worker) job.worker.terminate(); job = null; },
    endImport() { job = null; },

    // Encrypts `plain` (a whole backup file) with a fresh salt and IV; the result is the
    // EncryptedBackup payload (the C++ side wraps it in the envelope). Returns the job's id.
    encrypt(plain, passphrase, iterations) {
      return startCrypto(async () => {
        const salt = self.crypto.getRandomValues(new Uint8Array(16));
        const iv = self.crypto.getRandomValues(new Uint8Array(12));
        const key = await deriveKey(passphrase, salt, iterations, 'encrypt');
        const sealed = new Uint8Array(await self.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
        const out = new Uint8Array(4 + 16 + 12 + sealed.length);
        new DataView(out.buffer).setUint32(0, iterations, true);
        out.set(salt, 4); out.set(iv, 20); out.set(sealed, 32);
        return out;
      }, (e) => String(e && e.message || e));
    },
    decrypt(iterations, salt, iv, sealed, passphrase) {
      return startCrypto(async () => {
        const key = await deriveKey(passphrase, salt, iterations, 'decrypt');
        return new Uint8Array(await self.crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed));
      }, () => 'wrong passphrase, or the file was changed');
    },
    cryptoState(id) { const job = cryptoJobs.get(id); return job ? STATES[job.state] : -1; },
    cryptoError(id) { const job = cryptoJobs.get(id); return job ? job.error || '' : ''; },
    cryptoSize(id) { const job = cryptoJobs.get(id); return job && job.bytes ? job.bytes.length : 0; },
    cryptoTake(id, ptr) {  // copies the result into wasm memory and forgets the job
      const job = cryptoJobs.get(id);
      if (job && job.bytes) HEAPU8.set(job.bytes, ptr);
      cryptoJobs.delete(id);
    },
  };
})();
