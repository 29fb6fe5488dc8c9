import type { FhirResource } from '../../ig/generated-resources';

export interface ExpansionEntry {
  system: string;
  code: string;
  display?: string;
}

/** The codes of a value set, or why they cannot be listed offline. */
export type Expansion = { complete: true; contains: ExpansionEntry[] } | { complete: false; reason: string };

interface ConceptSet {
  system?: string;
  concept?: { code: string; display?: string }[];
  filter?: unknown[];
  valueSet?: string[];
}

interface CodeSystemConcept {
  code: string;
  display?: string;
  concept?: CodeSystemConcept[];
}

/**
 * Expands a value set from what the IG itself holds: enumerated concepts, whole code systems
 * that the IG defines (with content `complete`), and value sets it imports from the IG. Filters
 * and external code systems need a terminology server, which a build without network has not:
 * such a value set is reported as not expandable rather than expanded wrongly.
 */
export function expandValueSet(vs: FhirResource, igResources: FhirResource[], seen = new Set<string>()): Expansion {
  const url = String(vs.url ?? vs.id);
  if (seen.has(url)) return { complete: false, reason: `value set ${url} imports itself` };
  seen.add(url);
  const compose = (vs.compose ?? {}) as { include?: ConceptSet[]; exclude?: ConceptSet[] };
  const included: ExpansionEntry[] = [];
  for (const set of compose.include ?? []) {
    const codes = conceptSetCodes(set, igResources, seen);
    if (!codes.complete) return codes;
    included.push(...codes.contains);
  }
  const excluded = new Set<string>();
  for (const set of compose.exclude ?? []) {
    const codes = conceptSetCodes(set, igResources, seen);
    if (!codes.complete) return codes;
    for (const c of codes.contains) excluded.add(`${c.system}|${c.code}`);
  }
  const unique = new Map<string, ExpansionEntry>();
  for (const c of included) if (!excluded.has(`${c.system}|${c.code}`)) unique.set(`${c.system}|${c.code}`, c);
  return { complete: true, contains: [...unique.values()] };
}

function conceptSetCodes(set: ConceptSet, igResources: FhirResource[], seen: Set<string>): Expansion {
  if (set.filter?.length) return { complete: false, reason: `a filter on ${set.system ?? 'a code system'} needs a terminology server` };
  let codes: ExpansionEntry[] | undefined;
  if (set.system) {
    if (set.concept?.length) {
      codes = set.concept.map((c) => ({ system: set.system as string, code: c.code, display: c.display }));
    } else {
      const cs = igResources.find((r) => r.resourceType === 'CodeSystem' && r.url === set.system);
      if (!cs || cs.content !== 'complete') return { complete: false, reason: `all of ${set.system}, which this IG does not define completely, needs a terminology server` };
      codes = flattenConcepts((cs.concept ?? []) as CodeSystemConcept[]).map((c) => ({ system: set.system as string, code: c.code, display: c.display }));
    }
  }
  for (const imported of set.valueSet ?? []) {
    const vs = igResources.find((r) => r.resourceType === 'ValueSet' && r.url === imported.split('|')[0]);
    if (!vs) return { complete: false, reason: `the imported value set ${imported} is not in this IG` };
    const expansion = expandValueSet(vs, igResources, seen);
    if (!expansion.complete) return expansion;
    // A concept set with both a system and value sets is their intersection.
    const keys = new Set(expansion.contains.map((c) => `${c.system}|${c.code}`));
    codes = codes ? codes.filter((c) => keys.has(`${c.system}|${c.code}`)) : expansion.contains;
  }
  return { complete: true, contains: codes ?? [] };
}

/** A code system's concepts, hierarchy flattened, in order. */
export function flattenConcepts(concepts: CodeSystemConcept[]): CodeSystemConcept[] {
  return concepts.flatMap((c) => [c, ...flattenConcepts(c.concept ?? [])]);
}
