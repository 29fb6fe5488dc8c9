// The project's one store of FHIR definitions (pure, for the browser too). Its node-side sources are in ./sources.
export { DefinitionStore, summarize, type Definition, type DefinitionSummary, type PackageContents } from './definition-store';
export { DefinitionSourceError, PackageNotFoundError } from './errors';
