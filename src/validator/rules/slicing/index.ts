// Slicing (FHIR R5 profiling.html#slicing): the items of a sliced element are put in their slices by the
// discriminators, then checked against the slicing's rules and each slice's cardinality.
export { assignSlices, type SlicedItems } from './slice-assignment';
export type { SlicingHost } from './slice-matcher';
export type { TypedValue } from './discriminator-path';
