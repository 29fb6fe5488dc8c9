// Per-call timing with warm-up: each call timed alone, reported as median and 95th percentile.

export interface Timing {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) throw new Error('no samples');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    iterations: sorted.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    meanMs: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    minMs: sorted[0],
  };
}

/** Runs `fn` `warmup` times untimed (JIT, caches), then `iterations` times timed. */
export async function measure(fn: () => unknown, warmup: number, iterations: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(samples);
}
