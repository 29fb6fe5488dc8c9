import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { memoized, type KnownCodeSystem } from './known-system';

/**
 * UCUM (http://unitsofmeasure.org): any valid UCUM expression is a code (@lhncbc/ucum-lhc parses it).
 * An annotation's text has no meaning to the parser; ucum-lhc refuses a space in one where the
 * UCUM Java library of the HL7 validator accepts any printable ASCII but braces, so the text is
 * set aside before parsing.
 */
function check(code: string) {
  const plain = code.replace(/\{[\x20-\x7a\x7c\x7e]+\}/g, '{a}');
  const result = quietly(() => UcumLhcUtils.getInstance().validateUnitString(plain, false));
  if (result.status === 'valid') return { valid: true as const };
  const why = result.msg.join(' ').trim();
  return { valid: false as const, reason: `"${code}" is not a valid UCUM unit${why ? `: ${why}` : ''}` };
}

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
