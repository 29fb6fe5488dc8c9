// Snapshot generation for differential-only StructureDefinitions (profiles, extensions, logical
// models, profiles on profiles). Pure: definitions come in through a resolver.
export { SnapshotGenerator, generateSnapshot } from './generate-snapshot';
export { SnapshotError, UnknownBaseError, UnknownPathError, MissingSlicingError, CyclicDerivationError, InvalidConstraintError, MalformedDefinitionError } from './errors';
export type { StructureDefinition, ElementDefinition, DefinitionResolver } from './types';
