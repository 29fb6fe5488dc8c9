import { eachElement, type CheckKind } from './check';

export interface InvariantCheck {
  kind: 'invariant';
  /** The element the invariant is on; omit for the root. */
  path?: string;
  key: string;
  severity: 'error' | 'warning';
}

export const invariant: CheckKind<InvariantCheck> = {
  kind: 'invariant',
  describe: (c) => `${c.path || 'the root'} obeys ${c.key} (${c.severity})`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      const found = e.constraint?.find((k) => k.key === c.key);
      if (!found) return `${shown} does not obey ${c.key}`;
      return found.severity === c.severity ? undefined : `${c.key} on ${shown} has severity ${found.severity}, expected ${c.severity}`;
    }),
};
