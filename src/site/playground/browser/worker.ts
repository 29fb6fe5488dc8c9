// The playground's Web Worker: the validator of `imgref validate` (src/validator), on the store of
// lazy-definitions.ts, off the page's thread so that a large input never freezes the page. It
// asks the page for the chunks of definitions it needs (the page loads them as scripts, which
// works from disk as from a server), then validates again until nothing was missing.
import { DefinitionSourceError } from '../../../definitions/errors';
import { DefinitionReader } from '../../../definitions/sources/definition-reader';
import { addPackageFiles } from '../../../definitions/sources/package-files';
import { createValidatorSync, type Validator } from '../../../validator/validator';
import type { PlaygroundIndex } from '../index-format';
import { LazyDefinitions, resourceTypesIn } from './lazy-definitions';
import type { FromWorker, ProfileChoice, ToWorker } from './protocol';
import { readPackageTgz } from './untar';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

let definitions: LazyDefinitions | undefined;
let validator: Validator | undefined;
/** Chunk -> resolvers of the loads waiting for it. */
const waiting = new Map<number, ((failure?: string) => void)[]>();
const requested = new Set<number>();
/** The newest validation asked for: an older one still queued is skipped (typing asks for many). */
let newestValidation = -1;

/** Loads these chunks through the page, reporting progress under request `id`. */
async function load(id: number, chunks: number[]): Promise<void> {
  const defs = definitions!;
  const wanted = chunks.filter((c) => !defs.loaded.has(c));
  if (!wanted.length) return;
  const total = wanted.reduce((sum, c) => sum + (defs.index.sizes[c] ?? 0), 0);
  let loaded = 0;
  post({ type: 'progress', id, text: `loading definitions (${wanted.length} part(s), ${(total / 1024 / 1024).toFixed(1)} MB)`, loaded, total });
  const arrivals = wanted.map(
    (c) =>
      new Promise<void>((resolve, reject) => {
        const list = waiting.get(c) ?? [];
        list.push((failure) => {
          if (failure) return reject(new Error(failure));
          loaded += defs.index.sizes[c] ?? 0;
          post({ type: 'progress', id, text: 'loading definitions', loaded, total });
          resolve();
        });
        waiting.set(c, list);
      }),
  );
  const ask = wanted.filter((c) => !requested.has(c));
  for (const c of ask) requested.add(c);
  if (ask.length) post({ type: 'need', chunks: ask });
  await Promise.all(arrivals);
}

/**
 * Runs `work` until it has read no definition that was not loaded: each round loads what the
 * last one missed. A round that missed something is thrown away with the validator it used, whose
 * caches may hold what failed (a model without its types), so that the answer is the CLI's.
 */
async function withDefinitions<T>(id: number, work: () => T): Promise<T> {
  for (;;) {
    let result: T | undefined;
    let error: unknown;
    try {
      result = work();
    } catch (e) {
      error = e;
    }
    const missing = definitions!.takeMissing();
    if (!missing.length) {
      if (error !== undefined) throw error;
      return result as T;
    }
    validator = undefined;
    await load(id, missing);
  }
}

async function validate(id: number, text: string, fileName: string | undefined, profiles: string[]): Promise<void> {
  await load(id, definitions!.forTypes(resourceTypesIn(text)));
  post({ type: 'progress', id, text: 'validating', loaded: 0, total: 0 });
  const started = performance.now();
  const outcome = await withDefinitions(id, () => {
    validator ??= createValidatorSync({ definitions: definitions!.store });
    return validator.validateSync(text, { fileName, profiles });
  });
  post({ type: 'result', id, outcome, ms: performance.now() - started });
}

/** Adds a package.tgz or a conformance resource (JSON or FHIR XML), as `--ig` does. */
async function add(id: number, name: string, bytes: Uint8Array): Promise<void> {
  const store = definitions!.store;
  const before = new Set([...store.summaries('StructureDefinition')].map((s) => `${s.url}|${store.sourceOf(s.url)}`));
  if (/\.(tgz|tar\.gz)$/i.test(name)) {
    const files = await readPackageTgz(bytes, name);
    await withDefinitions(id, () => addPackageFiles(store, files, name, new DefinitionReader(store)));
  } else {
    const text = new TextDecoder('utf-8').decode(bytes);
    const format = /\.xml$/i.test(name) || (!/\.json$/i.test(name) && /^\uFEFF?\s*</.test(text)) ? 'xml' : 'json';
    const resource = await withDefinitions(id, () => new DefinitionReader(store).parse(text, name, format));
    if (!resource) throw new DefinitionSourceError(name, 'holds no FHIR conformance resource');
    store.addResource(resource, name);
  }
  validator = undefined;
  const added = [...store.summaries('StructureDefinition')].filter((s) => !before.has(`${s.url}|${store.sourceOf(s.url)}`));
  const profiles: ProfileChoice[] = added.filter((s) => s.derivation === 'constraint' && s.kind === 'resource').map((s) => ({ url: s.url, title: `${s.id ?? s.url} (${s.type})` }));
  post({ type: 'added', id, name, count: added.length, profiles });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === 'init') {
    definitions = new LazyDefinitions(JSON.parse(m.index) as PlaygroundIndex);
    return;
  }
  if (m.type === 'chunk' || m.type === 'chunk-failed') {
    if (m.type === 'chunk') definitions!.addChunk(m.chunk, m.text);
    else requested.delete(m.chunk);
    const list = waiting.get(m.chunk) ?? [];
    waiting.delete(m.chunk);
    for (const done of list) done(m.type === 'chunk-failed' ? `part ${m.chunk} of the definitions could not be loaded (${m.url})` : undefined);
    return;
  }
  if (m.type === 'validate') newestValidation = m.id;
  const job = () => {
    if (m.type === 'add') return add(m.id, m.name, new Uint8Array(m.bytes));
    return m.id === newestValidation ? validate(m.id, m.text, m.fileName, m.profiles) : Promise.resolve();
  };
  queue = queue.then(() => job().catch((e) => post({ type: 'failed', id: m.id, message: (e as Error)?.message ?? String(e) })));
};

/** One job at a time, in order: a validation never sees half of a package being added. */
let queue: Promise<void> = Promise.resolve();
