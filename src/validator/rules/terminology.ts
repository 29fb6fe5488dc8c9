import type { BindingDef } from '../model/element-node';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import { fromProfile, perList, type ElementView, type ValidatorRule, type ValueEvent, type Walk } from './rule';
import { knownSystem } from '../terminology/known-systems';
import { noteKnownCode } from './known-codes';
import type { Expansion, ValueSetExpander } from './value-set-expander';

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
  ids: ['binding-required', 'binding-extensible', 'binding-unexpandable', 'Coding_has_no_system__cannot_validate'],
  checks: 'a code of a required binding is in its value set (error), of an extensible one too (warning); value sets from the loaded packages or the code systems known without a server; a bound coding without a system (warning)',
  spec: 'https://hl7.org/fhir/R5/terminologies.html#strength',
  hooks: { binding },
};

/** The Quantity types: a bound one is tested as the Coding `system|code`. */
const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

/** Required bindings give errors, extensible ones warnings; preferred and example are not checked. `source` names a profile's binding. */
export function checkBinding(value: unknown, typeCode: string, binding: BindingDef, expander: ValueSetExpander, expression: string, site: Site, out: IssueCollector, source = ''): void {
  if (!binding.valueSet) return;
  let v = value as any;
  if (typeCode === 'CodeableReference') {
    // The binding is on the concept; a reference alone is not coded.
    if (v?.concept === undefined) return;
    [v, typeCode, expression, site] = [v.concept, 'CodeableConcept', `${expression}.concept`, { container: v, key: 'concept' }];
  }
  // The HL7 validator's terminology engine says so for a bound CodeableConcept of any strength (a bare Coding gets TERMINOLOGY_TX_SYSTEM_NO_CODE, rules/known-codes).
  if (typeCode === 'CodeableConcept') warnCodesWithoutSystem(v, expression, site, out);
  if (binding.strength !== 'required' && binding.strength !== 'extensible') return;
  let test: (expansion: Expansion) => boolean;
  let shown = '';
  switch (typeCode) {
    case 'code':
    case 'string':
    case 'uri':
      if (typeof v !== 'string') return;
      test = (e) => e.codes.has(v) || (e.known ?? []).some((k) => knownMember(k, v));
      shown = `"${v}"`;
      break;
    case 'Coding':
      if (typeof v?.code !== 'string') return;
      test = (e) => hasCoding(e, v);
      shown = `${systemOf(v) ?? '(no system)'}#${v.code}`;
      break;
    case 'CodeableConcept': {
      const codings = Array.isArray(v?.coding) ? v.coding.filter((c: any) => typeof c?.code === 'string') : [];
      if (codings.length === 0) {
        if (binding.strength === 'required') out.add('error', 'code-invalid', `no code given, and a code from ${binding.valueSet} is required${source}`, expression, site, 'binding-required');
        return;
      }
      test = (e) => codings.some((c: any) => hasCoding(e, c));
      shown = codings.map((c: any) => `${systemOf(c) ?? '(no system)'}#${c.code}`).join(', ');
      break;
    }
    default:
      if (!QUANTITY_TYPES.has(typeCode) || typeof v?.code !== 'string') return;
      test = (e) => hasCoding(e, v);
      shown = `${systemOf(v) ?? '(no system)'}#${v.code}`;
  }
  const expansion = expander.membership(binding.valueSet);
  if ('cannot' in expansion) {
    // Said once per input, at its first place: the same value set is bound at every instance of the element.
    if (out.firstTime(`binding-unexpandable ${binding.strength} ${binding.valueSet}`)) out.add('information', 'not-supported', `the ${binding.strength} binding to ${binding.valueSet} was not checked: ${expansion.cannot}`, expression, site, 'binding-unexpandable');
    return;
  }
  if (test(expansion)) {
    if (typeof v === 'string') noteKnown(expansion, v, expression, site, out);
    return;
  }
  const why = knownReason(expansion, v, typeCode);
  if (binding.strength === 'required') {
    out.add('error', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (required binding)${why}${source}`, expression, site, 'binding-required');
  } else {
    out.add('warning', 'code-invalid', `${shown} is not in the value set ${binding.valueSet} (extensible binding)${why}${source}`, expression, site, 'binding-extensible');
  }
}

function hasCoding(e: Expansion, coding: { system?: unknown; code: string }): boolean {
  const system = systemOf(coding);
  if (e.codings.has(`${system}|${coding.code}`)) return true;
  return system !== undefined && (e.known ?? []).some((k) => k.system === system && knownMember(k, coding.code));
}

function knownMember(k: NonNullable<Expansion['known']>[number], code: string): boolean {
  return (!k.pattern || k.pattern.test(code)) && knownSystem(k.system)!.check(code).valid;
}

/** A code accepted by a known system with a reservation (an unregistered mime type, a deprecated language tag): a warning. */
function noteKnown(e: Expansion, code: string, expression: string, site: Site, out: IssueCollector): void {
  if (e.codes.has(code)) return;
  const k = e.known?.find((x) => knownMember(x, code));
  const verdict = k && knownSystem(k.system)!.check(code);
  if (verdict?.valid && verdict.note) noteKnownCode(knownSystem(k!.system)!.title, verdict.note, expression, site, out);
}

/** Why a code is not in a value set that includes a known system: the system's own word on it. */
function knownReason(e: Expansion, v: any, typeCode: string): string {
  if (!e.known?.length) return '';
  const code = typeof v === 'string' ? v : typeCode === 'CodeableConcept' ? undefined : v?.code;
  if (typeof code !== 'string') return '';
  const system = typeof v === 'string' ? e.known[0].system : systemOf(v);
  const k = e.known.find((x) => x.system === system);
  if (!k) return '';
  const verdict = knownSystem(k.system)!.check(code);
  if (!verdict.valid) return `: ${verdict.reason}`;
  return k.pattern ? `: "${code}" does not match the value set's filter ${k.pattern.source}` : '';
}

/** A coding with a code and no system cannot be checked: the HL7 validator warns (Coding_has_no_system__cannot_validate). */
function warnCodesWithoutSystem(v: any, expression: string, site: Site, out: IssueCollector): void {
  const codings: any[] = Array.isArray(v?.coding) ? v.coding : [];
  codings.forEach((c, i) => {
    if (typeof c?.code === 'string' && c.system === undefined) {
      out.add('warning', 'code-invalid', `the coding ${c.code} has no system: a code without a system has no defined meaning, and cannot be checked against the value set`, `${expression}.coding[${i}]`, { container: v.coding, key: i }, 'Coding_has_no_system__cannot_validate');
    }
  });
}

/** A Coding's system when it is a string: any other JSON (reported by the structure rules) matches nothing, and is never turned into text. */
function systemOf(coding: { system?: unknown }): string | undefined {
  return typeof coding.system === 'string' ? coding.system : undefined;
}
