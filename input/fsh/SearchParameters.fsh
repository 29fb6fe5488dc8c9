// The search parameters of ImagingReference: what implementers search a server by. As the
// resource proposal's, they live in the core namespace like ImagingReference itself, named
// `ImagingReference-<code>` as the core's are. R5 allows only its own resource types in `base`, so
// base is Resource and the search-parameter-base-resource extension names ImagingReference (see
// Extensions.fsh). tests/fsh/search-parameters.test.ts evaluates each expression on the examples.

RuleSet: ImagingReferenceSearch(code, type, name)
* url = "http://hl7.org/fhir/SearchParameter/ImagingReference-{code}"
* name = "{name}"
* status = #draft
* experimental = false
* code = #{code}
* extension[search-parameter-base-resource].valueCode = #ImagingReference
* base = #Resource
* type = #{type}
* processingMode = #normal

Instance: ImagingReference-subject
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference subject"
Description: "Who the selection is about: the patient of the selected DICOM objects."
* insert ImagingReferenceSearch(subject, reference, Subject)
* description = "Who the selection is about: the patient of the selected DICOM objects."
* expression = "ImagingReference.subject"
* target = #Patient

Instance: ImagingReference-patient
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference patient"
Description: "The patient of the selected DICOM objects (the subject: always a Patient), as the core resources name it."
* insert ImagingReferenceSearch(patient, reference, Patient)
* description = "The patient of the selected DICOM objects (the subject, which is always a Patient)."
* expression = "ImagingReference.subject"
* target = #Patient

Instance: ImagingReference-identifier
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference identifier"
Description: "A business identifier of the selection."
* insert ImagingReferenceSearch(identifier, token, Identifier)
* description = "A business identifier of the selection."
* expression = "ImagingReference.identifier"

Instance: ImagingReference-issued
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference issued"
Description: "When the selection was made."
* insert ImagingReferenceSearch(issued, date, Issued)
* description = "When the selection was made."
* expression = "ImagingReference.issued"
* comparator[+] = #eq
* comparator[+] = #ne
* comparator[+] = #gt
* comparator[+] = #lt
* comparator[+] = #ge
* comparator[+] = #le
* comparator[+] = #sa
* comparator[+] = #eb
* comparator[+] = #ap

Instance: ImagingReference-performer
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference performer"
Description: "Who or what made the selection."
* insert ImagingReferenceSearch(performer, reference, Performer)
* description = "Who or what made the selection."
* expression = "ImagingReference.performer"
* target[+] = #Practitioner
* target[+] = #PractitionerRole
* target[+] = #Device
* target[+] = #Organization
* target[+] = #Patient
* target[+] = #RelatedPerson

Instance: ImagingReference-study-uid
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference study-uid"
Description: "The DICOM Study Instance UID of the selected objects."
* insert ImagingReferenceSearch(study-uid, token, StudyUid)
* description = "The DICOM Study Instance UID of the selected objects."
* expression = "ImagingReference.studyUid"

Instance: ImagingReference-series-uid
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference series-uid"
Description: "The DICOM Series Instance UID of the selected objects."
* insert ImagingReferenceSearch(series-uid, token, SeriesUid)
* description = "The DICOM Series Instance UID of the selected objects."
* expression = "ImagingReference.seriesUid"

Instance: ImagingReference-instance-uid
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference instance-uid"
Description: "The SOP Instance UID of a selected instance."
* insert ImagingReferenceSearch(instance-uid, token, InstanceUid)
* description = "The SOP Instance UID of a selected instance."
* expression = "ImagingReference.instance.uid"

Instance: ImagingReference-imaging-study
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference imaging-study"
Description: "The ImagingStudy holding the selection."
* insert ImagingReferenceSearch(imaging-study, reference, ImagingStudy)
* description = "The ImagingStudy holding the selection."
* expression = "ImagingReference.imagingStudy"
* target = #ImagingStudy

Instance: ImagingReference-title
InstanceOf: SearchParameter
Usage: #definition
Title: "ImagingReference title"
Description: "Why the selection was made (a Key Object Selection document title)."
* insert ImagingReferenceSearch(title, token, Title)
* description = "Why the selection was made (a Key Object Selection document title)."
* expression = "ImagingReference.title"
