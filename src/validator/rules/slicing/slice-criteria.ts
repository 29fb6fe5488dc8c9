import { choiceJsonName, sliceUrl, type ElementNode, type SlicingDef } from '../../model/element-node';
import type { ModelRegistry } from '../../model/model-registry';
import { DiscriminatorPathError, parseDiscriminatorPath, type PathStep } from './discriminator-path';

/**
 * What a slice requires of the values its discriminator path selects in an item (FHIR R5
 * profiling.html#discriminator): found once per slice in the slice's definition, then tested per item.
 */
export type Criterion =
  /** value and pattern: each of these (fixed or pattern) values is among the item's values. */
  | { kind: 'includes'; values: unknown[] }
  | { kind: 'valueSet'; valueSet: string }
  | { kind: 'absent' }
  | { kind: 'exists' }
  | { kind: 'types'; types: string[] }
  | { kind: 'profiles'; profiles: string[] }
  /** A profile discriminator whose element names no profile: any value will do. */
  | { kind: 'any' };

export interface DiscriminatorTest {
  type: SlicingDef['discriminators'][number]['type'];
  path: string;
  steps: PathStep[];
  criteria: Criterion[];
}

export interface CompiledSlice {
  name: string;
  node: ElementNode;
  tests: DiscriminatorTest[];
  /** Position slicing: the item indexes [from, to) that fall in this slice. */
  position?: { from: number; to: number };
  /** Why this slice cannot be told apart from the others (the slicing is then not evaluated). */
  problem?: string;
}

export interface CompiledSlicing {
  slicing: SlicingDef;
  slices: CompiledSlice[];
}

/** Extensions are always sliced by url, also where a snapshot leaves the slicing out. */
const EXTENSION_SLICING: SlicingDef = { discriminators: [{ type: 'value', path: 'url' }], rules: 'open', ordered: false };

const compiled = new WeakMap<ElementNode, CompiledSlicing>();

/** The slicing of a sliced element with each slice's criteria, compiled on first use and kept. */
export function compileSlicing(sliced: ElementNode, models: ModelRegistry, inherited?: SlicingDef): CompiledSlicing {
  let c = compiled.get(sliced);
  if (!c) {
    const slicing = sliced.slicing ?? inherited ?? (sliced.name === 'extension' || sliced.name === 'modifierExtension' ? EXTENSION_SLICING : { discriminators: [], rules: 'open', ordered: false });
    const slices = [...(sliced.slices?.values() ?? [])];
    const profile = sliced.owner;
    let offset = 0;
    c = {
      slicing,
      slices: slices.map((node) => {
        const slice: CompiledSlice = { name: node.sliceName ?? '', node, tests: [] };
        for (const d of slicing.discriminators) {
          if (d.type === 'position') {
            slice.position = { from: offset, to: offset + node.max };
            if (node.min !== node.max && node !== slices[slices.length - 1]) slice.problem = `position slicing needs a fixed count in slice ${node.elementId}`;
            offset += node.min;
            continue;
          }
          try {
            const steps = parseDiscriminatorPath(d.path);
            const criteria = criteriaFor(sliced, node, d.type, d.path, steps, models);
            if (!criteria.length) slice.problem = `Could not match discriminator (${d.path}) for slice ${node.elementId} in profile ${profile} - the discriminator ${d.path} does not have fixed value, binding or existence assertions`;
            slice.tests.push({ type: d.type, path: d.path, steps, criteria });
          } catch (e) {
            if (!(e instanceof DiscriminatorPathError)) throw e;
            slice.problem = e.message;
          }
        }
        return slice;
      }),
    };
    compiled.set(sliced, c);
  }
  return c;
}

/** Where the discriminator path leads in the slice's definition, and what the element found there fixes. */
function criteriaFor(sliced: ElementNode, slice: ElementNode, type: DiscriminatorTest['type'], path: string, steps: PathStep[], models: ModelRegistry): Criterion[] {
  // An extension slice stands for the url of its extension, whether or not that definition is loaded.
  if (type === 'value' && path === 'url' && (sliced.name === 'extension' || sliced.name === 'modifierExtension')) {
    const url = sliceUrl(slice) ?? firstProfileUrl(slice, models);
    if (url) return [{ kind: 'includes', values: [url] }];
  }
  // A profile discriminator on `x.resolve()` is about the target profile of the reference `x`.
  const targetProfiles = type === 'profile' && steps[steps.length - 1]?.kind === 'resolve';
  const defSteps = targetProfiles ? steps.slice(0, -1) : steps;
  const informative = (t: Target) => criterionOf(t, type, targetProfiles) !== undefined;
  const targets = follow(slice, defSteps, 0, models, informative);
  // `$this` by type names the slice itself: a slice of max 0 still takes its type's items, and then forbids them.
  if (type === 'type' && targets.length === 1 && targets[0].node === slice && slice.types.length) {
    return [{ kind: 'types', types: slice.types.map((t) => t.code.slice(t.code.lastIndexOf('/') + 1)) }];
  }
  const out: Criterion[] = [];
  for (const t of targets) {
    const c = criterionOf(t, type, targetProfiles);
    if (c) out.push(c);
  }
  return out;
}

