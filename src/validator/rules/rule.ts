import type { ConstraintEvaluator } from '../invariants/constraint-evaluator';
import type { EvaluationMemo } from '../invariants/fast-fhirpath';
import type { ChildSet, ChildSlot, ElementNode, StructureModel } from '../model/element-node';
import type { ModelRegistry, TypeKind } from '../model/model-registry';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { PrimitiveRules } from './primitives';
import type { ResourceFrame } from './resource-frame';
import type { SlicedItems, SlicingHost } from './slicing';
import type { ValueSetExpander } from './value-set-expander';

/**
 * One rule family of the validator, as the table (rules/index.ts) lists it: the message ids it
 * emits (the `operationoutcome-message-id` of its issues), what it checks, the section of the
 * specification it enforces, and the walker events it handles.
 */
export interface ValidatorRule {
  /** The family's name in the table and the docs (the file name of its module). */
  name: string;
  /** Every rule id its issues carry (the last argument of IssueCollector.add). */
  ids: readonly string[];
  /** Besides `ids`: what gives the id of an issue when it is not a fixed one (a constraint's key). */
  dynamicIds?: string;
  /** What it checks, in one line. */
  checks: string;
  /** The section of FHIR R5 it enforces (a URL into https://hl7.org/fhir/R5/). */
  spec: string;
  /** The walker events it handles. */
  hooks: RuleHooks;
  /** Where it runs when not in the walker (the JSON or XML reader, the outcome): for the docs. */
  runsIn?: string;
}

/** What a rule can use while a resource is walked. `out` is read at each call: a profile probe swaps it. */
export interface Walk {
  readonly models: ModelRegistry;
  readonly primitives: PrimitiveRules;
  readonly expander: ValueSetExpander;
  readonly constraints: ConstraintEvaluator;
  /** Shared by the constraint evaluations of one input. */
  readonly memo: EvaluationMemo;
  readonly slicing: SlicingHost;
  readonly out: IssueCollector;
}

/**
 * A definition that applies to the element being walked: ChildSlot's node and type. The first
 * view of an element is always its base definition (its type's, or its extension's); the others
 * are those of profiles (meta.profile, --profile, a Bundle entry's or a type's profile), each
 * distinct: where a profile does not constrain an element, its view is the base's and is not repeated.
 */
export type ElementView = ChildSlot;

/** The children one definition allows in a complex value, and the type root whose constraints apply to it. */
export interface ObjectView {
  /** The element definition (or resource root) the view comes from: names its profile in messages. */
  node: ElementNode;
  children: ChildSet;
  /** The definition of the value's type (or extension) when the children come from it. */
  typeRoot?: ElementNode;
}

/** A value where a resource is expected: the input, a contained resource, a Bundle entry's resource. */
export interface ResourceEvent {
  value: unknown;
  expression: string;
  site: Site;
}

/** The profiles a resource is checked against besides its type: those asked for, and its meta.profile. */
export interface ProfilesEvent {
  resource: Record<string, any>;
  model: StructureModel;
  /** Asked for by the caller (--profile, a Bundle entry's slice, a type's profile). */
  requested: readonly StructureModel[];
  expression: string;
  site: Site;
}

/** A value at one place of the instance, with every definition that applies to it. */
export interface ValueEvent {
  value: unknown;
  /** views[0] is the base definition; see ElementView. */
  views: readonly ElementView[];
  /** The value's type (views[0]'s), and what kind of type it is. */
  typeCode?: string;
  kind: TypeKind;
  expression: string;
  site: Site;
  frame: ResourceFrame;
  /** For a complex value: the definitions of its type (or extension) whose constraints apply, set after `extension`. */
  typeRoots?: readonly ElementNode[];
  /** Set on the objects of `_name`: the property (`_name`), whose objects carry a primitive's id and extensions. */
  holderOf?: string;
}

/** A complex value whose properties are walked: an element, a resource, the object of `_name`. */
export interface ObjectEvent {
  object: Record<string, any>;
  /** views[0] is the base definition's; one per distinct set of children. */
  views: readonly ObjectView[];
  expression: string;
  site: Site;
  frame: ResourceFrame;
  isResourceRoot: boolean;
  /** The object of `_name` when `name` has a value: it needs no content of its own (ele-1). */
  hasValue: boolean;
  /** The object's property names, as the walker went through them. */
  keys: readonly string[];
  /** How many items each child definition with a min or max got (filled by the walker before `object` and `cardinality`). */
  counts: Map<ElementNode, number>;
  /** Choice elements met so far, with the property that gave each (the structure rules' own record). */
  choices?: Map<ElementNode, string>;
}

