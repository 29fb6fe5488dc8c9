import type { BindingDef } from '../model/element-node';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import { fromProfile, perList, type ElementView, type ValidatorRule, type ValueEvent, type Walk } from './rule';
import type { ValueSetExpander } from './value-set-expander';

const merged = new WeakMap<readonly ElementView[], ElementView[]>();

/** The bindings of every definition of the element; one that an earlier definition already states is not checked again. */
function binding(e: ValueEvent, w: Walk): void {
  const views = e.views.length === 1 ? e.views : perList(merged, e.views, distinctBindings);
  for (const view of views) {
    if (view.node.binding) checkBinding(e.value, e.typeCode!, view.node.binding, w.expander, e.expression, e.site, w.out, fromProfile(view.node, w));
  }
}

/** The views with a binding, each (strength, value set) once: a snapshot may name the base's value set with its version, a profile without. */
function distinctBindings(views: readonly ElementView[]): ElementView[] {
  const out: ElementView[] = [];
  const canonical = (url: string | undefined) => url?.split('|')[0];
  for (const v of views) {
    const b = v.node.binding;
    if (b && !out.some((o) => o.node.binding!.strength === b.strength && canonical(o.node.binding!.valueSet) === canonical(b.valueSet))) out.push(v);
  }
  return out;
}

export const terminologyRule: ValidatorRule = {
  name: 'terminology',
  ids: ['binding-required', 'binding-extensible', 'binding-unexpandable'],
  checks: 'a code of a required binding is in its value set (error), of an extensible one too (warning); value sets expanded from the loaded packages',
  spec: 'https://hl7.org/fhir/R5/terminologies.html#strength',
  hooks: { binding },
};

/** Required bindings give errors, extensible ones warnings; preferred and example are not checked. `source` names a profile's binding. */
export function checkBinding(value: unknown, typeCode: string, binding: BindingDef, expander: ValueSetExpander, expression: string, site: Site, out: IssueCollector, source = ''): void {
  if ((binding.strength !== 'required' && binding.strength !== 'extensible') || !binding.valueSet) return;
  let test: ((codings: Set<string>, codes: Set<string>) => boolean) | undefined;
  let shown = '';
  const v = value as any;
  switch (typeCode) {
    case 'code':
    case 'string':
    case 'uri':
      if (typeof v !== 'string') return;
      test = (_, codes) => codes.has(v);
      shown = `"${v}"`;
      break;
    case 'Coding':
      if (typeof v?.code !== 'string') return;
      test = (codings) => codings.has(`${systemOf(v)}|${v.code}`);
      shown = `${systemOf(v) ?? '(no system)'}#${v.code}`;
      break;
    case 'CodeableConcept': {
      const codings = Array.isArray(v?.coding) ? v.coding.filter((c: any) => typeof c?.code === 'string') : [];
      if (codings.length === 0) {
        if (binding.strength === 'required') out.add('error', 'code-invalid', `no code given, and a code from ${binding.valueSet} is required${source}`, expression, site, 'binding-required');
        return;
      }
      test = (set) => codings.some((c: any) => set.has(`${systemOf(c)}|${c.code}`));
      shown = codings.map((c: any) => `${systemOf(c) ?? '(no system)'}#${c.code}`).join(', ');
      break;
    }
    default:
      return;
  }
  const expansion = expander.expand(binding.valueSet);
  if ('cannot' in expansion) {
    // Said once per input, at its first place: the same value set is bound at every instance of the element.
    if (out.firstTime(`binding-unexpandable ${binding.strength} ${binding.valueSet}`)) out.add('information', 'not-supported', `the ${binding.strength} binding to ${binding.valueSet} was not checked: ${expansion.cannot}`, expression, site, 'binding-unexpandable');
    return;
  }
  if (test(expansion.codings, expansion.codes)) return;
  if (binding.strength === 'required') {
    out.add('error', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (required binding)${source}`, expression, site, 'binding-required');
  } else {
    out.add('warning', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (extensible binding)${source}`, expression, site, 'binding-extensible');
  }
}

/** A Coding's system when it is a string: any other JSON (reported by the structure rules) matches nothing, and is never turned into text. */
function systemOf(coding: { system?: unknown }): string | undefined {
  return typeof coding.system === 'string' ? coding.system : undefined;
}
