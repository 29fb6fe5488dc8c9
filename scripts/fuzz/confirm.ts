// A timing finding (slow, hang) counts only when it reproduces: a machine loaded by other work (or
// the other worker's garbage collection) can stall an input that runs in milliseconds. After the
// run, each is run again alone in a fresh worker, behind the same kill limit.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { budgetMs, type Finding } from './runner';
import type { ConfirmMessage } from './confirm-worker';

export interface Confirmation {
  finding: Finding;
  /** The fastest time of the re-run, or undefined when it was ended at the kill limit. */
  ms?: number;
  /** What the budget was counted on: the input, and for convert the output too. */
  budgetBytes: number;
  reproduced: boolean;
}

const isTiming = (f: Finding) => f.kind === 'slow' || f.kind === 'hang';

export async function confirmTimingFindings(findings: Finding[], killLimitMs: (bytes: number) => number, heapMb: number): Promise<Confirmation[]> {
  const out: Confirmation[] = [];
  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let pending: ((m: ConfirmMessage) => void) | undefined;
  const start = () => {
    worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'confirm-worker.ts'))});`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    ready = new Promise((resolve) => (pending = () => resolve()));
    worker.on('message', (m: ConfirmMessage) => pending?.(m));
  };
  for (const finding of findings.filter(isTiming)) {
    if (!worker) start();
    await ready;
    const bytes = finding.case.bytes.length;
    let budgetBytes = bytes;
    const ms = await new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), killLimitMs(bytes) * 3);
      pending = (m) => {
        if (m.type !== 'timed') return;
        clearTimeout(timer);
        budgetBytes = m.bytes;
        resolve(m.ms);
      };
      worker!.postMessage({ fuzzCase: finding.case });
    });
    if (ms === undefined) {
      await worker!.terminate();
      worker = undefined;
    }
    out.push({ finding, ms, budgetBytes, reproduced: ms === undefined || ms > budgetMs(budgetBytes) });
  }
  await worker?.terminate();
  return out;
}
