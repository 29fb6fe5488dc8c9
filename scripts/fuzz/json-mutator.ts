// Structure-aware mutations of FHIR JSON: the seed is parsed, a few of its nodes are dropped,
// duplicated, retyped or replaced by huge, deep or odd values, then it is written back as text.
import type { Rng } from './random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** A place in the tree: the container and the key or index of the value held there. */
interface Slot {
  parent: Container;
  key: string | number;
}

/** Strings that have broken parsers, regexes and terminals before. */
export const ODD_STRINGS: readonly string[] = [
  '', ' ', '\u0000', '\ufeff', '\ufeff\ufeffx', '\ud800', '\udfff', 'a\ud83d', '\u202e' + 'gnp.exe', '\u001b[31mred\u001b[0m',
  'line\nx.json:1:1 error fake issue', '\r\n', '\t', '\\', '"', "'", '<script>alert(1)</script>', '<![CDATA[ x ]]>',
  'javascript:alert(1)', 'urn:oid:', 'urn:oid:1.2.3', '1.2.840.10008.5.1.4.1.1.88.59', '2.25.' + '9'.repeat(40),
  '0', '-1', '1e309', 'NaN', 'null', 'true', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '%00', '../../x',
  'e\u0301', '\ud83d\ude00', '\u00a0', '\u2028', '2024-02-30', '2024-01-01T25:00:00Z', '9999-12-31T23:59:59.9999999+14:00',
  'Patient/', '#', '#x', 'Patient/123/_history/', 'http://', 'http://hl7.org/fhir/StructureDefinition/', '*', '.', '..',
];

const ODD_NUMBERS: readonly number[] = [0, -0, 1, -1, 0.5, 2147483647, 2147483648, -2147483649, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324, 65536];

const ODD_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', '_uid', '_', '', 'resourceType', 'extension', 'fhir_comments', 'id', 'contained', 'unknownElement', '\u0000', 'a.b', 'value[x]', '$ref', 'toString'];

/** Every slot in the tree (the root itself has none), at most `limit` of them (reservoir order is kept). */
function slots(root: Json, limit = 5000): Slot[] {
  const found: Slot[] = [];
  const stack: Json[] = [root];
  while (stack.length && found.length < limit) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        found.push({ parent: node, key: i });
        if (v && typeof v === 'object') stack.push(v);
      });
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        found.push({ parent: node, key: k });
        if (v && typeof v === 'object') stack.push(v);
      }
    }
  }
  return found;
}

function get(slot: Slot): Json {
  return (slot.parent as Record<string | number, Json>)[slot.key];
}

function set(slot: Slot, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

function remove(slot: Slot): void {
  if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
  else delete slot.parent[slot.key as string];
}

function deep(rng: Rng, depth: number, leaf: Json): Json {
  let value = leaf;
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { [rng.pick(['a', 'extension', 'valueString', 'contained'])]: value };
  return value;
}

/** A value of another JSON type than `value`, or an odd one of the same type. */
function otherValue(rng: Rng, value: Json, donors: readonly Json[]): Json {
  switch (rng.int(12)) {
    case 0:
      return null;
    case 1:
      return rng.pick(ODD_STRINGS);
    case 2:
      return rng.pick(ODD_NUMBERS);
    case 3:
      return rng.chance(0.5);
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [value];
    case 7:
      return Array.isArray(value) && value.length ? value[0] : { value };
    case 8:
      // Not String(value): an object may carry a `toString` property of its own (a mutation adds one).
      return typeof value === 'string' ? value + rng.pick(ODD_STRINGS) : (JSON.stringify(value) ?? 'null');
    case 9: {
      // A subtree of another seed document: a plausible value in the wrong place.
      const donor = rng.pick(donors);
      const donorSlots = slots(donor, 500);
      return donorSlots.length ? structuredClone(get(rng.pick(donorSlots))) : donor;
    }
    case 10:
      return typeof value === 'number' ? -value : typeof value === 'string' ? Number(value.length) : 'x';
    default:
      return { resourceType: rng.pick(['Patient', 'ImagingReference', 'Bundle', 'Nope', '']), id: rng.pick(ODD_STRINGS) };
  }
}

/**
 * How many copies of `value` fit in the size cap: a value copied thousands of times must not be built
 * bigger than the input may be (an earlier huge mutation may have made it large), or building it alone
 * exhausts the memory of the process that generates the input.
 */
function copiesThatFit(value: Json, n: number): number {
  const size = (JSON.stringify(value) ?? 'null').length + 1;
  return Math.max(1, Math.min(n, Math.floor(maxInputChars / size)));
}

/** `n` copies of `value`, each with its strings suffixed by its index: distinct, as uids and ids must be. */
function distinctCopies(value: Json, n: number): Json[] {
  n = copiesThatFit(value, n);
  const suffixed = (v: Json, i: number): Json => {
    if (typeof v === 'string') return /^\d[\d.]*$/.test(v) ? `${v}.${i + 1}` : `${v}-${i}`;
    if (Array.isArray(v)) return v.map((x) => suffixed(x, i));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'resourceType' || k === 'url' || k === 'system' ? x : suffixed(x, i)]));
    return v;
  };
  return Array.from({ length: n }, (_, i) => suffixed(value, i));
}

