// The titles of DICOM Key Object Selection documents (PS3.16, DCM codes), enumerated here
// so that the value set expands offline, without a terminology server.
ValueSet: ImagingReferenceTitle
Id: imaging-reference-title
Title: "ImagingReference Title"
Description: "Why a selection of DICOM objects was made: the Key Object Selection document titles of DICOM PS3.16."
* ^status = #draft
* ^experimental = false
* $DCM#113000 "Of Interest"
* $DCM#113001 "Rejected for Quality Reasons"
* $DCM#113002 "For Referring Provider"
* $DCM#113003 "For Surgery"
* $DCM#113004 "For Teaching"
* $DCM#113005 "For Conference"
* $DCM#113006 "For Therapy"
* $DCM#113007 "For Patient"
* $DCM#113008 "For Peer Review"
* $DCM#113009 "For Research"
* $DCM#113010 "Quality Issue"
* $DCM#113013 "Best In Set"
* $DCM#113018 "For Printing"
* $DCM#113020 "For Report Attachment"
* $DCM#113021 "For Litigation"
* $DCM#113030 "Manifest"
* $DCM#113031 "Signed Manifest"
* $DCM#113032 "Complete Study Content"
* $DCM#113033 "Signed Complete Study Content"
* $DCM#113034 "Complete Acquisition Content"
* $DCM#113035 "Signed Complete Acquisition Content"
* $DCM#113036 "Group of Frames for Display"
* $DCM#113037 "Rejected for Patient Safety Reasons"
* $DCM#113038 "Incorrect Modality Worklist Entry"
* $DCM#113039 "Data Retention Policy Expired"
