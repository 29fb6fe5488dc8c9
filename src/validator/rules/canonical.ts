import type { IssueCollector, Site } from '../outcome/issue-collector';

/**
 * A canonical may name a version after a bar, `url|version` (https://hl7.org/fhir/R5/references.html#canonical):
 * a bar with nothing after it names no version, and no resource has an empty version to match it. The
 * HL7 validator says only that such a canonical resolves to nothing (a warning).
 */
export function checkCanonical(value: string, site: Site, expression: string, out: IssueCollector): boolean {
  if (!value.endsWith('|') && !value.includes('|#')) return true;
  out.add('error', 'value', `The canonical '${value}' has a '|' with no version after it: write url|version, or the url alone`, expression, site, 'canonical-empty-version');
  return false;
}
