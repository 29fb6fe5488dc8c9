// Re-runs the inputs a fuzz run flagged as slow or hung, one at a time, in a worker of its own after a
// warm-up: the main thread times each with a watchdog, so an input that really hangs is ended.
import { parentPort } from 'node:worker_threads';
import { budgetMs, runCase, warmUp } from './runner';
import type { FuzzCase } from './targets';

export type ConfirmRequest = { fuzzCase: FuzzCase };
export type ConfirmMessage = { type: 'ready' } | { type: 'timed'; ms: number };

async function main(): Promise<void> {
  const port = parentPort!;
  await warmUp();
  port.on('message', async ({ fuzzCase }: ConfirmRequest) => {
    // Up to three runs, the fastest counts, as when the run judged it.
    let ms = Infinity;
    for (let i = 0; i < 3 && ms > budgetMs(fuzzCase.bytes.length); i++) ms = Math.min(ms, (await runCase(fuzzCase)).ms);
    port.postMessage({ type: 'timed', ms } satisfies ConfirmMessage);
  });
  port.postMessage({ type: 'ready' } satisfies ConfirmMessage);
}

void main();
