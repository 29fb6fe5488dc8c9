// The CLI as a user runs it: one-file cold start (a new Node process each time), peak memory on
// NDJSON files of different sizes (constant memory means streaming), and the largest official R5 examples.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize, type Timing } from './timing';

export interface ColdStart {
  command: string;
  runs: number;
  timing: Timing;
  /** `node -e 0` on the same machine: what Node itself costs. */
  nodeBaseline: Timing;
  exitCode: number | null;
}

export interface NdjsonRun {
  /** What each line is, e.g. "valid, no issue". */
  kind: string;
  lines: number;
  /** `--threads`: 1 (lines validated in the main thread), or undefined for the default (worker threads, one per core). */
  threads?: number;
  megabytes: number;
  seconds: number;
  peakRssMb: number;
  exitCode: number | null;
}

function wallTimes(args: string[], runs: number, cwd: string): { samples: number[]; status: number | null } {
  const samples: number[] = [];
  let status: number | null = null;
  spawnSync(process.execPath, args, { cwd, stdio: 'ignore' }); // page cache warm-up, not counted
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = run.status;
  }
  return { samples, status };
}

export function coldStart(projectDir: string, file: string, runs: number): ColdStart {
  const args = [path.join(projectDir, 'bin', 'imgref.js'), 'validate', file];
  const { samples, status } = wallTimes(args, runs, projectDir);
  return {
    command: `imgref validate ${path.basename(file)}`,
    runs,
    timing: summarize(samples),
    nodeBaseline: summarize(wallTimes(['-e', '0'], runs, projectDir).samples),
    exitCode: status,
  };
}

/** Writes `lines` copies of the resource (ids made unique) as NDJSON. */
export function writeNdjson(file: string, resource: Record<string, unknown>, lines: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      chunk += `${JSON.stringify({ ...resource, id: `r${i}` })}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/** One `imgref validate FILE --output report.txt` run: wall time, and peak RSS from a preload that reports it at exit. */
function validateOnce(projectDir: string, file: string, workDir: string, extraArgs: string[] = []): { seconds: number; peakRssMb: number; exitCode: number | null } {
  const probe = path.join(workDir, 'max-rss.cjs');
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', probe, path.join(projectDir, 'bin', 'imgref.js'), 'validate', ...extraArgs, '--output', path.join(workDir, 'report.txt'), file], {
    cwd: projectDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const kb = Number(/MAXRSS_KB (\d+)/.exec(run.stderr ?? '')?.[1] ?? NaN);
  return { seconds, peakRssMb: kb / 1024, exitCode: run.status };
}

/** Runs `imgref validate FILE.ndjson` and reports its time and peak memory. */
export function ndjsonMemory(projectDir: string, file: string, kind: string, lines: number, workDir: string, threads?: number): NdjsonRun {
  const args = threads === undefined ? [] : ['--threads', String(threads)];
  return { kind, lines, threads, megabytes: fs.statSync(file).size / 1e6, ...validateOnce(projectDir, file, workDir, args) };
}

export interface LargeFileRun {
  name: string;
  megabytes: number;
  seconds: number;
  peakRssMb: number;
  /** Peak RSS of validating a one-resource file: what the process costs whatever the input. */
  baselineRssMb: number;
  exitCode: number | null;
}

/** One large JSON file through the CLI, the fastest of `runs` (each a new process, as a user runs it). */
export function largeFile(projectDir: string, file: string, small: string, workDir: string, runs = 2): LargeFileRun {
  const baseline = validateOnce(projectDir, small, workDir);
  let best = validateOnce(projectDir, file, workDir);
  for (let i = 1; i < runs; i++) {
    const again = validateOnce(projectDir, file, workDir);
    if (again.seconds < best.seconds) best = again;
  }
  return { name: path.basename(file), megabytes: fs.statSync(file).size / 1e6, ...best, baselineRssMb: baseline.peakRssMb };
}
