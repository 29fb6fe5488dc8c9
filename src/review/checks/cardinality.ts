import { eachElement, type CheckKind } from './check';

export interface CardinalityCheck {
  kind: 'cardinality';
  path: string;
  min: number;
  max: string;
}

export const cardinality: CheckKind<CardinalityCheck> = {
  kind: 'cardinality',
  describe: (c) => `${c.path} is ${c.min}..${c.max}`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) =>
      e.min === c.min && e.max === c.max ? undefined : `${shown} is ${e.min ?? '?'}..${e.max ?? '?'}, expected ${c.min}..${c.max}`,
    ),
};
