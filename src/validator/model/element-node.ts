import type { Definition } from '../../definitions/definition-store';

export interface TypeRef {
  /** A FHIR type name (string, Reference, Patient) or a FHIRPath system type URL. */
  code: string;
  profiles: string[];
  targetProfiles: string[];
}

export interface ConstraintDef {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
  /** The path the constraint was declared on, used as the fhirpath base. */
  path: string;
}

/** `ElementDefinition.slicing`: how the items of a repeating (or choice) element are told apart. */
export interface SlicingDef {
  discriminators: { type: 'value' | 'pattern' | 'type' | 'profile' | 'exists' | 'position'; path: string }[];
  rules: 'closed' | 'open' | 'openAtEnd';
  ordered: boolean;
}

export interface BindingDef {
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  valueSet?: string;
}

/** One element of a StructureDefinition snapshot, with its children linked. */
export class ElementNode {
  readonly children: ElementNode[] = [];
  /** Children resolved for walking (own, content reference or type): filled lazily by the model registry. */
  childSet?: ChildSet;
  /** The slices of a sliced element (re-slices `a/b` on their slice `a`), by slice name, in snapshot order. */
  slices?: Map<string, ElementNode>;
  /** Set on a sliced element (and on a slice that is re-sliced). */
  slicing?: SlicingDef;
  /** Set on a slice. */
  sliceName?: string;
  /** The snapshot's element id (`Observation.component:SystolicBP`), for messages. */
  elementId?: string;
  constructor(
    readonly path: string,
    /** The property name, without `[x]`. */
    readonly name: string,
    readonly min: number,
    readonly max: number,
    /** Whether the element is a JSON array: decided by the base definition, not by a profile's max. */
    readonly isArray: boolean,
    readonly types: TypeRef[],
    readonly isChoice: boolean,
    readonly constraints: ConstraintDef[],
    readonly binding: BindingDef | undefined,
    readonly contentReference: string | undefined,
    readonly fixed: unknown,
    readonly pattern: unknown,
    readonly isModifier: boolean,
    readonly owner: string,
  ) {}
}

/** A property a JSON object may carry, and the type it then has (fixed for a choice element). */
export interface ChildSlot {
  node: ElementNode;
  type?: TypeRef;
  /** The walker's plan for the values of an element only this slot defines (instance-walker.ts), made on first use. */
  plan?: unknown;
}

/** The properties allowed inside one complex element, by JSON name. */
export interface ChildSet {
  nodes: ElementNode[];
  byJsonName: Map<string, ChildSlot>;
  /** The nodes that are sliced (checked also when absent: their required slices). */
  sliced: ElementNode[];
  /** The nodes whose cardinality says something (not 0..*). */
  bounded: ElementNode[];
}

/** A StructureDefinition's snapshot as a tree. */
export class StructureModel {
  constructor(
    readonly url: string,
    readonly type: string,
    readonly kind: string,
    readonly derivation: string | undefined,
    readonly root: ElementNode,
    readonly byPath: Map<string, ElementNode>,
    readonly definition: Definition,
  ) {}
}

const FIXED_PREFIX = 'fixed';
const PATTERN_PREFIX = 'pattern';

/**
 * Builds the tree of a snapshot. Every slice is kept on its sliced element (a re-slice `a/b` on the slice `a`),
 * with its own children, so that an item that falls in a slice is walked against the slice's definition.
 */
