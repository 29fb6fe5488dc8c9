import { eachElement, type CheckKind } from './check';

export interface SummaryFlagCheck {
  kind: 'summary';
  /** An element, or `*` for every own element below the root. */
  path: string;
  /** Whether the element is in the summary; true unless given. */
  summary?: boolean;
}

export const summaryFlag: CheckKind<SummaryFlagCheck> = {
  kind: 'summary',
  describe: (c) => `${c.path === '*' ? 'every element' : c.path} is ${c.summary === false ? 'not ' : ''}a summary element (Σ)`,
  run: (c, view) => {
    const wanted = c.summary ?? true;
    return eachElement(view, c.path, (e, shown) =>
      (e.isSummary === true) === wanted ? undefined : `${shown} is ${wanted ? 'not ' : ''}a summary element (Σ)`,
    );
  },
};
