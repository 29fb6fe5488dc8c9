// The node-side sources of the definitions store: they read files, folders, package.tgz files and
// the FHIR package cache, and fill a DefinitionStore (which itself never touches the file system).
export { addSource, DefinitionReader, type SourceOptions } from './add-source';
export { addFolder } from './folder-source';
export { addPackageTgz, MAX_PACKAGE_BYTES } from './package-tgz-source';
export { locatePackage, parsePackageSpec, type LocateOptions, type PackageSpec } from './package-locator';
export { loadPinnedDefinitions, loadProjectDefinitions, pinnedPackageDirs, pinnedPackageVersions, projectRoot, type ProjectDefinitionOptions } from './project-definitions';
