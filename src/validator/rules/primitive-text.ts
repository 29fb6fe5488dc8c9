import type { IssueCollector, Site } from '../outcome/issue-collector';
import { checkCanonical } from './canonical';
import { checkNumberText } from './numbers';
import type { PrimitiveRules } from './primitives';

/**
 * The checks on a primitive value that its type's JSON type and regex do not make: how a number
 * was written, a canonical's version. False when the value has an error (its other rules are then skipped).
 */
export function checkPrimitiveText(type: string, value: unknown, site: Site, expression: string, primitives: PrimitiveRules, out: IssueCollector): boolean {
  if (typeof value === 'number') return checkNumberText(type, value, site, expression, primitives, out);
  if (type === 'canonical' && typeof value === 'string') return checkCanonical(value, site, expression, out);
  return true;
}
