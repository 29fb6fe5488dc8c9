import type { FhirResource } from '../../ig/generated-resources';
import type { Definition, DefinitionStore } from '../../definitions/definition-store';
import { loadPinnedDefinitions } from '../../definitions/sources/project-definitions';
import { ValueSetExpander } from '../../validator/rules/value-set-expander';

export interface ExpansionEntry {
  system: string;
  code: string;
  display?: string;
}

/** The codes of a value set, or why they cannot be listed offline. */
export type Expansion = { complete: true; contains: ExpansionEntry[] } | { complete: false; reason: string };

interface Concept {
  code: string;
  display?: string;
  concept?: Concept[];
}

/**
 * Value set expansions for the pages: the validator's offline expander decides which codes a
 * value set holds (one expansion logic in the project), this adds each code's display, from the
 * value set's own concept lists or else from the code system. Loads the IG's resources over the
 * pinned packages (a store of its own, so that they override nobody else's), so that a value set
 * may include core code systems and value sets.
 */
export class ValueSetPageExpander {
  private readonly registry: DefinitionStore = loadPinnedDefinitions();
  private readonly expander: ValueSetExpander;

  constructor(igResources: FhirResource[]) {
    for (const r of igResources) this.registry.addResource(r as Definition, 'the IG');
    this.expander = new ValueSetExpander(this.registry);
  }

  expand(url: string): Expansion {
    const result = this.expander.expand(url);
    if ('cannot' in result) return { complete: false, reason: result.cannot };
    const displays = this.displays(url, new Set());
    const contains = [...result.codings].map((coding) => {
      const bar = coding.indexOf('|');
      const system = coding.slice(0, bar);
      const code = coding.slice(bar + 1);
      return { system, code, display: displays.get(coding) ?? this.codeSystemDisplay(system, code) };
    });
    return { complete: true, contains };
  }

  /** `system|code` -> display from the concept lists of a value set and the value sets it imports. */
  private displays(url: string, seen: Set<string>): Map<string, string> {
    const out = new Map<string, string>();
    const vs = this.registry.get(url);
    if (!vs || seen.has(url)) return out;
    seen.add(url);
    for (const inc of (vs.compose?.include ?? []) as { system?: string; concept?: Concept[]; valueSet?: string[] }[]) {
      for (const c of inc.concept ?? []) if (inc.system && c.display) out.set(`${inc.system}|${c.code}`, c.display);
      for (const imported of inc.valueSet ?? []) for (const [k, v] of this.displays(imported, seen)) if (!out.has(k)) out.set(k, v);
    }
    return out;
  }

  private codeSystemDisplay(system: string, code: string): string | undefined {
    const cs = this.registry.get(system);
    const find = (concepts: Concept[]): Concept | undefined => {
      for (const c of concepts) {
        const found = c.code === code ? c : find(c.concept ?? []);
        if (found) return found;
      }
      return undefined;
    };
    return cs?.resourceType === 'CodeSystem' ? find((cs.concept ?? []) as Concept[])?.display : undefined;
  }
}

/** A code system's concepts, hierarchy flattened, in order. */
export function flattenConcepts<C extends { concept?: C[] }>(concepts: C[]): C[] {
  return concepts.flatMap((c) => [c, ...flattenConcepts(c.concept ?? [])]);
}
