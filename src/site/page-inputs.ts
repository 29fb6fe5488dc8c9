import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Artifact, SiteModel } from './site-model';

/**
 * What a page was rendered from, recorded while it renders, so that the live preview re-renders a
 * page only when one of its inputs changed. Nothing is declared per page kind: every read of an
 * artifact's resource during a page's render is recorded (the model's artifacts are given a
 * recording getter), so a page that #13 adds tomorrow is tracked as soon as it reads the model.
 * Services built from many resources at once (the terminology expander) are recorded as reading
 * everything they were built from, whenever a page uses them.
 */
export class InputRecorder {
  private current: Set<string> | undefined;
  /** Each artifact's content digest, by its page name (what names an artifact across renders). */
  private readonly hashes = new Map<string, string>();
  /** The index of the site (which artifacts, their pages, kinds and titles) and the configuration: every page may read them. */
  readonly siteKey: string;

  constructor(private readonly model: SiteModel) {
    for (const artifact of model.artifacts) {
      const resource = artifact.resource;
      this.hashes.set(artifact.page, digest(JSON.stringify(resource)));
      Object.defineProperty(artifact, 'resource', {
        enumerable: true,
        get: () => {
          this.current?.add(artifact.page);
          return resource;
        },
      });
    }
    const index = model.artifacts.map((a) => [a.page, a.kind, a.title, a.description]);
    this.siteKey = digest(JSON.stringify([model.config, index]));
  }

  /** Runs `render`, returning the page names of the artifacts it read. */
  record<T>(render: () => T): { value: T; read: Set<string> } {
    const outer = this.current;
    const read = new Set<string>();
    this.current = read;
    try {
      return { value: render(), read };
    } finally {
      this.current = outer;
      if (outer) for (const a of read) outer.add(a);
    }
  }

  /** Marks artifacts as read by the page being rendered (a service built from them was used). */
  reads(artifacts: Iterable<Artifact>): void {
    if (this.current) for (const a of artifacts) this.current.add(a.page);
  }

  /** The key of a set of inputs: the site's index, each artifact's content, and the named files' content. */
  key(read: Set<string>, files: string[] = []): string {
    // An artifact that is gone reads as '-': its readers render again.
    const parts = [this.siteKey, ...[...read].map((page) => `${page}=${this.hashes.get(page) ?? '-'}`).sort()];
    for (const file of files) parts.push(`${file}=${fs.existsSync(file) ? digest(fs.readFileSync(file)) : '-'}`);
    return digest(parts.join('\n'));
  }

  /** The content digest of an artifact's resource, as read when the recorder was made. */
  hashOf(artifact: Artifact): string {
    return this.hashes.get(artifact.page)!;
  }
}

export function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
