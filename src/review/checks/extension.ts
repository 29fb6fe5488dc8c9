import type { ElementDefinition, StructureDefinition } from '../../ig/structure-definition';
import { list, sameSet, type CheckKind } from './check';

export interface ExtensionCheck {
  kind: 'extension';
  /** The extension's canonical URL; it must be among the built resources. */
  url: string;
  /** Where it may be used, as `type:expression` (element:Observation). */
  context: string[];
  /** The value's types, in any order. */
  types: string[];
  /** For a Reference value: its targets (core names or URLs). */
  targets?: string[];
  /** The value's cardinality. */
  min: number;
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const canonicalOf = (target: string) => (target.includes(':') ? target : `${CORE}${target}`);

/** The extension's context and value: where it may appear and what it carries. */
export const extension: CheckKind<ExtensionCheck> = {
  kind: 'extension',
  describe: (c) => `the extension ${c.url} is used on ${c.context.join(', ')} with a ${c.types.join(' | ')}${c.targets ? `(${c.targets.join(' | ')})` : ''} value`,
  run: (c, _view, build) => {
    const sd = build.find('StructureDefinition', c.url) as StructureDefinition | undefined;
    if (!sd) return [`no StructureDefinition ${c.url} in the build (removed, or its URL changed)`];
    const findings: string[] = [];
    if (sd.type !== 'Extension') findings.push(`it is a ${sd.type}, not an Extension`);
    const contexts = ((sd.context ?? []) as { type?: string; expression?: string }[]).map((x) => `${x.type}:${x.expression}`);
    if (!sameSet(contexts, c.context)) findings.push(`its context is ${list(contexts)}, expected ${list(c.context)}`);
    const value = sd.snapshot?.element.find((e) => e.id === 'Extension.value[x]') as ElementDefinition | undefined;
    if (!value) return [...findings, 'it has no Extension.value[x] in its snapshot'];
    const codes = (value.type ?? []).map((t) => t.code);
    if (!sameSet(codes, c.types)) findings.push(`its value has type ${list(codes)}, expected ${list(c.types)}`);
    if (c.targets) {
      const targets = (value.type ?? []).flatMap((t) => t.targetProfile ?? []).map((p) => p.split('|')[0]);
      if (!sameSet(targets, c.targets.map(canonicalOf))) findings.push(`its value references ${list(targets)}, expected ${list(c.targets.map(canonicalOf))}`);
    }
    if (value.min !== c.min) findings.push(`its value is ${value.min}..${value.max}, expected min ${c.min}`);
    return findings;
  },
};
