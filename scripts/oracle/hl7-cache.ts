// The HL7 validator's outcomes kept between runs (gitignored `.oracle-cache/`): the corpus takes the Java
// side hours, so a re-run after a fix of ours only validates with Java the inputs that changed.
// Keyed by the file's content (SHA-256, as OracleRunner names its outputs), the validator's version and
// the engine's settings, so a different engine or setup never reads another's answers.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutcomeLike } from './verdicts';

export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The part of OracleRunner.java that decides what the engine checks (its `engine(...)` method), so an
 * edit elsewhere in the runner (a new mode, a log line) keeps the cache.
 */
export function engineSettingsSource(runnerSource: string): string {
  const start = runnerSource.indexOf('static ValidationEngine engine(');
  if (start < 0) throw new Error('OracleRunner.java has no engine(...) method: the cache key cannot be made');
  const end = runnerSource.indexOf('\n  }\n', start);
  return runnerSource.slice(start, end < 0 ? undefined : end);
}

export interface JavaRun {
  date: string;
  files: number;
  seconds: number;
  offline: boolean;
  commandLine: string;
}

export class Hl7OutcomeCache {
  readonly dir: string;

  /** `settings`: everything else that changes the answers (packages, IG folders, reference folders). */
  constructor(root: string, version: string, settings: string[]) {
    this.dir = path.join(root, `hl7-${version}-${contentHash(settings.join('\n')).slice(0, 12)}`);
  }

  private file(hash: string): string {
    return path.join(this.dir, `${hash}.json`);
  }

  has(hash: string): boolean {
    return fs.existsSync(this.file(hash));
  }

  /** The Java runs that filled this cache, the last first (for the report). */
  runs(): JavaRun[] {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, 'runs.json'), 'utf8')) as JavaRun[];
    } catch {
      return [];
    }
  }

  recordRun(run: JavaRun): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(path.join(this.dir, 'runs.json'), JSON.stringify([run, ...this.runs()], null, 1));
  }

  /** The outcome, or undefined when there is none (or it cannot be read: a run that stopped mid-write). */
  get(hash: string): OutcomeLike | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(hash), 'utf8')) as OutcomeLike;
    } catch {
      return undefined;
    }
  }
}
