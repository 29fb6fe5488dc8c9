import { attachmentRule } from './attachment';
import { bundleEntriesRule } from './bundle-entries';
import { cardinalityRule } from './cardinality';
import { conceptMapRule } from './conformance/concept-map';
import { structureDefinitionRule } from './conformance/structure-definition';
import { valueSetComposeRule } from './conformance/value-set-compose';
import { codingDisplayRule } from './coding-display';
import { containedRule } from './contained';
import { constraintsRule } from './constraints';
import { elementContentRule } from './element-content';
import { elementIdsRule } from './element-ids';
import { extensionsRule } from './extensions';
import { fixedPatternRule } from './fixed-pattern';
import { impliedProfilesRule } from './implied-profiles';
import { knownCodesRule } from './known-codes';
import { measureRule } from './measure';
import { narrativeRule } from './narrative';
import { primitiveTextRule } from './primitive-text';
import { primitivesRule } from './primitives';
import { profilesRule } from './profiles';
import { inputRule, internalRule, issueLimitRule, jsonSyntaxRule, xmlRule } from './reading';
import { referencesRule } from './references';
import type { RuleHooks, ValidatorRule, ValueEvent, Walk } from './rule';
import { slicingRule } from './slicing';
import { structureRule } from './structure';
import { terminologyRule } from './terminology';
import { urlResolutionRule } from './url-resolution';

/**
 * The validator's rules: every family, the ids of its issues, what it checks, the section of FHIR R5 it
 * enforces, and the walker events it handles. The walker raises the events; the rules of each event run in
 * this order (structure first: a value it refuses is not walked further). docs/validator-rules.md lists it.
 */
export const VALIDATOR_RULES: readonly ValidatorRule[] = [
  inputRule,
  jsonSyntaxRule,
  xmlRule,
  structureRule,
  profilesRule,
  impliedProfilesRule,
  primitivesRule,
  containedRule,
  primitiveTextRule,
  extensionsRule,
  elementContentRule,
  cardinalityRule,
  slicingRule,
  fixedPatternRule,
  referencesRule,
  attachmentRule,
  narrativeRule,
  terminologyRule,
  knownCodesRule,
  codingDisplayRule,
  urlResolutionRule,
  constraintsRule,
  bundleEntriesRule,
  elementIdsRule,
  structureDefinitionRule,
  conceptMapRule,
  valueSetComposeRule,
  measureRule,
  issueLimitRule,
  internalRule,
];

type Handler<K extends keyof RuleHooks> = NonNullable<RuleHooks[K]>;
type TypeHandler = (e: ValueEvent, w: Walk) => void;

/** The handlers of each event, in table order, for the walker to call. */
export interface Dispatch {
  resource: Handler<'resource'>[];
  profiles: Handler<'profiles'>[];
  unknownProperty: Handler<'unknownProperty'>[];
  property: Handler<'property'>[];
  value: Handler<'value'>[];
  primitive: Handler<'primitive'>[];
  extension?: Handler<'extension'>;
  object: Handler<'object'>[];
  cardinality: Handler<'cardinality'>[];
  sliced?: Handler<'sliced'>;
  element: Handler<'element'>[];
  fixed: Handler<'fixed'>[];
  type: Map<string, TypeHandler[]>;
  binding: Handler<'binding'>[];
  constraints: Handler<'constraints'>[];
  afterResource: Handler<'afterResource'>[];
}

/** Events that decide something for the walker (an extension's definition, the slices of items): one rule each. */
const SINGLE: readonly (keyof RuleHooks)[] = ['extension', 'sliced'];

export function dispatchOf(rules: readonly ValidatorRule[]): Dispatch {
  const d: Dispatch = { resource: [], profiles: [], unknownProperty: [], property: [], value: [], primitive: [], object: [], cardinality: [], element: [], fixed: [], type: new Map(), binding: [], constraints: [], afterResource: [] };
  for (const rule of rules) {
    for (const [event, handler] of Object.entries(rule.hooks) as [keyof RuleHooks, unknown][]) {
      if (event === 'type') {
        for (const [code, h] of Object.entries(handler as Record<string, TypeHandler>)) {
          const list = d.type.get(code) ?? [];
          list.push(h);
          d.type.set(code, list);
        }
      } else if (SINGLE.includes(event)) {
        if ((d as any)[event]) throw new Error(`validator rules: two rules handle "${event}" (${rule.name} is the second); it has one`);
        (d as any)[event] = handler;
      } else (d as any)[event].push(handler);
    }
  }
  return d;
}

/** The dispatch of VALIDATOR_RULES, built once. */
export const DISPATCH: Dispatch = dispatchOf(VALIDATOR_RULES);

/** The events a rule handles, as the docs name them (`type:Reference` for a type's). */
export function eventsOf(rule: ValidatorRule): string[] {
  return Object.entries(rule.hooks).flatMap(([event, handler]) => (event === 'type' ? Object.keys(handler as object).map((code) => `type:${code}`) : [event]));
}

export type { ValidatorRule, RuleHooks, Walk } from './rule';
