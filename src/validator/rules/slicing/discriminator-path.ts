import type { ModelRegistry } from '../../model/model-registry';
import { resolveReference } from '../references';
import type { ResourceFrame } from '../resource-frame';

/** One step of a discriminator path (FHIR R5 §2.1.0.6.4.2: names, `$this`, `extension(url)`, `resolve()`, `ofType()`). */
export type PathStep =
  | { kind: 'this' }
  | { kind: 'name'; name: string }
  | { kind: 'ofType'; type: string }
  | { kind: 'extension'; url: string }
  | { kind: 'resolve' };

/** A path the specification does not allow in a discriminator: the slicing cannot be evaluated. */
export class DiscriminatorPathError extends Error {}

const STEP = /^(?:(\$this)|([A-Za-z][A-Za-z0-9_]*)|ofType\(\s*(?:FHIR\.)?([A-Za-z][A-Za-z0-9_]*)\s*\)|as\(\s*(?:FHIR\.)?([A-Za-z][A-Za-z0-9_]*)\s*\)|extension\(\s*'([^']*)'\s*\)|(resolve)\(\s*\))$/;

/** Splits `extension('http://a.b/c').value.ofType(Quantity)` into steps; dots inside quotes or parentheses do not split. */
export function parseDiscriminatorPath(path: string): PathStep[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === '.') {
      parts.push(path.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(path.slice(start));
  return parts.map((part) => {
    const m = STEP.exec(part.trim());
    if (!m) throw new DiscriminatorPathError(`the discriminator path "${path}" uses "${part}", which a discriminator may not use`);
    if (m[1]) return { kind: 'this' };
    if (m[2]) return { kind: 'name', name: m[2] };
    if (m[3] || m[4]) return { kind: 'ofType', type: m[3] ?? m[4] };
    if (m[5] !== undefined) return { kind: 'extension', url: m[5] };
    return { kind: 'resolve' };
  });
}

/** A value found in the instance, with its FHIR type when it can be told. */
export interface TypedValue {
  value: unknown;
  type?: string;
}

/** The values a discriminator path selects in one item (FHIRPath semantics: arrays flatten, missing is empty). */
export function evaluatePath(steps: PathStep[], item: TypedValue, frame: ResourceFrame, models: ModelRegistry): TypedValue[] {
  let current: TypedValue[] = [item];
  for (const step of steps) {
    const next: TypedValue[] = [];
    for (const tv of current) {
      const v = tv.value;
      switch (step.kind) {
        case 'this':
          next.push(tv);
          break;
        case 'ofType':
          if (typeOf(tv) === step.type) next.push(tv);
          break;
        case 'resolve': {
          const target = v !== null && typeof v === 'object' ? resolveReference((v as Record<string, unknown>).reference, frame) : undefined;
          if (target) next.push({ value: target, type: target.resourceType });
          break;
        }
        case 'extension': {
          const exts = (v as Record<string, unknown> | null)?.extension;
          if (Array.isArray(exts)) for (const x of exts) if ((x as Record<string, unknown> | null)?.url === step.url) next.push({ value: x, type: 'Extension' });
          break;
        }
        case 'name':
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) childValues(v as Record<string, unknown>, step.name, tv.type, models, next);
          break;
      }
    }
    current = next;
  }
  return current;
}

function typeOf(tv: TypedValue): string | undefined {
  const rt = (tv.value as Record<string, unknown> | null)?.resourceType;
  return typeof rt === 'string' ? rt : tv.type;
}

/** `name` of an object: the property itself, or a choice property `nameType` (`value` finds `valueQuantity`). */
function childValues(obj: Record<string, unknown>, name: string, parentType: string | undefined, models: ModelRegistry, into: TypedValue[]): void {
  if (name in obj) {
    const type = parentType ? childType(parentType, name, models) : undefined;
    push(obj[name], type, into);
    return;
  }
  for (const key of Object.keys(obj)) {
    if (key.length > name.length && key.startsWith(name) && /[A-Z]/.test(key[name.length])) {
      const suffix = key.slice(name.length);
      const primitive = suffix.charAt(0).toLowerCase() + suffix.slice(1);
      push(obj[key], models.typeKind(primitive) === 'primitive' ? primitive : suffix, into);
    }
  }
}

function push(value: unknown, type: string | undefined, into: TypedValue[]): void {
  if (Array.isArray(value)) {
    for (const x of value) if (x !== null && x !== undefined) into.push({ value: x, type: typeOfValue(x, type) });
  } else if (value !== null && value !== undefined) into.push({ value, type: typeOfValue(value, type) });
}

function typeOfValue(value: unknown, declared: string | undefined): string | undefined {
  const rt = (value as Record<string, unknown> | null)?.resourceType;
  return typeof rt === 'string' ? rt : declared;
}

/** The declared type of a data type's child (Coding.code is a code), when the parent is a data type. */
function childType(parentType: string, name: string, models: ModelRegistry): string | undefined {
  const model = models.typeModel(parentType);
  if (!model) return undefined;
  const slot = models.childSet(model.root)?.byJsonName.get(name);
  return slot?.type?.code;
}
