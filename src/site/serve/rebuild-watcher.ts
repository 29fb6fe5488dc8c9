import * as fs from 'node:fs';

/**
 * Calls `rebuild` after the watched folders change, once the changes have settled (`delay` ms
 * after the last one), and never twice at once: a change during a rebuild queues one more.
 */
export class RebuildWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pending = false;
  private readonly watchers: fs.FSWatcher[] = [];

  constructor(
    private readonly folders: string[],
    private readonly rebuild: () => Promise<void>,
    private readonly delay = 300,
  ) {}

  start(): void {
    for (const folder of this.folders) {
      // Recursive fs.watch works on Linux from Node 20 on; no file-watching dependency needed.
      this.watchers.push(fs.watch(folder, { recursive: true }, () => this.changed()));
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers.length = 0;
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.delay);
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    try {
      await this.rebuild();
    } finally {
      this.running = false;
      if (this.pending) {
        this.pending = false;
        void this.run();
      }
    }
  }
}
