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

// R5 binds SearchParameter.base to the R5 resource types (required), which ImagingReference, a
// resource proposal, is not yet: its search parameters say `base = Resource` (in the value set, and
// 1..* satisfied) and name the resource they are for here, as HAPI FHIR does for custom resources
// (its searchparameter-custom-base-resource extension). Each expression starts at ImagingReference.
Extension: SearchParameterBaseResource
Id: search-parameter-base-resource
Title: "Search parameter on a proposed resource"
Description: "The resource type, not yet in FHIR R5 (a resource proposal such as ImagingReference), that this search parameter is for: its `base` is Resource until the type is in the core."
* ^status = #draft
* ^experimental = false
* ^context[0].type = #element
* ^context[0].expression = "SearchParameter"
* value[x] only code
* value[x] 1..1
* value[x] ^short = "The proposed resource type (ImagingReference)"
