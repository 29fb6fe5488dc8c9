import { eachElement, list, sameSet, type CheckKind } from './check';

export interface TypesCheck {
  kind: 'types';
  path: string;
  /** The type codes, in any order. */
  codes: string[];
}

export const types: CheckKind<TypesCheck> = {
  kind: 'types',
  describe: (c) => `${c.path} has type ${c.codes.join(' | ')}`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      const codes = (e.type ?? []).map((t) => t.code);
      return sameSet(codes, c.codes) ? undefined : `${shown} has type ${list(codes)}, expected ${list(c.codes)}`;
    }),
};
