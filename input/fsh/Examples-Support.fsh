// The resources the ImagingReference examples point to.

Instance: patient-jane-doe
InstanceOf: Patient
Usage: #example
Title: "Patient Jane Doe"
Description: "The patient of every example study."
* identifier.system = "http://hospital.example.org/mrn"
* identifier.value = "MRN-4711"
* name.family = "Doe"
* name.given = "Jane"
* gender = #female
* birthDate = "1961-04-12"

Instance: practitioner-radiologist
InstanceOf: Practitioner
Usage: #example
Title: "Radiologist"
Description: "The radiologist who selects key images and signs reports."
* identifier.system = "http://hospital.example.org/staff"
* identifier.value = "R-0815"
* name.family = "Roentgen"
* name.given = "Anna"
* name.prefix = "Dr."

Instance: practitionerrole-teaching-radiologist
InstanceOf: PractitionerRole
Usage: #example
Title: "Teaching radiologist"
Description: "The radiologist in the role of a teaching-file curator."
* practitioner = Reference(practitioner-radiologist)
* code.text = "Teaching file curator"

Instance: device-ai-nodule-detector
InstanceOf: Device
Usage: #example
Title: "AI lung nodule detector"
Description: "The AI application that detects lung nodules and writes its findings as a DICOM SR."
* displayName = "NoduleFinder"
* manufacturer = "Example AI Inc."
* version.value = "3.2.1"
* type.text = "Lung nodule detection software"

Instance: endpoint-dicomweb
InstanceOf: Endpoint
Usage: #example
Title: "DICOMweb endpoint of the PACS"
Description: "WADO-RS access to the studies of the examples."
* status = #active
* connectionType = $endpoint-connection-type#dicom-wado-rs "DICOM WADO-RS"
* payload.mimeType = #application/dicom
* address = "https://pacs.example.org/dicomweb"

Instance: imagingstudy-ct-chest
InstanceOf: ImagingStudy
Usage: #example
Title: "CT chest study"
Description: "A CT chest study with a thin-slice series, an enhanced multi-frame series and an AI SR series."
* identifier.system = "urn:dicom:uid"
* identifier.value = "urn:oid:2.25.311846519017287463201975431864025417"
* status = #available
* subject = Reference(patient-jane-doe)
* started = "2026-11-02T09:14:00+01:00"
* endpoint = Reference(endpoint-dicomweb)
* numberOfSeries = 3
* numberOfInstances = 104
* description = "CT CHEST WITHOUT CONTRAST"
* series[0].uid = "2.25.171046583014950388436207729540151290"
* series[0].number = 2
* series[0].modality = $DCM#CT "Computed Tomography"
* series[0].numberOfInstances = 100
* series[0].description = "Thin slices 1 mm"
* series[1].uid = "2.25.229317104652418840211873650947013558"
* series[1].number = 3
* series[1].modality = $DCM#CT "Computed Tomography"
* series[1].numberOfInstances = 1
* series[1].description = "Enhanced CT volume"
* series[2].uid = "2.25.98451203664817239905471820336195217"
* series[2].number = 900
* series[2].modality = $DCM#SR "SR Document"
* series[2].numberOfInstances = 3
* series[2].description = "AI findings"

Instance: imagingstudy-mr-knee
InstanceOf: ImagingStudy
Usage: #example
Title: "MR knee study"
Description: "An MR knee study, used for the teaching file and the FHIRcast examples."
* identifier.system = "urn:dicom:uid"
* identifier.value = "urn:oid:1.2.826.0.1.3680043.8.498.10473916548013125"
* status = #available
* subject = Reference(patient-jane-doe)
* started = "2026-10-21T15:40:00+01:00"
* endpoint = Reference(endpoint-dicomweb)
* numberOfSeries = 1
* numberOfInstances = 24
* series[0].uid = "1.2.826.0.1.3680043.8.498.10473916548013125.3"
* series[0].number = 3
* series[0].modality = $DCM#MR "Magnetic Resonance"
* series[0].numberOfInstances = 24
* series[0].description = "Sagittal PD FS"
