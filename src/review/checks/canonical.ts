import type { CheckKind } from './check';

export interface CanonicalCheck {
  kind: 'canonical';
  /** The canonical URL the definition must have. */
  url: string;
}

/** A changed URL is a finding of its own, so that the review names it instead of failing to start. */
export const canonical: CheckKind<CanonicalCheck> = {
  kind: 'canonical',
  describe: (c) => `the canonical URL is ${c.url}`,
  run: (c, view) => (view.sd.url === c.url ? [] : [`the definition's URL is ${view.sd.url ?? '(none)'}, expected ${c.url}`]),
};
