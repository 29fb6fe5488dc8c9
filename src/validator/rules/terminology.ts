import type { BindingDef } from '../model/element-node';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValueSetExpander } from './value-set-expander';

/** Required bindings give errors, extensible ones warnings; preferred and example are not checked. */
export function checkBinding(value: unknown, typeCode: string, binding: BindingDef, expander: ValueSetExpander, expression: string, site: Site, out: IssueCollector): void {
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
        if (binding.strength === 'required') out.add('error', 'code-invalid', `no code given, and a code from ${binding.valueSet} is required`, expression, site, 'binding-required');
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
    out.add('information', 'not-supported', `the ${binding.strength} binding to ${binding.valueSet} was not checked: ${expansion.cannot}`, expression, site, 'binding-unexpandable');
    return;
  }
  if (test(expansion.codings, expansion.codes)) return;
  if (binding.strength === 'required') {
    out.add('error', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (required binding)`, expression, site, 'binding-required');
  } else {
    out.add('warning', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (extensible binding)`, expression, site, 'binding-extensible');
  }
}

/** A Coding's system when it is a string: any other JSON (reported by the structure rules) matches nothing, and is never turned into text. */
function systemOf(coding: { system?: unknown }): string | undefined {
  return typeof coding.system === 'string' ? coding.system : undefined;
}
