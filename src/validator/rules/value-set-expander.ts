import type { DefinitionStore } from '../../definitions/definition-store';
import { isKnownSystem, VALUE_SET_EXTRA_CODES } from '../terminology/known-systems';

/** A value set expanded offline: its codes as `system|code`, and its codes alone (for `code` elements). */
export interface Expansion {
  codings: Set<string>;
  codes: Set<string>;
  /** Whole code systems known by rule (terminology/known-systems), optionally narrowed by a `code regex` filter: members, but not enumerable. */
  known?: KnownInclude[];
}

export interface KnownInclude {
  system: string;
  pattern?: RegExp;
}

export type ExpansionResult = Expansion | { cannot: string };

/**
 * Expands value sets from the loaded packages only: concept lists, whole code systems whose
 * content is complete, `is-a` / `descendent-of` / `=` filters on such code systems, included
 * value sets, and excludes. Whole code systems known by rule (mime types, languages, currencies,
 * countries, UCUM) are kept as such (`known`): membership can be tested, the codes not listed.
 * Anything else (SNOMED CT, LOINC, …) cannot be expanded here and is reported as such, never guessed.
 */
export class ValueSetExpander {
  private readonly cache = new Map<string, ExpansionResult>();
  private readonly byGivenUrl = new Map<string, ExpansionResult>();
  /** Value sets being expanded: what they include of themselves is a cycle, not their expansion. */
  private readonly computing = new Set<string>();

  constructor(private readonly definitions: DefinitionStore) {}

  /** The codes of the value set, listed: one that includes a known system whole cannot be listed. */
  expand(url: string): ExpansionResult {
    const result = this.membership(url);
    if ('cannot' in result || !result.known?.length) return result;
    return { cannot: `value set ${url.split('|')[0]} includes all the codes of ${result.known.map((k) => k.system).join(', ')}, which are checked by rule, not listed` };
  }

  /** The value set for testing membership: the listed codes and the known systems it includes. */
  membership(url: string): ExpansionResult {
    // Most bindings name the same few value sets, versioned: looked up as written before the version is cut off.
    const given = this.byGivenUrl.get(url);
    if (given) return given;
    const key = url.split('|')[0];
    let result = this.cache.get(key);
    if (!result) {
      this.computing.add(key);
      this.cache.set(key, { cannot: `value set ${key} includes itself` }); // guards against include cycles
      result = this.compute(key);
      this.cache.set(key, result);
      this.computing.delete(key);
    }
    if (!this.computing.has(key)) this.byGivenUrl.set(url, result);
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
      if (r.known) (out.known ??= []).push(...r.known);
    }
    const extra = VALUE_SET_EXTRA_CODES[url];
    if (extra) for (const code of extra.codes) add(out, extra.system, code);
    for (const exclude of vs.compose?.exclude ?? []) {
      const r = this.component(exclude);
      if ('cannot' in r) return r;
      // A rule cannot be subtracted from: an exclude that touches a known system is not expanded.
      if (r.known || (out.known && [...r.codings].some((c) => out.known!.some((k) => c.startsWith(`${k.system}|`))))) {
        return { cannot: `value set ${url} excludes codes from a code system known only by rule` };
      }
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
        const r = this.wholeSystem(system, inc.filter ?? []);
        if ('cannot' in r) return r;
        out = r;
      }
    }
    for (const vsUrl of inc.valueSet ?? []) {
      const r = this.membership(vsUrl);
      if ('cannot' in r) return r;
      if (!out) out = { codings: new Set(r.codings), codes: new Set(r.codes), known: r.known };
      else if (out.known || r.known) return { cannot: `the intersection of ${vsUrl} with a code system known only by rule is not supported offline` };
      else {
        // system + valueSet together: the intersection
        for (const c of [...out.codings]) if (!r.codings.has(c)) out.codings.delete(c);
        out.codes = new Set([...out.codings].map((c) => c.slice(c.indexOf('|') + 1)));
      }
    }
    return out ?? { codings: new Set(), codes: new Set() };
  }

  /** The codes of a code system (all, or those its filters select): listed from the packages, or known by rule. */
  private wholeSystem(system: string, filters: any[]): ExpansionResult {
    const cs = this.definitions.get(system);
    if (!cs || cs.resourceType !== 'CodeSystem') {
      if (!isKnownSystem(system)) return { cannot: `code system ${system} is not in the loaded packages` };
      const known = knownInclude(system, filters);
      return known ? { codings: new Set(), codes: new Set(), known: [known] } : { cannot: `a filter on ${system} is not supported offline` };
    }
    if (cs.content !== 'complete') return { cannot: `code system ${system} is not complete in the loaded packages (content: ${cs.content})` };
    let concepts: any[] = flatten(cs.concept ?? []);
    for (const filter of filters) {
      const selected = applyFilter(cs.concept ?? [], filter);
      if (!selected) return { cannot: `filter ${filter.property} ${filter.op} ${filter.value} on ${system} is not supported offline` };
      concepts = concepts.filter((c) => selected.has(c.code));
    }
    const out: Expansion = { codings: new Set(), codes: new Set() };
    for (const c of concepts) add(out, system, c.code);
    return out;
  }
}

/** A whole known system, or the part a `code regex` filter selects; undefined for any other filter. */
function knownInclude(system: string, filters: any[]): KnownInclude | undefined {
  if (filters.length === 0) return { system };
  const [f] = filters;
  if (filters.length > 1 || f.property !== 'code' || f.op !== 'regex' || typeof f.value !== 'string') return undefined;
  try {
    return { system, pattern: new RegExp(`^(?:${f.value})$`) };
  } catch {
    return undefined;
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
    if (!all.some((c) => c.code === filter.value)) return new Set();
    const children = childrenOf(roots, all);
    const found = new Set<string>();
    const queue = [...(children.get(filter.value) ?? [])];
    while (queue.length) {
      const code = queue.pop()!;
      if (found.has(code)) continue;
      found.add(code);
      queue.push(...(children.get(code) ?? []));
    }
    if (filter.op === 'is-a') found.add(filter.value);
    return found;
  }
  return undefined;
}

/**
 * Each code's children. A code system states its hierarchy by nesting concepts, or by a
 * `subsumedBy` (R5) or `parent` property on flat concepts (v3-RoleCode does, with several
 * parents per code): both count.
 */
function childrenOf(roots: any[], all: any[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  const link = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  const nest = (concepts: any[]) => {
    for (const c of concepts) {
      for (const k of c.concept ?? []) link(c.code, k.code);
      if (Array.isArray(c.concept)) nest(c.concept);
    }
  };
  nest(roots);
  for (const c of all) {
    for (const p of c.property ?? []) if ((p.code === 'subsumedBy' || p.code === 'parent') && typeof p.valueCode === 'string') link(p.valueCode, c.code);
  }
  return children;
}
