// The wording of the HL7 validator's slicing messages (org.hl7.fhir.utilities Messages.properties), so that
// users see the same text from both tools. `profile` is the versioned URL (`url|version`).

export function sliceMinimum(sliceId: string, min: number, found: number, profile: string, extensionUrl?: string): string {
  const slice = extensionUrl ? `Slice '${sliceId}' for extension '${extensionUrl}'` : `Slice '${sliceId}'`;
  if (min === 1 && found === 0) return `${slice}: a matching slice is required, but not found (from ${profile}). Note that other slices are allowed in addition to this required slice`;
  return `${slice}: minimum required = ${min}, but only found ${found} (from ${profile})`;
}

export function sliceMaximum(sliceId: string, max: number, found: number, profile: string): string {
  return `${sliceId}: max allowed = ${max}, but found ${found} (from ${profile})`;
}

export function notInClosedSlicing(profile: string, slicedId: string, tried: string[]): string {
  return `This element does not match any known slice defined in the profile ${profile} and slicing is CLOSED: ${slicedId} (slices: ${tried.join(', ') || 'none'})`;
}

export function matchesSeveral(profile: string, first: string, second: string): string {
  return `Profile ${profile}, Element matches more than one slice - ${first}, ${second}`;
}

export function outOfSliceOrder(profile: string, name: string): string {
  return `As specified by profile ${profile}, Element '${name}' is out of order in ordered slice`;
}

export function notAtEnd(profile: string, slicedId: string, slice: string): string {
  return `As specified by profile ${profile}, the slicing of ${slicedId} is openAtEnd: this element of slice '${slice}' comes after an element that is in no slice`;
}

export function cannotEvaluate(problem: string): string {
  return `Slicing cannot be evaluated: ${problem}`;
}
