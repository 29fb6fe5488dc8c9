// The converters: DICOM KOS, STU3 ImagingManifest and R5 ImagingSelection to and from ImagingReference.
export * from './convert';
export * from './bundle';
export * from './errors';
export * from './outcome';
export type * from './resources';
export { kosToImagingReferences, KOS_SOP_CLASS } from './kos/kos-to-imaging-reference';
export { imagingReferencesToKos, type Resolver } from './kos/imaging-reference-to-kos';
export { folderResolver } from './resolve';
export { imagingManifestToImagingReferences } from './imaging-manifest/imaging-manifest-to-imaging-reference';
export { imagingReferenceToImagingSelection } from './imaging-selection/imaging-reference-to-imaging-selection';
export { imagingSelectionToImagingReference } from './imaging-selection/imaging-selection-to-imaging-reference';
export * from './validate-output';
