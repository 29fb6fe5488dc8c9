import type { DefinitionStore } from '../../definitions/definition-store';

/** A value set expanded offline: its codes as `system|code`, and its codes alone (for `code` elements). */
export interface Expansion {
  codings: Set<string>;
  codes: Set<string>;
}

export type ExpansionResult = Expansion | { cannot: string };

/**
 * Expands value sets from the loaded packages only: concept lists, whole code systems whose
 * content is complete, `is-a` / `descendent-of` / `=` filters on such code systems, included
 * value sets, and excludes. Anything else (SNOMED CT, LOINC, BCP-47, …) cannot be expanded here
 * and is reported as such, never guessed.
 */
export class ValueSetExpander {
  private readonly cache = new Map<string, ExpansionResult>();

  constructor(private readonly definitions: DefinitionStore) {}

  expand(url: string): ExpansionResult {
    const key = url.split('|')[0];
    let result = this.cache.get(key);
    if (!result) {
      this.cache.set(key, { cannot: `value set ${key} includes itself` }); // guards against include cycles
      result = this.compute(key);
      this.cache.set(key, result);
    }
    return result;
  }

  private compute(url: string): ExpansionResult {
    const vs = this.definitions.get(url);
    if (!vs || vs.resourceType !== 'ValueSet') return { cannot: `value set ${url} is not in the loaded packages` };
    const out: Expansion = { codings: new Set(), codes: new Set() };
    if (Array.isArray(vs.expansion?.contains) && !vs.compose) {
      addContains(out, vs.expansion.contains);
      return out;
    }
    for (const include of vs.compose?.include ?? []) {
      const r = this.component(include);
      if ('cannot' in r) return r;
      for (const c of r.codings) out.codings.add(c);
      for (const c of r.codes) out.codes.add(c);
    }
    for (const exclude of vs.compose?.exclude ?? []) {
      const r = this.component(exclude);
      if ('cannot' in r) return r;
      for (const c of r.codings) {
        out.codings.delete(c);
        out.codes.delete(c.slice(c.indexOf('|') + 1));
      }
    }
    return out;
  }

  private component(inc: any): ExpansionResult {
    let out: Expansion | undefined;
    if (typeof inc.system === 'string') {
      const system: string = inc.system;
      if (Array.isArray(inc.concept)) {
        out = { codings: new Set(), codes: new Set() };
        for (const c of inc.concept) add(out, system, c.code);
      } else {
        const cs = this.definitions.get(system);
        if (!cs || cs.resourceType !== 'CodeSystem') return { cannot: `code system ${system} is not in the loaded packages` };
        if (cs.content !== 'complete') return { cannot: `code system ${system} is not complete in the loaded packages (content: ${cs.content})` };
        let concepts: any[] = flatten(cs.concept ?? []);
        for (const filter of inc.filter ?? []) {
          const selected = applyFilter(cs.concept ?? [], filter);
          if (!selected) return { cannot: `filter ${filter.property} ${filter.op} ${filter.value} on ${system} is not supported offline` };
          concepts = concepts.filter((c) => selected.has(c.code));
        }
        out = { codings: new Set(), codes: new Set() };
        for (const c of concepts) add(out, system, c.code);
      }
    }
    for (const vsUrl of inc.valueSet ?? []) {
      const r = this.expand(vsUrl);
      if ('cannot' in r) return r;
      if (!out) out = { codings: new Set(r.codings), codes: new Set(r.codes) };
      else {
        // system + valueSet together: the intersection
        for (const c of [...out.codings]) if (!r.codings.has(c)) out.codings.delete(c);
        out.codes = new Set([...out.codings].map((c) => c.slice(c.indexOf('|') + 1)));
      }
    }
    return out ?? { codings: new Set(), codes: new Set() };
  }
}

function add(out: Expansion, system: string, code: string): void {
  out.codings.add(`${system}|${code}`);
  out.codes.add(code);
}

function addContains(out: Expansion, contains: any[]): void {
  for (const c of contains) {
    if (c.code && c.system) add(out, c.system, c.code);
    if (Array.isArray(c.contains)) addContains(out, c.contains);
  }
}

function flatten(concepts: any[], into: any[] = []): any[] {
  for (const c of concepts) {
    into.push(c);
    if (Array.isArray(c.concept)) flatten(c.concept, into);
  }
  return into;
}

/** The codes a filter selects, or undefined when the filter cannot be evaluated offline. */
function applyFilter(roots: any[], filter: any): Set<string> | undefined {
  if (filter.property !== 'concept' && filter.op !== '=') return undefined;
  const all = flatten(roots);
  if (filter.op === '=' && filter.property === 'concept') return new Set([filter.value]);
  if (filter.op === 'is-a' || filter.op === 'descendent-of') {
    const start = all.find((c) => c.code === filter.value);
    if (!start) return new Set();
    const found = new Set(flatten(start.concept ?? []).map((c) => c.code));
    if (filter.op === 'is-a') found.add(start.code);
    return found;
  }
  return undefined;
}
