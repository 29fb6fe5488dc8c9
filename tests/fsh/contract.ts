// The element table of the design contract (shared/design/imaging-reference.md), as test data.
export interface ContractRow {
  path: string;
  min: number;
  max: string;
  type: string;
  targets?: string[];
}

export const CONTRACT: ContractRow[] = [
  { path: 'identifier', min: 0, max: '*', type: 'Identifier' },
  { path: 'subject', min: 1, max: '1', type: 'Reference', targets: ['Patient'] },
  { path: 'issued', min: 0, max: '1', type: 'dateTime' },
  { path: 'performer', min: 0, max: '1', type: 'Reference', targets: ['Practitioner', 'PractitionerRole', 'Device', 'Organization', 'Patient', 'RelatedPerson'] },
  { path: 'title', min: 0, max: '1', type: 'CodeableConcept' },
  { path: 'description', min: 0, max: '1', type: 'string' },
  { path: 'studyUid', min: 1, max: '1', type: 'id' },
  { path: 'imagingStudy', min: 0, max: '1', type: 'Reference', targets: ['ImagingStudy'] },
  { path: 'endpoint', min: 0, max: '*', type: 'Reference', targets: ['Endpoint'] },
  { path: 'seriesUid', min: 1, max: '1', type: 'id' },
  { path: 'instance', min: 0, max: '*', type: 'BackboneElement' },
  { path: 'instance.sopClass', min: 0, max: '1', type: 'id' },
  { path: 'instance.uid', min: 1, max: '1', type: 'id' },
  { path: 'instance.frameNumber', min: 0, max: '*', type: 'positiveInt' },
  { path: 'instance.observationUid', min: 0, max: '*', type: 'id' },
];

/** Elements of STU3 ImagingManifest removed on purpose. */
export const REMOVED = ['patient', 'authoringTime', 'author', 'study', 'series'];

export const UID_ELEMENTS = ['studyUid', 'seriesUid', 'instance.sopClass', 'instance.uid', 'instance.observationUid'];
