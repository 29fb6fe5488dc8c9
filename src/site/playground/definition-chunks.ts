import { DefinitionStore, summarize, type Definition, type DefinitionSummary } from '../../definitions/definition-store';
import { loadProjectDefinitions } from '../../definitions/sources/project-definitions';
import { encodeRow, type PlaygroundIndex } from './index-format';

/**
 * The playground's definitions, split for lazy loading: an index of every definition the CLI
 * loads (in the order the CLI adds them, so that overrides resolve alike), and chunks of the
 * definitions themselves. A chunk holds what one resource type needs (its StructureDefinition and
 * the value sets and code systems its bindings reach); the data types, Resource/DomainResource
 * and this IG are the base chunk; everything else (extensions, profiles, other terminology) is
 * grouped by kind and URL into chunks of about CHUNK_BYTES.
 */
export interface PlaygroundChunks {
  index: PlaygroundIndex;
  /** Chunk number -> the JSON text of [entry number, definition][] . */
  chunks: string[];
}

/** About the size of a chunk of the definitions no resource type claims (extensions, profiles, terminology). */
const CHUNK_BYTES = 400 * 1024;
/** A definition larger than this is a chunk of its own, loaded only when read (see playgroundChunks). */
const SOLO_BYTES = 60 * 1024;

interface Recorded {
  summary: DefinitionSummary;
  core: boolean;
  /** From this project's IG (not a FHIR package): small, and wanted by most inputs. */
  ig: boolean;
  read: () => Definition;
}

/** A store that records each definition as it is added, in order, keeping how to read it. */
class RecordingStore extends DefinitionStore {
  readonly recorded: Recorded[] = [];
  ig = false;
  override addResource(resource: Definition, source = 'memory', core = false): void {
    if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) return super.addResource(resource, source, core);
    super.addResource(resource, source, core);
    if (typeof resource.url === 'string' && resource.url) this.recorded.push({ summary: summarize(resource), core, ig: this.ig, read: () => resource });
  }
  override addLazy(summary: DefinitionSummary, load: () => Definition, source: string, core = false): void {
    super.addLazy(summary, load, source, core);
    if (typeof summary.url === 'string' && summary.url) this.recorded.push({ summary, core, ig: this.ig, read: load });
  }
}

/** The definitions `imgref validate` loads, in its order: loadProjectDefinitions itself, into a recording store. */
function recordProjectDefinitions(): Recorded[] {
  const store = new RecordingStore();
  store.ig = true;
  loadProjectDefinitions({ store, packageDirs: [] });
  return [...pinnedDefinitions().recorded, ...store.recorded];
}

/**
 * The pinned packages' part, recorded and trimmed once per process: they do not change while it
 * runs, and reading and trimming them is most of the time of a playground build (the live preview
 * builds it again after each definition edit). Their chunks' text is kept too, by member list.
 */
let pinned: { recorded: Recorded[]; definitions: Definition[]; chunkText: Map<string, string> } | undefined;
function pinnedDefinitions(): NonNullable<typeof pinned> {
  if (!pinned) {
    const store = new RecordingStore();
    loadProjectDefinitions({ store, includeProjectIg: false });
    pinned = { recorded: store.recorded, definitions: [], chunkText: new Map() };
  }
  return pinned;
}

function trimmed(recorded: Recorded[], i: number): Definition {
  const cache = pinnedDefinitions();
  if (i >= cache.recorded.length) return withoutDocs(recorded[i].read());
  return (cache.definitions[i] ??= withoutDocs(recorded[i].read()));
}

const CHECKED_BINDINGS = new Set(['required', 'extensible']);

/**
 * The documentation of elements, for readers: no rule reads it and no message quotes it, and it is
 * most of a snapshot's size. The definition keeps everything else.
 */
const ELEMENT_DOCS = ['definition', 'comment', 'requirements', 'mapping', 'short', 'alias'] as const;

function withoutDocs(resource: Definition): Definition {
  // Narratives are for readers of the definitions, not for the validator: left out too.
  const { text: _text, ...d } = resource;
  for (const part of ['snapshot', 'differential'] as const) {
    if (!Array.isArray(d[part]?.element)) continue;
    d[part] = { ...d[part], element: d[part].element.map((e: any) => {
      if (!e || typeof e !== 'object') return e;
      const copy = { ...e };
      for (const k of ELEMENT_DOCS) delete copy[k];
      return copy;
    }) };
  }
  return d as Definition;
}

const bare = (canonical: string) => canonical.split('|')[0];

/** The canonical URLs a definition refers to that the validator may read with it. */
function references(d: Definition, typeUrl: (type: string) => string | undefined): string[] {
  const out: string[] = [];
  if (d.resourceType === 'StructureDefinition') {
    if (typeof d.baseDefinition === 'string') out.push(d.baseDefinition);
    for (const e of [...(d.snapshot?.element ?? []), ...(d.differential?.element ?? [])]) {
      // Only these bindings are checked (rules/terminology.ts): the value sets of the others are never read.
      if (typeof e?.binding?.valueSet === 'string' && CHECKED_BINDINGS.has(e.binding.strength)) out.push(e.binding.valueSet);
      for (const t of Array.isArray(e?.type) ? e.type : []) {
        const url = typeof t?.code === 'string' ? typeUrl(t.code) : undefined;
        if (url) out.push(url);
        for (const p of Array.isArray(t?.profile) ? t.profile : []) if (typeof p === 'string') out.push(p);
      }
    }
  } else if (d.resourceType === 'ValueSet') {
    for (const part of [...(d.compose?.include ?? []), ...(d.compose?.exclude ?? [])]) {
      if (typeof part?.system === 'string') out.push(part.system);
      for (const v of Array.isArray(part?.valueSet) ? part.valueSet : []) if (typeof v === 'string') out.push(v);
    }
  } else if (d.resourceType === 'CodeSystem' && typeof d.supplements === 'string') out.push(d.supplements);
  return out.map(bare);
}

