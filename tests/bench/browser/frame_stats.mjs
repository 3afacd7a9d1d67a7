// What the browser benchmarks share: the key of a size in a row ("p10k") and the summary of a
// list of frame times (count, median, 95th percentile, maximum).
export const sizeKey = (n) => (n >= 1000 ? `p${n / 1000}k` : `p${n}`);

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
