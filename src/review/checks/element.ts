import type { ElementDefinition, SnapshotView } from '../../ig/structure-definition';
import { eachElement, list, sameSet, type CheckKind } from './check';

/** One row of the contract's element table: everything a row says, checked together. */
export interface ElementCheck {
  kind: 'element';
  path: string;
  min: number;
  max: string;
  /** The type codes, in any order. */
  types: string[];
  /** For a Reference: the target types (core names or URLs), in any order. */
  targets?: string[];
  /** Whether it is a summary element; true unless given. */
  summary?: boolean;
  /** The keys of the definition's own invariants on the element (inherited ones such as ele-1 do not count); none unless given. */
  invariants?: string[];
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const canonicalOf = (target: string) => (target.includes(':') ? target : `${CORE}${target}`);
const shortName = (url: string) => (url.startsWith(CORE) ? url.slice(CORE.length) : url);

/** Where the constraints every element or resource inherits come from (ele-1, ext-1, dom-*). */
const INHERITED = new Set(['Element', 'BackboneElement', 'Extension', 'Resource', 'DomainResource'].map((t) => `${CORE}${t}`));

/**
 * Constraints this definition adds: SUSHI and the core snapshots name the source of each one; not
 * compared with the definition's own URL, so that a changed URL is reported once, by its own check.
 */
export function ownInvariants(_view: SnapshotView, e: ElementDefinition): string[] {
  return (e.constraint ?? []).filter((k) => typeof k.source !== 'string' || !INHERITED.has(k.source.split('|')[0])).map((k) => k.key);
}

export const element: CheckKind<ElementCheck> = {
  kind: 'element',
  describe: (c) =>
    `${c.path} is ${c.min}..${c.max} ${c.types.join(' | ')}${c.targets ? `(${c.targets.join(' | ')})` : ''}${c.summary === false ? '' : ' Σ'}${c.invariants?.length ? ` + ${c.invariants.join(', ')}` : ''}`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      const problems: string[] = [];
      if (e.min !== c.min || e.max !== c.max) problems.push(`is ${e.min ?? '?'}..${e.max ?? '?'}, expected ${c.min}..${c.max}`);
      const codes = (e.type ?? []).map((t) => t.code);
      if (!sameSet(codes, c.types)) problems.push(`has type ${list(codes)}, expected ${list(c.types)}`);
      const targets = (e.type ?? []).filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfile ?? []).map((p) => p.split('|')[0]);
      const wanted = (c.targets ?? []).map(canonicalOf);
      if (!sameSet(targets, wanted)) problems.push(`references ${list(targets.map(shortName))}, expected ${list(c.targets ?? [])}`);
      const summary = c.summary ?? true;
      if ((e.isSummary === true) !== summary) problems.push(`is ${summary ? 'not ' : ''}a summary element (Σ)`);
      const own = ownInvariants(view, e);
      if (!sameSet(own, c.invariants ?? [])) problems.push(`obeys ${list(own)}, expected ${list(c.invariants ?? [])}`);
      return problems.length ? `${shown} ${problems.join(', ')}` : undefined;
    }),
};
