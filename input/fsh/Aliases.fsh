Alias: $DCM = http://dicom.nema.org/resources/ontology/DCM
Alias: $LOINC = http://loinc.org
Alias: $SCT = http://snomed.info/sct
Alias: $obs-category = http://terminology.hl7.org/CodeSystem/observation-category
Alias: $v2-0074 = http://terminology.hl7.org/CodeSystem/v2-0074
Alias: $endpoint-connection-type = http://terminology.hl7.org/CodeSystem/endpoint-connection-type
Alias: $dicom-uid = urn:dicom:uid
Alias: $acsn = http://terminology.hl7.org/CodeSystem/v2-0203
