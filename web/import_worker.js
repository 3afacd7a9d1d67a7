// Runs Ties' importers off the page's thread: the page posts the chosen files, this worker loads
// the import module (ties_import.js/.wasm, built from src/app/import_worker.cpp), writes the
// files into its memory file system, runs the import and posts back progress and the result.
// The page cancels an import by terminating the worker.
let started;
const ready = new Promise((resolve) => { started = resolve; });
self.Module = { noInitialRun: true, onRuntimeInitialized: () => started() };
importScripts('ties_import.js');

self.onmessage = async (event) => {
  try {
    await ready;
    const { files, now } = event.data;
    const FS = self.Module.FS;
    FS.mkdir('/in');
    FS.mkdir('/out');
    files.forEach((f, i) => FS.writeFile(`/in/${i}`, new Uint8Array(f.bytes)));
    FS.writeFile('/in/names', files.map((f) => f.name).join('\n'));
    self.Module._ties_import(files.length, now);
    const payload = FS.readFile('/out/payload.json');
    const report = FS.readFile('/out/report.txt', { encoding: 'utf8' });
    self.postMessage({ type: 'done', payload: payload.buffer, report }, [payload.buffer]);
  } catch (error) {
    self.postMessage({ type: 'failed', error: String(error && error.message || error) });
  }
};