/** Splits the project's definitions into the index and chunks the playground loads. */
export function playgroundChunks(): PlaygroundChunks {
  const recorded = recordProjectDefinitions();
  // The definition a URL resolves to is the last one added (as in the store); earlier ones stay reachable by version.
  const latest = new Map<string, number>();
  recorded.forEach((r, i) => latest.set(r.summary.url!, i));
  const typeUrls = new Map<string, string>();
  for (const r of recorded) {
    const s = r.summary;
    if (s.resourceType === 'StructureDefinition' && s.type && s.kind !== 'logical' && (s.derivation === 'specialization' || !s.derivation)) typeUrls.set(s.type, s.url!);
  }
  const definitions = recorded.map((_, i) => trimmed(recorded, i));
  const sizes = definitions.map((d) => JSON.stringify(d).length);
  // A large definition (v3-ActCode, 700 kB, reached from Meta.security by every resource) is a chunk
  // of its own, loaded only when a validation reads it: not pulled in by what merely refers to it.
  const solo = (i: number) => sizes[i] > SOLO_BYTES;
  const refs = definitions.map((d) => references(d, (t) => typeUrls.get(t)).map((u) => latest.get(u)).filter((i): i is number => i !== undefined));

  const chunkOf = new Array<number>(recorded.length).fill(-1);
  const members: number[][] = [];
  /** Puts what `roots` reach, and is in no chunk yet, into a new chunk. */
  const claim = (roots: number[]): number => {
    const chunk = members.length;
    const list: number[] = [];
    const queue = [...roots];
    while (queue.length) {
      const i = queue.pop()!;
      if (chunkOf[i] !== -1 || (solo(i) && !roots.includes(i))) continue;
      chunkOf[i] = chunk;
      list.push(i);
      queue.push(...refs[i]);
    }
    members.push(list);
    return chunk;
  };
  const isTypeDefinition = (r: Recorded) => r.summary.resourceType === 'StructureDefinition' && typeUrls.get(r.summary.type!) === r.summary.url && latest.get(r.summary.url!) !== undefined;
  const base: number[] = [];
  recorded.forEach((r, i) => {
    if (latest.get(r.summary.url!) !== i) return;
    const dataType = isTypeDefinition(r) && r.summary.kind !== 'resource';
    if (dataType || (r.core && ['Resource', 'DomainResource'].includes(r.summary.type ?? '') && isTypeDefinition(r)) || r.ig) base.push(i);
  });
  claim(base);
  const typeChunks: Record<string, number> = {};
  recorded.forEach((r, i) => {
    if (latest.get(r.summary.url!) === i && isTypeDefinition(r) && r.summary.kind === 'resource' && chunkOf[i] === -1) typeChunks[r.summary.type!] = claim([i]);
  });
  recorded.forEach((_, i) => {
    if (chunkOf[i] === -1 && solo(i)) claim([i]);
  });
  // The rest, grouped so that neighbouring URLs (an extension and its siblings) share a chunk.
  const rest = recorded.map((_, i) => i).filter((i) => chunkOf[i] === -1);
  rest.sort((a, b) => key(recorded[a]).localeCompare(key(recorded[b])) || a - b);
  let current: number[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length) claim(current);
    current = [];
    bytes = 0;
  };
  for (const i of rest) {
    if (chunkOf[i] !== -1 || current.includes(i)) continue;
    if (bytes + sizes[i] > CHUNK_BYTES) flush();
    current.push(i);
    bytes += sizes[i];
  }
  flush();
  for (const [type, chunk] of Object.entries(typeChunks)) if (!members[chunk].length) delete typeChunks[type];

  const deps = members.map((list, chunk) => {
    const reached = new Set<number>();
    const seen = new Set<number>(list);
    const queue = list.flatMap((i) => refs[i]);
    while (queue.length) {
      const i = queue.pop()!;
      if (seen.has(i) || solo(i)) continue;
      seen.add(i);
      if (chunkOf[i] !== chunk) reached.add(chunkOf[i]);
      queue.push(...refs[i]);
    }
    return [...reached].sort((a, b) => a - b);
  });
  const pinnedCount = pinnedDefinitions().recorded.length;
  const chunkText = (list: number[]) => JSON.stringify(list.map((i) => [i, definitions[i]]));
  const chunks = members.map((list) => {
    list.sort((a, b) => a - b);
    if (list.some((i) => i >= pinnedCount)) return chunkText(list);
    const cache = pinnedDefinitions().chunkText;
    const key = list.join();
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = chunkText(list)));
    return text;
  });
  return {
    index: { rows: recorded.map((r, i) => encodeRow(r.summary, chunkOf[i], r.core)), deps, typeChunks, sizes: chunks.map((c) => c.length) },
    chunks,
  };
}

function key(r: Recorded): string {
  return `${r.summary.resourceType} ${r.summary.url}`;
}
