// A fuzz worker: a child process that runs the inputs given to it and reports to the main process.
// A child process, not a worker thread: V8 ends the whole process when a heap runs out inside native
// code (JSON.stringify of a huge value), and the input that did it must still be saved and replayable.
// The main process learns which input is running from the `start` messages and ends a worker whose
// input runs far over its budget.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
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
}

export type WorkerMessage =
  /** Input `index` starts now (`at`: Date.now()); `index: -1` once it has ended. */
  | { type: 'start'; index: number; at: number }
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

const send = (m: WorkerMessage) => process.send!(m);

/** The harness's own test: the worker aborts on this input, as V8 does when a heap runs out. */
const ABORT_AT = process.env.FUZZ_SELF_TEST_ABORT_AT === undefined ? undefined : Number(process.env.FUZZ_SELF_TEST_ABORT_AT);

async function main(input: WorkerInput): Promise<void> {
  setMaxInputChars(input.maxBytes);
  await warmUp();
  const stats = emptyStats();
  let lastReport = Date.now();
  let lastMemory = Date.now();
  let index = input.start;
  for (; index < input.end && Date.now() < input.deadline; index += input.stride) {
    send({ type: 'start', index, at: Date.now() });
    if (index === ABORT_AT) process.abort();
    let found: Awaited<ReturnType<typeof judge>> = [];
    try {
      found = await judge(input.runSeed, index, input.weights, stats);
    } catch (e) {
      send({ type: 'harness-error', index, message: `${(e as Error)?.stack ?? 'unknown'}`.slice(0, 1000) });
    }
    for (const finding of found) send({ type: 'finding', finding });
    if (Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      send({ type: 'stats', stats, next: index + input.stride });
    }
    if (Date.now() - lastMemory > MEMORY_EVERY_MS) {
      gc();
      lastMemory = Date.now();
      send({ type: 'memory', at: Date.now(), heapUsed: v8.getHeapStatistics().used_heap_size, rss: process.memoryUsage.rss() });
    }
  }
  send({ type: 'done', stats, next: index });
}

process.once('message', (input: WorkerInput) => void main(input));
