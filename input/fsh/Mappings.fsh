// Where each element came from and where it went: STU3 ImagingManifest (its ancestor),
// R5 ImagingSelection (its successor), DICOM PS3.3 Key Object Selection attributes, and W5.
// "N/A" marks an element with no counterpart; the comment says why.

Mapping: ImagingReferenceToImagingManifest
Id: imagingmanifest
Title: "STU3 ImagingManifest"
Source: ImagingReference
Target: "http://hl7.org/fhir/STU3/imagingmanifest.html"
* -> "ImagingManifest" "Renamed: ImagingManifest became ImagingReference"
* identifier -> "ImagingManifest.identifier" "STU3 allowed 0..1"
* subject -> "ImagingManifest.patient" "Renamed from patient"
* issued -> "ImagingManifest.authoringTime" "Renamed from authoringTime"
* performer -> "ImagingManifest.author" "Renamed from author; PractitionerRole added"
* title -> "N/A" "New: STU3 has no title (DSTU2 ImagingObjectSelection.title was bound to KOStitle)"
* description -> "ImagingManifest.description"
* studyUid -> "ImagingManifest.study.uid" "Promoted; oid became id (no urn:oid: prefix)"
* imagingStudy -> "ImagingManifest.study.imagingStudy" "Promoted"
* endpoint -> "ImagingManifest.study.endpoint" "Promoted; the series-level endpoint is removed"
* seriesUid -> "ImagingManifest.study.series.uid" "Promoted; oid became id (no urn:oid: prefix)"
* instance -> "ImagingManifest.study.series.instance"
* instance.sopClass -> "ImagingManifest.study.series.instance.sopClass" "Was 1..1; oid became id"
* instance.uid -> "ImagingManifest.study.series.instance.uid" "oid became id"
* instance.frameNumber -> "N/A" "New (DSTU2 ImagingObjectSelection had study.series.instance.frame.number)"
* instance.observationUid -> "N/A" "New: selects observations inside a DICOM SR"

Mapping: ImagingReferenceToImagingSelection
Id: imagingselection
Title: "R5 ImagingSelection"
Source: ImagingReference
Target: "http://hl7.org/fhir/R5/imagingselection.html"
* -> "ImagingSelection" "ImagingSelection also has status, basedOn, category, focus, bodySite and image regions"
* identifier -> "ImagingSelection.identifier"
* subject -> "ImagingSelection.subject" "ImagingSelection also allows other subjects than Patient"
* issued -> "ImagingSelection.issued" "ImagingSelection.issued is an instant"
* performer -> "ImagingSelection.performer.actor"
* title -> "ImagingSelection.code"
* description -> "N/A" "ImagingSelection has no description"
* studyUid -> "ImagingSelection.studyUid"
* imagingStudy -> "ImagingSelection.derivedFrom"
* endpoint -> "ImagingSelection.endpoint"
* seriesUid -> "ImagingSelection.seriesUid"
* instance -> "ImagingSelection.instance"
* instance.sopClass -> "ImagingSelection.instance.sopClass" "A Coding (system urn:ietf:rfc:3986, code urn:oid:UID) in ImagingSelection"
* instance.uid -> "ImagingSelection.instance.uid"
* instance.frameNumber -> "ImagingSelection.instance.subset" "Frame numbers as strings"
* instance.observationUid -> "ImagingSelection.instance.subset" "Observation UIDs as strings"

Mapping: ImagingReferenceToDicom
Id: dicom
Title: "DICOM Key Object Selection (PS3.3)"
Source: ImagingReference
Target: "http://nema.org/dicom"
* -> "Key Object Selection Document IOD (PS3.3 A.35.4), without its SOP Instance UID: this is not a KOS"
* identifier -> "N/A" "Not the KOS SOP Instance UID (0008,0018): an ImagingReference is not a KOS"
* subject -> "Patient ID (0010,0020), Issuer of Patient ID (0010,0021), Patient's Name (0010,0010)"
* issued -> "Content Date (0008,0023) + Content Time (0008,0033) + Timezone Offset From UTC (0008,0201)"
* performer -> "Author Observer Sequence (0040,A078), or Observer Context (TID 1002) of the content tree"
* title -> "Concept Name Code Sequence (0040,A043) of the document root (CID 7010 Key Object Selection Document Title)"
* description -> "TEXT content item (113012, DCM, \"Key Object Description\")"
* studyUid -> "Current Requested Procedure Evidence Sequence (0040,A375) > Study Instance UID (0020,000D)"
* imagingStudy -> "N/A" "A FHIR reference"
* endpoint -> "Current Requested Procedure Evidence Sequence (0040,A375) > Referenced Series Sequence (0008,1115) > Retrieve URL (0008,1190) / Retrieve AE Title (0008,0054)"
* seriesUid -> "Current Requested Procedure Evidence Sequence (0040,A375) > Referenced Series Sequence (0008,1115) > Series Instance UID (0020,000E)"
* instance -> "Current Requested Procedure Evidence Sequence (0040,A375) > Referenced Series Sequence (0008,1115) > Referenced SOP Sequence (0008,1199)"
* instance.sopClass -> "Referenced SOP Class UID (0008,1150)"
* instance.uid -> "Referenced SOP Instance UID (0008,1155)"
* instance.frameNumber -> "IMAGE content item > Referenced SOP Sequence (0008,1199) > Referenced Frame Number (0008,1160)"
* instance.observationUid -> "Observation UID (0040,A171) of a content item of the referenced SR document"

