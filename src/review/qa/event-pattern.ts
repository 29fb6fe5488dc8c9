import type { SnapshotView } from '../../ig/structure-definition';
import { withoutChoiceSuffix, type QaContext, type QaRule } from './rule';

/** The mapping identity with which core resources map their elements to the workflow patterns. */
export const WORKFLOW_IDENTITY = 'workflow';

export type EventPatternRelation = 'same name' | 'named differently' | 'lacks' | 'not in the pattern';

/** One row of the comparison with the Event pattern. */
export interface EventPatternRow {
  /** The pattern element (`Event.subject`), empty for an element the pattern does not have. */
  pattern: string;
  /** The ImagingReference element (`subject`), empty when ImagingReference lacks the pattern element. */
  element: string;
  relation: EventPatternRelation;
  /** Why ImagingReference lacks it or goes beyond the pattern. */
  note?: string;
}

export interface EventPatternComparison {
  rows: EventPatternRow[];
  findings: string[];
}

/**
 * Compares ImagingReference with the Event pattern through its `workflow` mapping (as core
 * resources do), so that a renamed element keeps its correspondence. A pattern element counts as
 * present when it or one of its children is mapped; the records give the reason for each one lacked.
 */
export function compareWithEventPattern(view: SnapshotView, event: SnapshotView, lacks: Record<string, string>): EventPatternComparison {
  const rows: EventPatternRow[] = [];
  const findings: string[] = [];
  if (!view.sd.mapping?.some((m) => m.identity === WORKFLOW_IDENTITY)) findings.push(`the definition declares no mapping with identity ${WORKFLOW_IDENTITY}`);

  const patternPaths = event.elements.slice(1).map((e) => e.path);
  const patternByKey = new Map(patternPaths.map((p) => [withoutChoiceSuffix(p), p]));
  const mappedTo = new Map<string, string[]>(); // pattern path -> ImagingReference elements
  const outside: EventPatternRow[] = [];

  for (const e of view.topLevelElements()) {
    const path = view.relativePath(e);
    const mapping = view.mapping(e, WORKFLOW_IDENTITY);
    if (!mapping) {
      findings.push(`${path} has no ${WORKFLOW_IDENTITY} (Event pattern) mapping: map it to an Event element, or to N/A with a comment`);
    } else if (mapping.map === 'N/A') {
      if (!mapping.comment?.trim()) findings.push(`${path} is not in the Event pattern, but its mapping does not say why`);
      outside.push({ pattern: '', element: path, relation: 'not in the pattern', note: mapping.comment });
    } else {
      const pattern = patternByKey.get(withoutChoiceSuffix(mapping.map));
      if (!pattern) findings.push(`${path} maps to ${mapping.map}, which is not an element of the Event pattern`);
      else mappedTo.set(pattern, [...(mappedTo.get(pattern) ?? []), path]);
    }
  }

  const hasMappedChild = (p: string) => [...mappedTo.keys()].some((m) => m.startsWith(`${p}.`));
  for (const pattern of patternPaths) {
    const relative = pattern.slice(pattern.indexOf('.') + 1);
    const elements = mappedTo.get(pattern);
    if (elements) {
      if (relative in lacks) findings.push(`${pattern} is listed as lacking, but ${elements.join(', ')} maps to it`);
      for (const element of elements) {
        const same = withoutChoiceSuffix(element) === withoutChoiceSuffix(relative);
        rows.push({ pattern, element, relation: same ? 'same name' : 'named differently' });
      }
    } else if (!hasMappedChild(pattern)) {
      const reason = lacks[relative];
      if (reason === undefined) findings.push(`ImagingReference lacks ${pattern}, and the records do not say why`);
      rows.push({ pattern, element: '', relation: 'lacks', note: reason });
    }
  }
  for (const listed of Object.keys(lacks)) {
    if (!patternPaths.some((p) => p.slice(p.indexOf('.') + 1) === listed)) findings.push(`${listed} is listed as lacking, but the Event pattern has no such element`);
  }
  return { rows: [...rows, ...outside], findings };
}

export const eventPattern: QaRule = {
  id: 'event-pattern',
  title: 'comparison with the Event pattern',
  outcome: 'Every top-level element maps to an Event pattern element or says why it is not in the pattern; every pattern element lacked has its reason.',
  run: ({ view, core, data }: QaContext) => compareWithEventPattern(view, core.view('Event'), data.eventPatternLacks).findings,
};
