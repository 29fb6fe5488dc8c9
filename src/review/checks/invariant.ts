import { eachElement, type CheckKind } from './check';
import { invariantHolds, showSample } from './invariant-samples';

export interface InvariantCheck {
  kind: 'invariant';
  /** The element the invariant is on; omit for the root. */
  path?: string;
  key: string;
  severity: 'error' | 'warning';
  /** Values of the element (the resource's content for the root) that the expression must accept. */
  accept?: unknown[];
  /** Values it must reject: with them, a weakened or emptied expression fails the check, not only a missing key. */
  reject?: unknown[];
}

export const invariant: CheckKind<InvariantCheck> = {
  kind: 'invariant',
  describe: (c) => `${c.path || 'the root'} obeys ${c.key} (${c.severity})`,
  run: (c, view) =>
    eachElement(view, c.path, (e, shown) => {
      const found = e.constraint?.find((k) => k.key === c.key);
      if (!found) return `${shown} does not obey ${c.key}`;
      const problems: string[] = [];
      if (found.severity !== c.severity) problems.push(`has severity ${found.severity}, expected ${c.severity}`);
      const expression = typeof found.expression === 'string' ? found.expression.trim() : '';
      if (!expression) return `${c.key} on ${shown} has no expression`;
      const wrong = (samples: unknown[] | undefined, want: boolean) =>
        (samples ?? []).flatMap((sample) => {
          const holds = invariantHolds(view, c.path ?? '', expression, sample);
          if (holds === want) return [];
          return [typeof holds === 'string' ? `${holds} (on ${showSample(sample)})` : `${want ? 'rejects' : 'accepts'} ${showSample(sample)}`];
        });
      const accepts = wrong(c.accept, true);
      const rejects = wrong(c.reject, false);
      if (accepts.length) problems.push(`${accepts.join('; ')}, which it must accept`);
      if (rejects.length) problems.push(`${rejects.join('; ')}, which it must reject`);
      return problems.length ? `${c.key} on ${shown} ${problems.join('; ')} (expression: ${expression})` : undefined;
    }),
};
