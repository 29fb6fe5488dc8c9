// Invariants of ImagingReference. Regexes use [.] rather than an escaped dot, because FHIRPath
// string escapes do not include \. and tools disagree on how to read it.

Invariant: irf-1
Description: "A DICOM UID: components of digits separated by single dots, no component with a leading zero (except 0 itself), at most 64 characters."
Expression: "hasValue() implies (matches('^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*))*$') and length() <= 64)"
Severity: #error

Invariant: irf-2
Description: "frameNumber and observationUid are not both present: frames select from multi-frame images, observation UIDs from SR documents."
Expression: "frameNumber.empty() or observationUid.empty()"
Severity: #error

Invariant: irf-3
Description: "Each SOP instance is selected at most once: frames and observations of one instance are listed in one instance element."
Expression: "instance.uid.isDistinct()"
Severity: #error

Invariant: irf-4
Description: "A frame number or an observation UID is listed at most once in an instance."
Expression: "frameNumber.isDistinct() and observationUid.isDistinct()"
Severity: #error