/** One property of an object, before its value is walked. The walker reuses one per object: do not keep it. */
export interface PropertyEvent {
  owner: ObjectEvent;
  key: string;
  /** `key` without the `_` of a primitive's id and extensions. */
  name: string;
  isPrimitiveExtension: boolean;
  value: unknown;
  /** The base definition's slot; undefined in `unknownProperty` when the base has none. */
  slot?: ChildSlot;
  kind: TypeKind;
  /** In `unknownProperty`: the view that has no such property (0: the base). */
  view: number;
}

/** How the walker goes on with a property: not at all, only counting it (cardinality), or walking its value. */
export const Shape = { Skip: 0, Count: 1, Walk: 2 } as const;
export type Shape = (typeof Shape)[keyof typeof Shape];

/**
 * The events of the walk, in the order the walker raises them. Gates (boolean) run in table order
 * and the first `false` stops the walk of that value; `extension` and `sliced` have exactly one rule.
 */
export interface RuleHooks {
  /** A value where a resource is expected: false when it cannot be walked (not an object, no known type). */
  resource?(e: ResourceEvent, w: Walk): boolean;
  /** The profiles a resource is checked against: each rule returns those that can apply (the next gets them). */
  profiles?(e: ProfilesEvent, w: Walk): StructureModel[];
  /** A property that a definition of its object does not have (`view`: which one). */
  unknownProperty?(e: PropertyEvent, w: Walk): void;
  /** A known property, before its value: the walker takes the least Shape any rule returns. */
  property?(e: PropertyEvent, w: Walk): Shape;
  /** Every value, before anything else: false when it cannot be walked (null, wrong JSON type, empty object). */
  value?(e: ValueEvent, w: Walk): boolean;
  /** A primitive value: false when the rules after it would only repeat its problem. */
  primitive?(e: ValueEvent, w: Walk): boolean;
  /** An Extension: the definition it is walked against instead of Extension, when known. */
  extension?(e: ValueEvent, w: Walk): StructureModel | undefined;
  /** A complex object after its properties (object-level structure: ele-1). */
  object?(e: ObjectEvent, w: Walk): void;
  /** The children of an object, counted, against each definition's min and max. */
  cardinality?(e: ObjectEvent, w: Walk): void;
  /** A sliced element, with its items (none when absent): the slice of each item (one rule). */
  sliced?(s: SlicedItems, w: Walk): (ElementNode | undefined)[];
  /** Every element value, after its children were walked. */
  element?(e: ValueEvent, w: Walk): void;
  /** An element one of whose definitions has a fixed or pattern value. */
  fixed?(e: ValueEvent, w: Walk): void;
  /** A value of one type, after its children: by type code (`Reference`, `Narrative`). */
  type?: Readonly<Record<string, (e: ValueEvent, w: Walk) => void>>;
  /** An element one of whose definitions has a binding. */
  binding?(e: ValueEvent, w: Walk): void;
  /** Every element and resource: the constraints of its definitions and of its type (`typeRoots`). */
  constraints?(e: ValueEvent, w: Walk): void;
  /** A resource once all its elements are walked (kind `resource`, its frame: contained resources, the Bundle). */
  afterResource?(e: ValueEvent, w: Walk): void;
}

/** ` (from url|version)`: names the profile (or extension) a finding comes from, as the HL7 validator does; empty for a base definition. */
export function fromProfile(node: ElementNode, w: Walk): string {
  const model = w.models.model(node.owner);
  if (model?.derivation !== 'constraint') return '';
  const version = model.definition.version;
  return ` (from ${typeof version === 'string' ? `${node.owner}|${version}` : node.owner})`;
}

/**
 * What a rule derives from a list of definitions, found once per list: the walker keeps a list's identity
 * for as long as the definitions are the same (per element of a type or profile, per slice), so a rule can
 * merge a base's and a profile's definitions once rather than at every element it walks.
 */
export function perList<L extends object, T>(cache: WeakMap<L, T>, list: L, derive: (list: L) => T): T {
  let found = cache.get(list);
  if (found === undefined) cache.set(list, (found = derive(list)));
  return found;
}
