import type { ElementDefinition, SnapshotView } from '../../ig/structure-definition';
import type { BuildArtifacts } from '../artifacts';

/**
 * One kind of machine check of a decision record: what the data file writes (`spec`),
 * how the report names it, and what it finds wrong in a snapshot (an empty list: it holds).
 */
export interface CheckKind<S extends { kind: string }> {
  kind: S['kind'];
  describe(spec: S): string;
  /** `build` holds the other resources of the build, for checks that are about them. */
  run(spec: S, view: SnapshotView, build: BuildArtifacts): string[];
}

/**
 * The elements a check applies to: `*` is every own element below the root; a missing element
 * is a finding of its own, so that a check on a removed element fails instead of passing vacuously.
 */
export function resolveElements(view: SnapshotView, path: string | undefined, findings: string[]): ElementDefinition[] {
  if (path === '*') return view.ownElements().filter((e) => e !== view.root);
  const e = view.element(path ?? '');
  if (!e) findings.push(`no element ${path} in the definition`);
  return e ? [e] : [];
}

/** Applies a per-element test to the elements a check names; `test` returns a finding or undefined. */
export function eachElement(
  view: SnapshotView,
  path: string | undefined,
  test: (e: ElementDefinition, shown: string) => string | undefined,
): string[] {
  const findings: string[] = [];
  for (const e of resolveElements(view, path, findings)) {
    const finding = test(e, view.displayPath(e));
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Compares two lists as sets, for messages like `has [a, b], expected [a]`. */
export function sameSet(actual: readonly string[], expected: readonly string[]): boolean {
  const a = new Set(actual);
  const b = new Set(expected);
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export function list(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}