export function buildStructureModel(sd: Definition): StructureModel {
  const elements: any[] = sd.snapshot?.element ?? [];
  if (!elements.length) throw new Error(`StructureDefinition ${sd.url} has no snapshot`);
  const byPath = new Map<string, ElementNode>();
  let root: ElementNode | undefined;
  // Elements by id: slices (`Extension.extension:part`) and their children are found through it.
  const byId = new Map<string, ElementNode>();
  for (const e of elements) {
    const id: string = typeof e.id === 'string' ? e.id : e.path;
    const p: string = e.path;
    const inSlice = id.includes(':');
    const last = p.slice(p.lastIndexOf('.') + 1);
    const isChoice = last.endsWith('[x]');
    const name = isChoice ? last.slice(0, -3) : last;
    const max = e.max === '*' ? Infinity : Number(e.max ?? '1');
    const baseMax = e.base?.max ?? e.max ?? '1';
    // Element ids of data types are strings, whatever the R5 ElementDefinition snapshot says (it says id, yet holds "Extension.value[x]").
    const dataTypeId = sd.kind === 'complex-type' && p === `${sd.type}.id`;
    const types: TypeRef[] = (e.type ?? []).map((t: any) => ({
      code: dataTypeId ? 'string' : fhirTypeCode(t),
      profiles: t.profile ?? [],
      targetProfiles: t.targetProfile ?? [],
    }));
    const constraints: ConstraintDef[] = (e.constraint ?? [])
      .filter((c: any) => typeof c.expression === 'string' && c.expression.trim())
      .map((c: any) => ({ key: c.key, severity: c.severity === 'warning' ? 'warning' : 'error', human: c.human ?? c.key, expression: c.expression, path: p }));
    let fixed: unknown;
    let pattern: unknown;
    for (const k of Object.keys(e)) {
      if (k.startsWith(FIXED_PREFIX) && k.length > 5) fixed = e[k];
      else if (k.startsWith(PATTERN_PREFIX) && k.length > 7) pattern = e[k];
    }
    const node = new ElementNode(
      p,
      name,
      e.min ?? 0,
      max,
      baseMax !== '1' && baseMax !== '0' ? true : max > 1,
      types,
      isChoice,
      constraints,
      e.binding ? { strength: e.binding.strength, valueSet: e.binding.valueSet } : undefined,
      e.contentReference,
      fixed,
      pattern,
      e.isModifier === true,
      sd.url as string,
    );
    node.elementId = id;
    if (e.slicing) node.slicing = slicingOf(e.slicing);
    if (!root) {
      root = node;
    } else if (e.sliceName) {
      node.sliceName = e.sliceName;
      // A re-slice `a/b` belongs to the slice `a` of the same element.
      const base = id.slice(0, id.lastIndexOf(':'));
      const reslice = e.sliceName.lastIndexOf('/');
      const sliced = byId.get(reslice > 0 ? `${base}:${e.sliceName.slice(0, reslice)}` : base);
      if (!sliced) continue;
      (sliced.slices ??= new Map()).set(e.sliceName, node);
    } else {
      const parent = byId.get(id.slice(0, id.lastIndexOf('.')));
      if (!parent) continue; // a child of a skipped slice
      parent.children.push(node);
    }
    byId.set(id, node);
    if (!inSlice && !byPath.has(p)) byPath.set(p, node);
  }
  return new StructureModel(sd.url as string, sd.type, sd.kind, sd.derivation, root!, byPath, sd);
}

const DISCRIMINATOR_TYPES = new Set(['value', 'pattern', 'type', 'profile', 'exists', 'position']);

function slicingOf(s: any): SlicingDef {
  return {
    discriminators: (Array.isArray(s.discriminator) ? s.discriminator : [])
      .filter((d: any) => DISCRIMINATOR_TYPES.has(d?.type) && typeof d.path === 'string')
      .map((d: any) => ({ type: d.type, path: d.path })),
    rules: s.rules === 'closed' || s.rules === 'openAtEnd' ? s.rules : 'open',
    ordered: s.ordered === true,
  };
}

/** `http://hl7.org/fhirpath/System.String` on `id` elements is a string with the type's own extension. */
function fhirTypeCode(t: any): string {
  const fhirType = t.extension?.find((x: any) => x.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type');
  if (fhirType?.valueUrl) return fhirType.valueUrl;
  return t.code;
}

/** `valueQuantity` for `value[x]` of type Quantity. */
export function choiceJsonName(name: string, typeCode: string): string {
  return name + typeCode.charAt(0).toUpperCase() + typeCode.slice(1);
}

/** The url an extension slice stands for: its fixed `url`, or the extension definition it is typed with. */
export function sliceUrl(slice: ElementNode): string | undefined {
  const url = slice.children.find((c) => c.name === 'url');
  if (typeof url?.fixed === 'string') return url.fixed;
  return slice.types[0]?.profiles[0];
}
