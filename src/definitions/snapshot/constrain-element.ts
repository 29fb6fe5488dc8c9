// Applies one differential element to the snapshot element it constrains (FHIR R5 profiling.html
// and elementdefinition.html: a profile may only restrict; what it says replaces what the base
// says, except the properties that accumulate: constraints, conditions, aliases, mappings).
import type { Binding, Constraint, ElementDefinition } from './types';

/** Choice-typed properties, [x] in ElementDefinition: at most one of each family is present. */
const CHOICE_FAMILIES = ['fixed', 'pattern', 'defaultValue', 'minValue', 'maxValue'];

/** Properties the differential states outright (the snapshot takes the differential's value). */
const REPLACED = new Set([
  'short', 'definition', 'comment', 'requirements', 'label', 'code', 'meaningWhenMissing', 'orderMeaning',
  'min', 'max', 'maxLength', 'mustSupport', 'mustHaveValue', 'isModifier', 'isModifierReason', 'isSummary',
  'example', 'representation', 'valueAlternatives', 'sliceIsConstraining', 'sliceName', 'obligation',
]);

/** Properties never taken from a differential element: the snapshot computes them. */
const COMPUTED = new Set(['id', 'path', 'base']);

export function constrainElement(target: ElementDefinition, diff: ElementDefinition, profileUrl: string): void {
  for (const [key, value] of Object.entries(diff)) {
    if (COMPUTED.has(key) || value === undefined) continue;
    const family = CHOICE_FAMILIES.find((f) => key.startsWith(f) && key.length > f.length && /[A-Z]/.test(key[f.length]));
    if (family) {
      for (const old of Object.keys(target)) if (old.startsWith(family) && /[A-Z]/.test(old[family.length] ?? '')) delete target[old];
      target[key] = structuredClone(value);
    } else if (REPLACED.has(key)) {
      target[key] = structuredClone(value);
    } else if (key === 'type') {
      target.type = structuredClone(diff.type);
    } else if (key === 'slicing') {
      target.slicing = { ...(target.slicing ?? {}), ...structuredClone(diff.slicing) };
    } else if (key === 'binding') {
      target.binding = constrainBinding(target.binding, diff.binding as Binding);
    } else if (key === 'constraint') {
      target.constraint = addConstraints(target.constraint ?? [], diff.constraint ?? [], profileUrl);
    } else if (key === 'condition' || key === 'alias') {
      target[key] = union((target[key] as string[] | undefined) ?? [], value as string[]);
    } else if (key === 'mapping') {
      const mappings = ((target.mapping as Array<{ identity: string; map: string }>) ?? []).slice();
      for (const m of value as Array<{ identity: string; map: string }>) {
        if (!mappings.some((e) => e.identity === m.identity && e.map === m.map)) mappings.push(structuredClone(m));
      }
      target.mapping = mappings;
    } else if (key === 'extension' || key === 'modifierExtension') {
      const own = ((target[key] as Array<{ url: string }>) ?? []).filter((e) => !(value as Array<{ url: string }>).some((d) => d.url === e.url));
      target[key] = [...own, ...structuredClone(value as unknown[])];
    } else if (key === 'contentReference') {
      target.contentReference = diff.contentReference;
    } else {
      target[key] = structuredClone(value);
    }
  }
}

/**
 * The differential's binding replaces the base's parts it states: strength, value set, description;
 * its extensions replace the base's (the HL7 tooling does not inherit binding extensions).
 */
function constrainBinding(base: Binding | undefined, diff: Binding): Binding {
  const binding: Binding = { ...structuredClone(base ?? {}) };
  delete binding.description;
  delete binding.extension;
  if (diff.extension) binding.extension = structuredClone(diff.extension);
  if (diff.strength) binding.strength = diff.strength;
  if (diff.description) binding.description = diff.description;
  if (diff.valueSet) binding.valueSet = diff.valueSet;
  if (diff.additional) binding.additional = structuredClone(diff.additional);
  return binding;
}

/** Constraints accumulate: the base's stay, the differential adds those with new keys. */
function addConstraints(base: Constraint[], added: Constraint[], profileUrl: string): Constraint[] {
  const result = base.slice();
  for (const constraint of added) {
    if (result.some((c) => c.key === constraint.key)) continue;
    result.push({ ...structuredClone(constraint), source: constraint.source ?? profileUrl });
  }
  return result;
}

function union(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

/** Fills what a template (an extension's root element) leaves unsaid from the element it is used at. */
export function fillFromUsage(template: ElementDefinition, usage: ElementDefinition): ElementDefinition {
  const result = structuredClone(template);
  for (const key of ['label', 'definition', 'short', 'comment', 'requirements', 'min', 'max', 'mustSupport', 'isSummary', 'isModifier', 'isModifierReason', 'mustHaveValue', 'maxLength', 'binding', 'example']) {
    if (result[key] === undefined && usage[key] !== undefined) result[key] = structuredClone(usage[key]);
  }
  for (const family of CHOICE_FAMILIES) {
    const has = (e: ElementDefinition) => Object.keys(e).find((k) => k.startsWith(family) && /[A-Z]/.test(k[family.length] ?? ''));
    const usageKey = has(usage);
    if (usageKey && !has(result)) result[usageKey] = structuredClone(usage[usageKey]);
  }
  result.alias = union((result.alias as string[]) ?? [], (usage.alias as string[]) ?? []);
  if (!(result.alias as string[]).length) delete result.alias;
  const constraints = (result.constraint ?? []).slice();
  for (const c of usage.constraint ?? []) if (!constraints.some((x) => x.key === c.key)) constraints.push(structuredClone(c));
  if (constraints.length) result.constraint = constraints;
  return result;
}
