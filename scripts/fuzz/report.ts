// The fuzz run's summary: per target, inputs, what was found, the slowest input, and whether the
// heap stayed flat.
import type { TargetStats } from './runner';
import { TARGET_NAMES, type TargetName } from './targets';

export interface MemorySample {
  at: number;
  heapUsed: number;
  rss: number;
}

export interface MemoryVerdict {
  flat: boolean;
  /** Median heap of the first and last third of the samples, in MB. */
  earlyMb: number;
  lateMb: number;
  peakRssMb: number;
}

const MB = 1024 * 1024;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Flat: the heap of the last third of the run is not more than half again (plus 64 MB of slack
 * for caches filled by late first uses) above that of the first third. Too few samples: flat.
 */
export function memoryVerdict(samples: MemorySample[]): MemoryVerdict {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  const third = Math.floor(sorted.length / 3);
  const earlyMb = median(sorted.slice(0, Math.max(third, 1)).map((s) => s.heapUsed)) / MB;
  const lateMb = median(sorted.slice(sorted.length - Math.max(third, 1)).map((s) => s.heapUsed)) / MB;
  const peakRssMb = Math.max(0, ...sorted.map((s) => s.rss)) / MB;
  return { flat: sorted.length < 6 || lateMb <= earlyMb * 1.5 + 64, earlyMb, lateMb, peakRssMb };
}

export function formatReport(stats: Record<TargetName, TargetStats>, seconds: number, memory: MemoryVerdict, saved: number): string {
  const rows = TARGET_NAMES.map((t) => {
    const s = stats[t];
    const f = s.findings;
    const count = (k: keyof TargetStats['findings']) => f[k] ?? 0;
    return `| ${t} | ${s.inputs} | ${(s.bytes / MB).toFixed(1)} | ${count('escaped')} | ${count('internal')} | ${count('leak')} | ${count('unclear-refusal')} | ${count('malformed-passes')} | ${count('slow') + count('hang')} | ${count('oom')} | ${s.inputs ? (s.ms / s.inputs).toFixed(2) : '-'} | ${s.worstMsPerMb.toFixed(0)} |`;
  });
  const total = TARGET_NAMES.reduce((n, t) => n + stats[t].inputs, 0);
  return [
    '',
    '| target | inputs | MB | escaped exceptions | internal errors | leaked output | unclear refusals | malformed passes | over 1 s/MB | out of memory | ms/input | worst ms/MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${total} inputs in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)}/s); heap ${memory.earlyMb.toFixed(0)} MB early, ${memory.lateMb.toFixed(0)} MB late: ${memory.flat ? 'flat' : 'GROWING'}; peak RSS ${memory.peakRssMb.toFixed(0)} MB`,
    saved ? `${saved} distinct finding(s) saved` : 'no findings',
  ].join('\n');
}
