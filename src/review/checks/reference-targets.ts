import { eachElement, list, sameSet, type CheckKind } from './check';

export interface ReferenceTargetsCheck {
  kind: 'targets';
  path: string;
  /** Target resource types (core) or profile URLs, in any order. */
  targets: string[];
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

/** A core type name stands for its canonical URL; anything with a colon is a URL already. */
const canonical = (target: string) => (target.includes(':') ? target : `${CORE}${target}`);
const shortName = (url: string) => (url.startsWith(CORE) ? url.slice(CORE.length) : url);

export const referenceTargets: CheckKind<ReferenceTargetsCheck> = {
  kind: 'targets',
  describe: (c) => `${c.path} references ${c.targets.join(' | ')}`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      const references = (e.type ?? []).filter((t) => t.code === 'Reference');
      if (references.length === 0) return `${shown} is not a Reference`;
      const actual = references.flatMap((t) => t.targetProfile ?? []).map((p) => p.split('|')[0]);
      return sameSet(actual, c.targets.map(canonical))
        ? undefined
        : `${shown} references ${list(actual.map(shortName))}, expected ${list(c.targets)}`;
    }),
};
