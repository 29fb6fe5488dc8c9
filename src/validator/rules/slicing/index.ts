// Slicing (FHIR R5 profiling.html#slicing): the items of a sliced element are put in their slices by the
// discriminators, then checked against the slicing's rules and each slice's cardinality.
import type { ValidatorRule } from '../rule';
import { assignSlices } from './slice-assignment';

export { assignSlices, type SlicedItems } from './slice-assignment';
export type { SlicingHost } from './slice-matcher';
export type { TypedValue } from './discriminator-path';

export const slicingRule: ValidatorRule = {
  name: 'slicing',
  ids: ['slicing-unevaluable', 'slicing-ambiguous', 'slicing-closed', 'slicing-open-at-end', 'slicing-order', 'slicing-min', 'slicing-max'],
  checks: 'each item of a sliced element is in at most one slice (by value, pattern, type, profile, exists, position), closed and openAtEnd and ordered slicing, slice min and max',
  spec: 'https://hl7.org/fhir/R5/profiling.html#slicing',
  hooks: { sliced: (s, w) => assignSlices(s, w.slicing, w.out) },
};
