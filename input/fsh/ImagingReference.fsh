// The resource under design: ImagingReference, successor of STU3 ImagingManifest.
// The contract is ../shared/design/imaging-reference.md; review decisions live in
// input/data/ and are checked against the generated snapshot by `imgref review`.

Resource: ImagingReference
Parent: DomainResource
Id: ImagingReference
Title: "Imaging Reference"
Description: "A selection of DICOM SOP instances and/or frames within a single Study and Series."
// Core namespace: this is a resource proposal, so tools treat it as a (custom) core type.
* ^url = "http://hl7.org/fhir/StructureDefinition/ImagingReference"
* ^status = #draft
* ^experimental = false
// The HL7 metadata of a resource definition: owning work group (Imaging Integration), maturity, standards status.
* ^extension[http://hl7.org/fhir/StructureDefinition/structuredefinition-wg].valueCode = #ii
* ^extension[http://hl7.org/fhir/StructureDefinition/structuredefinition-fmm].valueInteger = 0
* ^extension[http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status].valueCode = #draft
// Its place in the Patient compartment (the patient is the subject), as an R5 additional resource states it.
* ^extension[http://hl7.org/fhir/StructureDefinition/additional-resource-compartment].extension[compartment].valueCanonical = "http://hl7.org/fhir/CompartmentDefinition/patient"
* ^extension[http://hl7.org/fhir/StructureDefinition/additional-resource-compartment].extension[param].valueString = "subject"
* . ^short = "A selection of DICOM instances and frames within one study and series"
* . ^definition = "A selection of DICOM SOP instances and/or frames within a single Study and Series."
* . ^comment = "Not a DICOM Key Object Selection (KOS) document: an ImagingReference has no SOP Instance UID of its own. It links reports, observations and AI results to images, records key images, and tells FHIRcast-synchronised viewers what to load."
* . obeys irf-3

* identifier 0..* SU Identifier "Business identifier for this selection" "A business identifier of this selection, assigned by the system that made it."
* identifier ^comment = "Not a DICOM UID and not tied to a SOP Instance UID: an ImagingReference is not a KOS document."

* subject 1..1 SU Reference(Patient) "Patient of the selected objects" "The patient whose DICOM objects are selected."
* subject ^comment = "Named as in ImagingStudy (the STU3 name was patient)."

* issued 0..1 SU dateTime "When the selection was made" "The date and time at which the selection was made."
* issued ^comment = "Named as in Observation (the STU3 name was authoringTime)."

* performer 0..1 SU Reference(Practitioner or PractitionerRole or Device or Organization or Patient or RelatedPerson) "Author of the selection, human or machine" "The person, device or organisation that made the selection."
* performer ^comment = "The STU3 name was author; PractitionerRole is new."

* title 0..1 SU CodeableConcept "Why the selection was made" "The reason for the selection, such as Of Interest or For Teaching."
* title from ImagingReferenceTitle (extensible)

* description 0..1 SU string "Description text" "A text description of the selected DICOM objects."

* studyUid 1..1 SU id "DICOM Study Instance UID" "The Study Instance UID (0020,000D) of the study holding the selected objects."
* studyUid ^comment = "A DICOM UID without the urn:oid: prefix (see invariant irf-1)."
* studyUid obeys irf-1

* imagingStudy 0..1 SU Reference(ImagingStudy) "The ImagingStudy holding the selection" "A reference to the ImagingStudy resource of the study holding the selected objects."
* imagingStudy ^comment = "Open question of the working group: the final name may be studyReference, basedOn or derivedFrom."

* endpoint 0..* SU Reference(Endpoint) "Study access service endpoint" "The network service providing access (WADO-RS, WADO-URI, IHE IID) to the study holding the selected objects."

* seriesUid 1..1 SU id "DICOM Series Instance UID" "The Series Instance UID (0020,000E) of the series holding the selected objects."
* seriesUid ^comment = "A DICOM UID without the urn:oid: prefix (see invariant irf-1)."
* seriesUid obeys irf-1

* instance 0..* SU BackboneElement "The selected instances" "The SOP instances selected within the series."
* instance ^comment = "If no instances are included the entire series is selected."
* instance obeys irf-2 and irf-4
* instance.sopClass 0..1 SU id "DICOM SOP Class UID" "The SOP Class UID (0008,0016) of the selected instance."
* instance.sopClass obeys irf-1
* instance.uid 1..1 SU id "DICOM SOP Instance UID" "The SOP Instance UID (0008,0018) of the selected instance."
* instance.uid obeys irf-1
* instance.frameNumber 0..* SU positiveInt "Selected frames" "The frames selected in a multi-frame instance, by DICOM frame number (the first frame is 1)."
* instance.observationUid 0..* SU id "Selected observations in a DICOM SR" "The Observation UIDs (0040,A171) of the observations selected in a DICOM Structured Report."
* instance.observationUid obeys irf-1
