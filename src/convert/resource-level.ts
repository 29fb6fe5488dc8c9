// Resource-level content every FHIR resource has (Resource.meta, DomainResource.text): carried
// to the converted resource, except what belongs to the source resource as a stored version.
import type { ConversionReport } from './outcome';

interface Meta {
  versionId?: string;
  lastUpdated?: string;
  profile?: string[];
  [key: string]: unknown;
}

/**
 * meta: security labels, tags and source are about the content and travel with it; versionId and
 * lastUpdated are the source's version on its server, and its profiles are of the source's type.
 */
export function carryMeta(meta: Meta | undefined, path: string, report: ConversionReport): Meta | undefined {
  if (!meta || typeof meta !== 'object') return undefined;
  const carried: Meta = { ...meta };
  for (const key of ['versionId', 'lastUpdated', 'profile'] as const) {
    if (carried[key] === undefined) continue;
    delete carried[key];
    delete carried[`_${key}`];
    report.loss(`${path}.meta.${key}`, `meta.${key} belongs to the source resource (${key === 'profile' ? 'profiles of its type' : 'its stored version'}): dropped`);
  }
  return Object.keys(carried).length ? carried : undefined;
}

/** The narrative describes the same selection: carried as it is, and said so. */
export function carryText(text: unknown, path: string, report: ConversionReport): unknown {
  if (text === undefined) return undefined;
  report.note(`${path}.text`, 'text (the narrative) carried as it is; it was written for the source resource');
  return text;
}
