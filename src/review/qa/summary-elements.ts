import type { QaContext, QaRule } from './rule';

/** The FHIR rule for summary elements: whatever a reader cannot do without is in the summary. */
export const summaryElements: QaRule = {
  id: 'summary-elements',
  title: 'mandatory and modifier elements are summary elements',
  outcome: 'Every mandatory (min >= 1) and every modifier element is a summary element (Σ).',
  run: ({ view }: QaContext) =>
    view.elements
      .filter((e) => e !== view.root && ((e.min ?? 0) >= 1 || e.isModifier === true) && e.isSummary !== true)
      .map((e) => `${view.relativePath(e)} is ${e.isModifier ? 'a modifier' : 'mandatory'} but not a summary element (Σ)`),
};
