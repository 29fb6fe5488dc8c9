import type { SnapshotView } from '../../ig/structure-definition';
import type { CoreDefinitions } from '../core-definitions';

/** What the decision records say about the QA rules: the deliberate exceptions, each with its reason. */
export interface QaData {
  /** Top-level elements deliberately without a W5 (FiveWs) mapping, with the reason. */
  w5Unmapped: Record<string, string>;
  /** Event pattern elements (`status`, `performer.function`) that ImagingReference lacks, with the reason. */
  eventPatternLacks: Record<string, string>;
}

export interface QaContext {
  view: SnapshotView;
  core: CoreDefinitions;
  data: QaData;
}

/**
 * A resource-design rule of the kind the FHIR core build applies to resource definitions.
 * `run` returns the findings; an empty list means the rule holds.
 */
export interface QaRule {
  id: string;
  /** The rule in a few words (the item's seed when no review bullet names it). */
  title: string;
  /** What holds when the rule passes. */
  outcome: string;
  run(ctx: QaContext): string[];
}

/** `FiveWs.what[x]` and `FiveWs.what` name the same element. */
export function withoutChoiceSuffix(path: string): string {
  return path.replace(/\[x\]$/, '');
}

/** The own elements of a definition below its root, with their relative paths. */
export function ownBelowRoot(view: SnapshotView): { path: string; element: SnapshotView['root'] }[] {
  return view
    .ownElements()
    .filter((e) => e !== view.root)
    .map((element) => ({ path: view.relativePath(element), element }));
}
