// SOP classes whose `ImagingSelection.instance.subset` items are not frame numbers.

/** Structured Report storage classes (PS3.4 B.5): subsets are Observation UIDs of content items. */
export function isStructuredReport(sopClass: string | undefined): boolean {
  return sopClass?.startsWith('1.2.840.10008.5.1.4.1.1.88.') ?? false;
}

/**
 * Segmentation, Surface Segmentation, Label Map Segmentation, Height Map Segmentation and RT
 * Structure Set: subsets are segment or ROI numbers, not frames.
 */
const NUMBERED_PARTS = new Set([
  '1.2.840.10008.5.1.4.1.1.66.4',
  '1.2.840.10008.5.1.4.1.1.66.5',
  '1.2.840.10008.5.1.4.1.1.66.7',
  '1.2.840.10008.5.1.4.1.1.66.8',
  '1.2.840.10008.5.1.4.1.1.481.3',
]);

export function hasNumberedParts(sopClass: string | undefined): boolean {
  return sopClass !== undefined && NUMBERED_PARTS.has(sopClass);
}
