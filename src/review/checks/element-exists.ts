import type { CheckKind } from './check';

export interface ElementExistsCheck {
  kind: 'exists';
  path: string;
}

/** The element is in the definition (a kept or renamed element). */
export const elementExists: CheckKind<ElementExistsCheck> = {
  kind: 'exists',
  describe: (c) => `${c.path} exists`,
  run: (c, view) => (view.element(c.path) ? [] : [`no element ${c.path} in the definition`]),
};
