import type { CheckKind } from './check';

export interface ElementAbsentCheck {
  kind: 'absent';
  path: string;
}

/** The element is not in the definition (removed or renamed on purpose). */
export const elementAbsent: CheckKind<ElementAbsentCheck> = {
  kind: 'absent',
  describe: (c) => `${c.path} does not exist`,
  run: (c, view) => (view.element(c.path) ? [`element ${c.path} is back in the definition`] : []),
};
