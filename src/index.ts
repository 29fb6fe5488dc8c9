// The library entry of the ImagingReference conformance kit.
export * from './packages/fhir-package-cache';
export * from './definitions';
export * from './definitions/sources';
export * from './ig/generated-resources';
export * from './ig/structure-definition';
export * from './review';
export * from './validator';
export * from './convert';
