import type { ModelRegistry } from '../model/model-registry';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

/** How a primitive type is written in JSON and what its value must match. */
export interface PrimitiveRule {
  type: string;
  json: 'string' | 'number' | 'boolean';
  regex?: RegExp;
  /** What the regex cannot say: integer ranges, real calendar dates, the time-zone rule. */
  extra?: (value: any) => string | undefined;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function integerRange(min: number): (v: number) => string | undefined {
  return (v) => {
    if (!Number.isInteger(v)) return 'is not a whole number';
    if (v < min) return min === 1 ? 'must be 1 or more' : `must be ${min} or more`;
    if (v > INT32_MAX) return 'is larger than a 32-bit integer';
    return undefined;
  };
}

const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** Checks that a day exists (no 30 February) for dates with a day part. */
function realDate(v: string): string | undefined {
  const m = DATE_PART.exec(v);
  if (!m || !m[3]) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day > days ? `is not a calendar date (${m[1]}-${m[2]} has ${days} days)` : undefined;
}

/** dateTime: if hours and minutes are given, a time zone SHALL be given (FHIR R5 datatypes §2.1.28.0.1). */
function dateTime(v: string): string | undefined {
  const bad = realDate(v);
  if (bad) return bad;
  if (v.includes('T') && !/(Z|[+-]\d{2}:\d{2})$/.test(v)) return 'has a time but no time zone';
  return undefined;
}

const EXTRA: Record<string, (v: any) => string | undefined> = {
  integer: (v) => (!Number.isInteger(v) ? 'is not a whole number' : v < INT32_MIN || v > INT32_MAX ? 'is outside the 32-bit integer range' : undefined),
  positiveInt: integerRange(1),
  unsignedInt: integerRange(0),
  date: realDate,
  dateTime,
  instant: dateTime,
};

const NUMBER_TYPES = new Set(['integer', 'positiveInt', 'unsignedInt', 'decimal']);

/** Primitive rules built from the R5 primitive StructureDefinitions (the regex extension on `value`). */
export class PrimitiveRules {
  private readonly rules = new Map<string, PrimitiveRule>();

  constructor(private readonly models: ModelRegistry) {}

  rule(type: string): PrimitiveRule {
    let rule = this.rules.get(type);
    if (!rule) {
      rule = this.build(type);
      this.rules.set(type, rule);
    }
    return rule;
  }

  private build(type: string): PrimitiveRule {
    if (type.startsWith('http://hl7.org/fhirpath/System.')) {
      const sys = type.slice('http://hl7.org/fhirpath/System.'.length);
      return { type, json: sys === 'Boolean' ? 'boolean' : sys === 'Integer' || sys === 'Decimal' ? 'number' : 'string' };
    }
    let regex: RegExp | undefined;
    const url = this.models.definitions.typeDefinitionUrl(type);
    const elements: any[] = (url && this.models.definitions.get(url)?.snapshot?.element) || [];
    const source = elements.find((e) => e.path === `${type}.value`);
    const pattern = source?.type?.[0]?.extension?.find((x: any) => x.url === 'http://hl7.org/fhir/StructureDefinition/regex')?.valueString;
    if (typeof pattern === 'string') regex = new RegExp(`^(?:${pattern})$`);
    return { type, json: type === 'boolean' ? 'boolean' : NUMBER_TYPES.has(type) ? 'number' : 'string', regex, extra: EXTRA[type] };
  }

  /** The problem with a primitive value, or undefined when it is fine. */
  check(type: string, value: unknown): { code: 'structure' | 'value'; message: string } | undefined {
    const rule = this.rule(type);
    if (typeof value !== rule.json) {
      return { code: 'structure', message: `a ${type} must be a JSON ${rule.json}, not ${describeJson(value)}` };
    }
    if (rule.json === 'string') {
      if ((value as string).length === 0) return { code: 'value', message: `empty string: a ${type} must have a value or be left out` };
      if (rule.regex && !rule.regex.test(value as string)) return { code: 'value', message: `"${truncate(value as string)}" is not a valid ${type}` };
    }
    const extra = rule.extra?.(value);
    if (extra) return { code: 'value', message: `${type} ${JSON.stringify(value)} ${extra}` };
    return undefined;
  }
}

/** A primitive has its JSON type (a structure rule's id, checked here in the same look-up) and a value its type allows. */
function primitive(e: ValueEvent, w: Walk): boolean {
  const problem = w.primitives.check(e.typeCode!, e.value);
  if (!problem) return true;
  w.out.add('error', problem.code, problem.message, e.expression, e.site, problem.code === 'structure' ? 'structure-json-type' : 'primitive-format');
  return false;
}

export const primitivesRule: ValidatorRule = {
  name: 'primitives',
  ids: ['primitive-format'],
  checks: 'a primitive value matches the regex of its type, integers fit their range, dates exist, a dateTime with a time has a time zone',
  spec: 'https://hl7.org/fhir/R5/datatypes.html#primitive',
  hooks: { primitive },
  runsIn: 'also the XML reader (a value attribute that cannot be its type)',
};

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
