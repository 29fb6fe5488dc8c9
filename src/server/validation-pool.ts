import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import type { InputResult, NdjsonText } from '../validator/input/input-files';
import type { ValidationIssue } from '../validator/outcome/issue';
import { ValidatorSetupError } from '../validator/validator';
import type { ValidateAnswer, ValidateRequest } from './validate-request';

/** What every worker thread builds its validator from. */
export interface WorkerSetup {
  igPaths?: string[];
  profiles?: string[];
}

export type FileResult = InputResult;

export interface PoolOptions extends WorkerSetup {
  /** Worker threads; default one per core. */
  threads?: number;
  /** Tasks waiting for a thread beyond which `run` refuses new ones (PoolBusyError); default unbounded. */
  maxQueue?: number;
}

/** Every thread is busy and the queue is full: the caller should try again later (HTTP 503). */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
}

/** The task took longer than its time limit; its thread was stopped and replaced (HTTP 503/504). */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

/** The cores this process may use (os.availableParallelism honours CPU affinity). */
export function coreCount(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * The worker module: compiled JavaScript beside this file, or, when the kit runs from its
 * TypeScript sources (tests, `tsx`), the .ts file loaded through tsx in each thread.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const js = path.join(__dirname, 'worker.js');
  if (fs.existsSync(js)) return { filename: js, execArgv: [] };
  return { filename: path.join(__dirname, 'worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/**
 * A pool of validation threads, each with its own validator, so that a slow resource holds one
 * thread and the others go on answering. A task past its time limit is aborted: piscina stops
 * its thread and starts a fresh one.
 */
export class ValidationPool {
  private readonly piscina: Piscina;
  readonly threads: number;

  constructor(options: PoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? coreCount());
    const entry = workerEntry();
    this.piscina = new Piscina({
      filename: entry.filename,
      execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), ...entry.execArgv],
      minThreads: this.threads,
      maxThreads: this.threads,
      // Threads live as long as the pool: each holds its compiled models.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      maxQueue: options.maxQueue ?? Infinity,
      workerData: { igPaths: options.igPaths, profiles: options.profiles } satisfies WorkerSetup,
    });
  }

  /** Starts every thread and waits until each has built its validator. */
  async ready(): Promise<void> {
    // Each thread builds its validator when it loads, before it takes a task: a ping per thread
    // surfaces a setup failure (bad --ig) at start and warms the threads piscina hands them to.
    const answers = (await Promise.all(Array.from({ length: this.threads }, () => this.run({ kind: 'ping' })))) as { setupError?: string }[];
    const failed = answers.find((a) => a.setupError);
    if (failed) throw new ValidatorSetupError(failed.setupError!);
  }

  validateRequest(request: ValidateRequest, timeoutMs?: number): Promise<ValidateAnswer> {
    return this.run({ kind: 'request', request }, timeoutMs) as Promise<ValidateAnswer>;
  }

  validateFile(file: string, profiles: string[], timeoutMs?: number): Promise<FileResult> {
    return this.run({ kind: 'file', file, profiles }, timeoutMs) as Promise<FileResult>;
  }

  /** Lines of an NDJSON file, each validated as a resource: their issues, uncut, one list per line. */
  validateLines(lines: NdjsonText[], profiles: string[]): Promise<ValidationIssue[][]> {
    return this.run({ kind: 'lines', lines, profiles }) as Promise<ValidationIssue[][]>;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.piscina.queueSize;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }

  private async run(task: unknown, timeoutMs?: number): Promise<unknown> {
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    try {
      return await this.piscina.run(task, { signal });
    } catch (e) {
      if (signal?.aborted) throw new TaskTimeoutError(`validation took longer than ${timeoutMs} ms and was stopped`);
      // Piscina's words for a full queue, and for no queue at all (maxQueue 0) with every thread busy.
      if (/queue is at limit|no task queue available/i.test(String((e as Error)?.message))) throw new PoolBusyError('every validation thread is busy and the queue is full');
      throw e;
    }
  }
}
