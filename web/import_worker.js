// Runs Ties' importers off the page's thread: the page posts the chosen files, this worker loads
// the import module (ties_import.js/.wasm, built from src/app/import_worker.cpp), writes the
// files into its memory file system (mailboxes and calendars stay Files, read in slices), runs
// the import and posts back progress and the result.
// The page cancels an import by terminating the worker.
let started;
const ready = new Promise((resolve) => { started = resolve; });
self.Module = { noInitialRun: true, onRuntimeInitialized: () => started() };
importScripts('ties_import.js');

self.onmessage = async (event) => {
  try {
    await ready;
    const { files, now, me, offset } = event.data;
    const FS = self.Module.FS;
    FS.mkdir('/in');
    FS.mkdir('/out');
    FS.writeFile('/in/names', files.map((f) => f.name).join('\n'));
    if (files.some((f) => f.file)) {
      // Mailboxes and calendars: read in slices (FileReaderSync) by tiesReadSlice, never whole.
      self.tiesHistory = files.map((f) => f.file || new Blob([f.bytes]));
      FS.writeFile('/in/me', me || '');
      self.Module._ties_import_history(files.length, now, offset || 0);
    } else {
      files.forEach((f, i) => FS.writeFile(`/in/${i}`, new Uint8Array(f.bytes)));
      self.Module._ties_import(files.length, now);
    }
    const payload = FS.readFile('/out/payload.json');
    const report = FS.readFile('/out/report.txt', { encoding: 'utf8' });
    self.postMessage({ type: 'done', payload: payload.buffer, report }, [payload.buffer]);
  } catch (error) {
    self.postMessage({ type: 'failed', error: String(error && error.message || error) });
  }
};
