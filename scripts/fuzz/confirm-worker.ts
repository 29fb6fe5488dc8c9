// Re-runs the inputs a fuzz run flagged as slow or hung, one at a time, in a worker of its own after a
// warm-up: the main thread times each with a watchdog, so an input that really hangs is ended.
import { parentPort } from 'node:worker_threads';
import { budgetMs, runCase, warmUp } from './runner';
import type { FuzzCase } from './targets';

export type ConfirmRequest = { fuzzCase: FuzzCase };
export type ConfirmMessage = { type: 'ready' } | { type: 'timed'; ms: number; bytes: number };

async function main(): Promise<void> {
  const port = parentPort!;
  await warmUp();
  port.on('message', async ({ fuzzCase }: ConfirmRequest) => {
    // Up to three runs, the fastest counts, as when the run judged it.
    let ms = Infinity;
    let bytes = fuzzCase.bytes.length;
    for (let i = 0; i < 3 && ms > budgetMs(bytes); i++) {
      const run = await runCase(fuzzCase);
      ms = Math.min(ms, run.ms);
      bytes = run.bytes;
    }
    port.postMessage({ type: 'timed', ms, bytes } satisfies ConfirmMessage);
  });
  port.postMessage({ type: 'ready' } satisfies ConfirmMessage);
}

void main();