// W5 (FiveWs): the pattern the FHIR core build asks every resource to map to.
Mapping: ImagingReferenceToW5
Id: w5
Title: "FiveWs Pattern Mapping"
Source: ImagingReference
Target: "http://hl7.org/fhir/fivews"
* identifier -> "FiveWs.identifier"
* subject -> "FiveWs.subject"
* issued -> "FiveWs.recorded"
* performer -> "FiveWs.author"
* title -> "FiveWs.class"
* imagingStudy -> "FiveWs.context"
* studyUid -> "FiveWs.what[x]"
* seriesUid -> "FiveWs.what[x]"
* instance -> "FiveWs.what[x]"

// The Event workflow pattern, under the identity core resources use for it. The design review
// (input/data/design-review.yaml) compares ImagingReference with the pattern through this mapping and
// records why each pattern element it lacks is lacked.
Mapping: ImagingReferenceToWorkflow
Id: workflow
Title: "Workflow Pattern"
Source: ImagingReference
Target: "http://hl7.org/fhir/workflow"
* identifier -> "Event.identifier"
* subject -> "Event.subject" "Event also allows Group"
* issued -> "Event.recorded" "When the selection was made, which is when it was recorded"
* performer -> "Event.performer.actor" "Flattened: no performer function"
* title -> "Event.code" "What kind of selection it is (R5 ImagingSelection.code)"
* description -> "N/A" "Free text about the selection; the pattern's note is an Annotation"
* studyUid -> "N/A" "DICOM addressing of the selected objects: not a workflow concept"
* imagingStudy -> "N/A" "The study holding the selection; Event.basedOn and partOf mean a request and a parent event"
* endpoint -> "N/A" "Technical access to the selected objects"
* seriesUid -> "N/A" "DICOM addressing of the selected objects: not a workflow concept"
* instance -> "N/A" "The selected objects: the content of the resource, not a workflow concept"

// The HL7 v3 RIM, as every core resource maps to it (R5 ImagingSelection maps only its root). Terms
// as the core's Observation and ImagingStudy use them: the subject and the author as participations.
Mapping: ImagingReferenceToRIM
Id: rim
Title: "RIM Mapping"
Source: ImagingReference
Target: "http://hl7.org/v3"
* -> "Act[classCode=ACT, moodCode=EVN]" "A selection of imaging objects: an act of selecting, with the selected objects as its components"
* identifier -> ".id"
* subject -> ".participation[typeCode=SBJ].role[classCode=PAT]"
* issued -> ".participation[typeCode=AUT].time"
* performer -> ".participation[typeCode=AUT].role"
* title -> ".code"
* description -> ".text"
* studyUid -> ".outboundRelationship[typeCode=COMP].target[classCode=ACT, moodCode=EVN].id" "The study, as the act that holds the selected objects"
* imagingStudy -> ".outboundRelationship[typeCode=COMP].target[classCode=ACT, moodCode=EVN]"
* endpoint -> "n/a" "Technical access, not modelled in the RIM"
* seriesUid -> ".outboundRelationship[typeCode=COMP].target[classCode=ACT, moodCode=EVN].outboundRelationship[typeCode=COMP].target.id" "The series within the study"
* instance -> ".outboundRelationship[typeCode=COMP].target[classCode=DOC or OBS, moodCode=EVN]" "One selected SOP instance"
* instance.sopClass -> ".code"
* instance.uid -> ".id"
* instance.frameNumber -> "n/a" "Frames of a multi-frame image: below the RIM's granularity"
* instance.observationUid -> ".outboundRelationship[typeCode=COMP].target[classCode=OBS, moodCode=EVN].id"
