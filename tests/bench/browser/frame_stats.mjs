// What the browser benchmarks share: opening the app on N generated people, the key of a size in
// a row ("p10k") and the summary of a list of frame times (count, median, 95th percentile, maximum).
export const sizeKey = (n) => (n >= 1000 ? `p${n / 1000}k` : `p${n}`);

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

// Opens the app with ?test&sample=N and waits for its third frame. An app with nothing to do
// sleeps: it is woken while waiting, as waitReady does (else this waited for the once-a-minute
// redraw and start-up read about 60 s).
export async function openSample(page, url, size) {
  await page.goto(`${url}?test&sample=${size}`);
  await page.waitForFunction(() => {
    if (window.__ties && window.__ties.frame > 2) return true;
    if (window.Module && Module.tiesPlatform) Module.tiesPlatform.wake();
    return false;
  }, null, { timeout: 300000 });
}
