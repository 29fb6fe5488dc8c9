import type { IssueCollector } from '../outcome/issue-collector';
import { isAbsoluteUrl, restfulType } from './restful-url';
import type { ValidatorRule } from './rule';

/**
 * Bundle.entry.fullUrl: "The Absolute URL for the resource ... if the fullUrl does look like a RESTful
 * server URL (e.g. meets the regex), then the 'id' portion of the fullUrl SHALL end with the
 * Resource.id" (https://hl7.org/fhir/R5/bundle-definitions.html#Bundle.entry.fullUrl). As the HL7
 * validator (BundleValidator), with its message ids: the type before the id must be the entry's too.
 * Every Bundle is checked where the walker meets it, so nested Bundles are too.
 */
export function checkBundleEntries(bundle: Record<string, any>, expression: string, isResourceType: (name: string) => boolean, out: IssueCollector): void {
  const entries = bundle.entry;
  if (!Array.isArray(entries)) return;
  entries.forEach((entry: any, i: number) => {
    const fullUrl = entry?.fullUrl;
    if (typeof fullUrl !== 'string' || fullUrl === '') return;
    const where = `${expression}.entry[${i}].fullUrl`;
    const site = { container: entry, key: 'fullUrl' };
    if (!isAbsoluteUrl(fullUrl)) {
      out.add('error', 'invalid', `The fullUrl must be an absolute URL (not '${fullUrl}')`, where, site, 'BUNDLE_ENTRY_URL_ABSOLUTE');
      return;
    }
    const type = entry.resource?.resourceType;
    if (typeof type !== 'string' || !restfulType(fullUrl, isResourceType)) return;
    const id = entry.resource.id;
    if (typeof id !== 'string') {
      out.add('error', 'invalid', `The fullUrl '${fullUrl}' looks like a RESTful server URL, but the resource has no id`, where, site, 'BUNDLE_ENTRY_URL_MATCHES_NO_ID');
    } else if (!fullUrl.endsWith(`/${type}/${id}`)) {
      out.add('error', 'invalid', `The fullUrl '${fullUrl}' looks like a RESTful server URL, so it must end with the correct type and id (/${type}/${id})`, where, site, 'BUNDLE_ENTRY_URL_MATCHES_TYPE_ID');
    }
  });
}

export const bundleEntriesRule: ValidatorRule = {
  name: 'bundle-entries',
  ids: ['BUNDLE_ENTRY_URL_ABSOLUTE', 'BUNDLE_ENTRY_URL_MATCHES_NO_ID', 'BUNDLE_ENTRY_URL_MATCHES_TYPE_ID'],
  checks: "a Bundle entry's fullUrl is absolute, and one ending in Type/id names its entry's own type and id (nested Bundles too)",
  spec: 'https://hl7.org/fhir/R5/bundle.html#bundle-unique',
  hooks: {
    afterResource: (e, w) => {
      if (e.typeCode === 'Bundle') checkBundleEntries(e.value as Record<string, any>, e.expression, (name) => w.models.typeKind(name) === 'resource', w.out);
    },
  },
};
