import type { ConversionReport } from './outcome';
import type { ImagingReferenceInstance } from './resources';

/** More duplicated instances than this are reported in one issue. */
const SUMMARY_AFTER = 5;

/**
 * One entry per SOP Instance UID (invariant irf-3): sources that list an instance several times
 * (real KOS documents do) are merged, frames and observation UIDs unioned in first-seen order; an
 * occurrence that selects the instance whole makes the merged entry whole. Each merge is reported.
 */
export function mergeInstances(instances: ImagingReferenceInstance[], where: string, report: ConversionReport, expression?: string): ImagingReferenceInstance[] {
  const byUid = new Map<string, ImagingReferenceInstance[]>();
  for (const instance of instances) {
    const listed = byUid.get(instance.uid);
    if (listed) listed.push(instance);
    else byUid.set(instance.uid, [instance]);
  }
  const merged: ImagingReferenceInstance[] = [];
  const duplicated = [...byUid.values()].filter((o) => o.length > 1).length;
  // Archives that repeat every entry would give one message per instance: past a few, one summary.
  const summarise = duplicated > SUMMARY_AFTER;
  if (summarise) report.guess(expression, `${where}: ${duplicated} instances are listed more than once: each merged into one, parts unioned (an entry that selects the instance whole wins)`);
  for (const [uid, occurrences] of byUid) {
    if (occurrences.length === 1) {
      merged.push(occurrences[0]);
      continue;
    }
    const result: ImagingReferenceInstance = { ...occurrences[0] };
    const classes = new Set(occurrences.map((o) => o.sopClass).filter((c) => c !== undefined));
    if (classes.size > 1) report.loss(expression, `${where}: instance ${uid} is listed with different SOP classes (${[...classes].join(', ')}): the first is kept`);
    const whole = occurrences.some((o) => !o.frameNumber?.length && !o.observationUid?.length);
    delete result.frameNumber;
    delete result.observationUid;
    if (!whole) {
      const frames = [...new Set(occurrences.flatMap((o) => o.frameNumber ?? []))];
      const observations = [...new Set(occurrences.flatMap((o) => o.observationUid ?? []))];
      if (frames.length) result.frameNumber = frames;
      if (observations.length) result.observationUid = observations;
    }
    if (!summarise) report.guess(expression, `${where}: instance ${uid} is listed ${occurrences.length} times: merged into one${whole ? ' (selected whole)' : ', parts unioned'}`);
    merged.push(result);
  }
  return merged;
}

/** Frame numbers or other parts listed more than once, once each (reported). */
export function uniqueParts<T>(parts: T[], what: string, report: ConversionReport, expression?: string): T[] {
  const unique = [...new Set(parts)];
  if (unique.length < parts.length) report.guess(expression, `${what} lists the same item more than once: duplicates removed`);
  return unique;
}
