// The validator reads its definitions from the project's one store, src/definitions (pure data:
// no file system). These names stay for the validator modules that still import them from here.
export { DefinitionStore as DefinitionRegistry, type Definition } from '../../definitions/definition-store';
export { DefinitionSourceError as DefinitionLoadError } from '../../definitions/errors';
