// The executable design review: decision records, their checks, and the resource-design QA rules.
export * from './review';
export * from './data';
export { CHECK_KINDS, runCheck, describeCheck, type CheckSpec, type CheckKindName } from './checks';
export { QA_RULES, qaRule, compareWithEventPattern, type QaRule, type QaData, type EventPatternRow } from './qa';
export { CoreDefinitions, CoreDefinitionsError } from './core-definitions';
export { formatText } from './format/text';
export { formatMarkdown } from './format/markdown';