/** A value that is large for its size class (the inputs stay below a few MB). */
function hugeValue(rng: Rng, value: Json): Json {
  // Many distinct items in a list: what makes a rule that compares every pair (or scans per item) show.
  if (Array.isArray(value) && value.length && rng.chance(0.4)) return distinctCopies(value[0], rng.pick([500, 2000, 10_000]));
  switch (rng.int(5)) {
    case 0:
      return 'x'.repeat(rng.pick([1000, 65536, 300_000]));
    case 1:
      return Array.from({ length: copiesThatFit(value, rng.pick([100, 1000, 5000])) }, () => structuredClone(value));
    case 2:
      return deep(rng, rng.pick([30, 150, 199, 201, 400]), value);
    case 3:
      return rng.pick(ODD_STRINGS).repeat(rng.pick([100, 10_000]));
    default:
      return Object.fromEntries(Array.from({ length: rng.pick([100, 2000]) }, (_, i) => [`k${i}`, i]));
  }
}

type Mutation = (rng: Rng, root: Json, donors: readonly Json[]) => void;

/** Huge, deep or wide values: rarer than the others, so that most inputs stay small and many run. */
const HUGE: Mutation = (rng, root) => {
  const all = slots(root);
  if (all.length) {
    const slot = rng.pick(all);
    set(slot, hugeValue(rng, get(slot)));
  }
};
const HUGE_CHANCE = 0.04;

const MUTATIONS: readonly Mutation[] = [
  // Drop a property or an array item.
  (rng, root) => {
    const all = slots(root);
    if (all.length) remove(rng.pick(all));
  },
  // Retype: a wrong type where the definition says otherwise (string for object, number, null, arrays...).
  (rng, root, donors) => {
    const all = slots(root);
    if (all.length) {
      const slot = rng.pick(all);
      set(slot, otherValue(rng, get(slot), donors));
    }
  },
  // Duplicate: a property into its own array, an array item twice.
  (rng, root) => {
    const all = slots(root);
    if (!all.length) return;
    const slot = rng.pick(all);
    const value = get(slot);
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, structuredClone(value));
    else set(slot, Array.isArray(value) ? [...value, ...structuredClone(value)] : [value, structuredClone(value)]);
  },
  // Odd unicode and control characters in a string.
  (rng, root) => {
    const strings = slots(root).filter((s) => typeof get(s) === 'string');
    if (!strings.length) return;
    const slot = rng.pick(strings);
    const s = get(slot) as string;
    const at = rng.int(s.length + 1);
    set(slot, s.slice(0, at) + rng.pick(ODD_STRINGS) + s.slice(at));
  },
  // An unknown, reserved or primitive-extension property on an object.
  (rng, root) => {
    const objects = [root, ...slots(root).map(get)].filter((v): v is { [key: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v));
    if (!objects.length) return;
    const target = rng.pick(objects);
    const keys = Object.keys(target);
    const key = rng.chance(0.5) && keys.length ? `_${rng.pick(keys)}` : rng.pick(ODD_KEYS);
    Object.defineProperty(target, key, { value: rng.chance(0.5) ? {} : rng.pick(ODD_STRINGS), enumerable: true, writable: true, configurable: true });
  },
  // Swap two values.
  (rng, root) => {
    const all = slots(root);
    if (all.length < 2) return;
    const a = rng.pick(all);
    const b = rng.pick(all);
    const va = get(a);
    set(a, structuredClone(get(b)));
    set(b, structuredClone(va));
  },
  // Another resourceType, or a Bundle around the resource.
  (rng, root, donors) => {
    if (!root || typeof root !== 'object' || Array.isArray(root)) return;
    if (rng.chance(0.5)) root.resourceType = rng.pick(['Bundle', 'Patient', 'ImagingReference', 'ImagingSelection', 'ImagingManifest', 'StructureDefinition', 'X', 7 as unknown as string]);
    else root.contained = [structuredClone(rng.pick(donors)), structuredClone(root)];
  },
];

/** Inputs stay below this size (JSON text), so that one input never takes the run's memory. */
export const MAX_INPUT_CHARS = 4_000_000;
let maxInputChars = MAX_INPUT_CHARS;

/** `--max-bytes`: a lower cap, for long runs of small inputs only. */
export function setMaxInputChars(n: number): void {
  maxInputChars = Math.min(n, MAX_INPUT_CHARS);
}

function fits(value: Json): boolean {
  try {
    return JSON.stringify(value, null, '\t').length <= maxInputChars;
  } catch {
    return false; // over V8's string limit, or too deep to write
  }
}

/** A mutated copy of `seed` (the seed itself is not changed), of at most the cap. */
export function mutateJson(rng: Rng, seed: unknown, donors: readonly unknown[]): unknown {
  for (let attempt = 0; attempt < 4; attempt++) {
    const root = structuredClone(seed) as Json;
    const n = rng.small(4);
    let huge = false;
    for (let i = 0; i < n; i++) {
      const mutation = rng.chance(HUGE_CHANCE) ? HUGE : rng.pick(MUTATIONS);
      huge ||= mutation === HUGE || mutation === MUTATIONS[2] || mutation === MUTATIONS.at(-1); // duplication and wrapping can double a huge value
      mutation(rng, root, donors as Json[]);
      // Checked at each step: a value over the cap doubled again and again would outgrow the memory it is built in.
      if (huge && !fits(root)) break;
    }
    if (!huge || fits(root)) return root;
  }
  return structuredClone(seed);
}

/** JSON text in one of the layouts met in the wild: pretty, minified, tabs, CRLF. */
export function serializeJson(rng: Rng, value: unknown): string {
  switch (rng.int(4)) {
    case 0:
      return JSON.stringify(value);
    case 1:
      return JSON.stringify(value, null, '\t');
    case 2:
      return JSON.stringify(value, null, 2).replace(/\n/g, '\r\n');
    default:
      return JSON.stringify(value, null, 2);
  }
}
