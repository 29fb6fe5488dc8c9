// Edits of the FSH that break the contract (../shared/design/imaging-reference.md), the way a
// reviewer tried them on issue 14: each names the review item that must then fail, and, when it
// breaks a row of the element table, that row. fsh-mutations.test.ts compiles every one in one
// in-process SUSHI and runs the build's gates on it.

export interface FshEdit {
  /** An FSH file below input/fsh/, or `*` for every file (a rename that examples follow). */
  file: string;
  from: string | RegExp;
  to: string;
}

export interface FshMutation {
  title: string;
  /** The report item that must fail. */
  item: string;
  /** The row of the contract's element table it breaks (a path), if any. */
  row?: string;
  edits: FshEdit[];
}

const IR = 'ImagingReference.fsh';
const INV = 'Invariants.fsh';
const VS = 'ImagingReferenceTitle.fsh';
const EXT = 'Extensions.fsh';
const MAP = 'Mappings.fsh';
const IRF1 = "hasValue() implies (matches('^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*))*$') and length() <= 64)";
const edit = (file: string, from: string | RegExp, to: string): FshEdit => ({ file, from, to });
const one = (title: string, item: string, file: string, from: string | RegExp, to: string, row?: string): FshMutation => ({ title, item, row, edits: [edit(file, from, to)] });
/** A rename in the definition, its mappings and its examples (not in the Observations and reports that link to them). */
const renamed = (title: string, item: string, from: RegExp, to: string, row?: string): FshMutation => ({
  title,
  item,
  row,
  edits: [IR, MAP, 'Examples-ImagingReference.fsh'].map((file) => edit(file, from, to)),
});
const everywhere = (title: string, item: string, from: RegExp, to: string): FshMutation => ({ title, item, edits: [edit('*', from, to)] });