function firstProfileUrl(slice: ElementNode, models: ModelRegistry): string | undefined {
  const profile = slice.types[0]?.profiles[0];
  const url = profile ? models.model(profile)?.root.children.find((c) => c.name === 'url')?.fixed : undefined;
  return typeof url === 'string' ? url : undefined;
}

/** An element the path reached, or values that a fixed or pattern value higher up gives it. */
interface Target {
  node?: ElementNode;
  fixed?: unknown[];
}

function criterionOf(t: Target, type: DiscriminatorTest['type'], targetProfiles: boolean): Criterion | undefined {
  if (t.fixed) return type === 'value' || type === 'pattern' ? { kind: 'includes', values: t.fixed } : undefined;
  const n = t.node!;
  switch (type) {
    case 'value':
    case 'pattern':
      if (n.max === 0) return { kind: 'absent' };
      if (n.fixed !== undefined) return { kind: 'includes', values: [n.fixed] };
      if (n.pattern !== undefined) return { kind: 'includes', values: [n.pattern] };
      if (n.binding?.strength === 'required' && n.binding.valueSet) return { kind: 'valueSet', valueSet: n.binding.valueSet };
      return undefined;
    case 'exists':
      if (n.max === 0) return { kind: 'absent' };
      if (n.min >= 1) return { kind: 'exists' };
      return undefined;
    case 'type':
      if (n.max === 0) return { kind: 'absent' };
      if (n.types.length) return { kind: 'types', types: n.types.map((t) => t.code.slice(t.code.lastIndexOf('/') + 1)) };
      // The root of a resolved target's definition: the resource type itself.
      return n.path.includes('.') ? undefined : { kind: 'types', types: [n.path] };
    case 'profile': {
      const profiles = n.types.flatMap((t) => (targetProfiles ? t.targetProfiles : t.profiles));
      return profiles.length ? { kind: 'profiles', profiles } : { kind: 'any' };
    }
    default:
      return undefined;
  }
}

/**
 * Follows the path through the slice's elements. Where an element on the way is itself sliced and its own
 * element fixes nothing, the criteria are those of its required slices (bp: `code.coding.code` is fixed in
 * `code.coding:SBPCode.code`); where an element on the way has a fixed or pattern value, the rest of the path
 * is read in that value (`code.coding.code` in a patternCodeableConcept).
 */
function follow(node: ElementNode, steps: PathStep[], i: number, models: ModelRegistry, informative: (t: Target) => boolean): Target[] {
  if (i === steps.length) return [{ node }];
  const held = node.fixed !== undefined ? node.fixed : node.pattern;
  if (held !== undefined) {
    const values = project(held, steps, i);
    if (values) return [{ fixed: values }];
  }
  const step = steps[i];
  let next: ElementNode | undefined;
  switch (step.kind) {
    case 'this':
      return follow(node, steps, i + 1, models, informative);
    case 'name':
      next = childNamed(node, step.name, models);
      break;
    case 'ofType':
      next = node.slices?.get(choiceJsonName(node.name, step.type)) ?? node;
      break;
    case 'extension': {
      const ext = childNamed(node, 'extension', models);
      next = [...(ext?.slices?.values() ?? [])].find((s) => (sliceUrl(s) ?? firstProfileUrl(s, models)) === step.url);
      break;
    }
    case 'resolve': {
      const target = node.types.flatMap((t) => t.targetProfiles)[0];
      next = target ? models.model(target)?.root : undefined;
      break;
    }
  }
  if (!next) return [];
  const found = follow(next, steps, i + 1, models, informative);
  if (!next.slices || found.some(informative)) return found;
  const fromSlices = [...next.slices.values()].filter((s) => s.min >= 1).flatMap((s) => follow(s, steps, i + 1, models, informative));
  return fromSlices.some(informative) ? fromSlices.filter(informative) : found;
}

/** The child `name` of an element: in the slice's own children, else in its profile's or its type's definition. */
function childNamed(node: ElementNode, name: string, models: ModelRegistry): ElementNode | undefined {
  const own = node.children.find((c) => c.name === name);
  if (own || node.children.length) return own;
  const profile = node.types.length === 1 ? node.types[0].profiles[0] : undefined;
  const root = profile ? models.model(profile)?.root : undefined;
  if (root?.children.length) return root.children.find((c) => c.name === name);
  return models.childSet(node)?.nodes.find((c) => c.name === name);
}

/** The values under a fixed or pattern value along the rest of the path (names only), or undefined. */
function project(value: unknown, steps: PathStep[], from: number): unknown[] | undefined {
  let current: unknown[] = [value];
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    if (step.kind === 'this') continue;
    if (step.kind !== 'name') return undefined;
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      const child = (v as Record<string, unknown>)[step.name];
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined) next.push(child);
    }
    current = next;
  }
  return current.length ? current : undefined;
}
