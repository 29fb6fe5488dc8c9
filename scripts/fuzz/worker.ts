// A fuzz worker: runs the inputs given to it and reports to the main thread. The main thread
// watches the shared progress words and ends a worker whose input runs far over its budget.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { setMaxInputChars } from './json-mutator';
import { emptyStats, judge, warmUp, type Weights } from './runner';

export interface WorkerInput {
  runSeed: number;
  /** Indices start, start + stride, ... below end. */
  start: number;
  stride: number;
  end: number;
  /** Date.now() after which no new input is started. */
  deadline: number;
  weights: Weights;
  /** The size cap of generated JSON inputs (`--max-bytes`). */
  maxBytes: number;
  /** Float64 words: [0] the index being run, [1] when it started (0: between inputs). */
  progress: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'stats'; stats: ReturnType<typeof emptyStats>; next: number }
  | { type: 'finding'; finding: import('./runner').Finding }
  | { type: 'memory'; at: number; heapUsed: number; rss: number }
  | { type: 'done'; stats: ReturnType<typeof emptyStats>; next: number }
  /** A fault of the harness itself (not of what it fuzzes): reported, and the run goes on. */
  | { type: 'harness-error'; index: number; message: string };

/** A full GC before each memory sample, so that the samples show what is kept, not garbage not yet collected. */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MEMORY_EVERY_MS = 5000;

async function main(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  setMaxInputChars(input.maxBytes);
  await warmUp();
  const progress = new Float64Array(input.progress);
  const stats = emptyStats();
  let lastReport = Date.now();
  let lastMemory = Date.now();
  let index = input.start;
  for (; index < input.end && Date.now() < input.deadline; index += input.stride) {
    progress[0] = index;
    progress[1] = Date.now();
    let found: Awaited<ReturnType<typeof judge>> = [];
    try {
      found = await judge(input.runSeed, index, input.weights, stats);
    } catch (e) {
      port.postMessage({ type: 'harness-error', index, message: `${(e as Error)?.stack ?? 'unknown'}`.slice(0, 1000) } satisfies WorkerMessage);
    }
    progress[1] = 0;
    for (const finding of found) port.postMessage({ type: 'finding', finding } satisfies WorkerMessage);
    if (Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      port.postMessage({ type: 'stats', stats, next: index + input.stride } satisfies WorkerMessage);
    }
    if (Date.now() - lastMemory > MEMORY_EVERY_MS) {
      gc();
      lastMemory = Date.now();
      port.postMessage({ type: 'memory', at: Date.now(), heapUsed: v8.getHeapStatistics().used_heap_size, rss: process.memoryUsage.rss() } satisfies WorkerMessage);
    }
  }
  port.postMessage({ type: 'done', stats, next: index } satisfies WorkerMessage);
}

void main(workerData as WorkerInput);