export const FSH_MUTATIONS: FshMutation[] = [
  // Identity, root texts
  one('move the definition out of the core namespace (a changed canonical URL)', 'contract-identity', IR, '* ^url = "http://hl7.org/fhir/StructureDefinition/ImagingReference"', '* ^url = "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/ImagingReference"'),
  one('derive it from Resource instead of DomainResource', 'contract-identity', IR, 'Parent: DomainResource', 'Parent: Resource'),
  one('call the root a Key Object Selection', 'root-short', IR, '* . ^short = "A selection of DICOM instances and frames within one study and series"', '* . ^short = "Key Object Selection of DICOM instances"'),
  one('bring back the STU3 definition', 'definition', IR, '* . ^definition = "A selection of DICOM SOP instances and/or frames within a single Study and Series."', '* . ^definition = "A text description of the DICOM SOP instances selected in the ImagingManifest."'),
  // The element table, row by row
  one('make identifier 0..1 as in STU3', 'identifier-cardinality', IR, '* identifier 0..* SU Identifier', '* identifier 0..1 SU Identifier', 'identifier'),
  {
    title: 'make identifier an oid (a SOP Instance UID), with the example following',
    item: 'identifier-not-uid',
    row: 'identifier',
    edits: [
      edit(IR, '* identifier 0..* SU Identifier', '* identifier 0..* SU oid'),
      edit('Examples-ImagingReference.fsh', '* identifier.system = "http://pacs.example.org/key-image-notes"\n* identifier.value = "KIN-2026-000417"', '* identifier = "urn:oid:1.2.3"'),
    ],
  },
  one('make subject optional', 'patient-to-subject', IR, '* subject 1..1 SU Reference(Patient)', '* subject 0..1 SU Reference(Patient)', 'subject'),
  one('let subject reference a Group', 'patient-to-subject', IR, '* subject 1..1 SU Reference(Patient)', '* subject 1..1 SU Reference(Patient or Group)', 'subject'),
  renamed('rename subject back to patient', 'patient-to-subject', /^\* subject\b/gm, '* patient', 'subject'),
  one('let issued repeat', 'authoring-time-to-issued', IR, '* issued 0..1 SU dateTime', '* issued 0..* SU dateTime', 'issued'),
  renamed('rename issued back to authoringTime', 'authoring-time-to-issued', /^\* issued\b/gm, '* authoringTime', 'issued'),
  one('let performer repeat', 'author-to-performer', IR, '* performer 0..1 SU', '* performer 0..* SU', 'performer'),
  one('let performer reference a CareTeam as well', 'author-to-performer', IR, 'Patient or RelatedPerson) "Author', 'Patient or RelatedPerson or CareTeam) "Author', 'performer'),
  renamed('rename performer back to author', 'author-to-performer', /^\* performer\b/gm, '* author', 'performer'),
  one('type title as a Coding', 'contract-elements', IR, '* title 0..1 SU CodeableConcept', '* title 0..1 SU Coding', 'title'),
  one('let title repeat', 'contract-elements', IR, '* title 0..1 SU CodeableConcept', '* title 0..* SU CodeableConcept', 'title'),
  one('make the title binding required', 'title-value-set', IR, '* title from ImagingReferenceTitle (extensible)', '* title from ImagingReferenceTitle (required)'),
  one('bind title to a DICOM context group instead of the IG value set', 'title-value-set', IR, '* title from ImagingReferenceTitle (extensible)', '* title from http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_7010.html (extensible)'),
  one('type description as markdown', 'contract-elements', IR, '* description 0..1 SU string', '* description 0..1 SU markdown', 'description'),
  one('drop the Σ flag of description', 'summary-elements', IR, '* description 0..1 SU string', '* description 0..1 string', 'description'),
  one('make studyUid optional', 'study-uid', IR, '* studyUid 1..1 SU id', '* studyUid 0..1 SU id', 'studyUid'),
  one('make studyUid a string', 'study-uid', IR, '* studyUid 1..1 SU id', '* studyUid 1..1 SU string', 'studyUid'),
  one('remove irf-1 from studyUid', 'study-uid', IR, '* studyUid obeys irf-1\n', '', 'studyUid'),
  one('let imagingStudy reference a DiagnosticReport as well', 'contract-elements', IR, 'SU Reference(ImagingStudy)', 'SU Reference(ImagingStudy or DiagnosticReport)', 'imagingStudy'),
  one('let imagingStudy repeat', 'contract-elements', IR, '* imagingStudy 0..1 SU', '* imagingStudy 0..* SU', 'imagingStudy'),
  one('allow a single endpoint only', 'endpoint-study-level', IR, '* endpoint 0..* SU', '* endpoint 0..1 SU', 'endpoint'),
  one('let endpoint reference a Device', 'endpoint-study-level', IR, '* endpoint 0..* SU Reference(Endpoint)', '* endpoint 0..* SU Reference(Endpoint or Device)', 'endpoint'),
  one('make seriesUid optional', 'series-uid', IR, '* seriesUid 1..1 SU id', '* seriesUid 0..1 SU id', 'seriesUid'),
  one('remove irf-1 from seriesUid', 'series-uid', IR, '* seriesUid obeys irf-1\n', '', 'seriesUid'),
  one('drop the Σ flag of instance', 'summary-elements', IR, '* instance 0..* SU BackboneElement', '* instance 0..* BackboneElement', 'instance'),
  one('remove irf-3 (each SOP instance once)', 'instance', IR, '* . obeys irf-3\n', ''),
  one('empty irf-4 (an expression that always holds)', 'instance', INV, 'Expression: "frameNumber.isDistinct() and observationUid.isDistinct()"', 'Expression: "true"'),
  one('make sopClass repeat', 'sop-class', IR, '* instance.sopClass 0..1 SU id', '* instance.sopClass 0..* SU id', 'instance.sopClass'),
  one('remove irf-1 from sopClass', 'sop-class', IR, '* instance.sopClass obeys irf-1\n', '', 'instance.sopClass'),
  one('make instance.uid optional', 'instance-uid', IR, '* instance.uid 1..1 SU id', '* instance.uid 0..1 SU id', 'instance.uid'),
  one('remove irf-1 from instance.uid', 'instance-uid', IR, '* instance.uid obeys irf-1\n', '', 'instance.uid'),
  one('make frameNumber an unsignedInt (frame 0)', 'frame-number', IR, '* instance.frameNumber 0..* SU positiveInt', '* instance.frameNumber 0..* SU unsignedInt', 'instance.frameNumber'),
  one('make observationUid a string', 'observation-uid', IR, '* instance.observationUid 0..* SU id', '* instance.observationUid 0..* SU string', 'instance.observationUid'),
  one('remove irf-1 from observationUid', 'observation-uid', IR, '* instance.observationUid obeys irf-1\n', '', 'instance.observationUid'),
  // Removed elements coming back, and elements the contract does not list
  one('re-add a study group', 'study-removed', IR, '\n* studyUid 1..1', '\n* study 0..1 SU BackboneElement "The study" "The study holding the selection."\n* studyUid 1..1'),
  one('re-add a series group', 'series-removed', IR, '\n* seriesUid 1..1', '\n* series 0..1 SU BackboneElement "The series" "The series holding the selection."\n* seriesUid 1..1'),
  one('re-add a series-level endpoint', 'endpoint-series-level', IR, '\n* seriesUid 1..1', '\n* seriesEndpoint 0..* SU Reference(Endpoint) "Series access endpoint" "The network service providing access to the series."\n* seriesUid 1..1'),
  one('add an element the contract does not list', 'contract-elements', IR, '\n* studyUid 1..1', '\n* status 0..1 SU code "Status" "The status of the selection."\n* studyUid 1..1'),
  // The invariants, proven on values
  one('weaken irf-1 to letters and digits with no length limit', 'study-uid', INV, `Expression: "${IRF1}"`, `Expression: "hasValue() implies matches('^[A-Za-z0-9.]+$')"`),
  one('drop the length limit of irf-1', 'study-uid', INV, `Expression: "${IRF1}"`, `Expression: "hasValue() implies matches('^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*))*$')"`),
  one('allow leading zeros in irf-1', 'series-uid', INV, `Expression: "${IRF1}"`, `Expression: "hasValue() implies (matches('^[0-9]+([.][0-9]+)*$') and length() <= 64)"`),
  one('allow the urn:oid: prefix in irf-1', 'instance-uid', INV, `Expression: "${IRF1}"`, `Expression: "hasValue() implies (matches('^(urn:oid:)?(0|[1-9][0-9]*)([.](0|[1-9][0-9]*))*$') and length() <= 72)"`),
  one('make irf-1 a warning', 'study-uid', INV, /(Invariant: irf-1[\s\S]*?Severity: )#error/, '$1#warning'),
  one("replace irf-2's expression by true", 'observation-uid', INV, 'Expression: "frameNumber.empty() or observationUid.empty()"', 'Expression: "true"'),
  one('turn irf-2 into "not both empty"', 'observation-uid', INV, 'Expression: "frameNumber.empty() or observationUid.empty()"', 'Expression: "frameNumber.exists() or observationUid.exists() or uid.exists()"'),
  // The value set
  one('lose the concept 113039 of the value set', 'contract-value-set', VS, '* $DCM#113039 "Data Retention Policy Expired"\n', ''),
  one('add a concept the contract does not list', 'contract-value-set', VS, '* $DCM#113039 "Data Retention Policy Expired"', '* $DCM#113039 "Data Retention Policy Expired"\n* $DCM#113011 "Document Title Modifier"'),
  one('change the display of 113000', 'contract-value-set', VS, '* $DCM#113000 "Of Interest"', '* $DCM#113000 "Interesting"'),
  // The extension
  one('allow the extension on Patient as well', 'contract-extension', EXT, '* ^context[1].expression = "DiagnosticReport"', '* ^context[1].expression = "DiagnosticReport"\n* ^context[2].type = #element\n* ^context[2].expression = "Patient"'),
  one('make the extension value optional', 'contract-extension', EXT, '* value[x] 1..1', '* value[x] 0..1'),
  one('let the extension reference an ImagingStudy as well', 'contract-extension', EXT, '* value[x] only Reference(ImagingReference)', '* value[x] only Reference(ImagingReference or ImagingStudy)'),
  // QA rules
  one('drop the W5 mapping of subject', 'w5', MAP, '* subject -> "FiveWs.subject"\n', ''),
  one('drop the Event pattern mapping of issued', 'event-pattern', MAP, '* issued -> "Event.recorded" "When the selection was made, which is when it was recorded"\n', ''),
  one('drop the ImagingSelection mapping of instance.uid', 'qa-version-mappings', MAP, '* instance.uid -> "ImagingSelection.instance.uid"\n', ''),
  one('end the short of description with a full stop', 'qa-element-descriptions', IR, '"Description text" "A text', '"Description text." "A text'),
  one('add an element that is not lowerCamelCase', 'qa-element-names', IR, '\n* studyUid 1..1', '\n* Status 0..1 SU code "Status" "The status of the selection."\n* studyUid 1..1'),
  // The resource renamed
  everywhere('call the resource ImagingManifest again (definition, extension and examples)', 'rename-resource', /\bImagingReference\b/g, 'ImagingManifest'),
];
