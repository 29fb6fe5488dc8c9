import currencyCodes = require('currency-codes');
import { memoized, type KnownCodeSystem } from './known-system';

let codes: Set<string> | undefined;

/** ISO 4217 (urn:iso:std:iso:4217): the alphabetic currency codes of the ISO list (currency-codes); codes are upper case. */
function check(code: string) {
  codes ??= new Set(currencyCodes.codes());
  if (codes.has(code)) return { valid: true as const };
  const hint = codes.has(code.toUpperCase()) ? ` (ISO 4217 codes are upper case: "${code.toUpperCase()}")` : '';
  return { valid: false as const, reason: `"${code}" is not an ISO 4217 currency code${hint}` };
}

export const currencies: KnownCodeSystem = { url: 'urn:iso:std:iso:4217', title: 'ISO 4217 currencies', check: memoized(check) };
