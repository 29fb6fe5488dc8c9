// Coding.display is "A representation of the meaning of the code in the system, following the rules of the
// system" (https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.display): where the code system is loaded,
// the display is one of the displays it gives the code. As the HL7 validator does offline (its in-memory
// ValueSetValidator, asked for English), the concept's display and its designations count when they are in
// English or in no stated language; case is ignored, and a display that differs only in its blanks gets its
// own message. A code system that gives the code no English display leaves the display unchecked.
import type { DefinitionStore } from '../../definitions/definition-store';
import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

/** The English displays of each code, per loaded code system (definitions do not change during a run). */
const displaysOf = new WeakMap<object, Map<string, string[]>>();

const english = (language: unknown) => language === undefined || (typeof language === 'string' && /^en(-|$)/i.test(language));

function codeDisplays(cs: Record<string, any>): Map<string, string[]> {
  let map = displaysOf.get(cs);
  if (map) return map;
  map = new Map();
  const csEnglish = english(cs.language);
  const walk = (concepts: unknown) => {
    if (!Array.isArray(concepts)) return;
    for (const c of concepts) {
      if (typeof c?.code !== 'string') continue;
      const shown: string[] = [];
      if (typeof c.display === 'string' && csEnglish) shown.push(c.display);
      for (const d of Array.isArray(c.designation) ? c.designation : []) if (typeof d?.value === 'string' && english(d.language)) shown.push(d.value);
      map!.set(c.code, shown);
      walk(c.concept);
    }
  };
  walk(cs.concept);
  displaysOf.set(cs, map);
  return map;
}

const blanks = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function checkCodingDisplay(coding: Record<string, any>, definitions: DefinitionStore, expression: string, out: IssueCollector): void {
  const { system, code, display } = coding;
  if (typeof system !== 'string' || typeof code !== 'string' || typeof display !== 'string') return;
  const cs = definitions.get(typeof coding.version === 'string' ? `${system}|${coding.version}` : system);
  if (cs?.resourceType !== 'CodeSystem' || (cs.content !== 'complete' && cs.content !== 'fragment')) return;
  const shown = codeDisplays(cs).get(code);
  if (!shown?.length) return;
  const lower = display.toLowerCase();
  if (shown.some((s) => s.toLowerCase() === lower)) return;
  const onlyBlanks = shown.some((s) => blanks(s) === blanks(display));
  const list = shown.map((s) => `'${s}'`);
  const valid = list.length === 1 ? `Valid display is ${list[0]}` : `Valid display is one of ${list.length} choices: ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  const site: Site = { container: coding, key: 'display' };
  out.add('error', 'invalid', `Wrong ${onlyBlanks ? 'whitespace in ' : ''}Display Name '${display}' for ${system}#${code}. ${valid} (for the language(s) 'en')`, `${expression}.display`, site, onlyBlanks ? 'Display_Name_WS_for__should_be_one_of__instead_of' : 'Display_Name_for__should_be_one_of__instead_of');
}

export const codingDisplayRule: ValidatorRule = {
  name: 'coding-display',
  ids: ['Display_Name_for__should_be_one_of__instead_of', 'Display_Name_WS_for__should_be_one_of__instead_of'],
  checks: "a Coding's display is one of the English displays its loaded code system gives the code (case ignored)",
  spec: 'https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.display',
  hooks: {
    type: {
      Coding: (e: ValueEvent, w: Walk) => {
        if (e.value !== null && typeof e.value === 'object') checkCodingDisplay(e.value as Record<string, any>, w.models.definitions, e.expression, w.out);
      },
    },
  },
};
