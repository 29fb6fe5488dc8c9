import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { memoized, type CodeVerdict, type KnownCodeSystem } from './known-system';

/**
 * UCUM (http://unitsofmeasure.org): any valid UCUM expression is a code (@lhncbc/ucum-lhc parses it).
 * An annotation's text has no meaning to the parser; ucum-lhc refuses a space in one where the
 * UCUM Java library of the HL7 validator accepts any printable ASCII but braces, so the text is
 * set aside before parsing.
 *
 * ucum-lhc's time grows with the square of the number of operators in one string (each step copies
 * the whole expression into its messages): a 290 KB unit took 21 s (found by npm run fuzz). So ucum-lhc
 * is given a whole expression only up to WHOLE_EXPRESSION_OPERATORS operators, which no real unit
 * comes near. A longer one is read here in one pass, as UCUM's grammar allows
 * (https://ucum.org/ucum#section-Syntax-Rules: a term is components joined by `.` and `/`, a
 * parenthesised term is one component): each parenthesised term, innermost first, is checked and then
 * stands as one component in its enclosing term, and ucum-lhc sees one component at a time, alone and as a
 * factor (`m.c`), the way it refuses a non-ratio unit such as Cel or B[uV] in a product.
 */
function check(code: string): CodeVerdict {
  const plain = code.replace(/\{[\x20-\x7a\x7c\x7e]+\}/g, '{a}');
  const whole = plain.length <= WHOLE_EXPRESSION_CHARS && operators(plain) <= WHOLE_EXPRESSION_OPERATORS;
  const why = whole ? ucumLhcProblem(plain) : problemOf(plain);
  return why === undefined ? { valid: true } : { valid: false, reason: `"${code}" is not a valid UCUM unit${why ? `: ${why}` : ''}` };
}

const WHOLE_EXPRESSION_OPERATORS = 64;
const WHOLE_EXPRESSION_CHARS = 1000;
/**
 * A prefix, an atom (the longest, bracketed, are about a dozen characters), an exponent and an annotation
 * (set aside as `{a}`) come nowhere near this; ucum-lhc's time on one component grows with its square.
 */
const MAX_COMPONENT_CHARS = 64;

function operators(expression: string): number {
  let count = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression.charCodeAt(i);
    if (c === 0x2e || c === 0x2f || c === 0x28) count++; // . / (
  }
  return count;
}

/** Why the expression is not valid UCUM ('' when ucum-lhc gives no reason), or undefined when it is. */
function problemOf(untrimmed: string): string | undefined {
  const expression = untrimmed.trim(); // as ucum-lhc trims the expression it is given
  // The pieces of each open term, innermost last; text is copied a run at a time, from `from` on.
  const open: string[][] = [[]];
  let from = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) i = groupEnd(expression, i);
    else if (c === 0x28) {
      open[open.length - 1].push(expression.slice(from, i));
      open.push([]);
      from = i + 1;
    } else if (c === 0x29) {
      if (open.length === 1) return 'a closing parenthesis without an opening one';
      open[open.length - 1].push(expression.slice(from, i));
      from = i + 1;
      const term = open.pop()!.join('');
      const components = splitComponents(term);
      const why = termProblem(term, components, true);
      if (why !== undefined) return why;
      open[open.length - 1].push(standIn(term, components));
    }
  }
  if (open.length > 1) return 'an opening parenthesis without a closing one';
  open[0].push(expression.slice(from));
  const term = open[0].join('');
  return termProblem(term, splitComponents(term), false);
}

/** Where an annotation `{…}` or a bracketed atom `[…]` that opens at `start` ends: skipped whole, their text may hold operators and parentheses. */
function groupEnd(text: string, start: number): number {
  const end = text.indexOf(text[start] === '{' ? '}' : ']', start);
  return end === -1 ? text.length - 1 : end;
}

/**
 * What stands for a parenthesised term once it has been found valid: `(m)`, or the component itself when the
 * term is one, so that a non-ratio unit (`(Cel)`) is still refused as a factor.
 */
function standIn(term: string, components: readonly Component[]): string {
  if (components.length > 1) return '(m)';
  return term.startsWith('(') ? term : `(${shape(term)})`;
}

/**
 * A component with its exponent or factor as `1`: the digits do not change what ucum-lhc says of it (no atom
 * outside brackets ends in a digit), and so thousands of `m2`, `m3`, … `840`, `10008` share one verdict.
 */
function shape(component: string): string {
  return component.replace(/\d+(?=(\{[^}]*\})?$)/, '1');
}

/** A term without parentheses of its own (they stand in for theirs by now): each of its components, checked alone and as a factor. */
function termProblem(term: string, components: readonly Component[], parenthesised: boolean): string | undefined {
  for (let i = 0; i < components.length; i++) {
    const { text, operator } = components[i];
    if (text.length > MAX_COMPONENT_CHARS) {
      return `a component of over ${MAX_COMPONENT_CHARS} characters (${text.slice(0, 20)}…) is no UCUM unit`;
    } else if (text) {
      const key = shape(text);
      const why = ucumLhcProblem(key) ?? (components.length > 1 ? ucumLhcProblem(`m.${key}`) : undefined);
      if (why !== undefined) return why;
    } else if (!(i === 0 && operator === '/' && !parenthesised && components.length > 1)) {
      // Only the main term may begin with `/` (UCUM §2.1: main-term ::= "/" term | term).
      return term ? `a unit is missing ${i === 0 ? 'before' : 'after'} the operator ${operator ?? components[i - 1].operator} in ${term}` : 'an empty term';
    }
  }
  return undefined;
}

interface Component {
  text: string;
  /** The operator after it (none after the last). */
  operator?: string;
}

/** The components of a term; annotations and bracketed atoms are not split. */
function splitComponents(term: string): Component[] {
  const components: Component[] = [];
  let start = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term[i];
    if (c === '{' || c === '[') i = groupEnd(term, i);
    else if (c === '.' || c === '/') {
      components.push({ text: term.slice(start, i), operator: c });
      start = i + 1;
    }
  }
  components.push({ text: term.slice(start) });
  return components;
}

/** An expression or one component (`mg`, `10*3`, `{a}`, `(m)`), as ucum-lhc judges it; components repeat, so verdicts are kept. */
const ucumLhcProblem = (() => {
  let lhc: UcumLhcUtils | undefined; // getInstance makes a new one at every call
  const verdicts = memoized((expression) => {
    lhc ??= UcumLhcUtils.getInstance();
    const result = quietly(() => lhc!.validateUnitString(expression, false));
    return result.status === 'valid' ? { valid: true } : { valid: false, reason: result.msg.join(' ').trim() };
  }, 100_000);
  return (expression: string) => {
    const verdict = verdicts(expression);
    return verdict.valid ? undefined : verdict.reason;
  };
})();

/**
 * ucum-lhc writes to console.log when its parser throws on a unit ("Unit requested for unit string …",
 * ucumLhcUtils.js getSpecifiedUnit): a validator must never print, its caller's stdout may carry a report
 * (found by npm run fuzz). The call is synchronous, so console.log is silenced for exactly its duration.
 */
function quietly<T>(call: () => T): T {
  const log = console.log;
  console.log = () => {};
  try {
    return call();
  } finally {
    console.log = log;
  }
}

export const ucum: KnownCodeSystem = { url: 'http://unitsofmeasure.org', title: 'UCUM units', check: memoized(check) };
