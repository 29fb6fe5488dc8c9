// ImagingReference examples: one or more for each use case of the design card.
// SOP Class UIDs: CT Image Storage 1.2.840.10008.5.1.4.1.1.2, Enhanced CT Image Storage
// 1.2.840.10008.5.1.4.1.1.2.1, Comprehensive 3D SR Storage 1.2.840.10008.5.1.4.1.1.88.34.

// Use case 4: a key image note.
Instance: key-image-note
InstanceOf: ImagingReference
Usage: #example
Title: "Key image note"
Description: "Three key images of a CT chest study, flagged Of Interest by the radiologist."
* identifier.system = "http://pacs.example.org/key-image-notes"
* identifier.value = "KIN-2026-000417"
* subject = Reference(patient-jane-doe)
* issued = "2026-11-02T10:02:31+01:00"
* performer = Reference(practitioner-radiologist)
* title = $DCM#113000 "Of Interest"
* description = "Spiculated nodule in the right upper lobe, slices 41 to 43."
* studyUid = "2.25.311846519017287463201975431864025417"
* imagingStudy = Reference(imagingstudy-ct-chest)
* endpoint = Reference(endpoint-dicomweb)
* seriesUid = "2.25.171046583014950388436207729540151290"
* instance[0].sopClass = "1.2.840.10008.5.1.4.1.1.2"
* instance[0].uid = "2.25.171046583014950388436207729540151290.41"
* instance[1].sopClass = "1.2.840.10008.5.1.4.1.1.2"
* instance[1].uid = "2.25.171046583014950388436207729540151290.42"
* instance[2].sopClass = "1.2.840.10008.5.1.4.1.1.2"
* instance[2].uid = "2.25.171046583014950388436207729540151290.43"

// Use case 1: the images a DiagnosticReport is about.
Instance: report-images
InstanceOf: ImagingReference
Usage: #example
Title: "Images attached to a report"
Description: "The two images the CT chest report refers to, selected For Report Attachment."
* subject = Reference(patient-jane-doe)
* issued = "2026-11-02T10:15:00+01:00"
* performer = Reference(practitioner-radiologist)
* title = $DCM#113020 "For Report Attachment"
* studyUid = "2.25.311846519017287463201975431864025417"
* imagingStudy = Reference(imagingstudy-ct-chest)
* seriesUid = "2.25.171046583014950388436207729540151290"
* instance[0].sopClass = "1.2.840.10008.5.1.4.1.1.2"
* instance[0].uid = "2.25.171046583014950388436207729540151290.42"
* instance[1].uid = "2.25.171046583014950388436207729540151290.77"

// Use case 2: an AI summary Observation linked to one observation inside a DICOM SR.
Instance: ai-sr-observation
InstanceOf: ImagingReference
Usage: #example
Title: "Observation inside an AI SR"
Description: "One nodule measurement inside the SR that the AI nodule detector wrote; the summary Observation carries its core to the EMR."
* subject = Reference(patient-jane-doe)
* issued = "2026-11-02T09:31:12+01:00"
* performer = Reference(device-ai-nodule-detector)
* studyUid = "2.25.311846519017287463201975431864025417"
* imagingStudy = Reference(imagingstudy-ct-chest)
* seriesUid = "2.25.98451203664817239905471820336195217"
* instance[0].sopClass = "1.2.840.10008.5.1.4.1.1.88.34"
* instance[0].uid = "2.25.98451203664817239905471820336195217.1"
* instance[0].observationUid = "2.25.98451203664817239905471820336195217.1.7"

// Use case 3: FHIRcast, the volume a synchronised viewer loads.
Instance: fhircast-volume
InstanceOf: ImagingReference
Usage: #example
Title: "Volume to load (FHIRcast)"
Description: "The enhanced CT volume that a reporting application asks the synchronised viewer to load, in a FHIRcast event."
* subject = Reference(patient-jane-doe)
* issued = "2026-11-02T09:58:07+01:00"
* studyUid = "2.25.311846519017287463201975431864025417"
* endpoint = Reference(endpoint-dicomweb)
* seriesUid = "2.25.229317104652418840211873650947013558"
* instance[0].sopClass = "1.2.840.10008.5.1.4.1.1.2.1"
* instance[0].uid = "2.25.229317104652418840211873650947013558.1"

// A multi-frame selection: five frames of the enhanced CT volume.
Instance: multiframe-frames
InstanceOf: ImagingReference
Usage: #example
Title: "Frames of a multi-frame image"
Description: "Frames 40 to 44 of the enhanced CT volume, selected as a Group of Frames for Display."
* subject = Reference(patient-jane-doe)
* issued = "2026-11-02T10:04:45+01:00"
* performer = Reference(practitioner-radiologist)
* title = $DCM#113036 "Group of Frames for Display"
* studyUid = "2.25.311846519017287463201975431864025417"
* imagingStudy = Reference(imagingstudy-ct-chest)
* seriesUid = "2.25.229317104652418840211873650947013558"
* instance[0].sopClass = "1.2.840.10008.5.1.4.1.1.2.1"
* instance[0].uid = "2.25.229317104652418840211873650947013558.1"
* instance[0].frameNumber[0] = 40
* instance[0].frameNumber[1] = 41
* instance[0].frameNumber[2] = 42
* instance[0].frameNumber[3] = 43
* instance[0].frameNumber[4] = 44

// A whole-series selection: no instance element, so the entire series is selected.
Instance: whole-series-teaching
InstanceOf: ImagingReference
Usage: #example
Title: "Whole series for teaching"
Description: "The whole sagittal PD series of an MR knee study, selected For Teaching by a teaching-file curator."
* subject = Reference(patient-jane-doe)
* issued = "2026-10-22T08:00:00Z"
* performer = Reference(practitionerrole-teaching-radiologist)
* title = $DCM#113004 "For Teaching"
* description = "Bucket-handle tear of the medial meniscus"
* studyUid = "1.2.826.0.1.3680043.8.498.10473916548013125"
* imagingStudy = Reference(imagingstudy-mr-knee)
* endpoint = Reference(endpoint-dicomweb)
* seriesUid = "1.2.826.0.1.3680043.8.498.10473916548013125.3"
