// Core resources cannot name ImagingReference as a reference target, so an Observation or a
// DiagnosticReport points at one through this extension.
Extension: ImagingReferenceLink
Id: imaging-reference-link
Title: "Link to an ImagingReference"
Description: "A selection of DICOM instances and frames (an ImagingReference) that this observation or report is about or was derived from."
* ^status = #draft
* ^experimental = false
* ^context[0].type = #element
* ^context[0].expression = "Observation"
* ^context[1].type = #element
* ^context[1].expression = "DiagnosticReport"
* value[x] only Reference(ImagingReference)
* value[x] 1..1
* value[x] ^short = "The selected DICOM instances and frames"
