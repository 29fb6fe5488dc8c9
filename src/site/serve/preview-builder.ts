import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PreviewRequest, PreviewStatus } from './preview-status';

/**
 * The main thread's side of the rebuild worker: one worker for the whole session, so that SUSHI's
 * dependencies stay loaded; rebuild() resolves with the worker's report and never blocks the server.
 */
export class PreviewBuilder {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, (status: PreviewStatus) => void>();

  /** @param date the first build's date: the preview's pages keep it, so that only what an edit changed changes */
  constructor(projectDir: string, outDir: string, date?: Date) {
    const compiled = path.join(__dirname, 'rebuild-worker.js');
    // From dist/ the worker is JavaScript; from the sources (tests under tsx) it needs tsx's loader.
    const [file, execArgv] = fs.existsSync(compiled) ? [compiled, []] : [path.join(__dirname, 'rebuild-worker.ts'), ['--require', 'tsx/cjs']];
    this.worker = new Worker(file, { workerData: { projectDir, outDir, date: date?.toISOString() }, execArgv });
    this.worker.on('message', (status: PreviewStatus) => {
      this.waiting.get(status.id)?.(status);
      this.waiting.delete(status.id);
    });
    this.worker.on('error', (e) => {
      for (const [id, resolve] of this.waiting) resolve({ id, ok: false, sushi: [`the rebuild worker stopped: ${e.message}`], review: { failed: [], messages: [] }, examples: { errors: 0, warnings: 0, report: '' }, changed: [], timings: {}, ms: 0 });
      this.waiting.clear();
    });
  }

  rebuild(sushi: boolean): Promise<PreviewStatus> {
    const request: PreviewRequest = { id: this.next++, sushi };
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.worker.postMessage(request);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
