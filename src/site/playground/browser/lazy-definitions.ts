// The validator's definitions in the browser: the store `imgref validate` uses, filled from the
// playground index (every definition of the pinned packages and this IG, in the CLI's order),
// each parsed from its chunk when first asked for. A definition whose chunk is not here yet
// records the chunk as missing and fails; the worker then loads it and validates again.
import { DefinitionStore, type Definition } from '../../../definitions/definition-store';
import { decodeRow, type PlaygroundIndex } from '../index-format';

export class LazyDefinitions {
  readonly store = new DefinitionStore();
  /** Row number -> definition, for the chunks loaded. */
  private readonly rows = new Map<number, Definition>();
  readonly loaded = new Set<number>();
  /** The chunks asked for since the last `take()`, and not loaded. */
  private readonly missing = new Set<number>();

  constructor(readonly index: PlaygroundIndex) {
    index.rows.forEach((row, i) => {
      const { summary, chunk, core } = decodeRow(row);
      this.store.addLazy(summary, () => this.read(i, chunk), `playground definitions (chunk ${chunk})`, core);
    });
  }

  private read(row: number, chunk: number): Definition {
    const found = this.rows.get(row);
    if (found) return found;
    this.missing.add(chunk);
    throw new Error(`definitions chunk ${chunk} is not loaded yet`);
  }

  addChunk(chunk: number, text: string): void {
    for (const [row, definition] of JSON.parse(text) as [number, Definition][]) this.rows.set(row, definition);
    this.loaded.add(chunk);
  }

  /** The chunks found missing since the last call, with the chunks they refer to; and forgets them. */
  takeMissing(): number[] {
    const out = this.withDeps([...this.missing]);
    this.missing.clear();
    return out;
  }

  /** The chunks a validation of these resource types will want first (the base chunk, each type's, their references). */
  forTypes(types: Iterable<string>): number[] {
    const wanted = [0];
    for (const t of types) if (this.index.typeChunks[t] !== undefined) wanted.push(this.index.typeChunks[t]);
    return this.withDeps(wanted);
  }

  private withDeps(chunks: number[]): number[] {
    const out = new Set<number>();
    for (const c of chunks) for (const d of [c, ...(this.index.deps[c] ?? [])]) if (!this.loaded.has(d)) out.add(d);
    return [...out].sort((a, b) => a - b);
  }
}

/** The resource types an input names (a Bundle's entries too), read cheaply from its text. */
export function resourceTypesIn(text: string): Set<string> {
  const head = text.length > 4_000_000 ? text.slice(0, 4_000_000) : text;
  const types = new Set<string>();
  for (const m of head.matchAll(/"resourceType"\s*:\s*"([A-Za-z]+)"/g)) types.add(m[1]);
  for (const m of head.matchAll(/<([A-Z][A-Za-z]+)[\s>/]/g)) types.add(m[1]);
  return types;
}
