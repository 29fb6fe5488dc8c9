import { elementDescriptions } from './element-descriptions';
import { elementNames } from './element-names';
import { eventPattern } from './event-pattern';
import type { QaRule } from './rule';
import { summaryElements } from './summary-elements';
import { versionMappings } from './version-mappings';
import { w5Mappings } from './w5-mappings';

/** The resource-design QA rules, in report order. */
export const QA_RULES: readonly QaRule[] = [elementNames, elementDescriptions, summaryElements, w5Mappings, eventPattern, versionMappings];

export function qaRule(id: string): QaRule | undefined {
  return QA_RULES.find((r) => r.id === id);
}

export type { QaRule, QaContext, QaData } from './rule';
export { compareWithEventPattern, type EventPatternRow, type EventPatternComparison } from './event-pattern';
