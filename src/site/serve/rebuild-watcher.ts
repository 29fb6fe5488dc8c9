import { watch, type FSWatcher } from 'chokidar';

/**
 * Calls `rebuild` after the watched folders change, once the changes have settled (`delay` ms
 * after the last one), and never twice at once: a change during a rebuild queues one more.
 */
export class RebuildWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pending = false;
  private watcher: FSWatcher | undefined;
  private changes = new Set<string>();

  /** @param rebuild gets the changed paths (absolute) since the last rebuild */
  constructor(
    private readonly folders: string[],
    private readonly rebuild: (changes: Set<string>) => Promise<void>,
    private readonly delay = 300,
  ) {}

  /** Resolves once the watcher has scanned the folders (changes before that are not seen). */
  start(): Promise<void> {
    // chokidar rather than fs.watch: Node's recursive fs.watch on Linux loses files that an
    // editor or git replaces by renaming, and then misses their later edits.
    const watcher = watch(this.folders, { ignoreInitial: true });
    this.watcher = watcher;
    watcher.on('all', (_event, file) => this.changed(file));
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private changed(file: string): void {
    this.changes.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.delay);
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    const changes = this.changes;
    this.changes = new Set();
    try {
      await this.rebuild(changes);
    } finally {
      this.running = false;
      if (this.pending) {
        this.pending = false;
        void this.run();
      }
    }
  }
}
