// The playground's index of definitions, as written by the site build (definition-chunks.ts) and
// read by the validator's Web Worker: compact rows, since the page loads it before anything else.
import type { DefinitionSummary } from '../../definitions/definition-store';

/** [resourceType, url, version, id, kind, type, derivation, chunk, core]; an absent field is 0, an id equal to the URL's last segment is 1. */
export type IndexRow = [string, string, string | 0, string | 0 | 1, string | 0, string | 0, string | 0, number, 0 | 1];

export interface PlaygroundIndex {
  /** One row per definition, in the order `imgref validate` adds them, so that overrides resolve alike. */
  rows: IndexRow[];
  /** Chunk number -> the chunks its definitions refer to (loaded with it, to save round trips). */
  deps: number[][];
  /** Resource type -> the chunk with its StructureDefinition. */
  typeChunks: Record<string, number>;
  /** Chunk number -> its size in bytes, for the progress indicator. */
  sizes: number[];
}

export function encodeRow(s: DefinitionSummary, chunk: number, core: boolean): IndexRow {
  const tail = s.url?.slice(s.url.lastIndexOf('/') + 1);
  return [s.resourceType, s.url ?? '', s.version ?? 0, s.id === undefined ? 0 : s.id === tail ? 1 : s.id, s.kind ?? 0, s.type ?? 0, s.derivation ?? 0, chunk, core ? 1 : 0];
}

export function decodeRow(row: IndexRow): { summary: DefinitionSummary; chunk: number; core: boolean } {
  const [resourceType, url, version, id, kind, type, derivation, chunk, core] = row;
  const summary: DefinitionSummary = { resourceType, url };
  if (id === 1) summary.id = url.slice(url.lastIndexOf('/') + 1);
  else if (id !== 0) summary.id = id;
  if (version !== 0) summary.version = version;
  if (kind !== 0) summary.kind = kind;
  if (type !== 0) summary.type = type;
  if (derivation !== 0) summary.derivation = derivation;
  return { summary, chunk, core: core === 1 };
}
