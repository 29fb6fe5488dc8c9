import { list, type CheckKind } from './check';

export interface ValueSetCheck {
  kind: 'value-set';
  /** The value set's canonical URL; it must be among the built resources. */
  url: string;
  /** The one code system it enumerates. */
  system: string;
  /** Exactly these codes, each with its display. */
  concepts: Record<string, string>;
}

interface Include {
  system?: string;
  version?: string;
  concept?: { code?: string; display?: string }[];
  filter?: unknown[];
  valueSet?: string[];
}

/** The value set enumerates exactly the agreed concepts of one system (so it expands offline, and to nothing else). */
export const valueSet: CheckKind<ValueSetCheck> = {
  kind: 'value-set',
  describe: (c) => `the value set ${c.url} has exactly the ${Object.keys(c.concepts).length} agreed concepts of ${c.system}`,
  run: (c, _view, build) => {
    const vs = build.find('ValueSet', c.url);
    if (!vs) return [`no ValueSet ${c.url} in the build (removed, or its URL changed)`];
    const compose = (vs.compose ?? {}) as { include?: Include[]; exclude?: unknown[] };
    const findings: string[] = [];
    const includes = compose.include ?? [];
    const others = includes.filter((i) => i.system !== c.system || i.filter?.length || i.valueSet?.length || !i.concept);
    if (others.length) findings.push(`it includes more than an enumeration of ${c.system}: ${others.map((i) => JSON.stringify(i).slice(0, 120)).join('; ')}`);
    if (compose.exclude?.length) findings.push('it excludes concepts');
    const concepts = includes.filter((i) => i.system === c.system).flatMap((i) => i.concept ?? []);
    const codes = concepts.map((k) => k.code ?? '');
    const missing = Object.keys(c.concepts).filter((code) => !codes.includes(code));
    const extra = codes.filter((code) => !(code in c.concepts));
    if (missing.length) findings.push(`it lacks ${list(missing.map((code) => `${code} ${c.concepts[code]}`))}`);
    if (extra.length) findings.push(`it has concepts not agreed: ${list(extra)}`);
    const twice = codes.filter((code, i) => codes.indexOf(code) !== i);
    if (twice.length) findings.push(`it lists ${list(twice)} twice`);
    for (const k of concepts) {
      const want = c.concepts[k.code ?? ''];
      if (want !== undefined && k.display !== want) findings.push(`${k.code} is displayed "${k.display ?? ''}", expected "${want}"`);
    }
    return findings;
  },
};
