// Core resources that point at ImagingReference examples through the imaging-reference-link extension.

// Use case 1: a report linking the images it is about.
Instance: ct-chest-report
InstanceOf: DiagnosticReport
Usage: #example
Title: "CT chest report"
Description: "A CT chest report linking its key images and attached images."
* status = #final
* category = http://terminology.hl7.org/CodeSystem/v2-0074#RAD "Radiology"
* code = $LOINC#24627-2 "CT Chest"
* subject = Reference(patient-jane-doe)
* effectiveDateTime = "2026-11-02T09:14:00+01:00"
* issued = "2026-11-02T10:20:00+01:00"
* performer = Reference(practitioner-radiologist)
* study = Reference(imagingstudy-ct-chest)
* conclusion = "Spiculated 8 mm nodule in the right upper lobe; follow-up CT in 3 months."
* extension[0].url = "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link"
* extension[0].valueReference = Reference(report-images)
* extension[1].url = "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link"
* extension[1].valueReference = Reference(key-image-note)

// Use case 2: the core of an AI result in the EMR, linked to its detailed SR observation.
Instance: ai-nodule-summary
InstanceOf: Observation
Usage: #example
Title: "AI nodule summary"
Description: "The long-axis diameter of the nodule that the AI found, linked to the observation in the AI's SR that holds the detail."
* status = #final
* category = $obs-category#imaging "Imaging"
* code.text = "Lung nodule long-axis diameter"
* subject = Reference(patient-jane-doe)
* effectiveDateTime = "2026-11-02T09:31:12+01:00"
* device = Reference(device-ai-nodule-detector)
* valueQuantity = 8.2 'mm' "mm"
* extension[0].url = "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link"
* extension[0].valueReference = Reference(ai-sr-observation)

// Use case 1: a measurement linking the frames it was made on.
Instance: nodule-measurement
InstanceOf: Observation
Usage: #example
Title: "Nodule measurement on frames"
Description: "A radiologist's nodule measurement, linked to the frames of the enhanced CT volume it was made on."
* status = #final
* category = $obs-category#imaging "Imaging"
* code.text = "Lung nodule long-axis diameter"
* subject = Reference(patient-jane-doe)
* effectiveDateTime = "2026-11-02T10:04:45+01:00"
* performer = Reference(practitioner-radiologist)
* valueQuantity = 8.4 'mm' "mm"
* extension[0].url = "http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link"
* extension[0].valueReference = Reference(multiframe-frames)
