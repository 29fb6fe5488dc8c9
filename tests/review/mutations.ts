// The decisions broken on purpose: each mutation undoes one decision (or breaks one QA rule) in a copy
// of the generated definition, the way a later FSH edit could, and names the one item that must fail.
import type { StructureDefinition } from '../../src/ig/structure-definition';
import type { FhirResource } from '../../src/ig/generated-resources';
import { addLike, builtByUrl, changeUrl, dropConstraint, dropMapping, el, rename, renameResource, setMapping, setTypes } from './fixtures';

export interface Mutation {
  /** The report item that must fail, and no other. */
  item: string;
  title: string;
  /** Breaks the definition, or another built resource (a copy of them all). */
  mutate(sd: StructureDefinition, built: FhirResource[]): void;
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

export const MUTATIONS: Mutation[] = [
  { item: 'rename-resource', title: 'call the resource ImagingManifest again', mutate: (sd) => renameResource(sd, 'ImagingManifest') },
  { item: 'root-short', title: 'give the root the short "Key Object Selection"', mutate: (sd) => void (el(sd, '').short = 'Key Object Selection') },
  {
    item: 'definition',
    title: 'bring back the STU3 definition',
    mutate: (sd) => void (el(sd, '').definition = 'A text description of the DICOM SOP instances selected in the ImagingManifest; or the reason for, or significance of, the selection.'),
  },
  { item: 'identifier-cardinality', title: 'make identifier 0..1 as in STU3', mutate: (sd) => void (el(sd, 'identifier').max = '1') },
  { item: 'identifier-not-uid', title: 'make identifier an oid (a SOP Instance UID)', mutate: (sd) => setTypes(sd, 'identifier', 'oid') },
  { item: 'patient-to-subject', title: 'rename subject back to patient', mutate: (sd) => rename(sd, 'subject', 'patient') },
  { item: 'patient-to-subject', title: 'let subject reference a Group', mutate: (sd) => el(sd, 'subject').type![0].targetProfile!.push(`${CORE}Group`) },
  { item: 'authoring-time-to-issued', title: 'rename issued back to authoringTime', mutate: (sd) => rename(sd, 'issued', 'authoringTime') },
  {
    item: 'author-to-performer',
    title: 'drop PractitionerRole from performer',
    mutate: (sd) => {
      const reference = el(sd, 'performer').type![0];
      reference.targetProfile = reference.targetProfile!.filter((p) => p !== `${CORE}PractitionerRole`);
    },
  },
  { item: 'author-to-performer', title: 'rename performer back to author', mutate: (sd) => rename(sd, 'performer', 'author') },
  { item: 'title-value-set', title: 'make the title binding required', mutate: (sd) => void (el(sd, 'title').binding!.strength = 'required') },
  { item: 'title-value-set', title: 'bind title to the old KOStitle value set', mutate: (sd) => void (el(sd, 'title').binding!.valueSet = 'http://hl7.org/fhir/ValueSet/kos-title') },
  { item: 'study-removed', title: 're-add a study group', mutate: (sd) => void addLike(sd, 'instance', 'study') },
  { item: 'study-uid', title: 'make studyUid an oid', mutate: (sd) => setTypes(sd, 'studyUid', 'oid') },
  { item: 'study-uid', title: 'remove irf-1 from studyUid', mutate: (sd) => dropConstraint(sd, 'studyUid', 'irf-1') },
  { item: 'endpoint-study-level', title: 'allow a single endpoint only', mutate: (sd) => void (el(sd, 'endpoint').max = '1') },
  { item: 'series-removed', title: 're-add a series group', mutate: (sd) => void addLike(sd, 'instance', 'series') },
  { item: 'series-uid', title: 'make seriesUid an oid', mutate: (sd) => setTypes(sd, 'seriesUid', 'oid') },
  { item: 'series-uid', title: 'make seriesUid optional', mutate: (sd) => void (el(sd, 'seriesUid').min = 0) },
  {
    item: 'endpoint-series-level',
    title: 're-add a series-level endpoint',
    mutate: (sd) => {
      addLike(sd, 'endpoint', 'seriesEndpoint');
      // Whoever re-adds it also maps it in W5; otherwise the W5 review flags the new element too.
      setMapping(sd, 'seriesEndpoint', 'w5', 'FiveWs.where[x]');
    },
  },
  { item: 'instance', title: 'require at least one instance (no more whole-series selections)', mutate: (sd) => void (el(sd, 'instance').min = 1) },
  { item: 'instance', title: 'remove irf-3 (each SOP instance once)', mutate: (sd) => dropConstraint(sd, '', 'irf-3') },
  { item: 'sop-class', title: 'make sopClass 1..1 again', mutate: (sd) => void (el(sd, 'instance.sopClass').min = 1) },
  { item: 'instance-uid', title: 'remove irf-1 from instance.uid', mutate: (sd) => dropConstraint(sd, 'instance.uid', 'irf-1') },
  { item: 'frame-number', title: 'make frameNumber an unsignedInt (frame 0)', mutate: (sd) => setTypes(sd, 'instance.frameNumber', 'unsignedInt') },
  { item: 'observation-uid', title: 'remove irf-2 (frames and observations together)', mutate: (sd) => dropConstraint(sd, 'instance', 'irf-2') },
  { item: 'observation-uid', title: 'make observationUid a string', mutate: (sd) => setTypes(sd, 'instance.observationUid', 'string') },
  { item: 'summary-elements', title: 'drop the Σ flag of description', mutate: (sd) => void (el(sd, 'description').isSummary = false) },
  { item: 'summary-elements', title: 'make the inherited language mandatory but not Σ', mutate: (sd) => void (el(sd, 'language').min = 1) },
  { item: 'event-pattern', title: 'drop the Event pattern mapping of issued', mutate: (sd) => dropMapping(sd, 'issued', 'workflow') },
  { item: 'event-pattern', title: 'map title to an element the Event pattern does not have', mutate: (sd) => setMapping(sd, 'title', 'workflow', 'Event.kind') },
  { item: 'w5', title: 'drop the W5 mapping of subject', mutate: (sd) => dropMapping(sd, 'subject', 'w5') },
  { item: 'w5', title: 'map description in W5 although it is listed as unmapped', mutate: (sd) => setMapping(sd, 'description', 'w5', 'FiveWs.what[x]') },
  { item: 'w5', title: 'map performer to a FiveWs element that does not exist', mutate: (sd) => setMapping(sd, 'performer', 'w5', 'FiveWs.creator') },
  { item: 'qa-element-names', title: 'add an element that is not lowerCamelCase', mutate: (sd) => void addLike(sd, 'instance.frameNumber', 'instance.frame_count') },
  { item: 'qa-element-names', title: 'add an element named with a FHIRPath keyword', mutate: (sd) => void addLike(sd, 'instance.frameNumber', 'instance.contains') },
  { item: 'qa-element-descriptions', title: 'end the short of description with a full stop', mutate: (sd) => void (el(sd, 'description').short = 'Description text.') },
  { item: 'qa-element-descriptions', title: 'give seriesUid a definition that is not a sentence', mutate: (sd) => void (el(sd, 'seriesUid').definition = 'series UID') },
  { item: 'qa-version-mappings', title: 'drop the ImagingSelection mapping of instance.uid', mutate: (sd) => dropMapping(sd, 'instance.uid', 'imagingselection') },
  { item: 'qa-version-mappings', title: 'map instance.uid to an ImagingSelection element that does not exist', mutate: (sd) => setMapping(sd, 'instance.uid', 'imagingselection', 'ImagingSelection.instance.sopInstanceUid') },
  {
    item: 'qa-version-mappings',
    title: 'mark title as new for STU3 without saying why',
    mutate: (sd) => void (el(sd, 'title').mapping!.find((m) => m.identity === 'imagingmanifest')!.comment = undefined),
  },
  { item: 'contract-identity', title: 'move the definition out of the core namespace', mutate: (sd) => changeUrl(sd, 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/ImagingReference') },
  { item: 'contract-identity', title: 'declare it for FHIR R4', mutate: (sd) => void (sd.fhirVersion = '4.0.1') },
  { item: 'contract-elements', title: 'type title as a Coding', mutate: (sd) => setTypes(sd, 'title', 'Coding') },
  { item: 'contract-elements', title: 'let description repeat', mutate: (sd) => void (el(sd, 'description').max = '*') },
  { item: 'contract-elements', title: 'let imagingStudy reference a Group as well', mutate: (sd) => el(sd, 'imagingStudy').type![0].targetProfile!.push(`${CORE}Group`) },
  {
    item: 'contract-elements',
    title: 'add an element the contract does not list',
    mutate: (sd) => {
      addLike(sd, 'description', 'note');
      setMapping(sd, 'note', 'w5', 'FiveWs.what[x]'); // mapped, so that only the element table names it
    },
  },
  { item: 'contract-elements', title: 'put irf-1 on description as well', mutate: (sd) => void el(sd, 'description').constraint!.push({ ...el(sd, 'studyUid').constraint!.find((c) => c.key === 'irf-1')! }) },
  { item: 'contract-value-set', title: 'lose the concept 113039', mutate: (_sd, built) => void builtByUrl(built, TITLE_VS).compose.include[0].concept.pop() },
  { item: 'contract-value-set', title: 'rename the display of 113000', mutate: (_sd, built) => void (builtByUrl(built, TITLE_VS).compose.include[0].concept[0].display = 'Interesting') },
  { item: 'contract-value-set', title: 'include all of DCM instead of the enumeration', mutate: (_sd, built) => void delete builtByUrl(built, TITLE_VS).compose.include[0].concept },
  { item: 'contract-extension', title: 'allow the extension on Patient as well', mutate: (_sd, built) => void builtByUrl(built, LINK).context.push({ type: 'element', expression: 'Patient' }) },
  {
    item: 'contract-extension',
    title: 'make the value a Reference(Patient)',
    mutate: (_sd, built) => void (builtByUrl(built, LINK).snapshot.element.find((e: { id: string }) => e.id === 'Extension.value[x]').type[0].targetProfile = [`${CORE}Patient`]),
  },
];

const TITLE_VS = 'http://hl7.org/fhir/uv/imaging-reference/ValueSet/imaging-reference-title';
const LINK = 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link';
