import type { DefinitionStore } from '../../../definitions/definition-store';
import type { IssueCollector } from '../../outcome/issue-collector';

interface KnownInvariant {
  /** The definition (its URL, and versioned for messages) and element that declare it. */
  url: unknown;
  source: string;
  path: string;
  expression: unknown;
}

/**
 * ElementDefinition.constraint.key identifies a constraint wherever it applies (elements list it in
 * `condition`, snapshots repeat it on every element it is inherited by), so one key names one rule and
 * cannot stand for two expressions (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.constraint.key).
 * As the HL7 validator (validateElementDefinitionInvariant), with its message ids:
 * - in a snapshot, a key repeated with another expression (ED_INVARIANT_EXPRESSION_CONFLICT);
 * - in a differential, a constraint whose source is another definition (ED_INVARIANT_DIFF_NO_SOURCE),
 *   a key the base or any base type already uses with another expression, or one the differential
 *   uses twice with two expressions (ED_INVARIANT_KEY_ALREADY_USED).
 * The HL7 validator compares with the first type definition it meets that has the key, so its verdict
 * on a key that several types use (R5's `inv-1` in Parameters, Task and TestReport) depends on the
 * order it loaded them in; here a key clashes when the base has it with another expression, or when
 * other type definitions have it and none with the same expression.
 */
export function checkInvariantKeys(sd: Record<string, any>, base: Record<string, any>, expression: string, store: DefinitionStore, out: IssueCollector): void {
  const inSnapshot = new Map<string, string>();
  for (const { c, where, site } of constraintsOf(sd.snapshot, `${expression}.snapshot`)) {
    const earlier = inSnapshot.get(c.key);
    if (earlier === undefined) inSnapshot.set(c.key, c.expression);
    else if (earlier !== c.expression && c.key !== 'ele-1') {
      out.add('error', 'invalid', `The constraint '${c.key}' has an expression '${c.expression}', which differs from the earlier expression provided of '${earlier}' (invariants are allowed to repeat, but cannot differ)`, where, site, 'ED_INVARIANT_EXPRESSION_CONFLICT');
    }
  }
  const inDifferential = new Map<string, { path: unknown; expression: string }>();
  const url = typeof sd.url === 'string' ? sd.url : undefined;
  for (const { c, where, site, element } of constraintsOf(sd.differential, `${expression}.differential`)) {
    if (typeof c.source === 'string' && c.source !== url && !(url && typeof sd.version === 'string' && c.source === `${url}|${sd.version}`)) {
      out.add('error', 'invalid', `The invariant ${c.key} defined in the differential must have no source, or the source must be the same as the profile (${c.source} vs ${url})`, where, site, 'ED_INVARIANT_DIFF_NO_SOURCE');
      continue;
    }
    const inherited = invariantInBase(base, c.key) ?? clashingTypeInvariant(store, c.key, c.expression, sd.url);
    if (inherited && inherited.expression !== c.expression) {
      out.add('error', 'invalid', `The constraint key '${c.key}' already exists at the location '${inherited.source}' with a different expression ('${inherited.expression}')`, where, site, 'ED_INVARIANT_KEY_ALREADY_USED');
      continue;
    }
    const same = inDifferential.get(c.key);
    if (!same) inDifferential.set(c.key, { path: element.path, expression: c.expression });
    else if (same.expression !== c.expression) {
      out.add('error', 'invalid', `The constraint key '${c.key}' already exists at the location '${same.path}' with a different expression ('${same.expression}')`, where, site, 'ED_INVARIANT_KEY_ALREADY_USED');
    }
  }
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';
/** A definition read from an --ig source may be malformed: what is not an array holds nothing. */
const listOf = (v: unknown): any[] => (Array.isArray(v) ? v : []);

interface Located {
  c: { key: string; expression: string; source?: unknown };
  where: string;
  site: { container: unknown[]; key: number };
  element: Record<string, any>;
}

/** The constraints of an element list that have a key and an expression, with where they are. */
function* constraintsOf(list: Record<string, any> | undefined, prefix: string): Iterable<Located> {
  const elements = list?.element;
  if (!Array.isArray(elements)) return;
  for (let i = 0; i < elements.length; i++) {
    const constraints = elements[i]?.constraint;
    if (!Array.isArray(constraints)) continue;
    for (let j = 0; j < constraints.length; j++) {
      const c = constraints[j];
      if (nonEmpty(c?.key) && nonEmpty(c.expression)) yield { c, where: `${prefix}.element[${i}].constraint[${j}]`, site: { container: constraints, key: j }, element: elements[i] };
    }
  }
}

function invariantInBase(base: Record<string, any>, key: string): KnownInvariant | undefined {
  for (const element of listOf(base.snapshot?.element)) {
    for (const c of listOf(element?.constraint)) if (c?.key === key) return { url: base.url, source: versioned(base), path: element.path, expression: c.expression };
  }
  return undefined;
}

/** The definition of a key in another type that clashes with this expression: there are some, and none has the same expression. */
function clashingTypeInvariant(store: DefinitionStore, key: string, expression: string, url: unknown): KnownInvariant | undefined {
  const others = (baseTypeInvariants(store).get(key) ?? []).filter((k) => k.url !== url);
  return others.some((k) => k.expression === expression) ? undefined : others[0];
}

const baseTypes = new WeakMap<DefinitionStore, Map<string, KnownInvariant[]>>();

/**
 * The constraint keys of every type definition (specializations that are not logical models), with
 * where each is declared: built once per store, on the first differential that needs it.
 */
function baseTypeInvariants(store: DefinitionStore): Map<string, KnownInvariant[]> {
  let index = baseTypes.get(store);
  if (index) return index;
  index = new Map();
  for (const sd of store.ofResourceType('StructureDefinition', (s) => s.derivation === 'specialization' && s.kind !== 'logical')) {
    for (const element of listOf(sd?.snapshot?.element)) {
      for (const c of listOf(element?.constraint)) {
        if (!nonEmpty(c?.key)) continue;
        let known = index.get(c.key);
        if (!known) index.set(c.key, (known = []));
        if (!known.some((k) => k.url === sd.url && k.expression === c.expression)) known.push({ url: sd.url, source: versioned(sd), path: element.path, expression: c.expression });
      }
    }
  }
  baseTypes.set(store, index);
  return index;
}

function versioned(sd: Record<string, any>): string {
  return typeof sd.version === 'string' ? `${sd.url}|${sd.version}` : String(sd.url);
}
