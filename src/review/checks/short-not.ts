import { eachElement, type CheckKind } from './check';

export interface ShortNotCheck {
  kind: 'short-not';
  /** The element; omit for the root. */
  path?: string;
  /** A text the short description must not contain (case-insensitive). */
  text: string;
}

export const shortNot: CheckKind<ShortNotCheck> = {
  kind: 'short-not',
  describe: (c) => `the short description of ${c.path || 'the root'} does not say "${c.text}"`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) =>
      (e.short ?? '').toLowerCase().includes(c.text.toLowerCase()) ? `the short description of ${shown} says "${e.short}"` : undefined,
    ),
};
