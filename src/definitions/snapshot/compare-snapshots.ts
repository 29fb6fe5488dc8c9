// Element-by-element comparison of a generated snapshot with a published one, on what a validator
// relies on: path, id, sliceName, cardinality, types with profiles and target profiles, fixed and
// pattern values, binding, constraint keys, slicing. Used by `npm run snapshot-agreement` and its test.
import type { ElementDefinition } from './types';

export type DifferenceKind =
  | 'missing' | 'extra' | 'order' | 'path' | 'sliceName' | 'min' | 'max' | 'type'
  | 'fixed/pattern' | 'binding' | 'constraints' | 'slicing';

export interface ElementDifference {
  kind: DifferenceKind;
  id: string;
  published?: unknown;
  generated?: unknown;
}

export interface SnapshotComparison {
  elements: number;
  agreeing: number;
  differences: ElementDifference[];
}

export function compareSnapshots(published: ElementDefinition[], generated: ElementDefinition[]): SnapshotComparison {
  const differences: ElementDifference[] = [];
  const generatedById = new Map(generated.map((e) => [e.id ?? e.path, e]));
  const publishedIds = new Set(published.map((e) => e.id ?? e.path));
  let agreeing = 0;
  for (const element of published) {
    const id = element.id ?? element.path;
    const other = generatedById.get(id);
    if (!other) {
      differences.push({ kind: 'missing', id });
      continue;
    }
    const found = compareElement(id, element, other);
    differences.push(...found);
    if (!found.length) agreeing++;
  }
  for (const element of generated) {
    const id = element.id ?? element.path;
    if (!publishedIds.has(id)) differences.push({ kind: 'extra', id });
  }
  const common = (list: ElementDefinition[], ids: Set<string>) => list.map((e) => e.id ?? e.path).filter((id) => ids.has(id));
  const publishedOrder = common(published, new Set(generatedById.keys()));
  const generatedOrder = common(generated, publishedIds);
  const firstMisplaced = publishedOrder.findIndex((id, i) => generatedOrder[i] !== id);
  if (firstMisplaced >= 0) differences.push({ kind: 'order', id: publishedOrder[firstMisplaced], published: publishedOrder[firstMisplaced], generated: generatedOrder[firstMisplaced] });
  return { elements: published.length, agreeing, differences };
}

function compareElement(id: string, published: ElementDefinition, generated: ElementDefinition): ElementDifference[] {
  const out: ElementDifference[] = [];
  const check = (kind: DifferenceKind, a: unknown, b: unknown) => {
    const pa = stableJson(a);
    const pb = stableJson(b);
    if (pa !== pb) out.push({ kind, id, published: a, generated: b });
  };
  check('path', published.path, generated.path);
  check('sliceName', published.sliceName, generated.sliceName);
  check('min', published.min, generated.min);
  check('max', published.max, generated.max);
  check('type', types(published), types(generated));
  check('fixed/pattern', fixedAndPattern(published), fixedAndPattern(generated));
  check('binding', binding(published), binding(generated));
  check('constraints', (published.constraint ?? []).map((c) => c.key).sort(), (generated.constraint ?? []).map((c) => c.key).sort());
  check('slicing', slicing(published), slicing(generated));
  return out;
}

function types(element: ElementDefinition) {
  return (element.type ?? []).map((t) => ({ code: t.code, profile: [...(t.profile ?? [])].sort(), targetProfile: [...(t.targetProfile ?? [])].sort() }));
}

function fixedAndPattern(element: ElementDefinition) {
  return Object.fromEntries(Object.entries(element).filter(([key]) => /^(fixed|pattern)[A-Z]/.test(key)));
}

function binding(element: ElementDefinition) {
  return element.binding ? { strength: element.binding.strength, valueSet: element.binding.valueSet } : undefined;
}

function slicing(element: ElementDefinition) {
  const s = element.slicing;
  return s ? { discriminator: (s.discriminator ?? []).map((d) => `${d.type}:${d.path}`), rules: s.rules, ordered: s.ordered ?? false } : undefined;
}

/** JSON with sorted object keys, so that property order does not count as a difference. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v)) ?? 'undefined';
}
