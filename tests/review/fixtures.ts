// What the review tests share: the generated definition, the records, and a review of a (mutated) copy.
import * as path from 'node:path';
import type { ElementDefinition, StructureDefinition } from '../../src/ig/structure-definition';
import { CoreDefinitions } from '../../src/review/core-definitions';
import { DATA_FILE, loadDesignReview, SCHEMA_FILE, type DesignReviewData } from '../../src/review/data';
import { runReview, type ReviewReport } from '../../src/review/review';
import type { FhirResource } from '../../src/ig/generated-resources';
import { generated, generatedById, PROJECT_DIR } from '../helpers/project';

export const DATA_PATH = path.join(PROJECT_DIR, DATA_FILE);
export const SCHEMA_PATH = path.join(PROJECT_DIR, SCHEMA_FILE);

let data: DesignReviewData | undefined;
let core: CoreDefinitions | undefined;

export function records(): DesignReviewData {
  data ??= loadDesignReview(DATA_PATH, SCHEMA_PATH);
  return data;
}

export function coreDefinitions(): CoreDefinitions {
  core ??= CoreDefinitions.locate();
  return core;
}

/** A deep copy of the generated StructureDefinition of ImagingReference, free to break. */
export function definitionCopy(): StructureDefinition {
  return structuredClone(generatedById('StructureDefinition', 'ImagingReference')) as unknown as StructureDefinition;
}

/** A deep copy of every generated resource (the value set, the extension, ...), free to break. */
export function builtCopy(): FhirResource[] {
  return structuredClone(generated());
}

/** The built resource with that URL in a copy from builtCopy(); throws when missing, so a mutation cannot silently do nothing. */
export function builtByUrl(built: FhirResource[], url: string): Record<string, any> {
  const found = built.find((r) => (r as { url?: unknown }).url === url);
  if (!found) throw new Error(`mutation: no built resource ${url}`);
  return found as Record<string, any>;
}

export function review(sd: StructureDefinition, reviewData: DesignReviewData = records(), built: readonly unknown[] = generated()): ReviewReport {
  return runReview({ projectDir: PROJECT_DIR, structureDefinition: sd, data: reviewData, core: coreDefinitions(), resources: built });
}

/** Items that restate other decisions (the contract's element table, ...): they may fail beside the item a mutation names. */
export const isContractItem = (id: string) => id.startsWith('contract-');

/** The items that fail (whatever their status; open items never do). */
export function failing(report: ReviewReport): string[] {
  return report.items.filter((i) => i.result === 'fail').map((i) => i.id);
}

export function item(report: ReviewReport, id: string) {
  const found = report.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in the report`);
  return found;
}

// ---- ways to break a definition (each works on the snapshot, addressed by paths below the root) ----

const rootOf = (sd: StructureDefinition) => sd.snapshot!.element[0];

/** The element at a path below the root (`''` for the root); throws when missing, so a mutation cannot silently do nothing. */
export function el(sd: StructureDefinition, relativePath: string): ElementDefinition {
  const root = rootOf(sd);
  const found = relativePath === '' ? root : sd.snapshot!.element.find((e) => e.id === `${root.id}.${relativePath}`);
  if (!found) throw new Error(`mutation: no element ${relativePath}`);
  return found;
}

function subtree(sd: StructureDefinition, relativePath: string): ElementDefinition[] {
  const id = el(sd, relativePath).id;
  return sd.snapshot!.element.filter((e) => e.id === id || e.id.startsWith(`${id}.`));
}

/** Renames an element and everything below it (its mappings, flags and constraints go with it). */
export function rename(sd: StructureDefinition, from: string, to: string): void {
  const root = rootOf(sd).id;
  const [oldPrefix, newPrefix] = [`${root}.${from}`, `${root}.${to}`];
  for (const e of subtree(sd, from)) {
    const swap = (s: string) => newPrefix + s.slice(oldPrefix.length);
    e.id = swap(e.id);
    e.path = swap(e.path);
    if (e.base?.path.startsWith(oldPrefix)) e.base.path = swap(e.base.path);
  }
}

/** Gives the definition another canonical URL, as an FSH edit would: the constraints it defines name it as their source. */
export function changeUrl(sd: { url: string; snapshot?: { element: unknown[] }; differential?: { element?: unknown[] } }, url: string): void {
  const from = sd.url;
  sd.url = url;
  for (const e of [...(sd.snapshot?.element ?? []), ...(sd.differential?.element ?? [])] as { constraint?: { source?: string }[] }[]) {
    for (const c of e.constraint ?? []) if (c.source === from) c.source = url;
  }
}

/** Renames the resource type itself: the definition's identity and every element path. */
export function renameResource(sd: StructureDefinition, to: string): void {
  const from = sd.type;
  const fromUrl = sd.url;
  const swap = (s: string) => (s === from || s.startsWith(`${from}.`) ? to + s.slice(from.length) : s);
  Object.assign(sd, { type: to, name: to, id: to, url: sd.url.replace(new RegExp(`${from}$`), to) });
  // As an FSH rename would: snapshot and differential alike (else the definition is not valid FHIR, sdf-8/8a),
  // and the constraints it defines keep naming it as their source (ED_INVARIANT_DIFF_NO_SOURCE).
  const differential = (sd.differential as { element?: typeof sd.snapshot.element } | undefined)?.element ?? [];
  for (const e of [...sd.snapshot!.element, ...differential]) {
    e.id = swap(e.id);
    e.path = swap(e.path);
    if (e.base) e.base.path = swap(e.base.path);
    for (const c of (e as { constraint?: { source?: string }[] }).constraint ?? []) if (c.source === fromUrl) c.source = sd.url;
  }
}

/** Adds an element that is a copy of another one (flags, texts and mappings included), after the other's subtree. */
export function addLike(sd: StructureDefinition, like: string, newPath: string): ElementDefinition {
  const source = el(sd, like);
  const root = rootOf(sd);
  const copy = structuredClone(source);
  copy.id = `${root.id}.${newPath}`;
  copy.path = `${root.path}.${newPath}`;
  copy.base = { ...source.base!, path: copy.path };
  const last = subtree(sd, like).pop()!;
  sd.snapshot!.element.splice(sd.snapshot!.element.indexOf(last) + 1, 0, copy);
  return copy;
}

/** Removes an element and everything below it. */
export function remove(sd: StructureDefinition, relativePath: string): void {
  const gone = new Set(subtree(sd, relativePath));
  sd.snapshot!.element = sd.snapshot!.element.filter((e) => !gone.has(e));
}

export function dropConstraint(sd: StructureDefinition, relativePath: string, key: string): void {
  const e = el(sd, relativePath);
  if (!e.constraint?.some((c) => c.key === key)) throw new Error(`mutation: ${relativePath} has no ${key}`);
  e.constraint = e.constraint.filter((c) => c.key !== key);
}

export function dropMapping(sd: StructureDefinition, relativePath: string, identity: string): void {
  const e = el(sd, relativePath);
  if (!e.mapping?.some((m) => m.identity === identity)) throw new Error(`mutation: ${relativePath} has no ${identity} mapping`);
  e.mapping = e.mapping.filter((m) => m.identity !== identity);
}

export function setMapping(sd: StructureDefinition, relativePath: string, identity: string, map: string): void {
  const e = el(sd, relativePath);
  e.mapping = [...(e.mapping ?? []).filter((m) => m.identity !== identity), { identity, map }];
}

export function setTypes(sd: StructureDefinition, relativePath: string, ...codes: string[]): void {
  el(sd, relativePath).type = codes.map((code) => ({ code }));
}
