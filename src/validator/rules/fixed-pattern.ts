import type { ElementNode } from '../model/element-node';
import { matchesPattern } from './pattern';
import { fromProfile, perList, type ElementView, type ValidatorRule, type ValueEvent, type Walk } from './rule';

/** A fixed or pattern value to check, and the definition it comes from. */
interface Required {
  node: ElementNode;
  fixed?: unknown;
  pattern?: unknown;
}

const merged = new WeakMap<readonly ElementView[], Required[]>();

/**
 * ElementDefinition.fixed[x] (the value exactly) and pattern[x] (at least what the pattern has), of every
 * definition of the element; a value that an earlier definition already requires is not checked again.
 */
function fixed(e: ValueEvent, w: Walk): void {
  const primitive = e.kind === 'primitive' || e.kind === 'system';
  for (const { node, fixed, pattern } of perList(merged, e.views, distinctValues)) {
    const source = fromProfile(node, w);
    if (fixed !== undefined && !(primitive ? e.value === fixed : sameJson(e.value, fixed))) {
      w.out.add('error', 'value', `value must be ${primitive ? '' : 'exactly '}${JSON.stringify(fixed)}${source}`, e.expression, e.site, 'profile-fixed');
    }
    if (pattern !== undefined && !(primitive ? e.value === pattern : matchesPattern(e.value, pattern))) {
      w.out.add('error', 'value', `value must ${primitive ? 'be' : 'match the pattern'} ${JSON.stringify(pattern)}${source}`, e.expression, e.site, 'profile-pattern');
    }
  }
}

/** The fixed and pattern values of the definitions, each once (a profile restates its base's). */
function distinctValues(views: readonly ElementView[]): Required[] {
  const out: Required[] = [];
  const seen: unknown[] = [];
  const first = (value: unknown) => {
    if (value === undefined || seen.some((s) => sameJson(s, value))) return undefined;
    seen.push(value);
    return value;
  };
  for (const { node } of views) {
    const fixed = node.fixed === undefined ? undefined : first({ fixed: node.fixed }) && node.fixed;
    const pattern = node.pattern === undefined ? undefined : first({ pattern: node.pattern }) && node.pattern;
    if (fixed !== undefined || pattern !== undefined) out.push({ node, fixed, pattern });
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const fixedPatternRule: ValidatorRule = {
  name: 'fixed-pattern',
  ids: ['profile-fixed', 'profile-pattern'],
  checks: 'an element has the fixed value of its definition exactly, and at least the properties of its pattern',
  spec: 'https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.pattern_x_',
  hooks: { fixed },
};
