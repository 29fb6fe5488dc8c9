// The JSON shapes of the resources the converters read and write (only the elements they map).
import type { FhirResource } from '../ig/generated-resources';

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  userSelected?: boolean;
}

export interface Extension {
  url: string;
  [value: string]: unknown;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
  extension?: Extension[];
}

export interface Identifier {
  use?: string;
  system?: string;
  value?: string;
  assigner?: Reference;
  [key: string]: unknown;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
  extension?: Extension[];
}

export interface ImagingReferenceInstance {
  sopClass?: string;
  uid: string;
  frameNumber?: number[];
  observationUid?: string[];
}

export interface ImagingReference extends FhirResource {
  resourceType: 'ImagingReference';
  identifier?: Identifier[];
  subject: Reference;
  issued?: string;
  performer?: Reference;
  title?: CodeableConcept;
  description?: string;
  studyUid: string;
  imagingStudy?: Reference;
  endpoint?: Reference[];
  seriesUid: string;
  instance?: ImagingReferenceInstance[];
}

export interface ImagingSelectionInstance {
  uid: string;
  number?: number;
  sopClass?: Coding;
  subset?: string[];
  [key: string]: unknown;
}

export interface ImagingSelection extends FhirResource {
  resourceType: 'ImagingSelection';
  identifier?: Identifier[];
  status: string;
  subject?: Reference;
  issued?: string;
  performer?: { function?: CodeableConcept; actor?: Reference; [key: string]: unknown }[];
  code: CodeableConcept;
  studyUid?: string;
  derivedFrom?: Reference[];
  endpoint?: Reference[];
  seriesUid?: string;
  instance?: ImagingSelectionInstance[];
}

/** STU3 ImagingManifest (removed in R4), the ancestor of ImagingReference. */
export interface ImagingManifest extends FhirResource {
  resourceType: 'ImagingManifest';
  identifier?: Identifier;
  patient?: Reference;
  authoringTime?: string;
  author?: Reference;
  description?: string;
  study?: {
    uid?: string;
    imagingStudy?: Reference;
    endpoint?: Reference[];
    series?: { uid?: string; endpoint?: Reference[]; instance?: { sopClass?: string; uid?: string }[] }[];
  }[];
}

export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: string;
  entry?: { fullUrl?: string; resource?: FhirResource }[];
}
